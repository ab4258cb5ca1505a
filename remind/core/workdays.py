"""The Chinese working-day calendar: 法定节假日, 调休 working weekends, and moving dates off days off.

The calendar is data (which days are off, which weekends are worked) with pure arithmetic on
it. `china()` fills it from the chinesecalendar package, which is imported only there.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from types import MappingProxyType

from remind.errors import RemindError

SHIFTS = ("before", "after", "keep")
CALENDARS = ("CN", "weekdays")
_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True, eq=False)
class WorkCalendar:
    """Which days are worked. Saturdays and Sundays are off unless listed as worked (调休)."""

    holidays: Mapping[date, str] = field(default_factory=dict, repr=False)  # day off → 国庆节
    working_weekends: Mapping[date, str] = field(default_factory=dict, repr=False)  # 调休上班
    known_years: frozenset[int] | None = field(
        default=None, repr=False
    )  # None: a weekdays-only calendar knows every year
    source: str = "weekdays"  # what the data came from, for the warning about unknown years
    # Years a date was asked about that the calendar has no notice for: the caller warns once.
    unknown_asked: set[int] = field(default_factory=set, repr=False)
    # How calendar_named made it, so that a cached task list can make it again.
    recipe: tuple[str, tuple[date, ...], tuple[date, ...]] = ("weekdays", (), ())
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

    def warning(self) -> str:
        """What to tell the user about years it was asked about and has no notice for."""
        if not self.unknown_asked:
            return ""
        years = "、".join(str(y) for y in sorted(self.unknown_asked))
        known = sorted(self.known_years or ())
        span = f"{known[0]}–{known[-1]}" if known else "no year"
        return (
            f"the working-day calendar ({self.source}, {span}) has no holiday notice for {years}: "
            "dates there are moved off weekends only; list that year's 放假 and 调休 days in "
            "[settings] holidays and working_weekends, or upgrade chinesecalendar"
        )


def _among(days: list[date], first: date, last: date) -> int:
    """How many of the sorted `days` lie after `first`, up to and including `last`."""
    return bisect.bisect_right(days, last) - bisect.bisect_right(days, first)


WEEKDAYS_ONLY = WorkCalendar()


def china(holidays: Iterable[date] = (), working_weekends: Iterable[date] = ()) -> WorkCalendar:
    """The State Council's calendar as chinesecalendar knows it, with the task list's additions.

    A year named in the additions counts as known: the coordinator copied its notice.
    """
    import chinese_calendar
    from chinese_calendar import constants

    names = {h.value: h.chinese for h in constants.Holiday}
    days_off = {day: names[name] for day, name in constants.holidays.items()}
    worked = {day: names[name] for day, name in constants.workdays.items()}
    years = {day.year for day in constants.holidays}
    extra_off, extra_on = list(holidays), list(working_weekends)
    for day in extra_off:
        days_off.setdefault(day, "放假")
        worked.pop(day, None)
    for day in extra_on:
        worked[day] = worked.get(day, "调休")
        days_off.pop(day, None)
    years.update(day.year for day in (*extra_off, *extra_on))
    return WorkCalendar(
        MappingProxyType(days_off),
        MappingProxyType(worked),
        frozenset(years),
        source=f"chinesecalendar {chinese_calendar.__version__}",
    )


def calendar_named(
    name: str, holidays: Iterable[date] = (), weekends: Iterable[date] = ()
) -> WorkCalendar:
    """The calendar `workdays = name` asks for, with the task list's additions; it remembers
    them as its recipe, so that it can be made again."""
    holidays, weekends = tuple(holidays), tuple(weekends)
    if name == "CN":
        calendar = china(holidays, weekends)
    elif name == "weekdays":
        calendar = WorkCalendar(
            MappingProxyType(dict.fromkeys(holidays, "放假")),
            MappingProxyType(dict.fromkeys(weekends, "调休")),
        )
    else:
        raise RemindError(f"expected workdays = {' or '.join(map(repr, CALENDARS))}, got {name!r}")
    return replace(calendar, recipe=(name, holidays, weekends))


@dataclass(frozen=True, slots=True)
class Shift:
    """How a task's due dates move off days off: the calendar and before / after / keep."""

    how: str = "keep"
    calendar: WorkCalendar = WEEKDAYS_ONLY

    def __call__(self, day: date) -> date:
        return self.calendar.shift(day, self.how)


KEEP = Shift()
