"""The bundled task list against the five plans it is taken from (tests/data/plans).

Every fact here was read off a document; an edit that loses or changes a clause fails here.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from typing import Any

import pytest
from click.testing import CliRunner

from remind.cli import cli
from remind.core.model import Deadline, Freq, Ongoing, Recurring, Task, TaskList, Window
from remind.core.schedule import occurrences
from remind.core.units import Directory
from remind.storage.tasklist import load_tasklist
from tests.conftest import BUNDLED

EVER = (date(2020, 1, 1), date(2030, 12, 31))


@pytest.fixture(scope="module")
def tasklist() -> TaskList:
    return load_tasklist(BUNDLED)


def of_source(tasklist: TaskList, source: str) -> list[Task]:
    return [t for t in tasklist.tasks if t.source == source]


def dues(tasklist: TaskList, task_id: str) -> list[tuple[str, date]]:
    """Due dates as the plan gives them, before any move off a day off."""
    return [(o.period, o.planned or o.due) for o in occurrences(tasklist.task(task_id), *EVER)]


def run(*args: str) -> str:
    env = {"REMIND_TASKS": str(BUNDLED), "NO_COLOR": "1", "COLUMNS": "200"}
    result = CliRunner(env=env).invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


# ---------------------------------------------------------------- every clause, once


def clauses(section: str, numerals: str) -> list[str]:
    return [f"{section}（{n}）" for n in numerals.split()]


# 001 and 003: seventeen clauses under 一 to 四, laid out alike
SEVENTEEN = (
    clauses("一", "一 二 三 四")
    + clauses("二", "五 六 七")
    + clauses("三", "八 九 十 十一 十二 十三")
    + clauses("四", "十四 十五 十六 十七")
)

CLAUSES = {
    # 000: fifteen clauses under 二 to 五
    "kj2022-yingshang": clauses("二", "一 二 三 四")
    + clauses("三", "五 六 七 八 九 十")
    + clauses("四", "十一 十二")
    + clauses("五", "十三 十四 十五"),
    "kj2021-yingshang": SEVENTEEN,
    # 002: the targets of 一, the numbered tasks of 二, the three measures of 三
    "tineng-2021": ["一"]
    + [
        f"二（{s}）{n}"
        for s, count in zip("一二三四", (5, 5, 5, 4), strict=True)
        for n in range(1, count + 1)
    ]
    + clauses("三", "一 二 三"),
    "zk2021-yingshang": SEVENTEEN,
    # 004: targets, sixteen numbered tasks, the three stages, the requirements
    "yian-2025": ["一"]
    + [f"二（{s}）{n}" for s in "一二三四" for n in range(1, 5)]
    + clauses("三", "一 二 三")
    + ["四"],
}

TASKS_PER_SOURCE = {
    "kj2022-yingshang": 15,  # one per clause
    "kj2021-yingshang": 31,  # 16 clauses, the yearly 信息公开 report, 14 rows of the 包区 table
    "tineng-2021": 31,  # 6 target figures, 19 tasks, 三（一）, four mechanisms of 三（二）, 三（三）
    "zk2021-yingshang": 18,  # 17 clauses and the yearly 信息公开 report
    "yian-2025": 37,  # 11 target figures, 16 tasks, 8 duties of 三, 2 of 四
}


@pytest.mark.parametrize("source", CLAUSES)
def test_every_clause_of_every_plan_is_a_task(tasklist: TaskList, source: str) -> None:
    found = [t.clause for t in of_source(tasklist, source)]
    assert sorted(set(found)) == sorted(CLAUSES[source])
    assert len(found) == TASKS_PER_SOURCE[source]


def test_the_five_plans_and_nothing_else(tasklist: TaskList) -> None:
    assert [s.id for s in tasklist.sources] == [
        "kj2022-yingshang",
        "kj2021-yingshang",
        "tineng-2021",
        "zk2021-yingshang",
        "yian-2025",
    ]
    numbers = {s.id: (s.issuer, s.number, s.issued) for s in tasklist.sources}
    assert numbers["kj2021-yingshang"] == (
        "武汉市科学技术局",
        "武科函〔2021〕10号",
        date(2021, 7, 1),
    )
    assert numbers["tineng-2021"] == (
        "武汉市人民政府办公厅",
        "武政办〔2021〕26号",
        date(2021, 3, 28),
    )
    assert numbers["zk2021-yingshang"] == ("周口市科学技术局", "周科〔2021〕28号", date(2021, 6, 8))
    assert numbers["yian-2025"] == ("武汉市人民政府办公厅", "", date(2025, 3, 12))
    assert numbers["kj2022-yingshang"] == ("武汉市科学技术局", "", date(2022, 5, 24))
    assert {s.id: s.org for s in tasklist.sources}["zk2021-yingshang"] == "周口"


@pytest.mark.parametrize("source", CLAUSES)
def test_list_shows_every_task_of_a_source(tasklist: TaskList, source: str) -> None:
    shown = run("list", "--source", source)
    assert f"任务 {TASKS_PER_SOURCE[source]} 项" in shown
    for task in of_source(tasklist, source):
        assert task.id in shown


def test_the_list_is_clean() -> None:
    assert "132 项任务，没有错误，有 1 条提醒（见下）。" in run("check")  # empty groups


# ---------------------------------------------------------------- who leads


LEADS = {
    ("kj2022-yingshang", "二（一）"): ("法制处",),
    ("kj2022-yingshang", "二（二）"): ("规划处",),
    ("kj2022-yingshang", "二（三）"): ("办公室",),
    ("kj2022-yingshang", "三（五）"): ("高新处",),
    ("kj2022-yingshang", "三（七）"): ("成果处",),
    ("kj2022-yingshang", "三（八）"): ("合作处", "平台处"),
    ("kj2022-yingshang", "三（九）"): ("财务处",),
    ("kj2022-yingshang", "四（十二）"): ("法制处", "办公室"),
    ("kj2022-yingshang", "五（十五）"): ("机关党委", "法制处"),
    ("tineng-2021", "二（一）1"): ("武汉东湖新技术开发区管委会",),
    ("tineng-2021", "二（一）3"): ("各依托单位",),
    ("tineng-2021", "二（二）1"): ("各区人民政府",),
    ("tineng-2021", "二（二）2"): ("市科技创新局", "市商务局", "市经信局"),
    ("tineng-2021", "二（三）4"): ("市地方金融工作局",),
    ("tineng-2021", "二（三）5"): ("市市场监管局",),
    ("tineng-2021", "二（四）1"): ("市委组织部",),
    ("yian-2025", "二（一）1"): ("市数据局", "武汉投控集团"),
    ("yian-2025", "二（一）4"): ("武汉投控集团",),
    ("yian-2025", "二（三）3"): ("市科技创新局", "市市场监管局"),
    ("yian-2025", "二（四）1"): ("市财政局",),
    ("yian-2025", "二（四）2"): ("市委金融办", "武汉东湖新技术开发区管委会"),
    ("zk2021-yingshang", "三（九）"): ("周口市科技局",),
}


@pytest.mark.parametrize(("source", "clause"), LEADS)
def test_lead_units_as_the_plans_write_them(tasklist: TaskList, source: str, clause: str) -> None:
    (task,) = [t for t in of_source(tasklist, source) if t.clause == clause]
    assert task.lead == LEADS[source, clause]


def test_support_units_keep_their_order(tasklist: TaskList) -> None:
    assert tasklist.task("tineng-2021-hubei-labs").support == (
        "武汉东湖新技术开发区管委会",
        "洪山区人民政府",
        "江夏区人民政府",
        "市科技创新局",
        "市发改委",
        "市财政局",
        "有关专班单位",
    )
    assert tasklist.task("kj2022-15-report").support == (
        "各相关处室",
        "局属单位",
        "各区科经局",
        "东湖开发区科创局",
    )


# ---------------------------------------------------------------- units and groups


def test_one_unit_under_every_name_the_plans_use(tasklist: TaskList) -> None:
    directory = Directory(tasklist.units)
    for name, canonical in {
        "政策法制处": "法制处",
        "市科技局": "市科技创新局",
        "武汉市科学技术局": "市科技创新局",
        "东湖开发区管委会": "武汉东湖新技术开发区管委会",
        "市发展改革委": "市发改委",
        "市经济和信息化局": "市经信局",
        "市卫生健康委": "市卫健委",
        "市人力资源社会保障局": "市人社局",
        "各有关处室": "各相关处室",
        "各有关区科经局": "各区科经局",
        "相关区人民政府": "各区人民政府",
        "各办理单位": "各承办单位",
        "领导小组办公室": "市1号议案办理工作领导小组办公室",
    }.items():
        assert directory.find(name).name == canonical


def test_zhoukou_is_another_organisation(tasklist: TaskList) -> None:
    zhoukou = of_source(tasklist, "zk2021-yingshang")
    assert {t.org for t in zhoukou} == {"周口"}
    assert {unit for t in zhoukou for unit in (*t.lead, *t.support)} == {"周口市科技局", "各科室"}
    assert Directory(tasklist.units).lookup("周口", "法制处") is None


BAOQU = {  # 包区服务责任分工表 of 001: district → (责任领导, 责任部门, 联系人)
    "东湖高新区": ("胡军（副局长）", "高新处", "彭华魁"),
    "武汉开发区": ("赵峰（副局长）", "成果处", "程乐学"),
    "临空港开发区": ("刘红（二级巡视员）", "平台处", "刘维华"),
    "江岸区": ("徐涛（副局长）", "项目中心", "亓巍"),
    "江汉区": ("余文珠（一级调研员）", "机关党委", "石俊马"),
    "硚口区": ("金开红（一级调研员）", "规划处", "郑雪"),
    "汉阳区": ("胡军（副局长）", "转化中心", "李少良"),
    "武昌区": ("王振旭（副局长）", "合作处", "黄静"),
    "青山区": ("王振旭（副局长）", "发促中心", "胡远"),
    "洪山区": ("盛继亮（局长）", "法制处", "王建平"),
    "江夏区": ("赵峰（副局长）", "企业中心", "郭峰"),
    "蔡甸区": ("金开红（一级调研员）", "财务处", "杨敏华"),
    "黄陂区": ("盛继亮（局长）", "农社处", "王琼姣"),
    "新洲区": ("余文珠（一级调研员）", "办公室", "阮聪"),
}


def test_the_baoqu_table_row_by_row(tasklist: TaskList) -> None:
    rows = [t for t in tasklist.tasks if t.clause == "四（十四）" and t.org == "武汉"]
    found = {}
    for task in rows:
        (district,) = [d for d in BAOQU if d in task.title]
        found[district] = (task.leader, *task.lead, task.contact)
        rule = task.schedule
        assert isinstance(rule, Recurring)
        assert (rule.every, rule.start, rule.until, rule.count_min) == (
            Freq.MONTH,
            date(2021, 7, 1),  # from the day the notice was signed
            date(2022, 5, 23),  # to the day before the 2022 要点 replaced it
            2,  # 不少于2次
        )
    assert found == BAOQU


def test_each_baoqu_district_is_a_member_of_the_district_governments(tasklist: TaskList) -> None:
    directory = Directory(tasklist.units)
    group = directory.find("各区人民政府")
    members = {directory.find(district).key for district in BAOQU}
    assert len(members) == 14
    assert members <= {m.key for m in directory.members(group)}


def test_every_unit_named_in_the_2025_plan_is_a_chengban_unit(tasklist: TaskList) -> None:
    directory = Directory(tasklist.units)
    chengban = directory.find("各承办单位").key
    named = {
        n
        for t in of_source(tasklist, "yian-2025")
        if t.clause.startswith("二")
        for n in (*t.lead, *t.support)
    }
    for name in named:
        assert chengban in directory.memberships(directory.find(name)), name
    assert chengban in directory.memberships(directory.find("江岸区人民政府"))
    assert chengban not in directory.memberships(directory.find("市人民政府"))


def test_the_bureau_sees_the_duties_of_the_leading_group_office(tasklist: TaskList) -> None:
    directory = Directory(tasklist.units)
    bureau = directory.find("市科技局")
    mine = {t.id for t in directory.tasks_of(tasklist.tasks, [bureau], lead_only=True)}
    assert {"yian-2025-deploy", "yian-2025-target-contracts", "yian-2025-annual"} <= mine


# ---------------------------------------------------------------- the dates the plans give


def test_seven_monthly_briefings_in_2025(tasklist: TaskList) -> None:
    assert dues(tasklist, "yian-2025-brief") == [
        ("2025-04", date(2025, 4, 30)),
        ("2025-05", date(2025, 5, 31)),
        ("2025-06", date(2025, 6, 30)),
        ("2025-07", date(2025, 7, 31)),
        ("2025-08", date(2025, 8, 31)),
        ("2025-09", date(2025, 9, 30)),
        ("2025-10", date(2025, 10, 31)),
    ]


def test_due_dates_on_days_off_move_to_the_working_day_before(tasklist: TaskList) -> None:
    moved = {
        (o.task.id, o.period): (o.planned, o.due)
        for task_id in ("yian-2025-brief", "kj2021-05-annual-report", "kj2022-15-report")
        for o in occurrences(tasklist.task(task_id), date(2022, 1, 1), date(2025, 12, 31))
        if o.planned
    }
    assert moved[("yian-2025-brief", "2025-05")] == (date(2025, 5, 31), date(2025, 5, 30))
    assert moved[("yian-2025-brief", "2025-08")] == (date(2025, 8, 31), date(2025, 8, 29))
    # 2022-01-31 is 春节; Sunday the 30th was a 调休 working day
    assert moved[("kj2021-05-annual-report", "2021")] == (date(2022, 1, 31), date(2022, 1, 30))
    assert moved[("kj2022-15-report", "2022-Q4")] == (date(2022, 12, 31), date(2022, 12, 30))
    assert ("yian-2025-brief", "2025-06") not in moved  # a Monday stays


def test_the_half_year_summary_by_the_end_of_june(tasklist: TaskList) -> None:
    assert tasklist.task("yian-2025-halfyear").schedule == Deadline(date(2025, 6, 30))


def test_the_november_december_inspection(tasklist: TaskList) -> None:
    window = Window(date(2025, 11, 1), date(2025, 12, 31))
    for task_id in ("yian-2025-inspection", "yian-2025-unit-summary", "yian-2025-annual"):
        assert tasklist.task(task_id).schedule == window
    assert tasklist.task("yian-2025-inspection").lead == ("市人民政府",)
    assert tasklist.task("yian-2025-annual").lead == ("市科技创新局",)
    assert tasklist.task("yian-2025-deploy").schedule == Window(date(2025, 3, 1), date(2025, 3, 31))


def test_the_2025_targets_with_their_figures(tasklist: TaskList) -> None:
    targets = {t.target: t.schedule for t in of_source(tasklist, "yian-2025") if t.clause == "一"}
    assert set(targets.values()) == {Deadline(date(2025, 12, 31))}
    for figure in ("5000条", "10家概念验证中心", "20家中试平台", "1000名技术经理人", "2700亿元",
                   "3500家", "30家以上", "100亿元", "4000亿元", "1000项以上", "30项"):  # fmt: skip
        assert sum(figure in target for target in targets) == 1, figure


def test_the_2021_targets(tasklist: TaskList) -> None:
    targets = {t.target for t in of_source(tasklist, "tineng-2021") if t.clause == "一"}
    for figure in ("增长12%", "3.24%", "2000家", "1000亿元", "超过14%", "26%"):
        assert sum(figure in target for target in targets) == 1, figure
    for task in of_source(tasklist, "tineng-2021"):
        if task.clause == "一":
            assert task.schedule == Deadline(date(2021, 12, 31))


def test_the_2021_mechanisms_of_monthly_quarterly_half_yearly_and_yearly_review(
    tasklist: TaskList,
) -> None:
    kinds = Counter(
        (o.task.id, o.due.year)
        for t in of_source(tasklist, "tineng-2021")
        if t.clause == "三（二）"
        for o in occurrences(t, *EVER)
    )
    assert kinds == {
        ("tineng-2021-monthly-meeting", 2021): 9,  # April to December
        ("tineng-2021-quarterly-review", 2021): 3,
        ("tineng-2021-halfyear-review", 2021): 1,  # at the half-year; the year's end is 考核
        ("tineng-2021-annual-assessment", 2021): 1,
    }


def test_the_quarterly_report_of_2022(tasklist: TaskList) -> None:
    assert dues(tasklist, "kj2022-15-report") == [
        ("2022-Q2", date(2022, 6, 30)),
        ("2022-Q3", date(2022, 9, 30)),
        ("2022-Q4", date(2022, 12, 31)),
    ]


@pytest.mark.parametrize(
    ("task_id", "first"),
    [
        ("kj2021-05-annual-report", date(2022, 1, 31)),
        ("zk2021-04-annual-report", date(2022, 1, 31)),
    ],
)
def test_the_yearly_information_report_by_31_january(
    tasklist: TaskList, task_id: str, first: date
) -> None:
    reports = dues(tasklist, task_id)
    assert reports[:2] == [("2021", first), ("2022", date(2023, 1, 31))]


def test_zhoukou_adds_twenty_high_tech_enterprises_in_2021(tasklist: TaskList) -> None:
    """全年, in a plan of June 2021, is that year: the plan sets no figure for the next."""
    task = tasklist.task("zk2021-09-hightech")
    assert "20家以上" in task.target
    assert dues(tasklist, task.id) == [("2021", date(2021, 12, 31))]


def test_the_inspection_and_the_deployment_give_the_units_no_invented_dates(
    tasklist: TaskList,
) -> None:
    """分管副市长带队检查 and the 动员部署 are the leaders' own: each 承办单位 has its own duty
    in the same clause, and no date 5 working days before is made up for it."""
    for task_id in ("yian-2025-inspection", "yian-2025-deploy"):
        assert tasklist.task(task_id).support == ()


def test_no_date_where_the_plan_gives_none(tasklist: TaskList) -> None:
    for task_id in ("yian-2025-npc-visit", "yian-2025-coordination", "kj2021-01-items",
                    "kj2022-01-standard", "tineng-2021-science-city", "zk2021-15-rectification"):  # fmt: skip
        assert tasklist.task(task_id).schedule == Ongoing()
    rhythm = re.compile(r"[0-9]|每|按|全年|半年|年度|年终")
    for task in tasklist.tasks:  # a date comes from a time phrase the task quotes
        if isinstance(task.schedule, Ongoing) or task.id.startswith("yian-2025-target-"):
            continue  # 004's targets: the plan's year, as the comment above them says
        assert rhythm.search(task.text), task.id


# ---------------------------------------------------------------- the two days of the issue


def due_json(*args: str) -> dict[str, Any]:
    agenda: dict[str, Any] = json.loads(run("due", "--format", "json", *args))
    return agenda


def test_what_fazhichu_had_due_on_25_june_2022() -> None:
    agenda = due_json("--unit", "法制处", "--today", "2022-06-25")
    rows = [(i["task"], i["period"], i["due"], i["status"]) for i in agenda["items"]]
    assert rows == [
        ("kj2021-14-hongshan", "2022-03", "2022-03-31", "overdue"),
        ("kj2021-14-hongshan", "2022-04", "2022-04-29", "overdue"),  # 30th: 劳动节
        ("kj2021-14-hongshan", "2022-05", "2022-05-31", "overdue"),
        ("kj2022-15-report", "2022-Q2", "2022-06-30", "soon"),
    ]
    assert agenda["earlier_overdue"] == 8  # 洪山区 contacts of July 2021 to February 2022


def test_what_the_bureau_had_due_on_20_june_2025() -> None:
    agenda = due_json("--unit", "市科技创新局", "--today", "2025-06-20")
    rows = [(i["task"], i["period"], i["due"]) for i in agenda["items"]]
    assert rows == [
        ("yian-2025-deploy", "once", "2025-03-31"),
        ("yian-2025-refine", "once", "2025-03-31"),
        ("yian-2025-brief", "2025-04", "2025-04-30"),
        ("yian-2025-brief", "2025-05", "2025-05-30"),  # 31st: a Saturday
        ("yian-2025-brief", "2025-06", "2025-06-30"),
        ("yian-2025-halfyear", "once", "2025-06-30"),
    ]
    # the 2021 对接活动 of 二（三）2, and the 信息公开 reports of 2021 and 2022: the notice
    # that asks for them was replaced in May 2022
    assert agenda["earlier_overdue"] == 3


def test_show_names_the_leader_and_the_contact_of_a_district() -> None:
    shown = run("show", "kj2021-14-jiangan", "--today", "2021-09-10")
    assert "责任领导  徐涛（副局长）" in shown
    assert "联系人    亓巍" in shown
    assert "牵头      项目中心" in shown
