"""Tables as plans reach the coordinator, rewritten as the tab-separated rows extract reads:
a 督办系统's CSV export, a Word table pasted with one cell per line, and a table laid out with
spaces whose long cells wrap onto the lines below (with its ruler lines, page footers and the
header repeated on each page). Pure: text in, text out; lines outside a table are kept.

A table is found by its header: three cells or more, of which `column_of` says at least two
name columns, one of them the task's or the units' (序号, 任务内容, 牵头单位, 完成时限…).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable

ColumnOf = Callable[[str], str | None]  # the column a header cell names: "lead", "task"…

# a page's footer: - 5 -, — 5 —, · 5 ·, 第5页 (共12页)
FOOTER = re.compile(
    r"^\s*(?:[-—–－]\s*\d+\s*[-—–－]|·\s*\d+\s*·|第\s*\d+\s*页(?:\s*/?\s*共\s*\d+\s*页)?)\s*$"
)
_RULER = re.compile(r"^\s*[─━—\-=＝_+|┼┬┴├┤┌┐└┘]{6,}\s*$")
_HEADING = re.compile(r"^[一二三四五六七八九十]+[、.．]\S{1,30}$")  # 一、城市更新片区: a category
_ROW_NUMBER = re.compile(r"\d{1,3}[.、]?")


def as_rows(text: str, column_of: ColumnOf) -> str:
    """`text` with each table it holds as tab-separated rows: the header, then each row, a
    category row (一、提升政务服务效能) as a row of one cell."""
    lines = text.splitlines()
    out: list[str] = []
    at = 0
    while at < len(lines):
        for layout in (_csv_rows, _cell_lines, _fixed_width):
            if found := layout(lines, at, column_of):
                rows, at = found
                out.extend(["", *rows, ""])
                break
        else:
            out.append(lines[at])
            at += 1
    return "\n".join(out)


def _is_header(cells: list[str], column_of: ColumnOf) -> bool:
    """A header's cells are short names (a row's cells may say 任务 or 牵头 in passing)."""
    named = {column_of(cell.strip()) for cell in cells if len(cell.strip()) <= 12} - {None}
    return len(cells) >= 3 and len(named) >= 2 and bool(named & {"task", "lead", "responsible"})


def _row(cells: list[str]) -> str:
    """Cells as one tab-separated row; a row of one cell keeps its tabs, so it is still one."""
    return "\t".join(c.strip() for c in cells) + ("\t\t" if len(cells) == 1 else "")


# ---------------------------------------------------------------- 督办系统 exports


def _csv_rows(lines: list[str], at: int, column_of: ColumnOf) -> tuple[list[str], int] | None:
    """序号,任务事项,主办单位,… then rows of as many fields (a quoted field may hold commas)."""
    if lines[at].count(",") < 2 or "\t" in lines[at]:
        return None
    header = next(csv.reader([lines[at]]))
    if not _is_header(header, column_of):
        return None
    rows, end = [_row(header)], at + 1
    while end < len(lines) and lines[end].count(","):
        fields = next(csv.reader([lines[end]]))
        if len(fields) != len(header):
            break
        rows.append(_row(fields))
        end += 1
    return rows, end


# ---------------------------------------------------------------- Word, one cell per line


def _cell_lines(lines: list[str], at: int, column_of: ColumnOf) -> tuple[list[str], int] | None:
    """序号 / 任务内容 / 牵头单位 / 配合单位 / 完成时限, one a line, then each row: its number on
    a line, then a line for each other cell; a category line between rows is a heading."""
    header: list[str] = []
    end = at
    while end < len(lines) and _a_column_name(lines[end], column_of):
        header.append(lines[end].strip())
        end += 1
    if not header or column_of(header[0]) != "number" or not _is_header(header, column_of):
        return None
    rows = [_row(header)]
    while end < len(lines):
        line = lines[end].strip()
        if not line or FOOTER.match(line):
            end += 1
        elif _HEADING.match(line):
            rows.append(_row([line]))
            end += 1
        elif _ROW_NUMBER.fullmatch(line) and end + len(header) <= len(lines):
            cells = [line, *(c.strip() for c in lines[end + 1 : end + len(header)])]
            if not all(cells):
                break  # a blank line where a cell should be: not this table's row
            rows.append(_row(cells))
            end += len(header)
        else:
            break
    return (rows, end) if len(rows) > 1 else None


def _a_column_name(line: str, column_of: ColumnOf) -> bool:
    name = line.strip()
    return 0 < len(name) <= 8 and column_of(name) is not None


# ---------------------------------------------------------------- laid out with spaces


def _fixed_width(lines: list[str], at: int, column_of: ColumnOf) -> tuple[list[str], int] | None:
    """序号  工作任务    责任单位    完成时限, with the columns where the header's cells start; a
    row starts with its number, and a line whose first column is blank continues each of its
    cells. Rulers, page footers and the header repeated on a new page are skipped."""
    if "\t" in lines[at] or "|" in lines[at]:
        return None  # tabs or pipes: a table extract reads as it is
    header = _segments(lines[at])
    names = [name for _, name in header]
    if len(header) < 3 or not _is_header(names, column_of):
        return None
    starts = [column for column, _ in header]
    rows: list[list[str]] = []
    end = at + 1
    while end < len(lines):
        line = lines[end]
        segments = _segments(line)
        if not line.strip() or _RULER.match(line) or FOOTER.match(line):
            pass
        elif [name for _, name in segments] == names:
            pass  # the header again, on a new page
        elif _HEADING.match(line.strip()) and len(segments) == 1:
            rows.append([line.strip()])
        elif segments[0][0] < starts[1] and _ROW_NUMBER.fullmatch(segments[0][1]):
            rows.append(_in_columns(segments, starts))
        elif rows and len(rows[-1]) > 1 and segments[0][0] >= starts[1] - 1:
            for column, words in enumerate(_in_columns(segments, starts)):
                rows[-1][column] += words
        else:
            break
        end += 1
    return ([_row(names), *map(_row, rows)], end) if rows else None


def _segments(line: str) -> list[tuple[int, str]]:
    """The runs of words of a line split by two spaces or more, each with the display column
    it starts at (a Chinese character is two columns wide)."""
    return [(_width(line[: m.start()]), m[0]) for m in re.finditer(r"\S+(?: \S+)*", line)]


def _in_columns(segments: list[tuple[int, str]], starts: list[int]) -> list[str]:
    """Each segment in the column it starts in (or just before: a wrapped cell may lean left)."""
    cells = [""] * len(starts)
    for column, words in segments:
        index = max(i for i, start in enumerate(starts) if start <= column + 2 or i == 0)
        cells[index] += words
    return cells


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
