"""The grammar of the plans' time phrases: each word of time (6月底, 每季度, 次月5日, 前, 及时)
and what it means in context, and what a phrase reads as. remind.authoring.phrases puts the
words of a phrase together.

Pure: the plan's year, today and the working-day calendar are arguments. Conventions where the
words are loose (documented in the README): 月初 is 上旬 (1st–10th), 年初 is January, 年中 is
30 June, and "前" after a month or quarter (6月前) is refused: it may mean before the month
begins or by its end.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import field
from datetime import date, timedelta

from remind.core.dates import add_months, day_of_month, last_of_month
from remind.core.model import (
    Day,
    Deadline,
    Freq,
    NextMonthDay,
    OnDay,
    Ongoing,
    OnLastDay,
    Window,
)
from remind.core.workdays import WorkCalendar
from remind.errors import RemindError
from remind.frozen import frozen
from remind.i18n import _


@frozen
class Recurrence:
    """每月, 每季度末, 4月—10月每月, 次月5日前: a rhythm, with the bounds the phrase gives."""

    every: Freq
    day: Day = field(default_factory=OnLastDay)
    month: int | None = None  # month of a quarter, half or year
    count_min: int = 1
    start: date | None = None
    until: date | None = None


@frozen
class Relative:
    """10个工作日内, 15日内: a time from whenever the work arrives."""

    days: int
    workdays: bool = False


When = Deadline | Window | Recurrence | Relative | Ongoing  # what a phrase reads as


@frozen
class Phrase:
    """A phrase as read: when (its schedule), the words of time in it, and the duty's words."""

    when: When
    words: tuple[str, ...]  # the time words read, in order: ("6月底", "前")
    rest: str  # the text without them: the duty itself (报送半年总结)


class Unreadable(RemindError):
    """A phrase the grammar cannot read; the message names the part."""


class NoTime(Unreadable):
    """A phrase with no word of time at all: nothing refused, only nothing to read."""


# ---------------------------------------------------------------- normalising

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_NUMBER = r"[〇零一二两三四五六七八九十]+"
# Chinese numerals are read only before a unit of time or count: 十月, 二〇二五年, 三季度, 两次.
_NUMERAL_BEFORE = r"(?=年|月|日|号|季|个?工作日|个月|天|周|次|场|期|旬)"
_DASHES = "—–－~～﹣‑‒―"


def cn_number(text: str) -> int:
    """十 → 10, 二十一 → 21, 二〇二五 → 2025 (digit by digit when there is no 十)."""
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    tens, _ten, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def normalize(text: str) -> str:
    """Full-width digits and letters to ASCII, one dash, no spaces, Chinese numerals of time to
    digits. Line breaks and spaces inside a phrase are typesetting (60 场以上, 6月\n底前)."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", "", text)
    text = re.sub(f"[{_DASHES}]+", "—", text).replace("-", "—")
    text = re.sub(r"星期[天日]|礼拜[天日]", "周日", text)
    text = re.sub(r"(?:星期|礼拜)(?=[一二三四五六])", "周", text)

    def number(match: re.Match[str]) -> str:
        try:
            return str(cn_number(match[0]))
        except (KeyError, ValueError):
            return match[0]

    # 周一…周日, 上一年度 and 一季度一通报's second 一 stay words; 第三季度, 十月, 两次 are numbers
    return re.sub(f"(?<![周上下]){_CN_NUMBER}{_NUMERAL_BEFORE}", number, text)


# ---------------------------------------------------------------- the words of time


@frozen
class Span:
    """A stretch the words name: 6月, 一季度, 上半年, 4月上旬; `single` when it is one day."""

    start: date
    end: date
    single: bool = False  # 6月30日, 6月底: a day, not a stretch
    from_today: bool = False  # 本月底, 下周五: said from today; in a rhythm, the data's period


@frozen
class Context:
    year: int
    today: date
    calendar: WorkCalendar


# Each word kind: a regex, and what it means in context. Tried in order at each position;
# compiled on first use, so that importing costs nothing (every --today imports this module).
Meaning = Callable[[re.Match[str], Context], object]
_WORDS: list[tuple[str, str, Meaning]] = []


def word(kind: str, pattern: str) -> Callable[[Meaning], Meaning]:
    def register(meaning: Meaning) -> Meaning:
        _WORDS.append((kind, pattern, meaning))
        return meaning

    return register


@functools.cache
def compiled() -> list[tuple[re.Pattern[str], Meaning]]:
    return [(re.compile(pattern), meaning) for _kind, pattern, meaning in _WORDS]


@frozen
class Every:
    freq: Freq


@frozen
class InPeriod:
    """A day within each period: 5日, 底, 首月, 末月20日, 次月5日, 周五; `every` when the words
    also name the period (季度结束后15日内)."""

    day: Day | None = None
    month: int | None = None
    every: Freq | None = None


@frozen
class Count:
    n: int


@frozen
class Marker:
    """前 (by), 内 (within), — (to), 截至 (up to), or a vague word."""

    what: str


_YEAR_WORDS = {"今": 0, "本": 0, "明": 1, "次": 1, "去": -1}
_YEAR = r"(?:(?P<y>\d{4})年|(?P<rel>[今本明次去])年)?"


def _year(match: re.Match[str], context: Context) -> int:
    """The year the words give: 2025年, 次年 (the plan's next), 今年 (today's), else the plan's."""
    groups = match.groupdict()
    if groups.get("y"):
        return int(groups["y"])
    if rel := groups.get("rel"):
        base = context.today.year if rel in "今本" else context.year
        return base + _YEAR_WORDS[rel]
    return context.year


