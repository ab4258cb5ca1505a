"""Time whole runs of remind beside the floors no Python tool of ours can go below.

    python benchmarks/run.py                      # 100 … 100,000 tasks, five runs each
    python benchmarks/run.py --sizes 100,1000 --runs 3 --output /tmp/results.md

Each command runs as its own process, as a clerk or cron runs it: once to warm the disk cache,
then --runs times; the table gives the median, min and max wall time and the peak memory (the
largest resident set of any run). Run it with the Python that has remind installed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TASKLIST = str(ROOT / "benchmarks" / "tasklist.py")
LONG_TABLE = "remind due --unit 法制处 --limit 0"  # every row of the unit: 977 at 10,000 tasks
BUNDLED = ROOT / "data" / "tasks.toml"
TODAY = "2025-06-20"  # inside the three years of the generated lists
UNIT = "法制处"
IMPORTS = "import click, rich.console, rich.table"
LOAD = "import tomllib; tomllib.load(open({path!r}, 'rb'))"
BUNDLED_ROUNDS = 5
RECORDS = 10_000  # records in the stores of the record store's runs
FILL = str(ROOT / "benchmarks" / "records.py")
# a duty of the generated list that takes a record at every run: done is timed again and again
COUNTED = """
[[tasks]]
id = "bench-visits"
title = "对口联系创新主体"
source = "plan-00000"
lead = ["法制处"]
every = "month"
day = "last"
count_min = 100
"""


@dataclass(frozen=True)
class Timing:
    seconds: tuple[float, ...]
    peak_kib: int

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def cell(self) -> str:
        low, high = min(self.seconds), max(self.seconds)
        return f"{_ms(self.median)} ({_ms(low)}–{_ms(high)})"

    @property
    def peak_mib(self) -> float:
        return self.peak_kib / 1024


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


def timed(runs_of: dict[str, list[str]], runs: int, cwd: Path) -> dict[str, Timing]:
    """Each command's wall time in each of `runs` rounds after a warm-up round, and the largest
    resident set of its runs. A round runs every command once: when the machine is busier for
    a while, all of them pay, and their ratios hold."""
    seconds: dict[str, list[float]] = {label: [] for label in runs_of}
    peaks = dict.fromkeys(runs_of, 0)
    for round_ in range(runs + 1):
        for label, argv in runs_of.items():
            elapsed, peak = _run(argv, cwd)
            if round_:  # round 0 warms the disk cache, remind's cache and the bytecode
                seconds[label].append(elapsed)
                peaks[label] = max(peaks[label], peak)
    return {label: Timing(tuple(seconds[label]), peaks[label]) for label in runs_of}


def _run(argv: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time and largest resident set (KiB) of one run. Linux counts a process's resident
    set from before it started the program, so memory below the runner's own cannot be seen:
    the runner keeps no task list in memory."""
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env()
    )
    errors = process.stderr.read().decode() if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: something is overdue
        raise SystemExit(f"{' '.join(argv)} failed:\n{errors}")
    return elapsed, usage.ru_maxrss


