"""The record store, on both engines for real: a SQLite file and a PostgreSQL database.

Each test runs once per engine (the store_location fixture); concurrency and faults run as
real processes of the installed command."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from remind.core.model import Reading, Record, Sent, Told
from remind.core.records import State
from remind.errors import RemindError
from remind.storage import store
from remind.storage.store import opened
from tests.conftest import BUNDLED

REMIND = str(Path(sys.executable).with_name("remind"))
AT = datetime(2025, 6, 20, 9, 30, tzinfo=UTC)


def add(record: Record) -> Callable[[State], tuple[State, Record]]:
    return lambda state: state.add(record)


def test_an_empty_store_is_no_records_and_reading_makes_nothing(
    store_location: Path | str,
) -> None:
    found = opened(store_location)
    assert found.load() == State()
    assert not found.exists()
    if isinstance(store_location, Path):
        assert not store_location.exists()


def test_the_revision_changes_with_every_row_added_and_with_nothing_else(
    store_location: Path | str,
) -> None:
    kept, other = opened(store_location), opened(store_location)  # two processes' stores
    assert kept.revision() == ()  # no store yet
    kept.change(add(Record("brief", "2025-06", date(2025, 6, 28))))
    seen = [other.revision()]
    assert kept.revision() == seen[0]  # asked again, nothing added
    for change in (
        add(Record("brief", "2025-07", date(2025, 7, 28))),
        lambda state: state.remove(1, by="王", at=AT),
        lambda state: (state.mailed(Sent("武汉/法制处", "2025-W26", ("a@b.cn",), AT)), None),
    ):
        kept.change(change)
        seen.append(other.revision())
    assert len(set(seen)) == len(seen)  # each change seen by the other
    assert opened(store_location).revision() == seen[-1]


def test_a_kept_connection_closed_by_the_server_is_made_again(postgres_url: str) -> None:
    import psycopg

    kept = opened(postgres_url)
    kept.change(add(Record("brief", "2025-06", date(2025, 6, 28))))
    before = kept.revision()
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                      " WHERE datname = current_database() AND pid <> pg_backend_pid()")  # fmt: skip
    assert kept.revision() == before


def test_records_are_numbered_kept_and_read_back(store_location: Path | str) -> None:
    kept = opened(store_location)
    first = Record("brief", "2025-06", date(2025, 6, 28), "王", "已报送", "江岸区人民政府",
                   recorded=AT, uid="a" * 32)  # fmt: skip
    assert kept.change(add(first)).id == 1
    assert kept.change(add(Record("halfyear", "once", date(2025, 6, 30)))).id == 2
    again = opened(store_location).load()
    assert again.records[0] == Record("brief", "2025-06", date(2025, 6, 28), "王", "已报送",
                                      "江岸区人民政府", 1, AT, "a" * 32)  # fmt: skip
    assert again.records[1].uid  # an id is made for a record that came without one
    assert (again.last_id, kept.exists()) == (2, True)


def test_readings_and_mail_are_kept(store_location: Path | str) -> None:
    kept = opened(store_location)
    reading = Reading(
        "targets", Decimal("1900.5"), date(2025, 6, 15), 2, "成果处", "月报", uid="r1"
    )
    kept.change(lambda state: state.read(reading))
    sent = Sent("武汉/法制处", "2025-W25", ("fazhi@example.org", "b@example.org"), AT, "s1")
    kept.change(lambda state: (state.mailed(sent), None))
    again = kept.load()
    assert again.readings == (Reading("targets", Decimal("1900.5"), date(2025, 6, 15), 2,
                                      "成果处", "月报", 1, None, "r1"),)  # fmt: skip
    assert again.sent == (sent,)
    assert again.was_sent("武汉/法制处", "2025-W25") == sent


def test_an_undo_is_kept_with_who_and_when_and_a_number_is_never_given_again(
    store_location: Path | str,
) -> None:
    kept = opened(store_location)
    for period in ("2025-04", "2025-05"):
        kept.change(add(Record("brief", period, date(2025, 6, 1))))
    removed = kept.change(lambda state: state.remove(2, by="张敏", at=AT))
    assert removed.id == 2
    assert kept.change(add(Record("brief", "2025-06", date(2025, 6, 1)))).id == 3
    state = kept.load()
    assert [r.id for r in state.records] == [1, 3]
    assert [(u.number, u.by, u.at) for u in state.undos] == [(2, "张敏", AT)]
    with pytest.raises(RemindError, match="there is no record #2"):
        kept.change(lambda state: state.remove(2))
    with kept.exclusive() as session:
        assert len(session.known_ids()) == 3  # the undone record is still there


def test_a_record_sent_twice_is_kept_once(store_location: Path | str) -> None:
    kept = opened(store_location)
    record = Record("brief", "2025-06", date(2025, 6, 28), uid="same-id")
    kept.change(add(record))
    with kept.exclusive() as session:  # a retry that numbers it anew: the row is there
        store.write(session.cursor, State(last_id=1), State((record,), 2))
    assert [r.id for r in kept.load().records] == [1]


def test_a_change_that_fails_keeps_nothing(store_location: Path | str) -> None:
    kept = opened(store_location)
    kept.change(add(Record("brief", "2025-05", date(2025, 6, 1))))

    def fails(state: State) -> tuple[State, None]:
        raise RemindError("refused halfway")

    def both() -> None:
        with kept.exclusive() as session:
            session.change(add(Record("brief", "2025-06", date(2025, 6, 1))))
            session.change(fails)

    with pytest.raises(RemindError, match="halfway"):
        both()
    assert [r.period for r in kept.load().records] == ["2025-05"]


def test_a_store_of_a_newer_remind_is_refused(store_location: Path | str) -> None:
    kept = opened(store_location)
    kept.change(add(Record("brief", "2025-05", date(2025, 6, 1))))
    with kept.exclusive() as session:
        session.cursor.execute("UPDATE remind_schema SET version = 99")
    with pytest.raises(RemindError, match="made by a newer remind"):
        kept.change(add(Record("brief", "2025-06", date(2025, 6, 1))))


def test_a_store_of_schema_one_is_read_as_it_is_and_upgraded_on_the_next_change(
    store_location: Path | str,
) -> None:
    """Schema 2 gave each digest sent a channel (mail, or a group robot), schema 3 the due
    dates it told, schema 4 a record's 反馈 and origin and the units' links; a store made
    before holds mail only, and told nothing."""
    kept = opened(store_location)
    mailed = Sent("武汉/法制处", "2025-W25", ("fazhi@example.org",), AT, "m1")
    kept.change(lambda state: (state.mailed(mailed), None))
    with kept.exclusive() as session:
        session.cursor.execute("ALTER TABLE sent DROP COLUMN channel")
        session.cursor.execute("ALTER TABLE sent DROP COLUMN told")
        session.cursor.execute("ALTER TABLE records DROP COLUMN feedback")
        session.cursor.execute("ALTER TABLE records DROP COLUMN origin")
        session.cursor.execute("DROP TABLE links")
        session.cursor.execute("UPDATE remind_schema SET version = 1")
    assert opened(store_location).load().sent == (mailed,)  # a reading command changes nothing
    again = opened(store_location)
    told = (Told("brief", "2025-06", date(2025, 6, 30)),)
    posted = Sent(
        "武汉/法制处", "2025-W25", ("企业微信群 3f9a0c1d",), AT, "p1", "wecom:3f9a0c1d2e4b", told
    )
    again.change(lambda state: (state.mailed(posted), None))
    assert again.upgraded_from == 1
    state = opened(store_location).load()
    assert state.sent == (mailed, posted)
    assert state.was_sent("武汉/法制处", "2025-W25") == mailed
    assert state.was_sent("武汉/法制处", "2025-W25", "wecom:3f9a0c1d2e4b") == posted
    assert state.was_sent("武汉/法制处", "2025-W25", "wecom:000000000000") is None
    assert state.told("武汉/法制处") == {("brief", "2025-06"): date(2025, 6, 30)}


# ---------------------------------------------------------------- files that are no store


@pytest.mark.parametrize(
    "content", [b"", b"not a database at all", b"SQLite format 3\x00" + b"\x00" * 200]
)
def test_a_file_that_is_not_a_store_is_refused_and_left_alone(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "state.sqlite3"
    path.write_bytes(content)
    for use in (lambda: opened(path).load(), lambda: opened(path).change(add(Record("a", "once", date(2025, 6, 1))))):  # fmt: skip
        with pytest.raises(RemindError, match=r"not a record store of remind's|cannot use"):
            use()
    assert path.read_bytes() == content


def test_a_sqlite_database_of_something_else_is_refused(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE notes (text TEXT)")
    with pytest.raises(RemindError, match="no remind_schema table"):
        opened(path).load()


# ---------------------------------------------------------------- real processes


def _env(location: Path | str, **extra: str) -> dict[str, str]:
    return {**os.environ, "REMIND_TASKS": str(BUNDLED), "REMIND_STATE": str(location),
            "REMIND_CACHE": "off", **extra}  # fmt: skip


PERIODS = [*(f"2021-{m:02d}" for m in range(7, 13)), "2022-01"]  # the notice ran to May 2022
DISTRICTS = ("donghu", "jingkai", "linkonggang", "jiangan", "jianghan", "qiaokou", "hanyang",
             "wuchang", "qingshan", "hongshan", "jiangxia", "caidian", "huangpi", "xinzhou")  # fmt: skip


@pytest.mark.skipif(sys.platform == "win32", reason="runs the POSIX console script")
def test_fifty_processes_recording_at_once_keep_fifty_records(store_location: Path | str) -> None:
    jobs = [(f"kj2021-14-{district}", period) for district in DISTRICTS for period in PERIODS]
    jobs = jobs[:50]
    started = [
        subprocess.Popen([REMIND, "--today", "2022-01-31", "done", task, "--period", period],
                         env=_env(store_location), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for task, period in jobs
    ]  # fmt: skip
    for process in started:
        _, error = process.communicate(timeout=300)
        assert process.returncode == 0, error.decode()
    state = opened(store_location).load()
    assert sorted((r.task, r.period) for r in state.records) == sorted(jobs)
    assert sorted(r.id for r in state.records) == list(range(1, 51))


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from remind.core.model import Record
    from remind.storage.store import opened
    location = sys.argv[1]
    kept = opened(location if location.startswith("postgresql") else __import__("pathlib").Path(location))
    for n in range(10_000):
        record = Record("brief", f"p{n}", date(2025, 6, 1), uid=f"{sys.argv[2]}-{n}")
        number = kept.change(lambda state: state.add(record)).id
        print(record.uid, flush=True)  # said only once the change is kept
    """
)


