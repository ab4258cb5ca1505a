"""The files one run of remind works on, found by remind.storage.paths and each read once, when
first asked for: the task list (through the cache), the state file and its records.

Front ends make one: the command line per run, the web service per task list.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from remind.core.model import TaskList
from remind.core.records import State, problems
from remind.core.units import Directory
from remind.errors import InvalidFile
from remind.storage import paths, statefile

T = TypeVar("T")


class Workspace:
    """The task list and state given (--tasks, --state), else those the environment names
    (REMIND_TASKS, REMIND_STATE, REMIND_CACHE), else remind's defaults."""

    def __init__(
        self, environ: Mapping[str, str], tasks: Path | None = None, state: Path | None = None
    ) -> None:
        self.environ, self.given_tasks, self.given_state = environ, tasks, state

    @functools.cached_property
    def _tasks_location(self) -> tuple[Path, bool]:
        return paths.find_tasks(self.given_tasks, self.environ.get("REMIND_TASKS"))

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
    def state_file(self) -> Path:
        tasks, bundled = self._tasks_location
        given = self.environ.get("REMIND_STATE")
        return paths.find_state(self.given_state, given, tasks, bundled=bundled)

    @functools.cached_property
    def state(self) -> State:
        return statefile.load(self.state_file)

    def change(self, edit: Callable[[State], tuple[State, T]]) -> T:
        """Apply `edit` to the state file under its lock (remind.storage.statefile.change)."""
        result = statefile.change(self.state_file, edit)
        vars(self).pop("state", None)  # read again when next asked for
        return result

    def problems(self) -> list[str]:
        """Every problem of the task list and the state file, with its file and line: both are
        read, so one run reports both; then the records that name what the list lacks."""
        found: list[str] = []
        for load in (lambda: self.tasklist, lambda: self.state):
            try:
                load()
            except InvalidFile as error:
                found += str(error).splitlines()
        if found:
            return found
        state = self.state
        return problems(state.records, state.readings, self.tasklist, self.state_file)
