"""remind digest: the week of a unit, and its delivery through a real SMTP server (aiosmtpd)
on 127.0.0.1."""

from __future__ import annotations

import os
import random
import signal
import ssl
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from remind.core import digest as weekly
from remind.core.model import Entry
from remind.core.records import State
from remind.storage.store import opened
from remind.storage.tasklist import load_tasklist
from remind.views.digest import subject
from tests.conftest import DATA, Run
from tests.delivery.conftest import Inbox, free_port
from tests.test_smoke import CLOCK, REMIND, cron_env

TODAY = "2025-06-20"  # a Friday: the week is 16–22 June


@pytest.fixture
def tasks_file(tmp_path: Path) -> Path:
    """The test task list, with addresses for three units."""
    text = (DATA / "tasks.toml").read_text(encoding="utf-8")
    text = text.replace('name = "法制处"\n', 'name = "法制处"\nemail = ["fazhi@example.org"]\n')
    text = text.replace(
        'name = "市发改委"\n',
        'name = "市发改委"\nemail = ["fgw@example.org", "fgw2@example.org"]\n',
    )
    path = tmp_path / "tasks.toml"
    path.write_text(text, encoding="utf-8")
    return path


def smtp_env(port: int, **extra: str) -> dict[str, str]:
    return {
        "REMIND_SMTP_HOST": "127.0.0.1",
        "REMIND_SMTP_PORT": str(port),
        "REMIND_SMTP_SECURITY": "none",
        "REMIND_SMTP_FROM": "督办提醒 <remind@example.org>",
        "REMIND_CONFIG": "",  # no config file: the environment says it all
        **extra,
    }


def body(message: EmailMessage, subtype: str) -> str:
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None
    return str(part.get_content())


# ---------------------------------------------------------------- the week, pure


def test_the_week_is_grouped_from_the_engines_entries(tmp_path: Path) -> None:
    tasklist = load_tasklist(DATA / "tasks.toml")
    records = (State().add(_record("stats", "2025-05", date(2025, 6, 10)))[0]).records
    week = weekly.Week.of(date(2025, 6, 20))
    assert (week.monday, week.sunday, week.key, week.label) == (
        date(2025, 6, 16), date(2025, 6, 22), "2025-W25", "6月16日—6月22日",
    )  # fmt: skip
    found = weekly.build(
        "全部单位", tasklist.tasks, records, today=date(2025, 6, 20),
        week=weekly.Week.of(date(2025, 6, 17)), since=date(2025, 3, 22), warn_days=7,
    )  # fmt: skip
    assert keys(found.overdue) == [("brief", "2025-04"), ("stats", "2025-04"), ("brief", "2025-05")]
    assert keys(found.this_week) == []
    assert keys(found.next_week) == []
    assert keys(found.done_last_week) == [("stats", "2025-05")]
    later = weekly.build(
        "全部单位", tasklist.tasks, records, today=date(2025, 6, 20),
        week=weekly.Week.of(date(2025, 6, 30)), since=date(2025, 3, 22), warn_days=7,
    )  # fmt: skip
    assert keys(later.this_week) == [
        ("brief", "2025-06"),
        ("halfyear", "once"),
        ("stats", "2025-06"),
    ]
    assert (
        subject(later) == "【催办】全部单位 · 本周到期3项 · 逾期18项（6月30日—7月6日）"
    )  # 15 from 2022; the April brief is long overdue: 催办


def test_a_due_date_that_moved_since_the_unit_was_told_says_both() -> None:
    """Told 7 July, due 30 June now (the task list was edited): 原定7月7日改为6月30日; a date
    told as it is, or never told, says nothing; the digest tells the dates it lists."""
    from remind.views.digest import row_cells

    tasklist = load_tasklist(DATA / "tasks.toml")
    told = {("halfyear", "once"): date(2025, 7, 7), ("brief", "2025-06"): date(2025, 6, 30)}
    found = weekly.build(
        "全部单位", tasklist.tasks, (), today=date(2025, 6, 27), week=weekly.Week.of(date(2025, 6, 30)),
        since=date(2025, 6, 1), warn_days=7, told=told,
    )  # fmt: skip
    assert found.moved == {("halfyear", "once"): date(2025, 7, 7)}
    halfyear = next(e for e in found.this_week if e.occurrence.task.id == "halfyear")
    assert row_cells(halfyear, found)[1] == "2025-06-30 周一，原定7月7日改为6月30日"
    brief = next(e for e in found.this_week if e.occurrence.task.id == "brief")
    assert "原定" not in row_cells(brief, found)[1]
    listed = [(t.task, t.period) for t in found.told]
    assert listed == keys((*found.overdue, *found.this_week, *found.next_week))


