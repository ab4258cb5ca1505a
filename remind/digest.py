"""The weekly digest of a unit: what is overdue, due this week, due next week, and what was done
last week. Pure: built from the schedule engine's entries, written as text, Markdown or HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from remind.dates import chinese_date, weekday_name
from remind.model import Entry, Record, Status, Task
from remind.schedule import ONCE, agenda, done_dates, due_note, entry, occurrence_of

WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Week:
    monday: date

    @classmethod
    def of(cls, day: date) -> Week:
        return cls(day - timedelta(days=day.weekday()))

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def key(self) -> str:
        """2025-W25, the ISO week: what the state file records a digest as sent for."""
        year, week, _ = self.monday.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def label(self) -> str:
        """6月16日—6月22日"""
        return f"{chinese_date(self.monday, year=False)}—{chinese_date(self.sunday, year=False)}"

    def shifted(self, weeks: int) -> Week:
        return Week(self.monday + weeks * WEEK)


@dataclass(frozen=True, slots=True)
class Digest:
    unit: str  # for people: 法制处
    week: Week
    today: date
    overdue: tuple[Entry, ...]  # open, due before the week
    this_week: tuple[Entry, ...]  # due in the week, done or not
    next_week: tuple[Entry, ...]
    done_last_week: tuple[Entry, ...]  # recorded done in the week before
    earlier_overdue: int = 0  # open and due before the look-back: counted, not listed

    @property
    def empty(self) -> bool:
        lists = (self.overdue, self.this_week, self.next_week, self.done_last_week)
        return not any(lists) and not self.earlier_overdue

    @property
    def open_this_week(self) -> int:
        return sum(e.status is not Status.DONE for e in self.this_week)

    @property
    def overdue_count(self) -> int:
        late_this_week = sum(e.status is Status.OVERDUE for e in self.this_week)
        return len(self.overdue) + self.earlier_overdue + late_this_week

    @property
    def subject(self) -> str:
        """【督办提醒】法制处 · 本周到期3项 · 逾期1项（6月16日—6月22日）, on one line whatever
        the unit's name holds: a line break in a header would start a header of its own."""
        parts = [f"【督办提醒】{self.unit}", f"本周到期{self.open_this_week}项"]
        if self.overdue_count:
            parts.append(f"逾期{self.overdue_count}项")
        return one_line(" · ".join(parts) + f"（{self.week.label}）")


def one_line(text: str) -> str:
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def build(
    unit: str,
    tasks: Sequence[Task],
    records: Sequence[Record],
    *,
    today: date,
    week: Week,
    since: date,
    warn_days: int,
) -> Digest:
    """A unit's digest of `week`, as things stand on `today`: the same entries `remind due`
    computes, grouped by week."""
    seen = agenda(
        tasks, records, today, horizon=week.shifted(1).sunday, since=since,
        warn_days=warn_days, include_done=True,
    )  # fmt: skip
    entries = seen.entries

    def due_in(first: date, last: date) -> tuple[Entry, ...]:
        return tuple(e for e in entries if first <= e.occurrence.due <= last)

    overdue = tuple(
        e for e in entries if e.occurrence.due < week.monday and e.status is Status.OVERDUE
    )
    return Digest(
        unit,
        week,
        today,
        overdue,
        due_in(week.monday, week.sunday),
        due_in(week.shifted(1).monday, week.shifted(1).sunday),
        _done_in(tasks, records, week.shifted(-1), today, warn_days),
        seen.earlier_overdue,
    )


def _done_in(
    tasks: Iterable[Task], records: Sequence[Record], week: Week, today: date, warn_days: int
) -> tuple[Entry, ...]:
    """The occurrences whose last needed record was made in `week`."""
    by_id = {task.id: task for task in tasks}
    dates = done_dates(records)
    found = []
    for task_id, period in dict.fromkeys((r.task, r.period) for r in records):
        task = by_id.get(task_id)
        occurrence = occurrence_of(task, period) if task else None
        if occurrence is None:
            continue
        done = entry(occurrence, today, warn_days, dates[(task_id, period)])
        if done.done_on and week.monday <= done.done_on <= week.sunday:
            found.append(done)
    found.sort(key=lambda e: (e.done_on, e.occurrence.task.id))
    return tuple(found)


# ---------------------------------------------------------------- writing it out

