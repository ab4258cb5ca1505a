"""Records through the command line: done, undo, log, due --all and the board."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from remind.storage.store import opened
from tests.conftest import Run


def ok(run: Run, *args: str, today: str = "2025-06-20", **env: str) -> str:
    """What the command said, but for where it kept the record: the tests' store is never
    beside their task list (test_hostile.py holds that line)."""
    result = run("--today", today, *args, env=env or None)
    assert result.exit_code == 0, result.stderr
    return "".join(line for line in result.stdout.splitlines(keepends=True)
                   if not line.startswith("记录保存在 "))  # fmt: skip


def refused(run: Run, *args: str, today: str = "2025-06-20") -> str:
    result = run("--today", today, *args)
    assert (result.exit_code, result.stdout) == (2, "")
    return result.stderr


def due_items(run: Run, *args: str, today: str = "2025-06-20") -> list[tuple[Any, ...]]:
    document = json.loads(ok(run, "due", "--format", "json", *args, today=today))
    return [(i["task"], i["period"], i["status"], i["done_on"]) for i in document["items"]]


# ---------------------------------------------------------------- done and undo


def test_done_takes_the_period_it_was_done_in_else_the_earliest_open_and_says_so(
    run: Run,
) -> None:
    out = ok(run, "done", "stats")  # done on 20 June: June's, though April and May are open
    assert out.splitlines() == [
        "未指定期次，记在6月20日所在的期次：2025年6月。",
        "已记录 #1：stats 报送统计数据 · 2025年6月 · 截止 2025-07-05 · 办结于 2025-06-20。",
    ]
    again = ok(run, "done", "stats", "--on", "2025-06-19")  # June's is done: the earliest open
    assert again.splitlines()[0] == "未指定期次，记在最早的未办期次：2025年4月。"
    assert due_items(run, "--unit", "市发改委") == [("stats", "2025-05", "overdue", None)]


def test_an_ongoing_duty_has_nothing_to_record(run: Run) -> None:
    for extra in ([], ["--period", "once"]):
        result = run("--today", "2025-06-20", "done", "carriers", *extra)
        assert result.exit_code == 2
        assert "carriers is an ongoing duty (长期坚持): it has no deadlines" in result.stderr


def test_done_then_undo_gives_back_the_same_list(run: Run, state_file: Path) -> None:
    before = due_items(run, "--unit", "江岸区")
    ok(run, "done", "halfyear", "--unit", "江岸区", "--on", "2025-06-18", "--note", "已报送")
    assert ("halfyear", "once", "overdue", None) not in due_items(run, "--unit", "江岸区")
    assert [i[0] for i in due_items(run, "--unit", "江岸区")] == ["brief", "brief", "brief"]
    assert ok(run, "undo") == "已撤销 #1：halfyear · once · 江岸区人民政府 · 办结于 2025-06-18。\n"
    assert due_items(run, "--unit", "江岸区") == before
    undos = opened(state_file).load().undos
    assert [(u.number, u.by) for u in undos] == [(1, "")]  # the undo itself is kept


def test_a_record_for_one_member_of_a_group_is_that_members_alone(run: Run) -> None:
    ok(run, "done", "brief", "--period", "2025-05", "--unit", "江岸区人民政府")
    assert ("brief", "2025-05", "overdue", None) not in due_items(run, "--unit", "江岸区")
    assert ("brief", "2025-05", "overdue", None) in due_items(run, "--unit", "市科技创新局")


def test_the_whole_list_counts_a_group_duty_done_when_every_member_has_done_it(run: Run) -> None:
    def whole() -> list[tuple[Any, ...]]:
        return due_items(run, "--all")

    may = ("brief", "2025-05", "overdue", None)
    assert may in whole()
    ok(
        run,
        "done",
        "brief",
        "--period",
        "2025-05",
        "--unit",
        "江岸区人民政府",
        "--on",
        "2025-06-10",
    )
    assert may in whole()  # one member's share: the others still owe theirs
    ok(run, "done", "brief", "--period", "2025-05", "--unit", "市科技创新局", "--on", "2025-06-12")
    assert may not in whole()
    assert ("brief", "2025-05", "done", "2025-06-12") in whole()  # done when the last was
    ok(run, "done", "stats", "--period", "2025-05", "--unit", "市科技局", "--on", "2025-06-01")
    assert ("stats", "2025-05", "overdue", None) in whole()  # a support unit's part only
    log = ok(run, "log")
    assert log.count("brief") == 2  # the log still shows every record
    assert "stats" in log


def test_a_group_led_task_needs_the_unit_that_did_it(run: Run, state_file: Path) -> None:
    assert refused(run, "done", "brief") == (
        "Error: brief is led by 各承办单位, a group: say which unit did it with --unit\n"
    )
    assert refused(run, "done", "brief", "--unit", "法制处") == (
        "Error: brief is not a duty of 法制处; its units are 各承办单位\n"
    )
    assert not state_file.exists()


def test_the_period_or_due_date_is_checked_against_the_task(run: Run) -> None:
    hint = (
        "near today it has 2025-04 (due 2025-05-05), 2025-05 (due 2025-06-05), "
        "2025-06 (due 2025-07-05), 2025-07 (due 2025-08-05)"
    )
    assert refused(run, "done", "stats", "--period", "2025-13") == (
        f"Error: stats has no period '2025-13'; {hint}\n"
    )
    assert refused(run, "done", "stats", "--due", "2025-06-30") == (
        f"Error: no occurrence of stats is due on 2025-06-30; {hint}\n"
    )
    assert "2025年5月 · 截止 2025-06-05" in ok(run, "done", "stats", "--due", "2025-06-05")


def test_one_occurrence_is_done_once(run: Run, state_file: Path) -> None:
    ok(run, "done", "stats", "--period", "2025-05", "--on", "2025-06-04")
    before = state_file.read_bytes()
    assert refused(run, "done", "stats", "--period", "2025-05") == (
        "Error: stats 2025年5月 is already done (2025-06-04); `remind log` shows the record\n"
    )
    assert state_file.read_bytes() == before


def test_a_day_after_today_is_refused(run: Run) -> None:
    assert refused(run, "done", "stats", "--on", "2025-06-21") == (
        "Error: --on 2025-06-21 is after today (2025-06-20); record it once done\n"
    )


def test_a_minimum_count_takes_several_records(run: Run) -> None:
    first = ok(
        run, "done", "visits", "--period", "2022-06", "--on", "2022-06-08", today="2022-06-25"
    )
    assert "第1/2次" in first
    assert ("visits", "2022-06", "soon", None) in due_items(
        run, "--unit", "法制处", today="2022-06-25"
    )
    assert "第2/2次" in ok(run, "done", "visits", "--period", "2022-06", today="2022-06-25")
    items = due_items(run, "--unit", "法制处", "--all", today="2022-06-25")
    assert ("visits", "2022-06", "done", "2022-06-25") in items


def test_due_all_shows_what_was_done_greyed_with_its_day(run: Run) -> None:
    ok(run, "done", "stats", "--period", "2025-05", "--on", "2025-06-04")
    assert due_items(run, "--unit", "市发改委", "--all") == [
        ("stats", "2025-04", "overdue", None),
        ("stats", "2025-05", "done", "2025-06-04"),
    ]
    assert due_items(run, "--unit", "市发改委") == [("stats", "2025-04", "overdue", None)]
    table = ok(run, "due", "--unit", "市发改委", "--all")
    assert "✓ 已办" in table
    assert "6月4日办结" in table
    assert "已办 1" in table


def test_undo_a_given_record_and_refuse_one_that_is_not_there(run: Run, state_file: Path) -> None:
    assert refused(run, "undo") == f"Error: {state_file}: no records yet\n"
    assert not state_file.exists()
    ok(run, "done", "stats", "--period", "2025-04")
    ok(run, "done", "stats", "--period", "2025-05")
    assert ok(run, "undo", "#1").startswith("已撤销 #1：stats · 2025-04")
    assert refused(run, "undo", "1") == "Error: there is no record #1; `remind log` lists them\n"
    assert "expected a record number like 7, got 'x'" in refused(run, "undo", "x")


def test_a_corrupt_store_stops_done_and_is_left_alone(run: Run, state_file: Path) -> None:
    state_file.write_bytes(b'[[records]]\ntask = "stats"\nperiod = \n')
    assert "not a record store of remind's" in refused(run, "done", "stats")
    assert state_file.read_bytes() == b'[[records]]\ntask = "stats"\nperiod = \n'


# ---------------------------------------------------------------- log


def test_log_lists_records_in_the_order_they_were_done(run: Run) -> None:
    ok(run, "done", "stats", "--period", "2025-05", "--on", "2025-06-04", REMIND_BY="李")
    ok(
        run,
        "done",
        "stats",
        "--period",
        "2025-04",
        "--on",
        "2025-05-03",
        "--by",
        "王",
        "--note",
        "已报送",
    )
    ok(run, "done", "brief", "--period", "2025-04", "--unit", "江岸区", "--on", "2025-05-06")
    lines = json.loads(ok(run, "log", "--format", "json"))
    assert [(r["id"], r["done"], r["days_late"], r["by"], r["unit"]) for r in lines] == [
        (2, "2025-05-03", 0, "王", None),
        (3, "2025-05-06", 6, "", "江岸区人民政府"),
        (1, "2025-06-04", 0, "李", None),
    ]
    assert [
        r["id"] for r in json.loads(ok(run, "log", "--unit", "江岸区", "--format", "json"))
    ] == [3]
    assert [
        r["id"] for r in json.loads(ok(run, "log", "--since", "2025-06-01", "--format", "json"))
    ] == [1]
    table = ok(run, "log")
    assert "全部单位 · 办理记录 3 条" in table
    assert "晚6天" in table
    assert "已报送" in table


# ---------------------------------------------------------------- board


def test_the_board_against_a_hand_count(run: Run) -> None:
    ok(run, "done", "brief", "--unit", "江岸区", "--period", "2025-04", "--on", "2025-04-28")
    ok(run, "done", "brief", "--unit", "江岸区", "--period", "2025-05", "--on", "2025-06-03")
    ok(run, "done", "stats", "--period", "2025-04", "--on", "2025-05-03")
    document = json.loads(ok(run, "board", "--format", "json"))
    assert (document["since"], document["today"]) == ("2025-01-01", "2025-06-20")

    def row(r: dict[str, Any]) -> tuple[Any, ...]:
        lead, support = r["lead"], r["support"]
        return (
            r["unit"], r["light"],
            (lead["overdue"], lead["soon"], lead["done_on_time"], lead["done_late"], lead["rate"]),
            (support["overdue"], support["done_on_time"], support["rate"]),
        )  # fmt: skip

    # 市科技创新局 leads the April and May briefs of 各承办单位 (江岸区's records are its own) and
    # supports the statistics of 市发改委, handing in five working days before the lead's date:
    # April's by 25 April, done 3 May (late); May's by 28 May, open.
    assert [row(r) for r in document["units"]] == [
        ("市科技创新局", "red", (2, 0, 0, 0, 0.0), (1, 0, 0.5)),
        ("周口/办公室", "red", (1, 0, 0, 0, 0.0), (0, 0, None)),  # the report due 31 January
        ("市发改委", "red", (1, 0, 1, 0, 0.5), (0, 0, None)),
        ("武汉/办公室", "green", (0, 0, 0, 0, None), (0, 0, None)),
        ("江岸区人民政府", "green", (0, 0, 1, 1, 1.0), (0, 0, None)),
        ("法制处", "green", (0, 0, 0, 0, None), (0, 0, None)),
    ]
    assert row(document["total"]) == ("合计", "red", (4, 0, 2, 1, 0.4286), (1, 0, 0.5))


def test_the_board_of_a_group_is_the_board_of_its_members(run: Run) -> None:
    document = json.loads(ok(run, "board", "--unit", "各承办单位", "--format", "json"))
    assert [r["unit"] for r in document["units"]] == ["市科技创新局", "江岸区人民政府"]
    table = ok(run, "board", "--unit", "各承办单位")
    assert table.startswith("督办看板 · 2025年1月1日至2025年6月20日 · 2 个单位")
    assert "● 红" in table
    assert "合计" in table


def test_the_log_says_what_was_taken_back_and_by_whom(run: Run) -> None:
    ok(run, "done", "stats", "--period", "2025-05")
    ok(run, "done", "stats", "--period", "2025-04")
    assert ok(run, "undo", "2", "--by", "张敏").startswith("已撤销 #2：stats · 2025-04")
    shown = ok(run, "log")
    assert "办理记录 1 条" in shown
    assert shown.rstrip().splitlines()[-1].startswith("另有 1 条记录已撤销：#2（张敏，")


def test_a_day_done_without_its_year_is_the_one_just_gone(run: Run) -> None:
    """12月20日 typed on 5 January is the December before, not the one to come."""
    out = ok(run, "done", "stats", "--period", "2025-11", "--on", "12月20日", today="2026-01-05")
    assert "办结于 2025-12-20" in out


def test_undo_takes_back_ones_own_last_record_not_a_colleagues(run: Run) -> None:
    ok(run, "done", "stats", "--period", "2025-04", "--by", "王")
    ok(run, "done", "stats", "--period", "2025-05", REMIND_BY="李")
    refused = run("--today", "2025-06-20", "undo", "--by", "张")
    assert refused.exit_code == 2
    assert "no record made by 张 to take back" in refused.stderr
    assert ok(run, "undo", REMIND_BY="王").startswith("已撤销 #1：stats · 2025-04")