def test_writers_killed_at_any_moment_lose_no_record_they_reported(
    store_location: Path | str,
) -> None:
    reported: list[str] = []
    chance = random.Random(7)
    for round_ in range(8):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(store_location), str(round_)],
                                  stdout=subprocess.PIPE, text=True)  # fmt: skip
        time.sleep(chance.uniform(0.3, 1.2))
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate(timeout=60)
        assert writer.returncode == -signal.SIGKILL
        reported += out.split()
    assert reported  # the writers did write before they died
    kept = opened(store_location)
    uids = {r.uid for r in kept.load().records}
    assert set(reported) <= uids
    assert kept.change(add(Record("brief", "after", date(2025, 6, 1)))).id == len(uids) + 1


def test_a_store_that_cannot_be_written_gives_one_line(tmp_path: Path) -> None:
    """A read-only store and folder (root writes past permissions: its writer runs without
    the capabilities that let it)."""
    path = tmp_path / "state.sqlite3"
    opened(path).change(add(Record("kj2021-14-hongshan", "2022-06", date(2022, 6, 1))))
    path.chmod(0o444)
    tmp_path.chmod(0o555)
    argv = [REMIND, "--today", "2022-06-25", "done", "kj2021-14-jiangan", "--period", "2022-06"]
    if os.geteuid() == 0:
        argv = ["setpriv", "--bounding-set", "-all", "--inh-caps", "-all", "--", *argv]
    result = subprocess.run(argv, env=_env(path), capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.startswith(f"Error: {path}: cannot use the record store (")
    assert len(result.stderr.splitlines()) == 1
    tmp_path.chmod(0o755)
    assert [r.task for r in opened(path).load().records] == ["kj2021-14-hongshan"]


def test_a_full_disk_gives_one_line_and_keeps_what_was_there(tmp_path: Path) -> None:
    """A full disk, as the writer sees it: a limit on the size of the files it may write."""
    import resource

    path = tmp_path / "state.sqlite3"
    for n in range(3):  # a store of a few pages
        opened(path).change(add(Record("kj2021-14-hongshan", f"2022-0{n + 6}", date(2022, 9, 1))))

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past it fails, not kills
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    argv = [REMIND, "--today", "2022-12-31", "done", "kj2021-14-jiangan", "--period", "2022-06",
            "--note", "x" * 20_000]  # fmt: skip
    result = subprocess.run(argv, env=_env(path), capture_output=True, text=True, check=False,
                            preexec_fn=limited)  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"Error: {path}: cannot use the record store (")
    assert len(opened(path).load().records) == 3


