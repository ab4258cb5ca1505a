"""What goes into a calendar: whose it is, its occurrences, and which of its tasks it leads.

Pure: `remind ical`, the published folder and (later) the web service make their calendars
from these feeds; remind.views.ical writes them as RFC 5545.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from remind.core.model import Entry, Record, Task, Unit
from remind.core.schedule import entries_between
from remind.core.units import WHOLE_LIST, Directory
from remind.frozen import frozen

LONGEST = 1000  # events; Google Calendar drops the rest of a subscribed calendar


@frozen
class Feed:
    """One calendar: the occurrences of one unit (or several, or the whole list) over the days
    asked for, as `schedule.entries_between` gives them."""

    name: str  # whose calendar, for people: 法制处; 全部单位
    owner: str  # the same, unambiguous, in every UID: 武汉/法制处; * for the whole list
    entries: tuple[Entry, ...]
    led: frozenset[str] | None  # ids of the tasks the units lead (牵头); None: the whole list
    unit: str = ""  # the one unit a record is made for: `remind done … --unit 法制处`


def owner(units: Iterable[Unit]) -> str:
    """The units, unambiguously, as every UID of their calendar has them: 武汉/法制处."""
    return "|".join(sorted("/".join(unit.key) for unit in units))


def feed(
    directory: Directory,
    units: Sequence[Unit],
    tasks: Sequence[Task],
    records: Iterable[Record],
    today: date,
    *,
    first: date,
    last: date,
    warn_days: int,
) -> Feed:
    """The calendar of these units (of the whole list when none), whose tasks are `tasks` and
    whose records are `records`: every occurrence touching first…last, done or not."""
    entries = tuple(entries_between(tasks, records, today, first, last, warn_days=warn_days))
    if not units:
        return Feed(WHOLE_LIST, "*", entries, None)
    names = [directory.display(unit) for unit in units]
    return Feed(
        "、".join(names),
        owner(units),
        entries,
        frozenset(task.id for task in tasks if not task.supporting),
        names[0] if len(names) == 1 else "",
    )
