"""The 督办 service under load: `remind serve` as its own process, over a generated task list
and a record store of its records, with concurrent clients that each keep one connection and
ask again as soon as they are answered.

    python benchmarks/load.py                       # 10,000 tasks, 50 clients, 10 s a run
    python benchmarks/load.py --tasks 1000 --clients 20 --seconds 5 --output /tmp/load.md
    python benchmarks/load.py --state postgresql://…/empty_db    # the store in PostgreSQL

Three runs, one after the other: the clerk's page (/u/<token>), the JSON due list
(/api/v1/due) and the unit's calendar asked with the ETag it was given (each answer should
be a 304). Then a record is posted through the API and the next request of the board must
show it. The table gives the answers, their statuses, and the median, p95 and p99 latency.
Run it with the Python that has remind installed, on a quiet machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2025-06-20"
UNIT = "法制处"
GOALS = {"page": 100.0, "due": 100.0}  # p95 within this many ms


@dataclass
class Run:
    name: str
    path: str
    headers: dict[str, str]
    latencies: list[float] = field(default_factory=list)  # ms
    statuses: Counter[int] = field(default_factory=Counter)
    errors: int = 0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=10_000, help="tasks in the list")
    parser.add_argument("--records", type=int, default=10_000, help="records in the store")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each run")
    parser.add_argument("--state", help="an empty PostgreSQL database's URL for the store "
                        "[default: a SQLite file]")  # fmt: skip
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "load.md")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="remind-load-") as folder:
        bureau = Path(folder)
        environ = _environ(bureau, options.state)
        _prepare(bureau, environ, options.tasks, options.records)
        tokens = _links(environ)
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "remind", "--today", TODAY, "serve", "--port", str(port)],
            env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            _wait_for(port)
            base = f"http://127.0.0.1:{port}"
            runs = _runs(base, tokens)
            for run in runs:
                asyncio.run(_load(port, run, options.clients, options.seconds))
            seen = _record_then_board(base, tokens)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    report = _report(runs, seen, options)
    options.output.write_text(report, encoding="utf-8")
    print(report)
    failed = any(r.errors or r.percentile(0.95) > GOALS.get(r.name, 1e9) for r in runs)
    sys.exit(1 if failed or not seen else 0)


def _environ(bureau: Path, state: str | None) -> dict[str, str]:
    return {**os.environ, "REMIND_TASKS": str(bureau / "tasks.toml"),
            "REMIND_STATE": state or str(bureau / "state.sqlite3"),
            "REMIND_CACHE": str(bureau / "cache"), "REMIND_LINK_KEY": str(bureau / "link.key")}  # fmt: skip


def _prepare(bureau: Path, environ: dict[str, str], tasks: int, records: int) -> None:
    """The generated task list and a store of its records, as benchmarks/run.py makes them."""
    made = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "tasklist.py"), str(tasks)],
                          check=True, env=environ, capture_output=True).stdout  # fmt: skip
    Path(environ["REMIND_TASKS"]).write_bytes(made)
    filling = [environ["REMIND_TASKS"], environ["REMIND_STATE"], str(records)]
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "records.py"), *filling],
                   check=True, env=environ)  # fmt: skip


def _links(environ: dict[str, str]) -> dict[str, str]:
    tokens = {}
    for whom, arguments in ((UNIT, ["--unit", UNIT]), ("coordinator", ["--coordinator"])):
        made = subprocess.run(
            [sys.executable, "-m", "remind", "--today", TODAY, "link", *arguments],
            env=environ, capture_output=True, text=True, check=True,
        )  # fmt: skip
        tokens[whom] = made.stdout.strip().rsplit("/u/", 1)[1]
    return tokens


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("remind serve did not listen within 60 s")


def _runs(base: str, tokens: dict[str, str]) -> list[Run]:
    token = tokens[UNIT]
    bearer = {"Authorization": f"Bearer {token}"}
    with urllib.request.urlopen(f"{base}/u/{token}/calendar.ics", timeout=60) as answer:
        etag = answer.headers["ETag"]
    return [
        Run("page", f"/u/{token}", {}),
        Run("due", "/api/v1/due", bearer),
        Run("calendar", f"/u/{token}/calendar.ics", {"If-None-Match": etag}),
    ]


async def _load(port: int, run: Run, clients: int, seconds: float) -> None:
    stop = time.perf_counter() + seconds
    await asyncio.gather(*(_client(port, run, stop) for _ in range(clients)))


async def _client(port: int, run: Run, stop: float) -> None:
    """One connection, kept alive: a request, its whole answer, the next request."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    lines = [f"GET {_quoted(run.path)} HTTP/1.1", f"Host: 127.0.0.1:{port}",
             *(f"{k}: {v}" for k, v in run.headers.items())]  # fmt: skip
    request = ("\r\n".join(lines) + "\r\n\r\n").encode()
    try:
        while time.perf_counter() < stop:
            started = time.perf_counter()
            writer.write(request)
            status = await _answer(reader)
            run.latencies.append((time.perf_counter() - started) * 1000)
            run.statuses[status] += 1
    except (OSError, asyncio.IncompleteReadError, ValueError):
        run.errors += 1
    finally:
        writer.close()


