"""The README's tour shows real output: each example that pins --today is run and compared."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from remind.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def examples() -> list[tuple[str, str]]:
    """(command, output) of each console block whose command pins --today."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.DOTALL):
        command, _, output = block.partition("\n")
        if command.startswith("$ remind ") and "--today" in command:
            found.append((command.removeprefix("$ remind "), output))
    return found


def test_the_readme_has_examples_to_check() -> None:
    assert len(examples()) >= 2


def test_the_readme_examples_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run as a story, as a clerk runs it in the project's folder: the bundled task list as
    data/tasks.toml, the records beside it, so `remind done` in one shows in the next
    `remind due`. Files they write land in a folder of their own."""
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "tasks.toml", tmp_path / "data" / "tasks.toml")
    monkeypatch.chdir(tmp_path)
    env = {
        "NO_COLOR": "1",
        "COLUMNS": "120",
        "REMIND_TASKS": "",
        "REMIND_STATE": "",
        "REMIND_LANG": "zh",
    }
    for command, output in examples():
        result = CliRunner(env=env).invoke(cli, shlex.split(command))
        assert result.exit_code == 0, f"remind {command}: {result.stderr}"
        shown = [line.rstrip() for line in result.stdout.splitlines()]
        assert shown == output.splitlines(), f"remind {command}"


def test_the_readme_test_command_is_what_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert '.venv/bin/pip install ".[test]" && .venv/bin/pytest' in README
    assert 'pip install --quiet ".[test]"' in ci
    assert '"$venv/bin/pytest"' in ci
