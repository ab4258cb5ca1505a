"""The checked task list, kept between runs: reading it back is many times faster than reading
and checking the TOML again.

It is never stale: an entry serves only a run whose task list has the same text, word for word,
and whose remind and Python are the same, so even an edit of the same size within the same
second is seen. The working-day calendar is not kept: it comes fresh from chinesecalendar every
run, so an upgrade is seen at once. Only a list without problems is kept. A cache that cannot
be read or written is passed by.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pickle
import sys
import zlib
from pathlib import Path
from typing import Any

from remind.core.model import TaskList
from remind.core.workdays import WorkCalendar
from remind.storage import tasklist as schema
from remind.storage.holidays import calendar_named
from remind.storage.toml import read_text

_CODE = Path(__file__).parents[1]  # the package
# The Python, the list's path as given, remind's code and the list's whole text: an entry
# serves a run only if all four are the same, so no edit is ever missed, however small or quick.
Key = tuple[str, str, list[tuple[str, int, int]], str]


def load_tasklist(path: Path, folder: Path | None) -> TaskList:
    """The task list at `path`, checked, through the cache in `folder` when one is given."""
    text = read_text(path)
    if folder is None:
        return schema.load_tasklist(path, text)
    entry = folder / f"{zlib.crc32(str(path.resolve()).encode()):08x}.pickle"  # one per list
    key = (sys.version, str(path), _code(), text)
    found = _read(entry, key)
    if found is not None:
        return found
    tasklist = schema.load_tasklist(path, text)
    _write(entry, key, tasklist)
    return tasklist


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


def _read(entry: Path, key: Key) -> TaskList | None:
    try:
        with entry.open("rb") as file:
            unpickler = _Unpickler(file)
            if unpickler.load() != key:
                return None
            found = unpickler.load()
    # missing, unreadable, truncated, or from another version: unpickling raises all sorts
    except Exception:  # noqa: BLE001
        return None
    return found if isinstance(found, TaskList) else None


def _write(entry: Path, key: Key, tasklist: TaskList) -> None:
    temporary = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb") as file:
            pickler = _Pickler(file, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.dump(key)
            pickler.dump(tasklist)
        os.replace(temporary, entry)  # a reader sees the old entry or the new one, never half
    except (OSError, pickle.PicklingError):
        with contextlib.suppress(OSError):
            temporary.unlink()


class _Pickler(pickle.Pickler):
    """Keeps what the calendar was made from, not the calendar; and each frozen dataclass as
    a call of its class, which reads back faster than restoring its slots one by one, as
    pickle otherwise does."""

    def persistent_id(self, obj: Any) -> Any:
        if isinstance(obj, WorkCalendar):
            return obj.recipe
        return None

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, type) or not dataclasses.is_dataclass(obj):
            return NotImplemented
        return type(obj), tuple(getattr(obj, f.name) for f in dataclasses.fields(obj) if f.init)


class _Unpickler(pickle.Unpickler):
    """Makes each calendar afresh from chinesecalendar, once per recipe."""

    def __init__(self, file: Any) -> None:
        super().__init__(file)
        self.calendars: dict[Any, WorkCalendar] = {}

    def persistent_load(self, pid: Any) -> WorkCalendar:
        if pid not in self.calendars:
            name, holidays, weekends = pid
            self.calendars[pid] = calendar_named(name, holidays, weekends)
        return self.calendars[pid]
