"""Work shared out among a process per core, and the calendars written that way."""

from __future__ import annotations

import os
import time
from collections.abc import Generator
from pathlib import Path
from typing import cast

import pytest

from remind.core import feeds
from remind.delivery import processes
from remind.errors import RemindError
from tests.conftest import BUNDLED, Run

FORKS = hasattr(os, "sched_getaffinity") and len(os.sched_getaffinity(0)) > 1


def test_results_come_back_in_order_from_other_processes() -> None:
    parent = os.getpid()
    offset = 10  # a closure: a forked worker has it as it is, nothing is pickled

    found = list(processes.each(lambda n: (n + offset, os.getpid()), [(n,) for n in range(8)]))
    assert [n for n, _ in found] == list(range(10, 18))
    assert any(pid != parent for _, pid in found) is FORKS


def test_one_job_is_done_here() -> None:
    assert list(processes.each(lambda: os.getpid(), [()])) == [os.getpid()]


def test_a_workers_error_is_the_callers() -> None:
    def work(n: int) -> int:
        if n == 3:
            raise RemindError("three is refused")
        return n

    with pytest.raises(RemindError, match="three is refused"):
        list(processes.each(work, [(n,) for n in range(6)]))


@pytest.mark.skipif(not FORKS, reason="one core, or no fork: the jobs are done one by one")
def test_jobs_not_begun_are_dropped_when_the_caller_stops(tmp_path: Path) -> None:
    def work(n: int) -> int:
        time.sleep(0.05)
        (tmp_path / str(n)).touch()
        return n

    results = cast(Generator[int, None, None], processes.each(work, [(n,) for n in range(40)]))
    assert next(results) == 0
    results.close()  # as when the caller fails, or Ctrl-C stops it
    assert len(list(tmp_path.iterdir())) < 40


@pytest.mark.skipif(not FORKS, reason="one core, or no fork: calendars are written one by one")
def test_calendars_written_in_several_processes_are_those_written_one_by_one(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # far enough ahead that dates fall in a year without a holiday notice, and more events
    # than a subscription keeps: both warnings come back from the workers
    monkeypatch.setattr(feeds, "LONGEST", 10)
    args = ("--tasks", str(BUNDLED), "--today", "2025-11-20", "ical", "--all-units", "--dir")
    together = run(*args, str(tmp_path / "together"))
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0})
    alone = run(*args, str(tmp_path / "alone"))
    assert together.exit_code == alone.exit_code == 0, together.stderr
    assert "no holiday notice for 2027" in together.stderr
    assert "Google Calendar keeps only about 10" in together.stderr
    assert together.stderr == alone.stderr
    written = sorted(p.name for p in (tmp_path / "alone").iterdir())
    assert written == sorted(p.name for p in (tmp_path / "together").iterdir())
    for name in written:
        assert (tmp_path / "together" / name).read_bytes() == (
            tmp_path / "alone" / name
        ).read_bytes()
