from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from remind.cli import cli

TESTS = Path(__file__).parent
ROOT = TESTS.parent
DATA = TESTS / "data"
GOLDEN = TESTS / "golden"
BUNDLED = ROOT / "data" / "tasks.toml"  # the task list shipped with remind

Run = Callable[..., Result]


@pytest.fixture(autouse=True, scope="session")
def cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every run of the session keeps its checked task lists here, not in the user's cache."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REMIND_CACHE", str(folder))
        yield folder


@pytest.fixture
def tasks_file() -> Path:
    return DATA / "tasks.toml"


@pytest.fixture
def state_file(tmp_path: Path) -> Path:
    return tmp_path / "state.toml"


@pytest.fixture
def run(tasks_file: Path, state_file: Path) -> Run:
    """Runs the command line in an isolated environment: the test task list, a fresh state
    file, no colour, a fixed width."""

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        base = {
            "REMIND_TASKS": str(tasks_file),
            "REMIND_STATE": str(state_file),
            "NO_COLOR": "1",
            "COLUMNS": "120",
        }
        return CliRunner(env=base | (env or {})).invoke(cli, list(args), catch_exceptions=False)

    return invoke


def golden(name: str, actual: str | bytes) -> None:
    """Compare a whole output with tests/golden/NAME, byte for byte (an .ics keeps its CRLF);
    REMIND_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    if os.environ.get("REMIND_UPDATE_GOLDEN"):
        path.write_bytes(data)
    assert data == path.read_bytes()
