"""remind extract on the five plans: every clause, its units and its time phrases.

The plans are the five the bundled list comes from, kept in tests/data/plans as published.
The counts were taken by reading them: numbered paragraphs with a sentence in them, and the
牵头 units each one names.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from remind.authoring.extract import clauses, draft_tasks, plan_date
from remind.authoring.grammar import Recurrence
from remind.core.model import Deadline, Limit, Window
from remind.storage.holidays import china
from tests.conftest import DATA, Run

PLANS = DATA / "plans"


def seed(prefix: str) -> str:
    (path,) = PLANS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("prefix", "count", "with_lead", "first", "last"),
    [
        ("000", 15, 15, "二（一）", "五（十五）"),
        ("001", 17, 0, "一（一）", "四（十七）"),
        ("002", 22, 18, "二（一）1", "三（三）"),
        ("003", 17, 0, "一（一）", "四（十七）"),
        ("004", 19, 16, "二（一）1", "三（三）"),
    ],
)
def test_every_clause_and_its_leads(
    prefix: str, count: int, with_lead: int, first: str, last: str
) -> None:
    found = clauses(seed(prefix))
    assert len(found) == count
    assert len({c.label for c in found}) == count
    assert sum(bool(c.lead) for c in found) == with_lead
    assert (found[0].label, found[-1].label) == (first, last)


def test_units_in_both_forms() -> None:
    by_label = {c.label: c for c in clauses(seed("000"))}
    assert by_label["三（八）"].lead == ("合作处", "平台处")  # the line after the clause
    assert by_label["二（一）"].support[:2] == ("各相关处室", "局属单位")
    by_label = {c.label: c for c in clauses(seed("004"))}
    grid = by_label["二（二）1"]  # inline, with 〈含开发区…〉 left out
    assert grid.lead == ("市科技创新局", "武汉投控集团")
    assert grid.support == ("武汉人才集团", "各区人民政府")


def test_a_paragraph_broken_in_two_keeps_its_units() -> None:
    by_label = {c.label: c for c in clauses(seed("002"))}
    assert by_label["二（三）5"].lead == ("市市场监管局",)
    assert by_label["二（三）5"].title == "建设全国一流知识产权强市"


def test_each_time_phrase_of_a_clause_is_a_task() -> None:
    text = seed("004")
    assert plan_date(text) == date(2025, 3, 12)
    found = [
        d
        for d in draft_tasks(text, year=2025, issued=date(2025, 3, 12), calendar=china())
        if d.clause.label == "三（二）"
    ]
    readings = {d.words: d.phrase.when for d in found if d.phrase}
    assert readings["6月底前报送半年办理工作总结"] == Deadline(date(2025, 6, 30))
    brief = readings["每月报送办理工作简报"]
    assert isinstance(brief, Recurrence)
    assert brief.every.value == "month"


def test_the_draft_is_valid_toml_and_lists_units_to_add(run: Run, tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(seed("004"), encoding="utf-8")
    result = run("extract", str(plan), "--source", "yian-2026")
    assert result.exit_code == 0, result.stderr
    draft = tomllib.loads(result.stdout)["tasks"]
    assert len(draft) >= 19
    assert draft[0]["id"] == "yian-2026-01"
    assert draft[0]["lead"] == ["市数据局", "武汉投控集团"]
    assert all(("lead" in t) or t["clause"].startswith("三") for t in draft)
    assert result.stdout.rstrip().splitlines()[-1].startswith("# ")
    assert "市数据局" in result.stdout.rstrip().splitlines()[-1]


def test_a_file_with_no_clause_is_refused(run: Run, tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("会议纪要\n\n大家发言。\n", encoding="utf-8")
    result = run("extract", str(plan))
    assert result.exit_code == 2
    assert "no numbered clause" in result.stderr


def test_words_said_from_a_day_count_from_the_plans_date() -> None:
    plan = "通知\n\n2024年5月6日\n\n(一)报送材料。本月底前报送自查报告。\n"
    (draft,) = draft_tasks(plan, year=2024, issued=plan_date(plan) or date.min)
    assert draft.phrase is not None
    assert draft.phrase.when == Deadline(date(2024, 5, 31))


def test_a_table_with_no_duty_column_gives_no_clause() -> None:
    plan = (
        "通知\n\n一、加强领导。成立领导小组。\n\n附件\n\n姓名\t单位\t职务\n张三\t市发改委\t主任\n"
    )
    assert [c.label for c in clauses(plan)] == ["一"]
    table = "| 序号 | 工作任务 | 牵头单位 |\n|---|---|---|\n| 1 | 完成评估。 | 市统计局 |\n"
    assert [(c.label, c.lead) for c in clauses(table)] == [("1", ("市统计局",))]


def test_a_responsible_column_beside_a_support_column_is_the_lead() -> None:
    """责任单位 | 配合单位, as 任务分工表 have it: the first is the lead; — in a cell is none."""
    plan = (
        "| 序号 | 重点任务 | 责任单位 | 配合单位 | 完成时限 |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| 1 | 制定实施细则 | 市财政局 | 市发改委、市工信局 | 2025年11月底前 |\n"
        "| 2 | 开展专项检查 | 市市场监管局 | — | 2025年6月30日前 |\n"
    )
    found = [(c.lead, c.support) for c in clauses(plan)]
    assert found == [(("市财政局",), ("市发改委", "市工信局")), (("市市场监管局",), ())]
    alone = plan.replace("| 配合单位 ", "| 备注 ")
    first = clauses(alone)[0]
    assert (first.lead, first.support) == ((), ("市财政局",))


def test_a_time_label_among_unit_labels_is_the_clauses_time() -> None:
    plan = (
        "（一）开展燃气管道隐患排查。\n"
        "牵头单位：区住建局\n"
        "配合单位：区应急管理局、区市场监管局\n"
        "完成时限：2025年3月20日前\n"
    )
    (draft,) = draft_tasks(plan, year=2025, issued=date(2025, 3, 1))
    assert draft.clause.lead == ("区住建局",)
    assert draft.clause.support == ("区应急管理局", "区市场监管局")
    assert draft.phrase is not None
    assert draft.phrase.when == Deadline(date(2025, 3, 20))


def test_a_rule_that_units_lead_gives_them_the_lead_in_its_section_only() -> None:
    plan = (
        "一、整治阶段（2026年3月—8月）\n\n"
        "本部分以下各项工作均由县交通运输局牵头，不再一一列出。\n\n"
        "（一）排查农村公路隐患。全面排查临水临崖路段。\n配合单位：县公安局\n\n"
        "（二）整治危桥。完成危桥改造5座。\n\n"
        "二、验收阶段（2026年9月）\n\n"
        "（一）组织验收。对整治路段逐一验收。\n牵头单位：县应急管理局\n\n"
        "（二）总结经验。形成整治工作总结。\n"
    )
    found = {c.label: (c.lead, c.support) for c in clauses(plan)}
    assert found["一（一）"] == (("县交通运输局",), ("县公安局",))
    assert found["一（二）"] == (("县交通运输局",), ())
    assert found["二（一）"] == (("县应急管理局",), ())  # the rule ended with its section
    assert found["二（二）"] == ((), ())
    helping = plan.replace("均由县交通运输局牵头", "均需各乡镇人民政府配合落实")
    assert {c.label: c.support for c in clauses(helping)}["一（二）"] == ("各乡镇人民政府",)


def test_circled_numbers_number_items_under_their_heading() -> None:
    plan = (
        "一、工作步骤\n\n"
        "① 摸底调查。3月31日前完成摸底（责任单位：县统计局）。\n\n"
        "② 集中整改。4月1日至6月30日集中整改（县住建局牵头，各乡镇配合）。\n\n"
        "二、工作要求\n\n（一）加强领导。各单位主要负责同志亲自抓。\n"
    )
    found = {c.label: (c.lead, c.support) for c in clauses(plan)}
    assert list(found) == ["一①", "一②", "二（一）"]
    assert found["一②"] == (("县住建局",), ("各乡镇",))


def test_the_units_a_preamble_asks_are_each_a_lead() -> None:
    plan = (
        "各县（市、区）人民政府，市直各部门：\n\n"
        "    请各县（市、区）人民政府、市直各有关部门于每季度末月25日前报送工作进展。"
        "现将有关事项通知如下：\n\n一、总体要求\n\n（一）提高认识。各单位要高度重视。\n"
    )
    preamble = clauses(plan)[0]
    assert preamble.label == "前言"
    assert preamble.lead == ("各县（市、区）人民政府", "市直各有关部门")


def test_a_unit_marked_to_lead_in_a_responsible_column_leads() -> None:
    plan = (
        "序号\t项目\t责任单位\t完成时限\n"
        "1\t新建社区养老服务中心8个\t市民政局（牵头）、市住建局、各区人民政府\t2026年10月底前\n"
        "2\t改造背街小巷20条\t市城管委\t2026年11月底前\n"
    )
    found = [(c.lead, c.support) for c in clauses(plan)]
    assert found == [(("市民政局",), ("市住建局", "各区人民政府")), ((), ("市城管委",))]


def test_a_month_as_a_time_limit_is_due_at_its_end() -> None:
    plan = (
        "| 序号 | 工作任务 | 牵头单位 | 完成时限 |\n|---|---|---|---|\n"
        "| 1 | 修订考核办法。 | 市人社局 | 2026年9月 |\n"
        "| 2 | 开展集中宣传。 | 市司法局 | 7月至8月 |\n"
    )
    found = [d.phrase.when for d in draft_tasks(plan, year=2026, issued=date(2026, 3, 2))
             if d.phrase]  # fmt: skip
    assert found == [Deadline(date(2026, 9, 30)), Window(date(2026, 7, 1), date(2026, 8, 31))]
    labelled = "（一）完成摸底。对全区企业摸底。\n牵头单位：区统计局\n完成时限：11月\n"
    (draft,) = draft_tasks(labelled, year=2026, issued=date(2026, 3, 2))
    assert draft.phrase is not None
    assert draft.phrase.when == Deadline(date(2026, 11, 30))
    said = "（一）集中宣传。11月，组织开展宪法宣传周活动。\n牵头单位：区司法局\n"
    (draft,) = draft_tasks(said, year=2026, issued=date(2026, 3, 2))
    assert draft.phrase is not None
    assert draft.phrase.when == Window(date(2026, 11, 1), date(2026, 11, 30))  # in the text


def test_a_time_limit_from_an_event_is_the_clauses_relative_schedule(
    run: Run, tmp_path: Path
) -> None:
    plan = (
        "序号\t项目内容\t责任单位\t完成时限\n"
        "1\t改造老旧小区供水管网\t市水务局（牵头）、各区人民政府\t开工之日起120日内\n"
        "2\t受理群众投诉。\t市12345热线\t接件后3个工作日内办结\n"
    )
    drafts = draft_tasks(plan, year=2026, issued=date(2026, 3, 2))
    assert drafts[0].phrase is not None
    assert drafts[0].phrase.when == Limit(120, "day", "开工")
    assert drafts[1].phrase is None  # how fast each complaint is dealt with: no task's date
    assert "接件后3个工作日内办结：办理时限，不是截止日期" in drafts[1].notes
    source = tmp_path / "plan.txt"
    source.write_text(plan, encoding="utf-8")
    made = run("extract", str(source), "--source", "minsheng")
    assert made.exit_code == 0, made.stderr
    assert 'within = 120\ncounting = "days"\nafter = "开工"' in made.stdout
    assert "开工后用 remind received minsheng-01 --on 日期 登记" in made.stdout


def test_a_limit_from_what_the_unit_is_handed_is_its_schedule_in_the_text() -> None:
    """Counted from a 交办件 or a notice the unit receives, the limit is the clause's task even
    outside a 完成时限; a handling standard of the public's requests and an extension are not."""
    plan = (
        "一、严格办理时限。承办单位应在收到交办件后3个月内办结，需要延期的，延长15日。\n"
        "二、做好整改。各责任单位自收到整改通知之日起20个工作日内报送整改报告。\n"
        "三、便民服务。对群众来信，自受理之日起15日内办结。\n"
    )
    handed, notice, public = draft_tasks(plan, year=2026, issued=date(2026, 3, 2))
    assert handed.phrase is not None
    assert handed.phrase.when == Limit(3, "month", "收到交办件")
    assert any("延长15日" in note for note in handed.notes)
    assert notice.phrase is not None
    assert notice.phrase.when == Limit(20, "workday", "收到整改通知")
    assert public.phrase is None
    assert any("办理时限，不是截止日期" in note for note in public.notes)


