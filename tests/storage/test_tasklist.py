"""Reading the task list: every validation message, checked by its text, on real files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from remind.core.model import Deadline, Freq, NextMonthDay, OnDay, Ongoing, Recurring, Window
from remind.errors import InvalidFile, RemindError
from remind.storage.paths import find_state, find_tasks, user_folder
from remind.storage.tasklist import load_tasklist
from remind.storage.toml import Lines
from tests.conftest import BUNDLED

HEAD = """\
[settings]
org = "武汉"

[[sources]]
id = "plan"
title = "工作方案"
date = 2025-03-12

[[units]]
name = "法制处"
aliases = ["政策法制处"]

[[units]]
name = "办公室"
"""  # 14 lines; the tasks of each test start on line 15

TASK = """[[tasks]]
id = "t"
title = "报送简报"
source = "plan"
lead = ["法制处"]
"""  # [[tasks]] on line 15, id 16, title 17, source 18, lead 19; schedule keys from line 20


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "tasks.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidFile) as caught:
        load_tasklist(path)
    prefix = f"{path}:"
    return [str(p).removeprefix(prefix) for p in caught.value.problems]


def load(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "tasks.toml"
    path.write_text(text, encoding="utf-8")
    return load_tasklist(path)


# ---------------------------------------------------------------- what a good list gives


def test_each_schedule_kind(tmp_path: Path) -> None:
    tasks = load(
        tmp_path,
        HEAD
        + TASK + "due = 2025-06-30\n"
        + TASK.replace('"t"', '"w"') + "start = 2025-11-01\nend = 2025-12-31\n"
        + TASK.replace('"t"', '"r"') + 'every = "quarter"\nday = "next:5"\nuntil = 2025-12-31\ncount_min = 2\n'
        + TASK.replace('"t"', '"o"') + "ongoing = true\n",
    ).tasks  # fmt: skip
    assert [t.schedule for t in tasks] == [
        Deadline(date(2025, 6, 30)),
        Window(date(2025, 11, 1), date(2025, 12, 31)),
        Recurring(Freq.QUARTER, NextMonthDay(5), date(2025, 3, 12), date(2025, 12, 31), None, 2),
        Ongoing(),
    ]


def test_aliases_become_canonical_names_and_sources_give_their_organisation(tmp_path: Path) -> None:
    text = HEAD + TASK.replace(
        'lead = ["法制处"]', 'lead = "政策法制处"\nsupport = ["办公室", "法制处"]'
    )
    (task,) = load(tmp_path, text + 'every = "year"\nmonth = 6\nday = 30\n').tasks
    assert (task.lead, task.support, task.org) == (("法制处",), ("办公室", "法制处"), "武汉")
    assert task.schedule == Recurring(Freq.YEAR, OnDay(30), date(2025, 3, 12), None, 6)


def test_the_bundled_list_is_valid() -> None:
    tasklist = load_tasklist(BUNDLED)
    assert tasklist.tasks
    assert tasklist.units
    assert tasklist.sources


# ---------------------------------------------------------------- every problem, with its line


@pytest.mark.parametrize(
    ("tasks", "expected"),
    [
        pytest.param(TASK, [('15: task t: no schedule; expected due = DATE, start = DATE with end = DATE, '
                            'every = "month" with day, within = N with after, or ongoing = true')], id="no schedule"),
        pytest.param(TASK + "due = 2025-06-30\nevery = \"month\"\nday = 1\n",
                     ["21: task t: every: a task has one schedule, but this one has due and every"],
                     id="two schedule kinds"),
        pytest.param(TASK + "due = 2025-06-31\n", None, id="impossible date is a TOML error"),
        pytest.param(TASK + 'within = 10\ncounting = "fortnights"\nafter = "收到交办件"\n',
                     [('21: task t: counting: expected one of "days", "workdays", "weeks", '
                      "\"months\", \"years\", got 'fortnights'")], id="a limit counted in what"),
        pytest.param(TASK + "within = 10\n",
                     [("15: task t: after: missing; expected the event the limit counts from "
                      "(收到交办件)")],
                     id="a limit from what"),
        pytest.param(TASK + 'due = "2025-06-30"\n',
                     ["20: task t: due: expected a date like 2025-06-30 (no quotes, no time), got '2025-06-30'"],
                     id="quoted date"),
        pytest.param(TASK + "due = 2025-06-30T09:00:00\n",
                     ["20: task t: due: expected a date like 2025-06-30 (no quotes, no time), got 2025-06-30 09:00:00"],
                     id="date with a time"),
        pytest.param(TASK + "due = 2025-06-30\nlead_units = 2\n",
                     ["21: task t: lead_units: unknown field; did you mean lead, leader, clause?"],
                     id="unknown key with did you mean"),
        pytest.param(TASK + "start = 2025-12-31\nend = 2025-11-01\n",
                     ["21: task t: end: expected a day on or after start (2025-12-31), got 2025-11-01"],
                     id="window ends before it starts"),
        pytest.param(TASK + "start = 2025-11-01\n",
                     ["15: task t: end: missing; expected the last day of the window"], id="window without end"),
        pytest.param(TASK + 'every = "month"\nday = 32\n',
                     [('21: task t: day: expected 1–31 (day of the month) or "last" or "next:N" '
                      "(day N of the following month), got 32")], id="day out of range"),
        pytest.param(TASK + 'every = "week"\nday = 8\n',
                     ['21: task t: day: expected 1–7 (周一…周日) or "last", got 8'], id="weekday out of range"),
        pytest.param(TASK + 'every = "week"\nday = "next:5"\n',
                     ['21: task t: day: expected 1–7 (周一…周日) or "last", got \'next:5\''], id="next month for a week"),
        pytest.param(TASK + 'every = "month"\nday = "next:0"\n',
                     [('21: task t: day: expected 1–31 (day of the month) or "last" or "next:N" '
                      "(day N of the following month), got 'next:0'")], id="next:0"),
        pytest.param(TASK + 'every = "monthly"\nday = 1\n',
                     ['20: task t: every: expected one of "week", "ten-day", "month", "quarter", "half", "year", got \'monthly\''],
                     id="unknown frequency"),
        pytest.param(TASK + 'day = 1\n',
                     ['15: task t: every: missing; expected "week", "month", "quarter", "half" or "year"'],
                     id="day without every"),
        pytest.param(TASK + 'every = "month"\n',
                     ['15: task t: day: missing; expected the day the task falls due: 1–31, "last" or "next:N"'],
                     id="every without day"),
        pytest.param(TASK + 'every = "year"\nmonth = 4\nday = 31\n',
                     ["22: task t: day: month 4 has at most 30 days, got 31"], id="31 April"),
        pytest.param(TASK + 'every = "quarter"\nmonth = 4\nday = 1\n',
                     ["21: task t: month: expected a whole number from 1 to 3, got 4"], id="month of a quarter"),
        pytest.param(TASK + 'every = "month"\nmonth = 2\nday = 1\n',
                     ['21: task t: month: only for every = "quarter", "half" or "year"'], id="month of a month"),
        pytest.param(TASK + 'every = "year"\nmonth = 2\nday = "next:5"\n',
                     ['21: task t: month: not with day = "next:N", which is already a day after the period'],
                     id="month with next"),
        pytest.param(TASK + 'every = "month"\nday = 1\nfrom = 2025-05-01\nuntil = 2025-04-30\n',
                     ["23: task t: until: expected a day on or after from (2025-05-01), got 2025-04-30"],
                     id="until before from"),
        pytest.param(TASK + 'every = "month"\nday = 1\ncount_min = 0\n',
                     ["22: task t: count_min: expected a whole number from 1 to 100, got 0"], id="count of zero"),
        pytest.param(TASK + "ongoing = false\n",
                     ["20: task t: ongoing: expected true; leave it out and give the task a schedule instead"],
                     id="ongoing false"),
        pytest.param(TASK.replace('source = "plan"', 'source = "plam"') + "ongoing = true\n",
                     ["18: task t: source: unknown source 'plam'; did you mean plan?"], id="unknown source"),
        pytest.param(TASK.replace('lead = ["法制处"]', 'lead = ["法治处"]') + "ongoing = true\n",
                     ["19: task t: lead: unknown unit '法治处' in 武汉; did you mean 法制处, 政策法制处?"],
                     id="unknown unit with nearest names"),
        pytest.param(TASK.replace('lead = ["法制处"]', 'support = ["信息中心"]') + "ongoing = true\n",
                     ["15: task t: lead: missing; expected the lead unit(s) (牵头), like lead = [\"法制处\"]",
                      "19: task t: support: unknown unit '信息中心' in 武汉; add it to [[units]] first"],
                     id="missing lead and a unit with no near name"),
        pytest.param(TASK.replace('lead = ["法制处"]', "lead = []") + "ongoing = true\n",
                     ["19: task t: lead: expected at least one unit"], id="empty lead"),
        pytest.param(TASK.replace('id = "t"', 'id = "简报"') + "ongoing = true\n",
                     ["16: task #1: id: expected an ASCII id of letters, digits, '-', '_' or '.', got '简报'"],
                     id="non-ASCII id"),
        pytest.param(TASK + "ongoing = true\n" + TASK + "ongoing = true\n",
                     ["22: task t: id: 't' is already the id of the task at line 15"], id="duplicate id"),
        pytest.param(TASK.replace('title = "报送简报"\n', "") + "ongoing = true\n",
                     ["15: task t: title: missing; expected the title in quotes"], id="missing title"),
    ],
)  # fmt: skip
def test_task_problems(tmp_path: Path, tasks: str, expected: list[str] | None) -> None:
    found = problems(tmp_path, HEAD + tasks)
    if expected is None:  # tomllib refuses 30 June's neighbour itself
        assert found == ["20: not valid TOML: Invalid date or datetime (column 7)"]
    else:
        assert found == expected


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = (
        '[settings]\ntimezone = "Asia/Beijing"\nwarn_dayz = 7\n'
        '[[sources]]\nid = "plan"\ntitle = "方案"\n'
        '[[units]]\nname = "法制处"\ngroups = ["各处室"]\n'
        '[[units]]\nname = "办公室"\naliases = ["法制处"]\n'
        '[[tasks]]\nid = "t"\ntitle = "x"\nsource = "plan"\nlead = "法制处"\nevery = "month"\nday = 1\n'
        '[[task]]\nid = "u"\n'
    )
    assert problems(tmp_path, text) == [
        "2: settings: timezone: expected a time zone like \"Asia/Shanghai\", got 'Asia/Beijing'",
        "3: settings: warn_dayz: unknown field; did you mean warn_days, workdays?",
        "9: unit 法制处: groups: unknown unit '各处室'",
        "12: unit 办公室: aliases: '法制处' already names the unit at line 8",
        "13: task t: from: missing; expected the day the duty starts (source plan has no date)",
        "20: task: unknown table or key; did you mean tasks?",
    ]


def test_group_cycles_and_self_membership(tmp_path: Path) -> None:
    text = (
        '[[sources]]\nid = "plan"\ntitle = "方案"\n'
        '[[units]]\nname = "甲"\ngroups = ["乙"]\n'
        '[[units]]\nname = "乙"\ngroups = ["甲"]\n'
        '[[units]]\nname = "丙"\ngroups = ["丙"]\n'
    )
    assert problems(tmp_path, text) == [
        "6: unit 甲: groups: groups contain one another in a circle; a group cannot be its own member",
        "9: unit 乙: groups: groups contain one another in a circle; a group cannot be its own member",
        "12: unit 丙: groups: '丙' is the unit itself",
    ]


def test_units_of_another_organisation_are_not_found(tmp_path: Path) -> None:
    text = (
        '[[sources]]\nid = "zk"\ntitle = "措施"\norg = "周口"\ndate = 2021-06-08\n'
        '[[units]]\nname = "法制处"\norg = "武汉"\n'
        '[[tasks]]\nid = "t"\ntitle = "x"\nsource = "zk"\nlead = "法制处"\nongoing = true\n'
    )
    assert problems(tmp_path, text) == [
        "13: task t: lead: unknown unit '法制处' in 周口; add it to [[units]] first"
    ]


def test_wrong_types_of_tables(tmp_path: Path) -> None:
    assert problems(tmp_path, '[tasks]\nid = "t"\n') == [
        "1: tasks: expected [[tasks]] entries, each under its own [[tasks]] line"
    ]
    assert problems(tmp_path, "settings = 3\n") == ["1: settings: expected a [settings] table"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a = \n", "1: not valid TOML: Invalid value (column 5)"),
        (
            '[[tasks]]\nid = "a"\nid = "b"\n',
            "3: not valid TOML: Cannot overwrite a value (column 9)",
        ),
    ],
)
def test_malformed_toml_gives_line_and_column(tmp_path: Path, text: str, expected: str) -> None:
    assert problems(tmp_path, text) == [expected]


def test_files_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(RemindError, match="no such file"):
        load_tasklist(tmp_path / "missing.toml")
    (tmp_path / "gbk.toml").write_bytes('title = "法制处"'.encode("gbk"))
    with pytest.raises(RemindError, match=r"gbk.toml: not UTF-8 text"):
        load_tasklist(tmp_path / "gbk.toml")


def test_lines_skip_multiline_strings_and_count_tables() -> None:
    lines = Lines('[[tasks]]\nid = "a"\ntext = """\nid = fake\n"""\n[[tasks]]\n# c\nid = "b"\n')
    assert lines.of("tasks", 0, "id") == 2
    assert lines.of("tasks", 1, "id") == 8
    assert lines.of("tasks", 1, "title") == 6  # a missing key points at its table


# ---------------------------------------------------------------- finding the files


def test_find_tasks_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    given = tmp_path / "given.toml"
    assert find_tasks(given, "env.toml")[:2] == (given, False)
    assert find_tasks(None, "env.toml")[:2] == (Path("env.toml"), False)
    bundled, is_bundled, why = find_tasks(None, None)
    assert is_bundled
    assert why == "随 remind 安装的示例清单"
    assert bundled.name == "tasks.toml"
    assert bundled.is_file()
    remembered = tmp_path / "remembered.toml"
    assert find_tasks(None, None, remembered) == (remembered, False, "remind init 记下的任务清单")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "tasks.toml").write_text("")
    assert find_tasks(None, None, remembered)[:2] == (Path("data/tasks.toml"), False)


def test_the_store_lives_beside_a_users_list_but_never_in_the_package(tmp_path: Path) -> None:
    tasks = tmp_path / "tasks.toml"
    assert find_state(None, None, tasks, bundled=False) == tmp_path / "state.sqlite3"
    assert find_state(None, "/x/s.sqlite3", tasks, bundled=False) == Path("/x/s.sqlite3")
    assert find_state("/y/given.db", "/x/s.sqlite3", tasks, bundled=False) == Path("/y/given.db")
    bundled = find_state(None, None, tasks, bundled=True)
    assert isinstance(bundled, Path)
    assert (bundled.parent.name, bundled.name) == ("remind", "state.sqlite3")


def test_a_postgresql_url_names_a_database_and_keeps_its_password_off_the_command_line(
    tmp_path: Path,
) -> None:
    tasks = tmp_path / "tasks.toml"
    url = "postgresql://remind@db.example.org/bureau"
    assert find_state(url, None, tasks, bundled=False) == url
    secret = "postgresql://remind:s3cret@db.example.org/bureau"
    assert find_state(None, secret, tasks, bundled=False) == secret  # the environment is private
    with pytest.raises(RemindError, match="password on the command line"):
        find_state(secret, None, tasks, bundled=False)


def test_a_state_file_of_the_old_kind_is_never_taken_silently(tmp_path: Path) -> None:
    tasks = tmp_path / "tasks.toml"
    with pytest.raises(RemindError, match=r"remind state import old\.toml"):
        find_state("old.toml", None, tasks, bundled=False)
    with pytest.raises(RemindError, match=r"\$REMIND_STATE old\.toml"):
        find_state(None, "old.toml", tasks, bundled=False)
    (tmp_path / "state.toml").write_text("", encoding="utf-8")
    with pytest.raises(RemindError, match="holds records of the old kind"):
        find_state(None, None, tasks, bundled=False)
    assert find_state(None, None, tasks, bundled=False, old_ok=True) == tmp_path / "state.sqlite3"
    (tmp_path / "state.sqlite3").write_bytes(b"")  # once there is a store, it is the store
    assert find_state(None, None, tasks, bundled=False) == tmp_path / "state.sqlite3"


@pytest.mark.parametrize("kind", ["data", "cache", "config"])
@pytest.mark.parametrize("xdg", [None, "", "  ", "/srv/xdg"])
def test_user_folders_are_where_platformdirs_puts_them(
    kind: str, xdg: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import platformdirs

    variable = f"XDG_{kind.upper()}_HOME"
    if xdg is None:
        monkeypatch.delenv(variable, raising=False)
    else:
        monkeypatch.setenv(variable, xdg)
    expected = getattr(platformdirs, f"user_{kind}_path")("remind")
    assert user_folder(kind) == expected


def test_tasks_are_found_by_id_or_unique_prefix(tmp_path: Path) -> None:
    text = HEAD + TASK.replace('"t"', '"brief-a"') + "ongoing = true\n"
    text += TASK.replace('"t"', '"brief-ab"') + "ongoing = true\n"
    tasklist = load(tmp_path, text)
    assert tasklist.task("brief-a").id == "brief-a"  # an exact id wins over a longer one
    assert tasklist.task("brief-ab").id == "brief-ab"
    with pytest.raises(
        RemindError, match="'brief' is the start of several task ids: brief-a, brief-ab"
    ):
        tasklist.task("brief")
    with pytest.raises(RemindError, match=r"no task 'brif-a'; did you mean brief-a, brief-ab\?"):
        tasklist.task("brif-a")


def test_a_limit_from_an_event_in_the_task_list(tmp_path: Path) -> None:
    from remind.core.model import Limit
    from remind.storage.tasklist import load_tasklist

    path = tmp_path / "tasks.toml"
    path.write_text(
        '[[sources]]\nid = "p"\ntitle = "方案"\ndate = 2025-01-01\n[[units]]\nname = "法制处"\n'
        '[[tasks]]\nid = "t"\ntitle = "办结交办件"\nsource = "p"\nlead = "法制处"\n'
        'within = 15\ncounting = "workdays"\nafter = "收到交办件"\nreceived = 2025-03-03\n',
        encoding="utf-8",
    )
    (task,) = load_tasklist(path).tasks
    assert task.schedule == Limit(15, "workday", "收到交办件", date(2025, 3, 3))