def keys(entries: Iterable[Entry]) -> list[tuple[str, str]]:
    return [(e.occurrence.task.id, e.occurrence.period) for e in entries]


def _record(task: str, period: str, on: date) -> Any:
    from remind.core.model import Record

    return Record(task, period, on)


def test_a_subject_stays_on_one_line() -> None:
    week = weekly.Week.of(date(2025, 6, 20))
    evil = weekly.Digest("法制处\r\nBcc: all@example.org", week, date(2025, 6, 20), (), (), (), ())
    assert "\r" not in subject(evil)
    assert "\n" not in subject(evil)
    assert (
        subject(evil) == "【督办提醒】法制处 Bcc: all@example.org · 本周到期0项（6月16日—6月22日）"
    )


def test_printed_in_three_formats(run: Run) -> None:
    for fmt, marker in (("text", "逾期未办（"), ("markdown", "### 逾期未办（"), ("html", "<h3")):
        result = run("--today", TODAY, "digest", "--unit", "法制处", "--format", fmt)
        assert result.exit_code == 0, result.stderr
        assert marker in result.stdout
        assert "法制处 · 6月16日—6月22日 · 截至2025年6月20日" in result.stdout


# ---------------------------------------------------------------- sending, for real


def test_each_unit_gets_its_digest(run: Run, smtp: tuple[Inbox, int], state_file: Path) -> None:
    inbox, port = smtp
    result = run("--today", TODAY, "digest", "--all-units", "--send", env=smtp_env(port))
    assert "Error: 武汉/办公室: no e-mail address" in result.stderr  # reported, not skipped
    assert result.exit_code == 1
    mail = inbox.to("fgw@example.org")
    assert sorted(r for rcpt, m in inbox.received if m is mail for r in rcpt) == [
        "fgw2@example.org", "fgw@example.org",
    ]  # fmt: skip
    # overdue for more than three working days: 催办
    assert mail["Subject"] == "【催办】市发改委 · 本周到期0项 · 逾期2项（6月16日—6月22日）"
    assert mail["From"] == "督办提醒 <remind@example.org>"
    assert mail["Message-ID"]
    assert mail["Date"]
    assert mail.get_content_type() == "multipart/alternative"
    text, html = body(mail, "plain"), body(mail, "html")
    assert (
        "  逾期 46天 催办  2025-05-05 周一  2025年4月\r\n      报送统计数据（stats）  牵头：市发改委"
    ) in text
    assert all(len(line.encode("gbk")) <= 80 for line in text.splitlines())  # fits 80 columns
    assert (
        '<td style="padding:4px 8px;border:1px solid #d0d5dd;text-align:left;vertical-align:top;color:#b42318;background:#fdecea;font-weight:bold">逾期 46天 催办</td>'
        in html
    )
    assert "<script" not in html
    assert "src=" not in html
    assert inbox.to("kjj@example.org")["Subject"].startswith("【催办】市科技创新局")
    assert inbox.to("fazhi@example.org")
    sent = opened(state_file).load().sent
    assert {(s.unit, s.week) for s in sent} == {
        ("武汉/市发改委", "2025-W25"), ("武汉/法制处", "2025-W25"), ("武汉/市科技创新局", "2025-W25"),
    }  # fmt: skip


