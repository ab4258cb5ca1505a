"""The schedule engine: the ONLY place due dates are computed. Pure: `today` is an argument.

Every view (table, JSON, CSV, the digest, the .ics, the month) reads the occurrences made here,
so the terminal and the calendar can never disagree.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from remind.core.dates import add_months, day_of_month, last_of_month, month_after
from remind.core.labels import window_label
from remind.core.model import (
    ONCE,
    Agenda,
    Deadline,
    Entry,
    Freq,
    Limit,
    NextMonthDay,
    Occurrence,
    OnDay,
    Ongoing,
    OnLastDay,
    Record,
    Recurring,
    Status,
    Task,
    Window,
)
from remind.core.workdays import Shift
from remind.errors import RemindError
from remind.frozen import frozen
from remind.i18n import _

ONCE_LABEL = "一次性"  # the label of a deadline's or a window's one occurrence
QUARTERS = "一二三四"
TEN_DAY_NAMES = "上中下"

# A due date lies at most a month after its period ends (次月N日); moving it off a holiday may
# shift it a fortnight either way. Periods are searched this much beyond the asked-for dates.
_REACH_BACK = timedelta(days=31 + 15)
_REACH_AHEAD = timedelta(days=15)
_SHIFT_REACH = timedelta(days=15)  # the longest run of days off (春节, 国庆) with a weekend


@frozen
class Period:
    """One week, 旬, month, quarter, half or year of a recurrence: its days, key and label."""

    start: date
    end: date
    key: str
    label: str


def period_of(freq: Freq, day: date) -> Period:
    """The period of a recurrence that contains `day`."""
    if freq is Freq.WEEK:
        monday = day - timedelta(days=day.weekday())
        year, week, _weekday = monday.isocalendar()
        return Period(
            monday, monday + timedelta(days=6), f"{year}-W{week:02d}", f"{year}年第{week}周"
        )
    if freq is Freq.TEN_DAYS:
        index = min(day.day - 1, 20) // 10
        start = date(day.year, day.month, index * 10 + 1)
        end = last_of_month(day.year, day.month) if index == 2 else start + timedelta(days=9)
        key, label = f"{day.year}-{day.month:02d}-T{index + 1}", f"{day.year}年{day.month}月"
        return Period(start, end, key, f"{label}{TEN_DAY_NAMES[index]}旬")
    size = freq.months
    first_month = (day.month - 1) // size * size + 1
    end_year, end_month = month_after(day.year, first_month, size - 1)
    start, end = date(day.year, first_month, 1), last_of_month(end_year, end_month)
    index = (first_month - 1) // size + 1
    year = day.year
    match freq:
        case Freq.MONTH:
            return Period(start, end, f"{year}-{first_month:02d}", f"{year}年{first_month}月")
        case Freq.QUARTER:
            return Period(start, end, f"{year}-Q{index}", f"{year}年第{QUARTERS[index - 1]}季度")
        case Freq.HALF:
            return Period(start, end, f"{year}-H{index}", f"{year}年{'上下'[index - 1]}半年")
        case _:
            return Period(start, end, f"{year}", f"{year}年度")


# compiled by `re` when first used, not by every run at import
_KEY_SHAPES = {
    Freq.WEEK: r"(\d{4})-W(\d{2})",
    Freq.TEN_DAYS: r"(\d{4})-(\d{2})-T([1-3])",
    Freq.MONTH: r"(\d{4})-(\d{2})",
    Freq.QUARTER: r"(\d{4})-Q([1-4])",
    Freq.HALF: r"(\d{4})-H([12])",
    Freq.YEAR: r"(\d{4})()",
}


def period_named(freq: Freq, key: str) -> Period | None:
    """The period whose key is `key` (2025-06, 2025-Q2 …), if a recurrence of `freq` has one."""
    found = re.fullmatch(_KEY_SHAPES[freq], key)
    if not found:
        return None
    year, n = int(found[1]), int(found[2] or 1)
    try:
        if freq is Freq.WEEK:
            day = date.fromisocalendar(year, n, 1)
        elif freq is Freq.TEN_DAYS:
            day = date(year, n, int(found[3]) * 10 - 9)
        else:
            day = date(year, (n - 1) * freq.months + 1, 1)
    except ValueError:  # week 54, month 13
        return None
    period = period_of(freq, day)
    return period if period.key == key else None


def periods(freq: Freq, first: date) -> Iterator[Period]:
    """The periods of a recurrence, endlessly, from the one containing `first`."""
    period = period_of(freq, first)
    while True:
        yield period
        period = period_of(freq, period.end + timedelta(days=1))


def due_in(period: Period, rule: Recurring) -> date:
    """The due date a recurrence gives one of its periods, before any shift off a holiday."""
    if rule.every in (Freq.WEEK, Freq.TEN_DAYS):
        match rule.day:
            case OnDay(n):
                return min(period.start + timedelta(days=n - 1), period.end)
            case OnLastDay():
                return period.end
        raise ValueError(f"a {rule.every.value} task cannot be due on {rule.day}")
    year, month = month_after(period.start.year, period.start.month, (rule.month or 1) - 1)
    match rule.day:
        case OnDay(n):
            return day_of_month(year, month, n)
        case OnLastDay() if rule.month is None:
            return period.end
        case OnLastDay():
            return last_of_month(year, month)
        case NextMonthDay(n):
            return day_of_month(*month_after(period.end.year, period.end.month), n)
    raise AssertionError(rule.day)  # pragma: no cover - the match above is exhaustive


def occurrences(task: Task, start: date, end: date) -> list[Occurrence]:
    """The occurrences of a task that touch the days start…end, in date order.

    An occurrence touches a day when the day lies between its window's start (or its due date)
    and its due date.
    """
    if isinstance(task.schedule, Recurring):
        return list(_recurrences(task, task.schedule, start, end))
    return [once for once in _once(task) if _touches(once, start, end)]


def _once(task: Task) -> list[Occurrence]:
    """The one occurrence of a deadline, a window or a limit whose event has happened; none
    for an ongoing duty."""
    match task.schedule:
        case Deadline(due):
            return [_occurrence(task, ONCE, ONCE_LABEL, due)]
        case Window(first, last):
            return [_occurrence(task, ONCE, window_label(first, last), last, start=first)]
        case Limit() as limit:  # due once the event's day is known, counted from it
            ends = limit.due(task.shift.calendar)
            return [_occurrence(task, ONCE, ONCE_LABEL, ends, start=limit.received)] if ends else []
        case Ongoing():
            return []
    raise AssertionError(task.schedule)  # pragma: no cover


def _touches(occurrence: Occurrence, start: date, end: date) -> bool:
    return occurrence.due >= start and (occurrence.start or occurrence.due) <= end


def _recurrences(task: Task, rule: Recurring, start: date, end: date) -> Iterator[Occurrence]:
    for key, label, dates, opens in _expanded(rule, task.shift, task.handoff, start, end):
        yield Occurrence(task, key, label, dates.due, opens, dates.planned, dates.lead_due)


@functools.lru_cache(maxsize=4096)
def _expanded(
    rule: Recurring, shift: Shift, handoff: int, start: date, end: date
) -> tuple[tuple[str, str, DueDates, date | None], ...]:
    """The period key, label, dates and window's first day of each occurrence of a recurrence
    due in start…end.
    Tasks of one plan share their rules, so a list of thousands holds a few dozen: each is
    worked out once per run."""
    found = []
    first = max(rule.start, _minus(start, _REACH_BACK))
    ahead = _handoff_reach(handoff)  # a support unit's date lies this far before the lead's
    for period in periods(rule.every, first):
        if period.start > _plus(end, _REACH_AHEAD + ahead) or (
            rule.until and period.start > rule.until
        ):
            break
        # a due date too far from the days asked for cannot be moved into them: the working-day
        # calendar is not asked about it (nor warns about a year nobody looks at)
        planned = _planned(rule, period)
        if not planned or not (
            _minus(start, _SHIFT_REACH) <= planned <= _plus(end, _SHIFT_REACH + ahead)
        ):
            continue
        opens = opening(rule, planned)
        dates = due_dates(planned, shift, handoff, opens)
        if start <= dates.due <= end:
            found.append((period.key, period.label, dates, opens))
    return tuple(found)


def opening(rule: Recurring, planned: date) -> date | None:
    """The first day of a yearly window due on `planned`: its `opens` day in the year of the
    due date, or the year before when that day comes after it (11月15日 of 次年3月15日)."""
    if rule.opens is None:
        return None
    month, day = rule.opens
    year = planned.year if (month, day) <= (planned.month, planned.day) else planned.year - 1
    return day_of_month(year, month, day)


def in_season(rule: Recurring, period: Period) -> bool:
    """Whether a period falls in the months of the year the rhythm runs in (5月至10月)."""
    if rule.season is None:
        return True
    first, last = rule.season
    month = period.start.month
    return first <= month <= last if first <= last else (month >= first or month <= last)


def _in_period(task: Task, rule: Recurring, period: Period) -> Occurrence | None:
    """A recurrence's occurrence in one period, unless from/until or its season leave the
    period out."""
    planned = _planned(rule, period)
    if not planned:
        return None
    return _occurrence(task, period.key, period.label, planned, opening(rule, planned))


def _planned(rule: Recurring, period: Period) -> date | None:
    """The date the plan gives a period, None when from/until or the season leave it out."""
    if (rule.until and period.start > rule.until) or not in_season(rule, period):
        return None
    planned = due_in(period, rule)
    return planned if planned >= rule.start else None


def _occurrence(
    task: Task, period: str, label: str, planned: date, start: date | None = None
) -> Occurrence:
    """An occurrence due on `planned`, or on the working day the task's shift moves it to;
    for a support unit, `support_days` working days before that (倒排工期), though not before
    a window opens."""
    dates = due_dates(planned, task.shift, task.handoff, start)
    return Occurrence(task, period, label, dates.due, start, dates.planned, dates.lead_due)


class DueDates(NamedTuple):
    due: date
    planned: date | None  # the plan's date, when the shift moved it
    lead_due: date | None  # the lead's date, when `due` is a support unit's earlier one


def due_dates(planned: date, shift: Shift, handoff: int = 0, start: date | None = None) -> DueDates:
    """The dates of an occurrence the plan dates `planned`: moved by the shift, and for a
    support unit `handoff` working days before that, though not before a window opens."""
    due = shift(planned)
    moved = planned if due != planned else None
    if not handoff:
        return DueDates(due, moved, None)
    handed_in = shift.calendar.add_workdays(due, -handoff)
    return DueDates(max(handed_in, start or date.min), moved, due)


def _handoff_reach(handoff: int) -> timedelta:
    """How far before the lead's date a support unit's can lie: its working days, with weekends
    and the longest holiday between them."""
    if not handoff:
        return timedelta()
    return timedelta(days=handoff * 7 // 5 + 2) + _SHIFT_REACH


def occurrence_of(task: Task, period: str) -> Occurrence | None:
    """The occurrence of a task in the period with this key (2025-06, 2025-Q2, once), if any."""
    match task.schedule:
        case Deadline() | Window() | Limit() if period == ONCE:
            once = occurrences(task, date.min, date.max)
            return once[0] if once else None
        case Recurring() as rule:
            found = period_named(rule.every, period)
            return _in_period(task, rule, found) if found else None
    return None


def _minus(day: date, delta: timedelta) -> date:
    return day - delta if day - date.min > delta else date.min


def _plus(day: date, delta: timedelta) -> date:
    return day + delta if date.max - day > delta else date.max


def entry(occurrence: Occurrence, today: date, warn_days: int, done: Sequence[date] = ()) -> Entry:
    """Where an occurrence stands on `today`, given the days its records were done."""
    days_left = (occurrence.due - today).days
    needed = occurrence.task.needed
    done_on = sorted(done)[needed - 1] if len(done) >= needed else None
    if done_on:
        status = Status.DONE
    elif days_left < 0:
        status = Status.OVERDUE
    elif days_left <= warn_days:
        status = Status.SOON
    else:
        status = Status.UPCOMING
    running = occurrence.start is not None and occurrence.start <= today
    return Entry(occurrence, status, days_left, len(done), running, done_on)


def workdays_overdue(occurrence: Occurrence, today: date) -> int:
    """The working days from the day after the due date to `today`: 0 until it is overdue."""
    return occurrence.task.shift.calendar.workdays_between(occurrence.due, today)


def escalated(entry: Entry, today: date, after: int) -> bool:
    """催办: open and overdue by more than `after` working days."""
    return entry.status is Status.OVERDUE and workdays_overdue(entry.occurrence, today) > after


def urged(entries: Iterable[Entry], today: date, after: int) -> frozenset[tuple[str, str]]:
    """The (task id, period) of the entries to urge (催办): what the views mark."""
    return frozenset(
        (e.occurrence.task.id, e.occurrence.period) for e in entries if escalated(e, today, after)
    )


def agenda(
    tasks: Iterable[Task],
    records: Iterable[Record],
    today: date,
    *,
    horizon: date,
    since: date,
    warn_days: int,
    include_done: bool = False,
) -> Agenda:
    """The open occurrences due from `since` on that begin by `horizon`, soonest first: a
    deadline due by then, or a window open by then; with `include_done`, the done ones too.

    Open occurrences due before `since` are only counted: plans that ended long ago must not
    flood the screen.
    """
    done = done_dates(records)
    recorded = {task_id for task_id, _ in done}
    entries: list[Entry] = []
    earlier, earliest = 0, None
    before = min(since - timedelta(days=1), horizon) if since > date.min else None
    for task in tasks:
        older: Sequence[tuple[str, date]]  # the period key and due date of each before `since`
        if isinstance(task.schedule, Recurring):  # older periods as dates, not occurrences:
            rule = task.schedule  # years of a weekly task hold hundreds
            expanded = _expanded(rule, task.shift, task.handoff, date.min, before) if before else ()
            # the many tasks without records need only the first: each period is open
            wanted = expanded if task.id in recorded else expanded[:1]
            older = [(key, dates.due) for key, _, dates, _ in wanted]
            count = len(expanded)
            listed = occurrences(task, since, horizon)
        else:  # its one occurrence, made once: either counted or listed
            once = _once(task)
            older = [(o.period, o.due) for o in once if before and o.due <= before]
            count = len(older)
            listed = [o for o in once if _touches(o, since, horizon)]
        if task.id in recorded:  # the few with records: is each older period done?
            needed = task.needed
            older = [(k, due) for k, due in older if len(done.get((task.id, k), ())) < needed]
            count = len(older)
        if older:
            earlier += count
            earliest = min(earliest or older[0][1], older[0][1])
        for occurrence in listed:
            found = entry(occurrence, today, warn_days, days_done(done, occurrence))
            if include_done or found.status is not Status.DONE:
                entries.append(found)
    entries.sort(key=_soonest_first)
    return Agenda(tuple(entries), earlier, earliest)


def _soonest_first(entry: Entry) -> tuple[date, str, str]:
    return entry.occurrence.due, entry.occurrence.task.id, entry.occurrence.period


def entries_between(
    tasks: Iterable[Task], records: Iterable[Record], today: date, first: date, last: date,
    *, warn_days: int,
) -> list[Entry]:  # fmt: skip
    """Every occurrence that touches the days first…last (a deadline in them, a window over
    them), done or not, as it stands on `today`: what a month view shows."""
    done = done_dates(records)
    found = [
        entry(occurrence, today, warn_days, days_done(done, occurrence))
        for task in tasks
        for occurrence in occurrences(task, first, last)
    ]
    found.sort(key=_soonest_first)
    return found


def first_open(
    task: Task, records: Iterable[Record], today: date, *, since: date
) -> Occurrence | None:
    """The earliest occurrence due from `since` on that still lacks records: the first one
    `remind due` lists for the task, or else the next one to come."""
    done = done_dates(records)
    start = since
    for months in LOOK_AHEAD:
        end = add_months(today, months)
        for occurrence in occurrences(task, start, end):
            if len(days_done(done, occurrence)) < task.needed:
                return occurrence
        start = end + timedelta(days=1)
    return None


def open_on(task: Task, records: Iterable[Record], day: date) -> Occurrence | None:
    """The occurrence of the period that contains `day` (its week, month, quarter…), when it
    still lacks records; None for a task without periods."""
    if not isinstance(task.schedule, Recurring):
        return None
    found = occurrence_of(task, period_of(task.schedule.every, day).key)
    if found is None or len(days_done(done_dates(records), found)) >= task.needed:
        return None
    return found


def occurrence_to_record(
    task: Task,
    records: Iterable[Record],
    today: date,
    *,
    since: date,
    period: str | None = None,
    due: date | None = None,
    on: date | None = None,
) -> tuple[Occurrence, int]:
    """The occurrence a new record is for, and how many records it has already: the one in
    `period`, or due on `due`, else the open one of the period that contains `on` (this
    week's, when it is done this week), else the first open one. Refuses a second record for
    an occurrence that needs one, and any record for an ongoing duty, which has none."""
    records = list(records)
    if isinstance(task.schedule, Ongoing):
        raise RemindError(
            _(
                "{task} is an ongoing duty (长期坚持): it has no deadlines, so there is nothing "
                "to record as done"
            ).format(task=task.id)
        )
    if period:
        found = occurrence_of(task, period)
        if found is None:
            raise RemindError(
                _("{task} has no period {period!r}; {hint}").format(
                    task=task.id, period=period, hint=_periods_near(task, today, since)
                )
            )
    elif due:
        matching = occurrences(task, due, due)
        if not matching:
            raise RemindError(
                _("no occurrence of {task} is due on {due}; {hint}").format(
                    task=task.id, due=due, hint=_periods_near(task, today, since)
                )
            )
        found = matching[0]
    else:
        found = (open_on(task, records, on) if on else None) or first_open(
            task, records, today, since=since
        )
        if found is None:
            raise RemindError(
                _("{task} has no open occurrence from {since} on; give --period").format(
                    task=task.id, since=since
                )
            )
    dates = done_dates(records).get((task.id, found.period), [])
    if task.needed == 1 and dates:
        raise RemindError(
            _("{task} {period} is already done ({day}); `remind log` shows the record").format(
                task=task.id, period=found.label, day=dates[0]
            )
        )
    return found, len(dates)


def _periods_near(task: Task, today: date, since: date) -> str:
    near = occurrences(task, since, add_months(today, 3))
    if not near:
        return _("`remind show` lists its occurrences")
    each = _("{period} (due {due})")
    listed = ", ".join(each.format(period=o.period, due=o.due) for o in near[:4])
    return _("near today it has {periods}").format(periods=listed)


def next_due(tasks: Iterable[Task], today: date) -> dict[str, date]:
    """Each task's next due date on or after `today`, by task id; none for a task without one
    in the next ten years."""
    return {task.id: found[0].due for task in tasks if (found := upcoming(task, today, 1))}


# How far ahead to look for a task's next occurrences: the next year and a month first, ten
# years only when that holds too few.
LOOK_AHEAD = (13, 120)  # months


def upcoming(task: Task, today: date, count: int) -> list[Occurrence]:
    """The next `count` occurrences of a task due on or after `today`, within ten years.

    Looking ahead asks the working-day calendar about years that none of them falls in; those
    are forgotten again, so a year nobody is shown draws no warning about its holiday notice."""
    unknown = task.shift.calendar.unknown_asked
    asked_before = set(unknown)
    for months in LOOK_AHEAD:
        found = occurrences(task, today, add_months(today, months))[:count]
        if len(found) >= count:
            break
    shown = {day.year for o in found for day in (o.due, o.start, o.planned, o.lead_due) if day}
    unknown.intersection_update(asked_before | shown)
    return found


def timeline(
    task: Task, records: Iterable[Record], today: date, *, since: date, warn_days: int, count: int
) -> list[Entry]:
    """A task's open occurrences overdue since `since`, then its next `count` ones, done or not."""
    done = done_dates(records)
    past = occurrences(task, since, today - timedelta(days=1))
    entries = [entry(o, today, warn_days, days_done(done, o)) for o in past]
    entries = [e for e in entries if e.status is Status.OVERDUE]
    return entries + [
        entry(o, today, warn_days, days_done(done, o)) for o in upcoming(task, today, count)
    ]


def days_done(done: dict[tuple[str, str], list[date]], occurrence: Occurrence) -> Sequence[date]:
    """The days the occurrence's records were made, from `done_dates`; none when it has none."""
    return done.get((occurrence.task.id, occurrence.period), ())


def done_dates(records: Iterable[Record]) -> dict[tuple[str, str], list[date]]:
    """The days each occurrence, by (task id, period key), was recorded done; only those with
    records are in it."""
    dates: dict[tuple[str, str], list[date]] = {}
    for record in records:
        dates.setdefault((record.task, record.period), []).append(record.done_on)
    return dates
