"""The records as readable TOML: `remind state export` writes it, `remind state import` reads
it (and the state.toml of the old kind), refusing a file with any problem whole."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from remind.core.model import Feedback, Reading, Record, Sent, Told
from remind.core.records import State
from remind.errors import InvalidFile
from remind.storage.statefile import dumps, load
from remind.storage.store import opened
from tests.conftest import BUNDLED, DATA, Run

AT = datetime(2025, 6, 20, 9, 30, tzinfo=UTC)


@pytest.fixture
def tasks_file() -> Path:
    return BUNDLED


def test_no_file_is_no_records(tmp_path: Path) -> None:
    assert load(tmp_path / "state.toml") == State()


def test_records_readings_and_mail_go_to_toml_and_back(tmp_path: Path) -> None:
    state = State(
        records=(
            Record(
                "brief",
                "2025-06",
                date(2025, 6, 28),
                "王",
                "已报送",
                "江岸区人民政府",
                1,
                AT,
                "u1",
                Feedback(progress="已完成", help_needed="经费"),
                "10.0.0.7 · Firefox",
            ),
        ),
        last_id=2,
        sent=(
            Sent(
                "武汉/法制处",
                "2025-W25",
                ("fazhi@example.org",),
                AT,
                "s1",
                told=(Told("brief", "2025-06", date(2025, 6, 27)),),
            ),
            Sent(
                "武汉/法制处", "2025-W25", ("钉钉群 3f9a0c1d",), AT, "s2", "dingtalk:3f9a0c1d2e4b"
            ),
        ),
        readings=(Reading("targets", Decimal("1900.5"), date(2025, 6, 15), 2, id=2, uid="u2"),),
    )
    path = tmp_path / "records.toml"
    path.write_text(dumps(state), encoding="utf-8")
    assert load(path) == state
    store = opened(tmp_path / "store.sqlite3")
    store.change(lambda empty: (replace(empty, sent=state.sent, records=state.records,
                                        last_id=state.last_id), None))  # fmt: skip
    assert store.load().sent == state.sent  # the due dates told go to the store and back
    assert store.load().records == state.records  # and a record's 反馈 and origin
    assert dumps(state).count("channel = ") == 1  # a mail's entry is as it always was
    document = json.loads(dumps(state, json=True))
    assert document["records"][0]["done"] == "2025-06-28"
    assert document["records"][0]["recorded"] == "2025-06-20T09:30:00+00:00"
    assert document["progress"][0]["value"] == 1900.5


def test_records_written_by_hand_get_numbers_after_the_others(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    path.write_text(
        'last_id = 4\n[[records]]\ntask = "a"\nperiod = "once"\ndone = 2025-06-01\n'
        '[[records]]\nid = 2\ntask = "b"\nperiod = "once"\ndone = 2025-06-02\n',
        encoding="utf-8",
    )
    assert [r.id for r in load(path).records] == [5, 2]


def test_records_are_checked_field_by_field(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    path.write_text(
        '[[records]]\ntask = "brief"\nperiod = "2025-06"\ndone = 2025-06-28\nnote = "已报送"\n'
        '[[records]]\ntask = "brief"\nperiod = "2025-07"\ndone = "yesterday"\n'
        "recorded = 2025-06-28T09:30:00\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidFile) as caught:
        load(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:9: record #2: done: expected a date like 2025-06-30 (no quotes, no time), got 'yesterday'",
        f"{path}:10: record #2: recorded: expected a date and time with its offset, like 2025-06-28T09:30:00+08:00",
    ]


# ---------------------------------------------------------------- import and export


def test_an_old_state_file_is_imported_once_and_left_as_it_is(
    run: Run, state_file: Path, tmp_path: Path
) -> None:
    old = tmp_path / "state.toml"
    old.write_bytes((DATA / "state-bundled.toml").read_bytes())
    before = old.read_bytes()
    first = run("state", "import", str(old))
    assert first.exit_code == 0, first.stderr
    assert first.stdout == (f"已从 {old} 导入 7 条办理记录、2 条进度读数、1 条发送记录到 "
                            f"{state_file}。\n")  # fmt: skip
    assert old.read_bytes() == before
    state = opened(state_file).load()
    assert [r.id for r in state.records] == [1, 2, 3, 4, 6, 7, 9]  # the file's own numbers
    again = run("state", "import", str(old))
    assert "7 条办理记录" not in again.stdout
    assert again.stdout.endswith(
        "；9 条已在其中，未再导入（#1、#2、#3、#4、#5、#6、#7、#8、#9）。\n"
    )
    assert len(opened(state_file).load().records) == 7


def test_a_file_with_a_problem_is_refused_whole(run: Run, state_file: Path, tmp_path: Path) -> None:
    old = tmp_path / "broken.toml"
    old.write_text(
        '[[records]]\ntask = "kj2021-14-hongshan"\nperiod = "2022-06"\ndone = 2022-06-28\n'
        '[[records]]\ntask = "kj2021-14-hongshan"\nperiod = "2022-07"\ndone = "later"\n',
        encoding="utf-8",
    )
    result = run("state", "import", str(old))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {old}:8: record #2: done: expected a date")
    assert not state_file.exists()


def test_export_then_import_into_another_store_keeps_every_record(
    run: Run, state_file: Path, tmp_path: Path
) -> None:
    assert run("state", "import", str(DATA / "state-bundled.toml")).exit_code == 0
    assert run("--today", "2025-06-20", "undo", "9", "--by", "张敏").exit_code == 0
    exported = run("state", "export")
    assert exported.exit_code == 0, exported.stderr
    copy = tmp_path / "copy.toml"
    copy.write_text(exported.stdout, encoding="utf-8")
    other = tmp_path / "other.sqlite3"
    moved = run("--state", str(other), "state", "import", str(copy))
    assert moved.exit_code == 0, moved.stderr
    assert opened(other).load().records == opened(state_file).load().records  # without #9
    as_json = json.loads(run("state", "export", "--format", "json").stdout)
    assert [r["id"] for r in as_json["records"]] == [1, 2, 3, 4, 6, 7]


def test_a_toml_state_is_refused_with_the_command_that_imports_it(run: Run, tmp_path: Path) -> None:
    old = tmp_path / "state.toml"
    result = run("--state", str(old), "--today", "2025-06-20", "due")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: --state {old}: a state file of the old kind; move its records into the record "
        f"store with `remind state import {old}`, then leave out --state or name a .sqlite3 "
        "file\n"
    )
    assert not old.exists()
