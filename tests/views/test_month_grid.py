"""remind calendar: the month grid, aligned by display width, and the same month as data."""

from __future__ import annotations

import json
import re

import pytest
from rich.cells import cell_len

from tests.conftest import BUNDLED, Run, golden


def calendar(run: Run, *args: str, columns: int = 120) -> str:
    result = run("--tasks", str(BUNDLED), "calendar", *args, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def border_columns(line: str) -> list[int]:
    """Display columns of the grid's vertical lines in one printed line."""
    found, at = [], 0
    for char in line:
        if char in "│┃┼╇╋┏┓┗┛┡┩├┤┬┴┳┻└┘┌┐":
            found.append(at)
        at += cell_len(char)
    return found


def test_june_2025_of_the_bureau(run: Run) -> None:
    shown = calendar(run, "--today", "2025-06-20", "--month", "2025-06", "--unit", "市科技创新局")
    golden("calendar-2025-06.txt", shown)
    grid = [line for line in shown.splitlines() if line[:1] in "┏┃┡│├└"]
    assert len(grid) > 10
    assert len({cell_len(line) for line in grid}) == 1  # every line as wide, Chinese or not
    assert len({tuple(border_columns(line)) for line in grid}) == 1  # borders line up
    assert "端午" in shown  # 31 May – 2 June
    assert "●报送半年办理" in shown


def test_a_window_crossing_the_end_of_the_month(run: Run) -> None:
    shown = calendar(run, "--today", "2025-11-20", "--month", "2025-11", "--unit", "市发改委",
                     "--format", "json")  # fmt: skip
    (month,) = json.loads(shown)["months"]
    assert [d["date"] for d in month["days"]][::29] == ["2025-11-01", "2025-11-30"]
    summary = [{i["task"] for i in d["items"] if i["kind"] == "window"} for d in month["days"]]
    assert all("yian-2025-unit-summary" in tasks for tasks in summary)  # every day of November
    december = json.loads(calendar(run, "--today", "2025-11-20", "--month", "2025-12",
                                   "--unit", "市发改委", "--format", "json"))["months"][0]  # fmt: skip
    # a member of 各承办单位, it hands in its own summary by the window's last day
    kinds = {
        day["date"]: i["kind"]
        for day in december["days"]
        for i in day["items"]
        if i["task"] == "yian-2025-unit-summary"
    }
    assert kinds["2025-12-31"] == "due"
    assert kinds["2025-12-01"] == "window"
    assert "yian-2025-inspection" not in str(december)  # the 副市长's, not the unit's


def test_holidays_and_makeup_workdays(run: Run) -> None:
    shown = calendar(run, "--today", "2025-09-20", "--month", "2025-09", "--months", "2")
    assert "28 班" in shown  # Sunday 28 September was worked
    assert " 1 国庆节" in shown
    data = json.loads(
        calendar(run, "--today", "2025-09-20", "--month", "2025-10", "--format", "json")
    )
    days = {d["date"]: d for d in data["months"][0]["days"]}
    assert (days["2025-10-08"]["workday"], days["2025-10-08"]["holiday"]) == (False, "国庆节")
    assert days["2025-10-11"]["makeup_workday"] is True
    assert len(days) == 31


def test_a_narrow_terminal_gets_the_compact_form(run: Run) -> None:
    shown = calendar(run, "--today", "2025-06-20", "--month", "2025-06", "--unit", "市科技创新局",
                     columns=60)  # fmt: skip
    assert all(cell_len(line) <= 60 for line in shown.splitlines())
    assert "┃" not in shown
    assert "6月30日周一 未到 报送半年办理工作总结" in shown.splitlines()
    assert re.search(r"^\s+30•", shown, flags=re.MULTILINE)


def test_more_items_than_a_cell_holds(run: Run) -> None:
    shown = calendar(run, "--today", "2025-12-01", "--month", "2025-12")
    assert re.search(r"│ \+\d+ ", shown)  # 31 December holds the year's targets


@pytest.mark.parametrize(("month", "title"), [("6月", "2025年6月"), ("2025年7月", "2025年7月"),
                                              ("下月", "2025年7月")])  # fmt: skip
def test_the_month_as_a_clerk_writes_it(run: Run, month: str, title: str) -> None:
    assert title in calendar(run, "--today", "2025-06-20", "--month", month).splitlines()[0]


def test_a_month_that_is_not_one(run: Run) -> None:
    result = run("--tasks", str(BUNDLED), "calendar", "--month", "每月")
    assert result.exit_code == 2
    assert "--month: expected a month like 2025-06" in result.stderr
