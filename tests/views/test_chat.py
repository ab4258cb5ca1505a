"""A digest as group-chat messages: within each robot's limit, cut between items and never
inside a character, and no text of the task list read as a robot's markup."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from remind.core import digest as weekly
from remind.core.digest import Digest
from remind.storage.tasklist import load_tasklist
from remind.views.chat import LIMITS, messages
from tests.conftest import DATA

TODAY = date(2025, 6, 20)


def a_digest(title: str = "", times: int = 1) -> Digest:
    tasklist = load_tasklist(DATA / "tasks.toml")
    tasks = [replace(t, title=title or t.title) for t in tasklist.tasks]
    found = weekly.build("法制处", tasks, (), today=TODAY, week=weekly.Week.of(TODAY),
                         since=date(2022, 1, 1), warn_days=7)  # fmt: skip
    return replace(found, overdue=found.overdue * times)


def texts(digest: Digest, kind: str) -> list[str]:
    found = []
    for message in messages(digest, kind):
        if kind == "wecom":
            found.append(message["markdown"]["content"] if "markdown" in message else "")
        elif kind == "dingtalk":
            found.append(message["markdown"]["text"])
        else:
            found.append(message["card"]["elements"][0]["content"])
    return found


@pytest.mark.parametrize("kind", ["wecom", "dingtalk", "feishu"])
def test_a_long_week_is_split_between_items_within_the_limit(kind: str) -> None:
    digest = a_digest("对口联系洪山区创新主体，协调解决困难和问题" * 3, times=40)
    parts = texts(digest, kind)
    assert len(parts) > 1
    assert all(len(part.encode()) <= LIMITS[kind] for part in parts)
    assert parts[1].startswith(f"（续2/{len(parts)}）")
    items = [line for part in parts for line in part.splitlines() if line.startswith("- ")]
    assert len(items) == len(digest.overdue)  # every item, each whole in one part


def test_an_item_longer_than_a_message_is_cut_at_a_character() -> None:
    parts = texts(a_digest("很长的事项" * 2000), "wecom")
    assert all(len(part.encode()) <= LIMITS["wecom"] for part in parts)
    assert any(line.endswith("…") for part in parts for line in part.splitlines())
    for part in parts:
        part.encode().decode("utf-8")  # whole characters only


@pytest.mark.parametrize("markup", ["<@all>", '<at id="all"></at>', '<font color="info">'])
@pytest.mark.parametrize("kind", ["wecom", "dingtalk", "feishu"])
def test_text_of_the_task_list_mentions_no_one(kind: str, markup: str) -> None:
    parts = texts(a_digest(f"报送{markup}简报"), kind)
    assert "<" not in "".join(parts)
    assert "报送＜" in parts[0]


def test_urging_mentions_the_leader_where_the_robot_can() -> None:
    digest = a_digest()
    assert digest.escalated
    wecom = messages(digest, "wecom", ["13800000001"])
    assert wecom[-1] == {
        "msgtype": "text",
        "text": {
            "content": f"【催办】法制处有{len(digest.escalated)}项逾期超过3个工作日，请分管领导督促办理。",
            "mentioned_mobile_list": ["13800000001"],
        },
    }
    dingtalk = messages(digest, "dingtalk", ["13800000001"])[0]
    assert dingtalk["at"]["atMobiles"] == ["13800000001"]
    assert dingtalk["markdown"]["text"].endswith("@13800000001 请督促办理。")
    feishu = messages(digest, "feishu", ["13800000001"])
    assert "13800000001" not in str(feishu)  # a custom 飞书 robot mentions by user id only
