"""The grammar of time phrases against a corpus written by hand, and the refusals."""

from __future__ import annotations

import re
from datetime import date, datetime, time

import pytest

from remind.authoring.grammar import Recurrence, Relative, Unreadable, When
from remind.authoring.phrases import day_field, read, read_day, read_month
from remind.core.model import Deadline, Ongoing, Window
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
            return " ".join(parts)
        case Relative(days, workdays):
            return f"relative {days}" + (" workdays" if workdays else "")
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
        ("June 30", date(2026, 1, 5), date(2026, 6, 30)),  # dateparser's: left as it reads
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
        if e.startswith("deadline") and not read(p, year=YEAR, today=TODAY, calendar=CN).rest
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
        ("4-6月份报送进展", "4—6月份"),
        ("请于7—9月完成", "7—9月"),
        ("10~12月开展督查", "10—12月"),
        ("1-3月份", "1—3月份"),
        ("2026年3-4月", "2026年"),
        ("下下周五前报送", "下下周五"),
        ("下下月底前", "下下月底"),
        ("上上月数据", "上上月"),
        ("5—6月底前完成整改", "5—6月底"),
        ("—6月底前", "—6月底"),
    ],
)
def test_an_unread_word_that_would_change_the_date_refuses_the_phrase(
    phrase: str, unread: str
) -> None:
    """Read without the words before it, the time word would give a wrong date (4-6月份 as
    June, 下下周五 as next Friday): the whole phrase is refused and names what was not read."""
    with pytest.raises(Unreadable, match=re.escape(f"cannot read {unread!r}")):
        read(phrase, year=2025, today=TODAY, calendar=CN)


@pytest.mark.parametrize(
    "phrase",
    ["工作持续至6月底", "于6月底前上报", "报送下半年计划", "2025年11月—12月督促检查",
     "4月—10月每月报送办理工作简报", "每月5日前报送上月数据", "明确6月底前完成"],
)  # fmt: skip
def test_words_beside_a_time_word_that_change_nothing_are_left_to_the_duty(phrase: str) -> None:
    assert read(phrase, year=2025, today=TODAY, calendar=CN).when is not None
