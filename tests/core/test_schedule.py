"""The schedule engine as pure functions: (schedule, dates) -> occurrences, no click, no files."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remind.core.model import (
    Day,
    Deadline,
    Freq,
    NextMonthDay,
    OnDay,
    Ongoing,
    OnLastDay,
    Record,
    Recurring,
    Schedule,
    Status,
    Task,
    Window,
)
from remind.core.schedule import (
    agenda,
    entry,
    occurrence_of,
    occurrence_to_record,
    occurrences,
    period_of,
    timeline,
    upcoming,
)
from remind.core.workdays import Shift
from remind.errors import RemindError

D = date.fromisoformat


def make_task(schedule: Schedule, task_id: str = "t") -> Task:
    return Task(id=task_id, title="事项", source="s", schedule=schedule, lead=("法制处",))


def monthly(
    day: OnDay | OnLastDay | NextMonthDay, start: str, until: str | None = None
) -> Recurring:
    return Recurring(Freq.MONTH, day, D(start), D(until) if until else None)


def dues(schedule: Schedule, start: str, end: str) -> list[tuple[str, str]]:
    return [
        (o.period, o.due.isoformat()) for o in occurrences(make_task(schedule), D(start), D(end))
    ]


# ---------------------------------------------------------------- month ends


@pytest.mark.parametrize(
    ("rule", "start", "end", "expected"),
    [
        pytest.param(
            monthly(OnDay(31), "2024-01-01"), "2024-01-01", "2024-04-30",
            [("2024-01", "2024-01-31"), ("2024-02", "2024-02-29"), ("2024-03", "2024-03-31"), ("2024-04", "2024-04-30")],
            id="day 31 falls back to the month's last day, leap February",
        ),
        pytest.param(
            monthly(OnDay(30), "2025-01-01"), "2025-02-01", "2025-03-31",
            [("2025-02", "2025-02-28"), ("2025-03", "2025-03-30")],
            id="day 30 in a 28-day February",
        ),
        pytest.param(
            monthly(OnDay(29), "2024-01-01"), "2024-02-01", "2025-02-28",
            [("2024-02", "2024-02-29")] + [(f"2024-{m:02d}", f"2024-{m:02d}-29") for m in range(3, 13)]
            + [("2025-01", "2025-01-29"), ("2025-02", "2025-02-28")],
            id="day 29 across a leap and a common February",
        ),
        pytest.param(
            monthly(OnLastDay(), "2025-01-01"), "2025-01-01", "2025-06-30",
            [("2025-01", "2025-01-31"), ("2025-02", "2025-02-28"), ("2025-03", "2025-03-31"),
             ("2025-04", "2025-04-30"), ("2025-05", "2025-05-31"), ("2025-06", "2025-06-30")],
            id="月底",
        ),
    ],
)  # fmt: skip
def test_month_ends(rule: Recurring, start: str, end: str, expected: list[tuple[str, str]]) -> None:
    assert dues(rule, start, end) == expected


# ---------------------------------------------------------------- the following month (次月N日)


@pytest.mark.parametrize(
    ("rule", "start", "end", "expected"),
    [
        pytest.param(
            monthly(NextMonthDay(5), "2025-11-01"), "2025-11-01", "2026-02-28",
            [("2025-11", "2025-12-05"), ("2025-12", "2026-01-05"), ("2026-01", "2026-02-05")],
            id="December's report is due in January of the next year",
        ),
        pytest.param(
            monthly(NextMonthDay(31), "2025-01-01"), "2025-01-01", "2025-03-31",
            [("2025-01", "2025-02-28"), ("2025-02", "2025-03-31")],
            id="次月31日 in February is February's last day",
        ),
        pytest.param(
            monthly(NextMonthDay(5), "2025-04-01", "2025-10-31"), "2025-01-01", "2026-12-31",
            [(f"2025-{m:02d}", f"2025-{m + 1:02d}-05") for m in range(4, 11)],
            id="until bounds the periods, not the due dates: October's is due in November",
        ),
        pytest.param(
            monthly(NextMonthDay(5), "2025-01-01"), "2025-03-01", "2025-03-31",
            [("2025-02", "2025-03-05")],
            id="a query finds the previous period's due date",
        ),
    ],
)  # fmt: skip
def test_next_month(rule: Recurring, start: str, end: str, expected: list[tuple[str, str]]) -> None:
    assert dues(rule, start, end) == expected


# ---------------------------------------------------------------- quarters, halves, years, weeks


def rule(every: Freq, day: OnDay | OnLastDay | NextMonthDay, month: int | None = None) -> Recurring:
    return Recurring(every, day, D("2020-01-01"), month=month)


@pytest.mark.parametrize(
    ("schedule", "start", "end", "expected"),
    [
        pytest.param(rule(Freq.QUARTER, OnLastDay()), "2025-01-01", "2025-12-31",
                     [("2025-Q1", "2025-03-31"), ("2025-Q2", "2025-06-30"), ("2025-Q3", "2025-09-30"), ("2025-Q4", "2025-12-31")],
                     id="季末"),
        pytest.param(rule(Freq.QUARTER, OnDay(15)), "2025-01-01", "2025-12-31",
                     [("2025-Q1", "2025-01-15"), ("2025-Q2", "2025-04-15"), ("2025-Q3", "2025-07-15"), ("2025-Q4", "2025-10-15")],
                     id="quarter day 15 is in its first month"),
        pytest.param(rule(Freq.QUARTER, OnDay(20), month=3), "2025-01-01", "2025-12-31",
                     [("2025-Q1", "2025-03-20"), ("2025-Q2", "2025-06-20"), ("2025-Q3", "2025-09-20"), ("2025-Q4", "2025-12-20")],
                     id="quarter month 3 day 20"),
        pytest.param(rule(Freq.QUARTER, OnDay(31), month=2), "2025-01-01", "2025-12-31",
                     [("2025-Q1", "2025-02-28"), ("2025-Q2", "2025-05-31"), ("2025-Q3", "2025-08-31"), ("2025-Q4", "2025-11-30")],
                     id="quarter month 2 day 31 follows each month's length"),
        pytest.param(rule(Freq.QUARTER, OnLastDay(), month=1), "2025-01-01", "2025-06-30",
                     [("2025-Q1", "2025-01-31"), ("2025-Q2", "2025-04-30")],
                     id="last day of the quarter's first month"),
        pytest.param(rule(Freq.QUARTER, NextMonthDay(10)), "2025-10-01", "2026-01-31",
                     [("2025-Q3", "2025-10-10"), ("2025-Q4", "2026-01-10")],
                     id="fourth quarter due in January"),
        pytest.param(rule(Freq.HALF, OnLastDay()), "2025-01-01", "2025-12-31",
                     [("2025-H1", "2025-06-30"), ("2025-H2", "2025-12-31")], id="半年末"),
        pytest.param(rule(Freq.HALF, NextMonthDay(15)), "2025-07-01", "2026-01-31",
                     [("2025-H1", "2025-07-15"), ("2025-H2", "2026-01-15")], id="half next month"),
        pytest.param(rule(Freq.YEAR, OnLastDay()), "2025-01-01", "2026-12-31",
                     [("2025", "2025-12-31"), ("2026", "2026-12-31")], id="年底"),
        pytest.param(rule(Freq.YEAR, OnDay(29), month=2), "2024-01-01", "2025-12-31",
                     [("2024", "2024-02-29"), ("2025", "2025-02-28")], id="29 February"),
        pytest.param(rule(Freq.YEAR, OnLastDay(), month=6), "2025-01-01", "2025-12-31",
                     [("2025", "2025-06-30")], id="6月底 each year"),
        pytest.param(rule(Freq.YEAR, NextMonthDay(31)), "2026-01-01", "2026-12-31",
                     [("2025", "2026-01-31")], id="次年1月31日前"),
        pytest.param(rule(Freq.WEEK, OnDay(5)), "2025-06-16", "2025-06-29",
                     [("2025-W25", "2025-06-20"), ("2025-W26", "2025-06-27")], id="每周五"),
        pytest.param(rule(Freq.WEEK, OnLastDay()), "2024-12-30", "2025-01-05",
                     [("2025-W01", "2025-01-05")], id="ISO week 1 of 2025 starts in 2024"),
        pytest.param(rule(Freq.WEEK, OnDay(1)), "2026-12-28", "2027-01-04",
                     [("2026-W53", "2026-12-28"), ("2027-W01", "2027-01-04")], id="2026 has 53 weeks"),
        pytest.param(rule(Freq.TEN_DAYS, OnLastDay()), "2025-02-01", "2025-02-28",
                     [("2025-02-T1", "2025-02-10"), ("2025-02-T2", "2025-02-20"),
                      ("2025-02-T3", "2025-02-28")], id="每旬末: 下旬 ends with the month"),
        pytest.param(rule(Freq.TEN_DAYS, OnDay(11)), "2025-01-01", "2025-01-31",
                     [("2025-01-T1", "2025-01-10"), ("2025-01-T2", "2025-01-20"),
                      ("2025-01-T3", "2025-01-31")], id="day 11 is only in a long 下旬"),
    ],
)  # fmt: skip
def test_periods(
    schedule: Recurring, start: str, end: str, expected: list[tuple[str, str]]
) -> None:
    assert dues(schedule, start, end) == expected


@pytest.mark.parametrize(
    ("freq", "day", "label"),
    [
        (Freq.MONTH, "2025-06-15", "2025年6月"),
        (Freq.QUARTER, "2025-06-15", "2025年第二季度"),
        (Freq.QUARTER, "2025-12-31", "2025年第四季度"),
        (Freq.HALF, "2025-06-30", "2025年上半年"),
        (Freq.HALF, "2025-07-01", "2025年下半年"),
        (Freq.YEAR, "2025-02-01", "2025年度"),
        (Freq.WEEK, "2025-06-20", "2025年第25周"),
        (Freq.TEN_DAYS, "2025-06-20", "2025年6月中旬"),
        (Freq.TEN_DAYS, "2025-06-21", "2025年6月下旬"),
    ],
)
def test_period_labels(freq: Freq, day: str, label: str) -> None:
    assert period_of(freq, D(day)).label == label


# ---------------------------------------------------------------- from / until edges


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        pytest.param(monthly(OnLastDay(), "2025-04-15", "2025-06-30"),
                     ["2025-04-30", "2025-05-31", "2025-06-30"], id="from mid-April still owes April"),
        pytest.param(monthly(OnDay(1), "2025-04-15", "2025-06-30"),
                     ["2025-05-01", "2025-06-01"], id="a due date before from is not owed"),
        pytest.param(monthly(OnDay(15), "2025-04-15", "2025-06-30"),
                     ["2025-04-15", "2025-05-15", "2025-06-15"], id="due on the from day itself"),
        pytest.param(monthly(OnLastDay(), "2025-04-01", "2025-10-15"),
                     ["2025-04-30", "2025-05-31", "2025-06-30", "2025-07-31", "2025-08-31", "2025-09-30", "2025-10-31"],
                     id="until inside October keeps October"),
        pytest.param(monthly(OnLastDay(), "2025-04-01", "2025-09-30"),
                     ["2025-04-30", "2025-05-31", "2025-06-30", "2025-07-31", "2025-08-31", "2025-09-30"],
                     id="until at September's end stops there"),
        pytest.param(monthly(OnLastDay(), "2025-04-01", "2025-04-01"), ["2025-04-30"], id="one day is one period"),
    ],
)  # fmt: skip
def test_bounds(schedule: Recurring, expected: list[str]) -> None:
    assert [due for _, due in dues(schedule, "2000-01-01", "2030-12-31")] == expected


# ---------------------------------------------------------------- one-off kinds


def test_deadline_is_found_only_inside_the_asked_days() -> None:
    deadline = Deadline(D("2025-06-30"))
    assert dues(deadline, "2025-06-30", "2025-06-30") == [("once", "2025-06-30")]
    assert dues(deadline, "2025-07-01", "2025-12-31") == []
    assert dues(deadline, "2025-01-01", "2025-06-29") == []


@pytest.mark.parametrize(
    ("start", "end", "found"),
    [
        ("2025-12-15", "2025-12-20", True),  # inside the window
        ("2025-10-01", "2025-11-01", True),  # reaches its first day
        ("2025-12-31", "2026-01-31", True),  # its last day
        ("2025-10-01", "2025-10-31", False),  # before it
        ("2026-01-01", "2026-01-31", False),  # after it
    ],
)
def test_window_touching(start: str, end: str, found: bool) -> None:
    window = Window(D("2025-11-01"), D("2025-12-31"))
    result = occurrences(make_task(window), D(start), D(end))
    expected = [(D("2025-11-01"), D("2025-12-31"), "11月1日—12月31日")] if found else []
    assert [(o.start, o.due, o.label) for o in result] == expected


def test_a_window_across_new_year_names_both_years() -> None:
    window = make_task(Window(D("2025-12-15"), D("2026-01-15")))
    (occurrence,) = occurrences(window, D("2025-12-01"), D("2026-12-31"))
    assert occurrence.label == "12月15日—2026年1月15日"


def test_ongoing_is_never_due() -> None:
    assert dues(Ongoing(), "2000-01-01", "2040-12-31") == []


# ---------------------------------------------------------------- status on a day


@pytest.mark.parametrize(
    ("today", "done", "status", "days_left"),
    [
        ("2025-06-22", 0, Status.UPCOMING, 8),
        ("2025-06-23", 0, Status.SOON, 7),  # warn_days before: yellow
        ("2025-06-30", 0, Status.SOON, 0),  # due today
        ("2025-07-01", 0, Status.OVERDUE, -1),
        ("2025-07-01", 1, Status.DONE, -1),
    ],
)
def test_status(today: str, done: int, status: Status, days_left: int) -> None:
    (occurrence,) = occurrences(
        make_task(Deadline(D("2025-06-30"))), D("2025-01-01"), D("2025-12-31")
    )
    result = entry(occurrence, D(today), warn_days=7, done=[D("2025-06-28")] * done)
    assert (result.status, result.days_left) == (status, days_left)
    assert result.done_on == (D("2025-06-28") if done else None)


@pytest.mark.parametrize(
    ("today", "running"), [("2025-10-31", False), ("2025-11-01", True), ("2026-01-05", True)]
)
def test_a_window_is_running_from_its_first_day(today: str, running: bool) -> None:
    window = make_task(Window(D("2025-11-01"), D("2025-12-31")))
    (occurrence,) = occurrences(window, D("2025-01-01"), D("2026-12-31"))
    assert entry(occurrence, D(today), warn_days=7).running is running


def test_a_minimum_count_needs_that_many_records() -> None:
    rule = Recurring(Freq.MONTH, OnLastDay(), D("2025-01-01"), count_min=2)
    (occurrence,) = occurrences(make_task(rule), D("2025-06-01"), D("2025-06-30"))
    first, second = D("2025-06-10"), D("2025-07-01")
    assert entry(occurrence, D("2025-07-02"), 7, done=[second]).status is Status.OVERDUE
    both = entry(occurrence, D("2025-07-02"), 7, done=[second, first])
    assert (both.status, both.done, both.done_on) == (Status.DONE, 2, second)


# ---------------------------------------------------------------- the agenda of `remind due`


def test_agenda_lists_from_since_to_horizon_and_counts_what_is_older() -> None:
    brief = make_task(monthly(OnLastDay(), "2025-04-01", "2025-10-31"), "brief")
    half = make_task(Deadline(D("2025-06-30")), "half")
    result = agenda(
        [half, brief],
        [],
        D("2025-06-20"),
        horizon=D("2025-07-04"),
        since=D("2025-05-01"),
        warn_days=7,
    )
    rows = [(e.occurrence.task.id, e.occurrence.due.isoformat(), e.status) for e in result.entries]
    assert rows == [
        ("brief", "2025-05-31", Status.OVERDUE),
        ("brief", "2025-06-30", Status.UPCOMING),
        ("half", "2025-06-30", Status.UPCOMING),
    ]
    assert result.earlier_overdue == 1  # April's brief


def test_agenda_leaves_out_what_was_done() -> None:
    brief = make_task(monthly(OnLastDay(), "2025-04-01", "2025-10-31"), "brief")
    records = [
        Record("brief", "2025-04", D("2025-04-28")),
        Record("brief", "2025-05", D("2025-06-02")),
    ]
    result = agenda(
        [brief],
        records,
        D("2025-06-20"),
        horizon=D("2025-07-04"),
        since=D("2025-01-01"),
        warn_days=7,
    )
    assert [e.occurrence.period for e in result.entries] == ["2025-06"]
    assert result.earlier_overdue == 0


def test_agenda_counts_only_the_older_periods_still_open() -> None:
    visits = make_task(Recurring(Freq.MONTH, OnLastDay(), D("2025-01-01"), count_min=2), "visits")
    report = make_task(Deadline(D("2025-03-31")), "report")
    forgotten = make_task(Deadline(D("2025-02-28")), "forgotten")
    records = [
        *(Record("visits", "2025-01", D(day)) for day in ("2025-01-10", "2025-01-20")),
        Record("visits", "2025-02", D("2025-02-10")),  # one visit of two
        Record("report", "once", D("2025-03-30")),
        Record("forgotten", "2025-01", D("2025-01-31")),  # from when it was monthly
    ]
    result = agenda(
        [visits, report, forgotten],
        records,
        D("2025-06-20"),
        horizon=D("2025-07-04"),
        since=D("2025-05-01"),
        warn_days=7,
    )
    assert result.earlier_overdue == 4  # visits of February, March and April; forgotten


def test_agenda_keeps_a_period_short_of_its_minimum_count() -> None:
    visits = make_task(Recurring(Freq.MONTH, OnLastDay(), D("2025-01-01"), count_min=2), "visits")
    records = [Record("visits", "2025-06", D("2025-06-10"))]
    result = agenda(
        [visits],
        records,
        D("2025-06-20"),
        horizon=D("2025-06-30"),
        since=D("2025-06-01"),
        warn_days=7,
    )
    (only,) = result.entries
    assert (only.occurrence.period, only.done, only.status) == ("2025-06", 1, Status.UPCOMING)


def test_agenda_shows_a_window_while_it_is_open() -> None:
    window = make_task(Window(D("2025-11-01"), D("2025-12-31")), "inspection")
    result = agenda(
        [window], [], D("2025-11-20"), horizon=D("2025-12-04"), since=D("2025-08-22"), warn_days=7
    )
    (only,) = result.entries
    assert (only.occurrence.start, only.days_left, only.status) == (
        D("2025-11-01"),
        41,
        Status.UPCOMING,
    )


def test_upcoming_and_timeline() -> None:
    brief = make_task(monthly(OnLastDay(), "2025-04-01", "2025-10-31"), "brief")
    assert [o.period for o in upcoming(brief, D("2025-09-15"), 5)] == ["2025-09", "2025-10"]
    entries = timeline(brief, [], D("2025-06-20"), since=D("2025-05-01"), warn_days=7, count=2)
    assert [(e.occurrence.period, e.status) for e in entries] == [
        ("2025-05", Status.OVERDUE),
        ("2025-06", Status.UPCOMING),
        ("2025-07", Status.UPCOMING),
    ]


# ---------------------------------------------------------------- properties


def days(low: str = "2000-01-01", high: str = "2040-12-31") -> st.SearchStrategy[date]:
    return st.dates(min_value=D(low), max_value=D(high))


@st.composite
def recurrences(draw: st.DrawFn) -> Recurring:
    every = draw(st.sampled_from(list(Freq)))
    day: Day
    if every in (Freq.WEEK, Freq.TEN_DAYS):
        top = 7 if every is Freq.WEEK else 11
        day = draw(st.one_of(st.builds(OnDay, st.integers(1, top)), st.just(OnLastDay())))
    else:
        day = draw(
            st.one_of(
                st.builds(OnDay, st.integers(1, 31)),
                st.just(OnLastDay()),
                st.builds(NextMonthDay, st.integers(1, 31)),
            )
        )
    month = None
    if every.months >= 3 and not isinstance(day, NextMonthDay):
        month = draw(st.none() | st.integers(1, every.months))
    start = draw(days())
    until = draw(st.none() | st.integers(0, 3000).map(lambda n: start + timedelta(days=n)))
    count_min = draw(st.integers(1, 3))
    return Recurring(every, day, start, until, month, count_min)


@st.composite
def queries(draw: st.DrawFn) -> tuple[Recurring, date]:
    """A rule and the first day of a query, mostly near the rule's edges where the bugs live."""
    rule = draw(recurrences())
    edge = draw(st.sampled_from([rule.start, rule.until or rule.start]))
    return rule, edge + timedelta(days=draw(st.integers(-400, 400)))


