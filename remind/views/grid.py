"""A table drawn line by line, for the tables that run to a thousand rows: rich lays out each
cell of its Table as a renderable of its own, a millisecond a row; this lays out the text
itself, in a few microseconds. It draws what rich's tables look like (a heavy head, a rule
between rows) and breaks Chinese text by the rules of 标点禁则. Text only: views/terminal.py
prints it in colour.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from math import ceil

Piece = tuple[str, str]  # text and its style ("bold red"; "" is none)
Cell = Sequence[Piece]  # lines of a cell, each a piece of text with its style
Drawn = list[list[Piece]]  # lines of the table, each its pieces

# a line may not begin with these (标点禁则), nor end with the opening marks
NO_LINE_START = "，。、；：？！）》」』〕】”’,.;:?!)]}"
NO_LINE_END = "（《「『〔【“‘([{"


@dataclass(frozen=True, slots=True)
class Column:
    """A column: `ratio` 0 is as wide as its widest line (at `most` columns, if given, and
    broken past it); a column with a ratio shares the width left by ratio, `least` columns
    at the least."""

    header: str
    ratio: int = 0
    least: int = 1
    most: int = 0


@dataclass(frozen=True, slots=True)
class Row:
    cells: Sequence[Cell]
    style: str = ""  # added to every piece of the row: "dim" for a duty done


@cache
def _char_width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


@cache  # a long table says the same dates, units and titles again and again
def width_of(text: str) -> int:
    """Terminal columns of `text`: two for a Chinese character or full-width mark."""
    return len(text) if text.isascii() else sum(map(_char_width, text))


@cache  # a long table breaks the same titles at the same width, period after period
def wrapped(text: str, width: int) -> tuple[str, ...]:
    return tuple(wrap(text, width))


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns: broken at spaces, a word that does not fit
    on a line of its own folded from where the line has got to, and no line beginning with a
    closing mark or ending with an opening one (the character before goes down with it)."""
    if width_of(text) <= width:
        return [text]
    lines: list[str] = []
    for word in text.split(" "):
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and width_of(joined) <= width:
            lines[-1] = joined
        elif width_of(word) <= width:
            lines.append(word)
        else:
            lines[-1:] = [line.strip() for line in _fold(joined, width)]
    return lines


# what a line may break between: a run of Latin letters, digits and marks stays whole
# (--today, state.sqlite3, 2025-06-20), each Chinese character is one
_TOKENS = re.compile(r"[!-~]+|.")


def _fold(word: str, width: int) -> list[str]:
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for token in _tokens(word, width):
        wide = width_of(token)
        if line and used + wide > width:
            keep = _break_at(line, token)
            lines.append("".join(line[:keep]))
            line = line[keep:]
            used = sum(map(width_of, line))
        line.append(token)
        used += wide
    return [*lines, "".join(line)]


def _tokens(word: str, width: int) -> list[str]:
    """The pieces of `word` a line may break between; a Latin run longer than a line is cut."""
    return [
        token[at : at + width]
        for token in _TOKENS.findall(word)
        for at in range(0, len(token), width if token.isascii() else len(token))
    ]


def _break_at(line: list[str], token: str) -> int:
    """How many of a full line's pieces stay when `token` does not fit: all, unless `token`
    may not begin a line (then the piece before goes down with it, and any closing marks
    between) or the line would end with an opening mark (it goes down with what it opens)."""
    keep = len(line)
    if token[0] in NO_LINE_START:
        keep -= 1
        while keep > 1 and line[keep][0] in NO_LINE_START:
            keep -= 1
    while keep > 1 and line[keep - 1][-1] in NO_LINE_END:
        keep -= 1
    return max(keep, 1)


def widths(columns: Sequence[Column], rows: Sequence[Row], total: int) -> list[int]:
    """The text width of each column in a table `total` columns wide: those without a ratio
    as wide as their widest line, the others sharing what is left by ratio, each at least
    its least (so the table may be wider than `total` when it cannot fit)."""
    found = [width_of(column.header) for column in columns]
    for row in rows:
        for index, cell in enumerate(row.cells):
            if columns[index].ratio == 0:
                found[index] = max(found[index], *(width_of(text) for text, _ in cell))
    found = [min(w, c.most) if c.most else w for w, c in zip(found, columns, strict=True)]
    # shared as rich shares its ratio columns: padding included, each in turn rounded up
    fixed = sum(w + 2 for w, column in zip(found, columns, strict=True) if column.ratio == 0)
    left = total - (len(columns) + 1) - fixed
    ratios = sum(column.ratio for column in columns)
    for index, column in enumerate(columns):
        if column.ratio:
            padded = max(column.least + 2, ceil(column.ratio * left / ratios))
            found[index] = padded - 2
            left -= padded
            ratios -= column.ratio
    return found


def draw(title: str, columns: Sequence[Column], rows: Sequence[Row], total: int) -> Drawn:
    """The table `total` columns wide, as lines of styled pieces."""
    shown = widths(columns, rows, total)
    drawn: Drawn = [[(title, "italic")]] if title else []
    drawn.append([("┏" + "┳".join("━" * (w + 2) for w in shown) + "┓", "")])
    drawn += _lines([[(c.header, "bold")] for c in columns], shown, "┃", "")
    drawn.append([("┡" + "╇".join("━" * (w + 2) for w in shown) + "┩", "")])
    rule = [("├" + "┼".join("─" * (w + 2) for w in shown) + "┤", "")]
    for number, row in enumerate(rows):
        if number:
            drawn.append(rule)
        drawn += _lines(row.cells, shown, "│", row.style)
    drawn.append([("└" + "┴".join("─" * (w + 2) for w in shown) + "┘", "")])
    return drawn


def _lines(cells: Sequence[Cell], shown: Sequence[int], bar: str, style: str) -> Drawn:
    """One row: its cells side by side, each broken to its column's width."""
    columns = [_padded(tuple(cell), width, style) for cell, width in zip(cells, shown, strict=True)]
    blanks = [("", "", " " * (width + 2)) for width in shown]
    drawn: Drawn = []
    for at in range(max(map(len, columns))):
        line: list[Piece] = []
        plain = bar  # the text since the last styled piece: one piece, not ten
        for lines, blank in zip(columns, blanks, strict=True):
            text, piece_style, padded = lines[at] if at < len(lines) else blank
            if piece_style:
                line += [(plain + " ", ""), (text, piece_style)]
                plain = padded[len(text) + 1 :] + bar
            else:
                plain += padded + bar
        line.append((plain, ""))
        drawn.append(line)
    return drawn


@cache  # the same status, units and source in row after row
def _padded(cell: tuple[Piece, ...], width: int, style: str) -> tuple[tuple[str, str, str], ...]:
    """A cell's lines at `width`: each its text, its style, and the text padded to the column."""
    return tuple(
        (line, f"{piece_style} {style}".strip(), f" {line}{' ' * (width - width_of(line) + 1)}")
        for text, piece_style in cell
        for line in wrapped(text, width)
    )
