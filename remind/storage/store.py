"""The record store: the records of what was done, the readings of targets, the digests mailed
and the undos, kept for every process and host that works on one task list.

Two engines behind one interface, with one schema and the same queries: SQLite, a file beside
the task list (remind.storage.sqlite, the default), and PostgreSQL when a bureau runs remind on
more than one host (remind.storage.postgres). Rows are only ever added: a record, a reading, a
digest sent and an undo each is a row with an id made by whoever made it, so a write sent twice
is kept once, and nothing is ever rewritten. Every change is made under the store's write lock
in one transaction: it reads what the store holds, decides (remind.core.records), and adds the
rows, so two writers at once both keep their records and never share a number.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
from collections.abc import Callable, Collection, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

from remind.core.model import MAIL, Feedback, Link, Reading, Record, Sent, Told, Undo
from remind.core.records import State
from remind.errors import RemindError
from remind.i18n import _

T = TypeVar("T")

SCHEMA_VERSION = 4
# Each version's statements, in order: a store made by an older remind is brought up to date
# by the next command that writes, which says so.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "CREATE TABLE remind_schema (version INTEGER NOT NULL)",
        """CREATE TABLE records (
            number INTEGER PRIMARY KEY,  -- remind undo N: one numbering for records and readings
            id TEXT NOT NULL UNIQUE,     -- made by the client: a write sent twice is one row
            kind TEXT NOT NULL,          -- done | reading
            task TEXT NOT NULL,
            period TEXT NOT NULL,        -- done: the period's key; reading: ''
            unit TEXT NOT NULL,          -- done: the unit it was done for, '' the task's own
            day TEXT NOT NULL,           -- done on, or reached on: 2025-06-20
            item INTEGER NOT NULL,       -- reading: which figure of the target
            value TEXT NOT NULL,         -- reading: the figure, as written; done: ''
            who TEXT NOT NULL,
            note TEXT NOT NULL,
            recorded TEXT NOT NULL       -- when it was entered, with its offset; '' unknown
        )""",
        """CREATE TABLE undos (
            id TEXT PRIMARY KEY,
            number INTEGER NOT NULL UNIQUE REFERENCES records (number),
            who TEXT NOT NULL,
            at TEXT NOT NULL
        )""",
        """CREATE TABLE sent (
            seq INTEGER PRIMARY KEY,     -- the order they were sent in
            id TEXT NOT NULL UNIQUE,
            unit TEXT NOT NULL,          -- ORG/NAME
            week TEXT NOT NULL,          -- 2025-W25
            recipients TEXT NOT NULL,    -- the addresses, comma-separated
            at TEXT NOT NULL
        )""",
        "CREATE INDEX sent_by_week ON sent (week, unit)",
        "CREATE INDEX records_by_task ON records (task)",
        "INSERT INTO remind_schema (version) VALUES (1)",
    ),
    2: (  # digests posted to group chats: sent once per unit, week and channel
        "ALTER TABLE sent ADD COLUMN channel TEXT NOT NULL DEFAULT 'mail'",
    ),
    3: (  # the due dates a digest gave, for the next one's 原定X改为Y: [[task, period, due]]
        "ALTER TABLE sent ADD COLUMN told TEXT NOT NULL DEFAULT ''",
    ),
    4: (  # records from the web service: a 反馈 and where it came from; the units' links
        "ALTER TABLE records ADD COLUMN feedback TEXT NOT NULL DEFAULT ''",  # JSON, '' none
        "ALTER TABLE records ADD COLUMN origin TEXT NOT NULL DEFAULT ''",
        """CREATE TABLE links (
            seq INTEGER PRIMARY KEY,     -- a unit's latest link is the one that opens
            unit TEXT NOT NULL,          -- ORG/NAME; '' the coordinator's
            hash TEXT NOT NULL UNIQUE,   -- SHA-256 of the token: the token is never stored
            made TEXT NOT NULL
        )""",
    ),
}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # a mail record's time, were it ever missing
RECORD_COLUMNS = (
    "number, id, kind, task, period, unit, day, item, value, who, note, recorded, feedback, origin"
)
_BEFORE_4 = RECORD_COLUMNS.replace("feedback, origin", "'', ''")  # a store of schema 1 to 3


class Cursor(Protocol):
    """What the store asks of a database cursor; both engines' cursors have it, with `?` as
    the placeholder (the PostgreSQL engine translates it)."""

    def execute(self, sql: str, parameters: Sequence[Any] = ...) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchone(self) -> Any: ...


class Session:
    """The store under its write lock, in one open transaction: what it holds, read under the
    lock, and the rows to add for each change."""

    def __init__(self, cursor: Cursor, state: State) -> None:
        self.cursor, self.state = cursor, state

    def change(self, edit: Callable[[State], tuple[State, T]]) -> T:
        """Apply `edit` to what the store holds and add the rows it made."""
        new, result = edit(self.state)
        write(self.cursor, self.state, new)
        self.state = new
        return result

    def known_ids(self) -> set[str]:
        """The ids of every record and reading ever made, taken back or not."""
        self.cursor.execute("SELECT id FROM records")
        return {row[0] for row in self.cursor.fetchall()}


class Store:
    """A record store; the engines say how to connect, lock and translate."""

    where: str  # for people: the file, or the URL without its password
    upgraded_from: int | None = None  # the schema version a change brought up to date

    def load(self, tasks: Collection[str] | None = None) -> State:
        """What the store holds (with the records of these `tasks` only, when given); nothing
        when it is not made yet."""
        raise NotImplementedError

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[Session]:
        """The store under its write lock for the `with` block, made first if it is not there
        yet; the block's changes are kept together when it ends, or not at all."""
        raise NotImplementedError
        yield  # pragma: no cover

    def change(self, edit: Callable[[State], tuple[State, T]]) -> T:
        """Apply `edit` to what the store holds, under the lock, in one transaction."""
        with self.exclusive() as session:
            return session.change(edit)

    def exists(self) -> bool:
        raise NotImplementedError

    def revision(self) -> tuple[int, ...]:
        """A few numbers that change whenever a row is added (rows are never rewritten): what
        a reader that keeps what it loaded asks, cheaply, to know whether to load again."""
        raise NotImplementedError


