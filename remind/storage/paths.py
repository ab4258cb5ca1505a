"""Where remind's files are: the task list, the state, the cache and the config, found by the
same rules for every command. Nothing here opens a file."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from remind.errors import RemindError
from remind.i18n import _

LOCAL_TASKS = Path("data") / "tasks.toml"
STATE_NAME = "state.sqlite3"  # the record store, in SQLite
OLD_STATE_NAME = "state.toml"  # records of the old kind, to import
POSTGRES = ("postgresql://", "postgres://")
CONFIG_NAME = "config.toml"


def packaged_tasks() -> Path:
    """The task list shipped inside the package, so `remind due` works from any folder."""
    package = Path(__file__).parents[1]
    installed = package / "data" / "tasks.toml"
    # an editable install runs the checkout's package, beside the checkout's data/
    return installed if installed.is_file() else package.parent / "data" / "tasks.toml"


def find_tasks(
    explicit: Path | None, from_env: str | None, remembered: Path | None = None
) -> tuple[Path, bool, str]:
    """--tasks, else $REMIND_TASKS, else ./data/tasks.toml, else the one `remind init`
    remembered in the config file, else the packaged copy.

    Also says whether it is the packaged copy, which is no place for the user's records, and
    why it is the one (for `remind check`).
    """
    if explicit:
        return explicit, False, "--tasks"
    if from_env:
        return Path(from_env), False, "$REMIND_TASKS"
    if LOCAL_TASKS.is_file():
        return LOCAL_TASKS, False, "当前文件夹的任务清单"
    if remembered:
        return remembered, False, "remind init 记下的任务清单"
    bundled = packaged_tasks()
    if bundled.is_file():
        return bundled, True, "随 remind 安装的示例清单"
    raise RemindError(
        _(
            "no task list found: give --tasks FILE, set REMIND_TASKS, or run remind in a folder "
            "with data/tasks.toml"
        )
    )


def find_state(
    explicit: str | None, from_env: str | None, tasks: Path, *, bundled: bool, old_ok: bool = False,
    remembered: tuple[Path, str] | None = None,
) -> Path | str:  # fmt: skip
    """Where the record store is: --state, else $REMIND_STATE, else the one `remind init`
    remembered for this task list (`remembered`: the list and its store), else state.sqlite3
    beside the user's task list, else in the user's data folder (records are the user's data,
    not a cache). A PostgreSQL URL (postgresql://…) names a database; anything else a SQLite
    file.

    A state file of the old kind (.toml) is never taken silently: named, or lying where the
    store would be made, it is refused with the command that imports it, unless `old_ok`.
    """
    if explicit:
        return _location(explicit, "--state", old_ok=old_ok)
    if from_env:
        return _location(from_env, "$REMIND_STATE", old_ok=old_ok)
    if remembered and same_file(remembered[0], tasks):
        return _location(remembered[1], "remind init", old_ok=old_ok)
    folder = tasks.parent if not bundled and os.access(tasks.parent, os.W_OK) else None
    path = (folder or user_folder("data")) / STATE_NAME
    old = path.with_name(OLD_STATE_NAME)
    if not old_ok and not path.exists() and old.is_file():
        raise RemindError(
            _(
                "{path} holds records of the old kind: move them into the record store with "
                "`remind state import {path}` (the file stays as it is)"
            ).format(path=old)
        )
    return path


def _location(text: str, given: str, *, old_ok: bool) -> Path | str:
    if text.startswith(POSTGRES):
        if given == "--state" and urlsplit(text).password is not None:
            raise RemindError(
                _(
                    "--state: a password on the command line is seen by every user of the "
                    "machine; put it in ~/.pgpass or $PGPASSWORD, or the URL in $REMIND_STATE"
                )
            )
        return text
    path = Path(text)
    if path.suffix == ".toml" and not old_ok:
        raise RemindError(
            _(
                "{given} {path}: a state file of the old kind; move its records into the record "
                "store with `remind state import {path}`, then leave out {given} or name a "
                ".sqlite3 file"
            ).format(given=given, path=text)
        )
    return path


def same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False


def find_cache(from_env: str | None) -> Path | None:
    """$REMIND_CACHE, else the user's cache folder; None when $REMIND_CACHE is "off"."""
    if from_env == "off":
        return None
    if from_env:
        return Path(from_env)
    return user_folder("cache")


XDG = {"data": ("XDG_DATA_HOME", ".local/share"), "cache": ("XDG_CACHE_HOME", ".cache"),
       "config": ("XDG_CONFIG_HOME", ".config")}  # fmt: skip


def user_folder(kind: str) -> Path:
    """remind's folder of this kind ("data", "cache", "config") for this user: the XDG rule
    on Linux, as platformdirs has it but without paying for its import; platformdirs elsewhere."""
    if sys.platform.startswith("linux"):
        variable, default = XDG[kind]
        given = os.environ.get(variable, "").strip()
        return (Path(given) if given else Path.home() / default) / "remind"
    import platformdirs

    return Path(getattr(platformdirs, f"user_{kind}_path")("remind"))


def find_config(given: Path | None, from_env: str | None) -> Path | None:
    """--config, else $REMIND_CONFIG, else config.toml in the user's config folder if there."""
    if given:
        return given
    if from_env:
        return Path(from_env)
    found = user_folder("config") / CONFIG_NAME
    return found if found.is_file() else None
