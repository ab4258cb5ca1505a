"""The time phrases of the plans, read by a grammar: 6月底前, 每季度, 11月—12月, 次月5日前.

Pure: the plan's year, today and the working-day calendar are arguments. A phrase is read into
one of the task list's schedules, or refused with the part that could not be read — never
guessed. Conventions where the words are loose (documented in the README): 月初 is 上旬 (1st–10th),
年初 is January, 年中 is 30 June, and "前" after a month or quarter (6月前) is refused: it may
mean before the month begins or by its end.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
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
from remind.core.workdays import WEEKDAYS_ONLY, WorkCalendar
from remind.errors import RemindError


@dataclass(frozen=True, slots=True)
class Recurrence:
    """每月, 每季度末, 4月—10月每月, 次月5日前: a rhythm, with the bounds the phrase gives."""

    every: Freq
    day: Day = field(default_factory=OnLastDay)
    month: int | None = None  # month of a quarter, half or year
    count_min: int = 1
    start: date | None = None
    until: date | None = None


@dataclass(frozen=True, slots=True)
class Relative:
    """10个工作日内, 15日内: a time from whenever the work arrives."""

    days: int
    workdays: bool = False


Reading = Deadline | Window | Recurrence | Relative | Ongoing


@dataclass(frozen=True, slots=True)
class Phrase:
    reading: Reading
    words: tuple[str, ...]  # the time words read, in order: ("6月底", "前")
    rest: str  # the text without them: the duty itself (报送半年总结)


class Unreadable(RemindError):
    """A phrase the grammar cannot read; the message names the part."""


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
    tens, _, ones = text.partition("十")
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


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch the words name: 6月, 一季度, 上半年, 4月上旬; `single` when it is one day."""

    start: date
    end: date
    single: bool = False  # 6月30日, 6月底: a day, not a stretch
    from_today: bool = False  # 本月底, 下周五: said from today; in a rhythm, the data's period


@dataclass(frozen=True, slots=True)
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
def _compiled() -> list[tuple[re.Pattern[str], Meaning]]:
    return [(re.compile(pattern), meaning) for _kind, pattern, meaning in _WORDS]


@dataclass(frozen=True, slots=True)
class Every:
    freq: Freq


@dataclass(frozen=True, slots=True)
class InPeriod:
    """A day within each period: 5日, 底, 首月, 末月20日, 次月5日, 周五; `every` when the words
    also name the period (季度结束后15日内)."""

    day: Day | None = None
    month: int | None = None
    every: Freq | None = None


@dataclass(frozen=True, slots=True)
class Count:
    n: int


@dataclass(frozen=True, slots=True)
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
        raise Unreadable(f"{words.replace('—', '-')!r} is not a real date ({error})") from None


def _month(month: int, words: str) -> int:
    if not 1 <= month <= 12:
        raise Unreadable(f"{words!r}: there is no month {month}")
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
        raise Unreadable(f"{match[0]!r}: there is no day {n}")
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
        raise Unreadable(f"{match[0]!r}: there is no day {n}")
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
    month = _month(int(match["m"]), match[0])
    day = _month_day(_year(match, context), month, int(match["d"]), match[0])
    return Span(day, day, single=True)


@word("day", r"(?<![\d.])(?P<m>\d{1,2})\.(?P<d>\d{1,2})(?![\d.%亿万千百元个项家场])")
def _dotted(match: re.Match[str], context: Context) -> object:
    """6.30, as clerks type it."""
    month = _month(int(match["m"]), match[0])
    day = _month_day(context.year, month, int(match["d"]), match[0])
    return Span(day, day, single=True)


_TEN_DAYS = {"上旬": (1, 10), "初": (1, 10), "中旬": (11, 20), "中": (11, 20), "下旬": (21, 31)}


@word("day", _YEAR + r"(?P<m>\d{1,2})月(?:份)?(?P<part>底|末|上旬|中旬|下旬|初|中)?")
def _month_span(match: re.Match[str], context: Context) -> object:
    year, month = _year(match, context), _month(int(match["m"]), match[0])
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
            f"{match[0]!r}: the working-day calendar has no {name} holiday in {context.year}"
        )
    day = min(off) - timedelta(days=1)
    while day in holidays:  # 2025's 中秋 falls inside 国庆's days off
        day -= timedelta(days=1)
    return Span(day, day, single=True)


