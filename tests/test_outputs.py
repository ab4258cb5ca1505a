"""What every command prints and writes, held whole: the bundled list and a generated list of
1,000 tasks, on a few days, with a state file of records.

The outputs are compared by their SHA-256 against tests/golden/outputs.sha256, one line per
command run; a change to any byte of any output fails here and names the run. When a change is
meant, regenerate with REMIND_UPDATE_GOLDEN=1 and read the diff of the golden files that show
the outputs in full (due.txt, 法制处.ics, digest.*, index.html).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from remind.cli import cli
from tests.conftest import BUNDLED, DATA, GOLDEN, ROOT, stored

MANIFEST = GOLDEN / "outputs.sha256"
PLANS = DATA / "plans"

sys.path.insert(0, str(ROOT / "benchmarks"))
import tasklist as generated

PHRASES = (
    "6月底前报送半年办理工作总结",
    "每月对口联系区内创新主体不少于2次",
    "每季度首月10日前报送统计数据",
    "2025年11月—12月督促检查",
    "次月5日前",
    "10个工作日内办结",
    "国庆节前完成",
    "持续推进",
    "6月前",
)
# (name, arguments): run on every day of DAYS, after --today
BUNDLED_RUNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("due", ("due",)),
    ("due-unit", ("due", "--unit", "法制处")),
    ("due-lead", ("due", "--unit", "法制处", "--lead")),
    ("due-groups", ("due", "--unit", "江岸区人民政府", "--within", "1m", "--all")),
    ("due-since", ("due", "--since", "1y", "--limit", "0")),
    ("due-json", ("due", "--format", "json", "--all")),
    ("due-csv", ("due", "--format", "csv", "--unit", "市发改委")),
    ("list", ("list",)),
    ("list-unit", ("list", "--unit", "法制处", "--lead")),
    ("list-source", ("list", "--source", "yian-2025")),
    ("show-brief", ("show", "yian-2025-brief")),
    ("show-hongshan", ("show", "kj2021-14-hongshan")),
    ("show-target", ("show", "yian-2025-target-contracts")),
    ("show-ongoing", ("show", "kj2021-01-items")),
    ("units", ("units",)),
    ("board", ("board",)),
    ("board-json", ("board", "--format", "json")),
    ("board-group", ("board", "--unit", "各区人民政府", "--since", "2025-01-01")),
    ("targets", ("targets",)),
    ("targets-json", ("targets", "--format", "json")),
    ("calendar", ("calendar", "--unit", "法制处")),
    ("calendar-months", ("calendar", "--month", "2025-11", "--months", "2")),
    ("calendar-json", ("calendar", "--month", "2025-06", "--format", "json")),
    ("ical-unit", ("ical", "--unit", "法制处")),
    ("ical-all", ("ical",)),
    (
        "ical-folder",
        ("ical", "--all-units", "--dir", "cal", "--base-url", "https://oa.example.org/r/"),
    ),
    ("digest-text", ("digest", "--unit", "法制处")),
    ("digest-html", ("digest", "--unit", "市发改委", "--format", "html")),
    ("digest-markdown", ("digest", "--unit", "江岸区人民政府", "--format", "markdown")),
    ("digest-all", ("digest", "--all-units")),
    ("log", ("log",)),
    ("log-json", ("log", "--format", "json")),
    ("log-unit", ("log", "--unit", "法制处", "--since", "1y")),
    ("check", ("check",)),
    (
        "add",
        (
            "add",
            "每季度首月10日前报送统计数据",
            "--unit",
            "法制处",
            "--source",
            "yian-2025",
            "--dry-run",
        ),
    ),
    ("done", ("done", "kj2021-14-hongshan", "--by", "王建平")),
    ("done-period", ("done", "yian-2025-brief", "--period", "2025-06", "--unit", "市经信局")),
    ("progress", ("progress", "yian-2025-target-contracts", "2000亿元", "--on", "2025-06-01")),
    ("undo", ("undo",)),
    ("state-export", ("state", "export")),
    ("error-unit", ("due", "--unit", "没有这个处")),
    ("error-task", ("show", "yian-2025-nope")),
    *((f"parse-{n}", ("parse", p, "--year", "2025")) for n, p in enumerate(PHRASES)),
    *((f"parse-json-{n}", ("parse", p, "--format", "json")) for n, p in enumerate(PHRASES)),
    *((f"extract-{p.name[:3]}", ("extract", str(p))) for p in sorted(PLANS.glob("*.txt"))),
)
GENERATED_RUNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("due", ("due",)),
    ("due-unit", ("due", "--unit", "法制处", "--limit", "0")),
    ("due-json", ("due", "--format", "json")),
    ("due-csv", ("due", "--format", "csv", "--all")),
    ("list-unit", ("list", "--unit", "江岸区")),
    ("show", ("show", "t000007")),
    ("board", ("board",)),
    ("board-json", ("board", "--format", "json")),
    ("calendar", ("calendar", "--unit", "规划处")),
    ("ical-folder", ("ical", "--all-units", "--dir", "cal")),
    ("digest-all", ("digest", "--all-units", "--format", "markdown")),
    ("log", ("log", "--format", "json")),
    ("check", ("check",)),
)
BUNDLED_DAYS = ("2025-06-20", "2025-11-03", "2026-01-05")
GENERATED_DAYS = ("2025-06-20", "2026-03-02")
WIDTHS = ("120", "80")
GENERATED_STATE = """\
version = 1
last_id = 3

