"""The 督办 service as a coordinator runs it: links made with `remind link`, then `remind serve`
as its own process on a free port of 127.0.0.1, stopped (SIGTERM) when the tests are done."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest

from tests.conftest import DATA

TODAY = "2025-06-20"  # a Friday
UNITS = ("法制处", "市发改委")


@dataclass
class Served:
    """A running service: its address, each unit's and the coordinator's token, the
    process and the file its log goes to."""

    base: str
    token: dict[str, str]
    coordinator: str
    process: subprocess.Popen[bytes]
    log: Path

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], str]:
        """GET `path`: the status, the headers (named in lower case) and the body; an error
        status is an answer too."""
        address = self.base + urllib.parse.quote(path, safe="/?=&%")
        request = urllib.request.Request(address, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return answer.status, _lower(answer.headers), answer.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, _lower(error.headers), error.read().decode("utf-8")


def environ(folder: Path) -> dict[str, str]:
    """The bureau's files, and nothing else of this machine's environment."""
    return {"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8",
            "REMIND_TASKS": str(folder / "tasks.toml"),
            "REMIND_STATE": str(folder / "state.sqlite3"),
            "REMIND_CACHE": str(folder / "cache"),
            "REMIND_LINK_KEY": str(folder / "link.key")}  # fmt: skip


def remind(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """remind as its own process, with no terminal."""
    command = [sys.executable, "-m", "remind", "--today", TODAY, *arguments]
    return subprocess.run(
        command, env=environ(folder), capture_output=True, text=True, timeout=60, check=False
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(folder: Path) -> Served:
    """Links for UNITS and the coordinator, then `remind serve`, waited for until it answers."""
    folder.joinpath("tasks.toml").write_text(
        (DATA / "tasks.toml").read_text(encoding="utf-8"), "utf-8"
    )
    tokens = {}
    for name in (*UNITS, "--coordinator"):
        made = remind(folder, "link", *(["--unit", name] if name in UNITS else [name]))
        assert made.returncode == 0, made.stderr
        found = re.search(r"/u/([A-Za-z0-9_-]+)$", made.stdout.strip())
        assert found, made.stdout
        tokens[name] = found[1]
    port = free_port()
    log = folder / "serve.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "remind", "--today", TODAY, "serve", "--port", str(port)],
            env=environ(folder), stdout=sink, stderr=subprocess.STDOUT,
        )  # fmt: skip
    coordinator = tokens.pop("--coordinator")
    served = Served(f"http://127.0.0.1:{port}", tokens, coordinator, process, log)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"remind serve stopped: {log.read_text(encoding='utf-8')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return served
        except OSError:
            time.sleep(0.1)
    process.kill()
    pytest.fail("remind serve did not listen within 30 s")


def stop(served: Served) -> int:
    """SIGTERM, as systemd stops it: the exit status."""
    if served.process.poll() is None:
        served.process.send_signal(signal.SIGTERM)
    try:
        return served.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        served.process.kill()
        raise


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    running = start(tmp_path_factory.mktemp("bureau"))
    try:
        yield running
    finally:
        stop(running)


def _lower(headers: Message) -> dict[str, str]:
    return {name.lower(): value for name, value in headers.items()}