def _month_day(year: int, month: int, day: int, words: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise Unreadable(
            _("{words!r} is not a real date ({error})").format(
                words=words.replace("—", "-"), error=error
            )
        ) from None


def month_number(month: int, words: str) -> int:
    if not 1 <= month <= 12:
        raise Unreadable(_("{words!r}: there is no month {month}").format(words=words, month=month))
    return month


# --- recurrences


def _rhythm(freq: Freq) -> Meaning:
    return lambda match, context: Every(freq)


for _pattern, _freq in (
    (r"(?:每个?|按|逐)(?:周|星期)(?![一二三四五六日])|每周(?=[一二三四五六日])", Freq.WEEK),
    (r"每旬|按旬", Freq.TEN_DAYS),
    (r"(?:每个?|按|逐)月(?:度)?|(?<![\d上下本次])月度", Freq.MONTH),
    (r"(?:每个?|按|逐)季度?", Freq.QUARTER),
    (r"每半年|半年一(?=次|[\u4e00-\u9fff])", Freq.HALF),  # 半年一讲评
    (r"(?:每|按|逐)年(?:度)?|^年度$", Freq.YEAR),
):
    word("every", _pattern)(_rhythm(_freq))


@word("every", r"(?:^|(?<=[，,、；;(]))(?:1|一|全)?(周|旬|月|季度?|年)一(?=[\u4e00-\u9fff])")
def _one_per(match: re.Match[str], context: Context) -> object:
    """一月一调度, 一季度一通报, 全年一总结's cousins: once each period."""
    return Every({"周": Freq.WEEK, "旬": Freq.TEN_DAYS, "月": Freq.MONTH,
                  "年": Freq.YEAR}.get(match[1], Freq.QUARTER))  # fmt: skip


@word("count", r"(?:不少于|不低于|至少)(\d+)次|(\d+)次(?:及以上|以上)")
def _count(match: re.Match[str], context: Context) -> object:
    return Count(int(match[1] or match[2]))


@word("in-period", r"次月(\d{1,2})[日号]")
def _next_month_day(match: re.Match[str], context: Context) -> object:
    """次月5日前 alone is the monthly report of the month before."""
    n = int(match[1])
    if not 1 <= n <= 31:
        raise Unreadable(_("{words!r}: there is no day {day}").format(words=match[0], day=n))
    return InPeriod(NextMonthDay(n), every=Freq.MONTH)


@word("in-period", r"次年1月(\d{1,2})[日号]|次年1月(底|末)")
def _next_january(match: re.Match[str], context: Context) -> object:
    """次年1月31日前: of a yearly duty, day N of the month after the year."""
    return InPeriod(NextMonthDay(int(match[1]) if match[1] else 31), every=Freq.YEAR)


@word("in-period", r"(?:(?P<of>季度?|月|年度?)(?:结束)?|结束)后(?P<n>\d{1,2})(?:日|天)内")
def _days_after_period(match: re.Match[str], context: Context) -> object:
    """季度结束后15日内: day 15 of the month after the period."""
    every = {"季": Freq.QUARTER, "月": Freq.MONTH, "年": Freq.YEAR}.get((match["of"] or " ")[0])
    return InPeriod(NextMonthDay(int(match["n"])), every=every)


@word("in-period", r"(?:(?<=季)|(?<=季度))(首月|初|末月|末|底)(?:(\d{1,2})[日号])?")
def _in_quarter(match: re.Match[str], context: Context) -> object:
    month = 1 if match[1] in ("首月", "初") else 3
    if match[2]:
        return InPeriod(OnDay(int(match[2])), month)
    return InPeriod(OnLastDay(), month if match[1] in ("首月", "初", "末月") else None)


@word("in-period", r"(?<=每周)([一二三四五六日])")
def _weekday(match: re.Match[str], context: Context) -> object:
    return InPeriod(OnDay("一二三四五六日".index(match[1]) + 1))


@word("in-period", r"(?<=[每按逐]月)(?:的)?(\d{1,2})[日号]|(?<=[每按逐]月)(?:的)?(底|末)")
def _day_of_each_month(match: re.Match[str], context: Context) -> object:
    """每月5日前, 每月底."""
    if match[2]:
        return InPeriod(OnLastDay())
    n = int(match[1])
    if not 1 <= n <= 31:
        raise Unreadable(_("{words!r}: there is no day {day}").format(words=match[0], day=n))
    return InPeriod(OnDay(n))


@word("in-period", r"(?<=[每按]旬)(?:末|最后一天)")
def _end_of_ten_days(match: re.Match[str], context: Context) -> object:
    return InPeriod(OnLastDay())


# --- days, months, quarters, years


@word("day", r"(?:(?P<y>\d{4})[—/.])(?P<m>\d{1,2})[—/.](?P<d>\d{1,2})(?![\d.%])")
def _iso(match: re.Match[str], context: Context) -> object:
    day = _month_day(int(match["y"]), int(match["m"]), int(match["d"]), match[0])
    return Span(day, day, single=True)


@word("day", _YEAR + r"(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]")
def _day(match: re.Match[str], context: Context) -> object:
    month = month_number(int(match["m"]), match[0])
    day = _month_day(_year(match, context), month, int(match["d"]), match[0])
    return Span(day, day, single=True)


@word("day", r"(?<![\d.])(?P<m>\d{1,2})\.(?P<d>\d{1,2})(?![\d.%亿万千百元个项家场])")
def _dotted(match: re.Match[str], context: Context) -> object:
    """6.30, as clerks type it."""
    month = month_number(int(match["m"]), match[0])
    day = _month_day(context.year, month, int(match["d"]), match[0])
    return Span(day, day, single=True)


_TEN_DAYS = {"上旬": (1, 10), "初": (1, 10), "中旬": (11, 20), "中": (11, 20), "下旬": (21, 31)}


@word("day", _YEAR + r"(?P<m>\d{1,2})月(?:份)?(?P<part>底|末|上旬|中旬|下旬|初|中)?")
def _month_span(match: re.Match[str], context: Context) -> object:
    year, month = _year(match, context), month_number(int(match["m"]), match[0])
    part = match["part"]
    if part in ("底", "末"):
        return Span(last_of_month(year, month), last_of_month(year, month), single=True)
    if part:
        first, last = _TEN_DAYS[part]
        return Span(date(year, month, first), day_of_month(year, month, last))
    return Span(date(year, month, 1), last_of_month(year, month))


@word("day", _YEAR + r"第?(?P<q>[1-4])季度(?P<part>末|底|初)?")
def _quarter(match: re.Match[str], context: Context) -> object:
    year, q = _year(match, context), int(match["q"])
    start, end = date(year, q * 3 - 2, 1), last_of_month(year, q * 3)
    if match["part"] in ("末", "底"):
        return Span(end, end, single=True)
    if match["part"] == "初":
        return Span(start, last_of_month(year, q * 3 - 2))
    return Span(start, end)


@word(
    "day",
    r"(?:(?P<y>\d{4})年?|(?P<rel>[今本明次去])年?)?(?P<part>上半年|下半年|全年|年初|年中|年底|年末|年内)",
)
def _year_part(match: re.Match[str], context: Context) -> object:
    year = _year(match, context)
    match match["part"]:
        case "上半年":
            return Span(date(year, 1, 1), date(year, 6, 30))
        case "下半年":
            return Span(date(year, 7, 1), date(year, 12, 31))
        case "年初":
            return Span(date(year, 1, 1), date(year, 1, 31))
        case "年中":
            return Span(date(year, 6, 30), date(year, 6, 30), single=True)
        case "年底" | "年末":
            return Span(date(year, 12, 31), date(year, 12, 31), single=True)
        case "年内":
            return Span(date(year, 12, 31), date(year, 12, 31), single=True)
    return Span(date(year, 1, 1), date(year, 12, 31))  # 全年


@word("day", r"(?P<y>\d{4})年度?(?![\d月第上下全初中底末内])")
def _whole_year(match: re.Match[str], context: Context) -> object:
    year = int(match["y"])
    return Span(date(year, 1, 1), date(year, 12, 31))


@word("day", r"(?P<rel>本|这|下|上)(?:个)?(?:周|星期)(?P<d>[一二三四五六日])?")
def _week_of_today(match: re.Match[str], context: Context) -> object:
    monday = context.today - timedelta(days=context.today.weekday())
    monday += timedelta(weeks={"本": 0, "这": 0, "下": 1, "上": -1}[match["rel"]])
    if match["d"]:
        day = monday + timedelta(days="一二三四五六日".index(match["d"]))
        return Span(day, day, single=True, from_today=True)
    return Span(monday, monday + timedelta(days=6), from_today=True)


@word(
    "day", r"(?P<rel>本|这|下|上)个?月(?:(?P<part>底|末|初|上旬|中旬|下旬)|(?P<d>\d{1,2})[日号])?"
)
def _month_of_today(match: re.Match[str], context: Context) -> object:
    shift = {"本": 0, "这": 0, "下": 1, "上": -1}[match["rel"]]
    index = context.today.year * 12 + context.today.month - 1 + shift
    year, month = divmod(index, 12)
    month += 1
    if match["d"]:
        day = _month_day(year, month, int(match["d"]), match[0])
        return Span(day, day, single=True, from_today=True)
    part = match["part"]
    if part in ("底", "末"):
        return Span(
            last_of_month(year, month), last_of_month(year, month), single=True, from_today=True
        )
    if part:
        first, last = _TEN_DAYS[part]
        return Span(date(year, month, first), day_of_month(year, month, last), from_today=True)
    return Span(date(year, month, 1), last_of_month(year, month), from_today=True)


_DAYS_FROM_TODAY = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2, "昨天": -1, "昨日": -1,
                    "前天": -2}  # fmt: skip


