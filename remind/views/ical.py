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

import contextlib
import functools
import hashlib
import re
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from remind.core.feeds import Feed
from remind.core.labels import chinese_date, weekday_name
from remind.core.model import ONCE, Entry, Status, Task, TaskList
from remind.views.wording import JOINER, due_note

if TYPE_CHECKING:
    from icalendar import Timezone

PRODID = "-//remind//督办提醒//ZH"
CALENDAR_TITLE = "督办提醒"
ALARM_HOUR = 9  # alarms ring at 09:00, the given number of days before
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
FOLD_AT = 75  # octets a line may hold


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
    before = _Previous(previous)
    writer = _EventWriter(feed, tasklist)
    events = []
    for entry in feed.entries:
        # a task id is letters, digits and ._-, and so is the whole UID: nothing to escape
        event_uid = uid(entry.occurrence.task, entry.occurrence.period, feed.owner)
        events.append(before.dated(event_uid, writer.body(entry, event_uid), stamp))
    if not events:
        calendar.add_component(_time_zone(tasklist.settings.timezone, stamp.year))
    end = b"END:VCALENDAR\r\n"
    return bytes(calendar.to_ical()).removesuffix(end) + b"".join(events) + end


def uid(task: Task, period: str, owner: str) -> str:
    """Stable for the same task, period and unit, and different in each unit's calendar:
    a client that sees a UID again updates the event rather than adding a second one."""
    return f"{task.id}.{period}.{_tag(owner)}@remind"


@functools.cache
def _tag(owner: str) -> str:
    return hashlib.sha256(owner.encode()).hexdigest()[:12]


