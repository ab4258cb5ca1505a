"""A unit's weekly digest written out: as plain text, as Markdown (for chat robots and wikis)
and as HTML mail clients show as it is. Computes nothing: the digest is remind.core.digest's."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from remind.core.digest import Digest
from remind.core.labels import chinese_date, weekday_name
from remind.core.model import ONCE, Entry, Status
from remind.core.targets import Pace
from remind.core.text import one_line
from remind.views.grid import NO_LINE_START, width_of
from remind.views.messages import earlier_overdue
from remind.views.wording import (
    LIGHT_COLOURS,
    LIGHT_WORDS,
    STATUS_COLOURS,
    STATUS_WORDS,
    due_note,
    figure_text,
    figure_words,
    pace_why,
)


def subject(digest: Digest) -> str:
    """【督办提醒】法制处 · 本周到期3项 · 逾期1项（6月16日—6月22日）, on one line whatever the
    unit's name holds: a line break in a header would start a header of its own."""
    mark = "【催办】" if digest.escalated else "【督办提醒】"
    parts = [f"{mark}{digest.unit}", f"本周到期{digest.open_this_week}项"]
    if digest.overdue_count:
        parts.append(f"逾期{digest.overdue_count}项")
    return one_line(" · ".join(parts) + f"（{digest.week.label}）")


SECTIONS = ("逾期未办", "本周到期", "下周到期", "上周已办")


def sections(digest: Digest) -> list[tuple[str, tuple[Entry, ...]]]:
    lists = (digest.overdue, digest.this_week, digest.next_week, digest.done_last_week)
    return list(zip(SECTIONS, lists, strict=True))


def row_cells(item: Entry, digest: Digest) -> tuple[str, str, str, str, str]:
    """状态, 截止日期, 期次, 事项, 牵头 — as plain strings."""
    occurrence, task = item.occurrence, item.occurrence.task
    status = STATUS_WORDS[item.status]
    if item.status is Status.OVERDUE:
        status += f" {-item.days_left}天"
        status += " 催办" if digest.urged(item) else ""
    elif item.status is Status.DONE and item.done_on:
        status += f" {item.done_on:%m-%d}"
    due = f"{occurrence.due:%Y-%m-%d} {weekday_name(occurrence.due)}"
    if note := due_note(occurrence, told=digest.was_due(item)):
        due += f"，{note}"
    period = "" if occurrence.period == ONCE else occurrence.label
    return status, due, period, f"{task.title}（{task.id}）", "、".join(task.lead)


def anchor(task_id: str, period: str) -> str:
    """The id of an occurrence's item on the unit's page of the 督办 service."""
    return f"{task_id}--{period}"


def record_link(digest: Digest, item: Entry) -> str:
    """Where the unit records the item done: its page in the 督办 service, that item's form
    open; "" when the digest has no link, or the item is done."""
    if not digest.link or item.status is Status.DONE:
        return ""
    from urllib.parse import quote

    found = quote(anchor(item.occurrence.task.id, item.occurrence.period), safe="")
    return f"{digest.link}?open={found}#{found}"


def footer(digest: Digest, made_for: str = "本邮件") -> str:
    """How to record: by the rows' links when there are, else the command."""
    how = ("办结后点各事项的“登记办结”即可登记。" if digest.link
           else "办结后请登记：remind done 任务编号 --period 期次。")  # fmt: skip
    return f"{how}{made_for}由 remind 根据任务清单自动生成。"


ALL_ITEMS = "本单位全部事项"  # the words of the link to the unit's page


TARGETS = "指标进度"
TARGET_HEADERS = ("状态", "指标", "目标", "最新", "说明")


def target_row(pace: Pace) -> tuple[str, str, str, str, str]:
    """状态, 指标, 目标, 最新, 说明 — as plain strings."""
    target, figure, latest = pace.target, pace.target.figure, pace.latest
    shown = f"{target.text}（{target.key}）"
    if figure is None:
        return LIGHT_WORDS[pace.light], shown, "", "", pace_why(pace)
    reached = f"{figure_text(latest.value, figure)}（{latest.on:%m-%d}）" if latest else "未报"
    goal = figure_words(figure)
    if pace.expected is not None and pace.expected != figure.amount:
        goal += f"，应达{figure_text(pace.expected, figure, finer=1)}"
    return LIGHT_WORDS[pace.light], shown, goal, reached, pace_why(pace)


