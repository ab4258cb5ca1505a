"""Pieces of work that need nothing from each other, done in a process per core: `ical
--all-units` works out thirty calendars, each on its own, and a Python process uses one core.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

MOST = 4  # processes at most: each holds its own job's data, and a big server has dozens of cores
_work: Callable[..., Any] | None = None  # in a worker: what it was made to do


def each(work: Callable[..., T], jobs: Sequence[tuple[Any, ...]]) -> Iterator[T]:
    """work(*job) for every job, the results in the jobs' order.

    Where processes fork (Linux), the jobs are shared out among a process per core (MOST at
    most), each a copy of this one with everything it has loaded, so nothing is read twice; a
    result comes back pickled. Elsewhere, or on one core, the jobs are done one after another.
    Whatever `work` changes in a worker stays there: it must hand back all the caller needs.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if cores < 2 or len(jobs) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from itertools.starmap(work, jobs)
        return
    from concurrent.futures import ProcessPoolExecutor

    workers = min(cores, len(jobs), MOST)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, context, initializer=_adopt, initargs=(work,)) as pool:
        yield from pool.map(_do, jobs)


def _adopt(work: Callable[..., Any]) -> None:
    """A worker is forked with `work` as it is: not pickled, so it may be any function."""
    global _work
    _work = work
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the caller; it ends the workers


def _do(job: tuple[Any, ...]) -> Any:
    assert _work is not None
    return _work(*job)
