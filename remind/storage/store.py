"""The hand-edited task list to model, and the TOML reading the state file shares.

The task list is only ever read: comments and order are the coordinator's. Every problem is
reported at once, each with file, line, the entry it is in, the field, and what was expected.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from remind.core.model import (
    PACES,
    Day,
    Deadline,
    Freq,
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
from remind.core.workdays import CALENDARS, SHIFTS, Shift, calendar_named
from remind.errors import InvalidFile, Problem, RemindError, did_you_mean

if TYPE_CHECKING:
    import tomllib

T = TypeVar("T")

LOCAL_TASKS = Path("data") / "tasks.toml"
STATE_NAME = "state.toml"

FIELDS = {
    "settings": (
        "timezone", "warn_days", "lookback_days", "org", "workdays", "shift", "holidays", "working_weekends",
        "alarms", "support_days", "pace_behind", "pace_stale_days", "escalate_after",
    ),
    "sources": ("id", "title", "short", "org", "issuer", "number", "date", "from", "until", "url"),
    "units": ("name", "org", "aliases", "groups", "email", "leader", "leader_email"),
    "tasks": (
        "id", "title", "source", "clause", "text", "lead", "support", "target",
        "leader", "contact", "shift", "alarms", "support_days", "pace", "due", "start", "end", "every", "day", "month", "from", "until", "count_min", "ongoing",
    ),
    "records": ("id", "task", "period", "unit", "done", "by", "note", "recorded"),
    "progress": ("id", "task", "item", "value", "on", "by", "note", "recorded"),
    "sent": ("unit", "week", "to", "at"),
    "smtp": ("host", "port", "security", "username", "from", "ca_file", "password_file", "timeout"),
}  # fmt: skip
MAX_SUPPORT_DAYS = 60  # working days: three months, beyond any plan's 倒排工期
RECURRENCE_FIELDS = ("every", "day", "month", "from", "until", "count_min")
SCHEDULES = 'due = DATE, start = DATE with end = DATE, every = "month" with day, or ongoing = true'


# ---------------------------------------------------------------- finding the files


def packaged_tasks() -> Path:
    """The task list shipped inside the package, so `remind due` works from any folder."""
    package = Path(__file__).parents[1]
    installed = package / "data" / "tasks.toml"
    # an editable install runs the checkout's package, beside the checkout's data/
    return installed if installed.is_file() else package.parent / "data" / "tasks.toml"


def find_tasks(explicit: Path | None, from_env: str | None) -> tuple[Path, bool]:
    """--tasks, else $REMIND_TASKS, else ./data/tasks.toml, else the packaged copy.

    Also says whether it is the packaged copy, which is no place for the user's records.
    """
    if explicit:
        return explicit, False
    if from_env:
        return Path(from_env), False
    if LOCAL_TASKS.is_file():
        return LOCAL_TASKS, False
    bundled = packaged_tasks()
    if bundled.is_file():
        return bundled, True
    raise RemindError(
        "no task list found: give --tasks FILE, set REMIND_TASKS, or run remind in a folder with data/tasks.toml"
    )


def find_state(explicit: Path | None, from_env: str | None, tasks: Path, *, bundled: bool) -> Path:
    """--state, else $REMIND_STATE, else beside the user's task list, else the user's data
    folder: records are the user's data, not a cache."""
    if explicit:
        return explicit
    if from_env:
        return Path(from_env)
    if not bundled and os.access(tasks.parent, os.W_OK):
        return tasks.parent / STATE_NAME
    return user_folder("data") / STATE_NAME


def find_cache(from_env: str | None) -> Path | None:
    """$REMIND_CACHE, else the user's cache folder; None when $REMIND_CACHE is "off"."""
    if from_env == "off":
        return None
    if from_env:
        return Path(from_env)
    return user_folder("cache")


XDG = {"data": ("XDG_DATA_HOME", ".local/share"), "cache": ("XDG_CACHE_HOME", ".cache"),
       "config": ("XDG_CONFIG_HOME", ".config")}  # fmt: skip


def user_folder(kind: str) -> Path:
    """remind's folder of this kind ("data", "cache", "config") for this user: the XDG rule
    on Linux, as platformdirs has it but without paying for its import; platformdirs elsewhere."""
    if sys.platform.startswith("linux"):
        variable, default = XDG[kind]
        given = os.environ.get(variable, "").strip()
        return (Path(given) if given else Path.home() / default) / "remind"
    import platformdirs

    return Path(getattr(platformdirs, f"user_{kind}_path")("remind"))


# ---------------------------------------------------------------- where things are in the text