def _heading(digest: Digest) -> str:
    return f"{digest.unit} · {digest.week.label} · 截至{chinese_date(digest.today)}"


def urging_line(digest: Digest) -> str:
    if not digest.escalated:
        return ""
    return (f"催办：{len(digest.escalated)}项逾期超过{digest.escalate_after}个工作日，"
            "请尽快办理并登记。")  # fmt: skip


def earlier_note(digest: Digest) -> str:
    if not digest.earlier_overdue:
        return ""
    import shlex

    plain = not any(char in digest.unit for char in " \t'\"$`\\;&|<>()*?[]#~")
    command = f"remind due --unit {digest.unit if plain else shlex.quote(digest.unit)} "
    return earlier_overdue(digest.earlier_overdue, digest.earliest_overdue, command)


TEXT_WIDTH = 78  # the plain-text part is read in 80 columns, and on phones


def as_text(digest: Digest) -> str:
    """Plain text within TEXT_WIDTH columns: each item its status, date and period on one
    line, its title, id and lead units under it."""
    lines = [*_wrapped(_heading(digest)), ""]
    if urging := urging_line(digest):
        lines += [*_wrapped(urging), ""]
    for title, items in sections(digest):
        lines.append(f"{title}（{len(items)}项）")
        for item in items:
            status, due, period, task, lead = row_cells(item, digest)
            lines += _wrapped("  ".join(p for p in (status, due, period) if p), "  ")
            lines += _wrapped(f"{task}  牵头：{lead}", "      ")
            if link := record_link(digest, item):
                lines.append(f"      登记办结 {link}")  # a link is never broken
        lines += [] if items else ["  无"]
        lines.append("")
    if note := earlier_note(digest):
        lines += [*_wrapped(note), ""]
    if digest.targets:
        lines.append(f"{TARGETS}（{len(digest.targets)}项）")
        for pace in digest.targets:
            light, shown, *rest = target_row(pace)
            lines += _wrapped(f"{light}  {shown}", "  ")
            lines += _wrapped("  ".join(p for p in rest if p), "      ")
        lines += [*_wrapped(readings_line(digest)), ""]
    lines += _wrapped(footer(digest))
    lines += [f"{ALL_ITEMS} {digest.link}"] if digest.link else []
    return "\n".join(lines) + "\n"


def _wrapped(text: str, indent: str = "") -> list[str]:
    """`text` after `indent`, in lines of at most TEXT_WIDTH columns (a Chinese character is
    two), broken after a space or punctuation where one is near, and not before a mark that
    must not begin a line: that one mark stays, two columns past TEXT_WIDTH at the most."""
    lines, line = [], indent
    for char in text:
        full = width_of(line + char) > TEXT_WIDTH
        # a closing mark stays on its line, two columns over at the most
        if full and line.strip() and (char not in NO_LINE_START or width_of(line) > TEXT_WIDTH):
            head, tail = _break(line, indent)
            lines.append(head.rstrip())
            line = indent + tail.lstrip()
        line += char
    return [*lines, line.rstrip()]


