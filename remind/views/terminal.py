"""Occurrences and tasks as rich renderables for the terminal. Computes no dates and prints
nothing: the command line prints what these return."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style, StyleType
from rich.table import Table
from rich.text import Text

from remind.core.labels import chinese_date, weekday_name
from remind.core.model import (
    Agenda,
    Entry,
    Light,
    LogLine,
    Occurrence,
    Ongoing,
    Status,
    Task,
    TaskList,
)
from remind.core.units import Directory
from remind.views import grid, messages
from remind.views.grid import Column, Row
from remind.views.wording import (
    JOINER,
    LIGHT_STYLE,
    LIGHT_TEXT,
    STATUS_STYLE,
    STATUS_WORDS,
    describe,
    due_note,
    figure_text,
    figure_words,
    pace_why,
)

if TYPE_CHECKING:
    from remind.core.board import Standing
    from remind.core.targets import Pace

Urged = Collection[tuple[str, str]]  # (task id, period) of the occurrences to urge (催办)


# ---------------------------------------------------------------- tables


def _table(heading: str, *, lines: bool = False) -> Table:
    return ProseTable(
        title=heading, title_justify="default", header_style="bold", show_lines=lines, expand=True
    )


class Prose:
    """Text in a table cell, broken into lines as grid.wrap breaks them (标点禁则, a Latin
    run kept whole) where rich would break Chinese anywhere. It measures as rich measures
    the text, so a table's columns are as wide as before."""

    def __init__(self, text: Text):
        self.text = text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = self.text.split("\n", allow_blank=True)
        broken = [piece for line in lines for piece in _broken(line, options.max_width)]
        yield Text("\n").join(broken)


def _broken(line: Text, width: int) -> list[Text]:
    plain = line.plain
    if grid.width_of(plain) <= width:
        return [line]
    starts, position = [], 0
    for part in grid.wrapped(plain, width):
        start = plain.find(part, position)
        if start < 0:  # the wrap rewrote a run of spaces: leave the line to rich
            return [line]
        starts.append(start)
        position = start + len(part)
    pieces = list(line.divide(starts[1:]))
    for piece in pieces:
        piece.rstrip()
    return pieces


class ProseTable(Table):
    """A table whose folding columns break their text as Prose does."""

    def add_row(
        self, *renderables: RenderableType | None, style: StyleType | None = None,
        end_section: bool = False,
    ) -> None:  # fmt: skip
        cells = [
            Prose(Text(cell) if isinstance(cell, str) else cell)
            if column.overflow == "fold" and isinstance(cell, str | Text)
            else cell
            for cell, column in zip(renderables, self.columns, strict=False)
        ]
        super().add_row(*cells, style=style, end_section=end_section)


def _columns(table: Table, *fixed: str, **shares: int) -> None:
    """Add columns: `fixed` ones keep their width; the others share out what is left by ratio,
    folding text that does not fit (rich's own shrinking gives up on equal-width columns)."""
    for name in fixed:
        table.add_column(name, no_wrap=True)
    for name, ratio in shares.items():
        table.add_column(name, ratio=ratio, overflow="fold")


class ByWidth:
    """A table laid out in full at `narrow` columns and wider, and `stacked` below: fewer
    columns, the lesser facts as dim lines under the main one, so that no name or id is
    squeezed into one character a line."""

    def __init__(self, narrow: int, full: Callable[[], Table], stacked: Callable[[], Table]):
        self.narrow, self.full, self.stacked = narrow, full, stacked

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.full() if options.max_width >= self.narrow else self.stacked()


def _id_width(ids: Iterable[str]) -> int:
    """The least width of a column that shows ids (typed into remind done) whole: the longest
    of them, up to 40."""
    return min(max(map(len, ids), default=1), 40)


def _name_width(names: Iterable[str], most: int = 16) -> int:
    """The width that shows each name whole, up to `most` cells."""
    return min(max((cell_len(name) for name in names), default=1), most)


# ---------------------------------------------------------------- remind due


