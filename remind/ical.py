"""Occurrences to RFC 5545 bytes that Outlook, Google and Apple import. Writes no files, reads
no clock.

Every occurrence is its own all-day event, with the dates the schedule engine gives: Outlook
honours only a few RRULE shapes (no 次月5日, no 月底 on every client) and a series would need an
override for each date moved off a holiday, so a series could show a date the engine does not.

A calendar that is published and fetched again and again must change only where the task list
did: an event keeps its UID, SEQUENCE and stamps while its content stays the same, so the same
task list gives the same bytes; a changed event gets SEQUENCE + 1 and new stamps. What a client
saw is read back from the previous file.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from remind.dates import chinese_date, weekday_name
from remind.model import Entry, Status, Task, TaskList
from remind.schedule import ONCE, due_note, records_needed

if TYPE_CHECKING:
    from icalendar import Timezone

PRODID = "-//remind//督办提醒//ZH"
CALENDAR_TITLE = "督办提醒"
ALARM_HOUR = 9  # alarms ring at 09:00, the given number of days before
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
_VOLATILE = ("DTSTAMP:", "LAST-MODIFIED:", "SEQUENCE:")  # what changes when the content does
_KEYS = ("UID:", *_VOLATILE)
FOLD_AT = 75  # octets a line may hold


@dataclass(frozen=True, slots=True)
class Feed:
    """One calendar: the occurrences of one unit (or several, or the whole list) over the days
    asked for, as `schedule.entries_between` gives them."""

    name: str  # whose calendar, for people: 法制处; 全部单位
    owner: str  # the same, unambiguous, in every UID: 武汉/法制处; * for the whole list
    entries: tuple[Entry, ...]
    led: frozenset[str] | None  # ids of the tasks the units lead (牵头); None: the whole list
    unit: str = ""  # the one unit a record is made for: `remind done … --unit 法制处`


@dataclass(frozen=True, slots=True)
class _Seen:
    """An event as a previous export wrote it."""

    content: tuple[str, ...]
    sequence: int
    stamp: datetime
    modified: datetime


def calendar_bytes(
    feed: Feed, tasklist: TaskList, *, stamp: datetime, previous: bytes = b""
) -> bytes:
    """The feed as an .ics file. `stamp` (UTC) dates new and changed events; `previous` is the
    file as last written, whose unchanged events keep their SEQUENCE and stamps."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{CALENDAR_TITLE} · {feed.name}")
    calendar.add("x-wr-timezone", tasklist.settings.timezone)
    calendar.add("x-wr-caldesc", f"{feed.name}的截止事项，由 remind 从任务清单生成")
    calendar.add("refresh-interval", timedelta(days=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")  # Outlook's refresh hint; REFRESH-INTERVAL is RFC 7986
    seen = dict(_events_in(previous))
    events = []
    for entry in feed.entries:
        event_uid = _text(uid(entry.occurrence.task, entry.occurrence.period, feed.owner))
        lines = _event_lines(entry, event_uid, feed, tasklist)
        events.append(_dated(lines, seen.get(event_uid), stamp))
    if not events:
        calendar.add_component(_time_zone(tasklist.settings.timezone, stamp.year))
    end = b"END:VCALENDAR\r\n"
    return bytes(calendar.to_ical()).removesuffix(end) + "".join(events).encode() + end


def uid(task: Task, period: str, owner: str) -> str:
    """Stable for the same task, period and unit, and different in each unit's calendar:
    a client that sees a UID again updates the event rather than adding a second one."""
    tag = hashlib.sha256(owner.encode()).hexdigest()[:12]
    return f"{task.id}.{period}.{tag}@remind"


def _event_lines(entry: Entry, event_uid: str, feed: Feed, tasklist: TaskList) -> list[str]:
    """An event's content lines, unfolded, but for DTSTAMP, LAST-MODIFIED and SEQUENCE.

    Written here rather than through icalendar's objects, which take half a millisecond an
    event: a bureau's calendars hold a hundred thousand. The lines are those icalendar writes,
    in its order, so files written by either compare equal.
    """
    occurrence, task = entry.occurrence, entry.occurrence.task
    source = tasklist.source(task.source)
    lines = [
        f"SUMMARY:{_text(_summary(entry, feed))}",
        f"DTSTART;VALUE=DATE:{occurrence.start or occurrence.due:%Y%m%d}",
        # all-day: the day after, exclusive
        f"DTEND;VALUE=DATE:{occurrence.due + timedelta(days=1):%Y%m%d}",
        f"UID:{event_uid}",
        f"CATEGORIES:{_text(_role(task, feed))},{_text(source.label)}",
        f"DESCRIPTION:{_text(_description(entry, feed, tasklist))}",
        "TRANSP:TRANSPARENT",  # a deadline does not make its day busy
        *([f"URL:{source.url}"] if source.url else []),
        "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE",
        "X-MICROSOFT-CDO-BUSYSTATUS:FREE",
    ]
    if task.alarms and entry.status is not Status.DONE:
        days = task.alarms[-1]  # Outlook keeps one alarm: the last; the earlier ones are `due`'s
        lines += [  # after every property of the event, as Outlook needs
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{_text(_alarm_text(entry, days))}",
            f"TRIGGER:{_duration(timedelta(days=-days, hours=ALARM_HOUR))}",  # from 00:00
            "END:VALARM",
        ]
    return lines


def _text(value: str) -> str:
    """A TEXT value, escaped (RFC 5545 3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def _duration(span: timedelta) -> str:
    """-P6DT15H: a DURATION (RFC 5545 3.3.6) of whole hours, as icalendar writes it."""
    sign, span = ("-", -span) if span < timedelta() else ("", span)
    hours = f"T{span.seconds // 3600}H" if span.seconds else ""
    return f"{sign}P{span.days}D{hours}" if span.days or not hours else f"{sign}P{hours}"


def _fold(line: str) -> str:
    """A content line folded into pieces of at most 75 octets (RFC 5545 3.1): never inside a
    UTF-8 character, nor right after a backslash or caret, which would split an escape."""
    data = line.encode()
    pieces, start = [], 0
    while len(data) - start >= FOLD_AT:
        end = start + FOLD_AT - 1
        while data[end] & 0xC0 == 0x80:  # a continuation byte: back to the character's start
            end -= 1
        if data[end - 1] in b"\\^" and end - 1 > start:
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode()


def _role(task: Task, feed: Feed) -> str:
    if feed.led is None:
        return "、".join(task.lead)
    return "牵头" if task.id in feed.led else "配合"


def _summary(entry: Entry, feed: Feed) -> str:
    """【牵头】报送办理工作简报（2025年6月）: what a month view shows in its cell."""
    occurrence = entry.occurrence
    text = f"【{_role(occurrence.task, feed)}】{occurrence.task.title}"
    if occurrence.period != ONCE:
        text += f"（{occurrence.label}）"
    return f"✓ 已办 {text}" if entry.status is Status.DONE else text


def _description(entry: Entry, feed: Feed, tasklist: TaskList) -> str:
    occurrence, task = entry.occurrence, entry.occurrence.task
    source = tasklist.source(task.source)
    due = f"{chinese_date(occurrence.due)}（{weekday_name(occurrence.due)}）"
    if note := due_note(occurrence):
        due += f"，{note}"
    lines = [
        f"期次：{occurrence.label}",
        f"截止：{due}",
        f"原文：{task.text}" if task.text else "",
        "文件：" + " ".join(p for p in (source.title, source.number, task.clause) if p),
        f"牵头：{'、'.join(task.lead)}",
        f"配合：{'、'.join(task.support)}" if task.support else "",
        f"目标：{task.target}" if task.target else "",
        f"责任领导：{task.leader}" if task.leader else "",
        f"联系人：{task.contact}" if task.contact else "",
        _done_line(entry, feed),
    ]
    return "\n".join(line for line in lines if line)


def _done_line(entry: Entry, feed: Feed) -> str:
    occurrence = entry.occurrence
    if entry.status is Status.DONE and entry.done_on:
        return f"✓ 已办：{chinese_date(entry.done_on)}"
    command = f"remind done {occurrence.task.id}"
    if occurrence.period != ONCE:
        command += f" --period {occurrence.period}"
    if feed.unit:
        command += f" --unit {feed.unit}"
    count = records_needed(occurrence.task)
    so_far = f"（已办 {entry.done}/{count} 次）" if count > 1 else ""
    return f"办结后登记{so_far}：{command}"


def _alarm_text(entry: Entry, days: int) -> str:
    occurrence = entry.occurrence
    when = "明天" if days == 1 else f"{days}天后"
    what = "开始" if occurrence.start else "截止"
    return f"{when}{what}：{occurrence.task.title}"


# ---------------------------------------------------------------- what changed since last time


def _dated(lines: list[str], before: _Seen | None, stamp: datetime) -> str:
    """The event, folded, with its DTSTAMP, LAST-MODIFIED and SEQUENCE: those it had `before`
    while its content stays the same, else new ones."""
    if before and before.content == tuple(lines):
        sequence, created, modified = before.sequence, before.stamp, before.modified
    elif before:
        sequence, created = before.sequence + 1, max(stamp, before.stamp)
        modified = created
    else:
        sequence, created, modified = 0, stamp, stamp
    dates = [
        f"DTSTAMP:{created:{STAMP_FORMAT}}",
        f"LAST-MODIFIED:{modified:{STAMP_FORMAT}}",
        f"SEQUENCE:{sequence}",
    ]
    event = ["BEGIN:VEVENT", *dates, *(_fold(line) for line in lines), "END:VEVENT"]
    return "\r\n".join(event) + "\r\n"


def _events_in(data: bytes) -> Iterator[tuple[str, _Seen]]:
    """The events of an .ics file remind wrote, by UID."""
    for block in _blocks(data):
        values: dict[str, str] = {}
        for line in block:
            if line.startswith(_KEYS):
                name, _, value = line.partition(":")
                values.setdefault(name, value)  # the event's own, not its alarm's
        try:
            yield (
                values["UID"],
                _Seen(
                    tuple(line for line in block if not line.startswith(_VOLATILE)),
                    int(values.get("SEQUENCE", "0")),
                    _utc(values["DTSTAMP"]),
                    _utc(values.get("LAST-MODIFIED", values["DTSTAMP"])),
                ),
            )
        except (KeyError, ValueError):  # not an event remind wrote: it counts as new
            continue


def _blocks(data: bytes) -> Iterator[list[str]]:
    """The unfolded lines inside each BEGIN:VEVENT … END:VEVENT."""
    text = data.decode("utf-8", errors="replace")
    block: list[str] | None = None
    for line in text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n"):
        if line == "BEGIN:VEVENT":
            block = []
        elif line == "END:VEVENT" and block is not None:
            yield block
            block = None
        elif block is not None:
            block.append(line)


@functools.lru_cache(maxsize=1024)  # an export's events share a few stamps
def _utc(text: str) -> datetime:
    return datetime.strptime(text, STAMP_FORMAT).replace(tzinfo=UTC)


@functools.cache
def _time_zone(zone: str, year: int) -> Timezone:
    """RFC 5545 wants one component at least: a calendar with nothing due gets the definition
    of its time zone, so that it is still a valid file that empties a subscriber's calendar."""
    from icalendar import Timezone

    first, last = date(year, 1, 1), date(year, 12, 31)
    return Timezone.from_tzid(zone, first_date=first, last_date=last)
