"""The Chinese working-day calendar: 法定节假日, 调休 working weekends, and moving dates off days off.

The calendar is data (which days are off, which weekends are worked) with pure arithmetic on
it; remind.storage.holidays fills it from the State Council's notices.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import field
from datetime import date, timedelta

from remind.frozen import frozen

SHIFTS = ("before", "after", "keep")
_DAY = timedelta(days=1)


@frozen(eq=False)
class WorkCalendar:
    """Which days are worked. Saturdays and Sundays are off unless listed as worked (调休)."""

    holidays: Mapping[date, str] = field(default_factory=dict, repr=False)  # day off → 国庆节
    working_weekends: Mapping[date, str] = field(default_factory=dict, repr=False)  # 调休上班
    known_years: frozenset[int] | None = field(
        default=None, repr=False
    )  # None: a weekdays-only calendar knows every year
    source: str = "weekdays"  # what the data came from, for the warning about unknown years
    # Years whose notice came from somewhere else than `source`: 2027 → holidays/2027.json
    year_sources: Mapping[int, str] = field(default_factory=dict, repr=False)
    # Years a date was asked about that the calendar has no notice for: the caller warns once.
    unknown_asked: set[int] = field(default_factory=set, repr=False)
    # How remind.storage.holidays made it, so that a cached task list can make it again.
    recipe: tuple[object, ...] = ("weekdays", (), (), "", ())
    # The exceptions to "Monday to Friday", in order: weekdays off, weekends worked
    _weekdays_off: list[date] = field(init=False, repr=False)
    _weekends_on: list[date] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        off = sorted(day for day in self.holidays if day.weekday() < 5)
        on = sorted(
            day for day in self.working_weekends if day.weekday() >= 5 and day not in self.holidays
        )
        object.__setattr__(self, "_weekdays_off", off)
        object.__setattr__(self, "_weekends_on", on)

    def knows(self, year: int) -> bool:
        known = self.known_years is None or year in self.known_years
        if not known:
            self.unknown_asked.add(year)
        return known

    def is_workday(self, day: date) -> bool:
        self.knows(day.year)
        if day in self.holidays:
            return False
        return day.weekday() < 5 or day in self.working_weekends

    def holiday(self, day: date) -> str:
        """The name of the holiday `day` belongs to, "" for a working day or plain weekend."""
        return self.holidays.get(day, "")

    def shift(self, day: date, how: str) -> date:
        """The working day on or before (or after) `day`; `keep` leaves it."""
        if how == "keep":
            return day
        step = -_DAY if how == "before" else _DAY
        while not self.is_workday(day):
            day += step
        return day

    def add_workdays(self, day: date, count: int) -> date:
        """The day `count` working days after `day` (before, when negative); day itself is not
        counted, as in 10个工作日内: received on a Monday, due on the Friday of the next week."""
        step = _DAY if count >= 0 else -_DAY
        for _ in range(abs(count)):
            day += step
            while not self.is_workday(day):
                day += step
        return day

    def workdays_between(self, first: date, last: date) -> int:
        """How many working days lie after `first`, up to and including `last`: the weekdays,
        less the holidays among them, plus the weekends worked; counted, not walked."""
        if last <= first:
            return 0
        for year in range((first + _DAY).year, last.year + 1):
            self.knows(year)
        weeks, rest = divmod((last - first).days, 7)
        weekdays = 5 * weeks + sum((first.weekday() + n) % 7 < 5 for n in range(1, rest + 1))
        return (
            weekdays
            - _among(self._weekdays_off, first, last)
            + _among(self._weekends_on, first, last)
        )


def _among(days: list[date], first: date, last: date) -> int:
    """How many of the sorted `days` lie after `first`, up to and including `last`."""
    return bisect.bisect_right(days, last) - bisect.bisect_right(days, first)


WEEKDAYS_ONLY = WorkCalendar()


@frozen
class Shift:
    """How a task's due dates move off days off: the calendar and before / after / keep."""

    how: str = "keep"
    calendar: WorkCalendar = WEEKDAYS_ONLY

    def __call__(self, day: date) -> date:
        return self.calendar.shift(day, self.how)


KEEP = Shift()


LIMIT_UNITS = ("day", "workday", "week", "month", "year")  # what a time limit counts


def later(day: date, n: int, unit: str, calendar: WorkCalendar) -> date:
    """The day `n` units after `day`: working days on `calendar`, the rest by the calendar's
    days (a month after 31 January is 28 February)."""
    from remind.core.dates import add_months

    match unit:
        case "workday":
            return calendar.add_workdays(day, n)
        case "week":
            return day + timedelta(weeks=n)
        case "month":
            return add_months(day, n)
        case "year":
            return add_months(day, 12 * n)
    return day + timedelta(days=n)
