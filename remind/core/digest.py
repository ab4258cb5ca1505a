"""The weekly digest of a unit: what is overdue, due this week, due next week, and what was done
last week. Pure: built from the schedule engine's entries; remind.views.digest writes it out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field
from datetime import date, timedelta

from remind.core.labels import chinese_date
from remind.core.model import Entry, Record, Status, Task, TaskList, Told, Unit, UnitKey
from remind.core.records import State
from remind.core.schedule import agenda, done_dates, entry, escalated, occurrence_of
from remind.core.targets import Pace, paces
from remind.core.units import WHOLE_LIST, Directory
from remind.frozen import frozen

WEEK = timedelta(days=7)


@frozen
class Week:
    """A week, Monday to Sunday: what a digest reports on."""

    monday: date

    @classmethod
    def of(cls, day: date) -> Week:
        return cls(day - timedelta(days=day.weekday()))

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def key(self) -> str:
        """2025-W25, the ISO week: what the state file records a digest as sent for."""
        year, week, _ = self.monday.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def label(self) -> str:
        """6月16日—6月22日"""
        return f"{chinese_date(self.monday, year=False)}—{chinese_date(self.sunday, year=False)}"

    def shifted(self, weeks: int) -> Week:
        return Week(self.monday + weeks * WEEK)


@frozen
class Digest:
    """A unit's week, as things stand on `today`."""

    unit: str  # for people: 法制处
    week: Week
    today: date
    overdue: tuple[Entry, ...]  # open, due before the week
    this_week: tuple[Entry, ...]  # due in the week, done or not
    next_week: tuple[Entry, ...]
    done_last_week: tuple[Entry, ...]  # recorded done in the week before
    earlier_overdue: int = 0  # open and due before the look-back: counted, not listed
    targets: tuple[Pace, ...] = ()  # 序时进度 of the targets it leads
    escalated: tuple[Entry, ...] = ()  # 催办: overdue by more than escalate_after working days
    escalate_after: int = 3
    earliest_overdue: date | None = None  # the due date of the oldest counted, not listed
    moved: Mapping[tuple[str, str], date] = field(default_factory=dict)  # (task, period): 原定
    link: str = ""  # the unit's address in the 督办 service, where its rows are recorded
    _urged: frozenset[tuple[str, str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        urged = frozenset((e.occurrence.task.id, e.occurrence.period) for e in self.escalated)
        object.__setattr__(self, "_urged", urged)

    def urged(self, entry: Entry) -> bool:
        """催办: the entry is one of `escalated` (a unit has a task one way: the key is enough)."""
        return (entry.occurrence.task.id, entry.occurrence.period) in self._urged

    def was_due(self, entry: Entry) -> date | None:
        """原定: the due date an earlier digest gave the entry, when it has moved since."""
        return self.moved.get((entry.occurrence.task.id, entry.occurrence.period))

    @property
    def told(self) -> tuple[Told, ...]:
        """The due dates this digest gives: kept with it once sent, for the next one's 原定."""
        listed = dict.fromkeys((*self.overdue, *self.this_week, *self.next_week))
        return tuple(Told(e.occurrence.task.id, e.occurrence.period, e.occurrence.due)
                     for e in listed)  # fmt: skip

    @property
    def empty(self) -> bool:
        lists = (self.overdue, self.this_week, self.next_week, self.done_last_week, self.targets)
        return not any(lists) and not self.earlier_overdue

    @property
    def open_this_week(self) -> int:
        return sum(e.status is not Status.DONE for e in self.this_week)

    @property
    def overdue_count(self) -> int:
        late_this_week = sum(e.status is Status.OVERDUE for e in self.this_week)
        return len(self.overdue) + self.earlier_overdue + late_this_week


def build(
    unit: str,
    tasks: Sequence[Task],
    records: Sequence[Record],
    *,
    today: date,
    week: Week,
    since: date,
    warn_days: int,
    targets: Sequence[Pace] = (),
    escalate_after: int = 3,
    told: Mapping[tuple[str, str], date] | None = None,
    link: str = "",
) -> Digest:
    """A unit's digest of `week`, as things stand on `today`: the same entries `remind due`
    computes, grouped by week, the pace of its targets, what is overdue long enough to be
    escalated (催办) to its 分管领导, the due dates that moved since earlier digests
    `told` the unit them, and the unit's `link` in the 督办 service."""
    seen = agenda(
        tasks, records, today, horizon=week.shifted(1).sunday, since=since,
        warn_days=warn_days, include_done=True,
    )  # fmt: skip
    entries = seen.entries

    def due_in(first: date, last: date) -> tuple[Entry, ...]:
        return tuple(e for e in entries if first <= e.occurrence.due <= last)

    overdue = tuple(
        e for e in entries if e.occurrence.due < week.monday and e.status is Status.OVERDUE
    )
    this_week = due_in(week.monday, week.sunday)
    next_week = due_in(week.shifted(1).monday, week.shifted(1).sunday)
    return Digest(
        unit,
        week,
        today,
        overdue,
        this_week,
        next_week,
        _done_in(tasks, records, week.shifted(-1), today, warn_days),
        seen.earlier_overdue,
        tuple(targets),
        tuple(e for e in entries if escalated(e, today, escalate_after)),
        escalate_after,
        seen.earliest_overdue,
        _moved((*overdue, *this_week, *next_week), told or {}),
        link,
    )


def _moved(
    entries: Iterable[Entry], told: Mapping[tuple[str, str], date]
) -> dict[tuple[str, str], date]:
    """The date each entry was told as, where it is not its due date now."""
    moved = {}
    for e in entries:
        key = (e.occurrence.task.id, e.occurrence.period)
        if key in told and told[key] != e.occurrence.due:
            moved[key] = told[key]
    return moved


def _done_in(
    tasks: Iterable[Task], records: Sequence[Record], week: Week, today: date, warn_days: int
) -> tuple[Entry, ...]:
    """The occurrences whose last needed record was made in `week`."""
    by_id = {task.id: task for task in tasks}
    dates = done_dates(records)
    found = []
    for task_id, period in dict.fromkeys((r.task, r.period) for r in records):
        task = by_id.get(task_id)
        occurrence = occurrence_of(task, period) if task else None
        if occurrence is None:
            continue
        done = entry(occurrence, today, warn_days, dates[(task_id, period)])
        if done.done_on and week.monday <= done.done_on <= week.sunday:
            found.append(done)
    found.sort(key=lambda e: (e.done_on, e.occurrence.task.id))
    return tuple(found)


def digests(
    tasklist: TaskList,
    directory: Directory,
    state: State,
    units: Sequence[Unit],
    *,
    today: date,
    week: Week,
    since: date,
    lead_only: bool = False,
    duties: dict[UnitKey, list[Task]] | None = None,
    links: Mapping[UnitKey, str] | None = None,
) -> list[Digest]:
    """Each unit's digest of `week`, or one of the whole task list when no unit is named.
    `duties`, from Directory.duties, gives every unit's tasks at once (for all units);
    `links`, the units' addresses in the 督办 service."""
    settings = tasklist.settings

    def tasks_of(unit: Unit | None, lead_only: bool) -> list[Task]:
        if unit is None:
            return list(tasklist.tasks)
        found = duties[unit.key] if duties else directory.tasks_of(tasklist.tasks, [unit])
        return [task for task in found if not task.supporting] if lead_only else found

    def digest_of(unit: Unit | None) -> Digest:
        led = tasks_of(unit, lead_only=True)
        return build(
            directory.display(unit) if unit else WHOLE_LIST,
            tasks_of(unit, lead_only),
            directory.records_for(state.records, tasklist.tasks, [unit] if unit else []),
            today=today,
            week=week,
            since=since,
            warn_days=settings.warn_days,
            targets=paces(tasklist, led, state.readings, today, since=since),
            escalate_after=settings.escalate_after,
            told=state.told("/".join(unit.key)) if unit else None,
            link=(links or {}).get(unit.key, "") if unit else "",
        )

    whom: list[Unit | None] = [*units] or [None]  # no unit: the whole task list
    return [digest_of(unit) for unit in whom]
