"""The state file: the records of what was done, the readings of targets, the digests
mailed, as readable TOML. Only remind writes it.

A change is made under an exclusive lock held from reading the file to renaming the new one
into place, and written atomically: two processes writing at once both keep their records, and
a crash leaves the old file whole. The version before each change is kept beside it as
state.toml.bak.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from remind.core.model import Reading, Record, Sent
from remind.core.records import State
from remind.errors import RemindError
from remind.storage.files import locked, remove_leftovers, write_atomically
from remind.storage.toml import (
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
TOP_FIELDS = ("version", "last_id", "records", "progress", "sent")
RECORD_FIELDS = ("id", "task", "period", "unit", "done", "by", "note", "recorded")
READING_FIELDS = ("id", "task", "item", "value", "on", "by", "note", "recorded")
SENT_FIELDS = ("unit", "week", "to", "at")
MISSING = {"id": "expected the record's number, like 7", "task": "expected a task id"}


def load(path: Path) -> State:
    """The state file's records; none when it does not exist yet."""
    if not path.exists():
        return State()
    reader = Reader(path, missing=MISSING)
    reader.check_top(TOP_FIELDS)
    top = reader.top(TOP_FIELDS)
    top.get("version", whole_number(VERSION, VERSION), VERSION)
    last_id = top.get("last_id", whole_number(0, 10**9), 0)
    records: list[Record] = []
    for entry in reader.tables("records", RECORD_FIELDS):
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
    readings = [_reading(entry) for entry in reader.tables("progress", READING_FIELDS)]
    sent = [_sent(entry) for entry in reader.tables("sent", SENT_FIELDS)]
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


# ---------------------------------------------------------------- writing


def change(path: Path, edit: Callable[[State], tuple[State, T]]) -> T:
    """Apply `edit` to the state file under the lock, atomically, keeping a backup.

    A file that cannot be read is never overwritten: its problems are raised, nothing written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with locked(path):
            remove_leftovers(path)
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
