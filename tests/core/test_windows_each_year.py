"""Recurring windows: a stretch of each year (每年4月1日到9月30日), and a rhythm that runs in
some months of each year only (每年5月至10月每月) — in the engine, the task list, `parse` and
the calendar a client subscribes to."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from ical.calendar_stream import IcsCalendarStream

from remind.core.model import Freq, OnDay, OnLastDay, Recurring, Task
from remind.core.schedule import occurrence_of, occurrences
from remind.storage.tasklist import load_tasklist
from tests.conftest import DATA, Run

D = date.fromisoformat


def task(rule: Recurring) -> Task:
    return Task(id="t", title="事项", source="s", schedule=rule, lead=("法制处",))


def test_each_years_window_opens_and_falls_due() -> None:
    summer = Recurring(Freq.YEAR, OnDay(30), D("2025-01-01"), month=9, opens=(4, 1))
    found = occurrences(task(summer), D("2025-01-01"), D("2027-12-31"))
    assert [(o.start, o.due, o.period) for o in found] == [
        (D("2025-04-01"), D("2025-09-30"), "2025"),
        (D("2026-04-01"), D("2026-09-30"), "2026"),
        (D("2027-04-01"), D("2027-09-30"), "2027"),
    ]


def test_a_window_across_new_year_opens_the_year_before_its_due_date() -> None:
    winter = Recurring(Freq.YEAR, OnDay(15), D("2025-01-01"), month=3, opens=(11, 15))
    found = occurrences(task(winter), D("2025-06-01"), D("2027-06-01"))
    assert [(o.start, o.due) for o in found] == [
        (D("2025-11-15"), D("2026-03-15")),
        (D("2026-11-15"), D("2027-03-15")),
    ]
    again = occurrence_of(task(winter), "2026")
    assert again is not None
    assert again.start == D("2025-11-15")


@pytest.mark.parametrize(
    ("season", "months"),
    [((5, 10), [5, 6, 7, 8, 9, 10]), ((11, 3), [1, 2, 3, 11, 12]), ((7, 7), [7])],
)
def test_a_rhythm_runs_only_in_its_season(season: tuple[int, int], months: list[int]) -> None:
    rule = Recurring(Freq.MONTH, OnLastDay(), D("2025-01-01"), count_min=2, season=season)
    found = occurrences(task(rule), D("2025-01-01"), D("2025-12-31"))
    assert [o.due.month for o in found] == months
    assert occurrence_of(task(rule), "2025-04") is None or 4 in months


def test_a_weekly_rhythm_in_season_keeps_its_weeks() -> None:
    rule = Recurring(Freq.WEEK, OnDay(5), D("2025-01-01"), season=(6, 8))
    found = occurrences(task(rule), D("2025-01-01"), D("2025-12-31"))
    assert {o.due.month for o in found} == {6, 7, 8}
    assert len(found) == 13  # the weeks that begin in June, July or August


TASKS = """
[[tasks]]
id = "flood"
title = "汛期巡查"
source = "plan"
lead = ["法制处"]
every = "year"
month = 9
day = "last"
opens = "05-01"

[[tasks]]
id = "patrol"
title = "每月检查"
source = "plan"
lead = ["法制处"]
every = "month"
day = "last"
season = [5, 10]
count_min = 2
"""


def written(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "tasks.toml"
    path.write_text((DATA / "tasks.toml").read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


def test_the_task_list_writes_them_as_opens_and_season(tmp_path: Path) -> None:
    tasklist = load_tasklist(written(tmp_path, TASKS))
    rules = {t.id: t.schedule for t in tasklist.tasks}
    flood, patrol = rules["flood"], rules["patrol"]
    assert isinstance(flood, Recurring)
    assert isinstance(patrol, Recurring)
    assert (flood.opens, flood.month) == ((5, 1), 9)
    assert (patrol.season, patrol.count_min) == ((5, 10), 2)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ('every = "month"\nopens = "04-01"', 'opens: only for every = "year"'),
        (
            'every = "year"\nopens = "4/1"',
            "opens: expected a month and day like \"04-01\", got '4/1'",
        ),
        ('every = "year"\nopens = "02-30"', 'expected a month and day like "04-01"'),
        ('every = "quarter"\nseason = [5, 10]', 'season: only for every = "week", "ten-day" or'),
        (
            'every = "month"\nseason = [5]',
            "season: expected the first and last month, like [5, 10]",
        ),
        ('every = "month"\nseason = [0, 13]', "expected the first and last month"),
    ],
)
def test_a_bad_window_or_season_is_one_clear_line(
    run: Run, tmp_path: Path, fields: str, message: str
) -> None:
    path = written(tmp_path, f'\n[[tasks]]\nid = "bad"\ntitle = "x"\nsource = "plan"\n'
                             f'lead = ["法制处"]\nday = "last"\n{fields}\n')  # fmt: skip
    result = run("--tasks", str(path), "check")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert message in line
    assert "bad" in line


def test_parse_reads_them_into_the_fields_the_task_list_takes(run: Run) -> None:
    result = run("--today", "2025-06-20", "parse", "每年11月15日至次年3月15日开展冬季巡查")
    assert result.exit_code == 0, result.stderr
    assert "每年11月15日至次年3月15日" in result.stdout
    assert 'opens = "11-15"' in result.stdout
    result = run("--today", "2025-06-20", "parse", "每年5月至10月每月检查不少于2次")
    assert "season = [" in result.stdout
    assert "每年5月至10月每月最后一天" in result.stdout


def test_the_calendar_spans_each_years_window(run: Run, tmp_path: Path) -> None:
    path = written(tmp_path, TASKS)
    result = run("--tasks", str(path), "--today", "2025-06-20", "ical", "--unit", "法制处")
    assert result.exit_code == 0, result.stderr
    calendar = IcsCalendarStream.calendar_from_ics(result.stdout_bytes.decode("utf-8"))
    flood = sorted((e.dtstart, e.dtend) for e in calendar.events if e.uid.startswith("flood."))
    assert flood[0] == (date(2025, 5, 1), date(2025, 10, 1))  # 5月1日 to 9月30日, as all-day
    assert len(flood) == 1  # the plan's source ends with 2025
    patrol = [e.dtstart for e in calendar.events if e.uid.startswith("patrol.")]
    assert patrol
    assert all(isinstance(day, date) and 5 <= day.month <= 10 for day in patrol)