def test_each_open_row_links_to_its_form_in_the_service(run: Run, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    made = run("--today", TODAY, "link", "--unit", "市发改委")
    token = made.stdout.strip().rsplit("/u/", 1)[1]
    base = "https://oa.example.org/督办"
    result = run("--today", TODAY, "digest", "--unit", "市发改委", "--unit", "法制处", "--send",
                 "--base-url", base, env=smtp_env(port))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "no link to record by for 法制处: their rows carry none" in result.stderr
    mail = inbox.to("fgw@example.org")
    text, html = body(mail, "plain"), body(mail, "html")
    item = f"{base}/u/{token}?open=stats--2025-04#stats--2025-04"
    assert f"      报送统计数据（stats）  牵头：市发改委\r\n      登记办结 {item}\r\n" in text
    assert text.rstrip().endswith(f"本单位全部事项 {base}/u/{token}")
    assert all(len(line.encode("gbk")) <= 80 for line in text.splitlines() if base not in line)
    assert f'报送统计数据（stats）<br><a href="{item}" style="color:#175cd3">登记办结</a>' in html
    assert "办结后点各事项的“登记办结”即可登记。" in html
    other = body(inbox.to("fazhi@example.org"), "plain")
    assert "/u/" not in other  # a unit without a link, and never another unit's
    assert "办结后请登记：remind done 任务编号 --period 期次。" in other
    assert token not in result.stdout  # the address goes to the unit only


def test_a_row_done_carries_no_link() -> None:
    from remind.views.digest import as_text, record_link

    tasklist = load_tasklist(DATA / "tasks.toml")
    task = tasklist.task("stats")
    week = weekly.Week.of(date(2025, 6, 20))
    found = weekly.build("市发改委", [task], [_record("stats", "2025-05", date(2025, 6, 11))],
                         today=date(2025, 6, 20), week=week, since=date(2025, 4, 1),
                         warn_days=3, link="https://svc/u/T")  # fmt: skip
    assert [record_link(found, e) for e in found.overdue] == [
        "https://svc/u/T?open=stats--2025-04#stats--2025-04"
    ]
    assert [e.occurrence.period for e in found.done_last_week] == ["2025-05"]
    assert record_link(found, found.done_last_week[0]) == ""
    assert as_text(found).count("登记办结 https://svc/u/T?open=") == 1


def test_a_second_run_that_week_sends_nothing(run: Run, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    args = ("--today", TODAY, "digest", "--unit", "法制处", "--send")
    assert run(*args, env=smtp_env(port)).exit_code == 0
    again = run(*args, env=smtp_env(port))
    assert again.exit_code == 0
    assert "不再发送（--force 重发）" in again.stdout
    assert len(inbox.received) == 1
    assert run(*args, "--force", env=smtp_env(port)).exit_code == 0
    assert len(inbox.received) == 2
    next_week = run(
        "--today", "2025-06-23", "digest", "--unit", "法制处", "--send", env=smtp_env(port)
    )
    assert next_week.exit_code == 0
    assert len(inbox.received) == 3


def test_a_refused_recipient_leaves_the_others_delivered(
    run: Run, smtp: tuple[Inbox, int], state_file: Path
) -> None:
    inbox, port = smtp
    inbox.refuse = {"fazhi@example.org"}
    result = run(
        "--today", TODAY, "digest", "--unit", "法制处", "--unit", "市发改委", "--unit", "市科技局",
        "--send", env=smtp_env(port),
    )  # fmt: skip
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("Error")] == [
        "Error: 法制处: fazhi@example.org: 550 5.1.1 <fazhi@example.org>: mailbox unavailable"
    ]
    assert {r for rcpt, _ in inbox.received for r in rcpt} == {
        "fgw@example.org", "fgw2@example.org", "kjj@example.org",
    }  # fmt: skip
    assert {s.unit for s in opened(state_file).load().sent} == {
        "武汉/市发改委",
        "武汉/市科技创新局",
    }


def test_a_server_that_is_down_fails_every_unit_and_says_so(run: Run) -> None:
    result = run("--today", TODAY, "digest", "--unit", "法制处", "--unit", "市发改委", "--send",
                 env=smtp_env(free_port()))  # fmt: skip
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if not line.startswith("Warning")]
    assert [line.split(":")[0] for line in lines] == ["Error", "Error"]
    assert lines[0].startswith("Error: 法制处: 127.0.0.1:")
    assert "refused" in lines[0].lower()


