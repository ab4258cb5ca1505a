"""The state file: the records of what was done, the readings of targets, the digests
mailed. Only remind writes it.

A change is made under an exclusive lock held from reading the file to renaming the new one
into place, and written atomically (a temporary file in the same folder, flushed, fsynced,
renamed): two processes writing at once both keep their records, and a crash leaves the old
file whole. The version before each change is kept beside it as state.toml.bak.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from remind.core.model import LogLine, Reading, Record, Sent, TaskList
from remind.core.schedule import occurrence_of
from remind.errors import RemindError
from remind.storage.store import (
    Expected,
    Reader,
    TomlTable,
    any_text,
    day_value,
    ident,
    name_list,
    text_value,
    whole_number,
)

if TYPE_CHECKING:
    from decimal import Decimal

T = TypeVar("T")

VERSION = 1
HEADER = "# remind's state file: the records of what was done. Written by remind; see README.\n"


@dataclass(frozen=True, slots=True)
class State:
    """What the state file holds: the records of what was done, the readings and the mail."""

    records: tuple[Record, ...] = ()
    last_id: int = 0  # ids are never reused, even after an undo
    sent: tuple[Sent, ...] = ()  # the digests mailed
    readings: tuple[Reading, ...] = ()  # 序时进度, numbered with the records

    def add(self, record: Record) -> tuple[State, Record]:
        numbered = replace(record, id=self.last_id + 1)
        return replace(self, records=(*self.records, numbered), last_id=numbered.id), numbered

    def read(self, reading: Reading) -> tuple[State, Reading]:
        numbered = replace(reading, id=self.last_id + 1)
        return replace(self, readings=(*self.readings, numbered), last_id=numbered.id), numbered

    def mailed(self, sent: Sent) -> State:
        return replace(self, sent=(*self.sent, sent))

    def was_sent(self, unit: str, week: str) -> Sent | None:
        return next((s for s in self.sent if (s.unit, s.week) == (unit, week)), None)

    def remove(self, record_id: int | None) -> tuple[State, Record | Reading]:
        """Without the given record or reading, or without the last one made."""
        made: list[Record | Reading] = [*self.records, *self.readings]
        if not made:
            raise RemindError("there is no record to take back")
        if record_id is None:
            record_id = max(r.id for r in made)
        found = [r for r in made if r.id == record_id]
        if not found:
            raise RemindError(f"there is no record #{record_id}; `remind log` lists them")
        records = tuple(r for r in self.records if r.id != record_id)
        readings = tuple(r for r in self.readings if r.id != record_id)
        return replace(self, records=records, readings=readings), found[0]


# ---------------------------------------------------------------- reading


def load(path: Path) -> State:
    """The state file's records; none when it does not exist yet."""
    if not path.exists():
        return State()
    reader = Reader(path)
    reader.check_top(("version", "last_id", "records", "progress", "sent"))
    top = reader.top()
    top.get("version", whole_number(VERSION, VERSION), VERSION)
    last_id = top.get("last_id", whole_number(0, 10**9), 0)
    records: list[Record] = []
    for entry in reader.tables("records"):
        entry.check_fields()
        record = Record(
            task=entry.need("task", ident, ""),
            period=entry.need("period", text_value, ""),
            done_on=entry.need("done", day_value, date.min),
            by=entry.get("by", any_text, ""),
            note=entry.get("note", any_text, ""),
            unit=entry.get("unit", text_value, ""),
            id=entry.get("id", whole_number(1, 10**9), 0),
            recorded=entry.get("recorded", _moment, None),
        )
        if entry.ok:
            records.append(record)
    readings = [_reading(entry) for entry in reader.tables("progress")]
    sent = [_sent(entry) for entry in reader.tables("sent")]
    reader.finish()
    numbered = _numbered(records, last_id)
    kept = tuple(r for r in readings if r)
    last = max([numbered.last_id, *(r.id for r in kept)])
    return replace(numbered, sent=tuple(s for s in sent if s), readings=kept, last_id=last)


def _reading(entry: TomlTable) -> Reading | None:
    entry.check_fields()
    value = entry.need("value", _amount, None)
    task = entry.need("task", ident, "")
    on = entry.need("on", day_value, date.min)
    item = entry.get("item", whole_number(1, 100), 1)
    by, note = entry.get("by", any_text, ""), entry.get("note", any_text, "")
    number = entry.need("id", whole_number(1, 10**9), 0)
    recorded = entry.get("recorded", _moment, None)
    if value is None or not entry.ok:
        return None
    return Reading(task, value, on, item, by, note, number, recorded)


def _amount(value: object) -> Decimal:
    from decimal import Decimal  # paid for by readers of readings only

    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise Expected("expected a number, 0 or more, like 1500 or 3.24")
    return Decimal(str(value))


def _sent(entry: TomlTable) -> Sent | None:
    entry.check_fields()
    sent = Sent(
        unit=entry.need("unit", text_value, ""),
        week=entry.need("week", text_value, ""),
        to=entry.get("to", name_list, ()),
        at=entry.need("at", _moment, datetime.min.replace(tzinfo=UTC)),
    )
    return sent if entry.ok else None