@word("day", r"今天|今日|明天|明日|后天|昨天|昨日|(?<![\d月])前天")
def _near_day(match: re.Match[str], context: Context) -> object:
    day = context.today + timedelta(days=_DAYS_FROM_TODAY[match[0]])
    return Span(day, day, single=True, from_today=True)


@word("day", r"(?<![本这下上每])(?:周|星期)(?P<d>[一二三四五六日])")
def _coming_weekday(match: re.Match[str], context: Context) -> object:
    """周五: this week's Friday, or next week's once this week's has passed."""
    ahead = ("一二三四五六日".index(match["d"]) - context.today.weekday()) % 7
    day = context.today + timedelta(days=ahead)
    return Span(day, day, single=True, from_today=True)


@word("day", r"(?P<n>\d+)(?P<unit>个?工作日|天|日|周|个月)后")
def _after_today(match: re.Match[str], context: Context) -> object:
    n, unit = int(match["n"]), match["unit"]
    if "工作日" in unit:
        day = context.calendar.add_workdays(context.today, n)
    elif unit == "周":
        day = context.today + timedelta(weeks=n)
    elif unit == "个月":
        day = add_months(context.today, n)
    else:
        day = context.today + timedelta(days=n)
    return Span(day, day, single=True)


_FESTIVALS = {"春节": "春节", "清明": "清明", "五一": "劳动节", "劳动节": "劳动节", "端午": "端午",
              "中秋": "中秋", "国庆": "国庆节"}  # fmt: skip


