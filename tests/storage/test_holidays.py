"""A folder of holiday notices in holiday-cn's format, for offices that cannot upgrade
chinesecalendar: read, refused when broken, named by `remind check`, never served stale."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from remind.errors import RemindError
from remind.storage.cache import load_tasklist
from remind.storage.holidays import china, read_notices
from tests.conftest import Run

# 2027's 春节 as a notice might give it: off 6–13 February, Sunday the 14th worked
SPRING: list[dict[str, object]] = [
    {"name": "春节", "date": f"2027-02-{d:02d}", "isOffDay": True} for d in range(6, 14)
]
NOTICE = {"year": 2027, "papers": ["http://www.gov.cn/zhengce/2027.htm"],
          "days": [*SPRING, {"name": "春节", "date": "2027-02-14", "isOffDay": False}]}  # fmt: skip

TASKS = """
[settings]
holiday_folder = "holidays"

[[sources]]
id = "plan"
title = "工作方案"
date = 2027-01-01

[[units]]
name = "法制处"

[[tasks]]
id = "report"
title = "报送总结"
source = "plan"
lead = ["法制处"]
due = 2027-02-10
"""


def notices(folder: Path, **years: object) -> Path:
    folder.mkdir(exist_ok=True)
    for name, document in years.items():
        (folder / f"{name.removeprefix('y')}.json").write_text(
            json.dumps(document, ensure_ascii=False), encoding="utf-8"
        )
    return folder


def test_a_years_notice_is_read_from_its_file(tmp_path: Path) -> None:
    calendar = china(notices=read_notices(notices(tmp_path / "holidays", y2027=NOTICE)))
    assert calendar.holiday(date(2027, 2, 8)) == "春节"
    assert calendar.is_workday(date(2027, 2, 14))  # the 调休 Sunday
    assert calendar.knows(2027)
    assert calendar.year_sources[2027].endswith("2027.json")
    assert calendar.add_workdays(date(2027, 2, 5), 1) == date(2027, 2, 14)


def test_a_file_replaces_the_packages_year(tmp_path: Path) -> None:
    """An amended notice: 2025's 国庆 moved a day, by a file for 2025."""
    amended = {
        "year": 2025,
        "papers": ["http://www.gov.cn/amended"],
        "days": [
            {"name": "国庆节", "date": f"2025-10-{d:02d}", "isOffDay": True} for d in range(2, 10)
        ],
    }
    calendar = china(notices=read_notices(notices(tmp_path / "holidays", y2025=amended)))
    assert calendar.is_workday(date(2025, 10, 1))
    assert calendar.holiday(date(2025, 10, 9)) == "国庆节"
    assert calendar.is_workday(date(2025, 1, 1))  # the whole year is the file's: no 元旦 in it


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({**NOTICE, "days": []}, "2027.json: days: expected the days of the notice, got none"),
        ({**NOTICE, "papers": []}, "2027.json: papers: expected the addresses of the notices"),
        ({"days": NOTICE["days"]}, "2027.json: papers:"),
        ({**NOTICE, "days": [{"name": "春节", "date": "2027-02-30", "isOffDay": True}]},
         "2027.json: days[1]: expected name, date (2027-01-01) and isOffDay"),
        ({**NOTICE, "days": [{"name": "春节", "date": "2031-02-01", "isOffDay": True}]},
         "2027.json: days[1]: expected a day near 2027"),
        ([1, 2], "2027.json: papers:"),
    ],
)  # fmt: skip
def test_a_broken_notice_is_refused(tmp_path: Path, document: object, message: str) -> None:
    with pytest.raises(RemindError, match=message.replace("[", r"\[").replace("(", r"\(")
                       .replace(")", r"\)")):  # fmt: skip
        read_notices(notices(tmp_path / "holidays", y2027=document))


def test_check_names_each_years_source_and_refuses_a_broken_file(run: Run, tmp_path: Path) -> None:
    notices(tmp_path / "holidays", y2027=NOTICE)
    tasks = tmp_path / "tasks.toml"
    tasks.write_text(TASKS, encoding="utf-8")
    result = run("--tasks", str(tasks), "check")
    assert result.exit_code == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("工作日历"))
    assert line.startswith("工作日历：chinesecalendar ")
    assert line.endswith(f"（2004–2026年）；2027年：{tmp_path / 'holidays' / '2027.json'}")
    assert "2027" not in result.stderr  # the year is known: no warning
    notices(tmp_path / "holidays", y2027={**NOTICE, "days": []})
    result = run("--tasks", str(tasks), "check")
    assert result.exit_code == 2
    broken = tmp_path / "holidays" / "2027.json"
    expected = f"{tasks}:3: settings: holiday_folder: {broken}: days: expected the days"
    assert result.stderr.splitlines() == [f"Error: {expected} of the notice, got none"]


def test_a_changed_file_is_seen_through_the_cache(tmp_path: Path) -> None:
    folder = notices(tmp_path / "holidays", y2027=NOTICE)
    tasks = tmp_path / "tasks.toml"
    tasks.write_text(TASKS, encoding="utf-8")
    first = load_tasklist(tasks, tmp_path / "cache")
    assert not first.calendar.is_workday(date(2027, 2, 10))
    notices(folder, y2027={**NOTICE, "days": SPRING[:2]})  # the 10th is worked now
    again = load_tasklist(tasks, tmp_path / "cache")
    assert again.calendar.is_workday(date(2027, 2, 10))


# 法制处 with an address, the report due on a Friday that moves after a day off, and a brief
AMENDED = (
    TASKS.replace('name = "法制处"\n', 'name = "法制处"\nemail = ["fazhi@example.org"]\n').replace(
        "due = 2027-02-10\n", 'due = 2027-02-19\nshift = "after"\n'
    )
    + """
[[tasks]]
id = "brief"
title = "报送简报"
source = "plan"
lead = ["法制处"]
due = 2027-02-18
"""
)


def test_an_amended_notice_moves_the_event_and_raises_its_sequence(
    run: Run, tmp_path: Path
) -> None:
    """19 February becomes a day off: the event moves to the 22nd, keeps its UID and gets
    SEQUENCE 1; the event the notice left alone keeps its bytes."""
    from ical.calendar_stream import IcsCalendarStream

    folder = notices(tmp_path / "holidays", y2027=NOTICE)
    tasks, out = tmp_path / "amended.toml", tmp_path / "法制处.ics"
    tasks.write_text(AMENDED, encoding="utf-8")
    args = ("--tasks", str(tasks), "--today", "2027-02-08", "ical", "--unit", "法制处", "-o")

    def events() -> dict[str, tuple[int, date | None]]:
        assert run(*args, str(out)).exit_code == 0
        calendar = IcsCalendarStream.calendar_from_ics(out.read_text(encoding="utf-8"))
        return {e.uid or "": (e.sequence or 0, e.dtstart) for e in calendar.events}

    before = events()
    notices(folder, y2027={**NOTICE, "days": [*SPRING, {"name": "春节", "date": "2027-02-19",
                                                        "isOffDay": True}]})  # fmt: skip
    after = events()
    assert sorted(before.values(), key=str) == [(0, date(2027, 2, 18)), (0, date(2027, 2, 19))]
    assert sorted(after.values(), key=str) == [(0, date(2027, 2, 18)), (1, date(2027, 2, 22))]
    assert after.keys() == before.keys()
