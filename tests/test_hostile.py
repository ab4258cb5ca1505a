"""What an attacker or a careless colleague writes into the task list, the records, the cache or
the command line: never a forged event, a lost record, code run, or a traceback. Each case is
one clear line and exit code 2 (or the documented safe outcome), nothing written, at once."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream

from remind.core import feeds
from remind.core.units import Directory
from remind.errors import RemindError
from remind.storage.store import opened
from remind.storage.tasklist import load_tasklist
from remind.views.ical import calendar_bytes
from tests.conftest import BUNDLED, Run

REMIND = str(Path(sys.executable).with_name("remind"))
STAMP = datetime(2025, 6, 1, tzinfo=UTC)


def task_list(**fields: str) -> dict[str, object]:
    """A list of one monthly task with three occurrences, `fields` in its strings."""
    return {
        "sources": [
            {
                "id": "plan",
                "title": fields.get("source", "方案"),
                "date": date(2025, 1, 1),
                "issuer": fields.get("issuer", "办公厅"),
            }
        ],
        "units": [{"name": fields.get("unit", "法制处")}],
        "tasks": [
            {
                "id": "brief",
                "title": fields.get("title", "报送简报"),
                "source": "plan",
                "clause": fields.get("clause", "三（二）"),
                "text": fields.get("text", "每月报送"),
                "target": fields.get("target", "新增10家"),
                "leader": fields.get("leader", "王"),
                "contact": fields.get("contact", "李"),
                "lead": [fields.get("unit", "法制处")],
                "every": "month",
                "day": "last",
                "from": date(2025, 4, 1),
                "until": date(2025, 6, 30),
            }
        ],
    }


def calendar_of(path: Path) -> bytes:
    tasklist = load_tasklist(path)
    feed = feeds.feed(Directory(tasklist.units), list(tasklist.units), tasklist.tasks, (),
                      date(2025, 6, 1), first=date(2025, 1, 1), last=date(2025, 12, 31),
                      warn_days=7)  # fmt: skip
    return calendar_bytes(feed, tasklist, stamp=STAMP)


FIELDS = ("title", "text", "target", "clause", "leader", "contact", "source", "issuer", "unit")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(field=st.sampled_from(FIELDS), value=st.text(st.characters(exclude_categories=["Cs"]),
                                                     min_size=1, max_size=60))  # fmt: skip
def test_any_text_anywhere_gives_one_event_per_occurrence_or_a_refusal(
    tmp_path: Path, field: str, value: str
) -> None:
    path = tmp_path / "tasks.toml"
    path.write_text(tomli_w.dumps(task_list(**{field: value})), encoding="utf-8")
    try:
        data = calendar_of(path)
    except RemindError:
        return  # refused with its file and line: nothing was written
    assert data.count(b"BEGIN:VEVENT") == 3
    assert len(IcsCalendarStream.calendar_from_ics(data.decode("utf-8")).events) == 3
    from icalendar import Calendar

    assert len(Calendar.from_ical(data).walk("VEVENT")) == 3


# ---------------------------------------------------------------- 1. calendar injection


@pytest.mark.parametrize(
    ("table", "key", "value", "said"),
    [
        ("sources", "url", "https://a.example/x\r\nBEGIN:VEVENT", "found U+000D"),
        ("sources", "url", "javascript:alert(1)", "expected a web address"),
        ("units", "name", "法制处\nEND:VCALENDAR", "without control characters, or a line break"),
        ("tasks", "title", "报送\x1b[31m简报", "found U+001B"),
        ("tasks", "title", "报送\x00简报", "found U+0000"),
        ("tasks", "text", "每月报送\u202e", "found U+202E"),
        ("units", "email", "a@example.org\r\nBcc: all@example.org", "found U+000D"),
    ],
)
def test_check_refuses_control_characters(
    run: Run, tmp_path: Path, table: str, key: str, value: str, said: str
) -> None:
    document = task_list()
    entries = document[table]
    assert isinstance(entries, list)
    entries[0][key] = value
    if table == "units" and key == "name":  # the task names the unit as it is named
        document["tasks"][0]["lead"] = [value]  # type: ignore[index]
    path = tmp_path / "tasks.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    result = run("--tasks", str(path), "check")
    assert result.exit_code == 2
    assert said in result.stderr
    assert "Traceback" not in result.stderr


def test_a_note_with_terminal_codes_is_refused(run: Run, state_file: Path) -> None:
    result = run("--tasks", str(BUNDLED), "--today", "2025-06-20", "done", "kj2021-14-hongshan",
                 "--note", "已报送\x1b]0;pwned\x07")  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == "Error: note: a control character (U+001B) is not allowed in text\n"
    assert not state_file.exists()


# ---------------------------------------------------------------- 4. code from a shared folder


class _Payload:
    """What a colleague with write access to the cache might plant: code run when read."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def _entry(cache: Path) -> Path:
    (found,) = cache.glob("*.pickle")
    return found


