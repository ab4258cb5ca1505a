"""The hand-edited task list: its schema, read into a checked TaskList, and the one write remind
makes to it (`remind add` appends a table).

The task list is otherwise only ever read: comments and order are the coordinator's. Every
problem is reported at once, each with file, line, the entry it is in, the field, and what was
expected.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from remind.core.dates import days_in_month
from remind.core.model import (
    PACES,
    Day,
    Deadline,
    Freq,
    Limit,
    NextMonthDay,
    OnDay,
    Ongoing,
    OnLastDay,
    Recurring,
    Schedule,
    Settings,
    Source,
    Task,
    TaskList,
    Unit,
    Window,
)
from remind.core.units import Directory
from remind.core.workdays import SHIFTS, Shift, WorkCalendar
from remind.errors import RemindError, did_you_mean
from remind.i18n import N_, _
from remind.storage.holidays import CALENDARS, calendar_named
from remind.storage.toml import (
    Expected,
    Reader,
    TomlTable,
    alarm_days,
    day_list,
    day_value,
    email_address,
    free_text,
    ident,
    name_list,
    one_of,
    show_value,
    text_value,
    web_address,
    whole_number,
)

T = TypeVar("T")

SETTINGS_FIELDS = (
    "timezone", "warn_days", "lookback_days", "org", "workdays", "shift", "holidays",
    "working_weekends", "holiday_folder", "alarms", "support_days", "pace_behind", "pace_stale_days",
    "escalate_after", "base_url",
)  # fmt: skip
SOURCE_FIELDS = ("id", "title", "short", "org", "issuer", "number", "date", "from", "until", "url")
UNIT_FIELDS = (
    "name", "org", "aliases", "groups", "email", "leader", "leader_email", "leader_mobile"
)  # fmt: skip
TASK_FIELDS = (
    "id", "title", "source", "clause", "text", "lead", "support", "target", "leader", "contact",
    "shift", "alarms", "support_days", "pace", "due", "start", "end", "every", "day", "month",
    "from", "until", "count_min", "opens", "season", "within", "counting", "after", "received",
    "ongoing",
)  # fmt: skip
LIMIT_FIELDS = ("within", "counting", "after", "received")
COUNTINGS = {"days": "day", "workdays": "workday", "weeks": "week", "months": "month",
             "years": "year"}  # fmt: skip
MAX_SUPPORT_DAYS = 60  # working days: three months, beyond any plan's 倒排工期
RECURRENCE_FIELDS = ("every", "day", "month", "from", "until", "count_min", "opens", "season")
MISSING = {  # what a required key that is missing should hold
    "id": N_("expected an ASCII id"),
    "after": N_("expected the event the limit counts from (收到交办件)"),
    "title": N_("expected the title in quotes"),
    "source": N_("expected the id of one of the [[sources]]"),
    "lead": N_('expected the lead unit(s) (牵头), like lead = ["法制处"]'),
    "name": N_("expected the unit's name in quotes"),
    "every": N_('expected "week", "month", "quarter", "half" or "year"'),
    "day": N_('expected the day the task falls due: 1–31, "last" or "next:N"'),
    "start": N_("expected the first day of the window"),
    "end": N_("expected the last day of the window"),
}
DAYS = {  # what day = … may be, by how often the task recurs
    Freq.WEEK: N_('1–7 (周一…周日) or "last"'),
    Freq.TEN_DAYS: N_('1–11 (day of the 旬) or "last"'),
}
MONTH_DAYS = N_('1–31 (day of the month) or "last" or "next:N" (day N of the following month)')


def day_rule(every: Freq) -> Callable[[object], Day]:
    """day = 1…31 (1…7 for weeks), "last", or "next:N" (day N of the month after the period)."""
    weekly = every in (Freq.WEEK, Freq.TEN_DAYS)
    top = {Freq.WEEK: 7, Freq.TEN_DAYS: 11}.get(every, 31)

    def check(value: object) -> Day:
        if value == "last":
            return OnLastDay()
        found = re.fullmatch(r"next:(\d{1,2})", value) if isinstance(value, str) else None
        if found and not weekly and 1 <= int(found[1]) <= 31:
            return NextMonthDay(int(found[1]))
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= top:
            return OnDay(value)
        allowed = _(DAYS.get(every, MONTH_DAYS))
        raise Expected(
            _("expected {allowed}, got {value}").format(allowed=allowed, value=show_value(value))
        )

    return check


def load_tasklist(path: Path, text: str | None = None) -> TaskList:
    """The task list in the file at `path`, or in `text` as if it were that file's."""
    reader = Reader(path, text, missing=MISSING)
    reader.check_top(("settings", "sources", "units", "tasks"))
    entry = reader.table("settings", SETTINGS_FIELDS)
    settings = _settings(entry)
    calendar = _calendar(settings, path, entry)
    sources = _sources(reader, settings)
    units = _units(reader, settings)
    shift = Shift(settings.shift, calendar)
    tasks = _tasks(reader, sources, Directory(units), settings, shift)
    if not sources and not reader.problems:
        reader.problem(1, "", "", _("no [[sources]] and no [[tasks]]: the task list is empty"))
    reader.finish()
    return TaskList(
        str(path), settings, tuple(sources.values()), tuple(units), tuple(tasks), calendar
    )