def due_view(
    agenda: Agenda, tasklist: TaskList, *, urged: Urged, heading: str, limit: int
) -> RenderableType:
    """The due table, its counts, and what it leaves out: rows past `limit` (0: none) and
    the open occurrences before the look-back; the `urged` ones marked 催办."""
    shown = agenda.entries[:limit] if limit else agenda.entries
    parts: list[RenderableType] = [
        DueTable(shown, tasklist, urged, heading),
        Text(summary(agenda.entries)),
    ]
    if left := len(agenda.entries) - len(shown):
        parts.append(Text(messages.rows_left_out(len(shown), left)))
    if agenda.earlier_overdue:
        said = messages.earlier_overdue(agenda.earlier_overdue, agenda.earliest_overdue)
        parts.append(Text(said, style="red"))
    return Group(*parts)


class GridView:
    """A view that views.grid draws at the width it is printed at."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from _segments(self.draw(options.max_width))

    def draw(self, width: int) -> grid.Drawn:
        raise NotImplementedError


class DueTable(GridView):
    """The due table, laid out for the width it is drawn at: below NARROW it leaves out the
    support units and the source rather than squeeze eight columns; below NARROWEST (an
    80-column terminal, a phone) it stacks the days left under the due date and the lead
    units under the title. A task id, which the clerk types into `remind done`, is never
    broken across lines. Drawn as a grid: a year of a unit's rows comes in milliseconds."""

    NARROW = 110
    NARROWEST = 100

    def __init__(
        self, entries: Sequence[Entry], tasklist: TaskList, urged: Urged, heading: str
    ) -> None:
        self.entries, self.tasklist, self.urged, self.heading = entries, tasklist, urged, heading

    def draw(self, width: int) -> grid.Drawn:
        if width < self.NARROWEST:
            columns, rows = self.stacked()
        else:
            columns, rows = self.table(wide=width >= self.NARROW)
        return grid.draw(self.heading, columns, rows, width)

    def table(self, *, wide: bool) -> tuple[list[Column], list[Row]]:
        columns = [Column("状态"), Column("截止日期", ratio=1, least=16), Column("剩余"),
                   Column("期次"), Column("事项", ratio=2, least=self._id_width()),
                   Column("牵头", ratio=1)]  # fmt: skip
        if wide:
            columns += [Column("配合", ratio=1), Column("来源", ratio=1)]
        rows = [
            Row(_due_row(entry, self.tasklist, self.urged)[: len(columns)], _row_style(entry))
            for entry in self.entries
        ]
        return columns, rows

    def stacked(self) -> tuple[list[Column], list[Row]]:
        columns = [Column("状态"), Column("截止日期"), Column("期次", most=14),
                   Column("事项", ratio=1, least=self._id_width())]  # fmt: skip
        weekends = self.tasklist.calendar.working_weekends
        rows = []
        for entry in self.entries:
            task = entry.occurrence.task
            title = [(task.title, ""), (task.id, "dim"), (f"牵头 {JOINER.join(task.lead)}", "dim")]
            due = [*due_lines(entry.occurrence, weekends), *_days_lines(entry, self.urged)]
            cells = [_status_cell(entry), due, _plain(period_text(entry, lines=True)), title]
            rows.append(Row(cells, _row_style(entry)))
        return columns, rows

    def _id_width(self) -> int:
        return _id_width(e.occurrence.task.id for e in self.entries)


def _segments(drawn: grid.Drawn) -> RenderResult:
    """A drawn grid for rich to print, in colour where the console has it."""
    end = Segment.line()
    for line in drawn:
        for text, style in line:
            yield Segment(text, Style.parse(style) if style else None)
        yield end


def _row_style(entry: Entry) -> str:
    return "dim" if entry.status is Status.DONE else ""


def _plain(text: str) -> grid.Cell:
    return [(line, "") for line in text.split("\n")]


def _due_row(entry: Entry, tasklist: TaskList, urged: Urged) -> list[grid.Cell]:
    occurrence, task = entry.occurrence, entry.occurrence.task
    return [
        _status_cell(entry),
        due_lines(occurrence, tasklist.calendar.working_weekends),
        _days_lines(entry, urged),
        _plain(period_text(entry)),
        [(task.title, ""), (task.id, "dim")],
        _plain(JOINER.join(task.lead)),
        _plain(JOINER.join(task.support) or "—"),
        _plain(source_text(task, tasklist)),
    ]


def _status_cell(entry: Entry) -> grid.Cell:
    return [(status_text(entry.status), STATUS_STYLE[entry.status])]


