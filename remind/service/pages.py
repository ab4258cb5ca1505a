"""What each page of the service shows, worked out from the schedule engine's entries and the
board's standings: plain values for the templates, which compute nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from remind.core import board, schedule
from remind.core.model import (
    ONCE,
    Agenda,
    Entry,
    Light,
    Record,
    Status,
    Task,
    Unit,
)
from remind.core.records import State, log_lines
from remind.core.targets import Pace, paces
from remind.service.site import Snapshot
from remind.views.digest import anchor, target_row
from remind.views.terminal import day_with_weekday, days_text, period_text
from remind.views.wording import JOINER, LIGHT_WORDS, STATUS_WORDS, due_note

WITHIN = timedelta(days=14)  # as `remind due` lists by default
ROWS = 50  # as `remind due` shows at most by default: the page says how many more there are
STATUS_CLASS = {Status.OVERDUE: "overdue", Status.SOON: "soon", Status.UPCOMING: "upcoming",
                Status.DONE: "done"}  # fmt: skip
LIGHT_CLASS = {Light.RED: "red", Light.AMBER: "amber", Light.GREEN: "green", Light.NONE: "none"}


@dataclass(frozen=True)
class Row:
    """One occurrence on a clerk's page, as `remind due` shows it, with its records."""

    task: str
    title: str
    period: str  # the key the form sends back: 2025-06
    anchor: str  # the item's id on the page, which a digest's 登记办结 opens
    period_label: str
    status: str
    status_class: str
    due: str  # 2025-06-30 周一
    note: str  # 倒排工期's handoff, or a date moved off a day off
    days: str
    lead: str
    support: str
    urged: bool
    records: tuple[Record, ...]
    open: bool
    source: str


@dataclass(frozen=True)
class TargetRow:
    """One figure of a target the unit leads (序时进度), as the digest words it; `measure` is
    None when the target is not plainly a number, and takes no reading."""

    task: str
    item: int
    light: str
    light_class: str
    shown: str  # 新增高新技术企业2000家（tineng-2021-hightech#1）
    goal: str
    reached: str
    why: str
    measure: str | None


@dataclass(frozen=True)
class UnitPage:
    unit: str
    today: date
    rows: tuple[Row, ...]
    earlier_overdue: int
    targets: tuple[TargetRow, ...]
    counts: dict[str, int] = field(default_factory=dict)
    more: int = 0  # rows past ROWS, left out unless all are asked for


def unit_page(
    snap: Snapshot, state: State, unit: Unit, today: date, *, every_row: bool = False,
    earlier: bool = False,
) -> UnitPage:  # fmt: skip
    """The unit's occurrences as `remind due --all` lists them for it: the same engine, the
    same look-back and warning days, a fortnight ahead, the first ROWS of them unless
    `every_row`; with the records of each. With `earlier`, from the oldest overdue one on,
    as `remind due --since` that day lists them."""
    settings = snap.tasklist.settings
    tasks = snap.duties.get(unit.key, [])
    records = snap.directory.records_for(state.records, snap.tasklist.tasks, [unit])
    since = today - timedelta(days=settings.lookback_days)

    def agenda(since: date) -> Agenda:
        return schedule.agenda(tasks, records, today, horizon=today + WITHIN, since=since,
                               warn_days=settings.warn_days, include_done=True)  # fmt: skip

    found = agenda(since)
    if earlier and found.earliest_overdue:
        found = agenda(found.earliest_overdue)
    urged = schedule.urged(found.entries, today, settings.escalate_after)
    by_occurrence: dict[tuple[str, str], list[Record]] = {}
    for record in records:
        by_occurrence.setdefault((record.task, record.period), []).append(record)
    shown = found.entries if every_row else found.entries[:ROWS]
    rows = tuple(_row(snap, e, urged, by_occurrence) for e in shown)
    led = [t for t in tasks if not t.supporting]
    targets = tuple(map(_target_row, paces(snap.tasklist, led, state.readings, today, since=since)))
    counts = {STATUS_WORDS[s]: sum(e.status is s for e in found.entries) for s in Status}
    return UnitPage(snap.directory.display(unit), today, rows, found.earlier_overdue, targets,
                    counts, len(found.entries) - len(shown))  # fmt: skip


