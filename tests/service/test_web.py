"""The 督办 service through Starlette's test client: who may open what, the clerk's form and
its cross-site guard, the coordinator's board and log, the calendars, and the JSON API."""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote_plus

import pytest
from starlette.testclient import TestClient

from remind.core import records
from remind.service import pages, web
from remind.service.site import Site
from remind.service.web import Guesses, create_app, redacted
from remind.storage import links
from remind.storage.store import opened
from remind.storage.workspace import Workspace
from tests.conftest import DATA

BEIJING = timezone(timedelta(hours=8))
NOON = datetime(2025, 6, 20, 12, tzinfo=BEIJING)  # a Friday
UNITS = ("法制处", "市发改委", "市科技创新局", "江岸区人民政府")


class Bureau:
    """A task list, its record store, a link for each of UNITS and the coordinator's, and
    the service over them."""

    def __init__(self, folder: Path) -> None:
        self.tasks = folder / "tasks.toml"
        self.tasks.write_text((DATA / "tasks.toml").read_text(encoding="utf-8"), "utf-8")
        self.state = folder / "state.sqlite3"
        self.environ = {"REMIND_TASKS": str(self.tasks), "REMIND_STATE": str(self.state),
                        "REMIND_CACHE": str(folder / "cache")}  # fmt: skip
        workspace = Workspace(self.environ)
        self.token = {name: links.make(workspace, "/".join(workspace.directory.find(name).key), NOON)
                      for name in UNITS}  # fmt: skip
        self.coordinator = links.make(workspace, links.COORDINATOR, NOON)
        self.site = Site(self.environ, clock=lambda: NOON)
        self.client = TestClient(create_app(self.site, secret=b"k" * 32), base_url="http://svc")

    def page(self, name: str) -> str:
        response = self.client.get(f"/u/{self.token[name]}")
        assert response.status_code == 200, response.text
        return str(response.text)

    def form(self, name: str, **fields: str) -> tuple[str, dict[str, str]]:
        """The record form of `name`'s page for the occurrence of task `fields['task']`."""
        page = self.page(name)
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
        assert csrf
        unit = re.search(r'name="unit" value="([^"]+)"', page)
        assert unit
        values = {"csrf": csrf[1], "unit": unit[1], "done": "2025-06-19", "by": "王敏"} | fields
        return f"/u/{self.token[name]}/done", values


@pytest.fixture
def bureau(tmp_path: Path) -> Bureau:
    return Bureau(tmp_path)


SAME_SITE = {"Origin": "http://svc", "Sec-Fetch-Site": "same-origin"}


def test_a_clerk_sees_the_units_duties_as_remind_due_lists_them(bureau: Bureau) -> None:
    page = bureau.page("市发改委")
    assert "<h1>市发改委</h1>" in page
    assert "报送统计数据" in page
    assert "（stats）" in page
    assert "截止 2025-06-05 周四" in page
    assert "逾期15天" in page
    assert '<span class="urged">催办</span>' in page
    assert "牵头：市发改委" in page
    assert "配合：市科技创新局" in page
    assert "/cal/" in page
    assert "webcal://" in page
    support = bureau.page("市科技创新局")  # 倒排工期: a support unit's earlier date
    assert "向市发改委报送；牵头截止5月5日" in support
    assert "另有11项更早的逾期事项未列出" in bureau.page("法制处")
    member = bureau.page("江岸区人民政府")  # a member of 各承办单位
    assert "报送办理工作简报" in member
    assert "（stats）" not in member


def test_a_long_list_shows_as_many_rows_as_remind_due(
    bureau: Bureau, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "ROWS", 1)
    page = bureau.page("市发改委")
    assert page.count('<section class="item') == 1
    assert '另有1项未列出：<a href="?all=1">显示全部</a>' in page
    every = bureau.client.get(f"/u/{bureau.token['市发改委']}?all=1").text
    assert every.count('<section class="item') == 2
    assert "显示全部" not in every


def test_older_overdue_duties_are_shown_and_recorded_on_asking(bureau: Bureau) -> None:
    token = bureau.token["法制处"]
    page = bureau.page("法制处")
    assert "近期没有到期事项" in page
    assert '项更早的逾期事项未列出：<a href="?earlier=1">显示并登记</a>' in page
    earlier = bureau.client.get(f"/u/{token}?earlier=1").text
    assert "截止 2022-05-31" in earlier  # the oldest, as remind due --since lists it
    assert earlier.count('action="/u/' + token + '/done"') >= 11
    assert "更早的逾期事项未列出" not in earlier


