"""The checked task list kept between runs: the same answers, and never a stale one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from remind.cli import cli
from remind.core.model import TaskList
from remind.errors import InvalidFile
from remind.storage import cache as cache_module
from remind.storage import tasklist as schema
from remind.storage.cache import load_tasklist
from remind.storage.holidays import china
from tests.conftest import BUNDLED

TASK = """
[settings]
workdays = "CN"
shift = "before"

[[sources]]
id = "plan"
title = "工作方案"
date = 2025-01-01

[[units]]
name = "法制处"

[[tasks]]
id = "report"
title = "报送总结"
source = "plan"
lead = ["法制处"]
due = {due}
"""


def write(path: Path, due: str) -> Path:
    path.write_text(TASK.format(due=due), encoding="utf-8")
    return path


def due_dates(tasks: Path, cache: Path | str) -> list[str]:
    args = ["--tasks", str(tasks), "--state", str(tasks.with_name("state.sqlite3"))]
    args += ["--today", "2025-09-20", "due", "--within", "1m", "--format", "json"]
    result = CliRunner(env={"REMIND_CACHE": str(cache)}).invoke(cli, args)
    assert result.exit_code == 0, result.output
    return [item["due"] for item in json.loads(result.output)["items"]]


def test_a_second_run_reads_the_cache_and_answers_the_same(tmp_path: Path) -> None:
    tasks, cache = write(tmp_path / "tasks.toml", "2025-10-01"), tmp_path / "cache"
    assert due_dates(tasks, cache) == ["2025-09-30"]  # 国庆节 moves it to the day before
    [entry] = cache.iterdir()
    written = entry.stat().st_mtime_ns
    assert due_dates(tasks, cache) == ["2025-09-30"]
    assert entry.stat().st_mtime_ns == written  # read, not written again


def test_an_entry_names_no_function_whatever_the_python(tmp_path: Path) -> None:
    """Python 3.11's later releases and 3.12 on pickle an Enum as getattr(Class, name), which
    the unpickler refuses to call: every run then missed the cache and wrote it again."""
    load_tasklist(BUNDLED, tmp_path)
    (entry,) = tmp_path.glob("*.pickle")
    written = entry.read_bytes()
    assert b"getattr" not in written
    assert b"builtins" not in written
    stamp = entry.stat().st_mtime_ns
    load_tasklist(BUNDLED, tmp_path)
    assert entry.stat().st_mtime_ns == stamp  # read back, not written again


def test_an_edit_of_the_same_size_in_the_same_instant_is_seen(tmp_path: Path) -> None:
    tasks, cache = write(tmp_path / "tasks.toml", "2025-10-01"), tmp_path / "cache"
    assert due_dates(tasks, cache) == ["2025-09-30"]
    before = tasks.stat()
    write(tasks, "2025-10-09")
    os.utime(tasks, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert tasks.stat().st_size == before.st_size
    assert due_dates(tasks, cache) == ["2025-10-09"]


def test_the_calendar_comes_back_whole_and_fresh(tmp_path: Path) -> None:
    tasks, cache = write(tmp_path / "tasks.toml", "2025-10-01"), tmp_path / "cache"
    first = load_tasklist(tasks, cache)
    first.calendar.is_workday(date(2031, 1, 6))  # a year with no notice: remembered to warn
    again = load_tasklist(tasks, cache)
    assert again.calendar is not first.calendar
    assert again.calendar.holiday(date(2025, 10, 1)) == "国庆节"
    assert not again.calendar.unknown_asked
    assert again.tasks[0].shift.calendar is again.calendar
    assert again.tasks[0].schedule == first.tasks[0].schedule
    fresh = china()
    assert dict(again.calendar.holidays) == dict(fresh.holidays)
    assert dict(again.calendar.working_weekends) == dict(fresh.working_weekends)
    assert (again.calendar.known_years, again.calendar.source) == (fresh.known_years, fresh.source)


def test_a_new_chinesecalendar_makes_the_calendar_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tasks, cache = write(tmp_path / "tasks.toml", "2025-10-01"), tmp_path / "cache"
    load_tasklist(tasks, cache)
    read = schema.load_tasklist
    checked: list[Path] = []

    def check(path: Path, text: str | None = None) -> TaskList:
        checked.append(path)
        return read(path, text)

    monkeypatch.setattr(schema, "load_tasklist", check)
    assert load_tasklist(tasks, cache).calendar.holiday(date(2025, 10, 1)) == "国庆节"
    assert checked == []  # the same notices: the entry serves
    monkeypatch.setattr(cache_module, "_notices", lambda: ("constants.py", 1, 2))  # upgraded
    assert load_tasklist(tasks, cache).calendar.holiday(date(2025, 10, 1)) == "国庆节"
    assert checked == [tasks]  # read and checked again, with the calendar made afresh


def test_a_cached_list_needs_no_chinesecalendar(tmp_path: Path) -> None:
    tasks, cache = write(tmp_path / "tasks.toml", "2025-10-01"), tmp_path / "cache"
    load_tasklist(tasks, cache)
    code = (
        "import sys; from pathlib import Path; from remind.storage.cache import load_tasklist; "
        f"t = load_tasklist(Path({str(tasks)!r}), Path({str(cache)!r})); "
        "print(t.calendar.holiday(__import__('datetime').date(2025, 10, 1)), "
        "'chinese_calendar' in sys.modules)"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.split() == ["国庆节", "False"]


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_broken_entry_is_passed_by_and_replaced(tmp_path: Path, garbage: bytes) -> None:
    tasks, cache = write(tmp_path / "tasks.toml", "2025-10-01"), tmp_path / "cache"
    due_dates(tasks, cache)
    [entry] = cache.iterdir()
    entry.write_bytes(garbage)
    assert due_dates(tasks, cache) == ["2025-09-30"]
    assert load_tasklist(tasks, cache).tasks[0].id == "report"


def test_a_list_with_problems_is_not_kept(tmp_path: Path) -> None:
    tasks, cache = write(tmp_path / "tasks.toml", "2025-13-01"), tmp_path / "cache"
    with pytest.raises(InvalidFile):
        load_tasklist(tasks, cache)
    assert not list(cache.iterdir())  # the folder is made, nothing kept in it


def test_a_cache_that_cannot_be_written_is_passed_by(tmp_path: Path) -> None:
    tasks, cache = write(tmp_path / "tasks.toml", "2025-10-01"), tmp_path / "cache"
    cache.write_text("a file where the folder should be", encoding="utf-8")
    assert due_dates(tasks, cache) == ["2025-09-30"]
    assert cache.read_text(encoding="utf-8") == "a file where the folder should be"


def test_off_keeps_nothing(tmp_path: Path) -> None:
    tasks = write(tmp_path / "tasks.toml", "2025-10-01")
    assert due_dates(tasks, "off") == ["2025-09-30"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tasks.toml"]


@pytest.mark.parametrize("workdays", ["CN", "weekdays"])
def test_the_lists_own_holidays_come_back_with_the_calendar(tmp_path: Path, workdays: str) -> None:
    tasks, cache = write(tmp_path / "tasks.toml", "2031-01-06"), tmp_path / "cache"
    text = tasks.read_text(encoding="utf-8").replace('workdays = "CN"', f'workdays = "{workdays}"')
    tasks.write_text(
        text.replace(
            "[settings]", "[settings]\nholidays = [2031-01-06]\nworking_weekends = [2031-01-04]"
        ),
        encoding="utf-8",
    )
    load_tasklist(tasks, cache)
    again = load_tasklist(tasks, cache)
    assert again.calendar.recipe == (workdays, (date(2031, 1, 6),), (date(2031, 1, 4),), "", ())
    assert again.calendar.holiday(date(2031, 1, 6)) == "放假"
    assert again.calendar.is_workday(date(2031, 1, 4))  # a Saturday worked
    assert again.tasks[0].shift(date(2031, 1, 6)) == date(2031, 1, 4)