@word("refused", r"元旦(?:节)?(?:假期)?(?:前|以前|之前)")
def _new_year(match: re.Match[str], context: Context) -> object:
    raise Unreadable(
        f"{match[0]!r} may mean before this year's 元旦 or the next one: write the day (12月31日前)"
    )


@word("refused", r"(?<=[日号底末旬月])(?:起|开始|以后|之后)")
def _from(match: re.Match[str], context: Context) -> object:
    raise Unreadable(
        f"{match[0]!r}: a day work starts from is not a deadline; give the day it is due"
    )


@word("refused", r"(?<=[日号底末旬月度年])(?:左右|前后|上下)")
def _about(match: re.Match[str], context: Context) -> object:
    raise Unreadable(f"{match[0]!r}: about a day is not a day; give the date it is due")


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
_UNREAD = (
    r"\d+[年月日旬]|\d+月\d+号|\d+\.\d+(?![\d%亿万千百元个项家场])|月底|月末|月初|上旬|中旬|下旬|季末|季初|"
    r"上半年|下半年|年底|年末|年初|次月|次年|工作日|本周|下周|本月|下月|星期|周[一二三四五六日]|"
    r"(?<!\d)(?:[2-9]|\d{2,})次"  # 至少开展3次: a count the grammar did not take
)


# ---------------------------------------------------------------- reading


def read(
    text: str,
    *,
    year: int,
    today: date,
    calendar: WorkCalendar = WEEKDAYS_ONLY,
) -> Phrase:
    """Read the time phrase in `text`: its schedule, the words read and the rest.

    `year` is the year of dates written without one; `today` the day 本月底, 下周五 and 今年
    count from.
    """
    context = Context(year, today, calendar)
    normal = normalize(text)
    found, pieces = _scan(normal, context)
    rest = "".join(p for p in pieces if isinstance(p, str))
    if leftover := re.search(_UNREAD, rest):
        raise Unreadable(f"cannot read {leftover[0]!r} in {text.strip()!r}")
    reading = _combine(found, text.strip())
    if isinstance(reading, Recurrence):  # 报送上月数据: 上月 stays in the duty's words
        rest = "".join(p if isinstance(p, str) else _data_period(found[p]) for p in pieces)
    words = tuple(w for w, _ in found)
    rest = re.sub(r"\(\)|（）", "", rest)  # 督促检查阶段(2025年11月—12月) leaves ()
    return Phrase(reading, words, rest.strip("，,；;。:： "))


def _data_period(found: tuple[str, object]) -> str:
    words, meaning = found
    return words if isinstance(meaning, Span) and meaning.from_today else ""


def _scan(text: str, context: Context) -> tuple[list[tuple[str, object]], list[str | int]]:
    """The time words of `text` in order, and the text as pieces: its characters, and the
    index in `found` of each time word where it stood.

    前, 内 and — are time words only right after one (6月底前, 年内; not 报送前, 区内).
    """
    found: list[tuple[str, object]] = []
    rest: list[str | int] = []
    at, last_end = 0, -1
    while at < len(text):
        for pattern, meaning in _compiled():
            match = pattern.match(text, at)
            if not match or match.end() == at:
                continue
            read = meaning(match, context)
            if isinstance(read, Marker) and read.what in ("before", "within", "to"):
                follows = last_end == at and not isinstance(found[-1][1], Marker)
                if not follows:
                    continue
            rest.append(len(found))
            found.append((match[0], read))
            at = last_end = match.end()
            break
        else:
            rest.append(text[at])
            at += 1
    return found, rest


def _combine(found: list[tuple[str, object]], text: str) -> Reading:
    meanings = [m for _, m in found]
    everies = [m for m in meanings if isinstance(m, Every)]
    in_period = [m for m in meanings if isinstance(m, InPeriod)]
    counts = [m for m in meanings if isinstance(m, Count)]
    relatives = [m for m in meanings if isinstance(m, Relative)]
    spans = _spans(found, text)
    if len({e.freq for e in everies}) > 1:
        raise Unreadable(f"{text!r} names several rhythms ({'、'.join(_words(found, Every))})")
    if everies or in_period or counts:
        return _recurrence(everies, in_period, counts, spans, found, text)
    if relatives:
        if spans or len(relatives) > 1:
            raise Unreadable(f"{text!r} mixes a time limit with dates; write one of them")
        return relatives[0]
    if len(spans) > 1:
        listed = "、".join(w for w, _, _ in spans)
        raise Unreadable(f"{text!r} has several dates ({listed}): a task has one; split it")
    if spans:
        return _single(*spans[0], text)
    if any(isinstance(m, Marker) and m.what == "vague" for m in meanings):
        return Ongoing()
    raise Unreadable(f"no date or rhythm in {text!r}")


