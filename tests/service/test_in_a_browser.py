"""The service's pages in a real browser (the `browser` fixture: Debian's headless Chromium),
against `remind serve` running as its own process: at a phone's 390 px and a laptop's 1366 px
a clerk opens the unit's link, records a duty done with a 反馈, and the coordinator's board and
log show it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.service.conftest import Served

FITS = """
return {
  overflow: document.documentElement.scrollWidth - window.innerWidth,
  offscreen: [...document.querySelectorAll('a, button, summary, input, textarea')]
      .filter(e => e.offsetParent !== null)
      .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
      .map(e => e.outerHTML.slice(0, 80)),
};
"""
# the board's cells of one unit's row, by their column's heading
BOARD_ROW = """
const heads = [...document.querySelectorAll('tr th')].map(th => th.textContent);
const row = [...document.querySelectorAll('tr')].find(r => r.cells[0].textContent === arguments[0]);
return Object.fromEntries(heads.map((h, i) => [h, row.cells[i].textContent.trim()]));
"""


def fits(browser: Any) -> None:
    laid_out = browser.execute_script(FITS)
    assert laid_out["overflow"] <= 0  # no sideways scrolling
    assert laid_out["offscreen"] == []  # every link and field on screen


@pytest.mark.parametrize("width", [390, 1366])
def test_a_clerk_records_a_duty_with_its_feedback_and_the_board_shows_it(
    browser: Any, served: Served, width: int
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    browser.set_window_size(width, 900)
    browser.get(f"{served.base}/u/{served.coordinator}")
    fits(browser)
    before = browser.execute_script(BOARD_ROW, "市发改委")

    browser.get(f"{served.base}/u/{served.token['市发改委']}")
    fits(browser)
    item = browser.find_element(By.CSS_SELECTOR, "section.item details")  # the first open
    title = item.find_element(By.XPATH, "..").find_element(By.CLASS_NAME, "title").text
    item.find_element(By.TAG_NAME, "summary").click()
    fits(browser)  # the opened form fits too
    progress = f"已完成数据核对（{width}）"
    item.find_element(By.NAME, "by").send_keys("李娜")
    item.find_element(By.NAME, "note").send_keys("武发改〔2025〕12号")
    item.find_element(By.NAME, "progress").send_keys(progress)
    item.find_element(By.NAME, "help_needed").send_keys("<b>需统计局协调</b>")
    item.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    said = (
        WebDriverWait(browser, 10)
        .until(  # the answer to the form is a new page
            lambda b: b.find_element(By.CSS_SELECTOR, "[role=status]")
        )
        .text
    )
    assert said.startswith("已登记：")
    assert title.split("（")[0] in browser.page_source
    assert "已办（李娜）：武发改〔2025〕12号" in browser.find_element(By.TAG_NAME, "main").text

    browser.get(f"{served.base}/u/{served.coordinator}")
    after = browser.execute_script(BOARD_ROW, "市发改委")
    assert int(after["牵头 逾期办结"]) == int(before["牵头 逾期办结"]) + 1
    assert int(after["牵头 逾期"]) == int(before["牵头 逾期"]) - 1
    browser.find_element(By.LINK_TEXT, "办理记录").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/log"))
    fits(browser)
    log = browser.find_element(By.TAG_NAME, "main").text
    assert progress in log
    assert "<b>需统计局协调</b>" in log  # shown as typed, not as markup
    assert browser.find_elements(By.CSS_SELECTOR, "main b") == []
