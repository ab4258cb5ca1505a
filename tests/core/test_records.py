"""Recording, taking back and listing, as pure functions of the state: what `remind done`, a
web form or the JSON API all call, tested without the command line."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from remind.core.model import Record, TaskList
from remind.core.records import Receipt, State, log, problems, record_done
from remind.core.units import Directory
from remind.errors import RemindError

TODAY, SINCE = date(2025, 6, 20), date(2025, 3, 22)


def done(
    tasklist: TaskList, directory: Directory, state: State, task: str, *, unit: str | None = None,
    on: date = TODAY, period: str | None = None, by: str = "", note: str = "",
    recorded: datetime | None = None,
) -> tuple[State, Receipt]:  # fmt: skip
    found = tasklist.task(task)
    whose = directory.unit_of_record(found, unit)
    return record_done(state, directory, found, whose, today=TODAY, since=SINCE, on=on,
                       period=period, by=by, note=note, recorded=recorded)  # fmt: skip


def test_without_a_period_the_one_of_the_day_it_was_done_is_taken_and_said(
    tasklist: TaskList, directory: Directory
) -> None:
    state, receipt = done(tasklist, directory, State(), "stats", by="张敏", note="已报送")
    assert receipt.chosen
    assert receipt.current
    assert receipt.occurrence.period == "2025-06"  # June's: done on 20 June
    assert receipt.record == Record("stats", "2025-06", TODAY, "张敏", "已报送", id=1)
    assert receipt.days_late == 0
    assert state.records == (receipt.record,)
    assert state.last_id == 1


def test_when_that_one_is_done_the_first_open_occurrence_is_taken(
    tasklist: TaskList, directory: Directory
) -> None:
    state, _ = done(tasklist, directory, State(), "stats", period="2025-06")
    _, receipt = done(tasklist, directory, state, "stats")
    assert receipt.chosen
    assert not receipt.current
    assert receipt.occurrence.period == "2025-04"  # the first open, due 5 May
    assert receipt.days_late == (TODAY - date(2025, 5, 5)).days


def test_a_day_in_a_period_before_the_look_back_still_names_its_own(
    tasklist: TaskList, directory: Directory
) -> None:
    _, receipt = done(tasklist, directory, State(), "stats", on=date(2025, 5, 20))
    assert receipt.occurrence.period == "2025-05"


def test_a_named_period_on_time_is_not_late(tasklist: TaskList, directory: Directory) -> None:
    _, receipt = done(tasklist, directory, State(), "stats", period="2025-05", on=date(2025, 6, 3))
    assert not receipt.chosen
    assert receipt.days_late == 0


def test_a_second_record_for_an_occurrence_that_needs_one_is_refused(
    tasklist: TaskList, directory: Directory
) -> None:
    state, _ = done(tasklist, directory, State(), "stats", period="2025-05")
    with pytest.raises(RemindError, match="already done"):
        done(tasklist, directory, state, "stats", period="2025-05")


def test_a_count_is_counted(tasklist: TaskList, directory: Directory) -> None:
    today = date(2022, 6, 25)
    found = tasklist.task("visits")
    state, first = record_done(State(), directory, found, None, today=today,
                               since=date(2022, 6, 1), period="2022-06", on=today)  # fmt: skip
    state, second = record_done(state, directory, found, None, today=today,
                                since=date(2022, 6, 1), period="2022-06", on=today)  # fmt: skip
    assert (first.count, second.count, found.needed) == (1, 2, 2)
    assert [r.id for r in state.records] == [1, 2]


def test_a_day_after_today_is_refused(tasklist: TaskList, directory: Directory) -> None:
    with pytest.raises(RemindError, match="after today"):
        done(tasklist, directory, State(), "stats", on=date(2025, 6, 21))


def test_a_group_lead_needs_the_unit_and_the_record_is_for_it(
    tasklist: TaskList, directory: Directory
) -> None:
    with pytest.raises(RemindError, match="a group: say which unit"):
        done(tasklist, directory, State(), "brief")
    state, receipt = done(tasklist, directory, State(), "brief", unit="江岸区", period="2025-05",
                          recorded=datetime(2025, 6, 20, 9, 0, tzinfo=UTC))  # fmt: skip
    assert receipt.record.unit == "江岸区人民政府"
    # the same month of the same duty is still open for another member of the group
    _, other = done(tasklist, directory, state, "brief", unit="市科技创新局", period="2025-05")
    assert other.count == 1


def test_undo_takes_back_the_last_or_the_named_record_and_never_reuses_a_number(
    tasklist: TaskList, directory: Directory
) -> None:
    state, _ = done(tasklist, directory, State(), "stats", period="2025-04")
    state, _ = done(tasklist, directory, state, "stats", period="2025-05")
    state, removed = state.remove(None)
    assert removed.id == 2
    state, _ = done(tasklist, directory, state, "stats", period="2025-05")
    assert [r.id for r in state.records] == [1, 3]
    with pytest.raises(RemindError, match="no record #7"):
        state.remove(7)


def test_undo_without_a_number_takes_back_only_ones_own_last_record(
    tasklist: TaskList, directory: Directory
) -> None:
    """In a shared store the last record made may be a colleague's."""
    state, mine = done(tasklist, directory, State(), "stats", period="2025-04", by="王")
    state, theirs = done(tasklist, directory, state, "stats", period="2025-05", by="李")
    with pytest.raises(RemindError, match="no record made by 张 to take back"):
        state.remove(None, by="张")
    with pytest.raises(RemindError, match="without a name"):
        state.remove(None)
    state, removed = state.remove(None, by="王")
    assert removed == mine.record
    state, removed = state.remove(theirs.record.id, by="王")  # by its number: anyone's
    assert removed == theirs.record
    assert [u.by for u in state.undos] == ["王", "王"]


def test_the_log_of_a_unit_and_since_a_day(tasklist: TaskList, directory: Directory) -> None:
    state, _ = done(tasklist, directory, State(), "stats", period="2025-04", on=date(2025, 5, 2))
    state, _ = done(tasklist, directory, state, "halfyear", unit="江岸区",
                    on=date(2025, 6, 10))  # fmt: skip
    everything = log(state.records, tasklist, directory, [])
    assert [line.record.task for line in everything] == ["stats", "halfyear"]
    assert [line.days_late for line in everything] == [0, 0]
    mine = log(state.records, tasklist, directory, [directory.find("市发改委")])
    assert [line.record.task for line in mine] == ["stats"]
    later = log(state.records, tasklist, directory, [], since=date(2025, 6, 1))
    assert [line.record.task for line in later] == ["halfyear"]


def test_records_of_what_the_list_lacks_are_named(tasklist: TaskList) -> None:
    kept = (Record("gone", "2025-05", TODAY, id=1), Record("stats", "2024-01", TODAY, id=2))
    assert problems(kept, (), tasklist, "state.toml") == [
        f"state.toml: record #1: task 'gone' is not in {tasklist.path}",
        f"state.toml: record #2: task 'stats' has no period '2024-01' in {tasklist.path}",
    ]
