"""The checked task list, kept between runs: reading it back is many times faster than reading
and checking the TOML again.

It is never stale: an entry serves only a run whose task list has the same text, word for word,
and whose remind and Python are the same, so even an edit of the same size within the same
second is seen. The working-day calendar is kept beside it with the identity of the file in
which chinesecalendar holds the State Council's notices, so an upgrade is seen at once. Only a
list without problems is kept. A cache that cannot be read or written is passed by.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import os
import pickle
import stat
import sys
import zlib
from pathlib import Path
from types import MappingProxyType
from typing import Any

from remind.core.model import TaskList
from remind.core.workdays import WorkCalendar
from remind.storage import tasklist as schema
from remind.storage.holidays import calendar_named, folder_files
from remind.storage.toml import read_text

_CODE = Path(__file__).parents[1]  # the package
FileId = tuple[str, int, int]  # a file by path, time and size
# The Python, the list's path as given, remind's code, chinesecalendar's notices and the list's
# whole text: an entry serves a run only if all are the same, so no edit is ever missed.
Key = tuple[str, str, list[FileId], FileId | None, str]
# What a calendar holds: its recipe, days off, weekends worked, the years known, its sources
CalendarData = tuple[
    Any, dict[Any, str], dict[Any, str], frozenset[int] | None, str, dict[int, str]
]


def load_tasklist(path: Path, folder: Path | None) -> TaskList:
    """The task list at `path`, checked, through the cache in `folder` when one is given."""
    text = read_text(path)
    if folder is None or not _private(folder):
        return schema.load_tasklist(path, text)
    where = str(path.resolve())  # the list given as ./tasks.toml or by its whole path: one entry
    entry = folder / f"{zlib.crc32(where.encode()):08x}.pickle"
    key = (sys.version, where, _code(), _notices(), text)
    found = _read(entry, key)
    if found is not None and _stale(found.calendar):
        found = None  # a holiday file was added or changed since
    if found is not None:
        return found if found.path == str(path) else dataclasses.replace(found, path=str(path))
    tasklist = schema.load_tasklist(path, text)
    _write(entry, key, tasklist)
    return tasklist


def _stale(calendar: WorkCalendar) -> bool:
    """Whether the folder of notices a calendar was made from has changed since."""
    folder, files = calendar.recipe[3:5] if len(calendar.recipe) >= 5 else ("", ())
    return bool(folder) and folder_files(str(folder)) != files


def _private(folder: Path) -> bool:
    """The folder, made if missing, only its owner may write in, and that owner is this
    user: anyone else who could put an entry there could make the list say what they like."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(folder, follow_symlinks=False)
    except OSError:
        return False
    owned = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
    return stat.S_ISDIR(info.st_mode) and owned and not info.st_mode & 0o022


def _code() -> list[tuple[str, int, int]]:
    """remind's own modules, by path, time and size: a new version or an edit changes it."""
    found: list[tuple[str, int, int]] = []
    folders = [str(_CODE)]
    while folders:
        for item in os.scandir(folders.pop()):
            if item.is_dir() and not item.name.startswith(("_", ".")):  # not __pycache__
                folders.append(item.path)
            elif item.name.endswith(".py"):
                info = item.stat()
                found.append((item.path, info.st_mtime_ns, info.st_size))
    return sorted(found)


def _notices() -> FileId | None:
    """The file of chinesecalendar that holds the notices, found without importing it."""
    import importlib.util

    spec = importlib.util.find_spec("chinese_calendar")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(next(iter(spec.submodule_search_locations)), "constants.py")
    try:
        info = os.stat(path)
    except OSError:
        return None
    return path, info.st_mtime_ns, info.st_size


def _read(entry: Path, key: Key) -> TaskList | None:
    try:
        # never through a link: an entry is a file of this folder's own
        descriptor = os.open(entry, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(descriptor, "rb") as file:
            unpickler = _Unpickler(file)
            if unpickler.load() != key:
                return None
            unpickler.calendar = unpickler.load()
            found = unpickler.load()
    # missing, unreadable, truncated, or from another version: unpickling raises all sorts
    except Exception:  # noqa: BLE001
        return None
    return found if isinstance(found, TaskList) else None


def _write(entry: Path, key: Key, tasklist: TaskList) -> None:
    import tempfile

    try:  # a new file of a name nobody could guess, made here and nowhere else (O_EXCL)
        descriptor, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as file:
            pickler = _Pickler(file, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.dump(key)
            pickler.dump(_contents(tasklist.calendar))
            pickler.dump(tasklist)
        os.replace(temporary, entry)  # a reader sees the old entry or the new one, never half
    except (OSError, pickle.PicklingError):
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _contents(calendar: WorkCalendar) -> CalendarData:
    days_off, worked = dict(calendar.holidays), dict(calendar.working_weekends)
    sources = dict(calendar.year_sources)
    return calendar.recipe, days_off, worked, calendar.known_years, calendar.source, sources


def _allowed(module: str, name: str) -> bool:
    """The classes an entry may hold: remind's own, and dates."""
    if module == "datetime":
        return name in ("date", "datetime", "timedelta", "timezone")
    return module.startswith("remind.") and not name.startswith("_")


class _Pickler(pickle.Pickler):
    """Keeps a calendar by what it was made from (its contents are written once, before the
    list, since the list refers to it many times); and each frozen dataclass as
    a call of its class, which reads back faster than restoring its slots one by one, as
    pickle otherwise does."""

    def persistent_id(self, obj: Any) -> Any:
        if isinstance(obj, WorkCalendar):
            return obj.recipe
        return None

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, enum.Enum):  # by value: Python 3.12 on would name it via getattr,
            return type(obj), (obj.value,)  # which the unpickler rightly refuses to call
        if isinstance(obj, type) or not dataclasses.is_dataclass(obj):
            return NotImplemented
        return type(obj), tuple(getattr(obj, f.name) for f in dataclasses.fields(obj) if f.init)


class _Unpickler(pickle.Unpickler):
    """Makes each calendar once per recipe: the list's from the contents kept, any other
    afresh. Makes nothing but remind's own data and dates: an entry planted to run code when
    read back finds no function to call."""

    def find_class(self, module: str, name: str) -> Any:
        found = super().find_class(module, name) if _allowed(module, name) else None
        if not isinstance(found, type) or not (
            dataclasses.is_dataclass(found) or issubclass(found, enum.Enum) or module == "datetime"
        ):
            raise pickle.UnpicklingError(f"{module}.{name} is not remind's data")
        return found

    def __init__(self, file: Any) -> None:
        super().__init__(file)
        self.calendars: dict[Any, WorkCalendar] = {}
        self.calendar: CalendarData | None = None

    def persistent_load(self, pid: Any) -> WorkCalendar:
        if pid not in self.calendars:
            self.calendars[pid] = self._made(pid)
        return self.calendars[pid]

    def _made(self, recipe: Any) -> WorkCalendar:
        if self.calendar is None or self.calendar[0] != recipe:
            return calendar_named(*recipe)
        _, days_off, worked, known, source, sources = self.calendar
        return WorkCalendar(MappingProxyType(days_off), MappingProxyType(worked), known,
                            source=source, year_sources=MappingProxyType(sources),
                            recipe=recipe)  # fmt: skip