def test_a_digests_link_opens_that_items_form(bureau: Bureau) -> None:
    page = bureau.client.get(f"/u/{bureau.token['市发改委']}?open=stats--2025-05").text
    sections = re.findall(r'<section class="item [a-z]+" id="([^"]+)">.*?<details( open)?>',
                          page, re.DOTALL)  # fmt: skip
    assert ("stats--2025-05", " open") in sections
    assert ("stats--2025-04", "") in sections  # the others stay closed
    assert "<details open>" not in bureau.page("市发改委")


def test_a_record_from_the_form_is_kept_with_its_feedback_and_shown(bureau: Bureau) -> None:
    path, fields = bureau.form("市发改委", task="stats", period="2025-05", uid="form-stats-1",
                               progress="已完成初稿", problems="数据未齐", next_steps="6月底报送",
                               help_needed="统计局提供数据", note="发改〔2025〕3号")  # fmt: skip
    answer = bureau.client.post(path, data=fields, headers=SAME_SITE, follow_redirects=False)
    assert answer.status_code == 303
    assert "said=" in answer.headers["location"]
    (record,) = opened(bureau.state).load().records
    assert (record.task, record.period, record.done_on, record.by, record.unit) == (
        "stats", "2025-05", date(2025, 6, 19), "王敏", "",
    )  # fmt: skip
    assert record.feedback.problems == "数据未齐"
    assert record.feedback.help_needed == "统计局提供数据"
    assert record.origin.startswith("testclient")
    again = bureau.client.post(path, data=fields, headers=SAME_SITE, follow_redirects=False)
    assert again.status_code == 303  # the same form sent twice: one record
    nobody = fields | {"by": "", "uid": "form-stats-2", "period": "2025-04"}
    refused = bureau.client.post(path, data=nobody, headers=SAME_SITE, follow_redirects=False)
    assert "经办人" in unquote_plus(refused.headers["location"])
    assert len(opened(bureau.state).load().records) == 1
    shown = bureau.page("市发改委")
    assert "#1 2025-06-19 已办（王敏）" in shown
    assert "存在问题：数据未齐" in shown  # the clerk sees the 反馈 given
    later = fields | {"done": "2025-06-21", "uid": "form-stats-3", "period": "2025-04"}
    refused = bureau.client.post(path, data=later, headers=SAME_SITE, follow_redirects=False)
    assert "办结日期 2025-06-21 晚于今天（2025-06-20）" in unquote_plus(refused.headers["location"])
    log = bureau.client.get(f"/u/{bureau.coordinator}/log").text
    for shown in ("数据未齐", "需协调事项：", "统计局提供数据", "testclient"):
        assert shown in log


TARGETED = """
[[tasks]]
id = "fgw-firms"
title = "培育高新技术企业"
source = "plan"
lead = ["市发改委"]
support = ["市科技创新局"]
target = "新增高新技术企业200家；研发投入增长10%"
ongoing = true
"""


