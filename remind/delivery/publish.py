"""Calendars written where clients fetch them: one unit's .ics file, or the folder of every
unit's calendar with its index.html, which a web server publishes for Outlook to subscribe to.

A calendar that would come out the same is not written again: it keeps its date and the web
server's ETag, so subscribers fetch nothing new.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from remind.core import feeds
from remind.core.feeds import Feed
from remind.core.model import Record, TaskList, Unit
from remind.core.units import Directory
from remind.delivery import processes
from remind.errors import RemindError
from remind.frozen import frozen
from remind.i18n import _
from remind.storage.files import file_names, make_folder, write_if_changed
from remind.views.ical import CALENDAR_TITLE, calendar_bytes
from remind.views.index_html import INDEX, Published, index_html


@frozen
class Folder:
    """What publish_all wrote: every unit's calendar, and the index beside them."""

    path: Path
    calendars: tuple[Published, ...]  # in the order of the task list's units

    @property
    def too_long(self) -> list[Published]:
        """The calendars with more events than a subscription keeps."""
        return [c for c in self.calendars if c.events > feeds.LONGEST]


def check_base_url(url: str) -> str:
    """The address the folder is served at, ending in /: https://oa.example.org/remind/."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise RemindError(
            _(
                "--base-url: expected the web address of the folder, like "
                "https://oa.example.org/remind/, got {url!r}"
            ).format(url=url)
        )
    return url if url.endswith("/") else url + "/"


def publish(feed: Feed, tasklist: TaskList, path: Path, *, stamp: datetime) -> None:
    """Write the feed's calendar to `path`; events unchanged since the file there was written
    keep its SEQUENCE and stamps, and an unchanged file is not written at all."""
    previous = path.read_bytes() if path.is_file() else b""
    write_if_changed(path, calendar_bytes(feed, tasklist, stamp=stamp, previous=previous), previous)


def publish_all(
    tasklist: TaskList,
    directory: Directory,
    records: Sequence[Record],
    folder: Path,
    *,
    today: date,
    first: date,
    last: date,
    stamp: datetime,
    lead_only: bool = False,
    base_url: str = "",
) -> Folder:
    """A calendar for every unit in `folder` (made if missing), and index.html.

    The units' calendars are made side by side, a process per core where processes fork; the
    years they met that the working-day calendar has no notice for come back to this one.
    """
    units = list(directory.units.values())
    duties = directory.duties(tasklist.tasks, lead_only=lead_only)
    names = file_names([(feeds.owner([unit]), directory.display(unit)) for unit in units])
    make_folder(folder)
    warn_days = tasklist.settings.warn_days

    def calendar_of(unit: Unit, path: Path) -> tuple[Published, set[int]]:
        """Writes the unit's calendar; what a worker finds stays there unless handed back."""
        mine = directory.records_for(records, tasklist.tasks, [unit])
        feed = feeds.feed(directory, [unit], duties[unit.key], mine, today,
                          first=first, last=last, warn_days=warn_days)  # fmt: skip
        publish(feed, tasklist, path, stamp=stamp)
        group = bool(directory.members(unit))
        published = Published(feed.name, path.name, len(feed.entries), unit.org, group)
        return published, tasklist.calendar.unknown_asked

    jobs = [(unit, folder / name) for unit, name in zip(units, names, strict=True)]
    listed = []
    for published, unknown in processes.each(calendar_of, jobs):
        tasklist.calendar.unknown_asked.update(unknown)
        listed.append(published)
    title = f"{CALENDAR_TITLE} · 日历订阅"
    page = index_html(listed, title=title, base_url=base_url).encode()
    write_if_changed(folder / INDEX, page)  # unchanged, it keeps its date and ETag
    return Folder(folder, tuple(listed))
