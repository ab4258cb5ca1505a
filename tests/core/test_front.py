"""The core's answers to what a front end asks, as pure functions: a unit's calendar, the board,
the next due dates, the occurrences to urge, a run of months, and the digests of a week."""

from __future__ import annotations

from datetime import date

from remind.core import board, feeds, month, schedule
from remind.core.digest import Week, digests
from remind.core.model import Record, TaskList
from remind.core.records import State
from remind.core.units import WHOLE_LIST, Directory

TODAY = date(2025, 6, 20)


def test_a_units_feed_knows_what_it_leads(tasklist: TaskList, directory: Directory) -> None:
    unit = directory.find("市科技创新局")
    tasks = directory.tasks_of(tasklist.tasks, [unit])
    found = feeds.feed(directory, [unit], tasks, (), TODAY, first=date(2025, 6, 1),
                       last=date(2025, 12, 31), warn_days=7)  # fmt: skip
    assert (found.name, found.owner, found.unit) == (
        "市科技创新局",
        "武汉/市科技创新局",
        "市科技创新局",
    )
    assert found.led is not None
    assert "inspection" in found.led
    assert "stats" not in found.led  # it supports 市发改委's statistics
    assert {e.occurrence.task.id for e in found.entries} >= {"inspection", "stats", "brief"}


def test_the_whole_lists_feed_is_everyones(tasklist: TaskList, directory: Directory) -> None:
    found = feeds.feed(directory, [], tasklist.tasks, (), TODAY, first=TODAY,
                       last=date(2025, 7, 31), warn_days=7)  # fmt: skip
    assert (found.name, found.owner, found.led, found.unit) == (WHOLE_LIST, "*", None, "")
    assert feeds.owner([directory.find("武汉/办公室"), directory.find("周口/办公室")]) == (
        "周口/办公室|武汉/办公室"
    )


def test_the_board_counts_this_year_worst_first(tasklist: TaskList, directory: Directory) -> None:
    state = State().add(Record("stats", "2025-04", date(2025, 5, 10)))[0]
    since = board.default_since(TODAY)
    rows, total = board.board(tasklist, directory, state, [], TODAY, since=since)
    assert since == date(2025, 1, 1)
    assert rows[0].light.value == "red"
    by_unit = {row.unit: row for row in rows}
    fagai = by_unit["市发改委"]
    assert (fagai.lead.late, fagai.lead.overdue) == (1, 1)  # April late; May overdue
    assert total.unit == "合计"
    assert total.lead.done == sum(row.lead.done for row in rows)


def test_next_due_and_the_occurrences_to_urge(tasklist: TaskList) -> None:
    found = schedule.next_due(tasklist.tasks, TODAY)
    assert found["stats"] == date(2025, 7, 5)  # June's figures, by the 5th of July
    assert found["halfyear"] == date(2025, 6, 30)
    assert "carriers" not in found  # an ongoing duty falls due never
    agenda = schedule.agenda(tasklist.tasks, (), TODAY, horizon=TODAY, since=date(2025, 3, 22),
                             warn_days=7)  # fmt: skip
    urged = schedule.urged(agenda.entries, TODAY, after=3)
    assert ("stats", "2025-04") in urged  # due 5 May: weeks overdue
    assert all(key in {(e.occurrence.task.id, e.occurrence.period) for e in agenda.entries}
               for key in urged)  # fmt: skip
    assert not schedule.urged(agenda.entries, TODAY, after=1000)


def test_months_step_across_the_year(tasklist: TaskList) -> None:
    shown = month.months(2025, 11, 3, tasklist.tasks, (), today=TODAY, tasklist=tasklist)
    assert [m.key for m in shown] == ["2025-11", "2025-12", "2026-01"]
    november = [cell for cell in shown[0].days() if cell.bands or cell.due]
    assert november  # the inspection runs over the whole month


def test_a_digest_per_unit_or_one_of_the_whole_list(
    tasklist: TaskList, directory: Directory
) -> None:
    week = Week.of(TODAY)
    whole = digests(tasklist, directory, State(), [], today=TODAY, week=week, since=TODAY)
    assert [d.unit for d in whole] == [WHOLE_LIST]
    units = [directory.find("市发改委"), directory.find("江岸区")]
    found = digests(tasklist, directory, State(), units, today=TODAY, week=week,
                    since=date(2025, 3, 22))  # fmt: skip
    assert [d.unit for d in found] == ["市发改委", "江岸区人民政府"]
    assert {e.occurrence.task.id for e in found[0].overdue} == {"stats"}
    duties = directory.duties(tasklist.tasks)
    at_once = digests(tasklist, directory, State(), units, today=TODAY, week=week,
                      since=date(2025, 3, 22), duties=duties)  # fmt: skip
    assert at_once == found
    assert directory.with_duties(duties) == [
        u for u in directory.units.values() if not directory.members(u) and duties[u.key]
    ]