def _words(found: list[tuple[str, object]], kind: type) -> list[str]:
    return [w for w, m in found if isinstance(m, kind)]


def _spans(found: list[tuple[str, object]], text: str) -> list[tuple[str, Span | Window, str]]:
    """The dates of the phrase, each with the marker after it; A—B joined into one window."""
    spans: list[tuple[str, Span | Window, str]] = []
    items = list(found)
    i = 0
    while i < len(items):
        words, meaning = items[i]
        if isinstance(meaning, Span):
            marker = ""
            nxt = items[i + 1][1] if i + 1 < len(items) else None
            if isinstance(nxt, Marker) and nxt.what == "to":
                last_words, last = items[i + 2] if i + 2 < len(items) else ("", None)
                if not isinstance(last, Span):
                    raise Unreadable(f"{text!r}: a range from {words!r} to what?")
                end = _range_end(meaning, last, last_words)
                if end < meaning.start:
                    raise Unreadable(f"{text!r}: {last_words!r} comes before {words!r}")
                spans.append((f"{words}—{last_words}", Window(meaning.start, end), ""))
                i += 3
                continue
            if isinstance(nxt, Marker) and nxt.what in ("before", "within"):
                marker = nxt.what
                i += 1
            spans.append((words, meaning, marker))
        i += 1
    return spans


def _range_end(first: Span, last: Span, words: str) -> date:
    """The end of A—B. A yearless B is in A's year (2025年11月—12月), or the next one when it
    would come before A (11月—1月)."""
    if re.match(r"\d{4}", words):
        return last.end
    end = _in_year(last.end, first.start.year)
    return end if end >= first.start else _in_year(last.end, first.start.year + 1)


def _in_year(day: date, year: int) -> date:
    """The same day of the month in another year; a month's last day stays its last day."""
    if day == last_of_month(day.year, day.month):
        return last_of_month(year, day.month)
    return day.replace(year=year)


def _single(words: str, span: Span | Window, marker: str, text: str) -> Reading:
    if isinstance(span, Window):
        return span
    if span.single:
        return Deadline(span.start)
    if marker == "within":
        return Deadline(span.end)
    if marker == "before":
        raise Unreadable(
            f"{words}前 in {text!r} may mean before {words} begins or by its end: "
            f"write {words}底前, or the day"
        )
    return Window(span.start, span.end)


def _recurrence(
    everies: list[Every],
    in_period: list[InPeriod],
    counts: list[Count],
    spans: list[tuple[str, Span | Window, str]],
    found: list[tuple[str, object]],
    text: str,
) -> Recurrence:
    named = [e.freq for e in everies] or [p.every for p in in_period if p.every]
    if not named:
        raise Unreadable(f"{text!r} gives a count or a day of each period, but no period (每月?)")
    every = named[0]
    if len(counts) > 1:
        raise Unreadable(f"{text!r} gives several counts ({'、'.join(_words(found, Count))})")
    day: Day = OnLastDay()
    month: int | None = None
    for part in in_period:
        day = part.day or day
        month = part.month or month
    start = until = None
    for words, span, _marker in spans:
        if isinstance(span, Span) and span.from_today:
            continue  # 每月5日前报送上月数据: 上月 is whose data, not when
        if isinstance(span, Span) and span.single:
            if every is not Freq.YEAR or month is not None:
                raise Unreadable(
                    f"{text!r}: {words!r} is one day, not a day of each period (每月5日, 月底)"
                )
            month, day = span.start.month, OnDay(span.start.day)  # 每年6月30日前, 每年年底
        elif start is None:
            _check_bounds(span, every, words, text)
            start, until = span.start, span.end  # 4月—10月每月, 2025年每季度: when it runs
        else:
            raise Unreadable(f"{text!r} bounds its rhythm twice ({words!r})")
    if every in (Freq.WEEK, Freq.TEN_DAYS) and isinstance(day, NextMonthDay):
        raise Unreadable(f"{text!r}: a day of the next month does not fit a weekly or 旬 rhythm")
    if month is not None and every.months < 3:
        raise Unreadable(f"{text!r}: a month within each period needs a quarter, half or year")
    return Recurrence(every, day, month, counts[0].n if counts else 1, start, until)