[[records]]
id = 1
task = "t000004"
period = "2025-05"
done = 2025-05-20

[[records]]
id = 2
task = "t000007"
period = "2025-Q2"
done = 2025-06-02
by = "张敏"

[[records]]
id = 3
task = "t000000"
period = "once"
done = 2025-03-01
note = "已办"
"""


def outputs(
    tasks: Path,
    state: Path,
    runs: tuple[tuple[str, tuple[str, ...]], ...],
    days: tuple[str, ...],
    folder: Path,
) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of every run: its exit code, stdout and stderr, and each file it wrote.
    Each runs in a folder of its own beside a copy of the task list, which it names by a
    relative path: what it prints of paths is the same in any checkout."""
    shutil.copy(tasks, folder.parent / f"{folder.name}.toml")
    store = stored(state, folder.parent / f"{folder.name}.sqlite3")
    for width in WIDTHS:
        for day in days:
            for name, args in runs:
                if width != WIDTHS[0] and not _drawn(args):
                    continue  # machine formats do not depend on the width
                work = folder / f"{width}-{day}-{name}"
                work.mkdir(parents=True)
                shutil.copy(store, work / "state.sqlite3")
                env = {
                    "REMIND_TASKS": f"../../{folder.name}.toml",
                    "REMIND_STATE": "state.sqlite3",
                    "NO_COLOR": "1",
                    "COLUMNS": width,
                    "REMIND_BY": "",
                }
                cwd = os.getcwd()
                os.chdir(work)
                try:
                    result = CliRunner(env=env).invoke(cli, ["--today", day, *args])
                finally:
                    os.chdir(cwd)
                assert result.exception is None or isinstance(result.exception, SystemExit), (
                    name,
                    result.exception,
                )
                head = f"exit {result.exit_code}\n--- stdout\n".encode()
                text = head + result.stdout_bytes + b"\n--- stderr\n" + result.stderr_bytes
                yield f"{width} {day} {name}", text
                for path in sorted((work / "cal").glob("*")) if (work / "cal").is_dir() else ():
                    yield f"{width} {day} {name} {path.name}", path.read_bytes()


def _drawn(args: tuple[str, ...]) -> bool:
    """A run whose output is laid out for the terminal's width."""
    machine = {"json", "csv", "html", "markdown"}
    return args[0] in {"due", "list", "show", "units", "board", "targets", "calendar", "log"} and (
        not machine & set(args)
    )


def everything(folder: Path) -> dict[str, str]:
    state = folder / "generated-state.toml"
    state.write_text(GENERATED_STATE, encoding="utf-8")
    tasks = generated.write(1000, folder / "generated-list.toml")
    found = {
        f"bundled {name}": data
        for name, data in outputs(
            BUNDLED, DATA / "state-bundled.toml", BUNDLED_RUNS, BUNDLED_DAYS, folder / "bundled"
        )
    }
    found |= {
        f"generated {name}": data
        for name, data in outputs(
            tasks, state, GENERATED_RUNS, GENERATED_DAYS, folder / "generated"
        )
    }
    return {name: hashlib.sha256(data).hexdigest() for name, data in found.items()}


@pytest.fixture(scope="module")
def hashes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return everything(tmp_path_factory.mktemp("outputs"))


def test_every_output_is_as_it_was(hashes: dict[str, str]) -> None:
    lines = "".join(f"{digest}  {name}\n" for name, digest in sorted(hashes.items()))
    if os.environ.get("REMIND_UPDATE_GOLDEN"):
        MANIFEST.write_text(lines, encoding="utf-8")
    expected = {
        name: digest
        for digest, name in (
            line.split("  ", 1) for line in MANIFEST.read_text("utf-8").splitlines()
        )
    }
    changed = sorted(
        name for name in expected.keys() | hashes.keys() if expected.get(name) != hashes.get(name)
    )
    assert not changed, f"{len(changed)} outputs differ: {', '.join(changed[:20])}"


def test_the_matrix_covers_every_command() -> None:
    named = {args[0] for _, args in BUNDLED_RUNS}
    # init writes the user's config file (tests/cli/test_init.py), received the task list
    # (tests/cli/test_add.py)
    held_elsewhere = {"init", "received", "link", "serve"}  # tests/service
    assert named | held_elsewhere == set(cli.list_commands(click.Context(cli)))
