"""The benchmark's task lists: the same N gives the same list, with the plans' mix, and remind
reads it without a problem. (Speed itself is measured by benchmarks/run.py, never here.)"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from remind.store import load_tasklist

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
import tasklist


def test_the_same_size_gives_the_same_list() -> None:
    assert tasklist.tasklist(500) == tasklist.tasklist(500)
    assert tasklist.tasklist(500) != tasklist.tasklist(500, seed=7)


def test_the_mix_of_the_plans() -> None:
    tasks = tasklist.tasklist(1000)["tasks"]
    assert isinstance(tasks, list)
    kinds = Counter(t.get("every", "window" if "start" in t else "once") for t in tasks)
    assert kinds["once"] + kinds["window"] == 400
    assert kinds["window"] > 0
    assert (kinds["month"], kinds["quarter"], kinds["half"], kinds["year"]) == (300, 100, 100, 100)
    assert any("count_min" in t for t in tasks)
    assert len({name for t in tasks for name in t["lead"]}) == 30


@pytest.mark.parametrize("size", [100, 1000])
def test_remind_reads_it_without_a_problem(tmp_path: Path, size: int) -> None:
    path = tasklist.write(size, tmp_path / "tasks.toml")
    loaded = load_tasklist(path)
    assert len(loaded.tasks) == size
    assert len(loaded.units) == 30
