"""Text that must stay on one line: a mail header, a subject, a cell."""

from __future__ import annotations


def one_line(text: str) -> str:
    """The text with every character that is not printable (a line break, a tab, a control
    character) made a space, and runs of spaces made one: a line break in a mail header would
    start a header of its own."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


# Characters no text of remind's may hold: they would rewrite a terminal (ESC), end a line of a
# calendar or a mail header (CR, LF), end a C string (NUL), or turn text around (bidi controls).
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def control_character(text: str, *, lines: bool = False) -> str:
    """The first character of `text` that is a control character, as U+XXXX; "" when there
    is none. With `lines`, line breaks and tabs are allowed: text that may span lines."""
    for char in text:
        if lines and char in "\n\t":
            continue
        if char in _BIDI or (char < " " or "\x7f" <= char <= "\x9f"):
            return f"U+{ord(char):04X}"
    return ""


def checked(text: str, what: str, *, lines: bool = False) -> str:
    """The text, refused with a RemindError when it holds a control character."""
    from remind.errors import RemindError
    from remind.i18n import _

    if found := control_character(text, lines=lines):
        raise RemindError(
            _("{what}: a control character ({character}) is not allowed in text").format(
                what=what, character=found
            )
        )
    return text