def test_a_reading_of_a_target_is_reported_from_the_page(bureau: Bureau) -> None:
    with bureau.tasks.open("a", encoding="utf-8") as tasks:
        tasks.write(TARGETED)
    page = bureau.page("市发改委")
    assert "<h2>序时进度</h2>" in page
    assert "新增高新技术企业200家（fgw-firms#1）" in page
    assert "累计完成（家）" in page
    assert "累计完成（%）" in page
    assert "报送进度" not in bureau.page("市科技创新局")  # it supports: the lead reports
    path, fields = bureau.form("市发改委")
    fields |= {"task": "fgw-firms", "item": "1", "value": "120家", "done": "2025-06-18",
               "by": "李娜", "note": "统计局月报", "uid": "reading-1"}  # fmt: skip
    path = path.replace("/done", "/progress")
    answer = bureau.client.post(path, data=fields, headers=SAME_SITE, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    assert "said=" in answer.headers["location"]
    bureau.client.post(path, data=fields, headers=SAME_SITE)  # sent twice: one reading
    (reading,) = opened(bureau.state).load().readings
    assert (reading.task, reading.item, reading.value, reading.on, reading.by) == (
        "fgw-firms", 1, Decimal(120), date(2025, 6, 18), "李娜",
    )  # fmt: skip
    assert "最新 120家（06-18）" in bureau.page("市发改委")
    for value, said in (("12亿元", "give the number in 家, like 12家"), ("1e9", "expected a number"),
                        ("", "expected a number")):  # fmt: skip
        bad = fields | {"value": value, "uid": f"reading-{value}"}
        refused = bureau.client.post(path, data=bad, headers=SAME_SITE, follow_redirects=False)
        assert said in unquote_plus(refused.headers["location"]), value
    for item in ("x", "0", "٣", "99"):
        bad = fields | {"item": item, "uid": f"reading-item-{item}"}
        refused = bureau.client.post(path, data=bad, headers=SAME_SITE, follow_redirects=False)
        assert "error=" in refused.headers["location"], item
    theirs = fields | {"uid": "reading-x"}
    path_of_support, support_fields = bureau.form("市科技创新局")
    refused = bureau.client.post(path_of_support.replace("/done", "/progress"),
                                 data=theirs | {"csrf": support_fields["csrf"]},
                                 headers=SAME_SITE, follow_redirects=False)  # fmt: skip
    assert "error=" in refused.headers["location"]
    assert len(opened(bureau.state).load().readings) == 1


def test_a_group_members_record_is_its_own(bureau: Bureau) -> None:
    path, fields = bureau.form("江岸区人民政府", task="brief", period="2025-06")
    bureau.client.post(path, data=fields, headers=SAME_SITE)
    (record,) = opened(bureau.state).load().records
    assert record.unit == "江岸区人民政府"
    assert "#1 2025-06-19 已办" in bureau.page("江岸区人民政府")
    assert "#1 " not in bureau.page("市科技创新局")  # another member still owes its brief


def test_a_clerk_takes_back_the_units_own_record_only(bureau: Bureau) -> None:
    path, fields = bureau.form("江岸区人民政府", task="brief", period="2025-06")
    bureau.client.post(path, data=fields, headers=SAME_SITE)
    page = bureau.page("市发改委")
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert csrf
    theirs = {"csrf": csrf[1], "number": "1"}
    refused = bureau.client.post(f"/u/{bureau.token['市发改委']}/undo", data=theirs,
                                 headers=SAME_SITE, follow_redirects=False)  # fmt: skip
    assert "error=" in refused.headers["location"]
    assert len(opened(bureau.state).load().records) == 1
    mine = {"csrf": fields["csrf"], "number": "1"}
    bureau.client.post(f"/u/{bureau.token['江岸区人民政府']}/undo", data=mine, headers=SAME_SITE)
    assert opened(bureau.state).load().records == ()


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"},
        {"Origin": "http://evil.example"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://svc"},
        {},  # neither Origin nor Referer: not known to come from the page
    ],
)
def test_a_cross_site_post_records_nothing(bureau: Bureau, headers: dict[str, str]) -> None:
    path, fields = bureau.form("市发改委", task="stats", period="2025-05")
    answer = bureau.client.post(path, data=fields, headers=headers, follow_redirects=False)
    assert answer.status_code == 403
    assert opened(bureau.state).load().records == ()


def test_a_form_without_the_pages_field_records_nothing(bureau: Bureau) -> None:
    path, fields = bureau.form("市发改委", task="stats", period="2025-05")
    answer = bureau.client.post(path, data=fields | {"csrf": "0" * 64}, headers=SAME_SITE)
    assert answer.status_code == 403
    assert opened(bureau.state).load().records == ()


def test_what_anyone_typed_is_shown_as_text(bureau: Bureau) -> None:
    text = bureau.tasks.read_text(encoding="utf-8")
    text = text.replace('title = "报送统计数据"', 'title = "<script>alert(1)</script>报送统计数据"')
    bureau.tasks.write_text(text, "utf-8")
    path, fields = bureau.form("市发改委", task="stats", period="2025-05",
                               note='<img src=x onerror="alert(2)">', by="<b>王</b>")  # fmt: skip
    bureau.client.post(path, data=fields, headers=SAME_SITE)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;报送统计数据" in bureau.page("市发改委")
    for page in (bureau.page("市发改委"), bureau.client.get(f"/u/{bureau.coordinator}/log").text,
                 bureau.page("市科技创新局")):  # fmt: skip
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "<b>王</b>" not in page
    assert "&lt;b&gt;王&lt;/b&gt;" in bureau.client.get(f"/u/{bureau.coordinator}/log").text


