"""Where the working-day calendar's data comes from: the State Council's notices as the
chinesecalendar package holds them (imported only here), with the task list's additions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from types import MappingProxyType

from remind.core.workdays import WorkCalendar
from remind.errors import RemindError

CALENDARS = ("CN", "weekdays")  # what `workdays` in [settings] may name


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
