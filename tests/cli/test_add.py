"""remind parse shows a reading; remind add appends a task and leaves the rest of the file be."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from remind.core.model import Deadline, Freq, Recurring
from remind.storage.tasklist import load_tasklist
from tests.conftest import BUNDLED, DATA, Run


def test_parse_says_how_it_reads_a_phrase(run: Run) -> None:
    bundled = BUNDLED  # shift = "before"
    result = run("--tasks", str(bundled), "parse", "6月底前报送半年办理工作总结", "--year", "2024")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "读作      2024年6月30日前",
        "时间用语  6月底 前",
        "工作日    2024年6月30日是周日，截止日期移至2024年6月28日",
        "事项      报送半年办理工作总结",
        "任务表    due = 2024-06-30",
    ]


@pytest.mark.parametrize(
    ("phrase", "keys"),
    [
        ("6月底前", {"kind": "deadline", "date": "2025-06-30"}),
        ("11月—12月", {"kind": "window", "start": "2025-11-01", "end": "2025-12-31"}),
        ("每月对口联系不少于2次", {"kind": "recurring", "freq": "monthly", "day": "last",
                                   "count_min": 2, "from": None, "until": None, "month": None}),
        ("次月5日前", {"kind": "recurring", "freq": "monthly", "day": "next:5"}),
        ("每旬", {"kind": "recurring", "freq": "ten-day"}),
        ("每半年", {"kind": "recurring", "freq": "half-yearly"}),
        ("4月—10月每月", {"freq": "monthly", "from": "2025-04-01", "until": "2025-10-31"}),
        ("10个工作日内", {"kind": "relative", "offset": 10, "unit": "workday", "event": ""}),
        ("15日内", {"kind": "relative", "offset": 15, "unit": "day", "event": ""}),
        ("收到意见之日起2个月内",
         {"kind": "relative", "offset": 2, "unit": "month", "event": "收到意见"}),
        ("适时", {"kind": "none", "warnings": []}),
        ("每月5日前报送，遇节假日顺延", {"freq": "monthly", "day": 5, "shift": "after"}),
        ("每年4月1日到9月30日", {"freq": "yearly", "day": 30, "month": 9, "opens": "04-01",
                                  "season": None}),
        ("10月8日-16日", {"kind": "window", "start": "2025-10-08", "end": "2025-10-16"}),
        ("6月31日前", {"kind": "deadline", "date": "2025-06-30", "warnings": [
            "'6月31日' does not exist: read as 6月30日, the month's last day"]}),
    ],
)  # fmt: skip
def test_parse_json(run: Run, phrase: str, keys: dict[str, object]) -> None:
    result = run("--today", "2025-06-20", "parse", phrase, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert {key: document[key] for key in keys} == keys


@pytest.mark.parametrize(
    ("args", "due"),
    [([], "2027-02-03"), (["--year", "2026"], "2026-02-03"), (["--year", "2027"], "2027-02-03")],
)
def test_parse_reads_a_numeral_deadline_as_the_coming_one(
    run: Run, args: list[str], due: str
) -> None:
    result = run("--today", "2026-10-15", "parse", "2.3", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["date"] == due


def test_parse_shows_a_start_with_no_task(run: Run) -> None:
    result = run("--today", "2025-06-20", "parse", "自2025年9月1日起开展专项检查")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].split() == ["读作", "自2025年9月1日起，没有截止日期"]
    assert "任务表" not in result.stdout


def test_parse_shows_a_rhythm_that_runs_until_a_day(run: Run) -> None:
    result = run("--today", "2025-06-20", "parse", "至2025年底，每月5日前报送进展")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].split() == ["读作", "每月5日，至2025年12月31日"]
    assert "until = 2025-12-31" in result.stdout


def test_parse_refuses_in_one_line(run: Run) -> None:
    result = run("parse", "6月前报送")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        (
            "Error: 6月前 in '6月前报送' may mean before 6月 begins or by its end: "
            "write 6月底前, or the day"
        )
    ]


@pytest.fixture
def tasks(tmp_path: Path) -> Path:
    """A copy of the test list, full of comments, with no newline at its end."""
    path = tmp_path / "tasks.toml"
    shutil.copy(DATA / "tasks.toml", path)
    path.write_bytes(path.read_bytes().rstrip(b"\n") + b"  # the end")
    return path


def test_add_appends_and_keeps_every_byte(run: Run, tasks: Path) -> None:
    before = tasks.read_bytes()
    result = run(
        "--tasks", str(tasks), "--today", "2025-06-20",
        "add", "6月底前报送半年办理工作总结", "--unit", "法制处", "--source", "plan",
        "--support", "市发改委", "--clause", "三（二）",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    after = tasks.read_bytes()
    assert after.startswith(before)
    assert after[len(before) :].decode() == (
        "\n\n[[tasks]]\n"
        'id = "plan-06"\n'
        'title = "报送半年办理工作总结"\n'
        'source = "plan"\n'
        'clause = "三（二）"\n'
        'text = "6月底前报送半年办理工作总结"\n'
        'lead = "法制处"\n'
        'support = "市发改委"\n'
        "due = 2025-06-30\n"
    )
    added = load_tasklist(tasks).task("plan-06")
    assert added.schedule == Deadline(date(2025, 6, 30))
    assert (added.lead, added.support) == (("法制处",), ("市发改委",))


def test_add_a_rhythm_with_the_plans_year(run: Run, tasks: Path) -> None:
    result = run(
        "--tasks", str(tasks), "add", "4月—10月每月5日前报送统计数据", "--unit", "法制处",
        "--source", "plan", "--id", "stats-2",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rule = load_tasklist(tasks).task("stats-2").schedule
    assert isinstance(rule, Recurring)
    assert (rule.every, rule.start, rule.until) == (
        Freq.MONTH,
        date(2025, 4, 1),
        date(2025, 10, 31),
    )


def test_a_time_limit_counts_working_days_from_today(run: Run, tasks: Path) -> None:
    result = run(
        "--tasks", str(tasks), "--today", "2025-09-26",
        "add", "10个工作日内报送整改情况", "--unit", "法制处", "--source", "plan",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    # 9-28 (调休 Sunday), 9-29, 9-30, then 国庆 and 中秋 until 10-9: the 10th is 10-16
    assert "due = 2025-10-16" in result.stdout


def test_a_day_past_the_months_end_is_added_as_its_last_day_with_a_warning(
    run: Run, tasks: Path
) -> None:
    result = run("--tasks", str(tasks), "add", "2025年9月31日前报送总结", "--unit", "法制处",
                 "--source", "plan")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "due = 2025-09-30" in result.stdout
    assert result.stderr.splitlines() == [
        "Warning: '2025年9月31日' does not exist: read as 9月30日, the month's last day"
    ]


def test_dry_run_writes_nothing(run: Run, tasks: Path) -> None:
    before = tasks.read_bytes()
    result = run("--tasks", str(tasks), "add", "每季度通报", "--unit", "法制处",
                 "--source", "plan", "--dry-run")  # fmt: skip
    assert result.exit_code == 0
    assert 'every = "quarter"' in result.stdout
    assert tasks.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["6月前报送", "--unit", "法制处", "--source", "plan"], "may mean before 6月 begins"),
        (["每月报送", "--unit", "法治处", "--source", "plan"], "unknown unit '法治处'"),
        (["每月报送", "--unit", "法制处"], "name the plan with --source (one of plan, points, zk)"),
        (["每月报送", "--unit", "法制处", "--source", "plan", "--id", "brief"],
         "id: 'brief' is already the id of the task at line"),
        (["6月底前", "--unit", "法制处", "--source", "plan"], "says when but not what"),
        (["自2025年9月1日起开展专项检查", "--unit", "法制处", "--source", "plan"],
         "the work starts on 2025-09-01 but the phrase gives no day it is due"),
    ],
)  # fmt: skip
def test_bad_input_changes_nothing(run: Run, tasks: Path, args: list[str], message: str) -> None:
    before = tasks.read_bytes()
    result = run("--tasks", str(tasks), "add", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert tasks.read_bytes() == before
    assert [p.name for p in tasks.parent.iterdir() if p.suffix == ".tmp"] == []


def test_the_bundled_list_is_not_written(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no data/tasks.toml here: the bundled list is used
    result = run("add", "每月报送", "--unit", "法制处", env={"REMIND_TASKS": ""})
    assert result.exit_code == 2
    assert "bundled task list is read-only" in result.stderr


def test_a_limit_from_an_event_waits_for_the_events_day(run: Run, tasks: Path) -> None:
    """收到交办件之日起10个工作日内: no date is counted from today; once the day the work
    arrived is written as `received`, the due date counts from it on the working-day calendar."""
    result = run("--tasks", str(tasks), "--today", "2025-09-20", "add",
                 "收到交办件之日起10个工作日内办结", "--unit", "法制处", "--source", "plan",
                 "--id", "jiaoban")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert 'within = 10\ncounting = "workdays"\nafter = "收到交办件"' in result.stdout
    assert "due =" not in result.stdout
    shown = run("--tasks", str(tasks), "--today", "2025-09-20", "show", "jiaoban")
    assert "收到交办件后10个工作日内（尚未收到交办件，截止日期待定）" in shown.stdout
    due = run("--tasks", str(tasks), "--today", "2025-09-20", "due", "--all", "--format", "json")
    assert "jiaoban" not in due.stdout
    tasks.write_text(
        tasks.read_text(encoding="utf-8") + "received = 2025-09-26\n", encoding="utf-8"
    )
    due = run("--tasks", str(tasks), "--today", "2025-09-29", "due", "--all", "--format", "json")
    (item,) = [i for i in json.loads(due.stdout)["items"] if i["task"] == "jiaoban"]
    # 9-28 (调休 Sunday), 9-29, 9-30, then 国庆 and 中秋 until 10-9: the 10th is 10-16
    assert (item["start"], item["due"]) == ("2025-09-26", "2025-10-16")


def test_received_writes_the_events_day_and_nothing_else(run: Run, tasks: Path) -> None:
    run("--tasks", str(tasks), "--today", "2025-09-20", "add", "收到交办件之日起10个工作日内办结",
        "--unit", "法制处", "--source", "plan", "--id", "jiaoban")  # fmt: skip
    tasks.write_text(tasks.read_text(encoding="utf-8") + '\n[[tasks]]\nid = "later"\n'
                     'title = "x"\nsource = "plan"\nlead = "法制处"\ndue = 2025-12-31\n',
                     encoding="utf-8")  # fmt: skip
    before = tasks.read_text(encoding="utf-8")
    result = run("--tasks", str(tasks), "--today", "2025-09-29", "received", "jiaoban",
                 "--on", "9月26日")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "收到交办件后10个工作日内（2025年9月26日起算）" in result.stdout
    after = tasks.read_text(encoding="utf-8")
    assert after.replace("received = 2025-09-26\n", "", 1) == before  # one line, in its table
    assert after.index("received = 2025-09-26") < after.index('id = "later"')
    again = run("--tasks", str(tasks), "--today", "2025-09-29", "received", "jiaoban",
                "--on", "2025-09-25")  # fmt: skip
    assert again.exit_code == 0
    assert tasks.read_text(encoding="utf-8").count("received =") == 1


@pytest.mark.parametrize(
    ("task", "message"),
    [("brief", "not a time limit from an event"), ("nope", "no task 'nope'")],
)
def test_received_refuses_what_is_no_limit(run: Run, tasks: Path, task: str, message: str) -> None:
    before = tasks.read_bytes()
    result = run("--tasks", str(tasks), "received", task)
    assert result.exit_code == 2
    assert message in result.stderr
    assert tasks.read_bytes() == before
