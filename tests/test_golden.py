"""What users receive, whole, as golden files: a unit's calendar, its week as text, Markdown
and HTML, and the subscription page of the published folder. On the bundled list with records,
as the README's tour leaves them; REMIND_UPDATE_GOLDEN=1 writes them anew for review."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BUNDLED, DATA, Run, golden, stored

TODAY = "2025-06-24"


@pytest.fixture
def state_file(tmp_path: Path) -> Path:
    """The records of tests/data/state-bundled.toml, in a store each test may change."""
    store = tmp_path / "state.sqlite3"
    stored(DATA / "state-bundled.toml", store)
    return store


@pytest.fixture
def tasks_file() -> Path:
    return BUNDLED


def test_a_units_calendar(run: Run) -> None:
    # 2022: the year both 法制处's plans are in force, the 2021 notice to May and the 要点 after
    result = run("--today", "2022-06-24", "ical", "--unit", "法制处")
    assert result.exit_code == 0, result.stderr
    golden("法制处.ics", result.stdout_bytes)


@pytest.mark.parametrize(("output_format", "name"),
                         [("text", "digest.txt"), ("markdown", "digest.md"), ("html", "digest.html")])  # fmt: skip
def test_a_units_week(run: Run, output_format: str, name: str) -> None:
    result = run("--today", TODAY, "digest", "--unit", "市科技创新局", "--format", output_format)
    assert result.exit_code == 0, result.stderr
    golden(name, result.stdout)


def test_the_subscription_page(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "cal"
    result = run("--today", TODAY, "ical", "--all-units", "--dir", str(folder),
                 "--base-url", "https://oa.example.org/remind/")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    golden("index.html", (folder / "index.html").read_text(encoding="utf-8"))
