"""The working-day calendar against the State Council's notices, and due dates moved by it.

Expected days are copied from the notices (国务院办公厅关于2025年、2026年部分节假日安排的通知),
not computed.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remind.core.model import Deadline, Freq, OnLastDay, Recurring, Task
from remind.core.schedule import occurrences
from remind.core.workdays import WEEKDAYS_ONLY, Shift, WorkCalendar
from remind.storage.holidays import china
from remind.storage.tasklist import load_tasklist
from remind.views.messages import calendar_warning
from remind.views.wording import moved_from
from tests.conftest import BUNDLED, Run

CN = china()


def days(*spec: tuple[int, int, int]) -> list[date]:
    return [date(*d) for d in spec]


@pytest.mark.parametrize(
    ("off", "worked"),
    [
        # 2025 春节: 1月28日至2月4日放假; 1月26日（周日）、2月8日（周六）上班
        (days((2025, 1, 28), (2025, 2, 3), (2025, 2, 4)), days((2025, 1, 26), (2025, 2, 8))),
        # 2025 国庆节、中秋节: 10月1日至8日放假; 9月28日（周日）、10月11日（周六）上班
        (days((2025, 10, 1), (2025, 10, 8)), days((2025, 9, 28), (2025, 10, 11))),
        # 2026 元旦: 1月1日至3日放假; 1月4日（周日）上班
        (
            days((2026, 1, 1), (2026, 1, 2)),
            days(
                (2026, 1, 4),
            ),
        ),
        # 2026 春节: 2月15日至23日放假; 2月14日（周六）、2月28日（周六）上班
        (days((2026, 2, 16), (2026, 2, 20), (2026, 2, 23)), days((2026, 2, 14), (2026, 2, 28))),
        # 2026 国庆节: 10月1日至7日放假; 9月20日（周日）、10月10日（周六）上班
        (days((2026, 10, 1), (2026, 10, 7)), days((2026, 9, 20), (2026, 10, 10))),
    ],
)
def test_holidays_and_working_weekends(off: list[date], worked: list[date]) -> None:
    assert [CN.is_workday(d) for d in off] == [False] * len(off)
    assert [CN.is_workday(d) for d in worked] == [True] * len(worked)
    assert not CN.unknown_asked


def test_holidays_have_their_chinese_names() -> None:
    assert CN.holiday(date(2025, 10, 3)) == "国庆节"
    assert CN.holiday(date(2026, 2, 17)) == "春节"
    assert CN.holiday(date(2025, 6, 28)) == ""  # a plain Saturday


@pytest.mark.parametrize(
    ("day", "how", "expected"),
    [
        (date(2025, 10, 1), "before", date(2025, 9, 30)),
        (date(2025, 10, 1), "after", date(2025, 10, 9)),
        (date(2025, 10, 5), "keep", date(2025, 10, 5)),
        (date(2026, 2, 20), "before", date(2026, 2, 14)),  # back across the holiday to 调休
        (date(2026, 2, 15), "after", date(2026, 2, 24)),
        (date(2025, 2, 8), "before", date(2025, 2, 8)),  # a 调休 Saturday is a working day
        (date(2025, 6, 30), "before", date(2025, 6, 30)),
        (date(2024, 6, 30), "before", date(2024, 6, 28)),  # a Sunday
    ],
)
def test_shift(day: date, how: str, expected: date) -> None:
    assert CN.shift(day, how) == expected


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (date(2025, 9, 26), 3, date(2025, 9, 30)),  # 9-28 (调休 Sunday), 9-29, 9-30
        (date(2025, 9, 26), 4, date(2025, 10, 9)),  # over 国庆 to the first day back
        (date(2026, 2, 13), 1, date(2026, 2, 14)),  # the 调休 Saturday counts
        (date(2026, 2, 13), 2, date(2026, 2, 24)),
        (date(2025, 10, 9), -5, date(2025, 9, 25)),
        (date(2025, 6, 16), 10, date(2025, 6, 30)),  # 10个工作日内 from a Monday
        (date(2025, 6, 16), 0, date(2025, 6, 16)),
    ],
)
def test_add_workdays(start: date, count: int, expected: date) -> None:
    assert CN.add_workdays(start, count) == expected


def test_a_year_without_a_notice_is_remembered_and_warned_about() -> None:
    calendar = china()
    assert calendar.shift(date(2030, 10, 5), "before") == date(2030, 10, 4)  # weekends only
    assert calendar.unknown_asked == {2030}
    assert "2030" in calendar_warning(calendar)
    assert "holidays" in calendar_warning(calendar)
    assert calendar_warning(china()) == ""


def test_the_task_list_adds_a_year_the_library_lacks() -> None:
    calendar = china(
        holidays=days((2030, 10, 1), (2030, 10, 2), (2030, 10, 3), (2030, 10, 4)),
        working_weekends=days(
            (2030, 9, 29),
        ),
    )
    assert calendar.shift(date(2030, 10, 4), "before") == date(2030, 9, 30)
    assert calendar.is_workday(date(2030, 9, 29))
    assert calendar.holiday(date(2030, 10, 1)) == "放假"
    assert calendar_warning(calendar) == ""  # the coordinator copied 2030's notice


def test_weekdays_only_knows_every_year() -> None:
    calendar = WorkCalendar()
    assert calendar.shift(date(2025, 10, 1), "before") == date(2025, 10, 1)
    assert calendar_warning(calendar) == ""
    assert WEEKDAYS_ONLY.is_workday(date(2025, 10, 4)) is False


def test_the_engine_moves_due_dates_and_keeps_the_plans_date() -> None:
    task = Task(
        "brief",
        "报送办理工作简报",
        "plan",
        Recurring(Freq.MONTH, OnLastDay(), date(2025, 4, 1), date(2025, 10, 31)),
        ("法制处",),
        shift=Shift("before", CN),
    )
    found = {o.period: (o.due, o.planned) for o in occurrences(task, date.min, date(2030, 1, 1))}
    assert found["2025-05"] == (date(2025, 5, 30), date(2025, 5, 31))
    assert found["2025-08"] == (date(2025, 8, 29), date(2025, 8, 31))
    assert found["2025-06"] == (date(2025, 6, 30), None)
    assert len(found) == 7


def test_a_shift_never_drops_the_first_period() -> None:
    # due 2025-02-01 (春节) moves back to 1-27, before `from`: still the February occurrence
    task = Task(
        "t", "x", "plan", Recurring(Freq.MONTH, OnLastDay(), date(2025, 2, 1)), ("法制处",),
        shift=Shift("after", CN),
    )  # fmt: skip
    first = occurrences(task, date.min, date(2025, 3, 1))[0]
    assert (first.period, first.due) == ("2025-02", date(2025, 2, 28))
    task = Task(
        "d", "x", "plan", Deadline(date(2025, 10, 1)), ("法制处",), shift=Shift("after", CN)
    )
    assert occurrences(task, date(2025, 10, 1), date(2025, 10, 31))[0].due == date(2025, 10, 9)


def test_moved_from_says_what_the_plan_said() -> None:
    task = Task(
        "d", "x", "plan", Deadline(date(2025, 10, 1)), ("法制处",), shift=Shift("before", CN)
    )
    (moved,) = occurrences(task, date.min, date.max)
    assert moved_from(moved) == "原定10月1日（国庆节）"
    task = Task(
        "d", "x", "plan", Deadline(date(2026, 1, 1)), ("法制处",), shift=Shift("before", CN)
    )
    (moved,) = occurrences(task, date.min, date.max)
    assert moved_from(moved) == "原定2026年1月1日（元旦）"  # the year changed


SETTINGS = '[settings]\nshift = "after"\nholidays = [2030-06-28]\nworking_weekends = [2030-06-29]\n'
TASKS = """
[[sources]]
id = "plan"
title = "方案"
[[units]]
name = "法制处"
[[tasks]]
id = "late"
title = "x"
source = "plan"
lead = "法制处"
due = 2030-06-28
[[tasks]]
id = "kept"
title = "x"
source = "plan"
lead = "法制处"
due = 2030-06-30
shift = "keep"
"""


def test_settings_and_a_tasks_own_shift(tmp_path: Path) -> None:
    path = tmp_path / "tasks.toml"
    path.write_text(SETTINGS + TASKS, encoding="utf-8")
    tasklist = load_tasklist(path)
    late, kept = (occurrences(t, date.min, date.max)[0] for t in tasklist.tasks)
    assert late.due == date(2030, 6, 29)  # the listed holiday moved to the listed 调休 Saturday
    assert kept.due == date(2030, 6, 30)
    assert kept.planned is None


def test_a_bad_shift_is_one_clear_line(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "tasks.toml"
    path.write_text(SETTINGS.replace('"after"', '"later"') + TASKS, encoding="utf-8")
    result = run("--tasks", str(path), "check")
    assert result.exit_code == 2
    assert (
        f'{path}:2: settings: shift: expected one of "before", "after", "keep", got \'later\''
        in (result.stderr)
    )


def test_due_warns_once_about_a_year_without_a_notice(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "tasks.toml"
    path.write_text(TASKS.replace("2030-06-28", "2031-06-28"), encoding="utf-8")
    result = run("--tasks", str(path), "--today", "2031-06-20", "due")
    assert result.exit_code == 0
    assert result.stderr.count("2031") == 1
    assert "has no holiday notice for 2031" in result.stderr
    assert "2031-06-27" in result.stdout  # moved off the Saturday all the same


MONTHLY = (
    TASKS.split("[[tasks]]")[0]
    + """[[tasks]]
