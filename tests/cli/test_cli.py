"""The command line through CliRunner, with an explicit --today and isolated files."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import click
import pytest
from freezegun import freeze_time
from rich.cells import cell_len

from remind.cli import cli
from remind.storage.holidays import china
from remind.views.grid import NO_LINE_END, NO_LINE_START
from tests.conftest import BUNDLED, DATA, Run, golden, stored


def items(run: Run, *args: str) -> list[dict[str, object]]:
    result = run("--today", "2025-06-20", "due", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["items"]  # type: ignore[no-any-return]


def due_dates(run: Run, *args: str) -> list[tuple[object, object]]:
    return [(i["task"], i["due"]) for i in items(run, *args)]


# ---------------------------------------------------------------- remind due


def test_due_table(run: Run) -> None:
    result = run("--today", "2025-06-20", "due", "--unit", "市科技局")
    assert result.exit_code == 0
    assert result.stderr == ""
    golden("due.txt", result.stdout)


def test_a_long_table_lists_the_soonest_and_says_how_many_it_left_out(run: Run) -> None:
    args = ("--today", "2025-06-20", "due", "--since", "5y", "--within", "1y")
    everything = json.loads(run(*args, "--format", "json").stdout)["items"]
    assert len(everything) > 12
    table = run(*args, "--limit", "12").stdout
    assert table.count("\n│ 逾期 ") + table.count("\n│ 临近 ") + table.count("\n│ 未到 ") == 12
    assert f"共 {len(everything)} 项" in table  # the counts are of them all
    assert f"表中只列出最早到期的 12 项，另有 {len(everything) - 12} 项未列出" in table
    assert everything[0]["task"] in table  # soonest first
    assert "未列出" not in run(*args, "--limit", "0").stdout
    assert run(*args, "--limit", "-1").exit_code == 2


def test_global_options_go_before_or_after_the_command(run: Run, tasks_file: Path) -> None:
    before = run("--today", "2025-06-20", "due", "--unit", "法制处")
    after = run("due", "--unit", "法制处", "--today", "2025-06-20", "--tasks", str(tasks_file))
    assert before.exit_code == after.exit_code == 0
    assert before.stdout == after.stdout
    assert (
        run("--today", "2020-01-01", "due", "--today", "2025-06-20").stdout
        == run("--today", "2025-06-20", "due").stdout
    )  # the later one wins


def test_due_json_is_the_documented_contract(run: Run) -> None:
    result = run("--today", "2025-06-20", "due", "--unit", "市科技创新局", "--format", "json")
    document = json.loads(result.stdout)
    assert list(document) == [
        "earlier_overdue", "earliest_overdue", "items", "since", "today", "units", "until"
    ]  # fmt: skip
    assert (document["today"], document["since"], document["until"]) == (
        "2025-06-20",
        "2025-03-22",
        "2025-07-04",
    )
    assert document["units"] == ["市科技创新局"]
    assert document["earlier_overdue"] == 0
    first = next(i for i in document["items"] if i["task"] == "brief")
    assert list(first) == sorted(first)
    assert first == {
        "clause": "三（二）",
        "days_left": -51,
        "done": 0,
        "done_on": None,
        "due": "2025-04-30",
        "label": "2025年4月",
        "lead": ["各承办单位"],
        "lead_due": None,
        "planned": None,
        "needed": 1,
        "org": "武汉",
        "period": "2025-04",
        "source": "plan",
        "source_title": "市十五届人大五次会议1号议案办理工作方案",
        "start": None,
        "status": "overdue",
        "support": [],
        "task": "brief",
        "title": "报送办理工作简报",
    }
    # it supports 市发改委's statistics: five working days before the lead's 次月5日 (倒排工期),
    # across 劳动节 (1–5 May) with 27 April worked, and 端午 (31 May – 2 June)
    items = [(i["task"], i["due"], i["lead_due"], i["status"]) for i in document["items"]]
    assert items == [
        ("stats", "2025-04-25", "2025-05-05", "overdue"),
        ("brief", "2025-04-30", None, "overdue"),
        ("stats", "2025-05-28", "2025-06-05", "overdue"),
        ("brief", "2025-05-31", None, "overdue"),
        ("brief", "2025-06-30", None, "upcoming"),
        ("halfyear", "2025-06-30", None, "upcoming"),
        ("stats", "2025-06-30", "2025-07-05", "upcoming"),
    ]


def test_due_csv_opens_in_excel(run: Run) -> None:
    result = run("--today", "2025-06-20", "due", "--unit", "市科技创新局", "--format", "csv")
    assert result.stdout.startswith("\ufeffstatus,due,planned,lead_due,days_left,task,")
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    assert [(r["task"], r["due"], r["lead_due"], r["status"]) for r in rows][:2] == [
        ("stats", "2025-04-25", "2025-05-05", "overdue"),
        ("brief", "2025-04-30", "", "overdue"),
    ]
    json_items = items(run, "--unit", "市科技创新局")
    assert set(rows[0]) == set(json_items[0])  # the same keys as the JSON, as the README says
    assert rows[0]["source_title"] == "市十五届人大五次会议1号议案办理工作方案"
    assert rows[0]["lead"] == "市发改委"
    assert rows[0]["support"] == "市科技创新局"


@pytest.mark.parametrize(
    ("within", "expected"),
    [
        ("14d", [("stats", "2025-05-05"), ("stats", "2025-06-05")]),
        ("2w", [("stats", "2025-05-05"), ("stats", "2025-06-05")]),
        ("15", [("stats", "2025-05-05"), ("stats", "2025-06-05"), ("stats", "2025-07-05")]),
        ("1m", [("stats", "2025-05-05"), ("stats", "2025-06-05"), ("stats", "2025-07-05")]),
    ],
)
def test_within(run: Run, within: str, expected: list[tuple[str, str]]) -> None:
    assert due_dates(run, "--unit", "市发改委", "--within", within) == expected


def test_since_shows_older_items_and_counts_the_rest(run: Run) -> None:
    result = run(
        "--today",
        "2025-06-20",
        "due",
        "--unit",
        "市发改委",
        "--since",
        "2025-06-01",
        "--format",
        "json",
    )
    document = json.loads(result.stdout)
    assert [i["due"] for i in document["items"]] == ["2025-06-05"]
    assert document["earlier_overdue"] == 1
    assert due_dates(run, "--unit", "市发改委", "--since", "1y") == [
        ("stats", "2025-05-05"),
        ("stats", "2025-06-05"),
    ]


def test_nothing_due_says_so_and_counts_older_items(run: Run) -> None:
    result = run("--today", "2025-06-20", "due", "--unit", "周口/办公室")
    assert result.exit_code == 0
    assert result.stdout == (
        "周口/办公室：2025年6月20日（周五）没有逾期或14天内到期的事项。\n"
        "另有 4 项更早的逾期事项，最早的 2022年1月31日到期；用 --since 2022-01-31 查看。\n"
    )


def test_fail_on_overdue(run: Run) -> None:
    assert (
        run("--today", "2025-06-20", "due", "--unit", "市发改委", "--fail-on-overdue").exit_code
        == 1
    )
    assert (
        run("--today", "2025-04-01", "due", "--unit", "市发改委", "--fail-on-overdue").exit_code
        == 0
    )


def test_units_by_alias_group_and_lead(run: Run) -> None:
    by_alias = due_dates(run, "--unit", "市科技局", "--within", "1y")
    assert by_alias == due_dates(run, "--unit", "市科技创新局", "--within", "1y")
    assert ("inspection", "2025-12-31") in by_alias
    assert ("stats", "2025-04-25") in by_alias  # it supports: its own, earlier date
    lead_only = due_dates(run, "--unit", "市科技局", "--within", "1y", "--lead")
    assert not {task for task, _ in lead_only} & {"stats"}
    assert ("brief", "2025-06-30") in lead_only
    # 江岸区 ∈ 各区人民政府 ∈ 各承办单位: it owes the brief and supports the inspection
    district = {task for task, _ in due_dates(run, "--unit", "江岸区", "--within", "1y")}
    assert district == {"brief", "halfyear", "inspection"}
    both = due_dates(run, "--unit", "市发改委", "--unit", "江岸区", "--within", "1y")
    assert {task for task, _ in both} == district | {"stats"}


@pytest.mark.parametrize(
    ("unit", "message"),
    [
        ("法治处", "Error: unknown unit '法治处'; did you mean 法制处, 政策法制处?"),
        (
            "办公室",
            "Error: '办公室' names a unit in several organisations; use one of 周口/办公室, 武汉/办公室",
        ),
        (
            "上海/办公室",
            "Error: unknown unit '上海/办公室'; did you mean 武汉/办公室, 周口/办公室?",
        ),
    ],
)
def test_unknown_or_ambiguous_unit(run: Run, unit: str, message: str) -> None:
    result = run("--today", "2025-06-20", "due", "--unit", unit)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [message]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--today", "2025-13-01"],
            "--today: '2025-13-01': there is no month 13",
        ),
        (
            ["--today", "6月31日"],
            "--today: '6月31日' is not a real date: that month has 30 days",
        ),
        (
            ["--today", "someday"],
            "--today: cannot read 'someday' as a date; write it like 2025-06-30",
        ),
        (
            ["--today", "6月前"],
            "--today: 6月前 in '6月前' may mean before 6月 begins or by its end",
        ),
        (["--within", "3x"], "expected a length like 14, 14d, 2w, 1m or 1y, got '3x'"),
    ],
)
def test_bad_options_exit_2(run: Run, args: list[str], message: str) -> None:
    result = run("due", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_the_look_of_each_status(run: Run) -> None:
    out = run("--today", "2025-06-30", "due", "--unit", "市科技创新局").stdout
    assert "今天到期" in out
    assert "逾期61天" in out
    out = run("--today", "2025-11-20", "due", "--unit", "市科技创新局").stdout
    assert "2025-12-31 周三" in out
    assert "11月1日—12月31日" in out
    assert "进行中，还剩41天" in out
    out = run("--today", "2022-06-25", "due", "--unit", "法制处").stdout
    assert "2022年6月 0/2次" in out
    assert "临近" in out


def test_a_narrow_terminal_drops_columns_instead_of_breaking(run: Run) -> None:
    result = run("--today", "2025-06-20", "due", "--unit", "市科技创新局", env={"COLUMNS": "100"})
    lines = result.stdout.splitlines()
    assert "牵头" in lines[2]
    assert "配合" not in result.stdout
    assert max(cell_len(line) for line in lines) <= 100


@pytest.mark.parametrize("width", [80, 90, 99])
def test_at_80_columns_the_table_stacks_and_no_task_id_is_broken(run: Run, width: int) -> None:
    result = run("--tasks", str(BUNDLED), "--today", "2022-06-25", "due", "--unit", "法制处",
                 env={"COLUMNS": str(width)})  # fmt: skip
    lines = result.stdout.splitlines()
    assert [cell.strip() for cell in lines[2].split("┃")[1:-1]] == [
        "状态",
        "截止日期",
        "期次",
        "事项",
    ]
    assert max(cell_len(line) for line in lines) <= width
    rows = [line.split("│") for line in lines if line.startswith("│")]
    titles = [row[4].strip() for row in rows]
    assert titles.count("kj2021-14-hongshan") == 3  # whole, on a line of its own
    assert "kj2022-15-report" in titles
    assert "牵头 法制处" in titles
    assert "逾期86天" in [row[2].strip() for row in rows]  # the days left under the due date


def test_done_records_in_the_store_are_left_out(run: Run, state_file: Path, tmp_path: Path) -> None:
    records = tmp_path / "records.toml"
    records.write_text(
        '[[records]]\ntask = "stats"\nperiod = "2025-04"\ndone = 2025-05-03\n'
        '[[records]]\ntask = "visits"\nperiod = "2022-06"\ndone = 2022-06-10\n',
        encoding="utf-8",
    )
    stored(records, state_file)
    assert due_dates(run, "--unit", "市发改委") == [("stats", "2025-06-05")]
    visits = json.loads(
        run("--today", "2022-06-25", "due", "--unit", "法制处", "--format", "json").stdout
    )
    assert [(i["task"], i["period"], i["done"], i["needed"]) for i in visits["items"]] == [
        ("visits", "2022-05", 0, 2),
        ("report", "2022-Q2", 0, 1),
        ("visits", "2022-06", 1, 2),
    ]


def test_a_corrupt_store_is_refused_and_left_alone(run: Run, state_file: Path) -> None:
    state_file.write_bytes(b'[[records]]\ntask = "stats"\nperiod = \n')
    result = run("--today", "2025-06-20", "due")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: {state_file}: not a record store of remind's (file is not a database)\n"
    )
    assert state_file.read_bytes() == b'[[records]]\ntask = "stats"\nperiod = \n'


def test_today_is_todays_date_in_the_task_lists_zone(run: Run) -> None:
    with freeze_time("2025-06-19 17:30:00"):  # UTC: already the 20th in Beijing
        document = json.loads(run("due", "--format", "json").stdout)
    assert document["today"] == "2025-06-20"


# ---------------------------------------------------------------- colour


def test_no_colour_off_a_terminal_and_under_no_color(run: Run) -> None:
    plain = run("--today", "2025-06-20", "due", "--unit", "市发改委")
    assert "\x1b[" not in plain.stdout
    forced = run(
        "--today",
        "2025-06-20",
        "due",
        "--unit",
        "市发改委",
        env={"FORCE_COLOR": "1", "NO_COLOR": ""},
    )
    assert "\x1b[1;31m逾期" in forced.stdout
    no_color = run("--today", "2025-06-20", "due", "--unit", "市发改委", env={"FORCE_COLOR": "1"})
    assert "\x1b[1;31m" not in no_color.stdout
    always = run("--color", "always", "--today", "2025-06-20", "due", "--unit", "市发改委")
    assert "\x1b[1;31m逾期" in always.stdout


# ---------------------------------------------------------------- a broken task list


CN = china()
BROKEN = '[[sources]]\nid = "p"\ntitle = "方案"\n[[tasks]]\nid = "t"\ntitle = "x"\nsource = "q"\nlead = "法制处"\n'


@pytest.mark.parametrize("command", [["due"], ["list"], ["show", "t"], ["units"], ["check"]])
def test_every_command_refuses_a_broken_list(run: Run, tmp_path: Path, command: list[str]) -> None:
    broken = tmp_path / "tasks.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    result = run("--tasks", str(broken), *command)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        (
            f"Error: {broken}:4: task t: no schedule; expected due = DATE, start = DATE with end = DATE, "
            'every = "month" with day, within = N with after, or ongoing = true'
        ),
        f"Error: {broken}:7: task t: source: unknown source 'q'; expected one of p",
        f"Error: {broken}:8: task t: lead: unknown unit '法制处'; add it to [[units]] first",
    ]


def test_check_reports_a_broken_list_and_a_broken_state_together(
    run: Run, tmp_path: Path, state_file: Path
) -> None:
    broken = tmp_path / "tasks.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    state_file.write_text("[[records]]\ntask = \n", encoding="utf-8")
    result = run("--tasks", str(broken), "check")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 4
    assert result.stderr.splitlines()[-1] == (
        f"Error: {state_file}: not a record store of remind's (file is not a database)"
    )


def test_check_a_good_list(run: Run, tasks_file: Path, state_file: Path) -> None:
    result = run("check")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == (
        f"{tasks_file}（$REMIND_TASKS）: 3 个文件，8 个单位，8 项任务，没有错误，有 1 条提醒（见下）。\n"
        f"{state_file}（$REMIND_STATE）: 尚未创建。\n"
        f"工作日历：{CN.source}（{min(CN.known_years or ())}–{max(CN.known_years or ())}年）\n"
        # one unit has an address: the bureau mails digests, and these it would not reach
        "以下单位既无邮箱也无群机器人，周报无法送达（email，或配置文件的 [[webhooks]]）："
        "法制处、武汉/办公室、江岸区人民政府、市发改委、周口/办公室\n"
    )


def test_check_reports_records_of_tasks_and_periods_that_are_gone(
    run: Run, tasks_file: Path, state_file: Path, tmp_path: Path
) -> None:
    records = tmp_path / "records.toml"
    records.write_text(
        '[[records]]\ntask = "old"\nperiod = "2025-01"\ndone = 2025-01-30\n'
        '[[records]]\ntask = "brief"\nperiod = "2025-03"\ndone = 2025-03-30\n'
        '[[records]]\ntask = "brief"\nperiod = "2025-04"\ndone = 2025-04-30\n',
        encoding="utf-8",
    )
    stored(records, state_file)
    before = state_file.read_bytes()
    result = run("check")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Error: {state_file}: record #1: task 'old' is not in {tasks_file}",
        f"Error: {state_file}: record #2: task 'brief' has no period '2025-03' in {tasks_file}",
    ]
    assert state_file.read_bytes() == before  # reported, never dropped


# ---------------------------------------------------------------- list, show, units


def test_list_by_unit_and_source(run: Run) -> None:
    result = run("--today", "2025-06-20", "list", "--source", "points")
    assert result.exit_code == 0
    assert "任务 2 项" in result.stdout
    assert "report" in result.stdout
    assert "visits" in result.stdout
    result = run("--today", "2025-06-20", "list", "--unit", "江岸区", "--lead")
    ids = [
        line.split("│")[1].strip() for line in result.stdout.splitlines() if line.startswith("│ ")
    ]
    assert [i for i in ids if i] == ["brief", "halfyear"]
    result = run("list", "--source", "pointz")
    assert result.exit_code == 2
    assert result.stderr == "Error: unknown source 'pointz'; did you mean points?\n"


def test_show_a_task_by_prefix(run: Run) -> None:
    result = run("--today", "2025-06-20", "show", "half")
    assert result.exit_code == 0
    text = result.stdout
    assert "halfyear" in text
    assert "6月底前报送半年办理工作总结" in text
    assert "2025年6月30日前" in text
    assert "2025-06-30 周一" in text
    assert "还剩10天" in text
    assert run("show", "nothing").stderr == "Error: no task 'nothing'\n"


def test_show_an_ongoing_task(run: Run) -> None:
    result = run("--today", "2025-06-20", "show", "carriers")
    assert "长期，无截止日期" in result.stdout
    assert "期次" not in result.stdout


def test_units(run: Run) -> None:
    result = run("units")
    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if "市科技创新局" in line)
    cells = [cell.strip() for cell in row.split("│")]
    assert cells[1:-1] == [
        "市科技创新局",
        "武汉",
        "市科技局",
        "各承办单位",
        "",
        "4",
        "1",
        "kjj@example.org",
    ]


# ---------------------------------------------------------------- help


def commands() -> list[str]:
    return cli.list_commands(click.Context(cli))


@pytest.mark.parametrize("name", commands())
def test_every_command_has_help_with_an_example(run: Run, name: str) -> None:
    result = run(name, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert f"remind {name}" in result.stdout
    command = cli.get_command(click.Context(cli), name)
    assert isinstance(command, click.Command)
    assert command.help
    assert command.help.split("\n")[0].strip()


def test_top_level_help_lists_the_commands(run: Run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    for name in commands():
        assert name in result.stdout


@pytest.mark.parametrize("command", [["board"], ["units"], ["log"]])
@pytest.mark.parametrize("width", [80, 100])
def test_every_table_fits_and_shows_each_unit_name_whole(
    run: Run, state_file: Path, tmp_path: Path, command: list[str], width: int
) -> None:
    records = tmp_path / "records.toml"
    records.write_text('[[records]]\ntask = "kj2021-14-hongshan"\nperiod = "2022-05"\n'
                       'done = 2022-06-10\nby = "王"\nnote = "已报送"\n', encoding="utf-8")  # fmt: skip
    stored(records, state_file)
    result = run("--tasks", str(BUNDLED), "--today", "2022-06-25", *command,
                 env={"COLUMNS": str(width)})  # fmt: skip
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    cells = {cell.strip() for line in lines for cell in line.replace("┃", "│").split("│")}
    if command == ["log"]:
        assert {"kj2021-14-hongshan", "经办 王", "备注 已报送"} <= cells
    else:
        assert {"市科技创新局", "企业中心"} <= cells
    assert "…" not in result.stdout


@pytest.mark.parametrize(
    ("unit", "today"),
    [("法制处", "2022-06-25"), ("市科技创新局", "2025-06-24"), ("办公室", "2023-03-01"),
     ("江岸区人民政府", "2025-11-03")],
)  # fmt: skip
def test_the_hint_for_older_overdue_reaches_every_one(run: Run, unit: str, today: str) -> None:
    def due(*extra: str) -> dict[str, Any]:
        result = run("--tasks", str(BUNDLED), "--today", today, "due", "--unit", unit,
                     "--format", "json", *extra)  # fmt: skip
        assert result.exit_code == 0, result.stderr
        document: dict[str, Any] = json.loads(result.stdout)
        return document

    first = due()
    assert first["earlier_overdue"] > 0
    shown = run("--tasks", str(BUNDLED), "--today", today, "due", "--unit", unit).stdout
    assert f"用 --since {first['earliest_overdue']} 查看" in shown
    every = due("--since", first["earliest_overdue"])
    assert every["earlier_overdue"] == 0
    overdue = [i for i in every["items"] if i["status"] == "overdue"]
    listed = [i for i in first["items"] if i["status"] == "overdue"]
    assert len(overdue) == len(listed) + first["earlier_overdue"]


def test_a_due_date_on_a_worked_weekend_says_so(run: Run, tmp_path: Path) -> None:
    """28 September 2025 is a Sunday worked for 国庆 (调休): a clerk must not take it for a
    day off."""
    path = tmp_path / "tasks.toml"
    path.write_text((DATA / "tasks.toml").read_text(encoding="utf-8") + (
        '\n[[tasks]]\nid = "sunday"\ntitle = "报送节前安全检查情况"\nsource = "plan"\n'
        'lead = ["法制处"]\ndue = 2025-09-28\n'), encoding="utf-8")  # fmt: skip
    for width in ("120", "80"):
        shown = run("--tasks", str(path), "--today", "2025-09-22", "due", "--unit", "法制处",
                    env={"COLUMNS": width}).stdout  # fmt: skip
        assert "2025-09-28 周日" in shown
        assert "调休上班" in shown
    weekday = run("--tasks", str(path), "--today", "2025-09-22", "due", "--unit", "法制处",
                  "--within", "1m").stdout  # fmt: skip
    assert weekday.count("调休上班") == 1  # only that day


def test_a_wide_table_never_breaks_a_task_id(run: Run) -> None:
    shown = run("--tasks", str(BUNDLED), "--today", "2021-12-20", "due", "--unit",
                "江岸区人民政府", env={"COLUMNS": "120"}).stdout  # fmt: skip
    assert "tineng-2021-matching-events" in shown


@pytest.mark.parametrize(
    "command",
    [["due", "--unit", "法制处"], ["board"], ["units"], ["targets"], ["show", "kj2021-14-hongshan"],
     ["calendar", "--month", "2022-06"], ["list"]],
)  # fmt: skip
@pytest.mark.parametrize("width", ["80", "120"])
def test_no_line_ends_in_spaces(run: Run, command: list[str], width: str) -> None:
    """A title is not padded out to the table's width: copied into a message or a document,
    it brings no run of spaces with it."""
    shown = run("--tasks", str(BUNDLED), "--today", "2022-06-25", *command,
                env={"COLUMNS": width}).stdout  # fmt: skip
    assert shown.strip()
    assert [line for line in shown.splitlines() if line.endswith(" ")] == []


TABLES = [["due", "--unit", "法制处", "--all"], ["board"], ["units"], ["list"], ["log"],
          ["targets", "--today", "2025-09-30"], ["show", "yian-2025-brief"],
          ["targets", "--unit", "领导小组办公室", "--today", "2025-09-30"]]  # fmt: skip


@pytest.mark.parametrize("command", TABLES)
@pytest.mark.parametrize("width", [80, 100, 120, 160])
def test_every_table_fits_and_breaks_its_lines_by_the_rules(
    run: Run, command: list[str], width: int
) -> None:
    """At any width a table fits; no line of a cell begins with a closing mark or ends with an
    opening one (标点禁则); and the ids a clerk types are never broken."""
    bundled = ("--tasks", str(BUNDLED), "--today", "2022-06-25")
    note = "走访融创智谷，已报送区科经局（附件见OA），另见会议纪要（第3期）、简报"
    for period in ("2022-04", "2022-05"):
        done = run(*bundled, "done", "kj2021-14-hongshan", "--period", period, "--note", note)
        assert done.exit_code == 0, done.stderr
    shown = run(*bundled, *command, env={"COLUMNS": str(width)}).stdout
    lines = shown.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    cells = [cell.strip() for line in lines if line.startswith("│") for cell in line.split("│")]
    assert [c for c in cells if c and c[0] in NO_LINE_START] == []
    assert [c for c in cells if c and c[-1] in NO_LINE_END] == []
    ids = re.findall(r"\b(?:kj20|zk20|yian-20|tineng-20)[0-9a-z-]+", shown)
    assert [i for i in ids if i not in TASK_IDS] == []  # a target's key is its task's id#n


TASK_IDS = set(re.findall(r'^id = "([^"]+)"', BUNDLED.read_text("utf-8"), re.MULTILINE))
