"""How schedules and days read in Chinese: pure functions of the model, no terminal."""

from __future__ import annotations

from datetime import date

import pytest

from remind.core.model import (
    Deadline,
    Entry,
    Freq,
    NextMonthDay,
    Occurrence,
    OnDay,
    Ongoing,
    OnLastDay,
    Recurring,
    Schedule,
    Status,
    Task,
    Window,
)
from remind.views.terminal import days_text, summary
from remind.views.wording import describe

D = date.fromisoformat


@pytest.mark.parametrize(
    ("schedule", "words"),
    [
        (Deadline(D("2025-06-30")), "2025年6月30日前"),
        (Window(D("2025-11-01"), D("2025-12-31")), "2025年11月1日至12月31日"),
        (Window(D("2025-12-15"), D("2026-01-15")), "2025年12月15日至2026年1月15日"),
        (Recurring(Freq.MONTH, OnLastDay(), D("2025-04-01"), D("2025-10-31")), "每月最后一天，2025年4月至10月"),
        (Recurring(Freq.MONTH, NextMonthDay(5), D("2025-04-01")), "每月，次月5日前，自2025年4月1日起"),
        (Recurring(Freq.MONTH, OnDay(15), D("2021-07-01"), D("2022-12-31"), count_min=2),
         "每月15日，每期不少于2次，2021年7月至2022年12月"),
        (Recurring(Freq.QUARTER, OnLastDay(), D("2022-05-24"), D("2022-12-31")), "每季度最后一天，2022年5月24日至12月31日"),
        (Recurring(Freq.QUARTER, OnDay(10), D("2025-01-01")), "每季度首月10日，自2025年1月1日起"),
        (Recurring(Freq.QUARTER, OnDay(20), D("2025-01-01"), month=3), "每季度第3个月20日，自2025年1月1日起"),
        (Recurring(Freq.HALF, OnLastDay(), D("2025-01-01")), "每半年最后一天，自2025年1月1日起"),
        (Recurring(Freq.YEAR, OnLastDay(), D("2025-01-01")), "每年最后一天，自2025年1月1日起"),
        (Recurring(Freq.YEAR, OnDay(31), D("2025-01-01"), month=1), "每年1月31日，自2025年1月1日起"),
        (Recurring(Freq.YEAR, OnLastDay(), D("2025-01-01"), month=6), "每年6月最后一天，自2025年1月1日起"),
        (Recurring(Freq.YEAR, NextMonthDay(31), D("2025-01-01")), "每年，次年1月31日前，自2025年1月1日起"),
        (Recurring(Freq.WEEK, OnDay(5), D("2025-06-16")), "每周五，自2025年6月16日起"),
        (Recurring(Freq.WEEK, OnLastDay(), D("2025-06-16")), "每周日，自2025年6月16日起"),
        (Ongoing(), "长期，无截止日期"),
    ],
)  # fmt: skip
def test_schedules_in_words(schedule: Schedule, words: str) -> None:
    assert describe(schedule) == words


def at(
    days_left: int, status: Status, *, running: bool = False, done_on: date | None = None
) -> Entry:
    task = Task("t", "事项", "s", Deadline(D("2025-06-30")), ("法制处",))
    occurrence = Occurrence(task, "once", "一次性", D("2025-06-30"))
    return Entry(occurrence, status, days_left, running=running, done_on=done_on)


@pytest.mark.parametrize(
    ("entry", "text"),
    [
        (at(3, Status.SOON), "还剩3天"),
        (at(0, Status.SOON), "今天到期"),
        (at(-5, Status.OVERDUE), "逾期5天"),
        (at(-5, Status.DONE, done_on=D("2025-06-28")), "6月28日办结"),
        (at(-5, Status.DONE, done_on=D("2025-07-03")), "7月3日办结，晚3天"),
        (at(20, Status.UPCOMING, running=True), "进行中，还剩20天"),
    ],
)
def test_days_left(entry: Entry, text: str) -> None:
    assert days_text(entry) == text


def test_summary_counts_each_status() -> None:
    entries = [at(-1, Status.OVERDUE), at(-2, Status.OVERDUE), at(3, Status.SOON)]
    assert summary(entries) == "共 3 项：逾期 2 · 临近 1 · 未到 0"
    assert summary([*entries, at(-9, Status.DONE)]) == "共 4 项：逾期 2 · 临近 1 · 未到 0 · 已办 1"
