"""The records in readable TOML: what `remind state export` writes and `remind state import`
reads, and the state.toml of remind before the record store. Every problem of a file is found
before anything of it is taken."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from remind.core.model import CHANNEL, FEEDBACK_FIELDS, MAIL, Feedback, Reading, Record, Sent, Told
from remind.core.records import State
from remind.i18n import N_, _
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
HEADER = N_("# remind's records of what was done, from `remind state export`; see README.")
TOP_FIELDS = ("version", "last_id", "records", "progress", "sent")
RECORD_FIELDS = ("id", "task", "period", "unit", "done", "by", "note", "recorded", "uid",
                 "feedback", "origin")  # fmt: skip
READING_FIELDS = ("id", "task", "item", "value", "on", "by", "note", "recorded", "uid")
SENT_FIELDS = ("unit", "week", "to", "at", "uid", "channel", "told")
MISSING = {"id": N_("expected the record's number, like 7"), "task": N_("expected a task id")}


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
            uid=entry.get("uid", ident, ""),
            feedback=entry.get("feedback", _feedback, Feedback()),
            origin=entry.get("origin", any_text, ""),
        )
        if entry.ok:
            records.append(record)
    readings = [_reading(entry) for entry in reader.tables("progress", READING_FIELDS)]
    sent = [_sent(entry) for entry in reader.tables("sent", SENT_FIELDS)]
    reader.finish()
    kept = tuple(r for r in readings if r)
    _no_number_twice(reader, records, kept)
    numbered = _numbered(records, last_id)
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
    uid = entry.get("uid", ident, "")
    if value is None or not entry.ok:
        return None
    return Reading(task, value, on, item, by, note, number, recorded, uid)


def _amount(value: object) -> Decimal:
    from decimal import Decimal  # paid for by readers of readings only

    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise Expected(_("expected a number, 0 or more, like 1500 or 3.24"))
    return Decimal(str(value))


def _sent(entry: TomlTable) -> Sent | None:
    entry.check_fields()
    sent = Sent(
        unit=entry.need("unit", text_value, ""),
        week=entry.need("week", text_value, ""),
        to=entry.get("to", name_list, ()),
        at=entry.need("at", _moment, datetime.min.replace(tzinfo=UTC)),
        uid=entry.get("uid", ident, ""),
        channel=entry.get("channel", _channel, MAIL),
        told=entry.get("told", _told, ()),
    )
    return sent if entry.ok else None


def _feedback(value: object) -> Feedback:
    """feedback = {progress = "…", problems = "…", next_steps = "…", help_needed = "…"}"""
    names = [name for name, _label in FEEDBACK_FIELDS]
    if not isinstance(value, dict) or not set(value) <= set(names):
        raise Expected(_("expected a table of {names}").format(names=", ".join(names)))
    return Feedback(**{name: any_text(text) for name, text in value.items()})


def _told(value: object) -> tuple[Told, ...]:
    """told = [{task = "report", period = "2025-06", due = 2025-06-30}, …]"""
    expected = _('expected a list like [{task = "report", period = "once", due = 2025-06-30}]')
    if not isinstance(value, list) or not all(
        isinstance(t, dict) and t.keys() == {"task", "period", "due"} for t in value
    ):
        raise Expected(expected)
    return tuple(
        Told(ident(t["task"]), text_value(t["period"]), day_value(t["due"])) for t in value
    )


def _channel(value: object) -> str:
    text = text_value(value)
    if not CHANNEL.fullmatch(text):
        raise Expected(
            _("expected mail or a robot's channel like wecom:3f9a0c1d2e4b, got {text!r}").format(
                text=text
            )
        )
    return text


def _moment(value: object) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise Expected(
            _("expected a date and time with its offset, like 2025-06-28T09:30:00+08:00")
        )
    return value


def _no_number_twice(reader: Reader, records: list[Record], readings: tuple[Reading, ...]) -> None:
    """Two records (or readings) with one number: undo N could not tell which is meant."""
    seen: set[int] = set()
    items: list[Record | Reading] = [*records, *readings]
    for item in items:
        if item.id and item.id in seen:
            twice = _("the number {number} is given to two records").format(number=item.id)
            reader.problem(None, "", "id", twice)
            reader.finish()
        seen.add(item.id)


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


def dumps(state: State, *, json: bool = False) -> str:
    """The state as readable TOML (as JSON, with `json`): records, readings and the mail."""
    import tomli_w  # only commands that write pay for it

    records = [_record_table(r) for r in sorted(state.records, key=lambda r: r.id)]
    document: dict[str, object] = {
        "version": VERSION, "last_id": state.last_id, "records": records,
    }  # fmt: skip
    if state.readings:
        document["progress"] = [_reading_table(r) for r in sorted(state.readings, key=_by_id)]
    if state.sent:
        document["sent"] = [_sent_table(s) for s in state.sent]
    if json:
        import json as encoding

        return encoding.dumps(document, ensure_ascii=False, indent=2, default=_iso) + "\n"
    return _(HEADER) + "\n" + tomli_w.dumps(document)


def _record_table(record: Record) -> dict[str, object]:
    table: dict[str, object] = {"id": record.id, "task": record.task, "period": record.period}
    if record.unit:
        table["unit"] = record.unit
    table["done"] = record.done_on
    table |= {key: value for key, value in (("by", record.by), ("note", record.note)) if value}
    if record.recorded:
        table["recorded"] = record.recorded
    if record.uid:
        table["uid"] = record.uid
    if record.feedback:
        table["feedback"] = {k: v for k, v in dataclasses.asdict(record.feedback).items() if v}
    if record.origin:
        table["origin"] = record.origin
    return table


def _sent_table(sent: Sent) -> dict[str, object]:
    table: dict[str, object] = {"unit": sent.unit, "week": sent.week, "to": list(sent.to)}
    table |= {"at": sent.at} | ({"uid": sent.uid} if sent.uid else {})
    table |= {"channel": sent.channel} if sent.channel != MAIL else {}
    told = [{"task": t.task, "period": t.period, "due": t.due} for t in sent.told]
    return table | ({"told": told} if told else {})


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
    if reading.uid:
        table["uid"] = reading.uid
    return table


def _iso(value: object) -> str:
    """Dates and times in JSON as in TOML: ISO 8601."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {value!r} as JSON")
