"""Tables as plans are pasted, rewritten as tab-separated rows: a 督办系统's CSV export, a Word
table with one cell per line, a table laid out with spaces whose cells wrap."""

from __future__ import annotations

from datetime import date

from remind.authoring.extract import _column_of, clauses, plan_date
from remind.authoring.layouts import as_rows


def rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in as_rows(text, _column_of).splitlines() if "\t" in line]


def test_a_csv_export_is_read_with_its_quoted_commas() -> None:
    export = (
        "导出时间：2026-03-06 09:32\n"
        "序号,任务事项,主办单位,协办单位,办理时限,责任领导\n"
        '1,"完善决策程序, 审查率达到100%",市司法局,,持续推进,刘洋\n'
        "2,编制实施方案,市自然资源和规划局,市住房城乡建设局,2026-06-30,李红梅\n"
        "共2条记录\n"
    )
    header, first, second = rows(export)
    assert header[2:5] == ["主办单位", "协办单位", "办理时限"]
    assert first[1:4] == ["完善决策程序, 审查率达到100%", "市司法局", ""]
    assert second[4] == "2026-06-30"


def test_a_csv_line_that_names_no_columns_is_text() -> None:
    assert rows("一,二,三\n四,五,六\n") == []


def test_word_cells_one_per_line_become_rows_with_their_headings() -> None:
    pasted = (
        "序号\n任务内容\n牵头单位\n配合单位\n完成时限\n"
        "一、提升政务服务效能\n"
        "1\n推行企业开办一网通办。\n市数据局\n市市场监管局、市税务局\n2026年6月底前\n"
        "- 2 -\n"
        "2\n召开推进会。\n市发展改革委\n—\n6月上旬\n"
        "\n附：联系人\n"
    )
    found = rows(pasted)
    assert found[0] == ["序号", "任务内容", "牵头单位", "配合单位", "完成时限"]
    assert found[1][0] == "一、提升政务服务效能"
    assert found[2] == ["1", "推行企业开办一网通办。", "市数据局", "市市场监管局、市税务局",
                        "2026年6月底前"]  # fmt: skip
    assert found[3][0] == "2"  # the page footer between rows is no cell
    assert len(found) == 4


FIXED = """\
──────────────────────────────────────────
序号  工作任务                  责任单位            完成时限
──────────────────────────────────────────
一、城市更新片区
1     推进老城区片区更新改造，  市住房城乡建设局、  2026年10月31日前
      完成沿街立面整治          市城市管理局
2     开展滨江片区城市设计      市自然资源和规划局  3-4月份完成编制，5月底
                                                    前报批

                            — 3 —

──────────────────────────────────────────
序号  工作任务                  责任单位            完成时限
──────────────────────────────────────────
      和控制性详细规划修编
3     建立项目库。              市发展改革委        长期坚持
"""


def test_a_table_laid_out_with_spaces_joins_its_wrapped_cells_across_a_page() -> None:
    header, heading, first, second, third = rows(FIXED)
    assert header == ["序号", "工作任务", "责任单位", "完成时限"]
    assert heading[0] == "一、城市更新片区"
    assert first[1:3] == [
        "推进老城区片区更新改造，完成沿街立面整治",
        "市住房城乡建设局、市城市管理局",
    ]
    assert second[1] == "开展滨江片区城市设计和控制性详细规划修编"  # after the page break
    assert second[3] == "3-4月份完成编制，5月底前报批"
    assert third[0] == "3"


def test_the_rows_are_the_plans_clauses() -> None:
    plan = "通知\n\n附件\n\n" + FIXED
    found = [(c.label, c.support, c.time_limit) for c in clauses(plan)]
    assert found[0] == ("附件（1）", ("市住房城乡建设局", "市城市管理局"), "2026年10月31日前")
    assert [label for label, _, _ in found] == ["附件（1）", "附件（2）", "附件（3）"]


def test_a_plan_dated_in_chinese_numerals() -> None:
    assert plan_date("临江市人民政府\n二〇二六年三月十二日\n") == date(2026, 3, 12)
    assert plan_date("二〇二五年十二月三十一日") == date(2025, 12, 31)