id = "brief"
title = "x"
source = "plan"
lead = "法制处"
every = "month"
day = "next:5"
from = 2026-01-01
"""
)


@pytest.mark.parametrize(("today", "warned"), [("2026-11-30", False), ("2026-12-25", True)])
def test_no_warning_for_a_year_nobody_looks_at(
    run: Run, tmp_path: Path, today: str, warned: bool
) -> None:
    path = tmp_path / "tasks.toml"
    path.write_text(MONTHLY, encoding="utf-8")
    result = run("--tasks", str(path), "--today", today, "due")
    assert result.exit_code == 0, result.stderr
    assert ("no holiday notice for 2027" in result.stderr) is warned


@pytest.mark.parametrize(
    ("command", "warned"),
    [(["list"], ""), (["done", "zk2021-04-annual-report", "--on", "2025-06-01"], ""),
     (["show", "zk2021-04-annual-report"], "2027、2028、2029、2030、2031")],
)  # fmt: skip
def test_a_duty_without_an_end_draws_no_warning_about_years_not_shown(
    run: Run, command: list[str], warned: str
) -> None:
    """An open-ended duty recurs for ever: its next occurrences are looked for a year ahead
    first, then ten years, and only the years a shown date falls in are asked about. `show`
    lists six years of a yearly report, due up to January 2031; `list` shows the next one."""
    result = run("--tasks", str(BUNDLED), "--today", "2025-06-20", *command)
    assert result.exit_code == 0, result.stderr
    if warned:
        assert f"has no holiday notice for {warned}:" in result.stderr
    else:
        assert "holiday notice" not in result.stderr


@pytest.mark.parametrize(
    ("first", "last", "count"),
    [
        (date(2025, 9, 30), date(2025, 10, 9), 1),  # 国庆 1–8 October off
        (date(2025, 9, 26), date(2025, 9, 30), 3),  # Sunday 28 September worked
        (date(2025, 6, 16), date(2025, 6, 16), 0),
        (date(2025, 6, 16), date(2025, 6, 10), 0),  # not yet overdue
    ],
)
def test_workdays_between(first: date, last: date, count: int) -> None:
    assert CN.workdays_between(first, last) == count


@given(
    first=st.dates(date(2003, 6, 1), date(2028, 12, 31)),
    days=st.integers(-10, 800),
    extra_off=st.lists(st.dates(date(2026, 1, 1), date(2027, 12, 31)), max_size=5),
    extra_on=st.lists(st.dates(date(2026, 1, 1), date(2027, 12, 31)), max_size=5),
    plain=st.booleans(),
)
def test_working_days_are_counted_as_if_walked_day_by_day(
    first: date, days: int, extra_off: list[date], extra_on: list[date], plain: bool
) -> None:
    # plain: a calendar of only these days, which may even name a day both off and worked
    calendar = (
        WorkCalendar(dict.fromkeys(extra_off, "放假"), dict.fromkeys(extra_on, "调休"))
        if plain
        else china(extra_off, extra_on)
    )
    last = first + timedelta(days=days)
    walked = sum(
        calendar.is_workday(first + timedelta(days=n)) for n in range(1, (last - first).days + 1)
    )
    asked = set(calendar.unknown_asked)
    calendar.unknown_asked.clear()
    assert calendar.workdays_between(first, last) == walked
    assert calendar.unknown_asked == asked  # the same years it has no notice for are named