def _calendar(settings: Settings, path: Path, entry: TomlTable) -> WorkCalendar:
    """The working-day calendar the settings ask for; a folder of notices is found beside the
    task list, and a broken notice is the list's problem, named by its file and field."""
    folder = ""
    if settings.holiday_folder:
        folder = str(path.parent / settings.holiday_folder)
        if not Path(folder).is_dir():
            entry.problem("holiday_folder", _("expected a folder of holiday files, got {folder}")
                          .format(folder=folder))  # fmt: skip
            folder = ""
    try:
        return calendar_named(settings.workdays, settings.holidays, settings.working_weekends,
                              folder)  # fmt: skip
    except RemindError as error:
        entry.problem("holiday_folder", str(error))
        return calendar_named(settings.workdays, settings.holidays, settings.working_weekends)


def _settings(entry: TomlTable) -> Settings:
    entry.check_fields()
    default = Settings()
    timezone = entry.get("timezone", text_value, default.timezone)
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        expected = _('expected a time zone like "Asia/Shanghai", got {timezone!r}')
        entry.problem("timezone", expected.format(timezone=timezone))
        timezone = default.timezone
    return Settings(
        timezone=timezone,
        warn_days=entry.get("warn_days", whole_number(0, 366), default.warn_days),
        lookback_days=entry.get("lookback_days", whole_number(0, 36600), default.lookback_days),
        org=entry.get("org", text_value, default.org),
        workdays=entry.get("workdays", one_of(*CALENDARS), default.workdays),
        shift=entry.get("shift", one_of(*SHIFTS), default.shift),
        holidays=entry.get("holidays", day_list, ()),
        working_weekends=entry.get("working_weekends", day_list, ()),
        holiday_folder=entry.get("holiday_folder", text_value, ""),
        alarms=entry.get("alarms", alarm_days, default.alarms),
        support_days=entry.get(
            "support_days", whole_number(0, MAX_SUPPORT_DAYS), default.support_days
        ),
        pace_behind=entry.get("pace_behind", whole_number(0, 100), default.pace_behind),
        pace_stale_days=entry.get("pace_stale_days", whole_number(1, 366), default.pace_stale_days),
        escalate_after=entry.get("escalate_after", whole_number(0, 366), default.escalate_after),
        base_url=entry.get("base_url", _web_address, "").rstrip("/"),
    )