def _moment(value: object) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise Expected("expected a date and time with its offset, like 2025-06-28T09:30:00+08:00")
    return value


def _numbered(records: list[Record], last_id: int) -> State:
    """Records written by hand may lack an id: they get the next ones, in file order."""
    last_id = max([last_id, *(r.id for r in records)])
    numbered = []
    for record in records:
        if not record.id:
            last_id += 1
            record = replace(record, id=last_id)
        numbered.append(record)
    return State(tuple(numbered), last_id)


def log_lines(records: Iterable[Record], tasklist: TaskList) -> list[LogLine]:
    """Records in the order they were done, each with its duty and occurrence."""
    tasks = {task.id: task for task in tasklist.tasks}
    lines = []
    for record in sorted(records, key=lambda r: (r.done_on, r.id)):
        task = tasks.get(record.task)
        lines.append(LogLine(record, task, occurrence_of(task, record.period) if task else None))
    return lines


def problems(
    records: Iterable[Record], readings: Iterable[Reading], tasklist: TaskList, path: Path
) -> list[str]:
    """Records whose task or period, and readings whose task, are gone from the task list:
    kept, but worth a look."""
    tasks = {task.id: task for task in tasklist.tasks}
    found = []
    for record in records:
        task = tasks.get(record.task)
        if task is None:
            gone = f"task {record.task!r} is not in {tasklist.path}"
        elif occurrence_of(task, record.period) is None:
            gone = f"task {record.task!r} has no period {record.period!r} in {tasklist.path}"
        else:
            continue
        found.append(f"{path}: record #{record.id}: {gone}")
    return found + [
        f"{path}: reading #{reading.id}: task {reading.task!r} is not in {tasklist.path}"
        for reading in readings
        if reading.task not in tasks
    ]


# ---------------------------------------------------------------- writing


def change(path: Path, edit: Callable[[State], tuple[State, T]]) -> T:
    """Apply `edit` to the state file under the lock, atomically, keeping a backup.

    A file that cannot be read is never overwritten: its problems are raised, nothing written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with locked(path):
            _remove_leftovers(path)
            before = path.read_bytes() if path.exists() else None
            new, result = edit(load(path))
            if before is not None:
                write_atomically(_backup(path), before, like=path)
            write_atomically(path, dumps(new).encode("utf-8"), like=path)
    except OSError as error:
        raise RemindError(f"{path}: cannot write the state file ({error.strerror})") from None
    return result


def dumps(state: State) -> str:
    import tomli_w  # only commands that write pay for it

    records = [_record_table(r) for r in sorted(state.records, key=lambda r: r.id)]
    document: dict[str, object] = {
        "version": VERSION, "last_id": state.last_id, "records": records,
    }  # fmt: skip
    if state.readings:
        document["progress"] = [_reading_table(r) for r in sorted(state.readings, key=_by_id)]
    if state.sent:
        document["sent"] = [
            {"unit": s.unit, "week": s.week, "to": list(s.to), "at": s.at} for s in state.sent
        ]
    return HEADER + tomli_w.dumps(document)


def _record_table(record: Record) -> dict[str, object]:
    table: dict[str, object] = {"id": record.id, "task": record.task, "period": record.period}
    if record.unit:
        table["unit"] = record.unit
    table["done"] = record.done_on
    table |= {key: value for key, value in (("by", record.by), ("note", record.note)) if value}
    if record.recorded:
        table["recorded"] = record.recorded
    return table


def _by_id(reading: Reading) -> int:
    return reading.id


def _reading_table(reading: Reading) -> dict[str, object]:
    value = (
        int(reading.value) if reading.value == reading.value.to_integral() else float(reading.value)
    )
    table: dict[str, object] = {"id": reading.id, "task": reading.task}
    if reading.item != 1:
        table["item"] = reading.item
    table |= {"value": value, "on": reading.on}
    table |= {key: text for key, text in (("by", reading.by), ("note", reading.note)) if text}
    if reading.recorded:
        table["recorded"] = reading.recorded
    return table


def _backup(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock on a file beside the state file (the state file itself is replaced,
    so it cannot carry the lock). The lock goes with the process, however it ends."""
    with open(path.with_name(path.name + ".lock"), "a+b") as lock:
        if sys.platform == "win32":
            import msvcrt

            lock.seek(0)
            msvcrt.locking(lock.fileno(), msvcrt.LK_LOCK, 1)
        else:
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _temporary_prefix(path: Path) -> str:
    return f".{path.name}."


def _remove_leftovers(path: Path) -> None:
    """Temporary files of a writer that died before its rename; under the lock, no other
    writer is at work, so every one of them is stale."""
    for stale in path.parent.glob(f"{_temporary_prefix(path)}*.tmp"):
        stale.unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes, *, like: Path) -> None:
    import tempfile  # paid for by writers only

    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=_temporary_prefix(like), suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _mode_of(like))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(path.parent)


def _mode_of(path: Path) -> int:
    """The existing file's permissions, else what the user's umask gives a new file
    (mkstemp's 0600 would lock out the colleagues who share the file)."""
    with contextlib.suppress(FileNotFoundError):
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable."""
    if sys.platform == "win32":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
