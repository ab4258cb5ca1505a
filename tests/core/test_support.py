"""倒排工期: a support unit's own, earlier date, counted back from the lead's in working days.

Expected days are read off the State Council's notice for 2025 (国庆 and 中秋: 1–8 October off,
Sunday 28 September and Saturday 11 October worked), not computed.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from remind.core.model import Deadline, Freq, NextMonthDay, Task, Unit, Window
from remind.core.model import Recurring as Every
from remind.core.schedule import occurrences
from remind.core.units import Directory
from remind.core.workdays import Shift
from remind.storage.holidays import china
from remind.storage.tasklist import load_tasklist
from remind.views.wording import due_note, handoff
from tests.conftest import ROOT, Run

D = date.fromisoformat
CN = Shift("before", china())


def duty(schedule: Deadline | Window | Every, *, support_days: int = 5) -> Task:
    return Task(
        id="t", title="报送材料", source="s", schedule=schedule,
        lead=("规划处", "高新处"), support=("市发改委", "市经信局"),
        shift=CN, support_days=support_days,
    )  # fmt: skip


def as_support(task: Task) -> Task:
    return replace(task, supporting=True)


@pytest.mark.parametrize(
    ("lead_due", "support_due"),
    [
        ("2025-10-09", "2025-09-25"),  # back over 国庆 (1–8 Oct) and the worked Sunday 28 Sep
        ("2025-10-13", "2025-09-29"),  # the worked Saturday 11 Oct counts as a working day
        ("2025-06-30", "2025-06-23"),  # a plain week: Monday to the Monday before
        ("2025-06-04", "2025-05-27"),  # back over 端午 (31 May – 2 June)
    ],
)
def test_a_support_date_is_counted_back_in_working_days(lead_due: str, support_due: str) -> None:
    task = duty(Deadline(D(lead_due)))
    (lead,) = occurrences(task, date.min, date.max)
    (support,) = occurrences(as_support(task), date.min, date.max)
    assert (lead.due, lead.lead_due) == (D(lead_due), None)
    assert (support.due, support.lead_due) == (D(support_due), D(lead_due))


def test_the_lead_date_is_moved_off_a_day_off_first() -> None:
    # 次月5日 of September is Sunday 5 October, in 国庆: the lead's date moves back to 30
    # September, and the support date is five working days before that, the worked Sunday
    # 28 September among them
    task = duty(Every(Freq.MONTH, NextMonthDay(5), D("2025-09-01"), D("2025-09-30")))
    (support,) = occurrences(as_support(task), date.min, date.max)
    assert (support.planned, support.lead_due, support.due) == (
        D("2025-10-05"), D("2025-09-30"), D("2025-09-24"),
    )  # fmt: skip
    assert due_note(support) == "向规划处、高新处报送；牵头截止9月30日"


def test_a_support_date_in_the_days_asked_for_whose_lead_date_is_not() -> None:
    task = as_support(duty(Every(Freq.MONTH, NextMonthDay(9), D("2025-01-01"))))
    shown = occurrences(task, D("2025-09-01"), D("2025-09-30"))
    assert [(o.period, o.due, o.lead_due) for o in shown] == [
        ("2025-08", D("2025-09-02"), D("2025-09-09")),
        ("2025-09", D("2025-09-25"), D("2025-10-09")),  # its lead's date is in October
    ]


def test_a_window_support_date_stays_in_the_window() -> None:
    task = duty(Window(D("2025-11-01"), D("2025-12-31")))
    (support,) = occurrences(as_support(task), date.min, date.max)
    assert (support.start, support.due, support.lead_due) == (
        D("2025-11-01"), D("2025-12-24"), D("2025-12-31"),
    )  # fmt: skip
    short = duty(Window(D("2025-12-29"), D("2025-12-31")))
    (squeezed,) = occurrences(as_support(short), date.min, date.max)
    assert squeezed.due == D("2025-12-29")  # not before the window opens


def test_zero_support_days_turns_it_off() -> None:
    task = as_support(duty(Deadline(D("2025-10-09")), support_days=0))
    (occurrence,) = occurrences(task, date.min, date.max)
    assert (occurrence.due, occurrence.lead_due, handoff(occurrence)) == (D("2025-10-09"), None, "")


def test_who_sees_which_date_with_several_leads_and_supports() -> None:
    units = [Unit(name) for name in ("规划处", "高新处", "市经信局")]
    units.append(Unit("市发改委", groups=("各承办单位",)))
    units.append(Unit("各承办单位"))
    directory = Directory(units)
    task = duty(Deadline(D("2025-10-09")))
    task = replace(task, support=("各承办单位", "市经信局"))

    def due_for(*names: str) -> date:
        (seen,) = directory.tasks_of([task], [directory.find(n) for n in names])
        return occurrences(seen, date.min, date.max)[0].due

    assert due_for("规划处") == due_for("高新处") == D("2025-10-09")
    assert due_for("市发改委") == due_for("市经信局") == D("2025-09-25")  # through a group too
    assert due_for("市发改委", "高新处") == D("2025-10-09")  # a unit that leads sees the lead's
    assert directory.tasks_of([task], [directory.find("市经信局")], lead_only=True) == []


@pytest.mark.parametrize("listed", ["tests/data/tasks.toml", "data/tasks.toml"])
@pytest.mark.parametrize("lead_only", [False, True])
def test_every_units_duties_in_one_pass_are_each_units_own(listed: str, lead_only: bool) -> None:
    tasklist = load_tasklist(ROOT / listed)
    directory = Directory(tasklist.units)
    duties = directory.duties(tasklist.tasks, lead_only=lead_only)
    assert list(duties) == list(directory.units)
    for key, unit in directory.units.items():
        assert duties[key] == directory.tasks_of(tasklist.tasks, [unit], lead_only=lead_only)
    assert any(t.supporting for found in duties.values() for t in found) is not lead_only


# ---------------------------------------------------------------- the task list and the views

LIST = """
[settings]
support_days = 3

