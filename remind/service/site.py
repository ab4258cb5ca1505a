"""What a running service works on: the task list, read again when its file changes, and the
record store, asked at each request whether anything was added, so that a record made
anywhere is seen at the next request. What a request works out from them is kept until one of
them, or the day, changes."""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from remind.core import feeds
from remind.core.model import Task, TaskList, Unit, UnitKey
from remind.core.records import State
from remind.core.units import Directory
from remind.errors import RemindError
from remind.storage.files import file_names
from remind.storage.workspace import Workspace

log = logging.getLogger("remind.serve")
T = TypeVar("T")


@dataclass(frozen=True)
class Snapshot:
    """The task list as the service last read it, and what every request needs of it."""

    workspace: Workspace
    tasklist: TaskList
    directory: Directory
    duties: Mapping[UnitKey, list[Task]]  # each unit's tasks, worked out once per read
    calendar_names: Mapping[UnitKey, str]  # each unit's .ics, named as remind ical --dir names it

    def unit(self, key: str) -> Unit | None:
        """The unit an ORG/NAME key names, if the task list still has it."""
        org, _, name = key.partition("/")
        return next((u for u in self.tasklist.units if u.key == (org, name)), None)


@dataclass
class View:
    """The task list, the record store's contents and the day, as one request sees them; and
    what requests have worked out from them, kept while none of the three changes."""

    snapshot: Snapshot
    state: State
    today: date
    revision: tuple[int, ...]
    _worked_out: dict[Hashable, Any] = field(default_factory=dict, repr=False)

    def kept(self, key: Hashable, work_out: Callable[[], T]) -> T:
        """`work_out()`, once for this view: a later request of the same view gets the same.
        Thread-safe enough: two requests at once may both work it out, and both are right."""
        try:
            found: T = self._worked_out[key]
        except KeyError:
            found = self._worked_out[key] = work_out()
        return found


class Site:
    """The service's files, found as the command line finds them (--tasks, --state, the
    environment), and its clock. Thread-safe: the server answers requests in threads."""

    def __init__(
        self,
        environ: Mapping[str, str],
        tasks: Path | None = None,
        state: str | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.environ, self.tasks, self.state_given = environ, tasks, state
        self.clock = clock
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._seen: tuple[int, int] | None = None
        self._view: View | None = None

    def snapshot(self) -> Snapshot:
        """The task list, read again when its file changed since the last request. An edit
        that breaks it is logged, and the last good list served until the file is mended."""
        with self._lock:
            # the file found once (--tasks, the environment, the config): asked again it
            # would read the config at each request
            known = self._snapshot.workspace if self._snapshot else self._workspace()
            stat = known.tasks_file.stat()
            seen = (stat.st_mtime_ns, stat.st_size)
            if self._snapshot is None or seen != self._seen:
                self._seen = seen
                try:
                    self._snapshot = _read(self._workspace() if self._snapshot else known)
                except RemindError as problem:
                    if self._snapshot is None:
                        raise
                    log.warning("%s; still serving the task list as it was", problem)
            return self._snapshot

    def _workspace(self) -> Workspace:
        return Workspace(self.environ, self.tasks, self.state_given)

    def view(self) -> View:
        """What a request works on: the same view as the last request's while the task list,
        the record store and the day are as they were; else a new one, read afresh."""
        snapshot, today = self.snapshot(), self.today()
        store = snapshot.workspace.store
        revision = store.revision()
        with self._lock:
            seen = self._view
            if (
                seen
                and seen.snapshot is snapshot
                and (seen.revision, seen.today) == (revision, today)
            ):
                return seen
        fresh = View(snapshot, store.load(), today, revision)  # read after its revision
        with self._lock:
            self._view = fresh
        return fresh

    @functools.cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.snapshot().tasklist.settings.timezone)

    def now(self) -> datetime:
        if self.clock is not None:
            return self.clock()
        return datetime.now(self.zone).replace(microsecond=0)

    def today(self) -> date:
        return self.now().date()


def _read(workspace: Workspace) -> Snapshot:
    tasklist, directory = workspace.tasklist, workspace.directory
    units = list(directory.units.values())
    names = file_names([(feeds.owner([u]), directory.display(u)) for u in units])
    calendars = dict(zip((u.key for u in units), names, strict=True))
    return Snapshot(workspace, tasklist, directory, directory.duties(tasklist.tasks), calendars)
