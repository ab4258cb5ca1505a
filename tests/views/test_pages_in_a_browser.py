"""The subscription page (index.html) as a clerk's browser lays it out: Debian's headless
Chromium, driven by Selenium, at a laptop's 1366 px, a desktop's 1920 px and a phone's 390 px.

The browser is the `browser` fixture of tests/conftest.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BUNDLED

WIDTHS = (1366, 1920, 390)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from remind.cli import cli

    folder = tmp_path_factory.mktemp("cal")
    result = CliRunner(env={"REMIND_STATE": str(folder.parent / "none.sqlite3")}).invoke(
        cli, ["--tasks", str(BUNDLED), "--today", "2025-06-20", "ical", "--all-units", "--dir",
              str(folder), "--base-url", "https://oa.example.org/督办/日历/"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return folder / "index.html"


LAYOUT = """
const rows = [...document.querySelectorAll('tr')].filter(r => r.querySelector('td'));
const line = parseFloat(getComputedStyle(rows[0].cells[0]).lineHeight);
return {
  overflow: document.documentElement.scrollWidth - window.innerWidth,
  rows: rows.length,
  broken: rows.filter(r => r.cells[0].getBoundingClientRect().height > 2.5 * line)
              .map(r => r.cells[0].textContent),
  unreachable: [...document.querySelectorAll('a')]
      .filter(a => a.getBoundingClientRect().right > window.innerWidth)
      .map(a => a.textContent),
  address: rows[0].cells[2].querySelector('code').textContent,
};
"""


@pytest.mark.parametrize("width", WIDTHS)
def test_the_subscription_page_fits_with_every_name_whole(
    browser: Any, page: Path, width: int
) -> None:
    browser.set_window_size(width, 900)
    browser.get(page.as_uri())
    found = browser.execute_script(LAYOUT)
    assert found["rows"] > 40
    assert found["overflow"] <= 0  # nothing off the right edge, no sideways scrolling
    assert found["unreachable"] == []  # every 订阅 and 下载 link on screen
    assert found["broken"] == []  # no unit name stacked a character a line
    assert found["address"].startswith("https://oa.example.org/督办/日历/")  # readable


def test_the_subscribe_link_stays_encoded(browser: Any, page: Path) -> None:
    browser.set_window_size(1366, 900)
    browser.get(page.as_uri())
    links = browser.execute_script(
        "return [...document.querySelectorAll('a')].map(a => a.getAttribute('href'))"
    )
    webcal = [link for link in links if link.startswith("webcal://")]
    assert webcal
    assert all(link.isascii() for link in webcal)  # what calendar programs are given
