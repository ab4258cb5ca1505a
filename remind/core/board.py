"""The board (红黄绿灯): how each unit's duties stand this year, lead and support apart. Pure.

Counted are the occurrences due from `since` (1 January) to the end of the warning days:
overdue (open, due before today), due soon (open, due within the warning days), done on time,
done late. The completion rate is done / (done + overdue): what was due so far, and done.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from remind.core.model import Light, Record, Status, Task, TaskList, Unit
from remind.core.records import State
from remind.core.schedule import agenda, days_done, done_dates, entry, escalated, occurrences
from remind.core.units import Directory
from remind.frozen import frozen

if TYPE_CHECKING:
    from remind.core.targets import Pace


@frozen
class Tally:
    """Occurrences by where they stand: open overdue, open due soon, done on time, done late."""

    overdue: int = 0
    soon: int = 0
    on_time: int = 0
    late: int = 0

    @property
    def done(self) -> int:
        return self.on_time + self.late

    @property
    def rate(self) -> float | None:
        """The share of what fell due so far that is done; None when nothing fell due."""
        due = self.done + self.overdue
        return self.done / due if due else None

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.overdue + other.overdue,
            self.soon + other.soon,
            self.on_time + other.on_time,
            self.late + other.late,
        )


@frozen
class Standing:
    """How one unit's duties stand: what it leads and what it supports, counted apart."""

    unit: str
    lead: Tally
    support: Tally
    targets: Counter[Light] = field(default_factory=Counter)  # 序时进度 lights of what it leads

    @property
    def light(self) -> Light:
        if self.lead.overdue:
            return Light.RED
        if self.lead.soon or self.support.overdue:
            return Light.AMBER
        return Light.GREEN


LIGHT_ORDER = {Light.RED: 0, Light.AMBER: 1, Light.GREEN: 2}


def default_since(today: date) -> date:
    """The board counts this year's occurrences: from 1 January."""
    return date(today.year, 1, 1)


def tally(
    tasks: Iterable[Task], records: Iterable[Record], today: date, *, since: date, warn_days: int
) -> Tally:
    done = done_dates(records)
    overdue = soon = on_time = late = 0
    for task in tasks:
        for occurrence in occurrences(task, since, today + timedelta(days=warn_days)):
            found = entry(occurrence, today, warn_days, days_done(done, occurrence))
            match found.status:
                case Status.DONE if found.done_on and found.done_on > occurrence.due:
                    late += 1
                case Status.DONE:
                    on_time += 1
                case Status.OVERDUE:
                    overdue += 1
                case Status.SOON:
                    soon += 1
    return Tally(overdue, soon, on_time, late)


def escalations(
    directory: Directory,
    tasks: Sequence[Task],
    records: Sequence[Record],
    units: Iterable[Unit],
    today: date,
    *,
    since: date,
    after: int,
) -> list[tuple[Unit, int]]:
    """The units with open duties overdue by more than `after` working days (催办), and how
    many; what their digests would copy to their 分管领导."""
    found = []
    for unit in units:
        seen = agenda(
            directory.tasks_of(tasks, [unit]), directory.records_for(records, tasks, [unit]),
            today, horizon=today, since=since, warn_days=0,
        )  # fmt: skip
        count = sum(escalated(e, today, after) for e in seen.entries)
        if count:
            found.append((unit, count))
    return found


def unheard(
    tasklist: TaskList, directory: Directory, records: Sequence[Record], today: date, *, since: date
) -> list[tuple[Unit, int]]:
    """The `escalations` of the units with duties of their own that would reach no one: those
    with no leader_email to copy."""
    tasks = tasklist.tasks
    units = directory.with_duties(directory.duties(tasks))
    after = tasklist.settings.escalate_after
    found = escalations(directory, tasks, records, units, today, since=since, after=after)
    return [(unit, count) for unit, count in found if not unit.leader_email]


def board_units(directory: Directory, tasks: Sequence[Task], asked: Iterable[Unit]) -> list[Unit]:
    """The units the board has a row for: those asked, with a group standing for its members;
    else every unit with a duty, groups with members left out (their members carry them)."""
    asked = list(asked)
    if not asked:
        asked = [u for u in directory.units.values() if any(directory.task_count(tasks, u))]
    rows: list[Unit] = []
    todo = list(reversed(asked))
    while todo:
        unit = todo.pop()
        if members := directory.members(unit):
            todo += reversed(members)
        elif unit not in rows:
            rows.append(unit)
    return rows


def standings(
    directory: Directory,
    tasks: Sequence[Task],
    records: Sequence[Record],
    units: Iterable[Unit],
    today: date,
    *,
    since: date,
    warn_days: int,
    paces: Sequence[Pace] = (),
) -> list[Standing]:
    """One standing per unit, worst first, with the lights of the targets it leads."""
    rows = []
    for unit in units:
        mine = directory.tasks_of(tasks, [unit])
        led = [task for task in mine if not task.supporting]
        led_ids = {task.id for task in led}
        supported = [task for task in mine if task.supporting]
        seen = directory.records_for(records, tasks, [unit])
        lead, support = (
            tally(group, seen, today, since=since, warn_days=warn_days)
            for group in (led, supported)
        )
        lights = Counter(p.light for p in paces if p.target.task.id in led_ids)
        rows.append(Standing(directory.display(unit), lead, support, lights))
    return sorted(rows, key=_worst_first)


def _worst_first(row: Standing) -> tuple[int, int, float, int, int, str]:
    rate = row.lead.rate if row.lead.rate is not None else 1.0
    return (
        LIGHT_ORDER[row.light],
        -row.lead.overdue,
        rate,
        -row.support.overdue,
        -row.lead.soon,
        row.unit,
    )


def totals(rows: Iterable[Standing], paces: Sequence[Pace] = ()) -> Standing:
    """The sums of the rows; every target counted once, though several units lead it."""
    lead, support = Tally(), Tally()
    for row in rows:
        lead, support = lead + row.lead, support + row.support
    return Standing("合计", lead, support, Counter(p.light for p in paces))


def board(
    tasklist: TaskList,
    directory: Directory,
    state: State,
    asked: Iterable[Unit],
    today: date,
    *,
    since: date,
) -> tuple[list[Standing], Standing]:
    """The board of the units asked for (`board_units`), worst first, and its totals: what
    `remind board` shows."""
    from remind.core.targets import paces

    tasks = tasklist.tasks
    units = board_units(directory, tasks, asked)
    targets = paces(tasklist, directory.tasks_of(tasks, units, lead_only=True), state.readings,
                    today, since=since)  # fmt: skip
    rows = standings(directory, tasks, state.records, units, today, since=since,
                     warn_days=tasklist.settings.warn_days, paces=targets)  # fmt: skip
    return rows, totals(rows, targets)