def _row(
    snap: Snapshot,
    entry: Entry,
    urged: frozenset[tuple[str, str]],
    by_occurrence: dict[tuple[str, str], list[Record]],
) -> Row:
    occurrence, task = entry.occurrence, entry.occurrence.task
    key = (task.id, occurrence.period)
    return Row(
        task=task.id,
        title=task.title,
        period=occurrence.period,
        anchor=anchor(task.id, occurrence.period),
        period_label="" if occurrence.period == ONCE else period_text(entry),
        status=STATUS_WORDS[entry.status],
        status_class=STATUS_CLASS[entry.status],
        due=day_with_weekday(occurrence.due),
        note=due_note(occurrence),
        days=days_text(entry),
        lead=JOINER.join(task.lead),
        support=JOINER.join(task.support),
        urged=key in urged,
        records=tuple(by_occurrence.get(key, ())),
        open=entry.status is not Status.DONE,
        source=_source(snap, task),
    )


def _target_row(pace: Pace) -> TargetRow:
    light, shown, goal, reached, why = target_row(pace)
    target, figure = pace.target, pace.target.figure
    return TargetRow(target.task.id, target.item, light, LIGHT_CLASS[pace.light], shown, goal,
                     reached, why, figure.measure if figure else None)  # fmt: skip


def _source(snap: Snapshot, task: Task) -> str:
    return f"{snap.tasklist.source(task.source).label} {task.clause}".strip()


@dataclass(frozen=True)
class BoardRow:
    unit: str
    key: str  # ORG/NAME: the coordinator's link to the unit's page
    light: str
    light_class: str
    lead: board.Tally
    support: board.Tally
    on_time_rate: float | None  # 按期办结率 of what it leads


def board_page(snap: Snapshot, state: State, today: date) -> tuple[list[BoardRow], board.Standing]:
    """Every unit with duties, worst first, as `remind board` counts them."""
    since = board.default_since(today)
    rows, total = board.board(snap.tasklist, snap.directory, state, [], today, since=since)
    keyed = {snap.directory.display(u): "/".join(u.key) for u in snap.tasklist.units}
    return [_board_row(r, keyed.get(r.unit, "")) for r in rows], total


def _board_row(row: board.Standing, key: str) -> BoardRow:
    return BoardRow(row.unit, key, LIGHT_WORDS[row.light], LIGHT_CLASS[row.light], row.lead,
                    row.support, on_time_rate(row.lead))  # fmt: skip


def on_time_rate(tally: board.Tally) -> float | None:
    """按期办结率: done by its due date, of what fell due so far."""
    due = tally.done + tally.overdue
    return tally.on_time / due if due else None


def chart(rows: Sequence[BoardRow], *, width: int = 640) -> str:
    """An SVG bar per unit: its 按期办结率 (of what it leads) and its overdue count, drawn on the
    server, with no script or font from anywhere. The names are escaped by the caller's
    template (this text holds only numbers and the escaped names)."""
    from html import escape

    rows = [r for r in rows if r.on_time_rate is not None]  # a unit with nothing due yet: no bar
    if not rows:
        return ""
    # the names' column as wide as the longest (12 px a character), so none runs off the edge
    label = min(320, max(60, 12 * max(len(r.unit) for r in rows) + 16))
    bar, gap, scale = 18, 10, width - label - 70
    height = len(rows) * (bar + gap) + 30
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
              f'role="img" aria-label="按期办结率与逾期数" class="chart">')]  # fmt: skip
    for n, row in enumerate(rows):
        y = 20 + n * (bar + gap)
        rate = row.on_time_rate or 0.0
        shown = "—" if row.on_time_rate is None else f"{rate:.0%}"
        parts += [
            f'<text x="{label - 8}" y="{y + 13}" text-anchor="end">{escape(row.unit)}</text>',
            f'<rect x="{label}" y="{y}" width="{scale}" height="{bar}" class="track"/>',
            (
                f'<rect x="{label}" y="{y}" width="{rate * scale:.1f}" height="{bar}" '
                f'class="bar {row.light_class}"/>'
            ),
            (
                f'<text x="{label + scale + 6}" y="{y + 13}">{shown}'
                + (f" 逾期{row.lead.overdue}" if row.lead.overdue else "")
                + "</text>"
            ),
        ]
    parts.append(f'<text x="{label}" y="12" class="axis">按期办结率（牵头）</text></svg>')
    return "".join(parts)


def log_page(snap: Snapshot, state: State) -> list[tuple[Record, str, str]]:
    """Every record that counts, newest first: with its task's title, and the occurrence's."""
    lines = sorted(log_lines(state.records, snap.tasklist), key=lambda line: -line.record.id)
    return [(line.record, line.task.title if line.task else line.record.task,
             line.occurrence.label if line.occurrence else line.record.period)
            for line in lines]  # fmt: skip
