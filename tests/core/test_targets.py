"""序时进度: targets read from the plans' words, readings, and the pace computed by hand."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from remind.core.model import Deadline, Light, Ongoing, Reading, Task
from remind.core.targets import Figure, Pace, pace, period_for, read_figure, targets_of
from remind.views.wording import figure_words, pace_why
from tests.conftest import BUNDLED, Run

D = date.fromisoformat


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("新增高新技术企业2000家", Figure(Decimal(2000), "家", paced=True)),
        ("技术合同成交额达到2700亿元", Figure(Decimal(2700), "亿元", paced=True)),
        ("举办成果转化对接活动60场以上", Figure(Decimal(60), "场", paced=True)),
        ("R&D经费支出占地区生产总值的比重达到3.24%", Figure(Decimal("3.24"), "%", paced=False)),
        ("全社会研发投入增长12％", Figure(Decimal(12), "%", paced=False)),
        ("规模以上高新技术企业突破3500家", Figure(Decimal(3500), "家", paced=False)),
        ("科技型企业贷款余额突破4000亿元", Figure(Decimal(4000), "亿元", paced=False)),
        # not plainly one number with its measure: shown as written, never guessed
        ("力争立项1—2个", None),
        ("建设10大科技成果转化中心", None),
        ("引进10名左右战略科技人才、200名左右产业领军人才", None),
        ("加强对7个湖北实验室的对口服务，完成全部专班组建工作", None),
        ("力争30万以上大学毕业生留汉就业创业", None),
        ("能耗控制在5%以内", None),
        ("全面完成专班组建", None),
    ],
)
def test_a_target_reads_as_a_figure_only_when_it_plainly_is_one(
    text: str, figure: Figure | None
) -> None:
    assert read_figure(text) == figure


def test_the_task_list_can_say_how_a_target_is_paced() -> None:
    figure = read_figure("市级以上高价值专利培育中心达35家", "level")
    assert figure == Figure(Decimal(35), "家", paced=False)


def test_a_target_of_several_clauses_is_several_targets() -> None:
    task = target_task("实施10项科技重大专项；实施100项重点研发计划；力争立项1—2个")
    found = targets_of(task)
    assert [(t.item, t.key, figure_words(t.figure) if t.figure else None) for t in found] == [
        (1, "t#1", "10项"),
        (2, "t#2", "100项"),
        (3, "t#3", None),
    ]


def target_task(target: str, due: str = "2025-12-31") -> Task:
    return Task("t", "指标", "s", Deadline(D(due)), ("市科技创新局",), target=target)


# ---------------------------------------------------------------- pace, by hand

# Three targets of 2025 with their readings; checked on 1 January (day 1 of 365), on 2 July
# (day 183) and after the year. The expected values are target × day / 365.
READINGS = [
    Reading("hightech", Decimal(10), D("2025-01-01"), id=1),
    Reading("hightech", Decimal(950), D("2025-06-30"), id=2),
    Reading("hightech", Decimal(2050), D("2025-12-31"), id=3),
    Reading("contracts", Decimal(900), D("2025-05-31"), id=4),
    Reading("share", Decimal("3.1"), D("2025-06-30"), id=5),
    Reading("share", Decimal("3.3"), D("2025-12-31"), id=6),
]
TARGETS = {
    "hightech": "新增高新技术企业2000家",
    "contracts": "技术合同成交额达到2700亿元",
    "share": "R&D经费支出占地区生产总值的比重达到3.24%",
}


@pytest.mark.parametrize(
    ("task_id", "today", "expected", "light", "why"),
    [
        # 2000 × 1/365 = 5.48; 10 reached
        ("hightech", "2025-01-01", "5.48", Light.GREEN, "达到序时进度"),
        # 2000 × 183/365 = 1002.74; 950 is 5.3% short: amber, under the 10% of the setting
        ("hightech", "2025-07-02", "1002.74", Light.AMBER, "落后5%"),
        ("hightech", "2026-01-15", "2000", Light.GREEN, "已达目标"),
        ("contracts", "2025-01-01", "7.40", Light.NONE, "尚未报数"),
        # 2700 × 183/365 = 1353.70; 900 is 33.5% short
        ("contracts", "2025-07-02", "1353.70", Light.RED, "落后34%"),
        # the year ended with the last reading of 31 May: 214 days without one
        ("contracts", "2026-01-15", "2700", Light.RED, "214天未报"),
        # a share is a level: no pace during the year, the target itself at its end
        ("share", "2025-01-01", None, Light.NONE, "尚未报数"),
        ("share", "2025-07-02", None, Light.NONE, "距目标差4%，期末评价"),
        ("share", "2026-01-15", "3.24", Light.GREEN, "已达目标"),
    ],
)
def test_pace_by_hand(
    task_id: str, today: str, expected: str | None, light: Light, why: str
) -> None:
    found = pace_of(task_id, today)
    shown = None if found.expected is None else f"{found.expected:.2f}".removesuffix(".00")
    assert (shown, found.light, pace_why(found)) == (expected, light, why)


def pace_of(task_id: str, today: str) -> Pace:
    task = Task(task_id, "指标", "s", Deadline(D("2025-12-31")), ("市科技创新局",),
                target=TARGETS[task_id])  # fmt: skip
    (target,) = targets_of(task)
    period = period_for(task, D(today))
    return pace(target, READINGS, D(today), period, behind=Decimal("0.1"), stale_days=45)


@pytest.mark.parametrize(
    ("today", "light", "why"),
    [("2025-02-15", Light.NONE, "尚未报数"), ("2025-02-16", Light.RED, "已46天未报数")],
)
def test_no_reading_for_longer_than_the_setting_is_red(today: str, light: Light, why: str) -> None:
    (target,) = targets_of(target_task("建设20家中试平台"))
    found = pace(target, [], D(today), period_for(target.task, D(today)),
                 behind=Decimal("0.1"), stale_days=45)  # fmt: skip
    assert (found.light, pace_why(found)) == (light, why)


def test_a_standing_duty_is_paced_over_the_year_its_plan_is_in_force() -> None:
    task = Task("t", "指标", "s", Ongoing(), ("市科技创新局",), target="新组建3家联合实验室")
    assert period_for(task, D("2025-09-30")) == (D("2025-01-01"), D("2025-12-31"))
    ended = period_for(task, D("2025-09-30"), plan_ends=D("2021-12-31"))
    assert ended == (D("2021-01-01"), D("2021-12-31"))
    coming = period_for(task, D("2022-06-25"), plan_starts=D("2025-02-01"))
    assert coming == (D("2025-02-01"), D("2025-12-31"))  # begins after today: nothing to pace


def test_no_target_is_shown_before_its_plan_is_in_force(run: Run) -> None:
    """The first motion's plan of 2025 had no targets in 2022."""
    before = run("--tasks", str(BUNDLED), "--today", "2022-06-25", "targets", "--format", "json")
    assert before.exit_code == 0, before.stderr
    tasks = {t["task"] for t in json.loads(before.stdout)["targets"]}
    assert tasks
    assert not [task for task in tasks if task.startswith("yian-2025")]
    after = run("--tasks", str(BUNDLED), "--today", "2025-06-25", "targets", "--format", "json")
    assert [t for t in json.loads(after.stdout)["targets"] if t["task"].startswith("yian-2025")]