SECTIONS = ("逾期未办", "本周到期", "下周到期", "上周已办")
# red / amber / green / grey: inline, since mail clients drop <style> and external sheets
STATUS_COLOURS = {
    Status.OVERDUE: ("#b42318", "#fdecea"),
    Status.SOON: ("#8a5a00", "#fff4d6"),
    Status.UPCOMING: ("#1e6b34", "#e8f5ec"),
    Status.DONE: ("#667085", "#f2f4f7"),
}


def _sections(digest: Digest) -> list[tuple[str, tuple[Entry, ...]]]:
    lists = (digest.overdue, digest.this_week, digest.next_week, digest.done_last_week)
    return list(zip(SECTIONS, lists, strict=True))


def _row(item: Entry) -> tuple[str, str, str, str, str]:
    """状态, 截止日期, 期次, 事项, 牵头 — as plain strings."""
    occurrence, task = item.occurrence, item.occurrence.task
    status = item.status.word
    if item.status is Status.OVERDUE:
        status += f" {-item.days_left}天"
    elif item.status is Status.DONE and item.done_on:
        status += f" {item.done_on:%m-%d}"
    due = f"{occurrence.due:%Y-%m-%d} {weekday_name(occurrence.due)}"
    if note := due_note(occurrence):
        due += f"，{note}"
    period = "" if occurrence.period == ONCE else occurrence.label
    return status, due, period, f"{task.title}（{task.id}）", "、".join(task.lead)


def _heading(digest: Digest) -> str:
    return f"{digest.unit} · {digest.week.label} · 截至{chinese_date(digest.today)}"


def _earlier(digest: Digest) -> str:
    if not digest.earlier_overdue:
        return ""
    return f"另有 {digest.earlier_overdue} 项更早的逾期事项，用 remind due --since 1y 查看。"


def as_text(digest: Digest) -> str:
    lines = [_heading(digest), ""]
    for title, items in _sections(digest):
        lines.append(f"{title}（{len(items)}项）")
        lines += [f"  {'  '.join(p for p in _row(i) if p)}" for i in items] or ["  无"]
        lines.append("")
    if note := _earlier(digest):
        lines += [note, ""]
    lines.append(_FOOTER)
    return "\n".join(lines) + "\n"


def as_markdown(digest: Digest) -> str:
    lines = [f"## {_md(_heading(digest))}", ""]
    for title, items in _sections(digest):
        lines += [f"### {title}（{len(items)}项）", ""]
        if not items:
            lines += ["无", ""]
            continue
        lines += ["| 状态 | 截止日期 | 期次 | 事项 | 牵头 |", "|---|---|---|---|---|"]
        lines += ["| " + " | ".join(_md(p) for p in _row(i)) + " |" for i in items]
        lines.append("")
    if note := _earlier(digest):
        lines += [_md(note), ""]
    lines.append(_md(_FOOTER))
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return one_line(text).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def as_html(digest: Digest) -> str:
    """A page mail clients show as it is: a table per section, colours inline, no images,
    no scripts, every text escaped."""
    cell = "padding:4px 8px;border:1px solid #d0d5dd;text-align:left;vertical-align:top"
    parts = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(digest.subject)}</title></head>",
        "<body style=\"font-family:'Microsoft YaHei','PingFang SC',sans-serif;color:#101828\">",
        f'<h2 style="font-size:18px">{escape(_heading(digest))}</h2>',
    ]
    for title, items in _sections(digest):
        parts.append(f'<h3 style="font-size:15px;margin:16px 0 6px">{title}（{len(items)}项）</h3>')
        if not items:
            parts.append('<p style="color:#667085;margin:0">无</p>')
            continue
        head = "".join(
            f'<th style="{cell};background:#f2f4f7">{h}</th>'
            for h in ("状态", "截止日期", "期次", "事项", "牵头")
        )
        parts.append(f'<table style="border-collapse:collapse;font-size:14px"><tr>{head}</tr>')
        for item in items:
            colour, background = STATUS_COLOURS[item.status]
            status, *rest = _row(item)
            cells = f'<td style="{cell};color:{colour};background:{background};font-weight:bold">'
            cells += f"{escape(status)}</td>"
            cells += "".join(f'<td style="{cell}">{escape(p)}</td>' for p in rest)
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</table>")
    if note := _earlier(digest):
        parts.append(f"<p>{escape(note)}</p>")
    parts.append(f'<p style="color:#667085;font-size:12px">{escape(_FOOTER)}</p></body></html>')
    return "\n".join(parts) + "\n"


_FOOTER = "办结后请登记：remind done 任务编号 --period 期次。本邮件由 remind 根据任务清单自动生成。"
