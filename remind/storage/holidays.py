"""Where the working-day calendar's data comes from: the State Council's notices as the
chinesecalendar package holds them (imported only here); a folder of notices in holiday-cn's
format, for offices that cannot upgrade the package ({year}.json: its `days`, each with `name`,
`date` and `isOffDay`, and the `papers` they come from); and the task list's additions."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

from remind.core.workdays import WorkCalendar
from remind.errors import RemindError
from remind.i18n import _

CALENDARS = ("CN", "weekdays")  # what `workdays` in [settings] may name
Notice = tuple[dict[date, str], dict[date, str], str]  # days off, weekends worked, its file
FileId = tuple[str, int, int]  # a file by name, time and size


def china(
    holidays: Iterable[date] = (),
    working_weekends: Iterable[date] = (),
    notices: dict[int, Notice] | None = None,
) -> WorkCalendar:
    """The State Council's calendar as chinesecalendar knows it, each year of `notices` (read
    from a folder) in place of the package's, with the task list's additions.

    A year named in the additions counts as known: the coordinator copied its notice.
    """
    import chinese_calendar
    from chinese_calendar import constants

    names = {h.value: h.chinese for h in constants.Holiday}
    days_off = {day: names[name] for day, name in constants.holidays.items()}
    worked = {day: names[name] for day, name in constants.workdays.items()}
    years = {day.year for day in constants.holidays}
    notices = notices or {}
    for year, (off, on, _file) in notices.items():  # an amended notice replaces the year
        days_off = {d: n for d, n in days_off.items() if d.year != year} | off
        worked = {d: n for d, n in worked.items() if d.year != year} | on
        years.add(year)
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
        year_sources=MappingProxyType({year: file for year, (*_, file) in notices.items()}),
    )


def read_notices(folder: Path) -> dict[int, Notice]:
    """The notices of a folder of {year}.json files; RemindError names the file and field of
    one that is not a notice (no `days`, or no `papers` it comes from)."""
    notices = {
        int(path.stem): _notice(path, int(path.stem))
        for path in sorted(folder.glob("*.json"))
        if path.stem.isdigit()
    }
    if not notices:
        raise RemindError(
            _("{folder}: expected holiday files named like 2027.json").format(folder=folder)
        )
    return notices


def _notice(path: Path, year: int) -> Notice:
    def refused(where: str, expected: str) -> RemindError:
        return RemindError(f"{path}: {where}: {expected}")

    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RemindError(f"{path}: {error}") from None
    papers = document.get("papers") if isinstance(document, dict) else None
    days = document.get("days") if isinstance(document, dict) else None
    if not (isinstance(papers, list) and papers and all(isinstance(p, str) for p in papers)):
        raise refused("papers", _("expected the addresses of the notices, got none"))
    if not (isinstance(days, list) and days):
        raise refused("days", _("expected the days of the notice, got none"))
    off: dict[date, str] = {}
    worked: dict[date, str] = {}
    for n, day in enumerate(days, start=1):
        try:
            when, name, is_off = date.fromisoformat(day["date"]), str(day["name"]), day["isOffDay"]
        except (TypeError, KeyError, ValueError):
            expected = _("expected name, date (2027-01-01) and isOffDay")
            raise refused(f"days[{n}]", expected) from None
        if not isinstance(is_off, bool) or abs(when.year - year) > 1:
            expected = _("expected a day near {year} with isOffDay true or false")
            raise refused(f"days[{n}]", expected.format(year=year))
        (off if is_off else worked)[when] = name
    return off, worked, str(path)


def calendar_named(
    name: str,
    holidays: Iterable[date] = (),
    weekends: Iterable[date] = (),
    folder: str = "",
    files: tuple[FileId, ...] = (),
) -> WorkCalendar:
    """The calendar `workdays = name` asks for, with the notices in `folder` and the task
    list's additions. It remembers them as its recipe, with the folder's files as they were
    (`files`, else as they are), so that it can be made again and seen to be stale."""
    holidays, weekends = tuple(holidays), tuple(weekends)
    if name == "CN":
        calendar = china(holidays, weekends, read_notices(Path(folder)) if folder else None)
    elif name == "weekdays":
        calendar = WorkCalendar(
            MappingProxyType(dict.fromkeys(holidays, "放假")),
            MappingProxyType(dict.fromkeys(weekends, "调休")),
        )
    else:
        raise RemindError(f"expected workdays = {' or '.join(map(repr, CALENDARS))}, got {name!r}")
    return replace(
        calendar, recipe=(name, holidays, weekends, folder, files or folder_files(folder))
    )


def folder_files(folder: str) -> tuple[FileId, ...]:
    """The notices of a folder by name, time and size: a calendar made from others is stale."""
    found = []
    for path in sorted(Path(folder).glob("*.json")) if folder else ():
        try:
            status = path.stat()
        except OSError:
            continue
        found.append((path.name, status.st_mtime_ns, status.st_size))
    return tuple(found)
