"""The grammar of time phrases against a corpus written by hand, and the refusals."""

from __future__ import annotations

import re
from datetime import date, datetime, time

import pytest

from remind.authoring.grammar import NoTime, Recurrence, Start, Unreadable, When
from remind.authoring.phrases import day_field, read, read_day, read_month
from remind.core.model import Deadline, Limit, Ongoing, Window
from remind.storage.holidays import china
from tests.conftest import DATA

CORPUS = DATA / "phrases.txt"
YEAR, TODAY = 2025, date(2025, 6, 20)  # a Friday
CN = china()


def corpus() -> list[tuple[str, str]]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]  # type: ignore[misc]


def summary(reading: When) -> str:
    """A reading in the corpus's notation."""
    match reading:
        case Deadline(due):
            return f"deadline {due}"
        case Window(start, end):
            return f"window {start} {end}"
        case Recurrence() as rule:
            parts = ["recurring", rule.every.value, str(day_field(rule.day))]
            parts += [f"month={rule.month}"] if rule.month else []
            parts += [f"count={rule.count_min}"] if rule.count_min > 1 else []
            parts += [f"from={rule.start}"] if rule.start else []
            parts += [f"until={rule.until}"] if rule.until else []
            parts += [f"opens={rule.opens[0]:02d}-{rule.opens[1]:02d}"] if rule.opens else []
            parts += [f"season={rule.season[0]}-{rule.season[1]}"] if rule.season else []
            return " ".join(parts)
        case Limit(n, unit, event):
            return f"relative {n} {unit}" + (f" from {event}" if event else "")
        case Start(start):
            return f"start {start}"
        case Ongoing():
            return "none"
    raise AssertionError(reading)


def test_the_corpus_is_large_enough() -> None:
    assert len(corpus()) >= 150


@pytest.mark.parametrize(("phrase", "expected"), corpus())
def test_corpus(phrase: str, expected: str) -> None:
    if expected.startswith("refuse "):
        with pytest.raises(Unreadable) as refused:
            read(phrase, year=YEAR, today=TODAY, calendar=CN)
        assert expected.removeprefix("refuse ") in str(refused.value)
    else:
        assert summary(read(phrase, year=YEAR, today=TODAY, calendar=CN).when) == expected


def test_the_rest_is_the_duty() -> None:
    phrase = read("6月底前报送半年办理工作总结", year=YEAR, today=TODAY)
    assert phrase.rest == "报送半年办理工作总结"
    assert phrase.words == ("6月底", "前")
    assert read("督促检查阶段(2025年11月—12月)", year=YEAR, today=TODAY).rest == "督促检查阶段"
    assert read("次月5日前报送上月统计数据", year=YEAR, today=TODAY).rest == "报送上月统计数据"
    assert read("请于3月20日前报送推进计划", year=YEAR, today=TODAY).rest == "请报送推进计划"
    assert read("各单位要在每月5日前报送", year=YEAR, today=TODAY).rest == "各单位要报送"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2025-06-30", date(2025, 6, 30)),
        ("6月30日", date(2025, 6, 30)),
        ("6.30", date(2025, 6, 30)),
        ("６月３０日", date(2025, 6, 30)),
        ("明天", date(2025, 6, 21)),
        ("周一", date(2025, 6, 23)),
        ("周五", date(2025, 6, 20)),  # today is a Friday
        ("下周五", date(2025, 6, 27)),
        ("上周一", date(2025, 6, 9)),
        ("本月底", date(2025, 6, 30)),
        ("下月5日", date(2025, 7, 5)),
        ("国庆节前", date(2025, 9, 30)),
        ("3天后", date(2025, 6, 23)),
        ("5个工作日后", date(2025, 6, 27)),
        ("10个工作日内", date(2025, 7, 4)),
        ("三周内", date(2025, 7, 11)),
        ("2个月内", date(2025, 8, 20)),
        ("一年内", date(2026, 6, 20)),
        ("一个半月后", date(2025, 8, 4)),  # a month, then half of one: 15 days
        ("半个月后", date(2025, 7, 5)),
        ("next friday", date(2025, 6, 27)),
        ("tomorrow", date(2025, 6, 21)),
        ("in 2 weeks", date(2025, 7, 4)),
        ("June 30", date(2025, 6, 30)),
    ],
)
def test_the_days_clerks_type(typed: str, expected: date) -> None:
    assert read_day(typed, today=TODAY, calendar=CN) == expected


