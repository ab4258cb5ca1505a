"""A record store holding COUNT records of the occurrences of a task list, for the benchmarks:

    python benchmarks/records.py tasks.toml state.sqlite3 10000
    python benchmarks/records.py tasks.toml postgresql://… 10000

The records are those a bureau would have made: one for each occurrence due from 2024 on, in
the task list's order, done on its due date.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from remind.core.model import Record
from remind.core.records import State
from remind.core.schedule import occurrences
from remind.storage.store import opened
from remind.storage.tasklist import load_tasklist


def records(tasks: Path, count: int) -> list[Record]:
    made: list[Record] = []
    if count < 1:
        return made
    for task in load_tasklist(tasks).tasks:
        for occurrence in occurrences(task, date(2024, 1, 1), date(2025, 6, 1)):
            made.append(Record(task.id, occurrence.period, occurrence.due, id=len(made) + 1,
                               uid=f"bench-{len(made) + 1}"))  # fmt: skip
            if len(made) == count:
                return made
    return made


def fill(tasks: Path, where: str, count: int) -> None:
    made = tuple(records(tasks, count))
    store = opened(where if where.startswith("postgres") else Path(where))
    store.change(lambda current: (State(made, len(made)), None))


if __name__ == "__main__":
    fill(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]))
