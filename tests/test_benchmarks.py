"""The benchmark's task lists: the same N gives the same list, with the plans' mix, and remind
reads it without a problem. (Speed itself is measured by benchmarks/run.py, never here.)"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from remind.storage.tasklist import load_tasklist
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
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


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sizes", "abc"], "--sizes: expected task counts like 100,1000, got 'abc'"),
        (["--sizes", "100,0"], "--sizes: expected task counts"),
        (["--runs", "0"], "--runs: expected a whole number from 1 up, got '0'"),
        (["--output", "/nonexistent/results.md"], "--output: cannot write in /nonexistent"),
    ],
)
def test_the_runner_refuses_bad_options_before_running_anything(
    args: list[str], message: str
) -> None:
    script = ROOT / "benchmarks" / "run.py"
    result = subprocess.run(
        [sys.executable, str(script), *args], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert message in result.stderr.splitlines()[-1]
    assert result.stdout == ""


def test_the_report_puts_the_floors_beside_the_commands_and_checks_the_targets() -> None:
    import run

    def timing(*milliseconds: float, mib: int = 20) -> run.Timing:
        return run.Timing(tuple(m / 1000 for m in milliseconds), mib * 1024)

    small = {
        "floor: interpreter + click + rich table + tomllib loading the list": timing(100, 90, 110),
        "remind due --unit 法制处": timing(125, 120, 140),
    }
    labels = ["remind due", "remind ical --all-units"]
    large = {
        1000: {label: timing(100) for label in labels},
        10_000: {
            "remind due": timing(450),
            "remind ical --all-units": timing(3500, mib=120),
            run.LONG_TABLE: timing(300),
        },
    }
    text = run.report(small, large, rich_in_json=False, runs=3)
    assert "| remind due --unit 法制处 | 125 (120–140) | 20 |" in text
    assert "| run | 1,000 tasks | 10,000 tasks | 10,000 ÷ 1,000 |" in text
    assert "| remind ical --all-units | 100 (100–100) | 3,500 (3,500–3,500) | 35.0 |" in text
    assert "| remind ical --all-units | 20 | 120 |" in text
    assert "- ✓ `remind due --unit 法制处` on the bundled list: 125 ms, 1.25 × the floor" in text
    assert "- ✓ `remind due --format json` imports no rich" in text
    assert "- ✓ 10,000 tasks: `remind due` 450 ms (at most 500)" in text
    assert "- ✗ 10,000 tasks: `remind ical --all-units` 3,500 ms (at most 3,000)" in text
    assert "- ✗ 10,000 tasks: peak memory of any command 120 MiB (at most 100)" in text
    assert "- ✓ 10,000 tasks: `remind due --unit 法制处 --limit 0` 300 ms (at most 350)" in text


@pytest.mark.parametrize("count", [0, 250])
def test_the_record_stores_hold_as_many_records_as_asked(tmp_path: Path, count: int) -> None:
    import records

    path = tasklist.write(100, tmp_path / "tasks.toml")
    store = tmp_path / "state.sqlite3"
    records.fill(path, str(store), count)
    from remind.storage.store import opened

    kept = opened(store).load().records
    assert len(kept) == count
    assert len({(r.task, r.period) for r in kept}) == count  # each a different occurrence


def test_the_load_run_serves_every_kind_of_answer(tmp_path: Path) -> None:
    """A small load run end to end: what it reports, not how fast (that is the benchmark's)."""
    report = tmp_path / "load.md"
    command = [sys.executable, str(ROOT / "benchmarks" / "load.py"), "--tasks", "100",
               "--records", "100", "--clients", "2", "--seconds", "0.5", "--output", str(report)]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode in (0, 1), result.stderr  # 1: a goal missed on a busy machine
    written = report.read_text(encoding="utf-8")
    rows = {line.split(" `")[0].strip("| "): line for line in written.splitlines() if "`/" in line}
    assert set(rows) == {"page", "due", "calendar"}
    assert "× 200" in rows["page"]
    assert "× 200" in rows["due"]
    assert re.search(r"\| \d[\d,]*× 304 \|", rows["calendar"])  # every answer a 304
    assert all(line.endswith("| 0 |") for line in rows.values())  # no errors
    assert "on the unit's page at the next request: yes." in written