def status_text(status: Status) -> str:
    return f"✓ {STATUS_WORDS[status]}" if status is Status.DONE else STATUS_WORDS[status]


def due_text(occurrence: Occurrence, working_weekends: Collection[date] = ()) -> Text:
    return Text("\n").join(
        Text(line, style=style) for line, style in due_lines(occurrence, working_weekends)
    )


def due_lines(occurrence: Occurrence, working_weekends: Collection[date] = ()) -> grid.Cell:
    """2025-09-28 周日, marked 调休上班 when that weekend day is worked, and the note of a date
    moved off a day off."""
    lines = [(day_with_weekday(occurrence.due), "")]
    if occurrence.due in working_weekends:
        lines.append(("调休上班", "bold"))
    if note := due_note(occurrence):
        # in a narrow column, break between the note's parts rather than inside them
        note = note.replace("；", "\n").replace("（", "\n（")
        lines += [(part, "dim") for part in note.split("\n")]
    return lines


def day_with_weekday(day: date) -> str:
    return f"{day.isoformat()} {weekday_name(day)}"


def _days_lines(entry: Entry, urged: Urged) -> grid.Cell:
    """逾期12天 in red; in bold red with 催办 when it is urged."""
    if entry.status is not Status.OVERDUE:
        return [(days_text(entry), STATUS_STYLE[entry.status])]
    if (entry.occurrence.task.id, entry.occurrence.period) in urged:
        return [(days_text(entry), "bold red"), ("催办", "bold red")]
    return [(days_text(entry), "red")]


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


def period_text(entry: Entry, *, lines: bool = False) -> str:
    """2022年6月 0/2次: the count on a line of its own with `lines`."""
    needed = entry.occurrence.task.needed
    label = entry.occurrence.label
    between = "\n" if lines else " "
    return f"{label}{between}{entry.done}/{needed}次" if needed > 1 else label


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
        f"{STATUS_WORDS[status]} {counts[status]}" for status in shown
    )


# ---------------------------------------------------------------- remind list / show


class TaskTable(GridView):
    """The tasks in full at NARROW columns and wider; below, 下次截止 and 事项, with the id,
    安排, 牵头 and 来源 as lines under the title, so that no id is broken. Drawn as a grid,
    as the due table is: a list of ten thousand tasks takes rich half a minute."""

    NARROW = 120

    def __init__(
        self, tasks: Sequence[Task], tasklist: TaskList, next_due: dict[str, date], heading: str
    ) -> None:
        self.tasks, self.tasklist, self.next_due, self.heading = tasks, tasklist, next_due, heading

    def draw(self, width: int) -> grid.Drawn:
        columns, rows = self.table() if width >= self.NARROW else self.stacked()
        return grid.draw(self.heading, columns, rows, width)

    def table(self) -> tuple[list[Column], list[Row]]:
        columns = [Column("编号"), Column("下次截止"), Column("事项", ratio=3),
                   Column("安排", ratio=2), Column("牵头", ratio=2), Column("来源", ratio=2)]  # fmt: skip
        rows = [Row([[(task.id, "cyan")], *self._facts(task)]) for task in self.tasks]
        return columns, rows

    def _facts(self, task: Task) -> list[grid.Cell]:
        """下次截止, 事项, 安排, 牵头 and 来源."""
        facts = (task.title, describe(task.schedule), JOINER.join(task.lead),
                 source_text(task, self.tasklist))  # fmt: skip
        return [self._next(task), *map(_plain, facts)]

    def stacked(self) -> tuple[list[Column], list[Row]]:
        longest = _id_width(task.id for task in self.tasks)
        columns = [Column("下次截止"), Column("事项", ratio=1, least=longest)]
        rows = []
        for task in self.tasks:
            facts = (("安排", describe(task.schedule)), ("牵头", JOINER.join(task.lead)),
                     ("来源", source_text(task, self.tasklist)))  # fmt: skip
            title = [(task.title, ""), (task.id, "cyan")]
            title += [(f"{label} {value}", "dim") for label, value in facts]
            rows.append(Row([self._next(task), title]))
        return columns, rows

    def _next(self, task: Task) -> grid.Cell:
        upcoming = self.next_due.get(task.id)
        return _plain(day_with_weekday(upcoming) if upcoming else "—")


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
            facts.add_row(label, Prose(Text(value)))
    if isinstance(task.schedule, Ongoing):
        return facts
    if not entries:
        return Group(facts, Text("\n此后没有需要办理的期次。"))
    upcoming = Table(title="待办与接下来的期次", title_justify="default", header_style="bold")
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