async def _answer(reader: asyncio.StreamReader) -> int:
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
    status = int(head.split(" ", 2)[1])
    length = re.search(r"(?im)^content-length:\s*(\d+)", head)
    if length:
        await reader.readexactly(int(length[1]))
    elif "chunked" in head.lower():
        while size := int((await reader.readline()).strip() or b"0", 16):
            await reader.readexactly(size + 2)
        await reader.readline()
    return status


def _quoted(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/?=&")


def _record_then_board(base: str, tokens: dict[str, str]) -> bool:
    """A record posted through the API is counted on the unit's page at the next request."""
    token = tokens[UNIT]
    bearer = {"Authorization": f"Bearer {token}"}
    with urllib.request.urlopen(urllib.request.Request(f"{base}/api/v1/due", headers=bearer)) as a:
        due = json.load(a)
    open_ones = [i for i in due["items"] if i["status"] != "done"]
    if not open_ones:
        return False
    first = open_ones[0]
    body = json.dumps({"id": "load-run-record-1", "task": first["task"], "period": first["period"],
                       "done": TODAY, "by": "压测"}).encode()  # fmt: skip
    post = urllib.request.Request(f"{base}/api/v1/records", data=body, method="POST",
                                  headers={**bearer, "Content-Type": "application/json"})  # fmt: skip
    with urllib.request.urlopen(post) as answer:
        number = json.load(answer)["number"]
    with urllib.request.urlopen(f"{base}/u/{token}") as answer:
        return f"#{number} " in answer.read().decode("utf-8")


def _report(runs: list[Run], seen: bool, options: argparse.Namespace) -> str:
    lines = [
        f"### The service under load, {time.strftime('%Y-%m-%d')}",
        "",
        (
            f"Machine: {platform.system()} {platform.machine()}, {os.cpu_count()} cores. Python "
            f"{platform.python_version()}. {options.tasks:,} tasks, {options.records:,} records, "
            f"{options.clients} clients with a connection each, {options.seconds:g} s a run, "
            f"`--today {TODAY}`, the unit {UNIT}; the clients run on the same machine."
        ),
        "",
        "| run | answers | statuses | median, ms | p95, ms | p99, ms | errors |",
        "|---|---:|---|---:|---:|---:|---:|",
    ]
    for run in runs:
        statuses = ", ".join(f"{n}× {s}" for s, n in sorted(run.statuses.items()))
        median = statistics.median(run.latencies) if run.latencies else 0.0
        lines.append(f"| {run.name} `{re.sub(r'/u/[^/]+', '/u/…', run.path)}` | "
                     f"{len(run.latencies):,} | {statuses} | {median:.1f} | "
                     f"{run.percentile(0.95):.1f} | {run.percentile(0.99):.1f} | {run.errors} |")  # fmt: skip
    seen_text = "yes" if seen else "NO"
    said = (
        f"A record posted through the API was on the unit's page at the next request: {seen_text}."
    )
    lines += ["", said, ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