@pytest.mark.parametrize(
    ("typed", "today", "expected"),
    [
        ("12月20日", date(2026, 1, 5), date(2025, 12, 20)),  # the December just gone
        ("12.28", date(2026, 1, 5), date(2025, 12, 28)),
        ("11月30日", date(2026, 2, 1), date(2025, 11, 30)),
        ("1月3日", date(2026, 1, 5), date(2026, 1, 3)),  # this year's, already past
        ("2026年12月20日", date(2026, 1, 5), date(2026, 12, 20)),  # a year given is kept
        ("下周五", date(2026, 1, 5), date(2026, 1, 16)),  # relative words are not moved
        ("June 30", date(2026, 1, 5), date(2025, 6, 30)),  # in English as in Chinese
        ("7/15", date(2026, 1, 5), date(2025, 7, 15)),
    ],
)
def test_a_day_something_was_done_is_in_the_past_when_its_year_is_left_out(
    typed: str, today: date, expected: date
) -> None:
    assert read_day(typed, today=today, calendar=CN, past=True) == expected
    if expected < today:
        assert read_day(typed, today=today, calendar=CN) != expected or typed == "1月3日"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("6月", "is not one day (a window)"),
        ("每月", "is not one day (a recurring)"),
        ("6月30日报送", "also says '报送'"),
        ("someday", "cannot read 'someday' as a date"),
        ("6月前", "may mean before 6月 begins"),
        ("收到通知后5个工作日内", "counted from '收到通知' has no date until that day"),
    ],
)
def test_what_is_not_one_day(typed: str, message: str) -> None:
    with pytest.raises(Unreadable, match=re.escape(message)):
        read_day(typed, today=TODAY, calendar=CN)


REFUSED = [
    phrase
    for phrase, expected in corpus()
    if expected.startswith("refuse") and any("\u4e00" <= c <= "\u9fff" for c in phrase)
]


@pytest.mark.parametrize("phrase", REFUSED)
def test_a_refused_chinese_phrase_never_reaches_dateparser(phrase: str) -> None:
    """dateparser reads 6月30日前 as some other day: whatever the grammar refuses is refused."""
    with pytest.raises(Unreadable):
        read_day(phrase, today=TODAY, calendar=CN)


def test_dateparser_alone_would_have_answered_wrongly() -> None:
    """Why the grammar comes first: dateparser's own readings of the plans' words."""
    import dateparser

    settings = {"RELATIVE_BASE": datetime.combine(TODAY, time(12))}
    wrong = {
        text: dateparser.parse(text, settings=settings)
        for text in ("6月30日前", "6月底前", "每月5日前", "三季度末")
    }
    assert all(
        day is None or day.date() != expected
        for day, expected in zip(
            wrong.values(),
            (date(2025, 6, 30), date(2025, 6, 30), None, date(2025, 9, 30)),
            strict=True,
        )
    )


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        (p, e)
        for p, e in corpus()
        if e.startswith("deadline")
        and not (found := read(p, year=YEAR, today=TODAY, calendar=CN)).rest
        and not found.warnings  # 6月31日 is mended in a plan, refused when typed
    ],
)
def test_a_deadline_reads_as_the_same_day_when_typed(phrase: str, expected: str) -> None:
    assert read_day(phrase, today=TODAY, calendar=CN).isoformat() == expected.split()[1]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("2025-06", (2025, 6)), ("2025年6月", (2025, 6)), ("6月", (2025, 6)), ("十二月", (2025, 12)),
     ("下月", (2025, 7)), ("6月30日", (2025, 6))],
)  # fmt: skip
def test_months(typed: str, expected: tuple[int, int]) -> None:
    assert read_month(typed, today=TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [("2025-13", "no month 13"), ("上半年", "expected a month"), ("每月", "expected a month"),
     ("6月报送", "also says '报送'")],
)  # fmt: skip
def test_what_is_not_a_month(typed: str, message: str) -> None:
    with pytest.raises(Unreadable, match=re.escape(message)):
        read_month(typed, today=TODAY)


