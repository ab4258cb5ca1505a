"""Records of what was done: the state's value, and the rules for adding and taking back.

Pure: the record store (remind.storage.store) reads and writes the State; these
functions take one and give the next, so that a web form and the command line record alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime

from remind.core.model import (
    FEEDBACK_FIELDS,
    MAIL,
    NO_FEEDBACK,
    Feedback,
    Link,
    LogLine,
    Occurrence,
    Reading,
    Record,
    Sent,
    Task,
    TaskList,
    Undo,
    Unit,
)
from remind.core.schedule import occurrence_of, occurrence_to_record, open_on
from remind.core.text import checked
from remind.core.units import Directory
from remind.errors import RemindError
from remind.frozen import frozen
from remind.i18n import N_, _

LAST_NUMBER = 10**9  # the highest record number: what a state file holds and reads back


@frozen
class State:
    """What the record store holds: the records of what was done, the readings, the mail, and
    what was taken back. `records` and `readings` are those that count: without the undone."""

    records: tuple[Record, ...] = ()
    last_id: int = 0  # ids are never reused, even after an undo
    sent: tuple[Sent, ...] = ()  # the digests mailed
    readings: tuple[Reading, ...] = ()  # 序时进度, numbered with the records
    undos: tuple[Undo, ...] = ()
    links: tuple[Link, ...] = ()  # the units' addresses in the web service, oldest first

    def made(self, uid: str) -> Record | Reading | None:
        """The record or reading made with this uid, if it counts."""
        if not uid:
            return None
        made: tuple[Record | Reading, ...] = (*self.records, *self.readings)
        return next((r for r in made if r.uid == uid), None)

    def add(self, record: Record) -> tuple[State, Record]:
        numbered = replace(record, id=self._next())
        return replace(self, records=(*self.records, numbered), last_id=numbered.id), numbered

    def _next(self) -> int:
        """The next number: one rule for every store and file, 1 to LAST_NUMBER."""
        if self.last_id >= LAST_NUMBER:
            raise RemindError(
                _("no record number is left after #{number}").format(number=self.last_id)
            )
        return self.last_id + 1

    def read(self, reading: Reading) -> tuple[State, Reading]:
        numbered = replace(reading, id=self._next())
        return replace(self, readings=(*self.readings, numbered), last_id=numbered.id), numbered

    def mailed(self, sent: Sent) -> State:
        return replace(self, sent=(*self.sent, sent))

    def was_sent(self, unit: str, week: str, channel: str = MAIL) -> Sent | None:
        wanted = (unit, week, channel)
        return next((s for s in self.sent if (s.unit, s.week, s.channel) == wanted), None)

    def linked(self, link: Link) -> State:
        return replace(self, links=(*self.links, link))

    def opened_by(self, digest: str) -> str | None:
        """The unit (ORG/NAME, "" the coordinator) whose latest link has this digest; None when
        no link has it, or a newer one replaced it."""
        latest = {link.unit: link.digest for link in self.links}
        return next((unit for unit, kept in latest.items() if kept == digest), None)

    def told(self, unit: str) -> dict[tuple[str, str], date]:
        """The due date each occurrence had when a digest last gave it to `unit` (ORG/NAME)."""
        return {
            (told.task, told.period): told.due
            for sent in self.sent
            if sent.unit == unit
            for told in sent.told
        }

    def remove(
        self, record_id: int | None, *, by: str = "", at: datetime | None = None, uid: str = ""
    ) -> tuple[State, Record | Reading]:
        """Without the given record or reading, or without the last one made `by` the same
        person (a store is shared: anyone else's is taken back by its number only); the undo
        is kept, with who took it back and when."""
        made: list[Record | Reading] = [*self.records, *self.readings]
        if not made:
            raise RemindError(_("there is no record to take back"))
        if record_id is None:
            own = [r.id for r in made if r.by == by]
            if not own:
                raise RemindError(_none_made_by(by))
            record_id = max(own)
        found = [r for r in made if r.id == record_id]
        if not found:
            raise RemindError(
                _("there is no record #{number}; `remind log` lists them").format(number=record_id)
            )
        records = tuple(r for r in self.records if r.id != record_id)
        readings = tuple(r for r in self.readings if r.id != record_id)
        undos = (*self.undos, Undo(record_id, by, at, uid))
        return replace(self, records=records, readings=readings, undos=undos), found[0]


def _none_made_by(by: str) -> str:
    if not by:
        return _(
            "there is no record made without a name (--by) to take back; to take back "
            "someone else's, give its number: `remind log` lists them"
        )
    return _(
        "there is no record made by {by} to take back; to take back someone else's, "
        "give its number: `remind log` lists them"
    ).format(by=by)


@frozen
class Receipt:
    """What `record_done` recorded: the record, the occurrence it closes and how far."""

    record: Record
    occurrence: Occurrence
    count: int  # the record is the count-th of the occurrence's task.needed
    chosen: bool  # no period or day was named: the first open occurrence was taken
    current: bool = False  # with chosen: it is the one of the period the day it was done is in

    @property
    def days_late(self) -> int:
        return max(0, (self.record.done_on - self.occurrence.due).days)


def check_not_after(on: date, today: date, refusal: str) -> None:
    """A day something was done or reached cannot be after today: `refusal`, marked N_, says
    so with {on} and {today}."""
    if on > today:
        raise RemindError(_(refusal).format(on=on, today=today))


def record_done(
    current: State,
    directory: Directory,
    task: Task,
    unit: Unit | None,
    *,
    today: date,
    since: date,
    period: str | None = None,
    due: date | None = None,
    on: date,
    by: str = "",
    note: str = "",
    recorded: datetime | None = None,
    uid: str = "",
    feedback: Feedback = NO_FEEDBACK,
    origin: str = "",
) -> tuple[State, Receipt]:
    """The state with a record that an occurrence of `task` was done `on`, for `unit` (None:
    the task as a whole), with its 反馈 and where it was entered from. The occurrence is the
    one in `period`, or due on `due`, else the first open one from `since`; a second record
    for an occurrence that needs one is refused, and so is a day after today. A record whose
    `uid` is kept already is that record: the state stays as it is, and the receipt is the
    first one's."""
    check_not_after(on, today, N_("--on {on} is after today ({today}); record it once done"))
    by, note = checked(by, "by"), checked(note, "note", lines=True)
    feedback = Feedback(*(checked(text, name, lines=True) for name, text in _texts(feedback)))
    if isinstance(kept := current.made(uid), Record) and (
        found := occurrence_of(task, kept.period)
    ):
        count = sum(r.task == kept.task and r.period == kept.period and r.id <= kept.id
                    for r in current.records)  # fmt: skip
        return current, Receipt(kept, found, count, chosen=False)
    seen = directory.records_for(current.records, [task], [unit] if unit else [])
    occurrence, earlier = occurrence_to_record(
        task, seen, today, since=since, period=period, due=due, on=on
    )
    record = Record(
        task.id,
        occurrence.period,
        on,
        by,
        note,
        unit.name if unit else "",
        recorded=recorded,
        uid=uid,
        feedback=feedback,
        origin=checked(origin, "origin"),
    )
    new, numbered = current.add(record)
    chosen = not (period or due)
    this_one = chosen and occurrence == open_on(task, seen, on)
    return new, Receipt(numbered, occurrence, earlier + 1, chosen=chosen, current=this_one)


def _texts(feedback: Feedback) -> list[tuple[str, str]]:
    return [(name, getattr(feedback, name)) for name, _label in FEEDBACK_FIELDS]


def record_reading(current: State, reading: Reading, *, today: date) -> tuple[State, Reading]:
    """The state with a progress reading of a target, numbered; refused when it is dated
    after today. A reading whose uid is kept already is that reading."""
    check_not_after(
        reading.on, today, N_("--on {on} is after today ({today}); record a figure once reached")
    )
    checked(reading.by, "by")
    checked(reading.note, "note", lines=True)
    if isinstance(kept := current.made(reading.uid), Reading):
        return current, kept
    return current.read(reading)


@frozen
class Merge:
    """What `merged` took from another state, and what it left as already kept."""

    records: int
    readings: int
    sent: int
    duplicates: tuple[int, ...]  # the numbers, in the other state, of what was kept already


def content_id(item: Record | Reading) -> str:
    """An id made from what a record or reading says, for those made before ids were: the
    same record imported twice is recognised."""
    import hashlib

    said = repr((type(item).__name__, item.task, getattr(item, "period", ""),
                 getattr(item, "unit", ""), str(getattr(item, "value", "")),
                 getattr(item, "item", 1), _day(item), item.by, item.note,
                 item.recorded.isoformat() if item.recorded else ""))  # fmt: skip
    return hashlib.sha256(said.encode()).hexdigest()[:32]


def merged(current: State, other: State, known: set[str]) -> tuple[State, Merge]:
    """`current` with the records, readings and mail of `other` that it lacks: those whose id
    (made from their content when they have none) is not among `known`, the ids of every
    record ever kept. They keep their numbers in a store that has none yet, else are numbered
    after its last, in their order."""
    items: list[Record | Reading] = sorted((*other.records, *other.readings), key=lambda r: r.id)
    keep_numbers = not known and not current.last_id
    new, duplicates, seen, numbers = current, [], set(known), set()
    added = {"records": 0, "readings": 0}
    for item in items:
        uid = item.uid or content_id(item)
        if uid in seen:
            duplicates.append(item.id)
            continue
        seen.add(uid)
        number = item.id if keep_numbers and item.id not in numbers else new.last_id + 1
        numbers.add(number)
        made = replace(item, uid=uid, id=number)
        if isinstance(made, Record):
            new = replace(new, records=(*new.records, made), last_id=max(new.last_id, number))
            added["records"] += 1
        else:
            new = replace(new, readings=(*new.readings, made), last_id=max(new.last_id, number))
            added["readings"] += 1
    mailed = {(s.unit, s.week, s.channel, s.at) for s in current.sent}
    sent = [replace(s, uid=s.uid or _sent_id(s)) for s in other.sent
            if (s.unit, s.week, s.channel, s.at) not in mailed]  # fmt: skip
    new = replace(new, sent=(*new.sent, *sent))
    return new, Merge(added["records"], added["readings"], len(sent), tuple(duplicates))


def _sent_id(sent: Sent) -> str:
    import hashlib

    channel = () if sent.channel == MAIL else (sent.channel,)  # a mail's id as it always was
    made = (sent.unit, sent.week, sent.at.isoformat(), *channel)
    return hashlib.sha256(repr(made).encode()).hexdigest()[:32]


def _day(item: Record | Reading) -> str:
    return (item.done_on if isinstance(item, Record) else item.on).isoformat()


def log(
    records: Iterable[Record],
    tasklist: TaskList,
    directory: Directory,
    units: Sequence[Unit],
    *,
    since: date | None = None,
) -> list[LogLine]:
    """The records of these units' duties (every record when none is named) done on or after
    `since`, in the order they were done."""
    found = list(records)  # with no unit named, every record
    if units:
        found = directory.records_for(found, tasklist.tasks, units)
        mine = {task.id for task in directory.tasks_of(tasklist.tasks, units)}
        found = [r for r in found if r.task in mine]
    if since is not None:
        found = [r for r in found if r.done_on >= since]
    return log_lines(found, tasklist)


def log_lines(records: Iterable[Record], tasklist: TaskList) -> list[LogLine]:
    """Records in the order they were done, each with its duty and occurrence."""
    tasks = {task.id: task for task in tasklist.tasks}
    lines = []
    for record in sorted(records, key=lambda r: (r.done_on, r.id)):
        task = tasks.get(record.task)
        lines.append(LogLine(record, task, occurrence_of(task, record.period) if task else None))
    return lines


def problems(
    records: Iterable[Record], readings: Iterable[Reading], tasklist: TaskList, path: str
) -> list[str]:
    """Records whose task or period, and readings whose task, are gone from the task list:
    kept, but worth a look."""
    tasks = {task.id: task for task in tasklist.tasks}
    found = [
        gone.format(path=path, number=record.id, task=record.task, period=record.period,
                    tasklist=tasklist.path)
        for record in records
        if (gone := _gone(record, tasks.get(record.task)))
    ]  # fmt: skip
    return found + [
        _("{path}: reading #{number}: task {task!r} is not in {tasklist}").format(
            path=path, number=reading.id, task=reading.task, tasklist=tasklist.path
        )
        for reading in readings
        if reading.task not in tasks
    ]


def _gone(record: Record, task: Task | None) -> str:
    """What of a record is gone from the task list, to be formatted; "" when nothing is."""
    if task is None:
        return _("{path}: record #{number}: task {task!r} is not in {tasklist}")
    if occurrence_of(task, record.period) is None:
        return _("{path}: record #{number}: task {task!r} has no period {period!r} in {tasklist}")
    return ""