def _sources(reader: Reader, settings: Settings) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    first: dict[str, TomlTable] = {}  # its line is looked up only for a problem
    for entry in reader.tables("sources", SOURCE_FIELDS):
        source_id = entry.named("id", ident, N_("source {name}"))
        source = Source(
            id=source_id,
            title=entry.need("title", text_value, ""),
            org=entry.get("org", text_value, settings.org),
            short=entry.get("short", text_value, ""),
            issuer=entry.get("issuer", text_value, ""),
            number=entry.get("number", text_value, ""),
            issued=entry.get("date", day_value, None),
            start=entry.get("from", day_value, None),
            until=entry.get("until", day_value, None),
            url=entry.get("url", _web_address, ""),
        )
        _check_order(entry, source.start, source.until)
        if source_id in sources:
            twice = _("{id!r} is already the id of the source at line {line}")
            entry.problem("id", twice.format(id=source_id, line=first[source_id].line()))
        elif source_id:
            sources[source_id] = source
            first[source_id] = entry
    return sources


def _web_address(value: object) -> str:
    return web_address(text_value(value))


def _check_order(entry: TomlTable, start: date | None, until: date | None) -> None:
    if start and until and until < start:
        expected = _("expected a day on or after from ({start}), got {until}")
        entry.problem("until", expected.format(start=start, until=until))


def _units(reader: Reader, settings: Settings) -> list[Unit]:
    entries = list(reader.tables("units", UNIT_FIELDS))
    units: list[Unit] = []
    named: dict[tuple[str, str], tuple[TomlTable, str]] = {}  # the entry and field naming it
    for entry in entries:
        name = entry.named("name", text_value, N_("unit {name}"))
        unit = Unit(
            name=name,
            org=entry.get("org", text_value, settings.org),
            aliases=entry.get("aliases", name_list, ()),
            groups=entry.get("groups", name_list, ()),
            email=entry.get("email", _emails, ()),
            leader=entry.get("leader", text_value, ""),
            leader_email=entry.get("leader_email", _emails, ()),
            leader_mobile=entry.get("leader_mobile", _mobiles, ()),
        )
        for label in (unit.name, *unit.aliases):
            if not label:
                continue
            field = "name" if label == unit.name else "aliases"
            if (unit.org, label) in named:
                earlier, earlier_field = named[(unit.org, label)]
                line = earlier.line(earlier_field)
                twice = _("{name!r} already names the unit at line {line}")
                entry.problem(field, twice.format(name=label, line=line))
            else:
                named[(unit.org, label)] = (entry, field)
        units.append(unit)
    return _resolve_groups(units, entries)


def _emails(value: object) -> tuple[str, ...]:
    addresses = name_list(value)
    for address in addresses:
        email_address(address)
    return addresses


def _mobiles(value: object) -> tuple[str, ...]:
    """Mainland mobile numbers, as a group robot @-mentions them: 13812345678."""
    numbers = name_list(value)
    for number in numbers:
        if not re.fullmatch(r"1[3-9]\d{9}", number):
            raise Expected(
                _("expected a mobile number of 11 digits like 13812345678, got {number!r}").format(
                    number=number
                )
            )
    return numbers


def _resolve_groups(units: list[Unit], entries: list[TomlTable]) -> list[Unit]:
    """Groups named by alias become canonical; unknown groups and cycles are problems."""
    directory = Directory(units)
    resolved: list[Unit] = []
    for unit, entry in zip(units, entries, strict=True):
        groups: list[str] = []
        for name in unit.groups:
            group = directory.lookup(unit.org, name)
            if group is None:
                unknown = _("unknown unit {name!r}").format(name=name)
                entry.problem("groups", unknown + did_you_mean(name, directory.names(unit.org)))
            elif group.key == unit.key:
                entry.problem("groups", _("{name!r} is the unit itself").format(name=name))
            else:
                groups.append(group.name)
        resolved.append(replace(unit, groups=tuple(groups)))
    directory = Directory(resolved)
    for unit, entry in zip(resolved, entries, strict=True):
        if _in_cycle(directory, unit):
            entry.problem(
                "groups",
                _("groups contain one another in a circle; a group cannot be its own member"),
            )
    return resolved