_HEADER = re.compile(r"\s*(\[\[?)\s*([A-Za-z0-9_.\"' -]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*[.=]""")


class Lines:
    """The line of each table and key of a TOML text, which tomllib does not report."""

    def __init__(self, text: str) -> None:
        self.tables: dict[tuple[str, int], int] = {("", 0): 1}
        self.keys: dict[tuple[str, int], dict[str, int]] = {("", 0): {}}
        counts: dict[str, int] = {}
        table = ("", 0)
        in_string = False
        for number, line in enumerate(text.splitlines(), start=1):
            opened = (line.count('"""') + line.count("'''")) % 2 == 1
            if not in_string:
                table = self._read(line, number, table, counts)
            in_string ^= opened

    def _read(
        self, line: str, number: int, table: tuple[str, int], counts: dict[str, int]
    ) -> tuple[str, int]:
        if header := _HEADER.match(line):
            name = header[2].strip("\"'")
            index = counts.get(name, -1) + 1 if header[1] == "[[" else 0
            counts[name] = index
            table = (name, index)
            self.tables.setdefault(table, number)
            self.keys.setdefault(table, {})
        elif key := _KEY.match(line):
            self.keys[table].setdefault(key[1].strip("\"'"), number)
        return table

    def of(self, table: str, index: int, key: str | None = None) -> int | None:
        """The line of a key, else of its table's header."""
        found = self.keys.get((table, index), {}).get(key) if key else None
        return found or self.tables.get((table, index))


# ---------------------------------------------------------------- reading values


class Expected(ValueError):
    """A value is not what its field takes; the message says what it should be."""


