"""The names of days and stretches of days as the plans write them: 6月20日, 周五, 11月1日—12月31日.

Pure text: the schedule engine names its occurrences with these, and the views write dates
with them; nothing here works out a date.
"""

from __future__ import annotations

from datetime import date

WEEKDAYS = "一二三四五六日"


def weekday_name(day: date) -> str:
    """周一 … 周日."""
    return "周" + WEEKDAYS[day.weekday()]


def chinese_date(day: date, *, year: bool = True) -> str:
    """2025年6月20日, or 6月20日 without the year."""
    text = f"{day.month}月{day.day}日"
    return f"{day.year}年{text}" if year else text


def window_label(first: date, last: date) -> str:
    """11月1日—12月31日; the year is in the due date beside it, and in the end when it differs."""
    return f"{chinese_date(first, year=False)}—{chinese_date(last, year=first.year != last.year)}"