class _EventWriter:
    """The lines of a calendar's events, folded, but for DTSTAMP, LAST-MODIFIED and SEQUENCE.

    Written here rather than through icalendar's objects, which are slow for the hundred
    thousand events a bureau's calendars hold. The lines are those icalendar writes,
    in its order, so files written by either compare equal. What every event of a task shares
    (its categories, its plan's words, its alarm) is made once per calendar.
    """

    def __init__(self, feed: Feed, tasklist: TaskList) -> None:
        self.feed, self.tasklist = feed, tasklist
        self._shared: dict[str, _Shared] = {}  # by task id: a calendar has a task one way
        self._alarms: dict[str, bytes] = {}
        self._unit = _text(feed.unit)

    def body(self, entry: Entry, event_uid: str) -> bytes:
        """The lines of one event. The words of the plan and the unit's name are escaped once;
        what remind itself writes (labels, dates, ids, periods) has nothing to escape."""
        occurrence, task = entry.occurrence, entry.occurrence.task
        shared = self._shared.get(task.id) or self._share(task)
        lines = [
            _fold(f"SUMMARY:{self._summary(entry, shared)}"),
            b"DTSTART;VALUE=DATE:" + _day(occurrence.start or occurrence.due),
            b"DTEND;VALUE=DATE:" + _day(occurrence.due, after=True),
            _fold(f"UID:{event_uid}"),
            shared.categories,
            _fold(f"DESCRIPTION:{self._description(entry, shared)}"),
            shared.flags,
        ]
        if task.alarms and entry.status is not Status.DONE:
            lines.append(self._alarm(entry, task.alarms[-1]))
        return b"\r\n".join(lines) + b"\r\n"

    def _share(self, task: Task) -> _Shared:
        source, role = self.tasklist.source(task.source), _role(task, self.feed)
        flags = [
            "TRANSP:TRANSPARENT",  # a deadline does not make its day busy
            *([f"URL:{source.url}"] if source.url else []),
            "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE",
            "X-MICROSOFT-CDO-BUSYSTATUS:FREE",
        ]
        plan = [
            f"原文：{task.text}" if task.text else "",
            "文件：" + " ".join(p for p in (source.title, source.number, task.clause) if p),
            f"牵头：{'、'.join(task.lead)}",
            f"配合：{'、'.join(task.support)}" if task.support else "",
            f"目标：{task.target}" if task.target else "",
            f"责任领导：{task.leader}" if task.leader else "",
            f"联系人：{task.contact}" if task.contact else "",
        ]
        shared = _Shared(
            _text(f"【{role}】{task.title}"),
            _fold(f"CATEGORIES:{_text(role)},{_text(source.label)}"),
            _text("\n".join(line for line in plan if line)),
            b"\r\n".join(_fold(line) for line in flags),
        )
        self._shared[task.id] = shared
        return shared

    def _summary(self, entry: Entry, shared: _Shared) -> str:
        """【牵头】报送办理工作简报（2025年6月）: what a month view shows in its cell."""
        occurrence = entry.occurrence
        text = shared.summary
        if occurrence.period != ONCE:
            text += f"（{occurrence.label}）"
        return f"✓ 已办 {text}" if entry.status is Status.DONE else text

    def _description(self, entry: Entry, shared: _Shared) -> str:
        occurrence = entry.occurrence
        due = _due_words(occurrence.due)
        if note := due_note(occurrence):  # names the lead units: their words, escaped
            due += _text(f"，{note}")
        return f"期次：{occurrence.label}\\n截止：{due}\\n{shared.plan}\\n{self._done_line(entry)}"

    def _done_line(self, entry: Entry) -> str:
        occurrence = entry.occurrence
        if entry.status is Status.DONE and entry.done_on:
            return f"✓ 已办：{chinese_date(entry.done_on)}"
        command = f"remind done {occurrence.task.id}"
        if occurrence.period != ONCE:
            command += f" --period {occurrence.period}"
        if self._unit:
            command += f" --unit {self._unit}"
        count = occurrence.task.needed
        so_far = f"（已办 {entry.done}/{count} 次）" if count > 1 else ""
        return f"办结后登记{so_far}：{command}"

    def _alarm(self, entry: Entry, days: int) -> bytes:
        """Outlook keeps one alarm: the last; the earlier ones are `due`'s. It comes after
        every property of the event, as Outlook needs."""
        text = _alarm_text(entry, days)
        if (key := f"{days} {text}") not in self._alarms:
            lines = [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{_text(text)}",
                f"TRIGGER:{_duration(timedelta(days=-days, hours=ALARM_HOUR))}",  # from 00:00
                "END:VALARM",
            ]
            self._alarms[key] = b"\r\n".join(_fold(line) for line in lines)
        return self._alarms[key]


class _Shared(NamedTuple):
    """What every event of one task in one calendar has, escaped."""

    summary: str  # 【牵头】报送办理工作简报
    categories: bytes  # the CATEGORIES line, folded
    plan: str  # the description's lines from the plan: 原文, 文件, 牵头, 配合 …
    flags: bytes  # TRANSP, URL and Outlook's lines, folded


