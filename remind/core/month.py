"""A month as weeks of days, each with its deadlines and the windows over it. Pure.

The calendar command draws it (views/month_grid.py) or writes it as JSON (views/machine.py);
both read the entries the schedule engine made.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from remind.core.dates import last_of_month, month_after
from remind.core.model import Entry, Record, Task, TaskList
from remind.core.schedule import entries_between
from remind.core.workdays import WorkCalendar
from remind.frozen import frozen


@frozen
class DayCell:
    """One day of the grid, with what falls due on it and the windows over it."""

    day: date
    in_month: bool  # the days of the months before and after that fill the first and last week
    workday: bool
    holiday: str  # 国庆节, or "" on a working day or a plain weekend
    makeup: bool  # a 调休 Saturday or Sunday that is worked
    today: bool
    due: tuple[Entry, ...]  # deadlines on this day, and windows ending on it
    bands: tuple[Entry, ...]  # windows running over this day that do not end on it


@frozen
class Month:
    """A month as weeks of days, Monday first."""

    year: int
    month: int
    weeks: tuple[tuple[DayCell, ...], ...]  # Monday first

    @property
    def key(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def title(self) -> str:
        return f"{self.year}年{self.month}月"

    def days(self) -> list[DayCell]:
        return [cell for week in self.weeks for cell in week if cell.in_month]


def month_span(year: int, month: int) -> tuple[date, date]:
    """The first Monday on or before the 1st, and the last Sunday on or after the month's end."""
    first, last = date(year, month, 1), last_of_month(year, month)
    return first - timedelta(days=first.weekday()), last + timedelta(days=6 - last.weekday())


def build(
    year: int, month: int, entries: list[Entry], *, today: date, calendar: WorkCalendar
) -> Month:
    """The month's weeks, each day with the entries due on it and the windows running over it."""
    start, end = month_span(year, month)
    weeks = []
    week: list[DayCell] = []
    day = start
    while day <= end:
        week.append(_cell(day, month, entries, today, calendar))
        if len(week) == 7:
            weeks.append(tuple(week))
            week = []
        day += timedelta(days=1)
    return Month(year, month, tuple(weeks))


def _cell(
    day: date, month: int, entries: list[Entry], today: date, calendar: WorkCalendar
) -> DayCell:
    due = tuple(e for e in entries if e.occurrence.due == day)
    bands = tuple(
        e
        for e in entries
        if e.occurrence.start is not None and e.occurrence.start <= day < e.occurrence.due
    )
    workday = calendar.is_workday(day)
    return DayCell(
        day=day,
        in_month=day.month == month,
        workday=workday,
        holiday=calendar.holiday(day),
        makeup=workday and day.weekday() >= 5,
        today=day == today,
        due=due,
        bands=bands,
    )


def months(
    year: int, month: int, count: int, tasks: Sequence[Task], records: Sequence[Record], *,
    today: date, tasklist: TaskList,
) -> list[Month]:  # fmt: skip
    """`count` months from this one, each with every occurrence of these tasks that touches its
    weeks, as things stand on `today`."""
    found = []
    for offset in range(count):
        y, m = month_after(year, month, offset)
        first, last = month_span(y, m)
        entries = entries_between(
            tasks, records, today, first, last, warn_days=tasklist.settings.warn_days
        )
        found.append(build(y, m, entries, today=today, calendar=tasklist.calendar))
    return found