# ---------------------------------------------------------------- the shared queries


def schema_version(cursor: Cursor) -> int:
    cursor.execute("SELECT version FROM remind_schema")
    found = cursor.fetchall()
    if len(found) != 1:
        raise RemindError(_("the record store's schema version is missing or doubled"))
    return int(found[0][0])


def migrate(cursor: Cursor, version: int, where: str) -> int | None:
    """Bring a store at `version` (0: empty) up to SCHEMA_VERSION; the version it was at when
    it was older, else None. Refuses a store made by a newer remind."""
    if version > SCHEMA_VERSION:
        raise RemindError(
            _(
                "{where}: the record store was made by a newer remind (schema {version}, this one "
                "knows {known}); upgrade remind"
            ).format(where=where, version=version, known=SCHEMA_VERSION)
        )
    for step in range(version + 1, SCHEMA_VERSION + 1):
        for statement in MIGRATIONS[step]:
            cursor.execute(statement)
        if step > 1:
            cursor.execute("UPDATE remind_schema SET version = ?", (step,))
    return version if 0 < version < SCHEMA_VERSION else None


CHUNK = 500  # task ids asked about in one query: well inside either engine's limit


def read(
    cursor: Cursor, tasks: Collection[str] | None = None, version: int = SCHEMA_VERSION
) -> State:
    """What a store of schema `version` holds: the records and readings that count (of these
    `tasks` only, when given: what a view of a few needs), the mail, the undos, and the last
    number given. A reading command reads an older store as it is; a change upgrades it."""
    columns = RECORD_COLUMNS if version >= 4 else _BEFORE_4
    if tasks is None:
        cursor.execute(f"SELECT {columns} FROM records ORDER BY number")
        rows = cursor.fetchall()
    else:
        rows = _rows_of(cursor, sorted(tasks), columns)
    cursor.execute("SELECT COALESCE(MAX(number), 0) FROM records")
    last = int(cursor.fetchone()[0])
    cursor.execute("SELECT number, who, at, id FROM undos ORDER BY at, number")
    undos = tuple(Undo(int(n), who, _moment(at), uid) for n, who, at, uid in cursor.fetchall())
    channel = "channel" if version >= 2 else f"'{MAIL}'"  # read as it is, upgraded on write
    told = "told" if version >= 3 else "''"
    cursor.execute(
        f"SELECT unit, week, recipients, at, id, {channel}, {told} FROM sent ORDER BY seq"
    )
    sent = tuple(_sent(row) for row in cursor.fetchall())
    links: tuple[Link, ...] = ()
    if version >= 4:
        cursor.execute("SELECT unit, hash, made FROM links ORDER BY seq")
        links = tuple(Link(u, h, _moment(m) or _EPOCH) for u, h, m in cursor.fetchall())
    undone = {undo.number for undo in undos}
    records = tuple(_record(row) for row in rows if row[2] == "done" and row[0] not in undone)
    readings = tuple(_reading(row) for row in rows if row[2] == "reading" and row[0] not in undone)
    return State(records, last, sent, readings, undos, links)


def revision(cursor: Cursor, version: int) -> tuple[int, ...]:
    """The last record's number, the undos and digests sent so far, the last link."""
    links = "(SELECT COALESCE(MAX(seq), 0) FROM links)" if version >= 4 else "0"
    cursor.execute(
        "SELECT (SELECT COALESCE(MAX(number), 0) FROM records), (SELECT COUNT(*) FROM undos),"
        f" (SELECT COALESCE(MAX(seq), 0) FROM sent), {links}"
    )
    return tuple(int(n) for n in cursor.fetchone())