@word("day", r"(?P<name>春节|清明|五一|劳动节|端午|中秋|国庆)节?(?:假期)?(?=前|以前|之前)")
def _festival(match: re.Match[str], context: Context) -> object:
    """国庆节前: the day before the days off around the festival, in the plan's year.

    元旦前 is not read: in a plan it may mean the 元旦 that opens the year or the one after it.
    """
    name = _FESTIVALS[match["name"]]
    holidays = context.calendar.holidays
    off = [d for d, n in holidays.items() if n == name and d.year == context.year]
    if not off:
        raise Unreadable(
            _("{words!r}: the working-day calendar has no {name} holiday in {year}").format(
                words=match[0], name=name, year=context.year
            )
        )
    day = min(off) - timedelta(days=1)
    while day in holidays:  # 2025's 中秋 falls inside 国庆's days off
        day -= timedelta(days=1)
    return Span(day, day, single=True)


@word("refused", r"元旦(?:节)?(?:假期)?(?:前|以前|之前)")
def _new_year(match: re.Match[str], context: Context) -> object:
    raise Unreadable(
        _(
            "{words!r} may mean before this year's 元旦 or the next one: write the day (12月31日前)"
        ).format(words=match[0])
    )


@word("refused", r"(?<=[日号底末旬月])(?:起|开始|以后|之后)")
def _from(match: re.Match[str], context: Context) -> object:
    raise Unreadable(
        _("{words!r}: a day work starts from is not a deadline; give the day it is due").format(
            words=match[0]
        )
    )


