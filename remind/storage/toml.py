"""TOML files read the way remind reports them: every problem at once, each with its file,
line, entry and field, and what was expected.

Generic: the task list, the state file and the config file each pass the fields of their own
tables (remind.storage.tasklist, statefile, config).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from remind.core.dates import FIRST_DAY, LAST_DAY
from remind.core.text import control_character
from remind.errors import InvalidFile, Problem, RemindError, did_you_mean
from remind.i18n import N_, _

if TYPE_CHECKING:
    import tomllib

T = TypeVar("T")


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
    """Some text on one line: a name, a title, an address."""
    if not isinstance(value, str) or not value.strip():
        raise Expected(_("expected some text in quotes"))
    _no_controls(value, lines=False)
    return value.strip()


def free_text(value: object) -> str:
    """Some text that may span lines: the plan's words, a target."""
    if not isinstance(value, str) or not value.strip():
        raise Expected(_("expected some text in quotes"))
    _no_controls(value, lines=True)
    return value.strip()


def any_text(value: object) -> str:
    """Text, maybe empty, that may span lines: a note."""
    if not isinstance(value, str):
        raise Expected(_("expected text in quotes"))
    _no_controls(value, lines=True)
    return value


def _no_controls(value: str, *, lines: bool) -> None:
    if found := control_character(value, lines=lines):
        if lines:
            raise Expected(
                _("expected text without control characters; found {found}").format(found=found)
            )
        raise Expected(
            _("expected text without control characters, or a line break; found {found}").format(
                found=found
            )
        )


def ident(value: object) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", value):
        raise Expected(
            _("expected an ASCII id of letters, digits, '-', '_' or '.', got {value!r}").format(
                value=value
            )
        )
    return value


def day_value(value: object) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise Expected(
            _("expected a date like 2025-06-30 (no quotes, no time), got {value}").format(
                value=show_value(value)
            )
        )
    if not FIRST_DAY <= value <= LAST_DAY:
        raise Expected(
            _("expected a date from {first} to {last}, got {value}").format(
                first=FIRST_DAY.year, last=LAST_DAY.year, value=value
            )
        )
    return value


def day_list(value: object) -> tuple[date, ...]:
    if not isinstance(value, list):
        raise Expected(
            _("expected a list of dates like [2027-10-01, 2027-10-02], got {value}").format(
                value=show_value(value)
            )
        )
    return tuple(sorted(day_value(item) for item in value))


def alarm_days(value: object) -> tuple[int, ...]:
    """alarms = [7, 1]: days before due, each from 1 to 366; [] for none. Latest last."""
    check = whole_number(1, 366)
    if not isinstance(value, list):
        raise Expected(
            _("expected a list of days before due, like [7, 1], got {value}").format(
                value=show_value(value)
            )
        )
    if 0 in value:
        # Outlook reads a reminder after an all-day event's start as one before it
        raise Expected(
            _(
                "expected days before due from 1 up: an alarm on the day itself is not kept by "
                "Outlook"
            )
        )
    return tuple(sorted({check(item) for item in value}, reverse=True))


def email_address(address: str) -> str:
    """One address: fazhi@example.org, with no spaces or line breaks to smuggle in a header."""
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", address) or control_character(address):
        raise Expected(
            _("expected e-mail addresses like fazhi@example.org, got {address!r}").format(
                address=address
            )
        )
    return address


def web_address(url: str) -> str:
    """https://…: nothing that could end a line of a calendar or a page."""
    if not re.fullmatch(r"https?://[^\s<>\"]+", url):
        raise Expected(
            _("expected a web address like https://www.example.gov.cn/…, got {url!r}").format(
                url=url
            )
        )
    return url