def _rows_of(cursor: Cursor, tasks: list[str], columns: str) -> list[Any]:
    rows: list[Any] = []
    for start in range(0, len(tasks), CHUNK):
        chunk = tasks[start : start + CHUNK]
        marks = ", ".join("?" * len(chunk))
        cursor.execute(f"SELECT {columns} FROM records WHERE task IN ({marks})", chunk)
        rows += cursor.fetchall()
    return sorted(rows, key=lambda row: int(row[0]))


def write(cursor: Cursor, before: State, after: State) -> None:
    """Add the rows that `after` has and `before` has not: records and readings numbered past
    `before`'s last, and the undos, mail and links made since. Nothing else may change."""
    kept: tuple[Record | Reading, ...] = (*after.records, *after.readings)
    made = [r for r in kept if r.id > before.last_id]
    for item in sorted(made, key=lambda r: r.id):
        cursor.execute(
            f"INSERT INTO records ({RECORD_COLUMNS}) VALUES ({', '.join('?' * 14)})"
            " ON CONFLICT (id) DO NOTHING",
            _row(item),
        )
    for undo in after.undos[len(before.undos) :]:
        cursor.execute(
            "INSERT INTO undos (id, number, who, at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (number) DO NOTHING",
            (undo.uid or new_id(), undo.number, undo.by, _text(undo.at)),
        )
    mailed = after.sent[len(before.sent) :]
    if mailed:
        cursor.execute("SELECT COALESCE(MAX(seq), 0) FROM sent")
        last = int(cursor.fetchone()[0])
    for seq, sent in enumerate(mailed, start=last + 1 if mailed else 1):
        row = (seq, sent.uid or new_id(), sent.unit, sent.week, ",".join(sent.to), _text(sent.at))
        cursor.execute(
            "INSERT INTO sent (seq, id, unit, week, recipients, at, channel, told)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            (*row, sent.channel, _told_text(sent.told)),
        )
    for link in after.links[len(before.links) :]:
        cursor.execute(
            "INSERT INTO links (seq, unit, hash, made)"
            " VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM links), ?, ?, ?)",
            (link.unit, link.digest, _text(link.made)),
        )


def _row(item: Record | Reading) -> tuple[object, ...]:
    uid = item.uid or new_id()
    if isinstance(item, Record):
        return (item.id, uid, "done", item.task, item.period, item.unit, item.done_on.isoformat(),
                1, "", item.by, item.note, _text(item.recorded), _feedback_text(item.feedback),
                item.origin)  # fmt: skip
    return (item.id, uid, "reading", item.task, "", "", item.on.isoformat(), item.item,
            str(item.value), item.by, item.note, _text(item.recorded), "", "")  # fmt: skip


def _record(row: Sequence[Any]) -> Record:
    number, uid, _, task, period, unit, day, _, _, who, note, recorded, feedback, origin = row
    return Record(task, period, date.fromisoformat(day), who, note, unit, int(number),
                  _moment(recorded), uid, _feedback(feedback), origin)  # fmt: skip


def _feedback_text(feedback: Feedback) -> str:
    return json.dumps(dataclasses.asdict(feedback), ensure_ascii=False) if feedback else ""


def _feedback(text: str) -> Feedback:
    return Feedback(**json.loads(text)) if text else Feedback()


def _reading(row: Sequence[Any]) -> Reading:
    from decimal import Decimal  # paid for by stores with readings only

    number, uid, _, task, _, _, day, item, value, who, note, recorded, _, _ = row
    return Reading(task, Decimal(value), date.fromisoformat(day), int(item), who, note,
                   int(number), _moment(recorded), uid)  # fmt: skip


def _sent(row: Sequence[Any]) -> Sent:
    unit, week, to, at, uid, channel, told = row
    addresses = tuple(filter(None, to.split(",")))
    return Sent(unit, week, addresses, _moment(at) or _EPOCH, uid, channel, _told(told))


def _told_text(told: tuple[Told, ...]) -> str:
    return json.dumps([[t.task, t.period, t.due.isoformat()] for t in told], ensure_ascii=False)


def _told(text: str) -> tuple[Told, ...]:
    if not text:
        return ()
    return tuple(
        Told(task, period, date.fromisoformat(due)) for task, period, due in json.loads(text)
    )


def _text(moment: datetime | None) -> str:
    return moment.isoformat() if moment else ""


def _moment(text: str) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def new_id() -> str:
    """An id for a row a client makes: 128 random bits, as hex."""
    return os.urandom(16).hex()


def opened(location: Path | str, *, named: bool = False) -> Store:
    """The store at a location remind.storage.paths found: a PostgreSQL URL, or a file;
    `named` when the user named it."""
    if isinstance(location, str):
        from remind.storage.postgres import PostgresStore

        return PostgresStore(location)
    from remind.storage.sqlite import SqliteStore

    return SqliteStore(location, named=named)