def _break(line: str, indent: str) -> tuple[str, str]:
    """Where to break a full line: after its last space or punctuation in the last third,
    else at its end."""
    body = line[len(indent) :]
    for at in range(len(body) - 1, len(body) * 2 // 3, -1):
        if body[at] in " ·，、；（" and (at + 1 >= len(body) or body[at + 1] not in NO_LINE_START):
            split = at if body[at] == "（" else at + 1
            return indent + body[:split], body[split:]
    return line, ""


def as_markdown(digest: Digest) -> str:
    lines = [f"## {_md(_heading(digest))}", ""]
    if urging := urging_line(digest):
        lines += [f"**{_md(urging)}**", ""]
    for title, items in sections(digest):
        lines += [f"### {title}（{len(items)}项）", ""]
        if not items:
            lines += ["无", ""]
            continue
        lines += ["| 状态 | 截止日期 | 期次 | 事项 | 牵头 |", "|---|---|---|---|---|"]
        lines += [_md_row(item, digest) for item in items]
        lines.append("")
    if note := earlier_note(digest):
        lines += [_md(note), ""]
    if digest.targets:
        lines += [f"### {TARGETS}（{len(digest.targets)}项）", ""]
        lines += ["| " + " | ".join(TARGET_HEADERS) + " |", "|---|---|---|---|---|"]
        lines += ["| " + " | ".join(_md(p) for p in target_row(t)) + " |" for t in digest.targets]
        lines += ["", _md(readings_line(digest)), ""]
    lines.append(_md(footer(digest)) + (f" [{ALL_ITEMS}]({digest.link})" if digest.link else ""))
    return "\n".join(lines) + "\n"


def _md_row(item: Entry, digest: Digest) -> str:
    *cells, lead = (_md(p) for p in row_cells(item, digest))
    if link := record_link(digest, item):
        cells[-1] += f" [登记办结]({link})"
    return "| " + " | ".join((*cells, lead)) + " |"


def _md(text: str) -> str:
    return one_line(text).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def as_html(digest: Digest) -> str:
    """A page mail clients show as it is: a table per section, colours inline, no images,
    no scripts, every text escaped."""
    parts = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(subject(digest))}</title></head>",
        "<body style=\"font-family:'Microsoft YaHei','PingFang SC',sans-serif;color:#101828\">",
        f'<h2 style="font-size:18px">{escape(_heading(digest))}</h2>',
    ]
    if urging := urging_line(digest):
        parts.append(f'<p style="color:#b42318;font-weight:bold">{escape(urging)}</p>')
    for title, items in sections(digest):
        parts.append(_html_heading(title, len(items)))
        if not items:
            parts.append('<p style="color:#667085;margin:0">无</p>')
            continue
        parts.append(_html_table(("状态", "截止日期", "期次", "事项", "牵头")))
        for item in items:
            status, *rest = row_cells(item, digest)
            parts.append(_html_row(STATUS_COLOURS[item.status], status, rest,
                                   link=record_link(digest, item)))  # fmt: skip
        parts.append("</table>")
    if note := earlier_note(digest):
        parts.append(f"<p>{escape(note)}</p>")
    if digest.targets:
        parts.append(_html_heading(TARGETS, len(digest.targets)))
        parts.append(_html_table(TARGET_HEADERS))
        for pace in digest.targets:
            light, *rest = target_row(pace)
            parts.append(_html_row(LIGHT_COLOURS[pace.light], light, rest))
        parts.append(f"</table><p>{escape(readings_line(digest))}</p>")
    page = f' <a href="{escape(digest.link)}">{ALL_ITEMS}</a>' if digest.link else ""
    parts.append(
        f'<p style="color:#667085;font-size:12px">{escape(footer(digest))}{page}</p></body></html>'
    )
    return "\n".join(parts) + "\n"


_CELL = "padding:4px 8px;border:1px solid #d0d5dd;text-align:left;vertical-align:top"


def _html_heading(title: str, count: int) -> str:
    return f'<h3 style="font-size:15px;margin:16px 0 6px">{title}（{count}项）</h3>'


def _html_table(headers: Sequence[str]) -> str:
    head = "".join(f'<th style="{_CELL};background:#f2f4f7">{h}</th>' for h in headers)
    return f'<table style="border-collapse:collapse;font-size:14px"><tr>{head}</tr>'


def _html_row(colours: tuple[str, str], status: str, rest: Sequence[str], link: str = "") -> str:
    """A row whose first cell carries the status in its colours, and its 事项 (the fourth
    cell) the link to record it by; every text escaped."""
    colour, background = colours
    shown = [escape(p) for p in rest]
    if link:
        shown[2] += f'<br><a href="{escape(link)}" style="color:#175cd3">登记办结</a>'
    cells = f'<td style="{_CELL};color:{colour};background:{background};font-weight:bold">'
    cells += f"{escape(status)}</td>"
    cells += "".join(f'<td style="{_CELL}">{p}</td>' for p in shown)
    return f"<tr>{cells}</tr>"


def readings_line(digest: Digest) -> str:
    """How to report a target's progress: on the unit's page when it has one."""
    if digest.link:
        return "报送进度：在本单位页面的“序时进度”中填报。"
    return "报送进度：remind progress 任务编号 数值（多项指标加 --item 序号）。"
