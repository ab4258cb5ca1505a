"""The English and numeral forms a clerk types, read as the Chinese ones are."""

from __future__ import annotations

import re
from datetime import date

import pytest

from remind.authoring.grammar import Recurrence, Unreadable
from remind.authoring.phrases import read, read_day
from remind.core.model import Deadline, Freq, Limit, OnDay, OnLastDay, Window
from remind.storage.holidays import china

CN = china()
MONDAY, FRIDAY = date(2025, 6, 16), date(2025, 6, 20)


@pytest.mark.parametrize(
    ("typed", "today", "expected"),
    [
        ("tomorrow", MONDAY, date(2025, 6, 17)),
        ("the day after tomorrow", MONDAY, date(2025, 6, 18)),
        ("Friday", MONDAY, date(2025, 6, 20)),
        ("by friday", MONDAY, date(2025, 6, 20)),
        ("this friday", FRIDAY, date(2025, 6, 20)),
        ("thurs", MONDAY, date(2025, 6, 19)),
        ("next monday", MONDAY, date(2025, 6, 23)),  # this week's has come: only one meaning
        ("next tuesday", FRIDAY, date(2025, 6, 24)),
        ("next friday", FRIDAY, date(2025, 6, 27)),
        ("last friday", MONDAY, date(2025, 6, 13)),
        ("in 3 days", MONDAY, date(2025, 6, 19)),
        ("in 2 weeks", MONDAY, date(2025, 6, 30)),
        ("in a month", date(2025, 1, 31), date(2025, 2, 28)),
        ("in 5 working days", FRIDAY, date(2025, 6, 27)),
        ("10 business days from now", date(2025, 9, 26), date(2025, 10, 16)),  # 国庆 off
        ("3 days later", MONDAY, date(2025, 6, 19)),
        ("after two weeks", MONDAY, date(2025, 6, 30)),
        ("end of month", MONDAY, date(2025, 6, 30)),
        ("end of next month", MONDAY, date(2025, 7, 31)),
        ("end of next month", date(2025, 12, 3), date(2026, 1, 31)),
        ("the end of this quarter", date(2025, 8, 1), date(2025, 9, 30)),
        ("end of next quarter", date(2025, 11, 5), date(2026, 3, 31)),
        ("end of last month", date(2025, 3, 10), date(2025, 2, 28)),
        ("end of year", MONDAY, date(2025, 12, 31)),
        ("June 30", MONDAY, date(2025, 6, 30)),
        ("june 30th, 2026", MONDAY, date(2026, 6, 30)),
        ("30 June", MONDAY, date(2025, 6, 30)),
        ("the 5th of Sept", MONDAY, date(2025, 9, 5)),
        ("Dec. 1", MONDAY, date(2025, 12, 1)),
        ("7/15", MONDAY, date(2025, 7, 15)),
        ("11/20", MONDAY, date(2025, 11, 20)),
        ("2 weeks from tomorrow", MONDAY, date(2025, 7, 1)),  # dateparser's, checked
    ],
)
def test_the_days_clerks_type_in_english(typed: str, today: date, expected: date) -> None:
    assert read_day(typed, today=today, calendar=CN) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("next tuesday", "may mean this week's or next week's"),  # typed on a Monday
        ("next friday", "may mean this week's or next week's"),
        ("next month", "'next month' is not one day (a window)"),  # a month is not a day
        ("next week", "'next week' is not one day (a window)"),
        ("15/7", "there is no month 15"),
        ("June 31", "'june 31' is not a real date"),
        ("2/30", "is not a real date: that month has 28 days"),
        ("someday", "cannot read 'someday' as a date"),
        ("every friday", "is not one day (a recurring)"),
    ],
)
def test_what_an_english_day_cannot_be(typed: str, message: str) -> None:
    with pytest.raises(Unreadable, match=re.escape(message)):
        read_day(typed, today=MONDAY, calendar=CN)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("every friday", Recurrence(Freq.WEEK, OnDay(5))),
        ("each Monday", Recurrence(Freq.WEEK, OnDay(1))),
        ("weekly on wednesday", Recurrence(Freq.WEEK, OnDay(3))),
        ("every month", Recurrence(Freq.MONTH, OnLastDay())),
        ("monthly", Recurrence(Freq.MONTH, OnLastDay())),
        ("quarterly", Recurrence(Freq.QUARTER, OnLastDay())),
        ("every half year", Recurrence(Freq.HALF, OnLastDay())),
        ("annually", Recurrence(Freq.YEAR, OnLastDay())),
        ("the 5th of every month", Recurrence(Freq.MONTH, OnDay(5))),
        ("monthly on the 10th", Recurrence(Freq.MONTH, OnDay(10))),
        ("within 10 working days", Limit(10, "workday")),
        ("within 3 months", Limit(3, "month")),
        ("end of next month", Deadline(date(2025, 7, 31))),
        ("next week", Window(date(2025, 6, 23), date(2025, 6, 29))),
        ("this quarter", Window(date(2025, 4, 1), date(2025, 6, 30))),
        ("last month", Window(date(2025, 5, 1), date(2025, 5, 31))),
        ("next year", Window(date(2026, 1, 1), date(2026, 12, 31))),
        ("Q3", Window(date(2025, 7, 1), date(2025, 9, 30))),
        ("2026 Q1", Window(date(2026, 1, 1), date(2026, 3, 31))),
        ("H2", Window(date(2025, 7, 1), date(2025, 12, 31))),
        ("end of Q3", Deadline(date(2025, 9, 30))),
        ("end of each quarter", Recurrence(Freq.QUARTER, OnLastDay())),
        ("monthly by the 5th", Recurrence(Freq.MONTH, OnDay(5))),
        ("next working day", Deadline(date(2025, 6, 17))),
    ],
)
def test_english_phrases_read_as_schedules(phrase: str, expected: object) -> None:
    assert read(phrase, year=2025, today=MONDAY, calendar=CN).when == expected