MOUNTS = """\
/dev/vda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
//fs.example.org/office /mnt/office cifs rw,vers=3.0 0 0
fs.example.org:/home /home/shared nfs4 rw 0 0
/dev/vdb1 /mnt/office/local ext4 rw 0 0
/dev/vdc1 /mnt/my\\040disk ext4 rw 0 0
//nas/共享 /mnt/共享 smb3 rw 0 0
"""


@pytest.mark.parametrize(
    ("folder", "kind"),
    [
        ("/srv/remind", ""),
        ("/mnt/office", "cifs"),
        ("/mnt/office/科技局/remind", "cifs"),
        ("/mnt/office/local/remind", ""),  # a local disk mounted inside the share
        ("/home/shared/data", "nfs4"),
        ("/home/sharedother", ""),
        ("/mnt/my disk/remind", ""),
        ("/mnt/共享/督办", "smb3"),
    ],
)
def test_a_network_share_is_told_from_a_local_disk(folder: str, kind: str) -> None:
    from remind.storage.sqlite import network_share

    assert network_share(Path(folder), MOUNTS) == kind


def test_a_store_on_a_network_share_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from remind.storage import sqlite

    table = tmp_path / "mounts"
    table.write_text(f"server:/export {tmp_path} nfs rw 0 0\n", encoding="utf-8")
    monkeypatch.setattr(sqlite, "MOUNTS", table)
    path = tmp_path / "state.sqlite3"
    with pytest.raises(RemindError, match=r"on a network share \(nfs\), where SQLite's locks"):
        opened(path).change(add(Record("brief", "2025-06", date(2025, 6, 1))))
    assert not path.exists()


def test_the_records_of_a_few_tasks_are_read_alone(store_location: Path | str) -> None:
    kept = opened(store_location)

    def many(state: State) -> tuple[State, None]:
        for n in range(1200):  # more tasks than one query asks about
            state, _ = state.add(Record(f"task-{n:04d}", "once", date(2025, 6, 1)))
        return state, None

    kept.change(many)
    kept.change(lambda state: state.remove(3))
    asked = {f"task-{n:04d}" for n in range(0, 1200, 2)} | {"task-0002", "nothing"}
    few = kept.load(asked)
    assert [r.task for r in few.records] == sorted(asked - {"nothing", "task-0002"})
    assert few.last_id == 1200
    assert [u.number for u in few.undos] == [3]
