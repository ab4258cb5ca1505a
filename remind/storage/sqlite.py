"""The record store in a SQLite database, the standard library's: a file beside the task list,
shared by every process of one host.

The file is in WAL mode, so readers never wait for a writer; a writer takes the write lock
(BEGIN IMMEDIATE) for the whole of its change and waits up to BUSY_SECONDS for another's. A
new store is made whole in a file of its own and then linked into place, so no process ever
sees a store without its schema: a file without one is not a store of remind's, and is refused.
SQLite's locks do not hold on a network share (SMB, NFS): keep the file on a local disk.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from remind.core.records import State
from remind.errors import RemindError
from remind.i18n import _
from remind.storage import store
from remind.storage.store import Session, Store

if TYPE_CHECKING:
    import sqlite3

T = TypeVar("T")
BUSY_SECONDS = 30  # how long a writer waits for another's lock before it gives up
# File systems of network shares, where SQLite's locks (and so WAL) do not hold
NETWORK = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs",
           "fuse.glusterfs", "fuse.sshfs", "fuse.davfs2", "davfs", "lustre"}  # fmt: skip
MOUNTS = Path("/proc/self/mounts")


def network_share(path: Path, mounts: str) -> str:
    """The file system of the network share `path` lies on, from a mount table in the form
    of /proc/self/mounts; "" when it is on a local disk."""
    best, kind = "", ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), fields[1])  # \040: a space
        inside = str(path) == point or str(path).startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind if kind in NETWORK else ""


class SqliteStore(Store):
    """The store in the file at `path`; `named` when the user named it (--state), so that a
    path whose folder is not there is said to be wrong rather than read as no records."""

    def __init__(self, path: Path, *, named: bool = False) -> None:
        self.path, self.named = path, named
        self.where = str(path)
        # revision() is asked at every request of the web service: on a connection kept open
        # to the file (made again if another file takes its place) it costs a few queries
        self._kept: sqlite3.Connection | None = None
        self._kept_file: tuple[int, int] | None = None
        self._kept_lock = threading.Lock()

    def exists(self) -> bool:
        return self.path.exists()

    def load(self, tasks: Collection[str] | None = None) -> State:
        if not self.path.exists():
            self._check_link()
            if self.named and not self.path.parent.is_dir():
                raise RemindError(
                    _(
                        "{path}: there is no folder {folder}, so no records either; "
                        "check the path given"
                    ).format(path=self.path, folder=self.path.parent)
                )
            return State()  # a reading command makes no file
        with self._connection() as connection:
            cursor = connection.cursor()
            cursor.execute("BEGIN")  # one snapshot for every table
            return store.read(cursor, tasks, self._check(cursor))

    def revision(self) -> tuple[int, ...]:
        import sqlite3

        with self._kept_lock:
            try:
                found = self.path.stat()
            except FileNotFoundError:
                return ()
            file = (found.st_dev, found.st_ino)
            try:
                if self._kept is None or self._kept_file != file:
                    if self._kept is not None:
                        self._kept.close()
                    self._kept = sqlite3.connect(self.path, timeout=BUSY_SECONDS,
                                                 isolation_level=None, check_same_thread=False)  # fmt: skip
                    self._kept_file = file
                cursor = self._kept.cursor()
                return store.revision(cursor, self._check(cursor))  # one statement: one snapshot
            except sqlite3.Error as error:
                self._kept = None
                raise self._refused(error) from None

    def change(self, edit: Callable[[State], tuple[State, T]]) -> T:
        if not self.path.exists():
            edit(State())  # pure: a change refused on an empty store makes no file
        return super().change(edit)

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[Session]:
        self._check_local()
        if not self.path.exists():
            self._check_link()
            self._make()
        with self._connection() as connection:
            cursor = connection.cursor()
            try:
                cursor.execute("BEGIN IMMEDIATE")
                version = self._check(cursor)
                self.upgraded_from = store.migrate(cursor, version, self.where)
                session = Session(cursor, store.read(cursor))
                yield session
                connection.commit()
            except BaseException:
                connection.rollback()
                raise

    # ---------------------------------------------------------------- the file

    def _check_local(self) -> None:
        """Refuse a store on a network share: it would lose records to two writers at once."""
        try:
            mounts = MOUNTS.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return  # not Linux: nothing to tell by
        folder = self.path.parent.resolve()
        if kind := network_share(folder, mounts):
            raise RemindError(
                _(
                    "{path}: the folder is on a network share ({kind}), where SQLite's "
                    "locks do not hold; keep the record store on a local disk, or use PostgreSQL"
                ).format(path=self.path, kind=kind)
            )

    def _check_link(self) -> None:
        """A link to a file that is not there is refused: it would make the store wherever it
        points. A link to a store is used: its target is the store."""
        if self.path.is_symlink():
            raise RemindError(
                _(
                    "{path}: a link to {target}, which is not there; link it "
                    "to a store, or give --state the store itself"
                ).format(path=self.path, target=os.readlink(self.path))
            )

    def _make(self) -> None:
        """A store with its schema, made in a file of its own and linked into place: if
        another process made one first, its store stands."""
        import sqlite3

        self._make_folder()
        made = self.path.with_name(f".{self.path.name}.{os.getpid()}.new")
        try:
            with contextlib.closing(sqlite3.connect(made, isolation_level=None)) as connection:
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("BEGIN")
                store.migrate(connection.cursor(), 0, self.where)
                connection.execute("COMMIT")
            with contextlib.suppress(FileExistsError):
                os.link(made, self.path)
        except (OSError, sqlite3.Error) as error:
            raise self._refused(error) from None
        finally:
            with contextlib.suppress(OSError):
                os.unlink(made)

    def _make_folder(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            unmade = _("{path}: cannot make its folder ({reason})")
            raise RemindError(unmade.format(path=self.path, reason=error.strerror)) from None

    @contextlib.contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        import sqlite3  # not paid for by a run without records

        try:
            connection = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
        except sqlite3.Error as error:
            raise self._refused(error) from None
        try:
            yield connection
        except sqlite3.Error as error:
            raise self._refused(error) from None
        finally:
            connection.close()

    def _check(self, cursor: sqlite3.Cursor) -> int:
        """The schema version of the store; refuses a file that is not a store of remind's."""
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'remind_schema'")
        if not cursor.fetchall():
            raise RemindError(
                _(
                    "{path}: not a record store of remind's (no remind_schema table); "
                    "give --state another file"
                ).format(path=self.path)
            )
        return store.schema_version(cursor)

    def _refused(self, error: BaseException) -> RemindError:
        why = getattr(error, "strerror", None) or str(error)
        if "not a database" in why:
            return RemindError(
                _("{path}: not a record store of remind's ({why})").format(path=self.path, why=why)
            )
        refused = _("{where}: cannot use the record store ({why})")
        return RemindError(refused.format(where=self.path, why=why))