def text_value(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Expected("expected some text in quotes")
    return value.strip()


def any_text(value: object) -> str:
    if not isinstance(value, str):
        raise Expected("expected text in quotes")
    return value


def ident(value: object) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", value):
        raise Expected(f"expected an ASCII id of letters, digits, '-', '_' or '.', got {value!r}")
    return value


def day_value(value: object) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise Expected(f"expected a date like 2025-06-30 (no quotes, no time), got {_show(value)}")
    return value


def day_list(value: object) -> tuple[date, ...]:
    if not isinstance(value, list):
        raise Expected(
            f"expected a list of dates like [2027-10-01, 2027-10-02], got {_show(value)}"
        )
    return tuple(sorted(day_value(item) for item in value))


def alarm_days(value: object) -> tuple[int, ...]:
    """alarms = [7, 1]: days before due, each from 1 to 366; [] for none. Latest last."""
    check = whole_number(1, 366)
    if not isinstance(value, list):
        raise Expected(f"expected a list of days before due, like [7, 1], got {_show(value)}")
    if 0 in value:
        # Outlook reads a reminder after an all-day event's start as one before it
        raise Expected(
            "expected days before due from 1 up: an alarm on the day itself is not kept by Outlook"
        )
    return tuple(sorted({check(item) for item in value}, reverse=True))


def email_address(address: str) -> str:
    """One address: fazhi@example.org, with no spaces or line breaks to smuggle in a header."""
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", address):
        raise Expected(f"expected e-mail addresses like fazhi@example.org, got {address!r}")
    return address


def name_list(value: object) -> tuple[str, ...]:
    """One name or a list of names: "法制处" or ["法制处", "办公室"]."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
        raise Expected('expected a name in quotes or a list of them, like ["法制处", "办公室"]')
    return tuple(i.strip() for i in items)


def whole_number(low: int, high: int) -> Callable[[object], int]:
    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise Expected(f"expected a whole number from {low} to {high}, got {_show(value)}")
        return value

    return check


def one_of(*choices: str) -> Callable[[object], str]:
    def check(value: object) -> str:
        if value not in choices:
            listed = ", ".join(f'"{c}"' for c in choices)
            raise Expected(f"expected one of {listed}, got {_show(value)}")
        return str(value)

    return check


def day_rule(every: Freq) -> Callable[[object], Day]:
    """day = 1…31 (1…7 for weeks), "last", or "next:N" (day N of the month after the period)."""
    weekly = every in (Freq.WEEK, Freq.TEN_DAYS)
    top = {Freq.WEEK: 7, Freq.TEN_DAYS: 11}.get(every, 31)
    meaning = {Freq.WEEK: "周一…周日", Freq.TEN_DAYS: "day of the 旬"}.get(
        every, "day of the month"
    )
    allowed = f'1–{top} ({meaning}) or "last"'
    allowed += "" if weekly else ' or "next:N" (day N of the following month)'

    def check(value: object) -> Day:
        if value == "last":
            return OnLastDay()
        found = re.fullmatch(r"next:(\d{1,2})", value) if isinstance(value, str) else None
        if found and not weekly and 1 <= int(found[1]) <= 31:
            return NextMonthDay(int(found[1]))
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= top:
            return OnDay(value)
        raise Expected(f"expected {allowed}, got {_show(value)}")

    return check


def _show(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value).lower()


# ---------------------------------------------------------------- one table at a time


class TomlTable:
    """One TOML table of a file (a [[tasks]] entry, [settings]), read field by field.

    Problems go to the shared list and reading goes on, so one run reports them all.
    """

    def __init__(
        self, reader: Reader, kind: str, index: int, data: dict[str, Any], subject: str
    ) -> None:
        self.reader, self.kind, self.index, self.data = reader, kind, index, data
        self.subject = subject
        self.ok = True

    def line(self, key: str | None = None) -> int | None:
        return self.reader.lines.of(self.kind, self.index, key)

    def problem(self, field: str, message: str) -> None:
        self.ok = False
        self.reader.problem(self.line(field or None), self.subject, field, message)

    def get(self, key: str, convert: Callable[[object], T], default: T) -> T:
        if key not in self.data:
            return default
        try:
            return convert(self.data[key])
        except Expected as error:
            self.problem(key, str(error))
            return default

    def need(self, key: str, convert: Callable[[object], T], default: T) -> T:
        if key not in self.data:
            self.problem(key, "missing; " + _describe(key))
            return default
        return self.get(key, convert, default)

    def named(self, key: str, convert: Callable[[object], str], label: str) -> str:
        """Read the field that names this entry first, so every later problem says which
        entry it is in; then report the fields this kind of entry does not have."""
        name = self.need(key, convert, "")
        if name:
            self.subject = f"{label} {name}"
        self.check_fields()
        return name

    def check_fields(self) -> None:
        known = FIELDS[self.kind]
        for field in self.data:
            if field not in known:
                self.problem(field, "unknown field" + did_you_mean(field, known))


_DESCRIPTIONS = {
    "id": "expected an ASCII id",
    "title": "expected the title in quotes",
    "source": "expected the id of one of the [[sources]]",
    "lead": 'expected the lead unit(s) (牵头), like lead = ["法制处"]',
    "name": "expected the unit's name in quotes",
    "every": 'expected "week", "month", "quarter", "half" or "year"',
    "day": 'expected the day the task falls due: 1–31, "last" or "next:N"',
    "start": "expected the first day of the window",
    "end": "expected the last day of the window",
}


def _describe(key: str) -> str:
    return _DESCRIPTIONS.get(key, "expected a value")


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RemindError(f"{path}: no such file") from None
    except UnicodeDecodeError as error:
        raise RemindError(
            f"{path}: not UTF-8 text ({error.reason} at byte {error.start})"
        ) from None
    except OSError as error:
        raise RemindError(f"{path}: cannot read ({error.strerror})") from None


class Reader:
    """Reads one TOML file, collecting every problem with its line."""

    def __init__(self, path: Path, text: str | None = None) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.text = read_text(path) if text is None else text
        import tomllib  # not paid for when the list comes from the cache

        try:
            self.data = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as error:
            raise InvalidFile([_syntax_problem(str(path), error)]) from None

    @functools.cached_property
    def lines(self) -> Lines:
        """Found only when a problem needs its line: a list without problems never pays."""
        return Lines(self.text)

    def problem(self, line: int | None, subject: str, field: str, message: str) -> None:
        self.problems.append(Problem(str(self.path), line, subject, field, message))

    def tables(self, kind: str) -> Iterator[TomlTable]:
        """The [[kind]] entries of the file."""
        value = self.data.get(kind, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(self.lines.of(kind, 0) or self.lines.of("", 0, kind), "", kind,
                         f"expected [[{kind}]] entries, each under its own [[{kind}]] line")  # fmt: skip
            return
        for index, data in enumerate(value):
            yield TomlTable(self, kind, index, data, f"{_singular(kind)} #{index + 1}")

    def table(self, kind: str) -> TomlTable:
        value = self.data.get(kind, {})
        if not isinstance(value, dict):
            self.problem(self.lines.of("", 0, kind), "", kind, f"expected a [{kind}] table")
            value = {}
        return TomlTable(self, kind, 0, value, kind)

    def top(self) -> TomlTable:
        """The file's top-level keys, read like a table."""
        return TomlTable(self, "", 0, self.data, "")

    def check_top(self, known: tuple[str, ...]) -> None:
        for key in self.data:
            if key not in known:
                line = self.lines.of(key, 0) or self.lines.of("", 0, key)
                expected = f"; expected {', '.join(known)}"
                self.problem(
                    line, "", key, "unknown table or key" + (did_you_mean(key, known) or expected)
                )

    def finish(self) -> None:
        if self.problems:
            self.problems.sort(key=lambda p: p.line or 0)
            raise InvalidFile(self.problems)


def _singular(kind: str) -> str:
    """tasks → task, sent → sent, progress → reading: what one table of a kind is called."""
    return {"progress": "reading", "sent": "sent"}.get(kind, kind.removesuffix("s"))


def _syntax_problem(path: str, error: tomllib.TOMLDecodeError) -> Problem:
    message = str(error)
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if found:
        message = message[: found.start()]
        return Problem(
            path, int(found[1]), "", "", f"not valid TOML: {message} (column {found[2]})"
        )
    return Problem(path, None, "", "", f"not valid TOML: {message}")


# ---------------------------------------------------------------- the task list


def load_tasklist(path: Path, text: str | None = None) -> TaskList:
    """The task list in the file at `path`, or in `text` as if it were that file's."""
    reader = Reader(path, text)
    reader.check_top(("settings", "sources", "units", "tasks"))
    settings = _settings(reader.table("settings"))
    calendar = calendar_named(settings.workdays, settings.holidays, settings.working_weekends)
    sources = _sources(reader, settings)
    units = _units(reader, settings)
    shift = Shift(settings.shift, calendar)
    tasks = _tasks(reader, sources, Directory(units), settings, shift)
    reader.finish()
    return TaskList(
        str(path), settings, tuple(sources.values()), tuple(units), tuple(tasks), calendar
    )


def _settings(entry: TomlTable) -> Settings:
    entry.check_fields()
    default = Settings()
    timezone = entry.get("timezone", text_value, default.timezone)
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        entry.problem("timezone", f'expected a time zone like "Asia/Shanghai", got {timezone!r}')
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
        alarms=entry.get("alarms", alarm_days, default.alarms),
        support_days=entry.get(
            "support_days", whole_number(0, MAX_SUPPORT_DAYS), default.support_days
        ),
        pace_behind=entry.get("pace_behind", whole_number(0, 100), default.pace_behind),
        pace_stale_days=entry.get("pace_stale_days", whole_number(1, 366), default.pace_stale_days),
        escalate_after=entry.get("escalate_after", whole_number(0, 366), default.escalate_after),
    )