def test_html_shows_a_script_as_text(run: Run, smtp: tuple[Inbox, int], tasks_file: Path) -> None:
    inbox, port = smtp
    text = tasks_file.read_text(encoding="utf-8")
    tasks_file.write_text(
        text.replace('title = "报送统计数据"', 'title = "<script>alert(1)</script>"'),
        encoding="utf-8",
    )
    assert (
        run(
            "--today", TODAY, "digest", "--unit", "市发改委", "--send", env=smtp_env(port)
        ).exit_code
        == 0
    )
    html = body(inbox.to("fgw@example.org"), "html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_unit_name_cannot_add_headers(
    run: Run, smtp: tuple[Inbox, int], tasks_file: Path
) -> None:
    inbox, port = smtp
    text = tasks_file.read_text(encoding="utf-8")
    evil = "法制处\\r\\nBcc: spy@example.org"
    tasks_file.write_text(
        text.replace('name = "法制处"', f'name = "{evil}"').replace(
            'lead = ["法制处"]', 'lead = ["政策法制处"]'
        ),
        encoding="utf-8",
    )
    result = run("--today", TODAY, "digest", "--all-units", "--send", env=smtp_env(port))
    assert result.exit_code == 2  # the list itself is refused: a name is one line
    assert "name: expected text without control characters" in result.stderr
    assert inbox.received == []  # and the subject is made one line all the same (above)


def test_to_is_a_trial_that_is_checked_and_never_the_units_send(
    run: Run, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    args = ("--today", TODAY, "digest", "--unit", "法制处", "--send", "--to", "boss@example.org")
    result = run(*args, env=smtp_env(port))
    assert result.exit_code == 0, result.stderr
    assert [rcpt for rcpt, _ in inbox.received] == [["boss@example.org"]]
    assert run(*args, env=smtp_env(port)).exit_code == 0  # a trial, as often as one likes
    real = run(*args[:-2], env=smtp_env(port))  # Monday's run: the trials were not the unit's
    assert real.exit_code == 0, real.stderr
    assert [rcpt for rcpt, _ in inbox.received][1:] == [["boss@example.org"], ["fazhi@example.org"]]
    bad = run(
        *args[:-1],
        "x@y.org\r\nBcc: z@y.org",
        env=smtp_env(port),
    )
    assert bad.exit_code == 2
    assert "expected e-mail addresses like" in bad.stderr


def test_skip_empty(run: Run, smtp: tuple[Inbox, int], tasks_file: Path) -> None:
    inbox, port = smtp
    text = tasks_file.read_text(encoding="utf-8")
    tasks_file.write_text(
        text + '\n[[units]]\nname = "科技处"\nemail = "kj@example.org"\n', encoding="utf-8"
    )
    result = run(
        "--today", TODAY, "digest", "--unit", "科技处", "--send", "--skip-empty", env=smtp_env(port)
    )
    assert result.exit_code == 0, result.stderr
    assert "本周无事项，不发送" in result.stdout
    assert inbox.received == []


def test_starttls_and_login(run: Run, tmp_path: Path, state_file: Path) -> None:
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))

    def authenticate(
        server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
            b"remind",
            b"s3cret",
        )
        return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535

    inbox = Inbox()
    port = free_port()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
        authenticator=authenticate, auth_require_tls=True,
    )  # fmt: skip
    controller.start()
    try:
        config = tmp_path / "config.toml"
        password_file = tmp_path / "password"
        password_file.write_text("s3cret\n", encoding="utf-8")
        password_file.chmod(0o600)
        config.write_text(
            f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "starttls"\nusername = "remind"\n'
            f'from = "remind@example.org"\nca_file = "{ca_file}"\npassword_file = "{password_file}"\n',
            encoding="utf-8",
        )
        args = ("--today", TODAY, "digest", "--unit", "法制处", "--send", "--config", str(config))
        result = run(*args, env={"REMIND_CONFIG": ""})
        assert result.exit_code == 0, result.stderr
        assert inbox.to("fazhi@example.org")["From"] == "remind@example.org"
        wrong = run(*args, "--force", env={"REMIND_SMTP_PASSWORD": "wrong"})
        assert wrong.exit_code == 1
        assert wrong.stderr.startswith("Error: 法制处: 535 ")
        password_file.chmod(0o644)
        loose = run(*args, "--force")
        assert loose.exit_code == 2
        assert "chmod 600" in loose.stderr
    finally:
        controller.stop()
    assert len(inbox.received) == 1


def test_an_untrusted_certificate_is_refused(run: Run, tmp_path: Path) -> None:
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, tls_context=context)
    controller.start()
    try:
        env = smtp_env(port, REMIND_SMTP_SECURITY="starttls")
        result = run("--today", TODAY, "digest", "--unit", "法制处", "--send", env=env)
    finally:
        controller.stop()
    assert result.exit_code == 1
    assert "CERTIFICATE_VERIFY_FAILED" in result.stderr
    assert inbox.received == []


# ---------------------------------------------------------------- dry run, cron


