"""A real PostgreSQL server for the tests, on a Unix socket only, in a folder of its own.

.ci/run starts one before the tests (python -m tests.postgres start FOLDER prints its address)
and stops it after (… stop FOLDER); the tests take it from $REMIND_TEST_POSTGRES, or start
their own when that is not set. Either way a server that cannot start fails the run: the
PostgreSQL store is never left untested.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ADMIN = "postgres"  # the database the server is made with; each test makes its own beside it


def binaries() -> Path:
    """The folder of initdb and pg_ctl: Debian's newest, else the ones on the PATH."""
    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: p.parts[-3])
    if debian:
        return debian[-1].parent
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    raise RuntimeError(
        "no PostgreSQL server to test against: install Debian's postgresql package "
        "(apt-get install postgresql), or set REMIND_TEST_POSTGRES to a server's address"
    )


def _as_server(argv: list[str]) -> list[str]:
    """The command as the server's own user: PostgreSQL refuses to run as root."""
    if os.geteuid() != 0:
        return argv
    # runuser is in /usr/sbin, which a PATH made for a user (env -i, cron) may leave out
    found = shutil.which("runuser") or shutil.which("runuser", path="/usr/sbin:/sbin")
    return [found or "runuser", "-u", "postgres", "--", *argv]


def start(folder: Path) -> str:
    """Make and start a server whose files and socket are in `folder`; its admin URL."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    bin_dir, data = binaries(), folder / "data"
    run = [str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "remind",
           "-E", "UTF8", "--locale=C", "--no-sync"]  # fmt: skip
    subprocess.run(_as_server(run), check=True, capture_output=True, timeout=120)
    options = f"-k {folder} -c listen_addresses='' -c fsync=off -c max_connections=200"
    run = [str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-t", "60",
           "-l", str(folder / "server.log"), "start"]  # fmt: skip
    subprocess.run(_as_server(run), check=True, capture_output=True, timeout=120)
    return f"postgresql://remind@/{ADMIN}?host={folder}"


def stop(folder: Path) -> None:
    """Stop the server of `folder` at once, if it runs."""
    pg_ctl = str(binaries() / "pg_ctl")
    with contextlib.suppress(subprocess.CalledProcessError):
        subprocess.run(_as_server([pg_ctl, "-D", str(folder / "data"), "-m", "immediate",
                                   "stop"]), check=True, capture_output=True, timeout=60)  # fmt: skip


def short_folder() -> Path:
    """A folder whose socket path stays within the 107 bytes a Unix socket's name may have."""
    return Path(tempfile.mkdtemp(prefix="remind-pg-", dir="/tmp"))


def database(admin_url: str, name: str) -> str:
    """A new, empty database of the server; its URL."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return admin_url.replace(f"/{ADMIN}?", f"/{name}?", 1)


if __name__ == "__main__":  # python -m tests.postgres start|stop FOLDER
    verb, where = sys.argv[1], Path(sys.argv[2])
    if verb == "start":
        print(start(where))
    else:
        stop(where)