def test_each_token_opens_its_own_unit_only(bureau: Bureau) -> None:
    """The matrix: each token against each unit's pages and API calls."""
    client = bureau.client
    for name, token in bureau.token.items():
        assert client.get(f"/u/{token}").status_code == 200
        for page in ("log", "units/武汉/法制处"):
            assert client.get(f"/u/{token}/{page}").status_code == 404  # the coordinator's
        due = client.get("/api/v1/due", headers={"Authorization": f"Bearer {token}"}).json()
        assert due["units"] == [name]
        for n, other in enumerate(UNITS):
            record = {"id": f"matrix-{n}-{len(name)}", "task": "brief", "period": "2025-06",
                      "unit": f"武汉/{other}", "done": "2025-06-19", "by": "王敏"}  # fmt: skip
            answer = client.post("/api/v1/records", json=record,
                                 headers={"Authorization": f"Bearer {token}"})  # fmt: skip
            if other != name:
                assert answer.status_code == 404, (name, other)
    kept = {r.uid for r in opened(bureau.state).load().records}
    assert kept
    assert kept <= {f"matrix-{n}-{len(u)}" for n, u in enumerate(UNITS)}  # own only
    coordinator = bureau.coordinator
    assert "督办总览" in client.get(f"/u/{coordinator}").text
    for name in UNITS:
        seen = client.get(f"/u/{coordinator}/units/武汉/{name}")
        assert seen.status_code == 200
        assert f"<h1>{name}</h1>" in seen.text
    for wrong in ("x" * 32, bureau.token["法制处"][:-1] + "A", "", "%00"):
        assert client.get(f"/u/{wrong}").status_code == 404
        assert (
            client.get("/api/v1/due", headers={"Authorization": f"Bearer {wrong}"}).status_code
            == 404
        )


def test_a_rotated_link_stops_opening(bureau: Bureau) -> None:
    old = bureau.token["法制处"]
    workspace = Workspace(bureau.environ)
    new = links.make(workspace, "武汉/法制处", NOON)
    assert bureau.client.get(f"/u/{old}").status_code == 404
    assert bureau.client.get(f"/u/{new}").status_code == 200
    stored = opened(bureau.state).load().links
    assert all(k.digest not in (old, new) for k in stored)  # digests only
    assert links.digest(new) in {k.digest for k in stored}


def test_the_api_stores_a_record_sent_twice_once(bureau: Bureau) -> None:
    token = bureau.token["市发改委"]
    record = {"id": "c0ffee-0001-stats", "task": "stats", "period": "2025-05",
              "done": "2025-06-18", "by": "李", "note": "已报送", "progress": "完成"}  # fmt: skip
    headers = {"Authorization": f"Bearer {token}"}
    first = bureau.client.post("/api/v1/records", json=record, headers=headers)
    assert first.status_code == 201, first.text
    second = bureau.client.post("/api/v1/records", json=record, headers=headers)
    assert second.status_code == 200
    assert second.json()["number"] == first.json()["number"]
    (kept,) = opened(bureau.state).load().records
    assert (kept.uid, kept.feedback.progress) == ("c0ffee-0001-stats", "完成")
    due = bureau.client.get("/api/v1/due", headers=headers).json()
    assert [(i["task"], i["period"]) for i in due["items"]] == [("stats", "2025-04")]
    bad = bureau.client.post("/api/v1/records", json=record | {"id": "x"}, headers=headers)
    assert bad.status_code == 400
    assert "id" in bad.json()["error"]
    late = bureau.client.post("/api/v1/records", json=record | {"id": "c0ffee-0002", "done": "2025-07-01"},
                              headers=headers)  # fmt: skip
    assert late.status_code == 422  # after today
    nobody = bureau.client.post("/api/v1/records", json=record | {"id": "c0ffee-0003", "by": " "},
                                headers=headers)  # fmt: skip
    assert nobody.status_code == 422
    assert "经办人" in nobody.json()["error"]


def test_the_coordinators_program_names_a_unit_as_the_command_line_does(bureau: Bureau) -> None:
    headers = {"Authorization": f"Bearer {bureau.coordinator}"}
    record = {"id": "coord-0001", "task": "brief", "period": "2025-06", "done": "2025-06-18",
              "by": "督办系统"}  # fmt: skip
    answers = [bureau.client.post("/api/v1/records", headers=headers, json=record | {"unit": u})
               for u in ("武汉/市科技创新局", "市科技创新局", "市科技局")]  # fmt: skip
    assert [a.status_code for a in answers] == [201, 200, 200]  # one record, however named
    (kept,) = opened(bureau.state).load().records
    assert kept.unit == "市科技创新局"
    for named in ("没有这个处", "", "武汉/没有这个处"):
        answer = bureau.client.post("/api/v1/records", headers=headers,
                                    json=record | {"id": "coord-0002", "unit": named})  # fmt: skip
        assert answer.status_code == 404, named


