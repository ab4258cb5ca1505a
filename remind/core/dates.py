"""Calendar arithmetic and lengths of time. Pure: `today` is always an argument.

The date forms users type (6月20日, 下周一) are read by remind.authoring.phrases; the names of
days (6月20日, 周五) are written by remind.core.labels.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from remind.errors import RemindError
from remind.frozen import frozen
from remind.i18n import _

# The days remind works with: any plan, record or --today outside them is a mistake, refused
# before a date is worked out from it (and before Python's own calendar runs out, in year 9999).
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)
# The longest length of time a clerk types (--within, --since, --horizon): a thousand years.
LONGEST = {"d": 365_000, "w": 52_000, "m": 12_000, "y": 1_000}


def within_range(day: date, what: str = "") -> date:
    """The day, refused when it lies outside the years remind works with; `what` names it
    (an option), else it is "date"."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise RemindError(
            _("{what}: expected a date from {first} to {last}, got {value}").format(
                what=what or _("date"), first=FIRST_DAY.year, last=LAST_DAY.year, value=day
            )
        )
    return day


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def month_after(year: int, month: int, months: int = 1) -> tuple[int, int]:
    """The (year, month) `months` months after this one (before it, when negative)."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def day_of_month(year: int, month: int, n: int) -> date:
    """Day n of a month; a day the month lacks (31 in April, 30 in February) is its last day."""
    return date(year, month, min(n, days_in_month(year, month)))


def last_of_month(year: int, month: int) -> date:
    """The month's last day: 月底."""
    return date(year, month, days_in_month(year, month))


def add_months(day: date, months: int) -> date:
    """The same day `months` months later; the 31st of a shorter month is its last day."""
    year, month = month_after(day.year, day.month, months)
    return day_of_month(year, month, day.day)


def iso_day(text: str) -> date | None:
    """2025-06-20 without the grammar of phrases (most --today values are this); else None."""
    if re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", text):
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            return None  # 2025-13-01: the grammar says what is wrong with it
    return None


@frozen
class Length:
    """A length of time typed as 14, 14d, 2w, 1m or 1y; months and years follow the calendar."""

    amount: int
    unit: str  # d, w, m, y

    def after(self, day: date) -> date:
        return self._move(day, self.amount)

    def before(self, day: date) -> date:
        return self._move(day, -self.amount)

    def _move(self, day: date, amount: int) -> date:
        if self.unit == "d":
            return day + timedelta(days=amount)
        if self.unit == "w":
            return day + timedelta(weeks=amount)
        return add_months(day, amount * (12 if self.unit == "y" else 1))


def parse_length(text: str) -> Length:
    """14, 14d, 2w, 1m, 1y (a bare number is days); refuses anything else."""
    match = re.fullmatch(r"(\d{1,7})\s*([dwmy]?)", text.strip().lower())
    if not match:
        raise RemindError(
            _("expected a length like 14, 14d, 2w, 1m or 1y, got {text!r}").format(text=text)
        )
    amount, unit = int(match[1]), match[2] or "d"
    if amount > LONGEST[unit]:
        raise RemindError(
            _("expected a length of at most a thousand years, got {text!r}").format(text=text)
        )
    return Length(amount, unit)