def units_table(directory: Directory, tasks: Sequence[Task]) -> RenderableType:
    return ByWidth(
        120, lambda: _units_full(directory, tasks), lambda: _units_stacked(directory, tasks)
    )


def _units_stacked(directory: Directory, tasks: Sequence[Task]) -> Table:
    """单位 with its aliases, groups, members and addresses under it; then the counts."""
    several_orgs = len(directory.orgs) > 1
    table = _table(f"单位 {len(directory.units)} 个", lines=True)
    table.add_column("单位", ratio=1, overflow="fold",
                     width=_name_width(u.name for u in directory.units.values()))  # fmt: skip
    _columns(table, *(["组织"] if several_orgs else []), "牵头", "配合")
    for unit in directory.units.values():
        lead, support = directory.task_count(tasks, unit)
        cell = Text(unit.name)
        facts = (("别名", JOINER.join(unit.aliases)), ("所属", JOINER.join(unit.groups)),
                 ("成员", JOINER.join(m.name for m in directory.members(unit))),
                 ("邮箱", ", ".join(unit.email)))  # fmt: skip
        for label, value in facts:
            if value:
                cell.append(f"\n{label} {value}", style="dim")
        counts = [Text(str(n), justify="right") for n in (lead, support)]
        table.add_row(cell, *([unit.org] if several_orgs else []), *counts)
    return table


def _units_full(directory: Directory, tasks: Sequence[Task]) -> Table:
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


def log_table(lines: Sequence[LogLine], heading: str) -> RenderableType:
    return ByWidth(120, lambda: _log_full(lines, heading), lambda: _log_stacked(lines, heading))


def _log_stacked(lines: Sequence[LogLine], heading: str) -> Table:
    """# · 办结日期 with 按期 under it · 期次 with 截止 under it · 事项 with its id, unit, who and
    note under it."""
    table = _table(heading, lines=True)
    table.add_column("#", justify="right", no_wrap=True)
    _columns(table, "办结日期", "期次")
    longest = _id_width(line.record.task for line in lines)
    table.add_column("事项", ratio=1, overflow="fold", width=longest)
    for line in lines:
        record, occurrence = line.record, line.occurrence
        done = Text(record.done_on.isoformat() + "\n").append_text(_lateness(line.days_late))
        period = occurrence.label if occurrence else record.period
        due = f"\n截止 {occurrence.due:%m-%d}" if occurrence else ""
        title = Text(line.task.title if line.task else "（已不在任务清单中）")
        unit = record.unit or (JOINER.join(line.task.lead) if line.task else "")
        facts = [record.task, *([f"单位 {unit}"] if unit else []),
                 *([f"经办 {record.by}"] if record.by else []),
                 *([f"备注 {record.note}"] if record.note else [])]  # fmt: skip
        title.append("".join(f"\n{fact}" for fact in facts), style="dim")
        table.add_row(f"#{record.id}", done, period + due, title)
    return table


def _log_full(lines: Sequence[LogLine], heading: str) -> Table:
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

TALLY_HEADERS = ("逾期", "临近", "按期办结", "逾期办结", "完成率")


BRIEF = (
    0,
    1,
    2,
    3,
    6,
    7,
    11,
    12,
)  # light, unit, lead 逾期 临近 完成率, support 逾期 完成率, targets


def board_table(rows: Sequence[Standing], total: Standing, heading: str) -> RenderableType:
    """Every tally at 120 columns and wider; below, the 按期/逾期办结 counts (完成率 sums them
    up) and support's 临近 are left out, so that each unit's name shows whole."""
    return ByWidth(120, lambda: _board(rows, total, heading, brief=False),
                   lambda: _board(rows, total, heading, brief=True))  # fmt: skip