def _check_bounds(span: Span | Window, every: Freq, words: str, text: str) -> None:
    """Bounds span at least two periods; 每年一季度 names a time within each year, not bounds."""
    months = (span.end.year - span.start.year) * 12 + span.end.month - span.start.month + 1
    if every.months and months < 2 * every.months:
        raise Unreadable(
            f"{text!r}: {words!r} reads as a time within each period, which remind cannot "
            "tell apart from bounds; give the day of each period (每年3月31日前)"
        )


def read_day(text: str, *, today: date, calendar: WorkCalendar = WEEKDAYS_ONLY) -> date:
    """One day, as a clerk types it: 2025-06-20, 6月20日, 6.30, 下周五, 本月底, 国庆节前, next friday.

    A yearless date is in today's year. Words the grammar does not know go to dateparser, and
    only when they hold no Chinese words of time: its reading of those is not trusted.
    """
    try:
        phrase = read(text, year=today.year, today=today, calendar=calendar)
    except Unreadable as refused:
        if _has_chinese_time(text):
            raise
        return _dateparser_day(text, today, refused)
    reading = phrase.reading
    if phrase.rest:
        raise Unreadable(f"expected only a date, but {text!r} also says {phrase.rest!r}")
    if isinstance(reading, Deadline):
        return reading.due
    if isinstance(reading, Relative):
        if reading.workdays:
            return calendar.add_workdays(today, reading.days)
        return today + timedelta(days=reading.days)
    raise Unreadable(
        f"{text!r} is not one day (a {kind_of(reading)}); give a day such as 2025-06-30"
    )


def read_month(
    text: str, *, today: date, calendar: WorkCalendar = WEEKDAYS_ONLY
) -> tuple[int, int]:
    """A month as a clerk names it: 2025-06, 2025年6月, 6月 (this year), 下月, 本月."""
    if found := re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text):
        return int(found[1]), _month(int(found[2]), text.strip())
    phrase = read(text, year=today.year, today=today, calendar=calendar)
    match phrase.reading:
        case Window(start, end) if (start.year, start.month) == (end.year, end.month):
            pass
        case Deadline(start):
            pass
        case _:
            raise Unreadable(f"expected a month like 2025-06 or 2025年6月, got {text!r}")
    if phrase.rest:
        raise Unreadable(f"expected only a month, but {text!r} also says {phrase.rest!r}")
    return start.year, start.month


def _has_chinese_time(text: str) -> bool:
    return bool(re.search(r"[年月日号周旬季天节前后内底初末今明昨星期]", text))


def _dateparser_day(text: str, today: date, refused: Unreadable) -> date:
    """English and other free forms (next friday, in 2 weeks) through dateparser, checked."""
    if not re.search(r"[A-Za-z]", text):
        raise refused
    from datetime import datetime, time

    import dateparser

    settings = {
        "RELATIVE_BASE": datetime.combine(today, time(12)),
        "PREFER_DATES_FROM": "current_period",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "STRICT_PARSING": False,
    }
    found = dateparser.parse(text, languages=["en"], settings=settings)
    if found is None:
        raise Unreadable(f"cannot read {text.strip()!r} as a date; write it like 2025-06-30")
    day: date = found.date()
    return day


def kind_of(reading: Reading) -> str:
    match reading:
        case Deadline():
            return "deadline"
        case Window():
            return "window"
        case Recurrence():
            return "recurring"
        case Relative():
            return "relative"
    return "none"


# ---------------------------------------------------------------- as task list fields


def day_field(day: Day) -> int | str:
    """The `day` of a recurring task: 5, "last" or "next:5"."""
    match day:
        case OnDay(n):
            return n
        case NextMonthDay(n):
            return f"next:{n}"
    return "last"


def task_fields(reading: Reading, *, today: date, calendar: WorkCalendar) -> dict[str, object]:
    """The schedule fields of a [[tasks]] table for a reading; a time limit counts from today."""
    match reading:
        case Deadline(due):
            return {"due": due}
        case Window(start, end):
            return {"start": start, "end": end}
        case Recurrence() as rule:
            fields: dict[str, object] = {"every": rule.every.value, "day": day_field(rule.day)}
            optional = {"month": rule.month, "from": rule.start, "until": rule.until}
            fields |= {key: value for key, value in optional.items() if value is not None}
            if rule.count_min > 1:
                fields["count_min"] = rule.count_min
            return fields
        case Relative(days, workdays):
            due = calendar.add_workdays(today, days) if workdays else today + timedelta(days=days)
            return {"due": due}
    return {"ongoing": True}
