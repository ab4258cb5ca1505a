"""`remind serve` as its own process on 127.0.0.1: it answers over a real socket, a record a
clerk posts is on the coordinator's board at the next request, its log names no token, and it
stops cleanly on SIGTERM."""

from __future__ import annotations

import re
import signal
import urllib.parse
import urllib.request
from pathlib import Path

from tests.service.conftest import Served, remind, start, stop

UNIT = "武汉/市发改委"


def post_form(served: Served, path: str, fields: dict[str, str]) -> str:
    """POST a form as the page's own browser does (its Origin), following the 303."""
    body = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(served.base + path, data=body, method="POST",
                                     headers={"Origin": served.base})  # fmt: skip
    with urllib.request.urlopen(request, timeout=10) as answer:
        return str(answer.read().decode("utf-8"))


def field(page: str, name: str) -> str:
    """The value of the page's first field called `name`."""
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, name
    return found[1]


def test_a_clerk_records_and_the_board_shows_it_at_the_next_request(served: Served) -> None:
    token = served.token["市发改委"]
    status, headers, page = served.get(f"/u/{token}")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert "<h1>市发改委</h1>" in page
    board_before = served.get(f"/u/{served.coordinator}")[2]
    said = post_form(served, f"/u/{token}/done", {
        "csrf": field(page, "csrf"), "unit": UNIT, "task": field(page, "task"),
        "period": field(page, "period"),
        "uid": "process-test-1", "done": "2025-06-19", "by": "王敏", "note": "已报送",
        "progress": "进展顺利，已完成初稿",
    })  # fmt: skip
    assert "已登记：" in said
    status, _, log_page = served.get(f"/u/{served.coordinator}/log")
    assert status == 200
    assert "王敏" in log_page
    assert "进展顺利，已完成初稿" in log_page
    assert "127.0.0.1" in log_page  # where the record came from
    assert served.get(f"/u/{served.coordinator}")[2] != board_before


def test_wrong_tokens_and_a_unit_elsewhere_are_missing_pages(served: Served) -> None:
    assert served.get("/u/" + "x" * 32)[0] == 404
    other = served.token["法制处"]
    assert served.get(f"/u/{other}/units/{UNIT}")[0] == 404  # not the coordinator
    status, _, body = served.get("/api/v1/due", Authorization=f"Bearer {other}")
    assert status == 200
    assert '"units": [' in body
    assert served.get("/api/v1/due", Authorization="Bearer wrong")[0] == 404


def test_a_calendar_unchanged_is_answered_304(served: Served) -> None:
    token = served.token["法制处"]
    status, headers, body = served.get(f"/u/{token}/calendar.ics")
    assert status == 200
    assert headers["content-type"] == "text/calendar; charset=utf-8"
    assert body.startswith("BEGIN:VCALENDAR")
    again = served.get(f"/u/{token}/calendar.ics", **{"If-None-Match": headers["etag"]})
    assert again[0] == 304


def test_its_log_names_no_token_and_sigterm_stops_it(tmp_path: Path) -> None:
    running = start(tmp_path)
    token = running.token["法制处"]
    assert running.get(f"/u/{token}")[0] == 200
    assert running.get(f"/u/{token}/calendar.ics")[0] == 200
    # uvicorn finishes the requests under way, then ends by the signal it was sent, as
    # systemd expects of a clean stop (SIGTERM is among its default success statuses)
    assert stop(running) in (0, -signal.SIGTERM)
    log = running.log.read_text(encoding="utf-8")
    assert "GET /u/… 200" in log
    assert "GET /u/…/calendar.ics 200" in log
    assert token not in log
    assert running.coordinator not in log


def test_a_port_in_use_is_one_line_before_anything_is_said(served: Served, tmp_path: Path) -> None:
    port = served.base.rsplit(":", 1)[1]
    tmp_path.joinpath("tasks.toml").write_text(
        served.log.parent.joinpath("tasks.toml").read_text(encoding="utf-8"), "utf-8"
    )
    second = remind(tmp_path, "serve", "--port", port)
    assert second.returncode == 2
    assert second.stdout == ""  # it never said it serves
    (line,) = second.stderr.strip().splitlines()
    assert f"127.0.0.1:{port}" in line
    assert "give another --port" in line or "请换一个 --port" in line
