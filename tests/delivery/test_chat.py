"""remind digest to the group chats: each unit's week posted to its robots (企业微信, 钉钉, 飞书),
received by local robots that hold remind to each one's contract (tests/delivery/robots.py)."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from remind.delivery import chat
from remind.delivery.chat import PER_MINUTE, Throttle
from remind.storage.store import opened
from tests.conftest import DATA, Run
from tests.delivery.conftest import Inbox
from tests.delivery.robots import Robots, serve
from tests.delivery.test_digest import smtp_env
from tests.test_smoke import REMIND

TODAY = "2025-06-20"  # a Friday: the week is 16–22 June
UNITS = ("--unit", "法制处", "--unit", "市发改委", "--unit", "市科技创新局")
SECRETS = {"fgw-token": "SEC-dingtalk-secret", "kjj-hook": "feishu-secret"}


@pytest.fixture
def robots() -> Iterator[Robots]:
    yield from serve(Robots(secrets=dict(SECRETS)))


@pytest.fixture
def tasks_file(tmp_path: Path) -> Path:
    """The test task list; 市发改委's 分管领导 has a mobile number for 催办."""
    text = (DATA / "tasks.toml").read_text(encoding="utf-8")
    text = text.replace(
        'name = "市发改委"\n', 'name = "市发改委"\nleader_mobile = ["13800000001"]\n'
    )
    path = tmp_path / "tasks.toml"
    path.write_text(text, encoding="utf-8")
    return path


def config_text(robots: Robots, extra: str = "") -> str:
    return f"""
[[webhooks]]
unit = "法制处"
kind = "wecom"
url = "{robots.url("wecom", "fazhi-key")}"

[[webhooks]]
unit = "市发改委"
kind = "dingtalk"
url = "{robots.url("dingtalk", "fgw-token")}"
secret = "{SECRETS["fgw-token"]}"

[[webhooks]]
unit = "市科技创新局"
kind = "feishu"
url = "{robots.url("feishu", "kjj-hook")}"
secret_env = "KJJ_SECRET"
{extra}"""


@pytest.fixture
def config(tmp_path: Path, robots: Robots) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(config_text(robots), encoding="utf-8")
    path.chmod(0o600)
    return path


def chat_env(config: Path) -> dict[str, str]:
    return {"REMIND_CONFIG": str(config), "KJJ_SECRET": SECRETS["kjj-hook"]}


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """A retry's pauses made short."""
    monkeypatch.setattr(chat, "PAUSES", (0.01, 0.02, 0.03))


# ---------------------------------------------------------------- sending


