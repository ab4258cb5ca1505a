"""Chinese on every screen: help, errors, warnings and click's own words, from the catalog;
English when it is asked for; and a catalog that holds every message of the code."""

from __future__ import annotations

import re
import sys

import pytest
from click.testing import CliRunner

from remind.cli import COMMANDS, cli
from remind.i18n import language_of
from remind.views.grid import width_of
from tests.conftest import BUNDLED, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import catalog


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "zh"),
        ({"LANG": "C"}, "zh"),
        ({"LANG": "C.UTF-8"}, "zh"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}, "zh"),
        ({"REMIND_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"REMIND_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"),
        ({"REMIND_LANG": "zh_CN"}, "zh"),
    ],
)
def test_chinese_unless_english_is_asked_for(environ: dict[str, str], language: str) -> None:
    assert language_of(environ) == language


def run(language: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        cli, ["--tasks", str(BUNDLED), *args], env={"REMIND_LANG": language, "COLUMNS": "80"}
    )
    return result.exit_code, result.stdout, result.stderr


# three English words in a row: a sentence left untranslated (option names, ids and paths
# are not words of this kind)
ENGLISH = re.compile(r"(?<![-\w/.])[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}(?![-\w/])")

MISTAKES = [
    ("due", "--bogus"),
    ("due", "--within", "forever"),
    ("--today", "2025-02-30", "due"),
    ("due", "--unit", "没有的处"),
    ("done", "no-such-task"),
    ("show",),
    ("digest", "--send", "--dry-run"),
    ("undo", "abc"),
    ("nonsense",),
]


@pytest.mark.parametrize("args", MISTAKES, ids=" ".join)
def test_a_mistake_is_told_in_chinese(args: tuple[str, ...]) -> None:
    code, _out, err = run("zh", "--today", "2025-06-20", *args)
    assert code == 2
    assert err.startswith(("错误：", "用法：")), err
    assert "Error:" not in err
    assert "Usage:" not in err
    assert not ENGLISH.search(err), err


@pytest.mark.parametrize("args", MISTAKES, ids=" ".join)
def test_the_same_mistake_in_english(args: tuple[str, ...]) -> None:
    code, _out, err = run("en", "--today", "2025-06-20", *args)
    assert code == 2
    assert "Error: " in err
    assert "错误" not in err


@pytest.mark.parametrize("command", [None, *sorted(COMMANDS)])
def test_every_help_is_chinese_and_fits_80_columns(command: str | None) -> None:
    code, out, _err = run("zh", *([command] if command else []), "--help")
    assert code == 0
    assert out.startswith("用法：")
    assert out[3] != " "  # no space after the full-width colon
    assert "选项" in out
    assert "Options" not in out
    assert "显示本帮助并退出" in out
    assert max(width_of(line) for line in out.splitlines()) <= 80
    prose = [line for line in out.splitlines() if not line.lstrip().startswith("remind ")]
    assert not ENGLISH.search("\n".join(prose)), out


def test_help_in_english_when_asked() -> None:
    code, out, _err = run("en", "due", "--help")
    assert code == 0
    assert out.startswith("Usage: ")
    assert "due [OPTIONS]" in out.splitlines()[0]
    assert "Show this message and exit." in out


def test_a_warning_is_chinese() -> None:
    _code, _out, err = run("zh", "--today", "2031-06-20", "due", "--unit", "周口/周口市科技局")
    assert err.startswith("警告："), err
    assert not ENGLISH.search(err), err


def test_the_catalog_holds_every_message_and_its_compiled_form_ships() -> None:
    assert catalog.missing() == []
    assert catalog.MO.read_bytes() == catalog.compiled()
