"""The units a clause names, in every form plans write them."""

from __future__ import annotations

import pytest

from remind.authoring.markers import is_label_line, named_in, names_of


@pytest.mark.parametrize(
    ("text", "lead", "support"),
    [
        # a label and its names, colons full- or half-width, or only spaces between them
        ("牵头单位：市发改委；配合单位：市统计局", ["市发改委"], ["市统计局"]),
        ("牵头单位:市发改委;配合单位:市统计局、市财政局", ["市发改委"], ["市统计局", "市财政局"]),
        ("牵头单位：市发改委，配合单位：市统计局", ["市发改委"], ["市统计局"]),
        ("牵头单位：市发改委　　配合单位：市统计局", ["市发改委"], ["市统计局"]),
        ("牵头单位 区司法局 配合单位 区应急局", ["区司法局"], ["区应急局"]),
        ("牵头处室：法规处；责任处室（单位）：各相关处室", ["法规处"], ["各相关处室"]),
        ("主办单位：市民政局；协办单位：市卫健委、市医保局", ["市民政局"], ["市卫健委", "市医保局"]),
        ("牵头部门：市公安局　参与单位：市交通局", ["市公安局"], ["市交通局"]),
        # inside the clause, in brackets of either kind
        ("建立台账。（牵头单位：区财政局；责任单位：各街道）", ["区财政局"], ["各街道"]),
        ("上线平台〔牵头单位：区科技局；配合单位：区财政局，区数据局〕", ["区科技局"],
         ["区财政局", "区数据局"]),
        # the short forms
        ("更新台账（区财政局牵头，区发改委、区国资局配合）", ["区财政局"], ["区发改委", "区国资局"]),
        ("推进改革（市发改委牵头，各区人民政府按职责分工负责）", ["市发改委"], ["各区人民政府"]),
        ("开展评估（市委网信办牵头）", ["市委网信办"], []),
        # a second name, a note, a closing 等
        ("牵头单位：市文化和旅游局（市文物局）；配合单位：市公安局", ["市文化和旅游局（市文物局）"],
         ["市公安局"]),
        ("牵头单位：市发改委；配合单位：各区人民政府〈含开发区、风景区管委会，下同〉",
         ["市发改委"], ["各区人民政府"]),
        ("牵头单位：市发改委；配合单位：市财政局、市统计局等", ["市发改委"], ["市财政局", "市统计局"]),
        # a short form named for the rest of the plan is no part of the name, and its 下同 is
        # the short form's
        ("牵头单位：市交通运输局；配合单位：市公安局（以下简称市公安局，下同）、市城管委",
         ["市交通运输局"], ["市公安局", "市城管委"]),
        ("牵头单位：省人力资源和社会保障厅（以下简称省人社厅）", ["省人力资源和社会保障厅"], []),
        # a unit marked 牵头 among the 责任 units leads
        ("责任单位：市卫健委（牵头）、市医保局、市民政局", ["市卫健委"], ["市医保局", "市民政局"]),
        ("责任单位：区水务局、区农业农村局（牵头）", ["区农业农村局"], ["区水务局"]),
        # labels in lenticular brackets
        ("出台实施细则。【牵头】市住建局【配合】市市场监管局（市知识产权局）", ["市住建局"],
         ["市市场监管局（市知识产权局）"]),
        ("报送进展。【牵头单位】各区人民政府【配合单位】市住建局、市财政局", ["各区人民政府"],
         ["市住建局", "市财政局"]),
        ("开展督导。【主办】市城管局【协办】各区人民政府", ["市城管局"], ["各区人民政府"]),
        # a person is not a unit
        ("牵头单位：区行政审批局 分管领导：王明", ["区行政审批局"], []),
        ("责任单位：区委宣传部 联系人：李华", [], ["区委宣传部"]),
    ],
)  # fmt: skip
def test_units_in_every_form(text: str, lead: list[str], support: list[str]) -> None:
    named, _ = named_in(text)
    assert (list(named.lead), list(named.support)) == (lead, support)


@pytest.mark.parametrize(
    "text",
    ["鼓励龙头企业牵头组建产业联盟。", "各牵头单位要加强协调。", "由市发改委负责统筹（2025年4月—10月）。",
     "各责任单位要按时报送。"],
)  # fmt: skip
def test_words_that_are_no_label(text: str) -> None:
    named, rest = named_in(text)
    assert (named.lead, named.support) == ((), ())
    assert rest == text.replace("（", "(").replace("）", ")")


def test_the_annotation_leaves_the_clause() -> None:
    named, rest = named_in("建立拖欠账款台账，每月25日前更新（区财政局牵头，区发改委配合）。")
    assert rest == "建立拖欠账款台账,每月25日前更新。"
    assert named.lead == ("区财政局",)


def test_only_responsible_units_name_no_lead() -> None:
    named, _ = named_in("责任单位：区委宣传部、区融媒体中心")
    assert named.only_responsible
    assert named.support == ("区委宣传部", "区融媒体中心")
    assert not named_in("牵头单位：区发改委；责任单位：各街道")[0].only_responsible


def test_units_said_to_apply_below_are_carried() -> None:
    named, _ = named_in("牵头单位：区发改委 责任单位：各部门、各街道办事处，下同")
    assert named.carried_support == ("各部门", "各街道办事处")
    assert named.carried_lead == ()
    assert named_in("配合单位：各区人民政府（含开发区，下同）")[0].carried_support == ()
    short = named_in("配合单位：市发展和改革委员会（以下简称市发改委，下同）")[0]
    assert (short.support, short.carried_support) == (("市发展和改革委员会",), ())


@pytest.mark.parametrize(
    ("line", "label"),
    [("牵头单位：市发改委", True), ("配合单位:市统计局", True), ("分管领导：张三", True),
     ("责任处室（单位）：法规处", True), ("牵头组建产业联盟", False), ("各牵头单位要", False)],
)  # fmt: skip
def test_label_lines(line: str, label: bool) -> None:
    assert is_label_line(line) is label


def test_a_cell_of_names() -> None:
    assert names_of("市数据局、市工信局") == ("市数据局", "市工信局")
    assert names_of("市财政局，市发改委等") == ("市财政局", "市发改委")


def test_a_time_limit_among_the_labels_in_brackets_stays_the_clauses() -> None:
    named, rest = named_in(
        "出台导则。（牵头单位：市住建局；配合单位：市自然资源局；完成时限：2026年6月底前）"
    )
    assert (named.lead, named.time_limit) == (("市住建局",), "2026年6月底前")
    assert rest == "出台导则。。2026年6月底前"