def test_a_planted_cache_entry_runs_nothing(tmp_path: Path) -> None:
    cache, marker = tmp_path / "cache", tmp_path / "pwned"
    env = {**os.environ, "REMIND_CACHE": str(cache), "REMIND_STATE": str(tmp_path / "s.sqlite3")}
    argv = [REMIND, "--tasks", str(BUNDLED), "--today", "2025-06-20", "due", "--format", "json"]
    assert subprocess.run(argv, env=env, capture_output=True, check=False).returncode == 0
    entry = _entry(cache)
    with entry.open("rb") as file:  # the right key, and then the payload instead of the list
        key = pickle.load(file)
    entry.write_bytes(pickle.dumps(key) + pickle.dumps(_Payload(marker)) * 2)
    result = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache"]  # nothing written outside


def test_a_cache_folder_others_may_write_is_not_used(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    load_tasklist_through(shared)
    assert list(shared.iterdir()) == []


def test_an_entry_that_is_a_link_is_never_followed(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_tasklist_through(cache)
    entry = _entry(cache)
    victim = tmp_path / "victim.txt"
    victim.write_text("mine", encoding="utf-8")
    entry.unlink()
    entry.symlink_to(victim)
    load_tasklist_through(cache)
    assert victim.read_text(encoding="utf-8") == "mine"
    assert not entry.is_symlink()  # replaced by an entry of its own


def test_a_list_named_two_ways_is_one_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from remind.storage.cache import load_tasklist as through_cache

    cache = tmp_path / "cache"
    monkeypatch.chdir(BUNDLED.parent)
    relative = through_cache(Path("tasks.toml"), cache)
    stamp = _entry(cache).stat().st_mtime_ns
    absolute = through_cache(BUNDLED, cache)
    assert _entry(cache).stat().st_mtime_ns == stamp  # read back, not written again
    assert (relative.path, absolute.path) == ("tasks.toml", str(BUNDLED))


def load_tasklist_through(cache: Path) -> None:
    from remind.storage.cache import load_tasklist as through_cache

    assert through_cache(BUNDLED, cache).tasks


# ---------------------------------------------------------------- 6. inputs that crash or stall


@pytest.mark.parametrize("today", ["0001-01-01", "9999-12-31", "99999999天后", "1899-12-31"])
@pytest.mark.parametrize(
    "command", [["due"], ["list"], ["board"], ["show", "yian-2025-brief"], ["calendar"],
                ["ical"], ["digest", "--unit", "法制处"], ["check"], ["targets"]],
)  # fmt: skip
def test_a_day_out_of_range_is_one_line(run: Run, today: str, command: list[str]) -> None:
    result = run("--tasks", str(BUNDLED), "--today", today, *command)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("Error: --today: ")


@pytest.mark.parametrize(
    ("phrase", "said"),
    [
        ("1" * 30_000, "a number of 30000 digits"),
        ("1" * 5_000 + "天后", "a number of 5000 digits"),
        ("99999999天后", "beyond the dates remind knows"),
        ("9999999个月后", "beyond the dates remind knows"),
    ],
)
def test_phrases_that_would_stall_or_overflow_are_refused(phrase: str, said: str) -> None:
    argv = [REMIND, "--tasks", str(BUNDLED), "parse", phrase]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2
    assert said in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_plan_with_a_run_of_digits_is_drafted_at_once(run: Run, tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "一、报送材料。\n\n（一）于6月底前报送" + "1" * 30_000 + "份。\n", encoding="utf-8"
    )
    argv = [REMIND, "--tasks", str(BUNDLED), "extract", str(plan)]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("length", ["99999999d", "1001y", "12345678901234567890"])
def test_a_length_beyond_a_thousand_years_is_refused(run: Run, length: str) -> None:
    result = run("--tasks", str(BUNDLED), "--today", "2025-06-20", "due", "--within", length)
    assert result.exit_code == 2
    assert "--within" in result.stderr


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("a = " + "[" * 50_000 + "]" * 50_000 + "\n", "not valid TOML: nested too deeply"),
        ("# nothing but a comment\n", "the task list is empty"),
        ("", "the task list is empty"),
        (('[[sources]]\nid = "p"\ntitle = "方案"\n[[units]]\nname = "法制处"\n[[tasks]]\nid = "t"\n'
         'title = "x"\nsource = "p"\nlead = "法制处"\ndue = 0001-01-01\n'),
         "due: expected a date from 1900 to 2999, got 0001-01-01"),
    ],
)  # fmt: skip
def test_task_lists_that_crashed_are_one_line(
    run: Run, tmp_path: Path, text: str, said: str
) -> None:
    path = tmp_path / "tasks.toml"
    path.write_text(text, encoding="utf-8")
    for command in (["check"], ["due"], ["ical"]):
        result = run("--tasks", str(path), "--today", "2025-06-20", *command)
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [result.stderr.splitlines()[0]]
        assert said in result.stderr