def test_dry_run_writes_the_messages(run: Run, tmp_path: Path, state_file: Path) -> None:
    outbox = tmp_path / "outbox"
    result = run("--today", TODAY, "digest", "--all-units", "--dry-run", "--outbox", str(outbox))
    assert result.exit_code == 0
    assert "Warning: 武汉/办公室: no e-mail address" in result.stderr  # said, and shown
    written = sorted(p.name for p in outbox.iterdir())
    assert "2025-W25-市发改委.eml" in written
    assert "2025-W25-周口_办公室.eml" in written
    assert len(written) == 6
    mail = message_from_bytes((outbox / "2025-W25-法制处.eml").read_bytes(), policy=policy.default)
    assert mail["To"] == "fazhi@example.org"
    assert "本周到期" in mail["Subject"]
    assert not state_file.exists()  # nothing was sent, nothing recorded


def test_cron_on_monday_morning_in_beijing(
    smtp: tuple[Inbox, int], tasks_file: Path, tmp_path: Path
) -> None:
    """Sunday 17:30 on the machine's UTC clock is Monday 01:30 in Beijing: the week of 23 June."""
    inbox, port = smtp
    env = cron_env(
        tmp_path, PYTHONPATH=CLOCK, REMIND_TEST_NOW="2025-06-22T17:30:00+00:00", **smtp_env(port)
    )
    env.pop("HOME")
    args = [
        REMIND,
        "--tasks",
        str(tasks_file),
        "--state",
        str(tmp_path / "state.sqlite3"),
        "digest",
        "--unit",
        "法制处",
        "--send",
    ]
    result = subprocess.run(
        args, env=env, cwd=tmp_path, capture_output=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr.decode()
    mail = inbox.to("fazhi@example.org")
    assert mail["Subject"].endswith("（6月23日—6月29日）")
    assert "法制处 · 6月23日—6月29日 · 截至2025年6月23日" in body(mail, "plain")


# ---------------------------------------------------------------- 催办


ESCALATION = """
[settings]
escalate_after = 3

[[sources]]
id = "plan"
title = "方案"
date = 2025-01-01

[[units]]
name = "法制处"
email = ["fazhi@example.org"]
leader = "盛继亮（局长）"
leader_email = ["leader@example.org"]

[[units]]
name = "规划处"
email = ["guihua@example.org"]

[[tasks]]
id = "report"
title = "报送材料"
source = "plan"
lead = ["法制处", "规划处"]
due = 2025-06-16
"""


def test_the_leader_is_copied_only_past_the_threshold(
    run: Run, smtp: tuple[Inbox, int], tmp_path: Path, state_file: Path
) -> None:
    inbox, port = smtp
    tasks = tmp_path / "escalation.toml"
    tasks.write_text(ESCALATION, encoding="utf-8")
    args = ("--tasks", str(tasks), "digest", "--unit", "法制处", "--send", "--force")
    # due Monday 16 June; Thursday 19 June is three working days late: not yet
    assert run("--today", "2025-06-19", *args, env=smtp_env(port)).exit_code == 0
    ((rcpt, mail),) = inbox.received
    assert rcpt == ["fazhi@example.org"]
    assert mail["Cc"] is None
    assert mail["Subject"].startswith("【督办提醒】法制处")
    # Friday 20 June, four working days: copied, and marked
    result = run("--today", "2025-06-20", *args, env=smtp_env(port))
    assert result.exit_code == 0, result.stderr
    assert "法制处 → fazhi@example.org（抄送 leader@example.org）" in result.stdout
    rcpt, mail = inbox.received[1]
    assert sorted(rcpt) == ["fazhi@example.org", "leader@example.org"]
    assert mail["Cc"] == "leader@example.org"
    assert mail["Subject"] == "【催办】法制处 · 本周到期1项 · 逾期1项（6月16日—6月22日）"
    text = body(mail, "plain")
    assert "催办：1项逾期超过3个工作日" in text
    assert "逾期 4天 催办" in text
    assert opened(state_file).load().sent[-1].to == ("fazhi@example.org", "leader@example.org")


def test_no_address_no_escalation_and_check_says_who(
    run: Run, smtp: tuple[Inbox, int], tmp_path: Path
) -> None:
    inbox, port = smtp
    tasks = tmp_path / "escalation.toml"
    tasks.write_text(ESCALATION, encoding="utf-8")
    result = run("--tasks", str(tasks), "--today", "2025-06-20", "digest", "--unit", "规划处",
                 "--send", env=smtp_env(port))  # fmt: skip
    assert result.exit_code == 0
    assert "Warning: 规划处: 1 item(s) overdue more than 3 working days, and no leader_email" in (
        result.stderr
    )
    ((rcpt, mail),) = inbox.received
    assert rcpt == ["guihua@example.org"]  # marked, but copied to no one
    assert mail["Subject"].startswith("【催办】规划处")
    check = run("--tasks", str(tasks), "--today", "2025-06-20", "check")
    assert check.exit_code == 0
    assert "  规划处：1 项" in check.stdout
    assert "法制处" not in check.stdout  # it has a leader's address
    quiet = run("--tasks", str(tasks), "--today", "2025-06-19", "check")
    assert "催办" not in quiet.stdout


def test_due_marks_what_is_overdue_past_the_threshold(run: Run, tmp_path: Path) -> None:
    tasks = tmp_path / "escalation.toml"
    tasks.write_text(ESCALATION, encoding="utf-8")
    before = run("--tasks", str(tasks), "--today", "2025-06-19", "due", "--unit", "法制处")
    assert "逾期3天" in before.stdout
    assert "催办" not in before.stdout
    after = run("--tasks", str(tasks), "--today", "2025-06-20", "due", "--unit", "法制处")
    assert "逾期4天" in after.stdout
    assert "催办" in after.stdout
    styled = run("--tasks", str(tasks), "--today", "2025-06-20", "--color", "always", "due",
                 "--unit", "法制处", env={"NO_COLOR": ""})  # fmt: skip
    assert "\x1b[1;31m逾期4天" in styled.stdout  # bold red


@dataclass
class SlowInbox(Inbox):
    """A server that takes its time over each message, as a busy one does."""

    delay: float = 0.4

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        import asyncio

        await asyncio.sleep(self.delay)
        return await super().handle_DATA(server, session, envelope)


def test_two_runs_at_once_mail_each_unit_once(
    tasks_file: Path, tmp_path: Path, store_location: Path | str
) -> None:
    inbox = SlowInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        env = {**os.environ, "REMIND_TASKS": str(tasks_file), "REMIND_STATE": str(store_location),
               "REMIND_CACHE": "off", **smtp_env(controller.port)}  # fmt: skip
        units = ("--unit", "法制处", "--unit", "市发改委", "--unit", "市科技创新局")
        argv = [REMIND, "--today", TODAY, "digest", *units, "--send"]
        runs = [subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for _ in range(2)]  # fmt: skip
        for run_ in runs:
            _, error = run_.communicate(timeout=120)
            assert run_.returncode == 0, error.decode()
    finally:
        controller.stop()
    for address in ("fazhi@example.org", "fgw@example.org", "kjj@example.org"):
        inbox.to(address)  # exactly one message each
    assert len(inbox.received) == 3
    sent = opened(store_location).load().sent
    assert sorted(s.unit for s in sent) == ["武汉/市发改委", "武汉/市科技创新局", "武汉/法制处"]


def test_a_store_that_cannot_be_written_sends_nothing(tasks_file: Path, tmp_path: Path) -> None:
    """Every retry would mail the first unit again if it were sent before the store refused
    to record it: the store is asked first."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    store = tmp_path / "state.sqlite3"
    opened(store).change(lambda state: (state, None))  # a store, with nothing in it yet
    store.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        env = {**os.environ, "REMIND_TASKS": str(tasks_file), "REMIND_STATE": str(store),
               "REMIND_CACHE": "off", **smtp_env(controller.port)}  # fmt: skip
        argv = [REMIND, "--today", TODAY, "digest", "--unit", "法制处", "--send"]
        if os.geteuid() == 0:  # root writes past permissions; without its capabilities it cannot
            argv = ["setpriv", "--bounding-set", "-all", "--inh-caps", "-all", "--", *argv]
        result = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    finally:
        controller.stop()
        tmp_path.chmod(0o755)
    assert result.returncode == 2
    assert "cannot use the record store" in result.stderr
    assert inbox.received == []


def test_runs_killed_at_any_moment_mail_each_unit_at_least_once_and_record_it_once(
    tasks_file: Path, store_location: Path | str
) -> None:
    """A run killed between sending and recording errs towards one extra mail, never towards
    none: each kill adds at most one message, and the store keeps one row per unit's week."""
    inbox = SlowInbox(delay=0.3)
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    env = {**os.environ, "REMIND_TASKS": str(tasks_file), "REMIND_STATE": str(store_location),
           "REMIND_CACHE": "off", **smtp_env(controller.port)}  # fmt: skip
    units = ("--unit", "法制处", "--unit", "市发改委", "--unit", "市科技创新局")
    digest = [REMIND, "--today", TODAY, "digest", *units, "--send"]
    done = [REMIND, "--today", TODAY, "done", "stats", "--period", "2025-05"]
    chance = random.Random(11)
    try:
        for _ in range(4):
            runs = [subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL) for argv in (digest, done)]  # fmt: skip
            time.sleep(chance.uniform(0.2, 1.0))
            for run_ in runs:
                run_.send_signal(signal.SIGKILL)
                run_.wait(timeout=60)
        last = subprocess.run(digest, env=env, capture_output=True, text=True, check=False)
        assert last.returncode == 0, last.stderr
    finally:
        controller.stop()
    addresses = ("fazhi@example.org", "fgw@example.org", "kjj@example.org")
    counts = [sum(address in rcpt for rcpt, _ in inbox.received) for address in addresses]
    assert all(count >= 1 for count in counts), counts
    assert sum(counts) <= len(addresses) + 4  # at most one extra message per kill
    sent = opened(store_location).load().sent
    assert sorted(s.unit for s in sent) == ["武汉/市发改委", "武汉/市科技创新局", "武汉/法制处"]
    kept = [r for r in opened(store_location).load().records if r.task == "stats"]
    assert len(kept) <= 1  # a done that was killed is kept whole or not at all