def test_the_board_shows_a_record_at_the_next_request(bureau: Bureau) -> None:
    board = bureau.client.get(f"/u/{bureau.coordinator}").text
    assert "<svg" in board
    assert "按期办结率" in board

    def lead_done(page: str) -> list[str]:
        row = re.search(r"市发改委</a></td>(.*?)</tr>", page, re.DOTALL)
        assert row
        return re.findall(r"<td>([^<]*)</td>", row[1])

    before = lead_done(board)
    path, fields = bureau.form("市发改委", task="stats", period="2025-05", done="2025-06-10")
    bureau.client.post(path, data=fields, headers=SAME_SITE)
    after = lead_done(bureau.client.get(f"/u/{bureau.coordinator}").text)
    assert int(after[0]) == int(before[0]) - 1  # one overdue fewer
    assert int(after[3]) == int(before[3]) + 1  # done late


def test_a_page_kept_between_requests_still_changes_with_the_store(bureau: Bureau) -> None:
    first, again = bureau.page("市发改委"), bureau.page("市发改委")
    uids = re.findall(r'name="uid" value="([^"]+)"', first)
    assert uids
    assert set(uids).isdisjoint(
        re.findall(r'name="uid" value="([^"]+)"', again)
    )  # each page its own
    assert re.sub(r'name="uid" value="[^"]+"', "", first) == re.sub(
        r'name="uid" value="[^"]+"', "", again
    )
    other_process = Workspace(bureau.environ)  # remind done at the coordinator's terminal
    task = other_process.tasklist.task("stats")
    other_process.change(lambda current: records.record_done(
        current, other_process.directory, task, None, today=date(2025, 6, 20),
        since=date(2025, 1, 1), period="2025-05", on=date(2025, 6, 19), by="办公室"))  # fmt: skip
    shown = bureau.page("市发改委")
    assert "#1 2025-06-19 已办（办公室）" in shown
    other_process.change(lambda current: (current.remove(1, by="办公室", at=NOON)[0], None))
    assert "#1 2025-06-19" not in bureau.page("市发改委")  # taken back: seen at once too