def test_a_task_list_saved_with_a_byte_order_mark_reads(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "tasks.toml"
    path.write_bytes(b"\xef\xbb\xbf" + BUNDLED.read_bytes())
    assert run("--tasks", str(path), "check").exit_code == 0


@pytest.mark.parametrize("done", ["0001-01-01", "9999-12-31"])
def test_records_dated_out_of_range_are_refused(
    run: Run, tmp_path: Path, state_file: Path, done: str
) -> None:
    old = tmp_path / "old.toml"
    old.write_text(f'[[records]]\ntask = "brief"\nperiod = "once"\ndone = {done}\n', "utf-8")
    result = run("--tasks", str(BUNDLED), "state", "import", str(old))
    assert result.exit_code == 2
    assert "expected a date from 1900 to 2999" in result.stderr
    assert not state_file.exists()


# ---------------------------------------------------------------- 7. one line, naming the file


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--tasks", "{tmp}", "due"], "Invalid value for '--tasks': File '{tmp}' is a directory."),
        (["extract", "{tmp}/nope.txt"], "File '{tmp}/nope.txt' does not exist."),
        (["state", "import", "{tmp}/nope.toml"], "File '{tmp}/nope.toml' does not exist."),
        (["ical", "--unit", "法制处", "-o", "{tmp}"], "File '{tmp}' is a directory."),
        (["digest", "--unit", "法制处", "--dry-run", "--outbox", "{file}"], "is a file."),
        (["digest", "--unit", "法制处", "--send", "--config", "{tmp}"], "is a directory."),
    ],
)
def test_a_file_that_is_wrong_is_one_line(
    run: Run, tmp_path: Path, args: list[str], said: str
) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    fill = {"tmp": str(tmp_path), "file": str(tmp_path / "file")}
    result = run("--tasks", str(BUNDLED), *[a.format(**fill) for a in args])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert said.format(**fill) in result.stderr


# ---------------------------------------------------------------- 3 and 5. records and links


def test_a_store_that_is_a_link_is_used_through_it(run: Run, tmp_path: Path) -> None:
    real, link = tmp_path / "real" / "state.sqlite3", tmp_path / "state.sqlite3"
    common = ("--tasks", str(BUNDLED), "--today", "2022-06-25")
    assert run(*common, "--state", str(real), "done", "kj2021-14-hongshan").exit_code == 0
    link.symlink_to(real)
    assert run(*common, "--state", str(link), "done", "kj2021-14-hongshan").exit_code == 0
    assert link.is_symlink()  # the link stands; its target holds both records
    assert len(opened(real).load().records) == 2


def test_a_link_to_nothing_is_refused_and_makes_nothing(run: Run, tmp_path: Path) -> None:
    link, target = tmp_path / "state.sqlite3", tmp_path / "elsewhere" / "made.sqlite3"
    link.symlink_to(target)
    result = run("--tasks", str(BUNDLED), "--state", str(link), "--today", "2022-06-25",
                 "done", "kj2021-14-hongshan")  # fmt: skip
    assert result.exit_code == 2
    assert "which is not there" in result.stderr
    assert not target.parent.exists()


def test_a_named_store_in_no_folder_is_said_to_be_wrong(run: Run, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    for where in (tmp_path / "no" / "such" / "s.sqlite3", tmp_path / "file" / "s.sqlite3"):
        result = run("--tasks", str(BUNDLED), "--state", str(where), "--today", "2025-06-20", "due")
        assert result.exit_code == 2
        assert f"there is no folder {where.parent}" in result.stderr


def test_records_kept_away_from_the_task_list_say_where(run: Run, tmp_path: Path) -> None:
    store = tmp_path / "elsewhere" / "state.sqlite3"
    result = run("--tasks", str(BUNDLED), "--state", str(store), "--today", "2022-06-25",
                 "done", "kj2021-14-hongshan")  # fmt: skip
    assert result.stdout.splitlines()[-1] == f"记录保存在 {store}。"
