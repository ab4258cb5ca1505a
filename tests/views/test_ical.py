"""remind ical: calendars for Outlook, read back by a parser other than the one that wrote them
(the `ical` package), compared with the schedule engine, and checked on their raw bytes."""

from __future__ import annotations

import os
import re
import threading
import urllib.request
from collections.abc import Iterator
from datetime import date, timedelta
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ical.calendar import Calendar
from ical.calendar_stream import IcsCalendarStream
from ical.event import Event

from remind.core import schedule
from remind.core.dates import add_months
from remind.core.units import Directory
from remind.storage import tasklist as store
from remind.storage.files import file_names, file_stem
from remind.views import ical
from tests.conftest import BUNDLED, DATA, Run

TODAY = "2025-06-20"


def parsed(data: bytes) -> Calendar:
    return IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))


def events_by_key(calendar: Calendar) -> dict[str, Event]:
    """Events by task id and period: the UID without the unit's tag and the domain."""
    return {event.uid.split("@")[0].rsplit(".", 1)[0]: event for event in calendar.events}


def required(value: str | None) -> str:
    """A property the event must have."""
    assert value is not None
    return value


def raw_events(data: bytes) -> list[list[str]]:
    """Each VEVENT's content lines, unfolded."""
    text = data.decode().replace("\r\n ", "")
    return [
        block.split("\r\n")
        for block in re.findall(r"BEGIN:VEVENT\r\n(.*?)\r\nEND:VEVENT", text, re.DOTALL)
    ]