[[sources]]
id = "plan"
title = "方案"
date = 2025-01-01

[[units]]
name = "规划处"

[[units]]
name = "市发改委"

[[tasks]]
id = "report"
title = "报送国庆期间工作情况"
source = "plan"
lead = ["规划处"]
support = ["市发改委"]
due = 2025-10-09

[[tasks]]
id = "own"
title = "报送自定材料"
source = "plan"
lead = ["规划处"]
support = ["市发改委"]
due = 2025-10-09
support_days = 10
"""


@pytest.fixture
def support_list(tmp_path: Path) -> Path:
    path = tmp_path / "tasks.toml"
    path.write_text(LIST, encoding="utf-8")
    return path


def test_the_setting_and_a_tasks_own(support_list: Path) -> None:
    tasklist = load_tasklist(support_list)
    assert tasklist.settings.support_days == 3
    assert [t.support_days for t in tasklist.tasks] == [3, 10]


def test_every_view_gives_the_support_units_date(run: Run, support_list: Path) -> None:
    common = ("--tasks", str(support_list), "--today", "2025-09-22")
    due = json.loads(run(*common, "due", "--unit", "市发改委", "--format", "json").stdout)
    assert [(i["task"], i["due"], i["lead_due"]) for i in due["items"]] == [
        ("own", "2025-09-18", "2025-10-09"),  # ten working days, 28 September among them
        ("report", "2025-09-28", "2025-10-09"),  # three: 30, 29 and the worked Sunday 28
    ]
    lead = json.loads(
        run(*common, "due", "--unit", "规划处", "--within", "1m", "--format", "json").stdout
    )
    assert {(i["due"], i["lead_due"]) for i in lead["items"]} == {("2025-10-09", None)}
    table = run(*common, "due", "--unit", "市发改委").stdout
    assert "向规划处报送" in table
    assert "牵头截止10月9日" in table
    digest = run(*common, "digest", "--unit", "市发改委").stdout
    assert "2025-09-28 周日，向规划处报送；牵头截止10月9日" in digest
    board = json.loads(run(*common, "board", "--unit", "市发改委", "--format", "json").stdout)
    assert board["units"][0]["support"]["overdue"] == 1  # 18 September passed
    ics = run(*common, "ical", "--unit", "市发改委").stdout
    assert "DTSTART;VALUE=DATE:20250928" in ics
    assert "DTSTART;VALUE=DATE:20251009" not in ics


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("support_days = -1", "support_days: expected a whole number from 0 to 60, got -1"),
        ('support_days = "5d"', "support_days: expected a whole number from 0 to 60, got '5d'"),
    ],
)
def test_a_bad_support_days_is_one_clear_line(
    run: Run, support_list: Path, line: str, message: str
) -> None:
    support_list.write_text(LIST.replace("support_days = 3", line), encoding="utf-8")
    result = run("--tasks", str(support_list), "check")
    assert result.exit_code == 2
    assert f"{support_list}:3: settings: {message}" in result.stderr
