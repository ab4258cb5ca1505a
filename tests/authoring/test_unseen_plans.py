"""remind extract on plans in formats the bundled five never use, scored against keys made by
hand: a Markdown table with a preamble duty, labels on lines of their own with a stage and a
page break, and a 通知 whose annex is a tab-separated table under a carry-over rule.

Each plan in tests/data/plans/unseen has a NAME.key.toml beside it: every clause, its lead and
support units, and its schedules in the phrase corpus's notation ("none": a standing duty).
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from remind.authoring.extract import draft_tasks, plan_date
from remind.storage.holidays import china
from tests.authoring.test_phrases import summary
from tests.conftest import DATA

UNSEEN = sorted((DATA / "plans" / "unseen").glob("*.txt")) + sorted(
    (DATA / "plans" / "unseen").glob("*.md")
)


@dataclass
class Score:
    clauses: int = 0  # in the key
    found: int = 0  # drafted under the key's label
    leads: int = 0  # found, with the key's lead units
    units: int = 0  # found, with the key's lead and support units
    schedules: int = 0  # found, with the key's schedules
    wrong_dates: int = 0  # drafts with a date the key does not give
    extra: int = 0  # clauses drafted that the key does not have


def score(plan: Path) -> Score:
    key = tomllib.loads((plan.parent / f"{plan.stem}.key.toml").read_text(encoding="utf-8"))
    text = plan.read_text(encoding="utf-8")
    issued = plan_date(text)
    assert issued is not None
    drafted: dict[str, list[str]] = defaultdict(list)
    units: dict[str, tuple[set[str], set[str]]] = {}
    for draft in draft_tasks(text, year=issued.year, issued=issued, calendar=china()):
        label = draft.clause.label
        drafted[label].append(summary(draft.phrase.when) if draft.phrase else "none")
        units[label] = set(draft.clause.lead), set(draft.clause.support)
    result = Score(clauses=len(key["clause"]))
    for clause in key["clause"]:
        label = clause["label"]
        if label not in drafted:
            continue
        result.found += 1
        lead, support = units[label]
        result.leads += lead == set(clause.get("lead", []))
        result.units += (lead, support) == (set(clause.get("lead", [])),
                                            set(clause.get("support", [])))  # fmt: skip
        result.schedules += sorted(drafted[label]) == sorted(clause["schedules"])
        result.wrong_dates += sum(
            reading not in clause["schedules"] and reading != "none" for reading in drafted[label]
        )
    result.extra = len(set(drafted) - {c["label"] for c in key["clause"]})
    return result


def test_there_are_three_plans_and_their_keys() -> None:
    assert len(UNSEEN) >= 3
    assert all((p.parent / f"{p.stem}.key.toml").exists() for p in UNSEEN)


@pytest.mark.parametrize("plan", UNSEEN, ids=lambda p: p.name)
def test_an_unseen_plan_is_drafted_as_its_key_says(plan: Path) -> None:
    found = score(plan)
    print(f"{plan.name}: {found}")  # pytest -s shows the figures the README gives
    assert found.found == found.clauses
    assert found.extra == 0
    assert found.wrong_dates == 0
    assert found.leads / found.clauses >= 0.85
    assert found.schedules / found.clauses >= 0.75


def test_the_scorer_can_fail(tmp_path: Path) -> None:
    """A key with a wrong lead and a wrong date scores them as wrong."""
    plan = tmp_path / "plan.txt"
    plan.write_text("通知\n\n2025年3月1日\n\n一、报送材料。6月底前报送总结。\n牵头单位：法制处\n",
                    encoding="utf-8")  # fmt: skip
    (tmp_path / "plan.key.toml").write_text(
        '[[clause]]\nlabel = "一"\nlead = ["办公室"]\nschedules = ["deadline 2025-07-31"]\n',
        encoding="utf-8",
    )
    assert score(plan) == Score(clauses=1, found=1, leads=0, units=0, schedules=0, wrong_dates=1)
