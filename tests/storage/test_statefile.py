"""The state file on a real disk: atomic writes, the lock, the backup, and real processes."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from remind.core.model import Record
from remind.core.records import State
from remind.errors import InvalidFile, RemindError
from remind.storage.statefile import change, load
from tests.conftest import BUNDLED

REMIND = str(Path(sys.executable).with_name("remind"))


def add(record: Record) -> Callable[[State], tuple[State, Record]]:
    return lambda state: state.add(record)


def test_no_file_is_no_records(tmp_path: Path) -> None:
    assert load(tmp_path / "state.toml") == State()


def test_records_are_numbered_written_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    first = Record(
        "brief", "2025-06", date(2025, 6, 28), by="王", note="已报送", unit="江岸区人民政府"
    )
    second = Record("halfyear", "once", date(2025, 6, 30))
    assert change(path, add(first)).id == 1
    assert change(path, add(second)).id == 2
    state = load(path)
    assert state.records == (
        Record("brief", "2025-06", date(2025, 6, 28), "王", "已报送", "江岸区人民政府", 1),
        Record("halfyear", "once", date(2025, 6, 30), id=2),
    )
    assert state.last_id == 2


def test_an_undone_number_is_never_given_again(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    for period in ("2025-04", "2025-05"):
        change(path, add(Record("brief", period, date(2025, 6, 1))))
    assert change(path, lambda s: s.remove(None)).id == 2  # the last one made
    assert change(path, add(Record("brief", "2025-06", date(2025, 6, 1)))).id == 3
    with pytest.raises(RemindError, match="there is no record #2"):
        change(path, lambda s: s.remove(2))


def test_records_written_by_hand_get_numbers_after_the_others(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    path.write_text(
        'last_id = 4\n[[records]]\ntask = "a"\nperiod = "once"\ndone = 2025-06-01\n'
        '[[records]]\nid = 2\ntask = "b"\nperiod = "once"\ndone = 2025-06-02\n',
        encoding="utf-8",
    )
    assert [r.id for r in load(path).records] == [5, 2]


def test_records_are_checked_field_by_field(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    path.write_text(
        '[[records]]\ntask = "brief"\nperiod = "2025-06"\ndone = 2025-06-28\nnote = "已报送"\n'
        '[[records]]\ntask = "brief"\nperiod = "2025-07"\ndone = "yesterday"\n'
        "recorded = 2025-06-28T09:30:00\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidFile) as caught:
        load(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:9: record #2: done: expected a date like 2025-06-30 (no quotes, no time), got 'yesterday'",
        f"{path}:10: record #2: recorded: expected a date and time with its offset, like 2025-06-28T09:30:00+08:00",
    ]


def test_each_change_keeps_the_version_before_it(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    change(path, add(Record("brief", "2025-05", date(2025, 5, 30))))
    assert not (tmp_path / "state.toml.bak").exists()  # nothing came before the first
    before = path.read_bytes()
    change(path, add(Record("brief", "2025-06", date(2025, 6, 30))))
    assert (tmp_path / "state.toml.bak").read_bytes() == before


def test_a_file_that_cannot_be_read_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    path.write_bytes(b'[[records]]\ntask = "brief"\nperiod = \n')
    with pytest.raises(InvalidFile):
        change(path, add(Record("brief", "2025-06", date(2025, 6, 30))))
    assert path.read_bytes() == b'[[records]]\ntask = "brief"\nperiod = \n'
    assert not (tmp_path / "state.toml.bak").exists()


def test_the_files_permissions_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    change(path, add(Record("brief", "2025-05", date(2025, 5, 30))))
    path.chmod(0o660)  # shared with the office's group
    change(path, add(Record("brief", "2025-06", date(2025, 6, 30))))
    assert path.stat().st_mode & 0o777 == 0o660


def test_a_writer_killed_before_its_rename_leaves_the_old_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    change(path, add(Record("brief", "2025-05", date(2025, 5, 30))))
    before = path.read_bytes()
    script = textwrap.dedent(
        f"""
        import os, signal
        from datetime import date
        from pathlib import Path
        from remind.core.model import Record
        from remind.storage.statefile import change

        path = Path({str(path)!r})
        real_replace = os.replace

        def replace(source, target):
            if Path(target) == path:  # the new file is written and synced: die right here
                os.kill(os.getpid(), signal.SIGKILL)
            real_replace(source, target)

        os.replace = replace
        change(path, lambda s: s.add(Record("brief", "2025-06", date(2025, 6, 30))))
        """
    )
    killed = subprocess.run([sys.executable, "-c", script], check=False, timeout=60)
    assert killed.returncode == -9
    assert path.read_bytes() == before
    assert list(tmp_path.glob(".state.toml.*.tmp"))  # what it left behind …
    change(path, add(Record("brief", "2025-07", date(2025, 7, 30))))
    assert not list(tmp_path.glob(".state.toml.*.tmp"))  # … the next writer clears away
    assert [r.period for r in load(path).records] == ["2025-05", "2025-07"]


PERIODS = ("2022-04", "2022-05", "2022-06")
DISTRICTS = ("donghu", "jingkai", "linkonggang", "jiangan", "jianghan", "qiaokou", "hanyang")


@pytest.mark.skipif(sys.platform == "win32", reason="runs the POSIX console script")
def test_twenty_processes_recording_at_once_keep_twenty_records(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    env = {**os.environ, "REMIND_TASKS": str(BUNDLED), "REMIND_STATE": str(path)}
    jobs = [(f"kj2021-14-{district}", period) for district in DISTRICTS for period in PERIODS][:20]
    processes = [
        subprocess.Popen(
            [REMIND, "--today", "2022-06-25", "done", task, "--period", period],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for task, period in jobs
    ]
    for process in processes:
        _, error = process.communicate(timeout=120)
        assert process.returncode == 0, error.decode()
    state = load(path)
    assert sorted((r.task, r.period) for r in state.records) == sorted(jobs)
    assert sorted(r.id for r in state.records) == list(range(1, 21))
