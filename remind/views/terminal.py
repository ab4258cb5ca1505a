"""Occurrences and tasks as rich renderables. Computes no dates and prints nothing.

The status-to-colour map lives here and only here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from remind.core.dates import WEEKDAYS, chinese_date, last_of_month, weekday_name
from remind.core.model import (
    Agenda,
    Deadline,
    Entry,
    Freq,
    LogLine,
    NextMonthDay,
    Occurrence,
    OnDay,
    Ongoing,
    OnLastDay,
    Recurring,
    Schedule,
    Status,
    Task,
    TaskList,
    Window,
)
from remind.core.schedule import due_note, escalated, records_needed
from remind.core.units import Directory

if TYPE_CHECKING:
    from remind.authoring.phrases import Reading
    from remind.core.board import Standing
    from remind.core.targets import Pace

STATUS_STYLE = {
    Status.OVERDUE: "bold red",
    Status.SOON: "yellow",
    Status.UPCOMING: "green",
    Status.DONE: "dim",
}
JOINER = "、"
FREQ_WORDS = {
    Freq.WEEK: "每周",
    Freq.TEN_DAYS: "每旬",
    Freq.MONTH: "每月",
    Freq.QUARTER: "每季度",
    Freq.HALF: "每半年",
    Freq.YEAR: "每年",
}


# ---------------------------------------------------------------- tables


def _table(heading: str, *, lines: bool = False) -> Table:
    return Table(
        title=heading, title_justify="left", header_style="bold", show_lines=lines, expand=True
    )


def _columns(table: Table, *fixed: str, **shares: int) -> None:
    """Add columns: `fixed` ones keep their width; the others share out what is left by ratio,
    folding text that does not fit (rich's own shrinking gives up on equal-width columns)."""
    for name in fixed:
        table.add_column(name, no_wrap=True)
    for name, ratio in shares.items():
        table.add_column(name, ratio=ratio, overflow="fold")


# ---------------------------------------------------------------- remind due


def due_view(
    agenda: Agenda,
    tasklist: TaskList,
    today: date,
    *,
    heading: str,
    look_back_hint: str,
    limit: int,
    limit_hint: str,
) -> RenderableType:
    """The due table, its counts, and what it leaves out: rows past `limit` (0: none) and
    the open occurrences before the look-back."""
    shown = agenda.entries[:limit] if limit else agenda.entries
    parts: list[RenderableType] = [
        DueTable(shown, tasklist, today, heading),
        Text(summary(agenda.entries)),
    ]
    if left := len(agenda.entries) - len(shown):
        parts.append(
            Text(f"表中只列出最早到期的 {len(shown)} 项，另有 {left} 项未列出；{limit_hint}")
        )
    if agenda.earlier_overdue:
        parts.append(
            Text(f"另有 {agenda.earlier_overdue} 项更早的逾期事项，{look_back_hint}", style="red")
        )
    return Group(*parts)


class DueTable:
    """The due table, laid out for the width it is drawn at: below NARROW it leaves out the
    support units and the source rather than squeeze eight columns."""

    NARROW = 110

    def __init__(
        self, entries: Sequence[Entry], tasklist: TaskList, today: date, heading: str
    ) -> None:
        self.entries, self.tasklist, self.today, self.heading = entries, tasklist, today, heading

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table(wide=options.max_width >= self.NARROW)

    def table(self, *, wide: bool) -> Table:
        table = _table(self.heading, lines=True)
        _columns(table, "状态")
        # shares the width like the text columns, but the date line (15 cells) never folds
        table.add_column("截止日期", width=16, ratio=1, overflow="fold")
        _columns(table, "剩余", "期次", 事项=2, 牵头=1)
        if wide:
            _columns(table, 配合=1, 来源=1)
        for entry in self.entries:
            row = _due_row(entry, self.tasklist, self.today)
            table.add_row(
                *(row if wide else row[:6]), style="dim" if entry.status is Status.DONE else None
            )
        return table


def _due_row(entry: Entry, tasklist: TaskList, today: date) -> list[RenderableType]:
    occurrence, task = entry.occurrence, entry.occurrence.task
    style = STATUS_STYLE[entry.status]
    title = Text(task.title)
    title.append(f"\n{task.id}", style="dim")
    return [
        Text(status_text(entry.status), style=style),
        due_text(occurrence),
        _days_cell(entry, today, tasklist.settings.escalate_after),
        period_text(entry),
        title,
        JOINER.join(task.lead),
        JOINER.join(task.support) or "—",
        source_text(task, tasklist),
    ]


def status_text(status: Status) -> str:
    return f"✓ {status.word}" if status is Status.DONE else status.word


def due_text(occurrence: Occurrence) -> Text:
    text = Text(day_with_weekday(occurrence.due))
    if note := due_note(occurrence):
        # in a narrow column, break between the note's parts rather than inside them
        note = note.replace("；", "\n").replace("（", "\n（")
        text.append(f"\n{note}", style="dim")
    return text


def day_with_weekday(day: date) -> str:
    return f"{day.isoformat()} {weekday_name(day)}"


def _days_cell(entry: Entry, today: date, escalate_after: int) -> Text:
    """逾期12天 in bold red, with 催办 once past escalate_after working days; red before."""
    if entry.status is not Status.OVERDUE:
        return Text(days_text(entry), style=STATUS_STYLE[entry.status])
    if escalated(entry, today, escalate_after):
        return Text(f"{days_text(entry)}\n催办", style="bold red")
    return Text(days_text(entry), style="red")


def days_text(entry: Entry) -> str:
    days = entry.days_left
    if entry.done_on:
        late = (entry.done_on - entry.occurrence.due).days
        return f"{chinese_date(entry.done_on, year=False)}办结" + (
            f"，晚{late}天" if late > 0 else ""
        )
    if days < 0:
        return f"逾期{-days}天"
    if days == 0:
        return "今天到期"
    return f"进行中，还剩{days}天" if entry.running else f"还剩{days}天"


def period_text(entry: Entry) -> str:
    needed = records_needed(entry.occurrence.task)
    label = entry.occurrence.label
    return f"{label} {entry.done}/{needed}次" if needed > 1 else label


def source_text(task: Task, tasklist: TaskList) -> str:
    label = tasklist.source(task.source).label
    return f"{label} {task.clause}".strip()


def summary(entries: Sequence[Entry]) -> str:
    counts = {status: 0 for status in Status}
    for entry in entries:
        counts[entry.status] += 1
    shown = [Status.OVERDUE, Status.SOON, Status.UPCOMING] + (
        [Status.DONE] if counts[Status.DONE] else []
    )
    return f"共 {len(entries)} 项：" + " · ".join(
        f"{status.word} {counts[status]}" for status in shown
    )


# ---------------------------------------------------------------- schedules in words


def describe(schedule: Schedule) -> str:
    """A schedule as the plans would say it: 每月最后一天，2025年4月至10月."""
    match schedule:
        case Deadline(due):
            return f"{chinese_date(due)}前"
        case Window(start, end):
            return f"{chinese_date(start)}至{chinese_date(end, year=end.year != start.year)}"
        case Recurring():
            words = _when_in_period(schedule)
            if schedule.count_min > 1:
                words += f"，每期不少于{schedule.count_min}次"
            return f"{words}，{_bounds(schedule.start, schedule.until)}"
        case Ongoing():
            return "长期，无截止日期"
    raise AssertionError(schedule)  # pragma: no cover


def describe_reading(reading: Reading) -> str:
    """How `remind parse` read a phrase, in the words of `remind show`."""
    from remind.authoring.phrases import Recurrence, Relative

    match reading:
        case Recurrence() as rule:
            recurring = Recurring(rule.every, rule.day, rule.start or date.min, rule.until,
                                  rule.month, rule.count_min)  # fmt: skip
            words = _when_in_period(recurring)
            if rule.count_min > 1:
                words += f"，每期不少于{rule.count_min}次"
            return words + (f"，{_bounds(rule.start, rule.until)}" if rule.start else "")
        case Relative(days, workdays):
            return f"{days}个{'工作日' if workdays else '自然日'}内（自交办之日起算）"
    return describe(reading)


def _when_in_period(rule: Recurring) -> str:
    every = FREQ_WORDS[rule.every]
    if rule.every is Freq.WEEK:
        n = rule.day.n if isinstance(rule.day, OnDay) else 7
        return f"每周{WEEKDAYS[n - 1]}"
    if rule.every is Freq.YEAR:
        month = f"{rule.month or 1}月" if rule.month or isinstance(rule.day, OnDay) else ""
    elif rule.every is Freq.TEN_DAYS:
        month = "第" if isinstance(rule.day, OnDay) else ""
    elif rule.every is Freq.MONTH:
        month = ""
    else:
        month = (
            f"第{rule.month}个月" if rule.month else ("首月" if isinstance(rule.day, OnDay) else "")
        )
    match rule.day:
        case OnDay(n):
            return f"{every}{month}{n}日"
        case OnLastDay():
            return f"{every}{month}最后一天"
        case NextMonthDay(n):
            return f"{every}，{'次年1月' if rule.every is Freq.YEAR else '次月'}{n}日前"
    raise AssertionError(rule.day)  # pragma: no cover


def _bounds(start: date, until: date | None) -> str:
    if until is None:
        return f"自{chinese_date(start)}起"
    if start.day == 1 and until == last_of_month(until.year, until.month):  # whole months
        end = f"{until.month}月" if until.year == start.year else f"{until.year}年{until.month}月"
        return f"{start.year}年{start.month}月至{end}"
    return f"{chinese_date(start)}至{chinese_date(until, year=until.year != start.year)}"


# ---------------------------------------------------------------- remind list / show


def task_table(
    tasks: Iterable[Task], tasklist: TaskList, next_due: dict[str, date], *, heading: str
) -> Table:
    table = _table(heading, lines=True)
    _columns(table, "编号", "下次截止", 事项=3, 安排=2, 牵头=2, 来源=2)
    for task in tasks:
        upcoming = next_due.get(task.id)
        table.add_row(
            Text(task.id, style="cyan"),
            day_with_weekday(upcoming) if upcoming else "—",
            task.title,
            describe(task.schedule),
            JOINER.join(task.lead),
            source_text(task, tasklist),
        )
    return table


def task_view(task: Task, tasklist: TaskList, entries: Sequence[Entry]) -> RenderableType:
    source = tasklist.source(task.source)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    for label, value in (
        ("编号", task.id),
        ("事项", task.title),
        ("来源", " ".join(p for p in (source.title, source.number, task.clause) if p)),
        ("原文", task.text),
        ("牵头", JOINER.join(task.lead)),
        ("配合", JOINER.join(task.support)),
        ("责任领导", task.leader),
        ("联系人", task.contact),
        ("指标", task.target),
        ("安排", describe(task.schedule)),
    ):
        if value:
            facts.add_row(label, value)
    if isinstance(task.schedule, Ongoing):
        return facts
    if not entries:
        return Group(facts, Text("\n此后没有需要办理的期次。"))
    upcoming = Table(title="待办与接下来的期次", title_justify="left", header_style="bold")
    for name in ("期次", "截止日期", "剩余", "状态"):
        upcoming.add_column(name, no_wrap=True)
    for entry in entries:
        style = STATUS_STYLE[entry.status]
        upcoming.add_row(
            period_text(entry),
            due_text(entry.occurrence),
            Text(days_text(entry), style=style),
            Text(status_text(entry.status), style=style),
        )
    return Group(facts, Text(""), upcoming)


# ---------------------------------------------------------------- remind units


def units_table(directory: Directory, tasks: Sequence[Task]) -> Table:
    several_orgs = len(directory.orgs) > 1
    table = _table(f"单位 {len(directory.units)} 个")
    _columns(table, "单位", *(["组织"] if several_orgs else []))
    _columns(table, 别名=2, 所属=2, 成员=2)
    table.add_column("牵头", justify="right", no_wrap=True)
    table.add_column("配合", justify="right", no_wrap=True)
    _columns(table, 邮箱=3)
    for unit in directory.units.values():
        lead, support = directory.task_count(tasks, unit)
        row = [unit.name, *([unit.org] if several_orgs else [])]
        row += [JOINER.join(unit.aliases), JOINER.join(unit.groups)]
        row += [JOINER.join(m.name for m in directory.members(unit))]
        row += [str(lead), str(support), ", ".join(unit.email)]
        table.add_row(*row)
    return table


# ---------------------------------------------------------------- remind log


def log_table(lines: Sequence[LogLine], heading: str) -> Table:
    table = _table(heading)
    table.add_column("#", justify="right", no_wrap=True)
    _columns(table, "办结日期", "期次", "截止日期", "按期", "经办")
    _columns(table, 事项=3, 单位=1, 备注=2)
    for line in lines:
        record, occurrence = line.record, line.occurrence
        title = Text(line.task.title if line.task else "（已不在任务清单中）")
        title.append(f"\n{record.task}", style="dim")
        table.add_row(
            f"#{record.id}",
            record.done_on.isoformat(),
            occurrence.label if occurrence else record.period,
            occurrence.due.isoformat() if occurrence else "—",
            _lateness(line.days_late),
            record.by or "—",
            title,
            record.unit or (JOINER.join(line.task.lead) if line.task else "—"),
            record.note or "—",
        )
    return table


def _lateness(days_late: int | None) -> Text:
    if days_late is None:
        return Text("—")
    return Text(f"晚{days_late}天", style="red") if days_late else Text("按期", style="green")


# ---------------------------------------------------------------- remind board

LIGHT_TEXT = {"red": "● 红", "amber": "● 黄", "green": "● 绿", "none": "—"}  # by Light value
LIGHT_STYLE = {"red": "bold red", "amber": "yellow", "green": "green", "none": "dim"}
TALLY_HEADERS = ("逾期", "临近", "按期办结", "逾期办结", "完成率")


def board_table(rows: Sequence[Standing], total: Standing, heading: str) -> Table:
    table = _table(heading)
    table.add_column("", no_wrap=True)
    table.add_column("单位", ratio=1, overflow="fold")
    for role in ("牵头", "配合"):
        for name in TALLY_HEADERS:
            table.add_column(f"{role}\n{name}", justify="right", no_wrap=True)
    table.add_column("指标\n红/黄/绿", justify="right", no_wrap=True)
    for row in rows:
        table.add_row(*_standing_cells(row))
    table.add_section()
    table.add_row(*_standing_cells(total, light=False), style="bold")
    return table


def _standing_cells(row: Standing, *, light: bool = True) -> list[RenderableType]:
    cells: list[RenderableType] = [
        Text(LIGHT_TEXT[row.light.value], style=LIGHT_STYLE[row.light.value]) if light else "",
        row.unit,
    ]
    for counts in (row.lead, row.support):
        rate = "—" if counts.rate is None else f"{counts.rate:.0%}"
        cells += [
            Text(str(counts.overdue), style="bold red" if counts.overdue else ""),
            Text(str(counts.soon), style="yellow" if counts.soon else ""),
            str(counts.on_time),
            Text(str(counts.late), style="red" if counts.late else ""),
            rate,
        ]
    return [*cells, _target_lights(row.targets)]


def _target_lights(lights: Mapping[str, int]) -> Text:
    """2/1/0: how many targets it leads are red, amber and green; — when it leads none."""
    if not sum(lights.values()):
        return Text("—", style="dim")
    text = Text()
    for n, light in enumerate(("red", "amber", "green")):
        text.append("/" if n else "")
        text.append(str(lights[light]), style=LIGHT_STYLE[light] if lights[light] else "")
    return text


# ---------------------------------------------------------------- remind targets


def targets_table(found: Sequence[Pace], heading: str) -> Table:
    table = _table(heading, lines=True)
    _columns(table, "状态")
    _columns(table, 指标=3)
    _columns(table, "目标", "最新", "应达")
    _columns(table, 说明=2, 牵头=2)
    for pace in found:
        table.add_row(*pace_cells(pace))
    return table


def pace_cells(pace: Pace) -> list[RenderableType]:
    from remind.core.targets import figure_text

    target, figure, latest = pace.target, pace.target.figure, pace.latest
    title = Text(target.text)
    title.append(f"\n{target.key}", style="dim")
    light = Text(LIGHT_TEXT[pace.light.value], style=LIGHT_STYLE[pace.light.value])
    if figure is None:
        return [
            light,
            title,
            "—",
            "—",
            "—",
            Text(pace.why, style="dim"),
            JOINER.join(target.task.lead),
        ]
    reached = "—"
    if latest:
        reached = f"{figure_text(latest.value, figure)}\n{chinese_date(latest.on, year=False)}"
    expected = "—" if pace.expected is None else figure_text(pace.expected, figure, finer=1)
    return [
        light,
        title,
        str(figure) + ("" if figure.paced else "\n（期末值）"),
        reached,
        expected,
        Text(pace.why, style=LIGHT_STYLE[pace.light.value]),
        JOINER.join(target.task.lead),
    ]