def _env() -> dict[str, str]:
    """No user files of the person running it: no REMIND_* variables, no colour; and bytecode
    written by the warm-up, as an installed remind has it, not compiled again every run."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("REMIND_") and k != "PYTHONDONTWRITEBYTECODE"
    }
    return env | {"NO_COLOR": "1", "COLUMNS": "120"}


def remind(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("remind")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "remind", *args]


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def floors(path: Path) -> dict[str, list[str]]:
    load = LOAD.format(path=str(path))
    return {
        "python -c pass": python("pass"),
        f"python -c '{IMPORTS}'": python(IMPORTS),
        "tomllib loads the list": python(load),
        "floor: interpreter + click + rich table + tomllib loading the list": python(
            f"{IMPORTS}; {load}"
        ),
    }


def commands(path: Path, work: Path) -> dict[str, list[str]]:
    common = ("--tasks", str(path), "--state", str(work / "state.sqlite3"), "--today", TODAY)
    return {
        f"remind due --unit {UNIT}": remind(*common, "due", "--unit", UNIT),
        LONG_TABLE: remind(*common, "due", "--unit", UNIT, "--limit", "0"),
        "remind due": remind(*common, "due"),
        "remind board": remind(*common, "board"),
        "remind list": remind(*common, "list"),
        "remind ical --all-units": remind(
            *common, "ical", "--all-units", "--dir", str(work / "ics")
        ),
        "remind digest --all-units --dry-run": remind(
            *common, "digest", "--all-units", "--dry-run", "--outbox", str(work / "outbox")
        ),
    }


def bundled(runs: int, work: Path) -> dict[str, Timing]:
    """The floors and `remind due --unit 法制处` on the list that ships with remind, run from a
    folder with no task list of its own, as a clerk runs it; these runs take a tenth of a
    second, and a target is their ratio, so they are run BUNDLED_ROUNDS times as often."""
    state = ("--state", str(work / "state.sqlite3"), "--today", TODAY)
    runs_of = floors(BUNDLED) | {
        f"remind due --unit {UNIT}": remind(*state, "due", "--unit", UNIT),
        f"remind due --unit {UNIT} --format json": remind(
            *state, "due", "--unit", UNIT, "--format", "json"
        ),
    }
    return timed(runs_of, runs * BUNDLED_ROUNDS, work)


def generated(sizes: Sequence[int], runs: int, work: Path) -> dict[int, dict[str, Timing]]:
    results: dict[int, dict[str, Timing]] = {}
    for size in sizes:
        path = work / f"tasks-{size}.toml"
        with path.open("wb") as file:  # made by another process: the runner stays small
            subprocess.run([sys.executable, TASKLIST, str(size)], stdout=file, check=True)
        runs_of = {k: v for k, v in floors(path).items() if "python -c" not in k}
        runs_of |= commands(path, work)
        print(f"{size:>7,} tasks", file=sys.stderr)
        results[size] = timed(runs_of, runs if size < 100_000 else 1, work)
        shutil.rmtree(work / "ics", ignore_errors=True)
        shutil.rmtree(work / "outbox", ignore_errors=True)
    return results


def with_records(runs: int, work: Path, postgres: Callable[[str], str] | None) -> dict[str, Timing]:
    """`due --unit` and `done` on a list of 10,000 tasks, in a store with no records and in
    one with 10,000, on SQLite and (given a way to make its databases) on PostgreSQL."""
    path = work / "tasks-records.toml"
    with path.open("wb") as file:
        subprocess.run([sys.executable, TASKLIST, "10000"], stdout=file, check=True)
    with path.open("a", encoding="utf-8") as file:
        file.write(COUNTED)
    stores = {
        ("SQLite", 0): str(work / "empty.sqlite3"),
        ("SQLite", RECORDS): str(work / "records.sqlite3"),
    }
    if postgres:
        stores |= {("PostgreSQL", 0): postgres("empty"), ("PostgreSQL", RECORDS): postgres("full")}
    runs_of = {}
    for (engine, count), where in stores.items():
        subprocess.run([sys.executable, FILL, str(path), where, str(count)], check=True)
        common = ("--tasks", str(path), "--state", where, "--today", TODAY)
        kind = f"{engine}, {count:,} records"
        runs_of[f"remind due --unit {UNIT} · {kind}"] = remind(*common, "due", "--unit", UNIT)
        runs_of[f"remind done · {kind}"] = remind(
            *common, "done", "bench-visits", "--period", "2025-06"
        )
    return timed(runs_of, runs, work)


def imports_rich(work: Path) -> bool:
    """Whether `remind due --format json` imports rich at all."""
    argv = remind(
        "--state", str(work / "state.sqlite3"), "--today", TODAY, "due", "--format", "json"
    )
    env = _env() | {"PYTHONPROFILEIMPORTTIME": "1"}
    run = subprocess.run(argv, cwd=work, env=env, capture_output=True, text=True, check=False)
    return any(line.split("|")[-1].strip().startswith("rich") for line in run.stderr.splitlines())


# ---------------------------------------------------------------- the report


def report(
    small: dict[str, Timing], large: dict[int, dict[str, Timing]], rich_in_json: bool, runs: int,
    stored: dict[str, Timing] | None = None,
) -> str:  # fmt: skip
    how = (
        f"Machine: {_machine()}. Python {platform.python_version()}. Median of "
        f"{runs * BUNDLED_ROUNDS} runs for the bundled list, {runs} for the generated ones"
        f"{' (one at 100,000 tasks)' if 100_000 in large else ''}, with min–max, in "
        "milliseconds. The runs go in rounds, each command "
        "once a round, after a warm-up round. Peak memory is the largest resident set of a run "
        f"(Linux counts from the runner's own, {_runner_mib():.0f} MiB). `--today {TODAY}`, no "
        "state file."
    )
    lines = [
        f"# remind benchmarks, {time.strftime('%Y-%m-%d')}",
        "",
        how,
        "",
        "## The bundled task list",
        "",
        "| run | wall time, ms | peak memory, MiB |",
        "|---|---:|---:|",
        *(f"| {label} | {t.cell()} | {t.peak_mib:.0f} |" for label, t in small.items()),
    ]
    if large:
        lines += _table("Generated task lists: wall time, ms", large, Timing.cell, growth=True)
        lines += _table(
            "Generated task lists: peak memory, MiB", large, lambda t: f"{t.peak_mib:.0f}"
        )
    if stored:
        lines += ["", f"## The record store: 10,000 tasks, {RECORDS:,} records", "",
                  "| run | wall time, ms | peak memory, MiB |", "|---|---:|---:|"]  # fmt: skip
        lines += [f"| {label} | {t.cell()} | {t.peak_mib:.0f} |" for label, t in stored.items()]
    lines += ["", "## Targets", ""]
    met = targets(small, large, rich_in_json) + _store_targets(stored or {})
    lines += [f"- {'✓' if ok else '✗'} {text}" for ok, text in met]
    return "\n".join(lines) + "\n"


def _table(
    title: str,
    large: dict[int, dict[str, Timing]],
    cell: Callable[[Timing], str],
    *,
    growth: bool = False,
) -> list[str]:
    """A run per row, a list size per column; with `growth`, how many times the largest list's
    median is the one before it (10 when the cost grows as the list)."""
    sizes = list(large)
    growth = growth and len(sizes) > 1
    head = [f"{size:,} tasks" for size in sizes]
    if growth:
        head.append(f"{sizes[-1]:,} ÷ {sizes[-2]:,}")
    lines = ["", f"## {title}", "", f"| run | {' | '.join(head)} |", "|---|" + "---:|" * len(head)]
    for label in large[sizes[0]]:
        cells = [cell(large[size][label]) for size in sizes]
        if growth:
            cells.append(f"{large[sizes[-1]][label].median / large[sizes[-2]][label].median:.1f}")
        lines.append(f"| {label} | {' | '.join(cells)} |")
    return lines


def targets(
    small: dict[str, Timing], large: dict[int, dict[str, Timing]], rich_in_json: bool
) -> list[tuple[bool, str]]:
    """Each target of the issue, met or not, with what was measured."""
    floor = next(t for label, t in small.items() if label.startswith("floor")).median
    due = small[f"remind due --unit {UNIT}"].median
    bundled = f"`remind due --unit {UNIT}` on the bundled list: {_ms(due)} ms, "
    bundled += f"{due / floor:.2f} × the floor of {_ms(floor)} ms (at most 1.3 ×)"
    found = [
        (due <= 1.3 * floor, bundled),
        (not rich_in_json, "`remind due --format json` imports no rich"),
    ]
    if at := large.get(10_000):
        due, ical = at["remind due"].median, at["remind ical --all-units"].median
        peak = max(t.peak_mib for t in at.values())
        found += [
            (due <= 0.5, f"10,000 tasks: `remind due` {_ms(due)} ms (at most 500)"),
            *_long_table(at),
            (ical <= 3, f"10,000 tasks: `remind ical --all-units` {_ms(ical)} ms (at most 3,000)"),
            (peak <= 100, f"10,000 tasks: peak memory of any command {peak:.0f} MiB (at most 100)"),
        ]
    return found


def _long_table(at: dict[str, Timing]) -> list[tuple[bool, str]]:
    """The unit's whole table (a thousand rows of 10,000 tasks) within 0.35 s."""
    if LONG_TABLE not in at:
        return []
    long = at[LONG_TABLE].median
    return [(long <= 0.35, f"10,000 tasks: `{LONG_TABLE}` {_ms(long)} ms (at most 350)")]


