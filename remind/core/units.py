"""Who is who: unit names, aliases, groups and organisations. Pure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from remind.core.model import Record, Task, Unit, UnitKey
from remind.errors import RemindError, did_you_mean
from remind.i18n import _

ORG_SEPARATOR = "/"  # 周口/办公室 names the 办公室 of 周口 when two organisations have one
WHOLE_LIST = "全部单位"  # who a view is for when no unit is named


class Directory:
    """Finds units by name or alias, within an organisation or across all of them."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self.units: dict[UnitKey, Unit] = {}
        self._names: dict[UnitKey, UnitKey] = {}  # (org, name or alias) -> unit key
        for unit in units:
            self.units[unit.key] = unit
            for name in (unit.name, *unit.aliases):
                self._names.setdefault((unit.org, name), unit.key)

    @property
    def orgs(self) -> list[str]:
        return sorted({org for org, _ in self.units})

    def lookup(self, org: str, name: str) -> Unit | None:
        key = self._names.get((org, name))
        return self.units[key] if key else None

    def names(self, org: str | None = None) -> list[str]:
        """Every name and alias, of one organisation or of all."""
        return [name for (o, name) in self._names if org is None or o == org]

    def find(self, text: str) -> Unit:
        """The unit a user means by a name, an alias, or ORG/NAME; refuses to guess."""
        org, _separator, name = text.rpartition(ORG_SEPARATOR)
        name = name.strip()
        if org:
            unit = self.lookup(org.strip(), name)
            if unit is None:
                raise RemindError(
                    _("unknown unit {name!r}").format(name=text)
                    + did_you_mean(text, self.qualified())
                )
            return unit
        found = {key for (o, n), key in self._names.items() if n == name}
        if len(found) > 1:
            choices = ", ".join(sorted(ORG_SEPARATOR.join(key) for key in found))
            raise RemindError(
                _("{name!r} names a unit in several organisations; use one of {choices}").format(
                    name=name, choices=choices
                )
            )
        if not found:
            raise RemindError(
                _("unknown unit {name!r}").format(name=name) + did_you_mean(name, self.names())
            )
        return self.units[found.pop()]

    def qualified(self) -> list[str]:
        return [ORG_SEPARATOR.join(key) for key in self._names]

    def display(self, unit: Unit) -> str:
        """A unit's name, with its organisation only where the name alone is ambiguous."""
        orgs = {o for (o, n) in self._names if n == unit.name}
        return ORG_SEPARATOR.join(unit.key) if len(orgs) > 1 else unit.name

    def members(self, group: Unit) -> list[Unit]:
        """The units that name this one among their groups."""
        return [u for u in self.units.values() if u.org == group.org and group.name in u.groups]

    def memberships(self, unit: Unit) -> set[UnitKey]:
        """The unit and every group it belongs to, directly or through other groups."""
        seen: set[UnitKey] = set()
        todo = [unit.key]
        while todo:
            key = todo.pop()
            if key in seen:
                continue
            seen.add(key)
            todo += [(key[0], group) for group in self.units[key].groups]
        return seen

    def tasks_of(
        self, tasks: Iterable[Task], units: Iterable[Unit], *, lead_only: bool = False
    ) -> list[Task]:
        """The tasks in which any of `units` is lead (or support), itself or through a group,
        each as they see it: one they only support is `supporting`, due before the lead's date."""
        wanted: set[UnitKey] = set()
        for unit in units:
            wanted |= self.memberships(unit)
        found = []
        for task in tasks:
            if _named(task, lead_only=True) & wanted:
                found.append(_as_role(task, supporting=False))
            elif not lead_only and _named(task, lead_only=False) & wanted:
                found.append(_as_role(task, supporting=True))
        return found

    def duties(
        self, tasks: Iterable[Task], *, lead_only: bool = False
    ) -> dict[UnitKey, list[Task]]:
        """`tasks_of` each unit alone, for every unit in one pass over the tasks: what a run
        for all units needs. A task's supporting copy is one, shared by its support units."""
        seeing: dict[UnitKey, list[UnitKey]] = {}  # a name in a task -> the units it stands for
        for unit in self.units.values():
            for key in self.memberships(unit):
                seeing.setdefault(key, []).append(unit.key)
        found: dict[UnitKey, list[Task]] = {key: [] for key in self.units}
        for task in tasks:
            leads = {u for key in _named(task, lead_only=True) for u in seeing.get(key, ())}
            for key in leads:
                found[key].append(_as_role(task, supporting=False))
            named = () if lead_only else _named(task, lead_only=False)
            if supports := {u for key in named for u in seeing.get(key, ())} - leads:
                copy = _as_role(task, supporting=True)
                for key in supports:
                    found[key].append(copy)
        return found

    def with_duties(self, duties: dict[UnitKey, list[Task]]) -> list[Unit]:
        """Every unit with duties of its own, from `duties`: a group whose members exist hands
        its duties to them."""
        return [u for u in self.units.values() if not self.members(u) and duties[u.key]]

    def records_for(
        self, records: Iterable[Record], tasks: Iterable[Task], units: Iterable[Unit]
    ) -> list[Record]:
        """The records that count for these units: for a duty they lead, their own records and
        those made for the task as a whole; for a duty they support, the lead's too. With no
        unit named, those that count for the task list as a whole (see `completing`)."""
        given = list(records)
        wanted: set[UnitKey] = set()
        for unit in units:
            wanted |= self.memberships(unit)
        if not given:
            return given
        if not wanted:
            return self.completing(given, tasks)
        led = {task.id: task.org for task in tasks if _named(task, lead_only=True) & wanted}
        return [
            r for r in given if r.task not in led or not r.unit or (led[r.task], r.unit) in wanted
        ]

    def completing(self, records: Iterable[Record], tasks: Iterable[Task]) -> list[Record]:
        """The records that do the task list's own occurrences: those made for a task as a
        whole; and, once every member of the groups that lead it has made its share, the
        records of the member that finished last, whose day is the day the duty was done (one
        member's record does the duty for that member only). A support unit's record is its
        own part, not the lead's."""
        given = list(records)
        by_id = {task.id: task for task in tasks}
        owing: dict[str, frozenset[str]] = {}  # worked out for the tasks members recorded only
        shares: dict[tuple[str, str], dict[str, list[date]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for r in given:
            if not r.unit or r.task not in by_id:
                continue
            if r.task not in owing:
                owing[r.task] = self.owing(by_id[r.task])
            if r.unit in owing[r.task]:
                shares[(r.task, r.period)][r.unit].append(r.done_on)
        last: dict[tuple[str, str], str] = {}  # the member that finished each occurrence
        for (task_id, period), made in shares.items():
            needed = by_id[task_id].needed
            finished = {
                m: sorted(days)[needed - 1] for m, days in made.items() if len(days) >= needed
            }
            if set(finished) == owing[task_id]:
                last[(task_id, period)] = max(finished, key=lambda m: (finished[m], m))

        def counts(r: Record) -> bool:
            if r.task not in by_id or not r.unit:
                return True  # made for the task as a whole, or for a task the list has no more
            return last.get((r.task, r.period)) == r.unit

        return [r for r in given if counts(r)]

    def owing(self, task: Task) -> frozenset[str]:
        """The units that each make their own record of a task: the members (and members'
        members) of the groups that lead it."""
        found: set[str] = set()
        todo = [u for n in task.lead if (u := self.lookup(task.org, n))]
        while todo:
            members = self.members(todo.pop())
            found |= {m.name for m in members if not self.members(m)}
            todo += [m for m in members if self.members(m)]
        return frozenset(found)

    def unit_of_record(self, task: Task, name: str | None) -> Unit | None:
        """The unit a record of the task is for: named, and one of the task's; required when a
        group with members leads, since each member hands in its own."""
        if name is None:
            if any((u := self.lookup(task.org, n)) and self.members(u) for n in task.lead):
                lead = "、".join(task.lead)
                raise RemindError(
                    _("{task} is led by {lead}, a group: say which unit did it with --unit").format(
                        task=task.id, lead=lead
                    )
                )
            return None
        unit = self.find(name)
        if not self.tasks_of([task], [unit]):
            units = "、".join((*task.lead, *task.support))
            raise RemindError(
                _("{task} is not a duty of {unit}; its units are {units}").format(
                    task=task.id, unit=unit.name, units=units
                )
            )
        return unit

    def tasks_for(
        self, tasks: Iterable[Task], units: Iterable[Unit], *, lead_only: bool
    ) -> list[Task]:
        """`tasks_of` these units, or every task when no unit is named."""
        units = list(units)
        if not units:
            return list(tasks)
        return self.tasks_of(tasks, units, lead_only=lead_only)

    def task_count(self, tasks: Iterable[Task], unit: Unit) -> tuple[int, int]:
        """How many tasks a unit sees as lead and as support."""
        mine = self.memberships(unit)
        lead = support = 0
        for task in tasks:
            if {(task.org, n) for n in task.lead} & mine:
                lead += 1
            elif {(task.org, n) for n in task.support} & mine:
                support += 1
        return lead, support


def _as_role(task: Task, *, supporting: bool) -> Task:
    return task if task.supporting == supporting else replace(task, supporting=supporting)


def _named(task: Task, lead_only: bool) -> set[UnitKey]:
    names = task.lead if lead_only else (*task.lead, *task.support)
    return {(task.org, name) for name in names}


GROUP_MARK = "各"  # 各承办单位, 各区人民政府, 各相关处室: the plans' words for a group of units


def empty_groups(directory: Directory, tasks: Iterable[Task]) -> list[tuple[Unit, int]]:
    """The groups (a unit named 各…) that tasks name but no unit belongs to, each with how many
    tasks name it: those duties reach nobody until the task list says who its members are."""
    found = []
    for unit in directory.units.values():
        if not unit.name.startswith(GROUP_MARK) or directory.members(unit):
            continue
        lead, support = directory.task_count(tasks, unit)
        if lead + support:
            found.append((unit, lead + support))
    return found
