"""The one error family of remind. Every layer raises these; only the front ends (cli/, and
later the web service) turn them into exit codes or answers."""

from __future__ import annotations

from collections.abc import Iterable

from remind.frozen import frozen
from remind.i18n import _


class RemindError(Exception):
    """Bad input a user can fix: printed as one line, exit code 2."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(f"{where}: {message}" if where else message)


@frozen
class Problem:
    """One thing wrong in a file, located so the user can go straight to it."""

    path: str
    line: int | None
    subject: str  # "task yian-2025-brief", "unit 法制处", "settings"
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        parts = [where, self.subject, self.field, self.message]
        return ": ".join(part for part in parts if part)


class InvalidFile(RemindError):
    """Every problem found in one file, reported together so one edit fixes them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Say "; did you mean A, B?" with the closest candidates, or nothing when none is close."""
    import difflib  # only a mistake pays for it

    names = difflib.get_close_matches(word, sorted(set(candidates)), n=3, cutoff=0.5)
    joiner = _(", ")  # between the names: 、 in Chinese
    return _("; did you mean {names}?").format(names=joiner.join(names)) if names else ""