@pytest.mark.parametrize(
    ("phrase", "unread"),
    [
        ("下下下周五前报送", "下下下周五"),
        ("下下月底前", "下下月底"),
        ("上上月数据", "上上月"),
        ("—6月底前", "—6月底"),
        ("4、6月份开展", "4、6月份"),  # not in a row: two months, not a range
        ("7，8月完成", "7,8月"),
        ("1和3季度", "1和3季度"),
        ("8至9日", "9日"),
    ],
)
def test_an_unread_word_that_would_change_the_date_refuses_the_phrase(
    phrase: str, unread: str
) -> None:
    """Read without the words before it, the time word would give a wrong date (下下周五 as
    next Friday, 4、5月份 as May): the whole phrase is refused and names what was not read."""
    with pytest.raises(Unreadable, match=re.escape(f"cannot read {unread!r}")):
        read(phrase, year=2025, today=TODAY, calendar=CN)


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        # days of one month, the month written once
        ("10月8日-16日", "2025-10-08", "2025-10-16"),
        ("3月2日至11日", "2025-03-02", "2025-03-11"),
        ("2026年5月6日至8日", "2026-05-06", "2026-05-08"),
        ("11月3日到9日开展检查", "2025-11-03", "2025-11-09"),
        ("十月八日至十六日", "2025-10-08", "2025-10-16"),
        ("7月1日～15日", "2025-07-01", "2025-07-15"),
        ("9月20号至30号", "2025-09-20", "2025-09-30"),
        ("12月1-5日", "2025-12-01", "2025-12-05"),
        ("2027年1月4日—8日", "2027-01-04", "2027-01-08"),
        # across months, the first 日 left out
        ("6月27-7月3日", "2025-06-27", "2025-07-03"),
        ("8月25—9月5日", "2025-08-25", "2025-09-05"),
        ("12月28-1月3日", "2025-12-28", "2026-01-03"),
        # months, the first 月 left out
        ("2-4月份", "2025-02-01", "2025-04-30"),
        ("2023年7-9月份", "2023-07-01", "2023-09-30"),
        ("2026年3-4月", "2026-03-01", "2026-04-30"),
        ("四至六月份", "2025-04-01", "2025-06-30"),
        ("1至6月", "2025-01-01", "2025-06-30"),
        ("请于9—11月完成", "2025-09-01", "2025-11-30"),
        ("11—2月", "2025-11-01", "2026-02-28"),
        ("5—6月底前完成整改", "2025-05-01", "2025-06-30"),
        # quarters, years and parts of a month
        ("前三季度", "2025-01-01", "2025-09-30"),
        ("第一至三季度", "2025-01-01", "2025-09-30"),
        ("2—3季度", "2025-04-01", "2025-09-30"),
        ("二至四季度", "2025-04-01", "2025-12-31"),
        ("2025—2027年", "2025-01-01", "2027-12-31"),
        ("2024-2026年", "2024-01-01", "2026-12-31"),
        ("11月中下旬", "2025-11-11", "2025-11-30"),
        ("7月上半月", "2025-07-01", "2025-07-15"),
        # a list of months or quarters in a row is their range
        ("4、5月份", "2025-04-01", "2025-05-31"),
        ("第三、四季度", "2025-07-01", "2025-12-31"),
        ("第一、二、三季度", "2025-01-01", "2025-09-30"),
        ("9、10、11月", "2025-09-01", "2025-11-30"),
        ("3月上中旬", "2025-03-01", "2025-03-20"),
    ],
)
def test_a_range_written_short_reads_whole(phrase: str, start: str, end: str) -> None:
    """The second end of a range leaves out what it shares with the first (10月8日-16日's
    month, 4-6月份's first 月): it is read from the first, never dropped."""
    assert read(phrase, year=2025, today=TODAY, calendar=CN).when == Window(
        date.fromisoformat(start), date.fromisoformat(end)
    )


@pytest.mark.parametrize(
    "phrase",
    ["工作持续至6月底", "于6月底前上报", "报送下半年计划", "2025年11月—12月督促检查",
     "4月—10月每月报送办理工作简报", "每月5日前报送上月数据", "明确6月底前完成"],
)  # fmt: skip
def test_words_beside_a_time_word_that_change_nothing_are_left_to_the_duty(phrase: str) -> None:
    assert read(phrase, year=2025, today=TODAY, calendar=CN).when is not None


@pytest.mark.parametrize(
    ("phrase", "day"),
    [("2026年6月31日前", "6月30日"), ("9月31日前报送", "9月30日"), ("2027年2月29日", "2月28日"),
     ("2月30日", "2月28日"), ("2028年2月30日", "2月29日"), ("2025-04-31", "4月30日")],
)  # fmt: skip
def test_a_day_past_the_months_end_is_its_last_day_and_says_so(phrase: str, day: str) -> None:
    found = read(phrase, year=2025, today=TODAY, calendar=CN)
    (warning,) = found.warnings
    assert f"read as {day}" in warning
    with pytest.raises(Unreadable, match="is not a real date: that month has"):
        read_day(phrase, today=TODAY, calendar=CN)


def test_a_real_day_has_no_warning() -> None:
    assert read("2024年2月29日前", year=2025, today=TODAY, calendar=CN).warnings == ()


def test_a_period_that_says_whose_work_stays_in_the_duty() -> None:
    phrase = read("请各单位于7月10日前报送上半年工作总结", year=2025, today=TODAY, calendar=CN)
    assert phrase.when == Deadline(date(2025, 7, 10))
    assert phrase.rest == "请各单位于报送上半年工作总结"


@pytest.mark.parametrize(
    "figure",
    ["1—5月全市固定资产投资同比增长4.2%", "前三季度全市地区生产总值同比增长5.1%",
     "上半年规模以上工业增加值比上年增长6%", "一般公共预算收入同比增长6.30%",
     "1—10月社会消费品零售总额环比下降0.8%", "全年进出口总额较上年增长12.4%"],
)  # fmt: skip
def test_a_figure_a_period_reached_is_no_time(figure: str) -> None:
    with pytest.raises(NoTime, match="not a time anything is due"):
        read(figure, year=YEAR, today=TODAY, calendar=CN)


def test_a_figure_with_a_due_date_is_read() -> None:
    due = read("6月底前实现营业收入同比增长10%", year=YEAR, today=TODAY, calendar=CN)
    assert summary(due.when) == "deadline 2025-06-30"
    every = read("每月5日前报送工业增加值同比增长情况", year=YEAR, today=TODAY, calendar=CN)
    assert summary(every.when) == "recurring month 5"
