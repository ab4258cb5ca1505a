"""The grid that draws the due table: breaking lines by 标点禁则, sharing out the width, and
drawing what rich's tables look like."""

from __future__ import annotations

import pytest

from remind.views.grid import NO_LINE_END, NO_LINE_START, Column, Row, draw, width_of, wrap


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("对口联系洪山区创新主体，协调解决困难", 22, ["对口联系洪山区创新主", "体，协调解决困难"]),
        ("报送工作简报、统计报表", 10, ["报送工作简", "报、统计报", "表"]),
        ("完成第一（阶段）任务", 10, ["完成第一", "（阶段）任", "务"]),
        ("请于10日前报送。", 8, ["请于10日", "前报送。"]),
        ("营商环境通知 四（十四）", 10, ["营商环境通", "知", "四（十四）"]),
        ("kj2021-14-hongshan", 18, ["kj2021-14-hongshan"]),
        ("short", 10, ["short"]),
        ("", 5, [""]),
    ],
)
def test_lines_are_broken_to_fit(text: str, width: int, lines: list[str]) -> None:
    assert wrap(text, width) == lines


@pytest.mark.parametrize("width", range(8, 30))  # a cell of four characters and more
@pytest.mark.parametrize(
    "text",
    [
        "对口联系洪山区创新主体，协调解决困难和问题。",
        "各区（开发区）、各部门：请于每月10日前报送“工作简报”，（含附件）！",
        "市文化和旅游局（市文物局）牵头，市统计局、市财政局配合；按季度报送。",
        "《关于做好2024年科技创新工作的通知》〔2024〕3号",
    ],
)
def test_no_line_begins_with_a_closing_mark_or_ends_with_an_opening_one(
    text: str, width: int
) -> None:
    lines = wrap(text, width)
    assert "".join(lines) == text.replace(" ", "")
    assert all(width_of(line) <= width for line in lines)
    assert not any(line[0] in NO_LINE_START for line in lines[1:])
    assert not any(line[-1] in NO_LINE_END for line in lines[:-1])


def _text(drawn: list[list[tuple[str, str]]]) -> list[str]:
    return ["".join(text for text, _ in line) for line in drawn]


COLUMNS = [Column("状态"), Column("事项", ratio=2, least=18), Column("牵头", ratio=1)]
ROWS = [
    Row([[("逾期", "red")], [("对口联系洪山区创新主体", ""), ("kj2021-14-hongshan", "dim")],
         [("法制处", "")]]),
    Row([[("✓ 已办结", "green")], [("报送工作简报", ""), ("yian-2025-brief", "dim")],
         [("办公室、法制处、规划处、高新处", "")]], style="dim"),
]  # fmt: skip


@pytest.mark.parametrize("total", [40, 60, 80, 100, 120])
def test_the_table_fills_the_width_and_keeps_ids_whole(total: int) -> None:
    lines = _text(draw("标题", COLUMNS, ROWS, total))
    assert lines[0] == "标题"
    assert {width_of(line) for line in lines[1:]} == {max(total, 3 * 3 + 1 + 4 + 18 + 1)}
    assert any("kj2021-14-hongshan" in line for line in lines)
    assert lines[1].startswith("┏")
    assert lines[-1].startswith("└")
    assert sum(line.startswith("├") for line in lines) == len(ROWS) - 1


def test_a_rows_style_reaches_every_piece_and_the_header_is_bold() -> None:
    drawn = draw("", COLUMNS, ROWS, 80)
    header = drawn[1]
    assert ("状态", "bold") in header
    done = [piece for line in drawn for piece in line if piece[0] == "yian-2025-brief"]
    assert done == [("yian-2025-brief", "dim dim")]
    assert ("✓ 已办结", "green dim") in [p for line in drawn for p in line]
