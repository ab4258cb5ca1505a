"""The month view as a rich renderable: a grid of weeks at a usual width, a compact grid with
a list below it on a narrow terminal. Computes no dates and prints nothing.

Cell widths are measured by rich, which counts a Chinese character as two columns, so the
grid lines up for any mix of Chinese and ASCII.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from remind.core.labels import WEEKDAYS, weekday_name
from remind.core.model import Entry, Status
from remind.core.month import DayCell, Month
from remind.views.wording import STATUS_STYLE, STATUS_WORDS

BAND = "━"
MAX_LINES = 3  # item lines in a cell; more become "+N"
LEGEND = "逾期 红 · 临近 黄 · 未到 绿 · 已办 灰 · ━ 进行中的阶段 · 休息日暗色 · 班 = 调休上班"


class MonthView:
    """Draws itself for the width it gets: the grid needs GRID_MIN columns."""

    GRID_MIN = 78  # 7 cells of 8 columns (4 Chinese characters), their padding and borders

    def __init__(self, months: list[Month], heading: str) -> None:
        self.months, self.heading = months, heading

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        wide = options.max_width >= self.GRID_MIN
        for month in self.months:
            yield (
                grid(month, self.heading, options.max_width)
                if wide
                else compact(month, self.heading)
            )
        yield Text(LEGEND, style="dim")


def _heading(month: Month, heading: str) -> str:
    return f"{heading} · {month.title}" if heading else month.title


def grid(month: Month, heading: str, width: int) -> Table:
    cell_width = max(8, (width - 8) // 7 - 2)  # 8 borders, and a space each side of a cell
    table = Table(title=_heading(month, heading), title_justify="default", show_lines=True,
                  header_style="bold", padding=(0, 1))  # fmt: skip
    for name in WEEKDAYS:
        table.add_column(f"周{name}", width=cell_width, no_wrap=True, overflow="ellipsis")
    for week in month.weeks:
        table.add_row(*(_cell_text(cell, week[0] is cell) for cell in week))
    return table


def _cell_text(cell: DayCell, starts_week: bool) -> Group:
    """The day, then one line per window and deadline, each cut at the cell's edge."""
    lines = [_band_line(e, cell, starts_week) for e in cell.bands]
    lines += [_item_line(e) for e in cell.due]
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], Text(f"+{len(lines) - MAX_LINES + 1}", style="bold")]
    return Group(_day_line(cell), *lines)


def _day_line(cell: DayCell) -> Text:
    if not cell.in_month:
        return Text(f"{cell.day.day:>2}", style="dim")
    text = Text(f"{cell.day.day:>2}", style=_day_style(cell))
    if cell.holiday:
        text.append(f" {cell.holiday}", style="dim")
    elif cell.makeup:
        text.append(" 班", style="bold")
    return text


def _day_style(cell: DayCell) -> str:
    return "reverse bold" if cell.today else ("bold" if cell.workday else "dim")


def _item_line(entry: Entry) -> Text:
    mark = "✓" if entry.status is Status.DONE else "●"
    title = entry.occurrence.task.title
    return Text(
        f"{mark}{title}", style=STATUS_STYLE[entry.status], no_wrap=True, overflow="ellipsis"
    )


def _band_line(entry: Entry, cell: DayCell, starts_week: bool) -> Text:
    """A window over the day: named where it begins and at the start of each week, a bar after."""
    begins = entry.occurrence.start == cell.day
    if begins or starts_week:
        words, overflow = f"{BAND}{entry.occurrence.task.title}", "ellipsis"
    else:
        words, overflow = BAND * 80, "crop"  # cut to the cell: a bar from edge to edge
    return Text(words, style=STATUS_STYLE[entry.status], no_wrap=True, overflow=overflow)  # type: ignore[arg-type]


# ---------------------------------------------------------------- narrow terminals


def compact(month: Month, heading: str) -> RenderableType:
    """Day numbers with a dot where something is due, then the items as a list."""
    table = Table(title=_heading(month, heading), title_justify="default", header_style="bold",
                  padding=(0, 1), box=None)  # fmt: skip
    for name in WEEKDAYS:
        table.add_column(name, justify="right", no_wrap=True)
    for week in month.weeks:
        table.add_row(*(_compact_day(cell) for cell in week))
    listed = [_compact_item(cell, e) for cell in month.days() for e in cell.due]
    return Group(table, *listed) if listed else table


WORST_FIRST = (Status.OVERDUE, Status.SOON, Status.UPCOMING, Status.DONE)


def _compact_day(cell: DayCell) -> Text:
    if not cell.in_month:
        return Text("")
    text = Text(f"{cell.day.day:>2}", style=_day_style(cell))
    if cell.due:
        worst = min(cell.due, key=lambda e: WORST_FIRST.index(e.status))
        text.append("•", style=STATUS_STYLE[worst.status])
    else:
        text.append(" ")
    return text


def _compact_item(cell: DayCell, entry: Entry) -> Text:
    day = f"{cell.day.month}月{cell.day.day}日{weekday_name(cell.day)}"
    text = Text(f"{day} ")
    text.append(STATUS_WORDS[entry.status], style=STATUS_STYLE[entry.status])
    text.append(f" {entry.occurrence.task.title}")
    return text