def test_a_rhythm_said_in_the_text_and_its_time_limit_is_one_task() -> None:
    plan = (
        "（二）强化督导。每季度末组织开展一次专项督导。\n牵头单位：区安委办\n完成时限：每季度末\n"
    )
    (draft,) = draft_tasks(plan, year=2026, issued=date(2026, 3, 2))
    assert draft.phrase is not None
    assert isinstance(draft.phrase.when, Recurrence)


def test_the_year_beside_a_date_of_its_own_is_no_task() -> None:
    framed = (
        "（一）培育龙头企业。年内新认定重点龙头企业15家以上，10月底前完成认定。（市农业农村局牵头）"
    )
    dates = [d.phrase.when for d in draft_tasks(framed, year=2026, issued=date(2026, 3, 2))
             if d.phrase]  # fmt: skip
    assert dates == [Deadline(date(2026, 10, 31))]
    alone = "（一）培育龙头企业。年内新认定重点龙头企业15家以上。（市农业农村局牵头）"
    (draft,) = draft_tasks(alone, year=2026, issued=date(2026, 3, 2))
    assert draft.phrase is not None
    assert draft.phrase.when == Deadline(date(2026, 12, 31))


def test_articles_are_labelled_as_written_and_their_items_under_them() -> None:
    plan = (
        "第一条　扩大有效投资\n①实施重点项目120个，年底前完成投资500亿元。\n"
        "②谋划储备2027年重点项目，10月底前完成入库。\n牵头单位：县发改局\n"
        "配合单位：县财政局、各乡镇人民政府（下同）\n\n"
        "第二条　稳定就业。每季度末月20日前形成就业形势分析。\n牵头单位：县人社局\n"
    )
    drafts = draft_tasks(plan, year=2026, issued=date(2026, 3, 2))
    found = {d.clause.label: (d.clause.lead, d.clause.support) for d in drafts}
    assert list(found) == ["第一条①", "第一条②", "第二条"]
    assert found["第二条"] == (("县人社局",), ("各乡镇人民政府",))  # the unit marked 下同 alone
    second = [d.phrase.when for d in drafts if d.clause.label == "第一条②" and d.phrase]
    assert second == [Deadline(date(2026, 10, 31))]  # 2027年重点项目 names projects