def _in_cycle(directory: Directory, unit: Unit) -> bool:
    todo, seen = [(unit.org, g) for g in unit.groups], set()
    while todo:
        key = todo.pop()
        if key == unit.key:
            return True
        if key not in seen and key in directory.units:
            seen.add(key)
            todo += [(key[0], g) for g in directory.units[key].groups]
    return False


def _tasks(
    reader: Reader,
    sources: dict[str, Source],
    directory: Directory,
    settings: Settings,
    shift: Shift,
) -> list[Task]:
    tasks: list[Task] = []
    first: dict[str, TomlTable] = {}  # its line is looked up only for a problem
    # the tasks of a plan have the same few rules and units: equal values are kept once, so
    # the cache stores them once and the schedule engine works each rule out once
    kept: dict[object, Any] = {}

    def shared(value: T) -> T:
        return kept.setdefault(value, value)  # type: ignore[no-any-return]

    for entry in reader.tables("tasks", TASK_FIELDS):
        task_id = entry.named("id", ident, N_("task {name}"))
        if task_id:
            if task_id in first:
                twice = _("{id!r} is already the id of the task at line {line}")
                entry.problem("id", twice.format(id=task_id, line=first[task_id].line()))
            else:
                first[task_id] = entry
        source = _source_of(entry, sources)
        org = source.org if source else settings.org
        task = Task(
            id=task_id,
            title=entry.need("title", text_value, ""),
            source=source.id if source else "",
            schedule=shared(_schedule(entry, source)),
            lead=shared(_unit_names(entry, "lead", directory, org, required=True)),
            support=shared(_unit_names(entry, "support", directory, org, required=False)),
            org=org,
            clause=entry.get("clause", text_value, ""),
            text=entry.get("text", free_text, ""),
            target=entry.get("target", free_text, ""),
            leader=entry.get("leader", text_value, ""),
            contact=entry.get("contact", text_value, ""),
            shift=_task_shift(entry, shift),
            alarms=entry.get("alarms", alarm_days, settings.alarms),
            support_days=entry.get(
                "support_days", whole_number(0, MAX_SUPPORT_DAYS), settings.support_days
            ),
            pace=entry.get("pace", one_of(*PACES), ""),
        )
        if entry.ok:
            tasks.append(task)
    return tasks


def _task_shift(entry: TomlTable, shift: Shift) -> Shift:
    how = entry.get("shift", one_of(*SHIFTS), shift.how)
    return shift if how == shift.how else replace(shift, how=how)


def _source_of(entry: TomlTable, sources: dict[str, Source]) -> Source | None:
    source_id = entry.need("source", text_value, "")
    if source_id and source_id not in sources:
        entry.problem("source", _unknown_source(source_id, sources))
    return sources.get(source_id)


def _unknown_source(source_id: str, sources: dict[str, Source]) -> str:
    if hint := did_you_mean(source_id, sources):
        return _("unknown source {id!r}").format(id=source_id) + hint
    if sources:
        known = _("unknown source {id!r}; expected one of {ids}")
        return known.format(id=source_id, ids=", ".join(sources))
    return _("unknown source {id!r}; add it to [[sources]] first").format(id=source_id)


def _unit_names(
    entry: TomlTable, field: str, directory: Directory, org: str, *, required: bool
) -> tuple[str, ...]:
    """The canonical names of the units a task names, each looked up in its source's organisation."""
    none: tuple[str, ...] = ()
    names = (entry.need if required else entry.get)(field, name_list, none)
    if required and field in entry.data and not names:
        entry.problem(field, _("expected at least one unit"))
    canonical: list[str] = []
    for name in names:
        unit = directory.lookup(org, name)
        if unit is None:
            entry.problem(field, _unknown_unit(name, org, directory.names(org)))
        elif unit.name not in canonical:
            canonical.append(unit.name)
    return tuple(canonical)