def test_each_unit_gets_its_mail_and_one_message_per_robot(
    run: Run, robots: Robots, config: Path, state_file: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    env = chat_env(config) | smtp_env(port) | {"REMIND_CONFIG": str(config)}
    result = run("--today", TODAY, "digest", *UNITS, "--send", env=env)
    assert result.exit_code == 0, result.stderr
    assert [rcpt for rcpt, _ in inbox.received] == [["kjj@example.org"]]  # the one with an address
    assert robots.broken == []
    assert [a.key for a in robots.arrived] == ["fazhi-key", "fgw-token", "kjj-hook"]
    wecom = robots.to("fazhi-key")[0]["markdown"]["content"]
    assert wecom.startswith("**【督办提醒】法制处")
    assert "截至2025年6月20日" in wecom
    dingtalk = robots.to("fgw-token")[0]
    assert (
        dingtalk["markdown"]["title"]
        == "【催办】市发改委 · 本周到期0项 · 逾期2项（6月16日—6月22日）"
    )
    assert (
        "- 逾期 46天 催办 · 2025-05-05 周一 · 2025年4月 · 报送统计数据（stats）"
        in (dingtalk["markdown"]["text"])
    )
    assert dingtalk["at"] == {"atMobiles": ["13800000001"], "isAtAll": False}
    feishu = robots.to("kjj-hook")[0]
    assert feishu["card"]["header"]["template"] == "red"  # 催办
    assert "fazhi-key" not in result.stdout  # a robot's key is a secret
    assert "法制处 → 企业微信群 " in result.stdout
    assert "市发改委 → 钉钉群 " in result.stdout
    assert "@13800000001" in result.stdout
    assert result.stdout.rstrip().endswith("共发送 4 份。")
    sent = opened(state_file).load().sent
    assert sorted((s.unit, s.week, s.channel.partition(":")[0]) for s in sent) == [
        ("武汉/市发改委", "2025-W25", "dingtalk"),
        ("武汉/市科技创新局", "2025-W25", "feishu"),
        ("武汉/市科技创新局", "2025-W25", "mail"),
        ("武汉/法制处", "2025-W25", "wecom"),
    ]


def test_a_robots_rows_link_to_the_units_forms(run: Run, robots: Robots, config: Path) -> None:
    made = run("--today", TODAY, "link", "--unit", "市发改委", "--unit", "市科技创新局")
    base = "https://oa.example.org/dub"
    page = {name: f"{base}/u/{url.rsplit('/u/', 1)[1]}"
            for name, url in (line.split("\t") for line in made.stdout.splitlines())}  # fmt: skip
    result = run("--today", TODAY, "digest", *UNITS, "--send", "--channel", "chat",
                 "--base-url", base, env=chat_env(config))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert robots.broken == []
    dingtalk = robots.to("fgw-token")[0]["markdown"]["text"]
    fgw = page["市发改委"]
    assert (f"报送统计数据（stats） · 市发改委 · [登记办结]({fgw}?open=stats--2025-05"
            "#stats--2025-05)") in dingtalk  # fmt: skip
    assert dingtalk.count("[登记办结](") == 2
    assert f"[本单位全部事项]({fgw})" in dingtalk
    feishu = robots.to("kjj-hook")[0]["card"]["elements"][0]["content"]
    assert f"[登记办结]({page['市科技创新局']}?open=" in feishu
    wecom = robots.to("fazhi-key")[0]["markdown"]["content"]
    assert "/u/" not in wecom  # no link made for 法制处
    assert all(p.rsplit("/u/", 1)[1] not in result.stdout for p in page.values())


def test_a_week_goes_to_a_robot_once(run: Run, robots: Robots, config: Path) -> None:
    args = ("--today", TODAY, "digest", "--unit", "法制处", "--send")
    assert run(*args, env=chat_env(config)).exit_code == 0
    again = run(*args, env=chat_env(config))
    assert again.exit_code == 0
    assert "的周报已于" in again.stdout
    assert "不再发送（--force 重发）" in again.stdout
    assert "本周已发过 1 份" in again.stdout
    assert len(robots.arrived) == 1
    assert run(*args, "--force", env=chat_env(config)).exit_code == 0
    assert len(robots.arrived) == 2


def test_mail_and_chat_are_channels_of_their_own(
    run: Run, robots: Robots, config: Path, tmp_path: Path
) -> None:
    """--channel chat needs no mail server; --channel mail posts nothing; a unit that has only
    a robot is no mail without an address."""
    chat_only = run("--today", TODAY, "digest", "--unit", "法制处", "--send", "--channel",
                    "chat", env=chat_env(config))  # fmt: skip
    assert chat_only.exit_code == 0, chat_only.stderr
    assert len(robots.arrived) == 1
    mail_only = run("--today", TODAY, "digest", "--unit", "法制处", "--send", "--channel",
                    "mail", env=chat_env(config))  # fmt: skip
    assert mail_only.exit_code == 2
    assert "no SMTP host" in mail_only.stderr
    assert len(robots.arrived) == 1
    trial = run("--today", TODAY, "digest", "--unit", "法制处", "--send", "--channel", "chat",
                "--to", "me@example.org", env=chat_env(config))  # fmt: skip
    assert trial.exit_code == 2
    assert "--to gives mail addresses" in trial.stderr


def test_a_refusal_is_a_failure_that_names_the_unit(
    run: Run, robots: Robots, config: Path, state_file: Path
) -> None:
    robots.script["fazhi-key"] = ["error"]
    chat_only = ("--channel", "chat")
    result = run("--today", TODAY, "digest", *UNITS, "--send", *chat_only, env=chat_env(config))
    assert result.exit_code == 1
    assert "Error: 法制处: 企业微信群" in result.stderr
    assert "企业微信 answered 93000: invalid webhook url" in result.stderr
    assert len(robots.arrived) == 2  # the others got theirs
    assert "失败 1 份" in result.stdout
    sent = opened(state_file).load().sent
    assert "武汉/法制处" not in {s.unit for s in sent}  # not recorded: the next run tries again
    again = run("--today", TODAY, "digest", *UNITS, "--send", *chat_only, env=chat_env(config))
    assert again.exit_code == 0
    assert [a.key for a in robots.arrived] == ["fgw-token", "kjj-hook", "fazhi-key"]


@pytest.mark.usefixtures("quick")
def test_a_rate_limit_or_a_server_error_is_tried_again(
    run: Run, robots: Robots, config: Path
) -> None:
    robots.script["fgw-token"] = ["busy", "http500"]
    result = run("--today", TODAY, "digest", "--unit", "市发改委", "--send",
                 env=chat_env(config))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert len(robots.to("fgw-token")) == 1
    assert robots.requests == 3


@pytest.mark.usefixtures("quick")
def test_a_robot_that_stays_busy_fails_after_the_last_try(
    run: Run, robots: Robots, config: Path
) -> None:
    robots.script["kjj-hook"] = ["busy"] * 10
    result = run("--today", TODAY, "digest", "--unit", "市科技创新局", "--send", "--channel",
                 "chat", env=chat_env(config))  # fmt: skip
    assert result.exit_code == 1
    assert "飞书 answered 9499: too many request" in result.stderr
    assert robots.requests == len(chat.PAUSES) + 1
    assert robots.arrived == []


def test_a_wrong_secret_is_refused_by_the_robot(run: Run, robots: Robots, config: Path) -> None:
    robots.secrets["fgw-token"] = "another secret"
    result = run("--today", TODAY, "digest", "--unit", "市发改委", "--send",
                 env=chat_env(config))  # fmt: skip
    assert result.exit_code == 1
    assert robots.broken == ["dingtalk fgw-token: sign wrong"]


def test_dry_run_writes_each_message_and_sends_nothing(
    run: Run, robots: Robots, config: Path, tmp_path: Path, state_file: Path
) -> None:
    outbox = tmp_path / "outbox"
    result = run("--today", TODAY, "digest", *UNITS, "--dry-run", "--outbox", str(outbox),
                 env=chat_env(config))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert robots.arrived == []
    written = sorted(p.name for p in outbox.glob("*.json"))
    assert len(written) == 3
    assert all(name.startswith("2025-W25-") for name in written)
    assert any(name.startswith("2025-W25-法制处-wecom-") for name in written)
    for path in outbox.glob("*.json"):
        text = path.read_text(encoding="utf-8")
        json.loads(text)
        assert "fazhi-key" not in text  # neither the key
        assert "sign" not in text  # nor a signature
    assert not state_file.exists()


def test_two_runs_at_once_post_each_unit_once(
    tasks_file: Path, robots: Robots, config: Path, store_location: Path | str
) -> None:
    robots.delay = 0.3  # a robot taking its time, so that the runs overlap
    env = {**os.environ, "REMIND_TASKS": str(tasks_file), "REMIND_STATE": str(store_location),
           "REMIND_CACHE": "off", **chat_env(config)}  # fmt: skip
    argv = [REMIND, "--today", TODAY, "digest", *UNITS, "--send", "--channel", "chat"]
    runs = [subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(2)]  # fmt: skip
    for process in runs:
        _, error = process.communicate(timeout=120)
        assert process.returncode == 0, error.decode()
    assert sorted(a.key for a in robots.arrived) == ["fazhi-key", "fgw-token", "kjj-hook"]
    assert robots.broken == []


# ---------------------------------------------------------------- the config file


@pytest.mark.parametrize(
    ("entry", "said"),
    [
        ('[[webhooks]]\nunit = "无此处"\nkind = "wecom"\nurl = "https://example.org/x"\n',
         "[[webhooks]] unit: unknown unit '无此处'"),
        ('[[webhooks]]\nunit = "法制处"\nkind = "qq"\nurl = "https://example.org/x"\n',
         "kind"),
        ('[[webhooks]]\nunit = "法制处"\nkind = "wecom"\nurl = "http://example.org/x"\n',
         "expected an https:// address, got one for http://example.org"),
        ('[[webhooks]]\nunit = "法制处"\nkind = "dingtalk"\nurl_env = "NOT_SET_HERE"\n',
         "the variable $NOT_SET_HERE is not set"),
        ('[[webhooks]]\nunit = "法制处"\nkind = "wecom"\n', "missing; expected url, url_file"),
        ('[[webhooks]]\nunit = "法制处"\nkind = "wecom"\nurl = "https://e.org/x"\nsecret = "s"\n',
         "a 企业微信 robot signs nothing"),
    ],
)  # fmt: skip
def test_a_wrong_webhook_is_one_line_and_nothing_is_sent(
    run: Run, robots: Robots, config: Path, entry: str, said: str
) -> None:
    config.write_text(config_text(robots, entry), encoding="utf-8")
    result = run("--today", TODAY, "digest", *UNITS, "--send", env=chat_env(config))
    assert result.exit_code == 2
    assert said in result.stderr
    assert str(config) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert robots.arrived == []


def test_a_url_file_must_be_private(run: Run, robots: Robots, config: Path, tmp_path: Path) -> None:
    secret = tmp_path / "fazhi.url"
    secret.write_text(robots.url("wecom", "fazhi-key") + "\n", encoding="utf-8")
    secret.chmod(0o644)
    entry = f'[[webhooks]]\nunit = "武汉/办公室"\nkind = "wecom"\nurl_file = "{secret}"\n'
    config.write_text(config_text(robots, entry), encoding="utf-8")
    refused = run(
        "--today", TODAY, "digest", "--unit", "武汉/办公室", "--send", env=chat_env(config)
    )
    assert refused.exit_code == 2
    assert "chmod 600" in refused.stderr
    secret.chmod(0o600)
    taken = run("--today", TODAY, "digest", "--unit", "武汉/办公室", "--send", env=chat_env(config))
    assert taken.exit_code == 0, taken.stderr
    assert len(robots.to("fazhi-key")) == 1


def test_check_says_who_no_digest_reaches(run: Run, robots: Robots, config: Path) -> None:
    result = run("--today", TODAY, "check", env=chat_env(config))
    assert result.exit_code == 0, result.stderr
    assert "以下单位既无邮箱也无群机器人" in result.stdout
    assert "办公室" in result.stdout.split("以下单位既无邮箱也无群机器人")[1]
    config.write_text(config_text(robots, '[[webhooks]]\nunit = "无此处"\nkind = "wecom"\n'
                                           'url = "https://e.org/x"\n'), encoding="utf-8")  # fmt: skip
    wrong = run("--today", TODAY, "check", env=chat_env(config))
    assert wrong.exit_code == 0  # a reminder: the config may be meant for another task list
    assert "配置文件的群机器人有问题" in wrong.stdout
    assert "unknown unit '无此处'" in wrong.stdout
    refused = run("--today", TODAY, "digest", "--unit", "法制处", "--send", env=chat_env(config))
    assert refused.exit_code == 2  # sending refuses it


# ---------------------------------------------------------------- the robots' rules


def test_the_throttle_keeps_twenty_a_minute_and_waits_no_longer() -> None:
    now = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    throttle = Throttle(lambda: now[0], sleep)
    times = []
    for _ in range(PER_MINUTE * 2 + 5):
        throttle.count()
        times.append(now[0])
        now[0] += 0.5  # each post takes half a second
    for index in range(len(times) - PER_MINUTE):
        assert times[index + PER_MINUTE] - times[index] >= 60  # never 21 in a minute
    assert times[PER_MINUTE] == pytest.approx(60.0)  # waited only until the first fell out
    assert sum(waits) == pytest.approx(times[-1] - 0.5 * (len(times) - 1))


def test_a_leader_mobile_that_is_no_mobile_number_is_refused(run: Run, tasks_file: Path) -> None:
    text = tasks_file.read_text(encoding="utf-8")
    tasks_file.write_text(text.replace('"13800000001"', '"0271234567"'), encoding="utf-8")
    result = run("check")
    assert result.exit_code == 2
    assert "leader_mobile" in result.stderr
    assert (
        "expected a mobile number of 11 digits like 13812345678, got '0271234567'" in result.stderr
    )


def test_on_a_terminal_a_bar_shows_progress_and_the_summary_stays(
    tasks_file: Path, robots: Robots, config: Path, tmp_path: Path
) -> None:
    import pty

    env = {**os.environ, "REMIND_TASKS": str(tasks_file), "REMIND_STATE": str(tmp_path / "s.db"),
           "REMIND_CACHE": "off", "COLUMNS": "80", "TERM": "xterm", **chat_env(config)}  # fmt: skip
    argv = [REMIND, "--today", TODAY, "digest", *UNITS, "--send", "--channel", "chat"]
    leader, follower = pty.openpty()
    process = subprocess.Popen(argv, env=env, stdout=follower, stderr=subprocess.PIPE)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 0
    text = shown.decode("utf-8", "replace")
    assert "发送周报" in text  # the bar, while it ran
    assert "共发送 3 份。" in text
    assert len(robots.arrived) == 3


def test_mail_alone_is_not_stopped_by_a_robots_variable(
    run: Run, robots: Robots, config: Path, tmp_path: Path
) -> None:
    env = chat_env(config) | {"KJJ_SECRET": ""}  # the crontab sets it; this shell does not
    outbox = tmp_path / "outbox"
    for extra in (["--channel", "mail"], ["--to", "me@example.org"]):
        result = run("--today", TODAY, "digest", "--unit", "法制处", "--dry-run", "--outbox",
                     str(outbox), *extra, env=env)  # fmt: skip
        assert result.exit_code == 0, result.stderr
    posted = run("--today", TODAY, "digest", "--unit", "法制处", "--send", env=env)
    assert posted.exit_code == 2
    assert "KJJ_SECRET is not set" in posted.stderr


def test_chat_only_needs_robots_and_names_the_units_without_one(
    run: Run, robots: Robots, config: Path, tmp_path: Path
) -> None:
    result = run("--today", TODAY, "digest", "--unit", "法制处", "--unit", "武汉/办公室", "--send",
                 "--channel", "chat", env=chat_env(config))  # fmt: skip
    assert result.exit_code == 1
    assert "Error: 武汉/办公室: no group robot" in result.stderr
    assert len(robots.arrived) == 1
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    none = run("--today", TODAY, "digest", "--unit", "法制处", "--send", "--channel", "chat",
               env={"REMIND_CONFIG": str(empty)})  # fmt: skip
    assert none.exit_code == 2
    assert "no [[webhooks]]" in none.stderr


def test_a_robot_that_answers_garbage_fails_its_unit_only(
    run: Run, config: Path, robots: Robots, quick: None
) -> None:
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def answer_garbage() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                connection.recv(65536)
                connection.sendall(b"GARBAGE\r\n\r\n")

    threading.Thread(target=answer_garbage, daemon=True).start()
    broken = f"http://127.0.0.1:{listener.getsockname()[1]}/cgi-bin/webhook/send?key=x"
    config.write_text(config_text(robots).replace(robots.url("wecom", "fazhi-key"), broken),
                      encoding="utf-8")  # fmt: skip
    try:
        result = run("--today", TODAY, "digest", *UNITS, "--send", "--channel", "chat",
                     env=chat_env(config))  # fmt: skip
    finally:
        listener.close()
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert "Error: 法制处: 企业微信群" in result.stderr
    assert sorted(a.key for a in robots.arrived) == ["fgw-token", "kjj-hook"]


def test_a_refused_address_never_shows_its_key(run: Run, robots: Robots, config: Path) -> None:
    entry = '[[webhooks]]\nunit = "法制处"\nkind = "wecom"\nurl = "http://a.cn/?key=SECRETKEY"\n'
    config.write_text(config_text(robots, entry), encoding="utf-8")
    result = run("--today", TODAY, "digest", "--unit", "法制处", "--send", env=chat_env(config))
    assert result.exit_code == 2
    assert "SECRETKEY" not in result.stderr + result.stdout
