"""remind init: one task list and one set of records, whatever folder a clerk types in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from remind.cli import cli
from tests.conftest import DATA


def remind(*args: str, config: Path) -> Result:
    env = {"REMIND_TASKS": "", "REMIND_STATE": "", "REMIND_CONFIG": str(config), "NO_COLOR": "1"}
    return CliRunner(env=env).invoke(cli, ["--today", "2025-06-20", *args])


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "督办"
    (folder / "data").mkdir(parents=True)
    shutil.copy(DATA / "tasks.toml", folder / "data" / "tasks.toml")
    monkeypatch.chdir(folder)
    return folder


def test_after_init_the_records_are_the_same_from_any_folder(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir()
    config.write_text('[smtp]\nhost = "smtp.example.org"  # kept as it is\n', encoding="utf-8")
    made = remind("init", config=config)
    assert made.exit_code == 0, made.stderr
    assert str(project / "data" / "tasks.toml") in made.stdout
    text = config.read_text(encoding="utf-8")
    assert text.startswith('[smtp]\nhost = "smtp.example.org"  # kept as it is\n')
    assert "[files]" in text
    assert remind("done", "stats", "--period", "2025-05", config=config).exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    log = remind("log", config=config)
    assert log.exit_code == 0, log.stderr
    assert "办理记录 1 条" in log.stdout  # the record made in the project's folder
    check = remind("check", config=config).stdout.splitlines()
    assert check[0].startswith(f"{project / 'data' / 'tasks.toml'}（remind init 记下的任务清单）")
    assert check[1].startswith(
        f"{project / 'data' / 'state.sqlite3'}（remind init 记下的办理记录）"
    )
    again = remind("init", config=config)
    assert again.exit_code == 2
    assert "names a task list already" in again.stderr


def test_a_folder_of_its_own_and_the_options_still_win(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    assert remind("init", config=config).exit_code == 0
    other = tmp_path / "other"
    (other / "data").mkdir(parents=True)
    shutil.copy(DATA / "tasks.toml", other / "data" / "tasks.toml")
    monkeypatch.chdir(other)
    check = remind("check", config=config).stdout.splitlines()
    assert check[0].startswith("data/tasks.toml（当前文件夹的任务清单）")
    assert check[1].startswith("data/state.sqlite3（任务清单旁）")  # not the remembered store


def test_the_example_list_is_not_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    refused = remind("init", config=tmp_path / "config.toml")
    assert refused.exit_code == 2
    assert "the example list shipped with remind" in refused.stderr
    assert not (tmp_path / "config.toml").exists()


def test_a_config_that_only_mentions_files_is_not_read_as_naming_them(
    project: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('# remind init adds a [files] section here\n[smtp]\nhost = "x"\n', "utf-8")
    assert remind("check", config=config).exit_code == 0
    assert remind("init", config=config).exit_code == 0
    assert remind("--tasks", str(DATA / "tasks.toml"), "check", config=config).exit_code == 0