def test_a_notice_whose_duties_are_all_in_its_annex() -> None:
    plan = (
        "各县（市、区）人民政府：\n\n现将任务分工表印发给你们，请认真落实。\n\n附件：任务分工表\n\n"
        "县人民政府办公室\n2026年3月2日\n\n附件\n\n"
        "序号\t重点任务\t牵头单位\t完成时限\n一、改善人居环境\t\t\t\n"
        "1\t改造农村公厕30座\t县农业农村局\t每年6月底、12月底前\n"
        "2\t清理河道垃圾\t县水利局\t2026年5月\n"
    )
    drafts = draft_tasks(plan, year=2026, issued=date(2026, 3, 2))
    assert [d.clause.label for d in drafts] == ["附件（1）", "附件（2）"]
    first = drafts[0].phrase
    assert first is not None
    assert isinstance(first.when, Recurrence)  # one half-yearly duty, not a date and a rhythm
    assert drafts[1].phrase is not None
    assert drafts[1].phrase.when == Deadline(date(2026, 5, 31))


def test_a_start_is_its_rhythms_and_a_clauses_own_stage_frames_its_dates() -> None:
    started = "请各乡镇自5月起，于每月10日前报送整治进展。\n\n一、总体要求\n\n（一）提高认识。各单位要高度重视。\n"
    (preamble, _) = draft_tasks(started, year=2026, issued=date(2026, 3, 2))
    assert preamble.phrase is not None
    rhythm = preamble.phrase.when
    assert isinstance(rhythm, Recurrence)
    assert rhythm.start == date(2026, 5, 1)
    staged = ("（一）集中整治阶段（2026年4月—9月）。各乡镇每月15日前报送整治台账"
              "〔责任单位：各乡镇〕。\n")  # fmt: skip
    (draft,) = draft_tasks(staged, year=2026, issued=date(2026, 3, 2))
    assert draft.phrase is not None
    rhythm = draft.phrase.when
    assert isinstance(rhythm, Recurrence)
    assert (rhythm.start, rhythm.until) == (date(2026, 4, 1), date(2026, 9, 30))
    rule = ("一、重点任务\n\n本部分各项任务的配合单位均含各乡镇（街道），不再一一列出。\n\n"
            "（一）清理垃圾。6月底前完成（县城管局牵头）。\n")  # fmt: skip
    assert clauses(rule)[0].support == ("各乡镇（街道）",)