def name_list(value: object) -> tuple[str, ...]:
    """One name or a list of names: "法制处" or ["法制处", "办公室"]."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
        raise Expected(_('expected a name in quotes or a list of them, like ["法制处", "办公室"]'))
    for item in items:
        _no_controls(item, lines=False)
    return tuple(i.strip() for i in items)


def whole_number(low: int, high: int) -> Callable[[object], int]:
    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise Expected(
                _("expected a whole number from {low} to {high}, got {value}").format(
                    low=low, high=high, value=show_value(value)
                )
            )
        return value

    return check


def one_of(*choices: str) -> Callable[[object], str]:
    def check(value: object) -> str:
        if value not in choices:
            listed = ", ".join(f'"{c}"' for c in choices)
            raise Expected(
                _("expected one of {choices}, got {value}").format(
                    choices=listed, value=show_value(value)
                )
            )
        return str(value)

    return check


def show_value(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value).lower()


# ---------------------------------------------------------------- one table at a time


class TomlTable:
    """One TOML table of a file (a [[tasks]] entry, [settings]), read field by field.

    Problems go to the shared list and reading goes on, so one run reports them all. `fields`
    are the keys this kind of table has. `subject` names the table in its problems: as it is,
    or, given `values`, a message marked N_ that is said with them only when a problem is.
    """

    def __init__(
        self,
        reader: Reader,
        kind: str,
        index: int,
        data: dict[str, Any],
        subject: str,
        fields: tuple[str, ...],
        values: Mapping[str, object] | None = None,
    ) -> None:
        self.reader, self.kind, self.index, self.data = reader, kind, index, data
        self.subject, self.fields, self.values = subject, fields, values
        self.ok = True

    def line(self, key: str | None = None) -> int | None:
        return self.reader.lines.of(self.kind, self.index, key)

    def problem(self, field: str, message: str) -> None:
        self.ok = False
        subject = self.subject if self.values is None else _(self.subject).format(**self.values)
        self.reader.problem(self.line(field or None), subject, field, message)

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
            expected = self.reader.missing.get(key, N_("expected a value"))
            self.problem(key, _("missing; {expected}").format(expected=_(expected)))
            return default
        return self.get(key, convert, default)

    def named(self, key: str, convert: Callable[[object], str], label: str) -> str:
        """Read the field that names this entry first, so every later problem says which
        entry it is in (`label` says it, a message marked N_: "task {name}"); then report the
        fields this kind of entry does not have."""
        name = self.need(key, convert, "")
        if name:
            self.subject, self.values = label, {"name": name}
        self.check_fields()
        return name

    def check_fields(self) -> None:
        for field in self.data:
            if field not in self.fields:
                self.problem(field, _("unknown field") + did_you_mean(field, self.fields))


def read_text(path: Path) -> str:
    """The file's text; a byte-order mark at its start (Windows Notepad's) is left out."""
    try:
        return path.read_text(encoding="utf-8").removeprefix("\ufeff")
    except FileNotFoundError:
        raise RemindError(_("{path}: no such file").format(path=path)) from None
    except UnicodeDecodeError as error:
        raise RemindError(
            _("{path}: not UTF-8 text ({reason} at byte {byte})").format(
                path=path, reason=error.reason, byte=error.start
            )
        ) from None
    except OSError as error:
        raise RemindError(
            _("{path}: cannot read ({reason})").format(path=path, reason=error.strerror)
        ) from None


class Reader:
    """Reads one TOML file, collecting every problem with its line. `missing` says, by key,
    what a required key that is missing should hold."""

    def __init__(
        self, path: Path, text: str | None = None, *, missing: Mapping[str, str] | None = None
    ) -> None:
        self.path = path
        self.missing = missing or {}
        self.problems: list[Problem] = []
        self.text = read_text(path) if text is None else text
        import tomllib  # not paid for when the list comes from the cache

        try:
            self.data = tomllib.loads(self.text.removeprefix("\ufeff"))
        except tomllib.TOMLDecodeError as error:
            raise InvalidFile([_syntax_problem(str(path), error)]) from None
        except RecursionError:  # [[[[…]]]] thousands deep: no file of remind's is
            too_deep = _("not valid TOML: nested too deeply")
            raise InvalidFile([Problem(str(path), None, "", "", too_deep)]) from None

    @functools.cached_property
    def lines(self) -> Lines:
        """Found only when a problem needs its line: a list without problems never pays."""
        return Lines(self.text)

    def problem(self, line: int | None, subject: str, field: str, message: str) -> None:
        self.problems.append(Problem(str(self.path), line, subject, field, message))

    def tables(self, kind: str, fields: tuple[str, ...]) -> Iterator[TomlTable]:
        """The [[kind]] entries of the file, each with these `fields`."""
        value = self.data.get(kind, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            message = _("expected [[{kind}]] entries, each under its own [[{kind}]] line")
            line = self.lines.of(kind, 0) or self.lines.of("", 0, kind)
            self.problem(line, "", kind, message.format(kind=kind))
            return
        for index, data in enumerate(value):
            number = {"number": index + 1}
            yield TomlTable(self, kind, index, data, ENTRIES[kind], fields, number)

    def table(self, kind: str, fields: tuple[str, ...]) -> TomlTable:
        """The [kind] table of the file, with these `fields`; empty when there is none."""
        value = self.data.get(kind, {})
        if not isinstance(value, dict):
            message = _("expected a [{kind}] table").format(kind=kind)
            self.problem(self.lines.of("", 0, kind), "", kind, message)
            value = {}
        return TomlTable(self, kind, 0, value, kind, fields)

    def top(self, fields: tuple[str, ...]) -> TomlTable:
        """The file's top-level keys, read like a table."""
        return TomlTable(self, "", 0, self.data, "", fields)

    def check_top(self, known: tuple[str, ...]) -> None:
        for key in self.data:
            if key not in known:
                line = self.lines.of(key, 0) or self.lines.of("", 0, key)
                self.problem(line, "", key, _unknown_top(key, known))

    def finish(self) -> None:
        if self.problems:
            self.problems.sort(key=lambda p: p.line or 0)
            raise InvalidFile(self.problems)


def _unknown_top(key: str, known: tuple[str, ...]) -> str:
    if hint := did_you_mean(key, known):
        return _("unknown table or key") + hint
    return _("unknown table or key; expected {names}").format(names=", ".join(known))


ENTRIES = {  # what the entries of each kind are called in their problems, by number
    "tasks": N_("task #{number}"),
    "sources": N_("source #{number}"),
    "units": N_("unit #{number}"),
    "webhooks": N_("webhook #{number}"),
    "records": N_("record #{number}"),
    "progress": N_("reading #{number}"),
    "sent": N_("sent #{number}"),
}


def _syntax_problem(path: str, error: tomllib.TOMLDecodeError) -> Problem:
    message = str(error)
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if found:
        message = message[: found.start()]
        text = _("not valid TOML: {error} (column {column})")
        return Problem(path, int(found[1]), "", "", text.format(error=message, column=found[2]))
    return Problem(path, None, "", "", _("not valid TOML: {error}").format(error=message))