def _sources(reader: Reader, settings: Settings) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    first: dict[str, TomlTable] = {}  # its line is looked up only for a problem
    for entry in reader.tables("sources"):
        source_id = entry.named("id", ident, "source")
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
            url=entry.get("url", text_value, ""),
        )
        _check_order(entry, source.start, source.until)
        if source_id in sources:
            entry.problem(
                "id",
                f"{source_id!r} is already the id of the source at line {first[source_id].line()}",
            )
        elif source_id:
            sources[source_id] = source
            first[source_id] = entry
    return sources


def _check_order(entry: TomlTable, start: date | None, until: date | None) -> None:
    if start and until and until < start:
        entry.problem("until", f"expected a day on or after from ({start}), got {until}")


def _units(reader: Reader, settings: Settings) -> list[Unit]:
    entries = list(reader.tables("units"))
    units: list[Unit] = []
    named: dict[tuple[str, str], tuple[TomlTable, str]] = {}  # the entry and field naming it
    for entry in entries:
        name = entry.named("name", text_value, "unit")
        unit = Unit(
            name=name,
            org=entry.get("org", text_value, settings.org),
            aliases=entry.get("aliases", name_list, ()),
            groups=entry.get("groups", name_list, ()),
            email=entry.get("email", _emails, ()),
            leader=entry.get("leader", text_value, ""),
            leader_email=entry.get("leader_email", _emails, ()),
        )
        for label in (unit.name, *unit.aliases):
            if not label:
                continue
            field = "name" if label == unit.name else "aliases"
            if (unit.org, label) in named:
                earlier, earlier_field = named[(unit.org, label)]
                line = earlier.line(earlier_field)
                entry.problem(field, f"{label!r} already names the unit at line {line}")
            else:
                named[(unit.org, label)] = (entry, field)
        units.append(unit)
    return _resolve_groups(units, entries)


def _emails(value: object) -> tuple[str, ...]:
    addresses = name_list(value)
    for address in addresses:
        email_address(address)
    return addresses