def test_units_after_the_last_circled_item_are_every_such_items() -> None:
    plan = (
        "第一条　扩大投资\n①开工项目50个，年底前完成。\n②储备项目30个，10月底前入库。\n"
        "牵头单位：县发改局\n配合单位：县财政局\n\n"
        "第二条　加强领导。各单位要高度重视。\n\n第三条　稳就业\n①新增就业5000人（县人社局牵头）。\n"
        "②开展招聘会10场，6月底前完成。\n"
    )
    found = {c.label: (c.lead, c.support) for c in clauses(plan)}
    assert found["第一条①"] == found["第一条②"] == (("县发改局",), ("县财政局",))
    assert found["第二条"] == ((), ())
    assert found["第三条②"] == ((), ())  # units before it are the item's own, not the next's


def test_a_headings_units_are_its_items() -> None:
    plan = (
        "（二）加强城市精细化管理（牵头单位：市城管局；配合单位：市财政局）\n"
        "1.开展洁净行动，4月—10月每月考评一次。\n"
        "2.整治招牌，9月底前完成。（牵头单位：市市场监管局）\n"
        "（三）提升园林绿化水平\n"
        "1.新建口袋公园，年底前建成。\n"
    )
    found = [(c.label, c.lead, c.support) for c in clauses(plan)]
    assert found == [
        ("（二）1", ("市城管局",), ("市财政局",)),
        ("（二）2", ("市市场监管局",), ("市财政局",)),
        ("（三）1", (), ()),
    ]


