"""The installed command, run in subprocesses the way a clerk and cron run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, TESTS

REMIND = str(Path(sys.executable).with_name("remind"))
CLOCK = str(TESTS / "clock")


def cron_env(home: Path, **extra: str) -> dict[str, str]:
    """What cron gives a job: a PATH, a home, a UTC clock, and no LANG."""
    return {"PATH": os.environ["PATH"], "HOME": str(home), "TZ": "UTC", **extra}


def run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_version_under_cron(tmp_path: Path) -> None:
    result = run([sys.executable, "-m", "remind", "--version"], cron_env(tmp_path), tmp_path)
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.startswith("remind 0.")


def test_the_bundled_list_from_any_folder(tmp_path: Path) -> None:
    result = run(
        [REMIND, "--today", "2022-06-25", "due", "--unit", "法制处"], cron_env(tmp_path), tmp_path
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("法制处 · 2022年6月25日（周六） · 逾期及14天内到期")
    assert "┃ 状态 ┃ 截止日期" in lines[2]
    assert any(line.startswith("共 ") for line in lines)
    assert "\x1b[" not in result.stdout  # cron has no terminal
    # reading wrote no state file; only the checked list, in the user's cache
    written = [p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()]
    assert [p.parent for p in written] == [Path(".cache/remind")]
    assert written[0].suffix == ".pickle"


def test_today_is_beijings_when_the_machine_clock_is_utc(tmp_path: Path) -> None:
    env = cron_env(tmp_path, PYTHONPATH=CLOCK, REMIND_TEST_NOW="2025-06-19T17:30:00+00:00")
    machine = run(
        [sys.executable, "-c", "import datetime; print(datetime.date.today())"], env, tmp_path
    )
    assert machine.stdout.strip() == "2025-06-19"  # the machine still thinks it is the 19th
    result = run(
        [REMIND, "--tasks", str(DATA / "tasks.toml"), "due", "--format", "json"], env, tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["today"] == "2025-06-20"


def test_start_up_imports_no_heavy_module(tmp_path: Path) -> None:
    heavy = {"rich", "icalendar", "dateparser", "holidays", "platformdirs", "psycopg", "sqlite3"}
    code = f"import sys, remind.cli; print(sorted({{m.split('.')[0] for m in sys.modules}} & {heavy!r}))"
    result = run([sys.executable, "-c", code], cron_env(tmp_path), tmp_path)
    assert result.stdout.strip() == "[]", result.stderr


def test_the_clerks_table_pays_for_no_heavy_module(tmp_path: Path) -> None:
    # as the README's first command: the bundled list, records in the user's data folder
    args = [sys.executable, "-X", "importtime", "-m", "remind", "--today", "2022-06-25"]
    result = run([*args, "due", "--unit", "法制处"], cron_env(tmp_path), tmp_path)
    assert result.returncode == 0, result.stderr
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
    assert "rich.table" in imported
    heavy = {"icalendar", "dateparser", "holidays", "platformdirs", "importlib.metadata", "hashlib"}
    assert not heavy & imported
    # nor the config file's reader (email.utils, sockets) while no config names [files]
    assert not {"remind.storage.config", "email.utils", "socket"} & imported


def test_json_output_never_imports_rich(tmp_path: Path) -> None:
    args = [sys.executable, "-X", "importtime", "-m", "remind", "--tasks", str(DATA / "tasks.toml")]
    result = run(
        [*args, "--today", "2025-06-20", "due", "--format", "json"], cron_env(tmp_path), tmp_path
    )
    assert result.returncode == 0
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
    assert "remind.views.machine" in imported
    assert not any(m.startswith("rich") for m in imported)


def test_dateparser_only_for_what_the_grammar_does_not_read(tmp_path: Path) -> None:
    def imported(today: str) -> set[str]:
        args = [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "remind",
            "--tasks",
            str(DATA / "tasks.toml"),
        ]
        result = run(
            [*args, "--today", today, "due", "--format", "json"], cron_env(tmp_path), tmp_path
        )
        assert result.returncode == 0, result.stderr
        return {line.split("|")[-1].strip() for line in result.stderr.splitlines()}

    assert "remind.authoring.phrases" not in imported("2025-06-20")  # ISO days need no grammar
    chinese = imported("下周一")
    assert "remind.authoring.phrases" in chinese
    assert "dateparser" not in chinese
    assert "dateparser" not in imported("next monday")  # English the grammar reads
    assert "dateparser" in imported("2 weeks from tomorrow")


@pytest.mark.parametrize(
    "command",
    [
        ["due", "--unit", "法制处", "--all"],
        ["due", "--since", "1y", "--all"],
        ["calendar", "--month", "2025-06"],
        ["board"],
        ["list"],
        ["units"],
        ["digest", "--unit", "法制处"],
        ["show", "yian-2025-brief"],
        ["extract", str(TESTS / "data" / "plans" / "004_b33d36e8df6f7452.txt"), "--source", "x"],
    ],
)
def test_a_gbk_console_shows_everything_it_can_and_never_crashes(command: list[str]) -> None:
    """A Chinese Windows console (or its output redirected) is GBK: a symbol it lacks is
    shown plainer, never a traceback."""
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "REMIND_CACHE": "off"}
    ran = subprocess.run([REMIND, "--today", "2025-06-25", *command], env=env,
                         capture_output=True, check=False)  # fmt: skip
    assert ran.returncode == 0, ran.stderr.decode("gbk", "replace")
    shown = ran.stdout.decode("gbk")  # all of it GBK
    assert "Traceback" not in ran.stderr.decode("gbk")
    assert shown.strip()


def test_csv_is_utf8_with_its_mark_whatever_the_console() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "REMIND_CACHE": "off"}
    ran = subprocess.run([REMIND, "--today", "2025-06-25", "due", "--format", "csv"], env=env,
                         capture_output=True, check=False)  # fmt: skip
    assert ran.returncode == 0, ran.stderr.decode("gbk", "replace")
    assert ran.stdout.startswith(b"\xef\xbb\xbfstatus,due,")
    assert "报送" in ran.stdout.decode("utf-8-sig")