def _unknown_unit(name: str, org: str, known: Iterable[str]) -> str:
    if hint := did_you_mean(name, known):
        unknown = _("unknown unit {name!r} in {org}") if org else _("unknown unit {name!r}")
        return unknown.format(name=name, org=org) + hint
    if org:
        add = _("unknown unit {name!r} in {org}; add it to [[units]] first")
    else:
        add = _("unknown unit {name!r}; add it to [[units]] first")
    return add.format(name=name, org=org)


def _schedule(entry: TomlTable, source: Source | None) -> Schedule:
    data = entry.data
    kinds = [
        kind
        for kind, present in (
            ("due", "due" in data),
            ("start/end", "start" in data or "end" in data),
            ("every", any(key in data for key in RECURRENCE_FIELDS)),
            ("within", any(key in data for key in LIMIT_FIELDS)),
            ("ongoing", "ongoing" in data),
        )
        if present
    ]
    if not kinds:
        none = _(
            'no schedule; expected due = DATE, start = DATE with end = DATE, every = "month" '
            "with day, within = N with after, or ongoing = true"
        )
        entry.problem("", none)
        return Ongoing()
    if len(kinds) > 1:
        both = functools.reduce(_and, kinds)
        message = _("a task has one schedule, but this one has {kinds}").format(kinds=both)
        entry.problem(kinds[1].split("/")[0], message)
        return Ongoing()
    match kinds[0]:
        case "due":
            return Deadline(entry.get("due", day_value, date.min))
        case "start/end":
            return _window(entry)
        case "every":
            return _recurring(entry, source)
        case "within":
            return _limit(entry)
    if data["ongoing"] is not True:
        entry.problem(
            "ongoing", _("expected true; leave it out and give the task a schedule instead")
        )
    return Ongoing()


def _limit(entry: TomlTable) -> Limit:
    """within = 10, counting = "workdays", after = "收到交办件", received = DATE (when known)."""
    counting = entry.get("counting", one_of(*COUNTINGS), "days")
    return Limit(
        n=entry.need("within", whole_number(1, 3650), 1),
        unit=COUNTINGS.get(counting, "day"),
        after=entry.need("after", text_value, ""),
        received=entry.get("received", day_value, None),
    )


def _and(first: str, second: str) -> str:
    return _("{first} and {second}").format(first=first, second=second)


def _window(entry: TomlTable) -> Window:
    start = entry.need("start", day_value, date.min)
    end = entry.need("end", day_value, date.min)
    if date.min not in (start, end) and end < start:
        expected = _("expected a day on or after start ({start}), got {end}")
        entry.problem("end", expected.format(start=start, end=end))
    return Window(start, end)


def _recurring(entry: TomlTable, source: Source | None) -> Recurring:
    every = Freq(entry.need("every", one_of(*(f.value for f in Freq)), "month"))
    fallback: Day = OnLastDay()
    day = entry.need("day", day_rule(every), fallback)
    month = _month(entry, every, day)
    start = entry.get("from", day_value, None)
    if start is None and source is not None:
        start = source.start or source.issued
        if start is None:
            missing = _("missing; expected the day the duty starts (source {id} has no date)")
            entry.problem("from", missing.format(id=source.id))
    until = entry.get("until", day_value, source.until if source else None)
    _check_order(entry, start, until)
    return Recurring(
        every=every,
        day=day,
        start=start or date.min,
        until=until,
        month=month,
        count_min=entry.get("count_min", whole_number(1, 100), 1),
        opens=_opens(entry, every),
        season=_season(entry, every),
    )


def _opens(entry: TomlTable, every: Freq) -> tuple[int, int] | None:
    """opens = "04-01": the month and day each year's window opens."""
    if "opens" not in entry.data:
        return None
    text = entry.get("opens", text_value, "")
    found = re.fullmatch(r"(\d{2})-(\d{2})", text)
    if every is not Freq.YEAR:
        entry.problem("opens", _('only for every = "year"'))
    elif not found or not _real_month_day(int(found[1]), int(found[2])):
        entry.problem("opens", _('expected a month and day like "04-01", got {value!r}')
                      .format(value=text))  # fmt: skip
    else:
        return int(found[1]), int(found[2])
    return None