# ---------------------------------------------------------------- the command line


def test_readings_are_kept_paced_and_taken_back(run: Run, state_file: Path) -> None:
    common = ("--tasks", str(BUNDLED), "--today", "2025-09-30")
    task = "yian-2025-target-contracts"
    result = run(*common, "progress", task, "1900亿元", "--on", "2025-09-15", "--note", "统计局")
    assert result.exit_code == 0, result.stderr
    assert "已记录 #1：技术合同成交额达到2700亿元 · 截至2025年9月15日 1900亿元。" in result.stdout
    assert 'value = 1900\non = 2025-09-15\nnote = "统计局"' in run("state", "export").stdout
    shown = json.loads(run(*common, "targets", "--source", "yian-2025", "--format", "json").stdout)
    item = next(t for t in shown["targets"] if t["task"] == task)
    # 2700 × 273/365 = 2019.45; 1900 is 5.9% short
    assert (item["amount"], item["measure"], item["latest"], item["expected"]) == (
        2700.0, "亿元", 1900.0, 2019.4521,
    )  # fmt: skip
    assert (item["light"], item["why"]) == ("amber", "落后6%")
    assert (
        run(*common, "undo").stdout.splitlines()[0]
        == "已撤销 #1：yian-2025-target-contracts 的进度读数 1900（2025-09-15）。"
    )
    shown = json.loads(run(*common, "targets", "--source", "yian-2025", "--format", "json").stdout)
    assert next(t for t in shown["targets"] if t["task"] == task)["latest"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("yian-2025-brief", "3"), "yian-2025-brief has no target"),
        (("yian-2025-key-projects", "5"), "say which with --item N"),
        (("yian-2025-key-projects", "5", "--item", "4"), "--item 4 is not one of them"),
        (
            ("tineng-2021-facilities", "3", "--item", "2"),
            "'力争立项1—2个' is not plainly one number",
        ),
        (("yian-2025-target-contracts", "1900万元"), "the target is counted in 亿元"),
        (("yian-2025-target-contracts", "很多"), "expected a number like 1500 or 1500亿元"),
        (("yian-2025-target-contracts", "2x"), "expected a number like 1500 or 1500亿元, got '2x'"),
        (("yian-2025-target-contracts", "5", "--on", "2025-10-01"), "after today (2025-09-30)"),
    ],
)
def test_a_reading_that_cannot_be_taken_is_refused(
    run: Run, state_file: Path, args: tuple[str, ...], message: str
) -> None:
    result = run("--tasks", str(BUNDLED), "--today", "2025-09-30", "progress", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not state_file.exists()


def test_the_2025_targets_of_the_first_motion(run: Run) -> None:
    shown = run("--tasks", str(BUNDLED), "--today", "2025-09-30", "targets", env={"COLUMNS": "160"})
    assert shown.exit_code == 0, shown.stderr
    for text in (
        "技术合同成交额达到2700亿元",
        "建设10家概念验证中心",
        "新增国家级专精特新“小巨人”30家以上",
    ):
        assert text in shown.stdout
    assert "2019.5亿元" in shown.stdout  # what the 2700亿元 should have reached by 30 September
    assert "全社会研发投入增长12%" not in shown.stdout  # 2021's targets are long past


def test_the_board_and_the_digest_carry_the_targets(run: Run) -> None:
    common = ("--tasks", str(BUNDLED), "--today", "2025-09-30")
    assert run(*common, "progress", "yian-2025-target-poc-centers", "8").exit_code == 0
    board = json.loads(run(*common, "board", "--unit", "市科技创新局", "--format", "json").stdout)
    lights = board["units"][0]["targets"]
    assert lights["green"] == 1  # 8 of 10 by 30 September: ahead of 7.5
    # 004's 17 targets; the 2021 notice's own target ended with the notice in May 2022
    assert lights["red"] + lights["amber"] + lights["green"] + lights["none"] == 17
    digest = run(*common, "digest", "--unit", "市科技创新局").stdout
    assert "指标进度（17项）" in digest
    assert (
        "  绿  建设10家概念验证中心（yian-2025-target-poc-centers）\n"
        "      10家，应达7.5家  8家（09-30）"
    ) in digest


def test_a_broken_reading_to_import_is_one_clear_line(run: Run, tmp_path: Path) -> None:
    old = tmp_path / "state.toml"
    old.write_text('[[progress]]\nid = 1\ntask = "x"\nvalue = "many"\non = 2025-01-01\n')
    result = run("--tasks", str(BUNDLED), "state", "import", str(old))
    assert result.exit_code == 2
    assert f"{old}:4: reading #1: value: expected a number" in result.stderr