def _resolve_groups(units: list[Unit], entries: list[TomlTable]) -> list[Unit]:
    """Groups named by alias become canonical; unknown groups and cycles are problems."""
    directory = Directory(units)
    resolved: list[Unit] = []
    for unit, entry in zip(units, entries, strict=True):
        groups: list[str] = []
        for name in unit.groups:
            group = directory.lookup(unit.org, name)
            if group is None:
                entry.problem(
                    "groups",
                    f"unknown unit {name!r}" + did_you_mean(name, directory.names(unit.org)),
                )
            elif group.key == unit.key:
                entry.problem("groups", f"{name!r} is the unit itself")
            else:
                groups.append(group.name)
        resolved.append(replace(unit, groups=tuple(groups)))
    directory = Directory(resolved)
    for unit, entry in zip(resolved, entries, strict=True):
        if _in_cycle(directory, unit):
            entry.problem(
                "groups", "groups contain one another in a circle; a group cannot be its own member"
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

    for entry in reader.tables("tasks"):
        task_id = entry.named("id", ident, "task")
        if task_id:
            if task_id in first:
                line = first[task_id].line()
                entry.problem("id", f"{task_id!r} is already the id of the task at line {line}")
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
            text=entry.get("text", text_value, ""),
            target=entry.get("target", text_value, ""),
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
        known = (
            "; expected one of " + ", ".join(sources)
            if sources
            else "; add it to [[sources]] first"
        )
        entry.problem(
            "source", f"unknown source {source_id!r}" + (did_you_mean(source_id, sources) or known)
        )
    return sources.get(source_id)


def _unit_names(
    entry: TomlTable, field: str, directory: Directory, org: str, *, required: bool
) -> tuple[str, ...]:
    """The canonical names of the units a task names, each looked up in its source's organisation."""
    none: tuple[str, ...] = ()
    names = (entry.need if required else entry.get)(field, name_list, none)
    if required and field in entry.data and not names:
        entry.problem(field, "expected at least one unit")
    canonical: list[str] = []
    for name in names:
        unit = directory.lookup(org, name)
        if unit is None:
            where = f" in {org}" if org else ""
            hint = did_you_mean(name, directory.names(org)) or "; add it to [[units]] first"
            entry.problem(field, f"unknown unit {name!r}{where}{hint}")
        elif unit.name not in canonical:
            canonical.append(unit.name)
    return tuple(canonical)


def _schedule(entry: TomlTable, source: Source | None) -> Schedule:
    data = entry.data
    kinds = [
        kind
        for kind, present in (
            ("due", "due" in data),
            ("start/end", "start" in data or "end" in data),
            ("every", any(key in data for key in RECURRENCE_FIELDS)),
            ("ongoing", "ongoing" in data),
        )
        if present
    ]
    if not kinds:
        entry.problem("", f"no schedule; expected {SCHEDULES}")
        return Ongoing()
    if len(kinds) > 1:
        entry.problem(
            kinds[1].split("/")[0],
            f"a task has one schedule, but this one has {' and '.join(kinds)}",
        )
        return Ongoing()
    match kinds[0]:
        case "due":
            return Deadline(entry.get("due", day_value, date.min))
        case "start/end":
            return _window(entry)
        case "every":
            return _recurring(entry, source)
    if data["ongoing"] is not True:
        entry.problem("ongoing", "expected true; leave it out and give the task a schedule instead")
    return Ongoing()


def _window(entry: TomlTable) -> Window:
    start = entry.need("start", day_value, date.min)
    end = entry.need("end", day_value, date.min)
    if date.min not in (start, end) and end < start:
        entry.problem("end", f"expected a day on or after start ({start}), got {end}")
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
            entry.problem(
                "from",
                f"missing; expected the day the duty starts (source {source.id} has no date)",
            )
    until = entry.get("until", day_value, source.until if source else None)
    _check_order(entry, start, until)
    return Recurring(
        every=every,
        day=day,
        start=start or date.min,
        until=until,
        month=month,
        count_min=entry.get("count_min", whole_number(1, 100), 1),
    )


def _month(entry: TomlTable, every: Freq, day: Day) -> int | None:
    """month = N picks the month of a quarter, half or year the day falls in."""
    if "month" not in entry.data:
        return None
    if every.months < 3:
        entry.problem("month", 'only for every = "quarter", "half" or "year"')
        return None
    month = entry.get("month", whole_number(1, every.months), None)
    if isinstance(day, NextMonthDay):
        entry.problem("month", 'not with day = "next:N", which is already a day after the period')
    elif month and every is Freq.YEAR and isinstance(day, OnDay) and day.n > _longest(month):
        entry.problem("day", f"month {month} has at most {_longest(month)} days, got {day.n}")
    return month


def _longest(month: int) -> int:
    return 29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31