@word("refused", r"(?<=[日号底末旬月度年])(?:左右|前后|上下)")
def _about(match: re.Match[str], context: Context) -> object:
    raise Unreadable(
        _("{words!r}: about a day is not a day; give the date it is due").format(words=match[0])
    )


# --- relative times, markers


@word("relative", r"(?P<n>\d+)个?(?P<work>工作日|天|日)(?:内|之内|以内)")
def _within(match: re.Match[str], context: Context) -> object:
    return Relative(int(match["n"]), workdays=match["work"] == "工作日")


@word("marker", r"以前|之前|前|为止|止")
def _before(match: re.Match[str], context: Context) -> object:
    return Marker("before")


@word("marker", r"以内|之内|内")
def _inside(match: re.Match[str], context: Context) -> object:
    return Marker("within")


@word("marker", r"—|至|到(?=\d|次年|本|下)")
def _to(match: re.Match[str], context: Context) -> object:
    return Marker("to")


@word("marker", r"截至|截止(?:到|至)?|(?<![\u4e00-\u9fff])(?:从|自|于|在)")
def _up_to(match: re.Match[str], context: Context) -> object:
    return Marker("")


VAGUE = ("及时", "适时", "持续", "常态化", "长期", "定期", "不定期", "随时", "经常", "日常")


@word("vague", "|".join(VAGUE))
def _vague(match: re.Match[str], context: Context) -> object:
    return Marker("vague")


# Left over after reading, these mean a time the grammar did not understand.
UNREAD = (
    r"\d+[年月日旬]|\d+月\d+号|\d+\.\d+(?![\d%亿万千百元个项家场])|月底|月末|月初|上旬|中旬|下旬|季末|季初|"
    r"上半年|下半年|年底|年末|年初|次月|次年|工作日|本周|下周|本月|下月|星期|周[一二三四五六日]|"
    r"(?<!\d)(?:[2-9]|\d{2,})次"  # 至少开展3次: a count the grammar did not take
)