def _real_month_day(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= days_in_month(2024, month)  # 02-29 may open


def _season(entry: TomlTable, every: Freq) -> tuple[int, int] | None:
    """season = [5, 10]: the months of each year the rhythm runs in, first and last."""
    if "season" not in entry.data:
        return None
    value = entry.data["season"]
    if every.months > 1:
        entry.problem("season", _('only for every = "week", "ten-day" or "month"'))
    elif (isinstance(value, list) and len(value) == 2
          and all(isinstance(m, int) and not isinstance(m, bool) and 1 <= m <= 12 for m in value)):  # fmt: skip
        return value[0], value[1]
    else:
        entry.problem("season", _("expected the first and last month, like [5, 10]"))
    return None


def _month(entry: TomlTable, every: Freq, day: Day) -> int | None:
    """month = N picks the month of a quarter, half or year the day falls in."""
    if "month" not in entry.data:
        return None
    if every.months < 3:
        entry.problem("month", _('only for every = "quarter", "half" or "year"'))
        return None
    month = entry.get("month", whole_number(1, every.months), None)
    if isinstance(day, NextMonthDay):
        entry.problem(
            "month", _('not with day = "next:N", which is already a day after the period')
        )
    elif month and every is Freq.YEAR and isinstance(day, OnDay) and day.n > _longest(month):
        longest = _("month {month} has at most {days} days, got {day}")
        entry.problem("day", longest.format(month=month, days=_longest(month), day=day.n))
    return month


def _longest(month: int) -> int:
    return 29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31


# ---------------------------------------------------------------- `remind add`


def append_task(path: Path, table: str) -> None:
    """Add the table at the end of the task list, atomically, if the list still reads well:
    the bytes already there stay as they are, comments and order included."""
    from remind.storage.files import locked, write_atomically  # only `remind add` writes

    with locked(path):
        before = path.read_bytes()
        joint = b"" if before.endswith(b"\n") or not before else b"\n"
        after = before + joint + b"\n" + table.encode("utf-8")
        load_tasklist(path, after.decode("utf-8"))  # raises with file and line on a problem
        write_atomically(path, after, like=path)


def set_received(path: Path, task_id: str, day: date) -> None:
    """Write `received = DAY` into the task's table (replacing one already there), atomically,
    if the list still reads well; every other byte stays as it is."""
    from remind.storage.files import locked, write_atomically

    with locked(path):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        first, end = _table_lines(lines, task_id)
        line = f"received = {day.isoformat()}\n"
        at = next((n for n in range(first, end) if re.match(r"\s*received\s*=", lines[n])), None)
        if at is None:
            at = max(n for n in range(first, end) if lines[n].strip()) + 1
            lines.insert(at, line if lines[at - 1].endswith("\n") else "\n" + line)
        else:
            lines[at] = line
        text = "".join(lines)
        load_tasklist(path, text)  # raises with file and line on a problem
        write_atomically(path, text.encode("utf-8"), like=path)


def _table_lines(lines: list[str], task_id: str) -> tuple[int, int]:
    """The lines of the [[tasks]] table with this id: its first line, and the line after it."""
    starts = [n for n, line in enumerate(lines) if line.strip().startswith("[")] + [len(lines)]
    for first, end in itertools.pairwise(starts):
        if lines[first].strip() == "[[tasks]]" and any(
            re.fullmatch(rf'\s*id\s*=\s*"{re.escape(task_id)}"\s*(#.*)?', lines[n].rstrip("\n"))
            for n in range(first, end)
        ):
            return first, end
    raise RemindError(_("no task {id!r} written as a [[tasks]] table").format(id=task_id))