@given(query=queries(), length=st.integers(0, 1500))
def test_occurrences_are_sorted_bounded_and_one_per_period(
    query: tuple[Recurring, date], length: int
) -> None:
    rule, first = query
    last = first + timedelta(days=length)
    found = occurrences(make_task(rule), first, last)
    due_dates = [o.due for o in found]
    assert due_dates == sorted(due_dates)
    assert len({o.period for o in found}) == len(found)
    for occurrence in found:
        assert first <= occurrence.due <= last
        assert occurrence.due >= rule.start
        assert rule.until is None or period_of(rule.every, rule.until).start >= period_start(
            rule, occurrence.due
        )
        assert period_of(rule.every, owning_day(rule, occurrence.due)).key == occurrence.period


def period_start(rule: Recurring, due: date) -> date:
    return period_of(rule.every, owning_day(rule, due)).start


def owning_day(rule: Recurring, due: date) -> date:
    """A day inside the period a due date belongs to."""
    if isinstance(rule.day, NextMonthDay):
        return due.replace(day=1) - timedelta(days=1)
    return due


@given(query=queries(), length=st.integers(0, 800))
def test_a_window_query_is_the_full_list_cut_to_the_window(
    query: tuple[Recurring, date], length: int
) -> None:
    """Searching from a late start must find exactly what searching from the beginning finds."""
    rule, first = query
    task = make_task(rule)
    last = first + timedelta(days=length)
    everything = occurrences(task, date.min, last)
    assert occurrences(task, first, last) == [o for o in everything if o.due >= first]