@pytest.mark.parametrize(
    ("phrase", "today", "expected"),
    [
        ("25号前", date(2026, 10, 15), date(2026, 10, 25)),
        ("请于10日前报送", date(2026, 10, 15), date(2026, 11, 10)),
        ("15号之前", date(2026, 10, 15), date(2026, 10, 15)),
        ("28号前", date(2027, 1, 30), date(2027, 2, 28)),
        ("5日前", date(2026, 12, 20), date(2027, 1, 5)),
    ],
)
def test_a_day_of_no_month_typed_is_the_coming_one(
    phrase: str, today: date, expected: date
) -> None:
    assert read(phrase, year=today.year, today=today, calendar=CN, coming=True).when == Deadline(
        expected
    )
    with pytest.raises(Unreadable, match="of which month"):  # in a plan: which month?
        read(phrase, year=today.year, today=today, calendar=CN)


def test_a_day_the_coming_month_lacks_is_refused() -> None:
    with pytest.raises(Unreadable, match="that month has 28 days"):
        read("30号前", year=2027, today=date(2027, 1, 31), calendar=CN, coming=True)


@pytest.mark.parametrize(
    ("phrase", "today", "expected"),
    [
        ("2.3", date(2026, 10, 15), date(2027, 2, 3)),
        ("7/15", date(2026, 10, 15), date(2027, 7, 15)),
        ("June 30", date(2026, 10, 15), date(2027, 6, 30)),
        ("11/20", date(2026, 10, 15), date(2026, 11, 20)),  # still to come this year
        ("10.15", date(2026, 10, 15), date(2026, 10, 15)),  # today is not past
        ("0630前", date(2026, 10, 15), date(2027, 6, 30)),
        ("1120前", date(2026, 10, 15), date(2026, 11, 20)),
    ],
)
def test_a_numeral_deadline_with_no_year_is_the_coming_one(
    phrase: str, today: date, expected: date
) -> None:
    found = read(phrase, year=today.year, today=today, calendar=CN, coming=True)
    assert found.when == Deadline(expected)
    # the plan's year given, it is kept; a day something was done is the past one
    in_plan = read(phrase, year=today.year, today=today, calendar=CN).when
    assert isinstance(in_plan, Deadline)
    assert in_plan.due.year == today.year
    assert read_day(phrase, today=today, calendar=CN, past=True) <= today