def _board(rows: Sequence[Standing], total: Standing, heading: str, *, brief: bool) -> Table:
    table = _table(heading)
    table.add_column("", no_wrap=True)
    table.add_column("单位", ratio=1, overflow="fold", width=_name_width(r.unit for r in rows))
    headers = [f"{role}\n{name}" for role in ("牵头", "配合") for name in TALLY_HEADERS]
    headers.append("指标\n红/黄/绿")
    for index, header in enumerate(headers, start=2):
        if not brief or index in BRIEF:
            table.add_column(header, justify="right", no_wrap=True)
    for row, style in [*((r, None) for r in rows), (total, "bold")]:
        cells = _standing_cells(row, light=row is not total)
        if row is total:
            table.add_section()
        table.add_row(*(c for i, c in enumerate(cells) if not brief or i in BRIEF), style=style)
    return table


def _standing_cells(row: Standing, *, light: bool = True) -> list[RenderableType]:
    cells: list[RenderableType] = [
        Text(LIGHT_TEXT[row.light], style=LIGHT_STYLE[row.light]) if light else "",
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


def _target_lights(lights: Mapping[Light, int]) -> Text:
    """2/1/0: how many targets it leads are red, amber and green; — when it leads none."""
    if not sum(lights.values()):
        return Text("—", style="dim")
    text = Text()
    for n, light in enumerate((Light.RED, Light.AMBER, Light.GREEN)):
        text.append("/" if n else "")
        text.append(str(lights[light]), style=LIGHT_STYLE[light] if lights[light] else "")
    return text


# ---------------------------------------------------------------- remind targets


def targets_table(found: Sequence[Pace], heading: str) -> RenderableType:
    """Every column at 120 columns and wider; below, 牵头 and 说明 go under the target's text
    and the figures share one column, so that no id or unit is broken."""
    return ByWidth(120, lambda: _targets_full(found, heading),
                   lambda: _targets_stacked(found, heading))  # fmt: skip


def _targets_stacked(found: Sequence[Pace], heading: str) -> Table:
    table = _table(heading, lines=True)
    _columns(table, "状态")
    _columns(table, 指标=1)
    _columns(table, "进度")
    for pace in found:
        light, title, goal, reached, expected, why, lead = pace_cells(pace)
        title.append(f"\n牵头 {lead}", style="dim").append("\n").append_text(why)
        figures = zip(("目标", "最新", "应达"), (goal, reached, expected), strict=True)
        progress = "\n".join(f"{label} {_one_line(value)}" for label, value in figures)
        table.add_row(light, title, progress)
    return table


def _one_line(value: str) -> str:
    """「1900亿元\n9月15日」 as 「1900亿元，9月15日」, 「1000项\n（期末值）」 as 「1000项（期末值）」."""
    return value.replace("\n（", "（").replace("\n", "，")


def _targets_full(found: Sequence[Pace], heading: str) -> Table:
    table = _table(heading, lines=True)
    _columns(table, "状态")
    longest = _id_width(pace.target.key for pace in found)
    table.add_column("指标", ratio=3, overflow="fold", width=longest)
    _columns(table, "目标", "最新", "应达")
    _columns(table, 说明=2, 牵头=2)
    for pace in found:
        table.add_row(*pace_cells(pace))
    return table


class PaceCells(NamedTuple):
    """A target's row: its light, its text with its key, the figures, why, and who leads."""

    light: Text
    title: Text
    goal: str
    reached: str
    expected: str
    why: Text
    lead: str


def pace_cells(pace: Pace) -> PaceCells:
    target, figure, latest = pace.target, pace.target.figure, pace.latest
    title = Text(target.text)
    title.append(f"\n{target.key}", style="dim")
    light = Text(LIGHT_TEXT[pace.light], style=LIGHT_STYLE[pace.light])
    lead = JOINER.join(target.task.lead)
    if figure is None:
        return PaceCells(light, title, "—", "—", "—", Text(pace_why(pace), style="dim"), lead)
    reached = "—"
    if latest:
        reached = f"{figure_text(latest.value, figure)}\n{chinese_date(latest.on, year=False)}"
    expected = "—" if pace.expected is None else figure_text(pace.expected, figure, finer=1)
    goal = figure_words(figure) + ("" if figure.paced else "\n（期末值）")
    why = Text(pace_why(pace), style=LIGHT_STYLE[pace.light])
    return PaceCells(light, title, goal, reached, expected, why, lead)
