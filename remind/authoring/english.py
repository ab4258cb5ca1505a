"""The English and numeral forms a clerk types: next tuesday, in 3 days, end of next month,
7/15, every friday, June 30. remind.authoring.phrases asks here when a phrase has no Chinese.

Pure: today, the plan's year and the working-day calendar are arguments. A form that may mean
two days is refused: `next tuesday` typed on a Monday may be tomorrow or a week later.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from remind.authoring.grammar import Recurrence, Start, Unreadable, When
from remind.core.dates import add_months, last_of_month
from remind.core.model import Deadline, Freq, Limit, OnDay, OnLastDay, Window
from remind.core.workdays import WorkCalendar, later
from remind.i18n import _

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")  # fmt: skip
_WEEKDAY = rf"(?P<wd>{'|'.join(WEEKDAYS)}|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)"
_MONTH = rf"(?P<mn>{'|'.join(MONTHS)}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
_UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
          "months": "month", "year": "year", "years": "year", "working day": "workday",
          "working days": "workday", "workday": "workday", "workdays": "workday",
          "business day": "workday", "business days": "workday"}  # fmt: skip
_UNIT = r"(?P<unit>(?:working|business) days?|workdays?|days?|weeks?|months?|years?)"
_FREQS = {"week": Freq.WEEK, "weekly": Freq.WEEK, "month": Freq.MONTH, "monthly": Freq.MONTH,
          "quarter": Freq.QUARTER, "quarterly": Freq.QUARTER, "half year": Freq.HALF,
          "half-yearly": Freq.HALF, "year": Freq.YEAR, "yearly": Freq.YEAR,
          "annually": Freq.YEAR}  # fmt: skip


def has_english(text: str) -> bool:
    """Latin letters and no Chinese: a phrase for this reader."""
    return bool(re.search(r"[A-Za-z]", text)) and not re.search(r"[\u4e00-\u9fff]", text)


def read_english(text: str, *, year: int, today: date, calendar: WorkCalendar) -> When:
    """What an English phrase reads as: one of _FORMS, else a day dateparser gives the same
    whether the past or the future is meant; Unreadable otherwise."""
    words = re.sub(r"\s+", " ", text.strip().lower()).removeprefix("by ").removeprefix("on ")
    words = words.removeprefix("due ").strip(" .,")
    for pattern, reading in _FORMS:
        if found := re.fullmatch(pattern, words):
            return reading(found, year, today, calendar)
    return _day(_dateparser_day(words, text.strip(), today))


def _dateparser_day(words: str, text: str, today: date) -> date:
    """Other free forms (2 weeks from tomorrow) through dateparser, checked: an answer that
    changes with whether the past or the future is meant, or that names a whole week, month or
    year (next month), is refused."""
    from datetime import datetime, time

    import dateparser

    readings: set[date | None] = set()
    for prefer in ("past", "future"):
        settings = {"RELATIVE_BASE": datetime.combine(today, time(12)), "PREFER_DATES_FROM": prefer,
                    "RETURN_AS_TIMEZONE_AWARE": False}  # fmt: skip
        found = dateparser.parse(words, languages=["en"], settings=settings)
        readings.add(found.date() if found else None)
    a_period = re.search(r"\b(?:week|month|quarter|year)s?\b", words) and not re.search(
        r"\d", words
    )
    match sorted(readings, key=str):
        case [date() as day] if not a_period:  # next month: a whole month, not one day
            return day
    raise Unreadable(
        _("cannot read {text!r} as a date; write it like 2025-06-30").format(text=text)
    )


def _weekday(found: re.Match[str]) -> int:
    """0 for Monday."""
    return [d[:3] for d in WEEKDAYS].index(found["wd"][:3])


def _day(day: date) -> When:
    return Deadline(day)


def _named_day(found: re.Match[str], year: int, today: date, calendar: WorkCalendar) -> When:
    return _day(today + timedelta(days={"today": 0, "tomorrow": 1, "yesterday": -1,
                                         "the day after tomorrow": 2}[found[0]]))  # fmt: skip


def _this_or_next(found: re.Match[str], year: int, today: date, calendar: WorkCalendar) -> When:
    """friday, this friday: the coming one (today's when it is one); next friday: next week's,
    refused while this week's is still to come, as it may mean either."""
    ahead = (_weekday(found) - today.weekday()) % 7
    if found["rel"] == "last":
        return _day(today - timedelta(days=today.weekday() - _weekday(found) + 7))
    if found["rel"] == "next":
        if today.weekday() < _weekday(found):
            raise Unreadable(
                _("{words!r} may mean this week's or next week's: write the date").format(
                    words=found[0]
                )
            )
        ahead = ahead or 7
    return _day(today + timedelta(days=ahead))


def _count(found: re.Match[str]) -> int:
    n = found["n"]
    return {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}.get(n) or int(n)


def _later(found: re.Match[str], year: int, today: date, calendar: WorkCalendar) -> When:
    """in 3 days, 2 weeks later, 5 working days from now."""
    return _day(later(today, _count(found), _UNITS[found["unit"]], calendar))


def _within(found: re.Match[str], year: int, today: date, calendar: WorkCalendar) -> When:
    """within 10 working days: a time limit, as 10个工作日内."""
    return Limit(_count(found), _UNITS[found["unit"]])


def _period_of_today(found: re.Match[str], today: date) -> Window:
    """(this|next|last) week, month, quarter or year, as its first and last days."""
    shift = {"next": 1, "last": -1}.get(found["rel"] or "", 0)
    if found["period"] == "week":
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=shift)
        return Window(monday, monday + timedelta(days=6))
    months = {"month": 1, "quarter": 3, "year": 12}[found["period"]]
    first = date(today.year, (today.month - 1) // months * months + 1, 1)
    first = add_months(first, months * shift)
    last = add_months(first, months - 1)
    return Window(first, last_of_month(last.year, last.month))


def _end_of(found: re.Match[str], year: int, today: date, calendar: WorkCalendar) -> When:
    """end of (this|next|last) month, quarter or year."""
    return _day(_period_of_today(found, today).end)


def _window_of_today(found: re.Match[str], year: int, today: date, calendar: WorkCalendar) -> When:
    """next week, this quarter: a window."""
    return _period_of_today(found, today)


def _quarter_or_half(found: re.Match[str], year: int, today: date, calendar: WorkCalendar) -> When:
    """Q3, 2026 Q1, H2, end of Q3."""
    given = int(found["y"]) if found["y"] else year
    first, months = (
        ((int(found["q"]) - 1) * 3 + 1, 3) if found["q"] else ((int(found["h"]) - 1) * 6 + 1, 6)
    )
    end = last_of_month(given, first + months - 1)
    if found[0].startswith("end"):
        return _day(end)
    return Window(date(given, first, 1), end)


def _next_workday(found: re.Match[str], year: int, today: date, calendar: WorkCalendar) -> When:
    return _day(calendar.add_workdays(today, 1))


def _month_day(found: re.Match[str], year: int, today: date, calendar: WorkCalendar) -> When:
    """june 30, 30 june 2026: the plan's year unless one is written."""
    return _day(_on(found["mn"], found["d"], found["y"] or year, found[0]))


def _on(month_name: str, day_text: str, year: int | str, words: str) -> date:
    month = [m[:3] for m in MONTHS].index(month_name[:3]) + 1
    day, given = int(day_text), int(year)
    if not 1 <= day <= last_of_month(given, month).day:
        raise Unreadable(_("{words!r} is not a real date").format(words=words))
    return date(given, month, day)


def _end_of_month(found: re.Match[str], year: int, today: date, calendar: WorkCalendar) -> When:
    """(by the) end of september: its last day, in the plan's year unless one is written."""
    month = [m[:3] for m in MONTHS].index(found["mn"][:3]) + 1
    return _day(last_of_month(int(found["y"] or year), month))


def _days_of_month(found: re.Match[str], year: int, today: date, calendar: WorkCalendar) -> When:
    """oct 13-24, june 27 to july 3: a window; the end's month is the start's unless named."""
    given = found["y"] or year
    first = _on(found["mn"], found["d"], given, found[0])
    last = _on(found["mn2"] or found["mn"], found["d2"], given, found[0])
    if last < first:
        raise Unreadable(_("{words!r}: its end comes before its start").format(words=found[0]))
    return Window(first, last)


def _starting(found: re.Match[str], year: int, today: date, calendar: WorkCalendar) -> When:
    """from july 1, starting sept 1: work that starts that day, with no end."""
    day = read_english(found["day"], year=year, today=today, calendar=calendar)
    if not isinstance(day, Deadline):
        raise Unreadable(_("{words!r}: from which day?").format(words=found[0]))
    return Start(day.due)


def _every(found: re.Match[str], year: int, today: date, calendar: WorkCalendar) -> When:
    """every month, weekly, quarterly, the end of each quarter: due on each period's last day."""
    return Recurrence(_FREQS[found["freq"]], OnLastDay())


def _every_weekday(found: re.Match[str], year: int, today: date, calendar: WorkCalendar) -> When:
    return Recurrence(Freq.WEEK, OnDay(_weekday(found) + 1))


def _every_month_day(found: re.Match[str], year: int, today: date, calendar: WorkCalendar) -> When:
    """the 5th of every month, monthly on the 10th."""
    n = int(found["d"])
    if not 1 <= n <= 31:
        raise Unreadable(_("{words!r}: there is no day {day}").format(words=found[0], day=n))
    return Recurrence(Freq.MONTH, OnDay(n))


_N = r"(?P<n>\d+|an?|one|two|three)"
_ORDINAL = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,? (?P<y>\d{4}))?"
_MONTH2 = _MONTH.replace("?P<mn>", "?P<mn2>")
_ORDINAL2 = _ORDINAL.replace("?P<d>", "?P<d2>")
_FORMS = (  # (pattern, reading), each pattern the whole phrase
    (r"today|tomorrow|yesterday|the day after tomorrow", _named_day),
    (rf"(?:(?P<rel>this|next|last) )?{_WEEKDAY}", _this_or_next),
    (rf"in {_N} {_UNIT}", _later),
    (rf"{_N} {_UNIT} (?:later|from now|from today)", _later),
    (rf"after {_N} {_UNIT}", _later),
    (rf"within {_N} {_UNIT}", _within),
    (r"(?:the )?end of (?:(?P<rel>this|next|last|the) )?(?P<period>month|quarter|year)", _end_of),
    (r"(?P<rel>this|next|last) (?P<period>week|month|quarter|year)", _window_of_today),
    (r"(?:end of )?(?:(?P<y>\d{4}) ?)?(?:q(?P<q>[1-4])|h(?P<h>[12]))", _quarter_or_half),
    (r"(?:the )?next (?:working|business) day", _next_workday),
    (r"(?:the )?end of (?:every|each) (?P<freq>month|quarter|year)", _every),
    (rf"(?:the )?end of {_MONTH}{_YEAR}", _end_of_month),
    (
        rf"(?:from )?{_MONTH} {_ORDINAL} ?(?:-|–|to|through|until) ?(?:{_MONTH2} )?{_ORDINAL2}{_YEAR}",
        _days_of_month,
    ),
    (r"(?:from|starting(?: from| on)?|beginning(?: on)?|effective) (?P<day>.+)", _starting),
    (rf"{_MONTH} {_ORDINAL}{_YEAR}", _month_day),
    (rf"(?:the )?{_ORDINAL} (?:of )?{_MONTH}{_YEAR}", _month_day),
    (r"(?:every|each) (?P<freq>week|month|quarter|half year|year)", _every),
    (r"(?P<freq>weekly|monthly|quarterly|half-yearly|yearly|annually)", _every),
    (rf"(?:every|each) {_WEEKDAY}", _every_weekday),
    (rf"(?:every week|weekly) on {_WEEKDAY}", _every_weekday),
    (rf"(?:the )?{_ORDINAL} of (?:every|each) month", _every_month_day),
    (rf"(?:every month|monthly),? (?:on|by) the {_ORDINAL}", _every_month_day),
)