def _text(value: str) -> str:
    """A TEXT value, escaped (RFC 5545 3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def _duration(span: timedelta) -> str:
    """-P6DT15H: a DURATION (RFC 5545 3.3.6) of whole hours, as icalendar writes it."""
    sign, span = ("-", -span) if span < timedelta() else ("", span)
    hours = f"T{span.seconds // 3600}H" if span.seconds else ""
    return f"{sign}P{span.days}D{hours}" if span.days or not hours else f"{sign}P{hours}"


def _fold(line: str) -> bytes:
    """A content line, encoded and folded into pieces of at most 75 octets (RFC 5545 3.1):
    never inside a UTF-8 character, nor right after a backslash or caret, which would split an
    escape."""
    data = line.encode()
    if len(data) < FOLD_AT:
        return data
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
    return b"\r\n ".join(pieces)


def _role(task: Task, feed: Feed) -> str:
    if feed.led is None:
        return JOINER.join(task.lead)
    return "牵头" if task.id in feed.led else "配合"


def _alarm_text(entry: Entry, days: int) -> str:
    occurrence = entry.occurrence
    when = "明天" if days == 1 else f"{days}天后"
    what = "开始" if occurrence.start else "截止"
    return f"{when}{what}：{occurrence.task.title}"


# ---------------------------------------------------------------- what changed since last time


# An event as remind writes it: these three lines first, then its body (SUMMARY, …, UID, …)
_HEAD = re.compile(
    rb"BEGIN:VEVENT\r\nDTSTAMP:(\d{8}T\d{6}Z)\r\nLAST-MODIFIED:(\d{8}T\d{6}Z)\r\n"
    rb"SEQUENCE:(\d+)\r\n"
)
_UID = re.compile(rb"\r\nUID:([^\r\n]*(?:\r\n[ \t][^\r\n]*)*)")  # folded, maybe
_TAIL = b"END:VEVENT\r\n"


class _Previous:
    """The .ics file as remind last wrote it: where each event lies in it, by UID. An event
    laid out otherwise is not found: it counts as new."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.events: dict[str, tuple[re.Match[bytes], int]] = {}  # its head, where its tail is
        for head in _HEAD.finditer(data):
            tail = data.find(_TAIL, head.end())
            found = _UID.search(data, head.end(), tail) if tail >= 0 else None
            if found:
                with contextlib.suppress(UnicodeDecodeError):
                    self.events[_unfolded(found[1]).decode()] = head, tail

    def dated(self, event_uid: str, body: bytes, stamp: datetime) -> bytes:
        """The event with its DTSTAMP, LAST-MODIFIED and SEQUENCE: those it had while its body
        stays the same, else new ones."""
        if (before := self.events.get(event_uid)) is None:
            return _event(body, stamp, stamp, 0)
        head, tail = before
        if tail - head.end() == len(body) and self.data.startswith(body, head.end()):
            return self.data[head.start() : tail + len(_TAIL)]  # unchanged: as it was
        try:
            changed = max(stamp, _utc(head[1]))
        except ValueError:  # a stamp that is no date
            return _event(body, stamp, stamp, 0)
        return _event(body, changed, changed, int(head[3]) + 1)


def _event(body: bytes, created: datetime, modified: datetime, sequence: int) -> bytes:
    head = b"BEGIN:VEVENT\r\nDTSTAMP:%s\r\nLAST-MODIFIED:%s\r\nSEQUENCE:%d\r\n"
    return head % (_stamp(created), _stamp(modified), sequence) + body + _TAIL


def _unfolded(value: bytes) -> bytes:
    return value.replace(b"\r\n ", b"").replace(b"\r\n\t", b"")


# An export's events share a few hundred days: each is written out once


@functools.cache
def _day(day: date, *, after: bool = False) -> bytes:
    """20250620, a DATE value; with `after`, the next day's: the exclusive end of an all-day
    event."""
    return f"{day + timedelta(days=1) if after else day:%Y%m%d}".encode()


@functools.cache
def _due_words(day: date) -> str:
    return f"{chinese_date(day)}（{weekday_name(day)}）"


@functools.lru_cache(maxsize=1024)  # an export's events share a few stamps
def _utc(text: bytes) -> datetime:
    return datetime.strptime(text.decode(), STAMP_FORMAT).replace(tzinfo=UTC)


@functools.lru_cache(maxsize=1024)
def _stamp(when: datetime) -> bytes:
    return f"{when:{STAMP_FORMAT}}".encode()


@functools.cache
def _time_zone(zone: str, year: int) -> Timezone:
    """RFC 5545 wants one component at least: a calendar with nothing due gets the definition
    of its time zone, so that it is still a valid file that empties a subscriber's calendar."""
    from icalendar import Timezone

    first, last = date(year, 1, 1), date(year, 12, 31)
    return Timezone.from_tzid(zone, first_date=first, last_date=last)
