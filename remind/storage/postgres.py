"""The record store in a PostgreSQL database, for a bureau that runs remind on more than one
host: every copy of remind names the same database (--state or $REMIND_STATE postgresql://…).

psycopg is imported only here. A writer takes a transaction-scoped advisory lock for the whole
of its change, so writers from every host take turns, as SQLite's do on one; readers read a
snapshot and never wait. The password is never given on the command line, where every user of
the machine can read it: libpq takes it from ~/.pgpass, $PGPASSWORD or $REMIND_STATE.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from remind.core.records import State
from remind.errors import RemindError
from remind.i18n import _
from remind.storage import store
from remind.storage.store import Session, Store

if TYPE_CHECKING:
    import psycopg

LOCK = 0x72656D696E64  # "remind": the advisory lock its writers take turns with
CONNECT_SECONDS = 10


def without_password(url: str) -> str:
    """The URL as people may see it: its password left out."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    user = f"{parts.username}@" if parts.username else ""
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit(parts._replace(netloc=f"{user}{host}{port}"))


class PostgresStore(Store):
    def __init__(self, url: str) -> None:
        self.url = url
        self.where = without_password(url)
        # revision() is asked at every request of the web service: on a connection kept open
        # it costs a tenth of a millisecond, where connecting afresh costs several
        self._kept: psycopg.Connection[Any] | None = None
        self._kept_lock = threading.Lock()

    def exists(self) -> bool:
        with self._connection() as connection:
            return self._version(connection.cursor()) > 0

    def load(self, tasks: Collection[str] | None = None) -> State:
        with self._connection() as connection, connection.transaction():
            cursor = connection.cursor()
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            if not (version := self._version(cursor)):
                return State()
            return store.read(_Translated(cursor), tasks, version)

    def revision(self) -> tuple[int, ...]:
        """Asked on a connection kept open (one statement: one snapshot), made again once when
        the server has closed it."""
        import psycopg

        with self._kept_lock:
            for last_try in (False, True):
                try:
                    if self._kept is None or self._kept.closed:
                        self._kept = psycopg.connect(self.url, connect_timeout=CONNECT_SECONDS,
                                                     autocommit=True)  # fmt: skip
                    cursor = self._kept.cursor()
                    version = self._version(cursor)
                    return store.revision(_Translated(cursor), version) if version else ()
                except psycopg.Error as error:
                    self._kept = None
                    if last_try or not isinstance(error, psycopg.OperationalError):
                        raise _refused(self.where, error) from None
        raise AssertionError("unreachable")  # pragma: no cover

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[Session]:
        with self._connection() as connection, connection.transaction():
            cursor = connection.cursor()
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK,))
            translated = _Translated(cursor)
            self.upgraded_from = store.migrate(translated, self._version(cursor), self.where)
            yield Session(translated, store.read(translated))

    def _version(self, cursor: psycopg.Cursor[Any]) -> int:
        """The schema version, 0 when the database holds no store yet."""
        cursor.execute("SELECT to_regclass('remind_schema') IS NOT NULL")
        row = cursor.fetchone()
        return store.schema_version(_Translated(cursor)) if row and row[0] else 0

    @contextlib.contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        import psycopg  # paid for by a PostgreSQL store only

        try:
            with psycopg.connect(self.url, connect_timeout=CONNECT_SECONDS) as connection:
                yield connection
        except psycopg.Error as error:
            raise _refused(self.where, error) from None


def _refused(where: str, error: BaseException) -> RemindError:
    why = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return RemindError(
        _("{where}: cannot use the record store ({why})").format(where=where, why=why)
    )


class _Translated:
    """A psycopg cursor that takes the store's `?` placeholders."""

    def __init__(self, cursor: psycopg.Cursor[Any]) -> None:
        self.cursor = cursor

    def execute(self, sql: str, parameters: Any = ()) -> Any:
        return self.cursor.execute(sql.replace("?", "%s"), parameters)

    def fetchall(self) -> list[Any]:
        return list(self.cursor.fetchall())

    def fetchone(self) -> Any:
        return self.cursor.fetchone()