def ical_of(run: Run, *args: str, today: str = TODAY) -> bytes:
    result = run("--today", today, "ical", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout_bytes


def edited(tmp_path: Path, *changes: tuple[str, str], append: str = "") -> Path:
    """The test task list with each (old, new) replaced, written to tmp_path."""
    text = (DATA / "tasks.toml").read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "tasks.toml"
    path.write_text(text + append, encoding="utf-8")
    return path


@pytest.fixture
def tasks_copy(tmp_path: Path) -> Path:
    """A task list the test may edit."""
    path = tmp_path / "tasks.toml"
    path.write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    return path


# ---------------------------------------------------------------- the engine's dates, exactly


def test_every_units_calendar_has_exactly_the_engines_occurrences(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "cal"
    result = run(
        "--tasks", str(BUNDLED), "--today", TODAY, "ical", "--all-units", "--dir", str(folder)
    )
    assert result.exit_code == 0, result.stderr
    tasklist = store.load_tasklist(BUNDLED)
    directory = Directory(tasklist.units)
    first, last = date(2025, 6, 20) - timedelta(days=90), add_months(date(2025, 6, 20), 18)
    names = file_names([("/".join(u.key), directory.display(u)) for u in tasklist.units])
    compared = 0
    for unit, name in zip(tasklist.units, names, strict=True):
        calendar = parsed((folder / name).read_bytes())
        expected = {
            f"{task.id}.{occurrence.period}": occurrence
            for task in directory.tasks_of(tasklist.tasks, [unit])
            for occurrence in schedule.occurrences(task, first, last)
        }
        events = events_by_key(calendar)
        assert events.keys() == expected.keys(), unit.name
        for key, occurrence in expected.items():
            event = events[key]
            assert event.dtstart == (occurrence.start or occurrence.due), key
            assert event.dtend == occurrence.due + timedelta(days=1), key
            compared += 1
    assert compared > 300  # the bundled plans give every unit's calendar plenty to compare


def test_a_date_moved_off_a_holiday_is_the_moved_date_and_says_so(run: Run) -> None:
    data = ical_of(run, "--tasks", str(BUNDLED), "--unit", "法制处", today="2022-06-25")
    event = events_by_key(parsed(data))["kj2021-14-hongshan.2022-04"]
    assert event.dtstart == date(2022, 4, 29)  # the 30th is 劳动节
    assert "截止：2022年4月29日（周五），原定4月30日（劳动节）" in required(event.description)


def test_a_window_is_one_event_over_its_days(run: Run) -> None:
    event = events_by_key(parsed(ical_of(run, "--unit", "市科技创新局")))["inspection.once"]
    assert (event.dtstart, event.dtend) == (date(2025, 11, 1), date(2026, 1, 1))
    assert event.summary == "【牵头】督促检查办理工作"


# ---------------------------------------------------------------- what each event says


def test_an_event_reads_well_in_outlook(run: Run) -> None:
    calendar = parsed(ical_of(run, "--unit", "江岸区"))
    assert (calendar.version, calendar.prodid) == ("2.0", "-//remind//督办提醒//ZH")
    assert (calendar.method, calendar.calscale) == ("PUBLISH", "GREGORIAN")
    extras = {p.name: p.value for p in calendar.extras}
    assert extras["x-wr-calname"] == "督办提醒 · 江岸区人民政府"
    assert calendar.x_wr_timezone == "Asia/Shanghai"
    events = events_by_key(calendar)
    brief = events["brief.2025-06"]  # led by 各承办单位, a group the district belongs to
    assert brief.summary == "【牵头】报送办理工作简报（2025年6月）"
    assert brief.categories == ["牵头", "1号议案方案"]
    assert brief.transparency == "TRANSPARENT"
    assert required(brief.description).splitlines() == [
        "期次：2025年6月",
        "截止：2025年6月30日（周一）",
        "原文：每月报送办理工作简报",
        "文件：市十五届人大五次会议1号议案办理工作方案 三（二）",
        "牵头：各承办单位",
        "办结后登记：remind done brief --period 2025-06 --unit 江岸区人民政府",
    ]
    inspection = events["inspection.once"]  # supported through 各区人民政府
    assert inspection.summary == "【配合】督促检查办理工作"
    assert "配合：各区人民政府" in required(inspection.description)


def test_the_whole_list_names_the_lead_units(run: Run) -> None:
    events = events_by_key(parsed(ical_of(run)))
    assert events["stats.2025-06"].summary == "【市发改委】报送统计数据（2025年6月）"
    assert "--unit" not in required(events["stats.2025-06"].description)


def test_one_alarm_at_nine_the_day_before_and_after_everything_else(run: Run) -> None:
    data = ical_of(run, "--unit", "市发改委")
    for event in parsed(data).events:
        assert len(event.alarm) == 1
        assert event.alarm[0].trigger == timedelta(hours=-15)  # 09:00 the day before
        assert required(event.alarm[0].description).startswith("明天截止：")
    for lines in raw_events(data):
        assert lines.count("BEGIN:VALARM") == 1
        assert lines[-1] == "END:VALARM"  # nothing of the event after its alarm


def test_alarms_per_task_and_none(run: Run, tmp_path: Path) -> None:
    path = edited(
        tmp_path,
        ('shift = "keep"', 'shift = "keep"\nalarms = [7, 3]'),
        ('id = "stats"', 'id = "stats"\nalarms = []'),
    )
    events = events_by_key(parsed(ical_of(run, "--tasks", str(path), "--unit", "市发改委")))
    assert events["stats.2025-07"].alarm == []
    brief = events_by_key(parsed(ical_of(run, "--tasks", str(path), "--unit", "市科技创新局")))
    alarm = brief["brief.2025-07"].alarm[0]
    assert alarm.trigger == timedelta(days=-3, hours=9)  # 09:00 three days before
    assert alarm.description == "3天后截止：报送办理工作简报"


def test_done_stays_marked_without_alarm(run: Run) -> None:
    assert run("--today", TODAY, "done", "stats", "--period", "2025-06").exit_code == 0
    event = events_by_key(parsed(ical_of(run, "--unit", "市发改委")))["stats.2025-06"]
    assert event.summary == "✓ 已办 【牵头】报送统计数据（2025年6月）"
    assert event.alarm == []
    assert "✓ 已办：2025年6月20日" in required(event.description)


def test_a_count_says_how_many_are_done(run: Run) -> None:
    events = events_by_key(parsed(ical_of(run, "--unit", "法制处", today="2022-06-20")))
    done_line = required(events["visits.2022-06"].description).splitlines()[-1]
    assert (
        done_line == "办结后登记（已办 0/2 次）：remind done visits --period 2022-06 --unit 法制处"
    )


# ---------------------------------------------------------------- RFC 5545, byte for byte


def test_bytes_are_crlf_utf8_and_folded_at_75_octets(run: Run) -> None:
    data = ical_of(run, "--tasks", str(BUNDLED), "--unit", "市科技创新局")
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert not any(b"\n" in line or b"\r" in line for line in lines)
    assert max(len(line) for line in lines) == 75  # long Chinese lines are folded, at the limit
    for line in lines:
        assert len(line) <= 75
        line.decode("utf-8")  # a fold never cuts a character in two
    assert sum(line.startswith(b" ") for line in lines) > 100


def test_text_is_escaped(run: Run, tmp_path: Path) -> None:
    title = "报送数据,附表;说明\\\\目录"  # TOML: one backslash
    path = edited(tmp_path, ('title = "报送统计数据"', f'title = "{title}"'))
    data = ical_of(run, "--tasks", str(path), "--unit", "市发改委")
    raw = data.decode().replace("\r\n ", "")
    assert "SUMMARY:【牵头】报送数据\\,附表\\;说明\\\\目录（2025年6月）" in raw
    assert "\\:" not in raw
    assert "\\n" in raw  # the description's lines
    event = events_by_key(parsed(data))["stats.2025-06"]
    assert event.summary == "【牵头】报送数据,附表;说明\\目录（2025年6月）"


# ---------------------------------------------------------------- stable for subscribers


def test_the_same_task_list_gives_the_same_bytes(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "法制处.ics"
    args = ("--tasks", str(BUNDLED), "--unit", "法制处")
    assert run("--today", TODAY, "ical", *args, "-o", str(out)).exit_code == 0
    first = out.read_bytes()
    assert (
        run(
            "--today", "2025-06-21", "ical", *args, "--since", "2025-03-22", "-o", str(out)
        ).exit_code
        == 0
    )
    assert out.read_bytes() == first  # a day later, nothing changed: not one byte
    assert ical_of(run, *args) == ical_of(run, *args)


def test_a_changed_task_keeps_its_uid_and_raises_its_sequence(
    run: Run, tasks_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "市发改委.ics"
    args = ("ical", "--tasks", str(tasks_copy), "--unit", "市发改委", "--since", "2025-03-01",
            "-o", str(out))  # fmt: skip
    assert run("--today", TODAY, *args).exit_code == 0
    before = {e.uid: e for e in parsed(out.read_bytes()).events}
    text = tasks_copy.read_text(encoding="utf-8")
    text = text.replace('title = "报送办理工作简报"', 'title = "报送办理工作简报（修订）"')
    tasks_copy.write_text(text, encoding="utf-8")
    assert run("--today", "2025-06-23", *args).exit_code == 0
    after = {e.uid: e for e in parsed(out.read_bytes()).events}
    assert after.keys() == before.keys()
    changed = [uid for uid in after if after[uid].summary != before[uid].summary]
    assert changed
    for uid, event in after.items():
        if uid in changed:
            assert event.sequence == (before[uid].sequence or 0) + 1
            modified, earlier = event.last_modified, before[uid].last_modified
            assert modified
            assert earlier
            assert modified > earlier
            assert "（修订）" in required(event.summary)
        else:
            assert (event.sequence, event.dtstamp) == (before[uid].sequence, before[uid].dtstamp)


def test_a_calendar_that_says_the_same_is_left_alone(
    run: Run, tasks_copy: Path, tmp_path: Path
) -> None:
    """Its date stays, and with it a web server's ETag: subscribers fetch nothing new."""
    folder = tmp_path / "cal"
    args = ("--tasks", str(tasks_copy), "ical", "--all-units", "--dir", str(folder))
    assert run("--today", TODAY, *args).exit_code == 0
    long_ago = 1_000_000_000
    for path in [*folder.glob("*.ics"), folder / "index.html"]:
        os.utime(path, ns=(long_ago, long_ago))
    assert run("--today", TODAY, *args).exit_code == 0  # the same list again: nothing written
    assert {p.stat().st_mtime_ns for p in folder.iterdir()} == {long_ago}
    text = tasks_copy.read_text(encoding="utf-8")
    tasks_copy.write_text(text.replace('title = "报送办理工作简报"', 'title = "报送简报"'), "utf-8")
    assert run("--today", TODAY, *args).exit_code == 0
    touched = {p.name for p in folder.glob("*.ics") if p.stat().st_mtime_ns != long_ago}
    assert touched  # the units of the retitled task, and only they
    assert len(touched) < len(list(folder.glob("*.ics")))
    assert all("报送简报" in (folder / name).read_text(encoding="utf-8") for name in touched)


def test_a_uid_differs_per_unit_and_is_unique_in_a_file(run: Run) -> None:
    lead = events_by_key(parsed(ical_of(run, "--unit", "市发改委")))["stats.2025-06"]
    support = events_by_key(parsed(ical_of(run, "--unit", "市科技创新局")))["stats.2025-06"]
    assert lead.uid != support.uid
    assert required(support.summary).startswith("【配合】")
    uids = [e.uid for e in parsed(ical_of(run, "--tasks", str(BUNDLED))).events]
    assert len(uids) == len(set(uids))


def test_a_unit_with_nothing_due_gets_a_valid_empty_calendar(run: Run) -> None:
    data = ical_of(run, "--unit", "周口/办公室", "--horizon", "1m")
    calendar = parsed(data)
    assert calendar.events == []
    assert [tz.tz_id for tz in calendar.timezones] == ["Asia/Shanghai"]  # RFC 5545: 1 component


# ---------------------------------------------------------------- files, folders, the web


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("法制处", "法制处"),
        ("../../etc/passwd", "_.._etc_passwd"),
        ("..", "unit"),
        ("研发:中心", "研发_中心"),
        ("a/b\\c", "a_b_c"),
        ("CON", "_CON"),
        ("com1.x", "_com1.x"),
        (" .隐藏. ", "隐藏"),
        ('问"题?*<>|', "问_题_____"),
    ],
)
def test_file_stems_are_safe_on_windows_and_linux(name: str, stem: str) -> None:
    assert file_stem(name) == stem


def test_file_names_that_would_collide_get_a_tag() -> None:
    names = file_names(
        [("武汉/办公室", "办公室"), ("周口/办公室", "办公室"), ("x/A", "A"), ("x/a", "a")]
    )
    assert len({n.casefold() for n in names}) == 4
    assert all(re.fullmatch(r"(办公室|A|a)-[0-9a-f]{6}\.ics", name) for name in names)
    assert file_names([("武汉/办公室", "办公室")]) == ["办公室.ics"]
    assert file_names([("武汉/法制处", "法制处")]) == ["法制处.ics"]


def test_odd_unit_names_stay_in_the_folder(run: Run, tmp_path: Path) -> None:
    path = edited(
        tmp_path,
        ('name = "市发改委"', 'name = "../市发改委:规划/处"'),
        ('lead = ["市发改委"]', 'lead = ["../市发改委:规划/处"]'),
    )
    folder = tmp_path / "out" / "cal"
    result = run(
        "--tasks", str(path), "--today", TODAY, "ical", "--all-units", "--dir", str(folder)
    )
    assert result.exit_code == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "out").rglob("*"))
    assert "_市发改委_规划_处.ics" in written
    assert {p.parent for p in (tmp_path / "out").rglob("*.ics")} == {folder}
    assert not list(tmp_path.glob("*.ics"))


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder served over HTTP on 127.0.0.1, as nginx or IIS would serve it."""
    folder = tmp_path / "cal"
    folder.mkdir()
    handler = partial(SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_the_published_folder_serves_every_calendar(run: Run, served: tuple[Path, str]) -> None:
    folder, url = served
    result = run(
        "--tasks", str(BUNDLED), "--today", TODAY,
        "ical", "--all-units", "--dir", str(folder), "--base-url", url,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    with urllib.request.urlopen(url + "index.html") as response:
        index = response.read().decode()
    links = re.findall(r'href="([^"]+\.ics)" download', index)
    tasklist = store.load_tasklist(BUNDLED)
    files = sorted(p.name for p in folder.glob("*.ics"))
    assert len(files) == len(tasklist.units)  # every unit's calendar is written
    left_out = set(files) - {unquote(link) for link in links}
    directory = Directory(tasklist.units)
    groups = {f"{u.name}.ics" for u in tasklist.units if directory.members(u)}
    assert left_out  # groups without events of their own: their members' calendars hold them
    assert left_out <= groups
    for link in links:
        assert unquote(link) in files
        shown = f"<code>{unquote(url + link)}</code>"  # the address decoded, for people
        assert f'{shown} <a href="webcal://{url.removeprefix("http://")}{link}">' in index
        with urllib.request.urlopen(url + link) as response:
            assert response.headers.get_content_type() == "text/calendar"
            calendar = IcsCalendarStream.calendar_from_ics(response.read().decode())
        name = next(p.value for p in calendar.extras if p.name == "x-wr-calname")
        assert name.startswith("督办提醒 · ")
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_the_index_escapes_names(run: Run, tmp_path: Path) -> None:
    path = edited(tmp_path, append='\n[[units]]\nname = "<b>办公室</b>"\n')
    folder = tmp_path / "cal"
    result = run(
        "--tasks", str(path), "--today", TODAY, "ical", "--all-units", "--dir", str(folder)
    )
    assert result.exit_code == 0, result.stderr
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;办公室&lt;/b&gt;" in index
    assert "<b>办公室" not in index
    assert "webcal://" not in index  # no --base-url, no subscription links


# ---------------------------------------------------------------- refusals: one line, nothing written


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--all-units",), "--all-units needs --dir"),
        (("--unit", "法制处", "--dir", "D"), "--dir goes with --all-units"),
        (("--all-units", "--dir", "D", "--unit", "法制处"), "leave out --unit"),
        (("--all-units", "--dir", "D", "-o", "x.ics"), "not to -o"),
        (
            ("--all-units", "--dir", "D", "--base-url", "oa.example.org"),
            "--base-url: expected the web address",
        ),
        (("--unit", "无此处"), "unknown unit"),
        (("--horizon", "soon"), "expected a length"),
    ],
)
def test_bad_options_are_refused_and_nothing_written(
    run: Run, tmp_path: Path, args: tuple[str, ...], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("--today", TODAY, "ical", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_an_alarm_on_the_day_itself_is_refused(run: Run, tmp_path: Path) -> None:
    path = edited(tmp_path, ('shift = "keep"', 'shift = "keep"\nalarms = [1, 0]'))
    out = tmp_path / "x.ics"
    result = run("--tasks", str(path), "--today", TODAY, "ical", "--unit", "法制处", "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"Error: {path}:10: settings: alarms: expected days before due from 1 up"
    )
    assert len(result.stderr.splitlines()) == 1
    assert not out.exists()


def test_a_missing_folder_for_o_is_one_line(run: Run, tmp_path: Path) -> None:
    result = run("--today", TODAY, "ical", "--unit", "法制处", "-o", str(tmp_path / "no" / "x.ics"))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: cannot write ")
    assert len(result.stderr.splitlines()) == 1


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400))
def test_our_folding_and_escaping_are_icalendars(value: str) -> None:
    """The events are written by our own lines for speed; icalendar is the reference."""
    from icalendar import vText
    from icalendar.parser import _foldline

    line = f"DESCRIPTION:{ical._text(value)}"
    ours = ical._fold(line).decode()
    assert all(len(piece.encode()) <= 75 for piece in ours.split("\r\n"))
    assert ours.replace("\r\n ", "") == line
    # icalendar turns a written \N into a line break and keeps a lone CR; we keep the one and
    # write the other as a line break, as RFC 5545 allows no control characters in TEXT
    if "\\N" not in value and "\r" not in value:
        assert line == f"DESCRIPTION:{vText(value).to_ical().decode()}"
        assert ours == _foldline(line)


@pytest.mark.parametrize("listed", [BUNDLED, DATA / "tasks.toml"])
def test_what_remind_writes_itself_has_nothing_to_escape(listed: Path) -> None:
    """The events escape the plan's words and the units' names; labels, periods and ids are
    written as they are, so they must never hold a character TEXT escapes."""
    tasklist = store.load_tasklist(listed)
    written = [
        text
        for task in tasklist.tasks
        for occurrence in schedule.occurrences(task, date(2020, 1, 1), date(2030, 12, 31))
        for text in (occurrence.label, occurrence.period, task.id)
    ]
    assert len(written) > 100
    assert not [text for text in written if ical._text(text) != text]