def _store_targets(stored: dict[str, Timing]) -> list[tuple[bool, str]]:
    """`due --unit` with 10,000 records within 1.2 × its time with none, on each engine."""
    found = []
    for engine in ("SQLite", "PostgreSQL"):
        none = stored.get(f"remind due --unit {UNIT} · {engine}, 0 records")
        if none and (
            kept := stored.get(f"remind due --unit {UNIT} · {engine}, {RECORDS:,} records")
        ):
            ratio = kept.median / none.median
            said = f"{engine}: `remind due --unit {UNIT}` with {RECORDS:,} records "
            said += f"{ratio:.2f} × its time with none in the same engine (at most 1.2 ×)"
            found.append((ratio <= 1.2, said))
    return found


def _runner_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _machine() -> str:
    model = ""
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:  # Linux: the CPU's name
        model = next(
            (line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), ""
        )
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores{', ' + model if model else ''}"


@contextlib.contextmanager
def _postgres(given: str) -> Iterator[Callable[[str], str] | None]:
    """How to make a database for the record store's runs: in the server of the URL given,
    else in one started for them (tests/postgres.py), else none."""
    sys.path.insert(0, str(ROOT))
    from tests import postgres

    if given:
        yield lambda name: postgres.database(given, f"bench_{name}")
        return
    folder = postgres.short_folder()
    try:
        url = postgres.start(folder)
    except (RuntimeError, OSError, subprocess.CalledProcessError) as error:
        print(f"no PostgreSQL for the record store's runs: {error}", file=sys.stderr)
        yield None
        return
    try:
        yield lambda name: postgres.database(url, f"bench_{name}")
    finally:
        postgres.stop(folder)
        shutil.rmtree(folder, ignore_errors=True)


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(size) for size in text.split(",")]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"expected task counts like 100,1000, got {text!r}")
    return sizes


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 up, got {text!r}")
    return int(text)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", type=_sizes, default="100,1000,10000,100000", help="task counts, comma-separated"
    )
    parser.add_argument(
        "--runs", type=_positive, default=5, help="timed runs of each command (1 at 100,000)"
    )
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results.md")
    parser.add_argument("--postgres", default="",
                        help="a PostgreSQL server's URL for the record store's runs, in which "
                        "they make their databases [default: a server started for them, where "
                        "Debian's postgresql is installed]")  # fmt: skip
    options = parser.parse_args()
    if not os.access(options.output.parent, os.W_OK):  # before the long run, not after it
        parser.error(f"--output: cannot write in {options.output.parent}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        small = bundled(options.runs, work)
        large = generated(options.sizes, options.runs, work)
        with _postgres(options.postgres) as postgres:
            stored = with_records(options.runs, work, postgres)
        text = report(small, large, imports_rich(work), options.runs, stored)
    options.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