@given(query=queries(), lengths=st.tuples(st.integers(0, 400), st.integers(0, 400)))
def test_queries_of_adjacent_days_add_up(
    query: tuple[Recurring, date], lengths: tuple[int, int]
) -> None:
    rule, first = query
    task = make_task(rule)
    middle = first + timedelta(days=lengths[0])
    last = middle + timedelta(days=1 + lengths[1])
    together = occurrences(task, first, last)
    assert together == occurrences(task, first, middle) + occurrences(
        task, middle + timedelta(days=1), last
    )


# ---------------------------------------------------------------- which occurrence a record is for


def test_a_record_goes_to_the_first_open_occurrence_from_the_look_back() -> None:
    brief = make_task(monthly(OnLastDay(), "2025-04-01", "2025-10-31"), "brief")
    done = [Record("brief", "2025-05", D("2025-06-01"))]
    found, earlier = occurrence_to_record(brief, done, D("2025-06-20"), since=D("2025-05-01"))
    assert (found.period, earlier) == ("2025-06", 0)  # April is before the look-back, May done
    assert occurrence_to_record(brief, done, D("2025-06-20"), since=D("2025-01-01"))[0].period == (
        "2025-04"
    )


def test_a_record_names_its_occurrence_by_period_or_due_date() -> None:
    visits = make_task(Recurring(Freq.MONTH, OnLastDay(), D("2025-01-01"), count_min=2), "visits")
    one = [Record("visits", "2025-06", D("2025-06-10"))]
    today, since = D("2025-06-20"), D("2025-03-22")
    assert occurrence_to_record(visits, one, today, since=since, period="2025-06")[1] == 1
    assert occurrence_to_record(visits, one, today, since=since, due=D("2025-05-31"))[0].period == (
        "2025-05"
    )
    with pytest.raises(
        RemindError, match=r"visits has no period '2025-Q2'; near today it has 2025-03"
    ):
        occurrence_to_record(visits, one, today, since=since, period="2025-Q2")


