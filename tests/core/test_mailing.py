"""Who gets which digest, decided before anything is sent: the mailing plan as a pure function."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from remind.core.digest import Digest, Week, digests
from remind.core.mailing import Hold, plan
from remind.core.model import Sent, TaskList, Unit
from remind.core.records import State
from remind.core.units import Directory

TODAY = date(2025, 6, 20)
WEEK = Week.of(TODAY)


def week_of(tasklist: TaskList, name: str, today: date = TODAY) -> tuple[Unit, Digest]:
    directory = Directory(tasklist.units)
    unit = directory.find(name)
    since = today - timedelta(days=90)
    found = digests(tasklist, directory, State(), [unit], today=today, week=Week.of(today),
                    since=since)  # fmt: skip
    return unit, found[0]


def test_a_unit_with_an_address_gets_its_digest(tasklist: TaskList) -> None:
    unit, digest = week_of(tasklist, "市科技创新局")
    (outgoing,) = plan([(unit, digest)], State())
    assert outgoing.goes
    assert (outgoing.key, outgoing.to, outgoing.cc) == (
        "武汉/市科技创新局",
        ("kjj@example.org",),
        (),
    )


def test_no_address_is_held_but_a_preview_is_written(tasklist: TaskList) -> None:
    unit, digest = week_of(tasklist, "法制处")
    (held,) = plan([(unit, digest)], State())
    assert (held.hold, held.no_address) == (Hold.NO_ADDRESS, True)
    (preview,) = plan([(unit, digest)], State(), preview=True)
    assert preview.goes
    assert preview.no_address


def test_to_replaces_the_units_addresses(tasklist: TaskList) -> None:
    unit, digest = week_of(tasklist, "法制处")
    (outgoing,) = plan([(unit, digest)], State(), to=["me@example.org"])
    assert (outgoing.goes, outgoing.to) == (True, ("me@example.org",))


def test_a_week_already_sent_is_held_unless_forced(tasklist: TaskList) -> None:
    unit, digest = week_of(tasklist, "市科技创新局")
    earlier = Sent(
        "武汉/市科技创新局", WEEK.key, ("kjj@example.org",), datetime(2025, 6, 16, tzinfo=UTC)
    )
    state = State().mailed(earlier)
    (held,) = plan([(unit, digest)], state)
    assert (held.hold, held.earlier) == (Hold.SENT, earlier)
    (forced,) = plan([(unit, digest)], state, force=True)
    assert forced.goes
    (another_week,) = plan([(unit, digest)], State().mailed(replace(earlier, week="2025-W24")))
    assert another_week.goes


def test_an_empty_week_is_held_only_when_asked(tasklist: TaskList) -> None:
    unit = Directory(tasklist.units).find("市科技创新局")
    digest = Digest(unit.name, WEEK, TODAY, (), (), (), ())
    assert digest.empty
    (held,) = plan([(unit, digest)], State(), skip_empty=True)
    assert held.hold is Hold.EMPTY
    (sent,) = plan([(unit, digest)], State())
    assert sent.goes


def test_urging_copies_the_leader_but_not_on_a_trial(tasklist: TaskList) -> None:
    unit, digest = week_of(tasklist, "市科技创新局")
    assert digest.escalated  # the 2025-04 brief, long overdue
    leader = replace(unit, leader_email=("leader@example.org",))
    (outgoing,) = plan([(leader, digest)], State())
    assert (outgoing.cc, outgoing.uncopied) == (("leader@example.org",), False)
    (nobody,) = plan([(unit, digest)], State())
    assert (nobody.cc, nobody.uncopied) == ((), True)
    (trial,) = plan([(leader, digest)], State(), to=["me@example.org"])
    assert (trial.cc, trial.uncopied) == ((), False)
