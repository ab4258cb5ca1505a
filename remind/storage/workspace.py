"""The files one run of remind works on, found by remind.storage.paths and each read once, when
first asked for: the task list (through the cache), the state file and its records.

Front ends make one: the command line per run, the web service per task list.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import TypeVar

from remind.core.model import Record, Task, TaskList, Unit
from remind.core.records import State, problems
from remind.core.units import WHOLE_LIST, Directory
from remind.errors import RemindError
from remind.i18n import _
from remind.storage import paths
from remind.storage.store import Session, Store, opened

T = TypeVar("T")
CHOOSERS = ("REMIND_STATE", "REMIND_TASKS")  # variables that choose the files for a run


class Workspace:
    """The task list and state given (--tasks, --state), else those the environment names
    (REMIND_TASKS, REMIND_STATE, REMIND_CACHE), else remind's defaults."""

    def __init__(
        self, environ: Mapping[str, str], tasks: Path | None = None, state: str | None = None
    ) -> None:
        self.environ, self.given_tasks, self.given_state = environ, tasks, state
        self.old_ok = False  # a state file of the old kind may be named: it is being imported

    @functools.cached_property
    def remembered(self) -> tuple[Path, str] | None:
        """The task list and store `remind init` wrote into the config file, if it did."""
        where = paths.find_config(None, self.environ.get("REMIND_CONFIG"))
        if where is None or not where.is_file():
            return None
        if "[files]" not in where.read_text("utf-8", errors="replace"):
            return None  # start-up pays for no config module, nor TOML, without [files]
        from remind.storage import config

        return config.remembered_files(where)

    @functools.cached_property
    def _tasks_location(self) -> tuple[Path, bool, str]:
        if self.given_tasks or self.environ.get("REMIND_TASKS"):  # the config is not asked
            return paths.find_tasks(self.given_tasks, self.environ.get("REMIND_TASKS"))
        remembered = self.remembered[0] if self.remembered else None
        return paths.find_tasks(self.given_tasks, self.environ.get("REMIND_TASKS"), remembered)

    @property
    def _remembered_store(self) -> tuple[Path, str] | None:
        """remind init's files, asked only when no option or variable chose the files."""
        chosen = (self.given_state, self.given_tasks, *map(self.environ.get, CHOOSERS))
        if any(chosen):
            return None
        return self.remembered

    @property
    def tasks_why(self) -> str:
        """Why the task list is this one: --tasks, $REMIND_TASKS, this folder's, remind init's."""
        return self._tasks_location[2]

    @property
    def tasks_file(self) -> Path:
        return self._tasks_location[0]

    @property
    def bundled(self) -> bool:
        """The task list is the copy shipped with remind, not the user's own."""
        return self._tasks_location[1]

    @functools.cached_property
    def tasklist(self) -> TaskList:
        from remind.storage import cache

        folder = paths.find_cache(self.environ.get("REMIND_CACHE"))
        return cache.load_tasklist(self.tasks_file, folder)

    @functools.cached_property
    def directory(self) -> Directory:
        return Directory(self.tasklist.units)

    @functools.cached_property
    def store(self) -> Store:
        """The record store (remind.storage.store): SQLite beside the task list by default."""
        tasks, bundled, _ = self._tasks_location
        given = self.environ.get("REMIND_STATE")
        where = paths.find_state(self.given_state, given, tasks, bundled=bundled,
                                 old_ok=self.old_ok, remembered=self._remembered_store)  # fmt: skip
        return opened(where, named=bool(self.given_state or given))

    @property
    def store_why(self) -> str:
        """Why the record store is this one, in the words of `remind check`."""
        if self.given_state:
            return "--state"
        if self.environ.get("REMIND_STATE"):
            return "$REMIND_STATE"
        if self._remembered_store and paths.same_file(self._remembered_store[0], self.tasks_file):
            return "remind init 记下的办理记录"
        if self.elsewhere:
            return "用户数据文件夹：示例清单或其文件夹不可写"
        return "任务清单旁"

    @property
    def store_file(self) -> Path | None:
        """The record store's file, when it is SQLite; None for a database server."""
        where = getattr(self.store, "path", None)
        return where if isinstance(where, Path) else None

    @property
    def elsewhere(self) -> str:
        """Where the records go, when that is not beside the task list: what a command that
        writes says, lest a clerk look for them in the wrong place ("" when beside it)."""
        file = self.store_file
        if file and file.parent.resolve() == self.tasks_file.parent.resolve():
            return ""
        return self.store.where

    @functools.cached_property
    def state(self) -> State:
        return self.store.load()

    @property
    def records(self) -> tuple[Record, ...]:
        return self.state.records

    def units(self, names: Iterable[str]) -> list[Unit]:
        """The units these names or aliases name; refuses a name that names none."""
        return [self.directory.find(name) for name in names]

    def who(self, units: list[Unit]) -> str:
        """The units a view is for, as its heading names them."""
        return "、".join(self.names(units)) or WHOLE_LIST

    def names(self, units: list[Unit]) -> list[str]:
        return [self.directory.display(unit) for unit in units]

    def tasks_for(self, units: list[Unit], lead_only: bool) -> list[Task]:
        """The tasks of these units, or every task when no unit is named."""
        return self.directory.tasks_for(self.tasklist.tasks, units, lead_only=lead_only)

    def records_of(self, tasks: Iterable[Task]) -> tuple[Record, ...]:
        """The records of these tasks: those of a few are read alone, not the whole store."""
        ids = {task.id for task in tasks}
        if "state" in vars(self) or len(ids) == len(self.tasklist.tasks):
            return tuple(r for r in self.records if r.task in ids)
        return self.store.load(ids).records

    def records_for(self, units: list[Unit], tasks: Iterable[Task] | None = None) -> list[Record]:
        """The records that count for these units (all of them when no unit is named); given
        `tasks`, the units' own, only the records of those are read."""
        records = self.records if tasks is None else self.records_of(tasks)
        return self.directory.records_for(records, self.tasklist.tasks, units)

    def change(self, edit: Callable[[State], tuple[State, T]]) -> T:
        """Apply `edit` to what the record store holds, under its lock, in one transaction."""
        try:
            return self.store.change(edit)
        finally:
            vars(self).pop("state", None)  # read again when next asked for

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[Session]:
        """The record store under its write lock for the `with` block (Store.exclusive)."""
        try:
            with self.store.exclusive() as session:
                yield session
        finally:
            vars(self).pop("state", None)  # read again when next asked for

    def check_writable(self) -> None:
        """Refuse to change the task list shipped with remind: the user's copy is theirs."""
        if self.bundled:
            raise RemindError(
                _(
                    "the bundled task list is read-only; copy it to data/tasks.toml and add to "
                    "that copy"
                )
            )

    def append_task(self, table: str) -> None:
        """Add a [[tasks]] table at the end of the task list (remind.storage.tasklist)."""
        from remind.storage.tasklist import append_task

        self.check_writable()
        append_task(self.tasks_file, table)
        self._forget_the_list()

    def set_received(self, task_id: str, day: date) -> None:
        """Write the day a limit's event happened into the task's table."""
        from remind.storage.tasklist import set_received

        self.check_writable()
        set_received(self.tasks_file, task_id, day)
        self._forget_the_list()

    def _forget_the_list(self) -> None:
        """The task list changed: read it again when next asked for."""
        for read in ("tasklist", "directory"):
            vars(self).pop(read, None)

    def problems(self) -> list[str]:
        """Every problem of the task list and the state file, with its file and line: both are
        read, so one run reports both; then the records that name what the list lacks."""
        found: list[str] = []
        for load in (lambda: self.tasklist, lambda: self.state):
            try:
                load()
            except RemindError as error:  # every problem of the list, or the store's
                found += str(error).splitlines()
        if found:
            return found
        state = self.state
        return problems(state.records, state.readings, self.tasklist, self.store.where)
