"""The weekly digest of a unit: what is overdue, due this week, due next week, and what was done
last week. Pure: built from the schedule engine's entries, written as text, Markdown or HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape

from remind.core.dates import chinese_date, weekday_name
from remind.core.model import Entry, Record, Status, Task
from remind.core.schedule import (
    ONCE,
    agenda,
    done_dates,
    due_note,
    entry,
    escalated,
    occurrence_of,
)
from remind.core.targets import Pace, figure_text

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
    targets: tuple[Pace, ...] = ()  # 序时进度 of the targets it leads
    escalated: tuple[Entry, ...] = ()  # 催办: overdue by more than escalate_after working days
    escalate_after: int = 3
    _urged: frozenset[tuple[str, str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        urged = frozenset((e.occurrence.task.id, e.occurrence.period) for e in self.escalated)
        object.__setattr__(self, "_urged", urged)

    def urged(self, entry: Entry) -> bool:
        """催办: the entry is one of `escalated` (a unit has a task one way: the key is enough)."""
        return (entry.occurrence.task.id, entry.occurrence.period) in self._urged

    @property
    def empty(self) -> bool:
        lists = (self.overdue, self.this_week, self.next_week, self.done_last_week, self.targets)
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
        mark = "【催办】" if self.escalated else "【督办提醒】"
        parts = [f"{mark}{self.unit}", f"本周到期{self.open_this_week}项"]
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
    targets: Sequence[Pace] = (),
    escalate_after: int = 3,
) -> Digest:
    """A unit's digest of `week`, as things stand on `today`: the same entries `remind due`
    computes, grouped by week, the pace of its targets, and what is overdue long enough to be
    escalated (催办) to its 分管领导."""
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
        tuple(targets),
        tuple(e for e in entries if escalated(e, today, escalate_after)),
        escalate_after,
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
LIGHT_COLOURS = {  # 序时进度, by Light value
    "red": STATUS_COLOURS[Status.OVERDUE],
    "amber": STATUS_COLOURS[Status.SOON],
    "green": STATUS_COLOURS[Status.UPCOMING],
    "none": STATUS_COLOURS[Status.DONE],
}


def _sections(digest: Digest) -> list[tuple[str, tuple[Entry, ...]]]:
    lists = (digest.overdue, digest.this_week, digest.next_week, digest.done_last_week)
    return list(zip(SECTIONS, lists, strict=True))


def _row(item: Entry, digest: Digest) -> tuple[str, str, str, str, str]:
    """状态, 截止日期, 期次, 事项, 牵头 — as plain strings."""
    occurrence, task = item.occurrence, item.occurrence.task
    status = item.status.word
    if item.status is Status.OVERDUE:
        status += f" {-item.days_left}天"
        status += " 催办" if digest.urged(item) else ""
    elif item.status is Status.DONE and item.done_on:
        status += f" {item.done_on:%m-%d}"
    due = f"{occurrence.due:%Y-%m-%d} {weekday_name(occurrence.due)}"
    if note := due_note(occurrence):
        due += f"，{note}"
    period = "" if occurrence.period == ONCE else occurrence.label
    return status, due, period, f"{task.title}（{task.id}）", "、".join(task.lead)


TARGETS = "指标进度"
TARGET_HEADERS = ("状态", "指标", "目标", "最新", "说明")


def _target_row(pace: Pace) -> tuple[str, str, str, str, str]:
    """状态, 指标, 目标, 最新, 说明 — as plain strings."""
    target, figure, latest = pace.target, pace.target.figure, pace.latest
    shown = f"{target.text}（{target.key}）"
    if figure is None:
        return pace.light.word, shown, "", "", pace.why
    reached = f"{figure_text(latest.value, figure)}（{latest.on:%m-%d}）" if latest else "未报"
    goal = str(figure)
    if pace.expected is not None and pace.expected != figure.amount:
        goal += f"，应达{figure_text(pace.expected, figure, finer=1)}"
    return pace.light.word, shown, goal, reached, pace.why


def _heading(digest: Digest) -> str:
    return f"{digest.unit} · {digest.week.label} · 截至{chinese_date(digest.today)}"


def _urging(digest: Digest) -> str:
    if not digest.escalated:
        return ""
    return (f"催办：{len(digest.escalated)}项逾期超过{digest.escalate_after}个工作日，"
            "请尽快办理并登记。")  # fmt: skip


def _earlier(digest: Digest) -> str:
    if not digest.earlier_overdue:
        return ""
    return f"另有 {digest.earlier_overdue} 项更早的逾期事项，用 remind due --since 1y 查看。"


def as_text(digest: Digest) -> str:
    lines = [_heading(digest), ""]
    if urging := _urging(digest):
        lines += [urging, ""]
    for title, items in _sections(digest):
        lines.append(f"{title}（{len(items)}项）")
        lines += [f"  {'  '.join(p for p in _row(i, digest) if p)}" for i in items] or ["  无"]
        lines.append("")
    if note := _earlier(digest):
        lines += [note, ""]
    if digest.targets:
        lines.append(f"{TARGETS}（{len(digest.targets)}项）")
        lines += [f"  {'  '.join(p for p in _target_row(t) if p)}" for t in digest.targets]
        lines += [_READINGS, ""]
    lines.append(_FOOTER)
    return "\n".join(lines) + "\n"


def as_markdown(digest: Digest) -> str:
    lines = [f"## {_md(_heading(digest))}", ""]
    if urging := _urging(digest):
        lines += [f"**{_md(urging)}**", ""]
    for title, items in _sections(digest):
        lines += [f"### {title}（{len(items)}项）", ""]
        if not items:
            lines += ["无", ""]
            continue
        lines += ["| 状态 | 截止日期 | 期次 | 事项 | 牵头 |", "|---|---|---|---|---|"]
        lines += ["| " + " | ".join(_md(p) for p in _row(i, digest)) + " |" for i in items]
        lines.append("")
    if note := _earlier(digest):
        lines += [_md(note), ""]
    if digest.targets:
        lines += [f"### {TARGETS}（{len(digest.targets)}项）", ""]
        lines += ["| " + " | ".join(TARGET_HEADERS) + " |", "|---|---|---|---|---|"]
        lines += ["| " + " | ".join(_md(p) for p in _target_row(t)) + " |" for t in digest.targets]
        lines += ["", _md(_READINGS), ""]
    lines.append(_md(_FOOTER))
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return one_line(text).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def as_html(digest: Digest) -> str:
    """A page mail clients show as it is: a table per section, colours inline, no images,
    no scripts, every text escaped."""
    parts = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(digest.subject)}</title></head>",
        "<body style=\"font-family:'Microsoft YaHei','PingFang SC',sans-serif;color:#101828\">",
        f'<h2 style="font-size:18px">{escape(_heading(digest))}</h2>',
    ]
    if urging := _urging(digest):
        parts.append(f'<p style="color:#b42318;font-weight:bold">{escape(urging)}</p>')
    for title, items in _sections(digest):
        parts.append(_html_heading(title, len(items)))
        if not items:
            parts.append('<p style="color:#667085;margin:0">无</p>')
            continue
        parts.append(_html_table(("状态", "截止日期", "期次", "事项", "牵头")))
        for item in items:
            status, *rest = _row(item, digest)
            parts.append(_html_row(STATUS_COLOURS[item.status], status, rest))
        parts.append("</table>")
    if note := _earlier(digest):
        parts.append(f"<p>{escape(note)}</p>")
    if digest.targets:
        parts.append(_html_heading(TARGETS, len(digest.targets)))
        parts.append(_html_table(TARGET_HEADERS))
        for pace in digest.targets:
            light, *rest = _target_row(pace)
            parts.append(_html_row(LIGHT_COLOURS[pace.light.value], light, rest))
        parts.append(f"</table><p>{escape(_READINGS)}</p>")
    parts.append(f'<p style="color:#667085;font-size:12px">{escape(_FOOTER)}</p></body></html>')
    return "\n".join(parts) + "\n"


_CELL = "padding:4px 8px;border:1px solid #d0d5dd;text-align:left;vertical-align:top"


def _html_heading(title: str, count: int) -> str:
    return f'<h3 style="font-size:15px;margin:16px 0 6px">{title}（{count}项）</h3>'


def _html_table(headers: Sequence[str]) -> str:
    head = "".join(f'<th style="{_CELL};background:#f2f4f7">{h}</th>' for h in headers)
    return f'<table style="border-collapse:collapse;font-size:14px"><tr>{head}</tr>'


def _html_row(colours: tuple[str, str], status: str, rest: Sequence[str]) -> str:
    """A row whose first cell carries the status in its colours; every text escaped."""
    colour, background = colours
    cells = f'<td style="{_CELL};color:{colour};background:{background};font-weight:bold">'
    cells += f"{escape(status)}</td>"
    cells += "".join(f'<td style="{_CELL}">{escape(p)}</td>' for p in rest)
    return f"<tr>{cells}</tr>"


_READINGS = "报送进度：remind progress 任务编号 数值（多项指标加 --item 序号）。"
_FOOTER = "办结后请登记：remind done 任务编号 --period 期次。本邮件由 remind 根据任务清单自动生成。"
