"""Text that must stay on one line: a mail header, a subject, a cell."""

from __future__ import annotations


def one_line(text: str) -> str:
    """The text with every character that is not printable (a line break, a tab, a control
    character) made a space, and runs of spaces made one: a line break in a mail header would
    start a header of its own."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())