def test_an_occurrence_that_needs_one_record_takes_no_second() -> None:
    half = make_task(Deadline(D("2025-06-30")), "half")
    done = [Record("half", "once", D("2025-06-28"))]
    with pytest.raises(RemindError, match=r"half 一次性 is already done \(2025-06-28\)"):
        occurrence_to_record(half, done, D("2025-07-01"), since=D("2025-04-01"), period="once")
    assert occurrence_of(half, "2025-06") is None


def test_a_limit_is_due_only_once_its_event_has_a_day() -> None:
    from remind.core.model import Limit
    from remind.storage.holidays import china

    waiting = make_task(Limit(10, "workday", "收到交办件"))
    assert occurrences(waiting, date.min, date.max) == []
    assert occurrence_of(waiting, "once") is None
    received = Task(id="t", title="事项", source="s", lead=("法制处",),
                    schedule=Limit(10, "workday", "收到交办件", D("2025-09-26")),
                    shift=Shift("before", china()))  # fmt: skip
    (once,) = occurrences(received, date.min, date.max)
    assert (once.start, once.due, once.period) == (D("2025-09-26"), D("2025-10-16"), "once")
    months = make_task(Limit(2, "month", "收到意见", D("2025-01-31")))
    assert occurrences(months, date.min, date.max)[0].due == D("2025-03-31")