def test_an_empty_lead_cell_is_merged_with_the_row_above() -> None:
    table = (
        "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
        "一、项目建设\t\t\t\t\n"
        "1\t制定年度计划\t市发展改革委\t市财政局\t3月底前\n"
        "2\t建立赛马机制\t\t市统计局\t每月10日前\n"
        "二、要素保障\t\t\t\t\n"
        "3\t争取专项债券\t\t市财政局\t6月底前\n"
    )
    leads = [(c.label, c.lead, c.no_lead) for c in clauses(table)]
    assert leads[:2] == [("一1", ("市发展改革委",), False), ("一2", ("市发展改革委",), False)]
    assert leads[2][:2] == ("二3", ())  # no merged cell across a category row


def test_a_heading_that_is_a_time_dates_its_items() -> None:
    plan = (
        "（一）3月\n"
        "1. 召开全市动员部署会。（牵头：市城管局；配合：市委宣传部）\n"
        "2. 3月15日前完成摸底。（牵头：市城管局）\n"
        "3. 组织第2次观摩评比，11月上旬举办。（牵头：市整治办）\n"
        "（二）常态化推进\n"
        "1. 开展巡查。（牵头：市城管局）\n"
    )
    drafts = draft_tasks(plan, year=2026, issued=date(2026, 2, 27))
    when = [(d.clause.label, d.phrase.when if d.phrase else None) for d in drafts]
    assert when == [
        ("（一）1", Window(date(2026, 3, 1), date(2026, 3, 31))),
        ("（一）2", Deadline(date(2026, 3, 15))),
        ("（一）3", Window(date(2026, 11, 1), date(2026, 11, 10))),  # its own, not March
        ("（二）1", None),
    ]
    assert drafts[0].clause.lead == ("市城管局",)
    assert drafts[0].clause.support == ("市委宣传部",)


def test_a_window_with_work_of_its_own_does_not_bound_a_rhythm() -> None:
    plan = "一、提升服务。一是上半年完成景区复核；二是每半年开展一次暗访。（牵头单位：市文旅局）\n"
    whens = [d.phrase.when for d in draft_tasks(plan, year=2026, issued=date(2026, 2, 26))
             if d.phrase]  # fmt: skip
    assert whens[0] == Window(date(2026, 1, 1), date(2026, 6, 30))
    assert isinstance(whens[1], Recurrence)
    assert (whens[1].start, whens[1].until) == (None, None)


def test_the_date_signed_after_the_signing_unit_ends_the_plan() -> None:
    plan = (
        "六、强化保障。年底前开展回头看。（责任单位：各成员单位）\n"
        "联系人：陈晓，联系电话：0570-3021234\n"
        "云溪市文化和旅游发展领导小组办公室\n"
        "二〇二六年二月二十六日\n"
    )
    drafts = draft_tasks(plan, year=2026, issued=date(2026, 2, 26))
    assert [d.phrase.when for d in drafts if d.phrase] == [Deadline(date(2026, 12, 31))]


def test_a_line_break_in_a_markdown_cell_parts_its_units() -> None:
    table = (
        "| 序号 | 工作任务 | 牵头单位 | 配合单位 | 时间节点 |\n| --- | --- | --- | --- | --- |\n"
        "| 1 | 推进“免证办”，<br>扩面应用 | 市数据局<br>市公安局 | 各区人民政府 | 6月底前<br>年底前 |\n"
    )
    (clause,) = clauses(table)
    assert clause.lead == ("市数据局", "市公安局")
    assert clause.title == "推进“免证办”,扩面应用"  # folded, as every title