def test_the_text_part_wraps_within_80_columns_whatever_the_text() -> None:
    import random

    from remind.views.digest import _wrapped
    from remind.views.grid import width_of

    chance = random.Random(5)
    for _ in range(500):
        text = "".join(chance.choice("督办事项，。、）ab 1") for _ in range(chance.randint(1, 400)))
        lines = _wrapped(text, "  ")
        assert all(width_of(line) <= 80 for line in lines)
        assert "".join("".join(lines).split()) == "".join(text.split())  # nothing lost


@pytest.mark.parametrize("at", range(30, 40))
def test_a_comma_at_the_edge_stays_on_its_line(at: int) -> None:
    from remind.views.digest import _wrapped

    text = "督" * at + "，" + "办理工作简报" * 10
    lines = _wrapped(text, "  ")
    assert all(not line.strip().startswith(("，", "。", "、", "）")) for line in lines)


def test_a_due_date_an_amended_notice_moved_is_said_once(
    run: Run, smtp: tuple[Inbox, int], tmp_path: Path, state_file: Path
) -> None:
    """The unit was told 19 February; the notice, amended, makes it a day off: the next digest
    says 原定2月19日改为2月22日, in mail and in print, and the one after does not."""
    from tests.storage.test_holidays import AMENDED, NOTICE, SPRING, notices

    folder = notices(tmp_path / "holidays", y2027=NOTICE)
    tasks = tmp_path / "amended.toml"
    tasks.write_text(AMENDED, encoding="utf-8")
    inbox, port = smtp

    def digest(today: str, *more: str) -> str:
        args = ("--tasks", str(tasks), "--today", today, "digest", "--unit", "法制处", *more)
        result = run(*args, env=smtp_env(port))
        assert result.exit_code == 0, result.stderr
        return result.stdout

    digest("2027-02-08", "--send")  # told: due 19 February, next week
    told = opened(state_file).load().told("/法制处")  # a list without organisations
    assert told == {("report", "once"): date(2027, 2, 19), ("brief", "once"): date(2027, 2, 18)}
    off = {"name": "春节", "date": "2027-02-19", "isOffDay": True}
    notices(folder, y2027={**NOTICE, "days": [*SPRING, off]})
    printed = digest("2027-02-15")
    assert "2027-02-22 周一，原定2月19日（春节）改为2月22日" in printed
    assert printed.count("原定") == 1  # the brief did not move
    digest("2027-02-15", "--send")
    assert "原定2月19日（春节）改为2月22日" in body(inbox.received[-1][1], "plain")
    assert "改为" not in digest("2027-02-16")  # told the new date: said once
