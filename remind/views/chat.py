"""A unit's weekly digest as group-chat messages: 企业微信, 钉钉 and 飞书 robots each take their own
JSON. Computes nothing: the digest is remind.core.digest's; signing and sending are
remind.delivery.chat's.

Robots show a narrow column on a phone and render no tables, so each item is one line of a
list. Text from the task list cannot mention anyone or add markup of the robot's own
(`<@userid>`, `<at id=all>`, `<font>`): its angle brackets are shown as full-width ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from remind.core.digest import Digest
from remind.core.labels import chinese_date
from remind.core.model import Entry, Light
from remind.core.text import one_line
from remind.views.digest import (
    ALL_ITEMS,
    earlier_note,
    footer,
    readings_line,
    record_link,
    row_cells,
    sections,
    subject,
    urging_line,
)
from remind.views.wording import LIGHT_WORDS

# the most bytes of text one message may carry: 企业微信 says 4096 of markdown; 钉钉 and 飞书
# take 20,000 bytes a request, which leaves room for the rest of the JSON
LIMITS = {"wecom": 4096, "dingtalk": 18000, "feishu": 18000}
Payload = dict[str, Any]


def messages(digest: Digest, kind: str, mentions: Sequence[str] = ()) -> list[Payload]:
    """The robot's messages for the digest, in order: one, or several when the text would pass
    the robot's limit (split between items, never inside a character). `mentions` are the
    mobile numbers to @-mention on 催办, where the robot can."""
    parts = _split(_lines(digest), LIMITS[kind] - 200)  # room for (续2/3) and the mentions
    texts = [_numbered(part, index, len(parts)) for index, part in enumerate(parts)]
    title = subject(digest)
    if kind == "wecom":
        made = [{"msgtype": "markdown", "markdown": {"content": text}} for text in texts]
        return made + ([_wecom_mention(digest, mentions)] if mentions else [])
    if kind == "dingtalk":
        return [_dingtalk(title, text, mentions if index == 0 else ())
                for index, text in enumerate(texts)]  # fmt: skip
    return [_feishu(title if index == 0 else f"{title}（续）", text, bool(digest.escalated))
            for index, text in enumerate(texts)]  # fmt: skip


def _lines(digest: Digest) -> list[str]:
    lines = [f"**{_safe(subject(digest))}**", f"截至{chinese_date(digest.today)}"]
    if urging := urging_line(digest):
        lines.append(f"**{_safe(urging)}**")
    shown = [(title, items) for title, items in sections(digest) if items]
    for title, items in shown:
        lines.append(f"**{title}（{len(items)}项）**")
        lines += [_line(item, digest) for item in items]
    if not shown:
        lines.append("本周没有逾期、到期或已办的事项。")
    if note := earlier_note(digest):
        lines.append(_safe(note))
    if digest.targets:
        lines += _targets(digest)
    page = f" [{ALL_ITEMS}]({digest.link})" if digest.link else ""
    lines.append(_safe(footer(digest, "本消息")) + page)
    return lines


def _line(item: Entry, digest: Digest) -> str:
    """- 逾期 5天 · 2025-06-05 周四 · … · [登记办结](…): the robots' markdown all take the link."""
    line = f"- {_safe(' · '.join(p for p in row_cells(item, digest) if p))}"
    link = record_link(digest, item)
    return f"{line} · [登记办结]({link})" if link else line


def _targets(digest: Digest) -> list[str]:
    """The count of each light, and the targets behind their pace by name."""
    counts = {light: 0 for light in Light}
    for pace in digest.targets:
        counts[pace.light] += 1
    tally = " · ".join(f"{LIGHT_WORDS[light]}{n}" for light, n in counts.items() if n)
    lines = [f"**指标进度（{len(digest.targets)}项）**：{tally}"]
    behind = [pace for pace in digest.targets if pace.light is not Light.GREEN]
    lines += [
        f"- {LIGHT_WORDS[p.light]} · {_safe(p.target.text)}（{p.target.key}）" for p in behind
    ]
    return [*lines, readings_line(digest)]


def _safe(text: str) -> str:
    """One line whose brackets no robot reads as its own markup."""
    return one_line(text).replace("<", "＜").replace(">", "＞")


def _split(lines: list[str], limit: int) -> list[list[str]]:
    """The lines in parts of at most `limit` UTF-8 bytes each, a line too long cut short."""
    parts: list[list[str]] = [[]]
    size = 0
    for line in lines:
        line = _cut(line, limit)
        length = len(line.encode()) + 1
        if parts[-1] and size + length > limit:
            parts.append([])
            size = 0
        parts[-1].append(line)
        size += length
    return parts


def _cut(line: str, limit: int) -> str:
    if len(line.encode()) < limit:
        return line
    kept = line.encode()[: limit - 4].decode("utf-8", "ignore")  # never half a character
    return kept + "…"


def _numbered(part: list[str], index: int, count: int) -> str:
    mark = [f"（续{index + 1}/{count}）"] if index else []
    return "\n".join([*mark, *part])


def _wecom_mention(digest: Digest, mobiles: Sequence[str]) -> Payload:
    """企业微信 markdown cannot @-mention by mobile number; a text message can."""
    text = (f"【催办】{_safe(digest.unit)}有{len(digest.escalated)}项逾期超过"
            f"{digest.escalate_after}个工作日，请分管领导督促办理。")  # fmt: skip
    return {"msgtype": "text", "text": {"content": text, "mentioned_mobile_list": list(mobiles)}}


def _dingtalk(title: str, text: str, mobiles: Sequence[str]) -> Payload:
    """钉钉 @-mentions a number named in `at` and written as @number in the text."""
    if mobiles:
        text += "\n\n" + " ".join(f"@{mobile}" for mobile in mobiles) + " 请督促办理。"
    return {
        "msgtype": "markdown",
        "markdown": {"title": title, "text": text},
        "at": {"atMobiles": list(mobiles), "isAtAll": False},
    }


def _feishu(title: str, text: str, urgent: bool) -> Payload:
    """An interactive card; a custom 飞书 robot can @-mention only by user id, not by number."""
    return {
        "msg_type": "interactive",
        "card": {
            "config": {"wide_screen_mode": True},
            "header": {
                "title": {"tag": "plain_text", "content": title},
                "template": "red" if urgent else "blue",
            },
            "elements": [{"tag": "markdown", "content": text}],
        },
    }