def test_the_calendar_is_served_with_an_etag_and_304(bureau: Bureau) -> None:
    page = bureau.page("市发改委")
    found = re.search(r"http://svc(/cal/[^<\s]+\.ics)", page)
    assert found
    first = bureau.client.get(found[1])
    assert first.status_code == 200
    assert first.headers["content-type"] == "text/calendar; charset=utf-8"
    assert first.content.startswith(b"BEGIN:VCALENDAR")
    assert bureau.token["市发改委"] not in first.text
    assert b"SUMMARY:" in first.content
    again = bureau.client.get(found[1], headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert not again.content
    assert first.headers["last-modified"]
    private = bureau.client.get(f"/u/{bureau.token['市发改委']}/calendar.ics")
    assert private.status_code == 200
    assert private.content == first.content
    assert bureau.client.get("/cal/nobody.ics").status_code == 404


def test_an_edited_task_list_is_served_without_a_restart(bureau: Bureau) -> None:
    assert "报送统计数据" in bureau.page("市发改委")
    text = bureau.tasks.read_text(encoding="utf-8").replace("报送统计数据", "报送统计快报")
    bureau.tasks.write_text(text, "utf-8")
    assert "报送统计快报" in bureau.page("市发改委")


def test_a_broken_edit_keeps_the_last_good_list_served(
    bureau: Bureau, caplog: pytest.LogCaptureFixture
) -> None:
    good = bureau.tasks.read_text(encoding="utf-8")
    assert "报送统计数据" in bureau.page("市发改委")
    bureau.tasks.write_text(good.replace("报送统计数据", "报送统计快报") + "\n[[tasks]]\nid = 1\n")
    with caplog.at_level(logging.WARNING, logger="remind.serve"):
        assert "报送统计数据" in bureau.page("市发改委")
        assert "报送统计数据" in bureau.page("市发改委")
    (warned,) = caplog.records  # once for the edit, not at each request
    assert "tasks.toml:" in warned.getMessage()
    assert "still serving the task list as it was" in warned.getMessage()
    bureau.tasks.write_text(good.replace("报送统计数据", "报送统计快报"), "utf-8")
    assert "报送统计快报" in bureau.page("市发改委")


def test_guesses_are_slowed_after_ten() -> None:
    now = [0.0]
    guesses = Guesses(clock=lambda: now[0])
    for _ in range(9):
        guesses.wrong("10.0.0.9")
    assert guesses.delay("10.0.0.9") == 0
    guesses.wrong("10.0.0.9")
    assert guesses.delay("10.0.0.9") == 0.25
    for _ in range(10):
        guesses.wrong("10.0.0.9")
    assert guesses.delay("10.0.0.9") == 8.0  # at most
    assert guesses.delay("10.0.0.10") == 0  # another address is not
    now[0] += 601
    assert guesses.delay("10.0.0.9") == 0  # forgotten after ten minutes


def test_a_right_token_is_never_kept_waiting_by_guesses_from_its_address(
    bureau: Bureau, monkeypatch: pytest.MonkeyPatch
) -> None:
    waited: list[float] = []

    async def sleep(seconds: float) -> None:
        waited.append(seconds)

    monkeypatch.setattr("asyncio.sleep", sleep)
    for n in range(web.GUESSES_FREE + 3):
        assert bureau.client.get(f"/u/wrong-token-{n}").status_code == 404
    assert waited == [0.25, 0.5, 1.0]  # from the eleventh wrong answer on, longer each time
    waited.clear()
    assert bureau.client.get(f"/u/{bureau.token['法制处']}").status_code == 200
    assert waited == []


def test_a_forwarded_address_is_believed_from_this_machine_only(bureau: Bureau) -> None:
    said = {"X-Forwarded-For": "203.0.113.77", **SAME_SITE}
    path, fields = bureau.form("市发改委", task="stats", period="2025-05", uid="forwarded-1")
    bureau.client.post(path, data=fields, headers=said)
    nginx = TestClient(create_app(bureau.site, secret=b"k" * 32), base_url="http://svc",
                       client=("127.0.0.1", 40000))  # fmt: skip
    path, fields = bureau.form("市发改委", task="stats", period="2025-04", uid="forwarded-2")
    nginx.post(
        path, data=fields, headers={"X-Forwarded-For": "198.51.100.1, 10.1.2.3", **SAME_SITE}
    )
    origins = [r.origin for r in opened(bureau.state).load().records]
    assert origins[0].startswith("testclient")  # a client's own say is not believed
    assert "203.0.113.77" not in origins[0]
    assert origins[1].startswith("10.1.2.3")  # what nginx in front saw


def test_stale_guessers_are_forgotten_when_many_guess(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web, "ADDRESSES_KEPT", 100)
    now = [0.0]
    guesses = Guesses(clock=lambda: now[0])
    for n in range(100):
        guesses.wrong(f"10.0.0.{n}")
    now[0] = web.GUESS_WINDOW + 1
    guesses.wrong("10.0.1.1")
    assert list(guesses.seen) == ["10.0.1.1"]


def test_the_log_never_shows_a_token(bureau: Bureau, caplog: pytest.LogCaptureFixture) -> None:
    from remind.service.web import access_log

    client = TestClient(access_log(create_app(bureau.site)), base_url="http://svc")
    with caplog.at_level(logging.INFO, logger="remind.serve"):
        client.get(f"/u/{bureau.token['法制处']}")
        client.get(f"/u/{bureau.coordinator}/log")
        client.get("/u/not-a-token")
    assert len(caplog.records) == 3
    assert all(t not in caplog.text for t in (*bureau.token.values(), bureau.coordinator))
    assert "GET /u/… 200" in caplog.text
    assert "GET /u/… 404" in caplog.text
    assert redacted("/u/abc/done") == "/u/…/done"


def test_the_chart_leaves_room_for_the_longest_name() -> None:
    from remind.core.board import Tally

    rows = [pages.BoardRow(name, "", "绿", "green", Tally(on_time=3, late=1), Tally(), 0.75)
            for name in ("法制处", "武汉临空港经济技术开发区管委会")]  # fmt: skip
    drawn = pages.chart(rows)
    label_ends = [
        float(x) for x in re.findall(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="end"', drawn)
    ]
    assert all(end >= 12 * len("武汉临空港经济技术开发区管委会") for end in label_ends)
    assert re.search(r'viewBox="0 0 640 ', drawn)  # the bars shorten; the chart keeps its size
