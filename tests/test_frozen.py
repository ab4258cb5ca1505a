"""Frozen data, held by the type checker: mypy --strict refuses an assignment to a field of any
@frozen class, while the classes compare and hash by their fields as frozen dataclasses do."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from mypy import api

from remind.core.model import Deadline, Freq, OnDay, Recurring
from remind.core.workdays import WorkCalendar
from tests.conftest import ROOT

ASSIGNMENTS = [
    ("Deadline(date(2025, 6, 30))", "due", "date(2025, 7, 1)", "Deadline"),
    ("Recurring(Freq.MONTH, OnLastDay(), date(2025, 1, 1))", "until", "None", "Recurring"),
    ("WorkCalendar()", "source", '"edited"', "WorkCalendar"),
]


@pytest.mark.parametrize(("made", "field", "value", "kind"), ASSIGNMENTS)
def test_mypy_refuses_an_assignment_to_a_field(
    tmp_path: Path, made: str, field: str, value: str, kind: str
) -> None:
    snippet = tmp_path / "assign.py"
    snippet.write_text(
        "from datetime import date\n"
        "from remind.core.model import Deadline, Freq, OnLastDay, Recurring\n"
        "from remind.core.workdays import WorkCalendar\n"
        f"value = {made}\n"
        f"value.{field} = {value}\n",
        encoding="utf-8",
    )
    out, err, status = api.run([
        "--strict", "--no-incremental", "--follow-imports=silent",
        "--config-file", str(ROOT / "pyproject.toml"), "--python-version", "3.11", str(snippet),
    ])  # fmt: skip
    assert status == 1, out + err
    assert f'Property "{field}" defined in "{kind}" is read-only' in out


def test_frozen_classes_compare_and_hash_by_their_fields() -> None:
    first = Recurring(Freq.MONTH, OnDay(5), date(2025, 1, 1))
    again = Recurring(Freq.MONTH, OnDay(5), date(2025, 1, 1))
    assert first == again
    assert hash(first) == hash(again)
    assert {first: 1}[again] == 1  # tasks share their schedules through such a lookup
    assert Deadline(date(2025, 6, 30)) != Deadline(date(2025, 7, 1))


def test_a_calendar_is_one_by_identity() -> None:
    """A working-day calendar holds thousands of days: it is compared as itself, not by them."""
    assert WorkCalendar() != WorkCalendar()
    calendar = WorkCalendar()
    assert {calendar: 1}[calendar] == 1
