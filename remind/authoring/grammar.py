"""The grammar of the plans' time phrases: each word of time (6月底, 每季度, 次月5日, 前, 及时)
and what it means in context, and what a phrase reads as. remind.authoring.phrases puts the
words of a phrase together.

Pure: the plan's year, today and the working-day calendar are arguments. Conventions where the
words are loose (documented in the README): 月初 is 上旬 (1st–10th), 年初 is January, 年中 is
30 June, 元旦前 is the plan year's 31 December, 汛期 is 5月1日至9月30日, 11月中旬前 is by the 20th,
and "前" after a month or quarter (6月前) is refused: it may mean before the month begins or by
its end.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
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
    Limit,
    NextMonthDay,
    OnDay,
    Ongoing,
    OnLastDay,
    Window,
)
from remind.core.workdays import WorkCalendar, later
from remind.errors import RemindError
from remind.frozen import frozen
from remind.i18n import N_, _


@frozen
class Recurrence:
    """每月, 每季度末, 4月—10月每月, 次月5日前: a rhythm, with the bounds the phrase gives."""

    every: Freq
    day: Day = field(default_factory=OnLastDay)
    month: int | None = None  # month of a quarter, half or year
    count_min: int = 1
    start: date | None = None
    until: date | None = None
    opens: tuple[int, int] | None = None  # 每年4月1日到9月30日: each year's window opens 4月1日
    season: tuple[int, int] | None = None  # 每年5月至10月每月: the months it runs in
    shift: str = ""  # "after": 遇节假日顺延, a due date on a day off moves to the next working day


@frozen
class Start:
    """自9月1日起, 从6月中旬开始: when work starts, and no day it is due."""

    start: date


When = Deadline | Window | Recurrence | Limit | Start | Ongoing  # what a phrase reads as


@frozen
class Phrase:
    """A phrase as read: when (its schedule), the words of time in it, and the duty's words."""

    when: When
    words: tuple[str, ...]  # the time words read, in order: ("6月底", "前")
    rest: str  # the text without them: the duty itself (报送半年总结)
    warnings: tuple[str, ...] = ()  # how words were mended: 6月31日 read as 6月30日


class Unreadable(RemindError):
    """A phrase the grammar cannot read; the message names the part."""


class NoTime(Unreadable):
    """A phrase with no word of time at all: nothing refused, only nothing to read."""


# ---------------------------------------------------------------- normalising

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_NUMBER = r"[〇零一二两三四五六七八九十]+"
# Chinese numerals are read only before a unit of time or count: 十月, 二〇二五年, 三季度, 两次.
_NUMERAL_BEFORE = (
    r"(?=年|月|日|号|季|个?工作日|个半?月|个季度|个星期|天|周|次|场|期|旬"
    r"|(?:[至到—、和]第?[〇零一二两三四五六七八九十]+)+(?:年|月|日|号|季))"  # 一至三季度's 一
)
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
    text = re.sub(r"(?<=\d)[·・](?=\d)", ".", text)  # "9·30"
    text = re.sub(r"两月", "两个月", text)  # 两 never names a month
    text = re.sub(r"(?<=季度|半年)最后一个月|(?<=季)最后一个月", "末月", text)
    text = re.sub(r"(?<=季度|半年)第一个月|(?<=季)第一个月", "首月", text)
    text = re.sub(r"(起|开始)[，,、](?=至|到)", r"\1", text)  # 从6月中旬开始，至8月上旬
    _refuse_a_month_or_months(text)
    text = _rough_numbers(text)

    def number(match: re.Match[str]) -> str:
        try:
            return str(cn_number(match[0]))
        except (KeyError, ValueError):
            return match[0]

    # 周一…周日, 上一年度 and 一季度一通报's second 一 stay words; 第三季度, 十月, 两次 are numbers
    text = re.sub(f"(?<![周上下]){_CN_NUMBER}{_NUMERAL_BEFORE}", number, text)
    return _whole_ranges(text)


def _refuse_a_month_or_months(text: str) -> None:
    """一月内, 三月后: January or one month? A year before them would settle it (2026年一月内).
    In digits, 6月内 is June: a count is written 6个月. 一季度内 is as unsettled."""
    unsettled = r"(?<![\d年〇零一二两三四五六七八九十])[一二三四五六七八九十]+月"
    if vague := re.search(unsettled + r"(?=以内|之内|内|后|之后|以后)", text):
        raise Unreadable(
            _(
                "{words!r} may be a month's name or a number of months: write {n}月 or {n}个月"
            ).format(words=vague[0], n=cn_number(vague[0][:-1]))
        )
    if one := re.search(r"(?<![\d年第〇零一二两三四五六七八九十])一季度?(?=以内|之内|内)", text):
        raise Unreadable(
            _(
                "{words!r} may be the first quarter or one quarter: write 一季度末前 or 3个月内"
            ).format(words=one[0])
        )


# 两三天, 三五个工作日, 七八月: two numbers side by side, a rough count (not 23 or 35)
_ROUGH = re.compile(
    r"(?<![〇零一二两三四五六七八九十])(?:一两|两三|二三|三四|三五|四五|五六|六七|七八|八九)"
    r"(?=个|天|日|周|月|年|次|星期|工作日)"
)


def _rough_numbers(text: str) -> str:
    """七八月份 is July and August, written 7—8月份; 两三天, 一两个月 are refused."""

    def months(pair: re.Match[str]) -> str:
        as_months = re.match(r"月(?!内|以内|之内)", pair.string[pair.end() :])
        return f"{pair[0][0]}—{pair[0][1]}" if as_months else pair[0]

    text = _ROUGH.sub(months, text)
    if rough := _ROUGH.search(text):
        raise Unreadable(
            _("{words!r} is a rough number, not a time: write one number").format(words=rough[0])
        )
    return text


_TO = r"(?P<to>—|至|到)"
_RANGES = (  # (pattern, written out)
    # 10月8日—16日, 3月2日至11日: the end's month is the start's
    (rf"(?P<m>\d{{1,2}})月(?P<d1>\d{{1,2}})[日号]?{_TO}(?P<d2>\d{{1,2}})(?P<u>[日号])",
     r"\g<m>月\g<d1>日\g<to>\g<m>月\g<d2>\g<u>"),
    # 6月27—7月3日: the start's 日 left out
    (rf"(?P<m>\d{{1,2}})月(?P<d1>\d{{1,2}}){_TO}(?=\d{{1,2}}月\d{{1,2}}[日号])",
     r"\g<m>月\g<d1>日\g<to>"),
    # 4—6月份, 2023年7—9月, 1至6月: the start's 月 left out
    (rf"(?<![\d月.])(?P<m>\d{{1,2}}){_TO}(?=\d{{1,2}}月)", r"\g<m>月\g<to>"),
    # 1—3季度, 第1至3季度
    (rf"(?<!\d)第?(?P<q>[1-4])(?:季度)?{_TO}第?(?=[1-4]季度)", r"第\g<q>季度\g<to>第"),
    # 前3季度, 前两个季度 (at the start of a clause, or after a year: 每年前三季度): the year's
    # first quarters
    (r"(?:^|(?<=[，,、；;。(年]))前(?P<q>[2-4])个?季度", r"第1季度—第\g<q>季度"),
    # 2025—2027年
    (rf"(?P<y>\d{{4}})年?{_TO}(?=\d{{4}}年)", r"\g<y>年\g<to>"),
)  # fmt: skip


def _whole_ranges(text: str) -> str:
    """A range written short, written out: 10月8日—16日 is 10月8日—10月16日, 4—6月 4月—6月,
    and a list of months or quarters in a row, 4、5月份 and 第三、四季度, as the range."""
    text = re.sub(r"(?<![\d月.])((?:\d{1,2}[、和])+\d{1,2})(?=月|季度)", _run, text)
    for pattern, whole in _RANGES:
        text = re.sub(pattern, whole, text)
    return text


def _run(match: re.Match[str]) -> str:
    """4、5 as 4—5 when the numbers follow each other; as written (refused) when not."""
    numbers = [int(n) for n in re.split(r"[、和]", match[0])]
    if all(b == a + 1 for a, b in itertools.pairwise(numbers)):
        return f"{numbers[0]}—{numbers[-1]}"
    return match[0]


# ---------------------------------------------------------------- the words of time


@frozen
class Span:
    """A stretch the words name: 6月, 一季度, 上半年, 4月上旬; `single` when it is one day."""

    start: date
    end: date
    single: bool = False  # 6月30日, 6月底: a day, not a stretch
    from_today: bool = False  # 本月底, 下周五: said from today; in a rhythm, the data's period
    warning: str = ""  # how the words were mended (6月31日 read as 6月30日)
    period: bool = (
        False  # a period by its name (上半年, 本周, 一季度): perhaps whose work, not when
    )


@frozen
class Context:
    year: int
    today: date
    calendar: WorkCalendar
    mend: bool = True  # a plan's 6月31日 is read as 6月30日, with a warning; a typed one refused
    coming: bool = False  # no year was given: a numeral date (2.3, 7/15) is the coming one


# Each word kind: a regex, and what it means in context. Tried in order at each position;
# compiled on first use, so that importing costs nothing (every --today imports this module).
Meaning = Callable[[re.Match[str], Context], object]
_WORDS: list[tuple[str, str, Meaning]] = []


def word(kind: str, pattern: str) -> Callable[[Meaning], Meaning]:
    def register(meaning: Meaning) -> Meaning:
        _WORDS.append((kind, pattern, meaning))
        return meaning

    return register


def refused(pattern: str, why: str) -> None:
    """A word remind will not guess at: reading it refuses the whole phrase, saying `why`
    (its {words} the words matched)."""

    def refuse(match: re.Match[str], context: Context) -> object:
        raise Unreadable(_(why).format(words=match[0]))

    word("refused", pattern)(refuse)


@functools.cache
def compiled() -> list[tuple[re.Pattern[str], Meaning]]:
    return [(re.compile(pattern), meaning) for _kind, pattern, meaning in _WORDS]


@frozen
class Every:
    freq: Freq
    named: bool = False  # 周例会's 周: the words stay in the duty's name


@frozen
class InPeriod:
    """A day within each period: 5日, 底, 首月, 末月20日, 次月5日, 周五; `every` when the words
    also name the period (季度结束后15日内)."""

    day: Day | None = None
    month: int | None = None
    every: Freq | None = None
    alone: date | None = None  # what the words mean with no rhythm named: 次年1月15日前


@frozen
class Count:
    n: int


@frozen
class Lasting:
    """How long a rhythm runs from its start: 连续3个月 (unit "month"), 连续8周 ("week"),
    共开展4次 ("time": that many periods)."""

    n: int
    unit: str


@frozen
class Marker:
    """前 (by), 内 (within), — (to), 截至 or a 至 that starts a phrase (until), 起 (from), or a
    vague word."""

    what: str


_YEAR_WORDS = {"今": 0, "本": 0, "明": 1, "次": 1, "去": -1, "后": 2}
_YEAR = r"(?:(?P<y>\d{4})年|(?P<rel>[今本明次去]|(?<![\u4e00-\u9fff])后)年)?"


def _year(match: re.Match[str], context: Context) -> int:
    """The year the words give: 2025年, 次年 (the plan's next), 今年 (today's), else the plan's."""
    groups = match.groupdict()
    if groups.get("y"):
        return int(groups["y"])
    if rel := groups.get("rel"):
        base = context.today.year if rel in "今本" else context.year
        return base + _YEAR_WORDS[rel]
    return context.year


def _one_day(
    context: Context, year: int, month: int, day: int, words: str, *, from_today: bool = False
) -> Span:
    """The day the words name. In a plan, a day past the month's end (6月31日, 2月30日) is read
    as the month's last day, with a warning: plans do misprint 30 as 31."""
    shown = words.replace("—", "-")
    month_number(month, shown)
    if not 1 <= day <= 31:
        raise Unreadable(_("{words!r}: there is no day {day}").format(words=shown, day=day))
    last = last_of_month(year, month)
    if day <= last.day:
        return Span(real := date(year, month, day), real, single=True, from_today=from_today)
    if not context.mend:
        raise Unreadable(
            _("{words!r} is not a real date: that month has {days} days").format(
                words=shown, days=last.day
            )
        )
    warning = _("{words!r} does not exist: read as {month}月{day}日, the month's last day")
    warning = warning.format(words=shown, month=month, day=last.day)
    return Span(last, last, single=True, from_today=from_today, warning=warning)


def month_number(month: int, words: str) -> int:
    if not 1 <= month <= 12:
        raise Unreadable(_("{words!r}: there is no month {month}").format(words=words, month=month))
    return month


# --- recurrences

_CHANGE = r"(?:增长|下降|提高|减少|降低|增加|递增|递减|提升|上升)"


@word(
    "rate",
    rf"(?:平均每年|年平均|年均|每年|逐年)(?=[^,，。;；]{{0,8}}?{_CHANGE}[^,，。;；]{{0,3}}?\d+(?:\.\d+)?\s*(?:%|个百分点))",
)
def _yearly_rate(match: re.Match[str], context: Context) -> object:
    """每年下降3%, 年均增长5%: how fast a figure moves each year, a target with no due day."""
    return Marker("rate")


def _rhythm(freq: Freq) -> Meaning:
    return lambda match, context: Every(freq)


for _pattern, _freq in (
    (r"(?:每个?|按|逐)(?:周|星期)(?![一二三四五六日])|每周(?=[一二三四五六日])", Freq.WEEK),
    (r"每旬|按旬", Freq.TEN_DAYS),
    (r"(?:每个?|按|逐)月(?:度)?", Freq.MONTH),
    (r"(?:每个?|按|逐)季度?", Freq.QUARTER),
    (r"每半年|半年一(?=次|[\u4e00-\u9fff])", Freq.HALF),  # 半年一讲评
    (r"(?:每|按|逐)年(?:度)?|^年度$", Freq.YEAR),
):
    word("every", _pattern)(_rhythm(_freq))


@word("every", r"(?<![\d上下本次每按逐])月度")
def _monthly(match: re.Match[str], context: Context) -> object:
    """月度形势分析: monthly, and the report's name; a date beside it is the one due."""
    return Every(Freq.MONTH, named=True)


# 周例会, 月分析, 季督查, 年考核: a meeting or report named by its rhythm
_RHYTHM_NOUNS = "例会|调度会?|分析会?|通报|督查|考核|报|小结|总结|讲评|点评|会商|研判|盘点|评估"


@word(
    "every",
    r"(?:^|(?<=[，,、；;(：:])|(?<=实行|实施|建立|坚持|落实|开展|召开|执行|推行|健全|完善)"
    r"|(?<=运行|形势|经济|数据|进度|质量|安全))"  # 经济运行月分析
    rf"(周|旬|月|季度?|年度?)(?={_RHYTHM_NOUNS})",
)
def _rhythm_noun(match: re.Match[str], context: Context) -> object:
    freq = {"周": Freq.WEEK, "旬": Freq.TEN_DAYS, "月": Freq.MONTH, "年": Freq.YEAR}
    return Every(freq.get(match[1][0], Freq.QUARTER), named=True)


refused(
    r"每日|每天|逐日|每个工作日|日报(?:告)?制度",
    N_("{words!r}: remind has no daily rhythm; its shortest is each week"),
)


refused(
    r"\d+(?:个)?半?(?:小时|分钟)(?=内|以内|之内|后|之后|前|办结|完成|反馈|答复|报送|到场|响应)",
    N_("{words!r}: remind counts whole days, not hours; give the day it is due"),
)


refused(
    r"(?:[今明本去]|\d{4})年(?:的)?[春夏秋冬](?:季|天)",
    N_("{words!r}: which months? write them (6月—8月)"),
)


refused(
    r"每(?:隔\d+|两|[2-9]|\d{2,})个?(?:周|星期|月|年)|隔周|双周|每半个?月|双月",
    N_(
        "{words!r}: remind's rhythms are each week, 旬, month, quarter, half year and year; "
        "write one task per time it falls due"
    ),
)


@word("every", rf"(周|旬|月|季度?|年度?)(?=(?:{_RHYTHM_NOUNS})(?:工作)?(?:制度|机制))")
def _rhythm_system(match: re.Match[str], context: Context) -> object:
    """实行重点项目建设月调度制度: a rhythm by its 制度, wherever it stands."""
    return _rhythm_noun(match, context)


@word("every", r"周(?=[一二三四五六日](?:" + _RHYTHM_NOUNS + "))")
def _weekly_meeting(match: re.Match[str], context: Context) -> object:
    """周一例会: each week, on the day named."""
    return Every(Freq.WEEK, named=True)


@word("in-period", r"(?<=周)([一二三四五六日])(?=" + _RHYTHM_NOUNS + ")")
def _meeting_day(match: re.Match[str], context: Context) -> object:
    return InPeriod(OnDay("一二三四五六日".index(match[1]) + 1))


@word(
    "every",
    r"(?:^|(?<=[，,、；;(]))(?:(?:1|一)周|(?:1|一|全)?(?:旬|月|季度?|年))一(?=[\u4e00-\u9fff])",
)
def _one_per(match: re.Match[str], context: Context) -> object:
    """一月一调度, 一季度一通报, 全年一总结's cousins: once each period."""
    period = match[0].lstrip("1一全")[0]
    return Every({"周": Freq.WEEK, "旬": Freq.TEN_DAYS, "月": Freq.MONTH,
                  "年": Freq.YEAR}.get(period, Freq.QUARTER))  # fmt: skip


@word("every", r"半个?月(?=[一1][次报\u4e00-\u9fff])")
def _half_month(match: re.Match[str], context: Context) -> object:
    """半月一报: twice in each month (remind's shortest rhythm is the week; 半月 is none)."""
    return Every(Freq.MONTH)


@word("count", r"(?:(?<=半月)|(?<=半个月))[一1](?=[次报\u4e00-\u9fff])")
def _twice(match: re.Match[str], context: Context) -> object:
    """半月一报's 一: once each half month, twice a month."""
    return Count(2)


@word(
    "count",
    r"(?:不少于|不低于|至少)(?:开展|组织|召开|举办|进行|走访|检查){0,2}(\d+)次|(\d+)次(?:及以上|以上)",
)
def _count(match: re.Match[str], context: Context) -> object:
    return Count(int(match[1] or match[2]))


_LASTING_UNITS = {"个月": "month", "月": "month", "周": "week", "个星期": "week", "年": "year",
                  "个季度": "quarter", "季度": "quarter", "次": "time", "期": "time"}  # fmt: skip


@word(
    "lasting",
    r"(?:连续|持续)(?:开展|组织|报送|召开|进行|检查)?(\d+)(个月|月|周|个星期|年|个季度|季度|次|期)"
    r"|共(?:开展|组织|报送|召开|举办|进行|检查)?(\d+)(次|期)",
)
def _lasting(match: re.Match[str], context: Context) -> object:
    return Lasting(int(match[1] or match[3]), _LASTING_UNITS[match[2] or match[4]])


@word("in-period", r"次月(\d{1,2})[日号]")
def _next_month_day(match: re.Match[str], context: Context) -> object:
    """次月5日前 alone is the monthly report of the month before."""
    n = int(match[1])
    if not 1 <= n <= 31:
        raise Unreadable(_("{words!r}: there is no day {day}").format(words=match[0], day=n))
    return InPeriod(NextMonthDay(n), every=Freq.MONTH)


@word("in-period", r"次年1月(\d{1,2})[日号]|次年1月(底|末)")
def _next_january(match: re.Match[str], context: Context) -> object:
    """次年1月31日前: of a yearly duty, day N of the month after the year; alone, that day."""
    n = int(match[1]) if match[1] else 31
    alone = _one_day(context, context.year + 1, 1, n, match[0]).start
    return InPeriod(NextMonthDay(n), every=Freq.YEAR, alone=alone)


@word(
    "in-period",
    r"(?:(?P<of>半年|季度?|月|年度?)(?:结束|终了)?|(?<=[季月年度])(?:结束|终了))后(?P<n>\d{1,2})(?:日|天)内",
)
def _days_after_period(match: re.Match[str], context: Context) -> object:
    """季度结束后15日内: day 15 of the month after the period."""
    every = {"半": Freq.HALF, "季": Freq.QUARTER, "月": Freq.MONTH, "年": Freq.YEAR}.get(
        (match["of"] or " ")[0]
    )
    return InPeriod(NextMonthDay(int(match["n"])), every=every)


@word(
    "in-period",
    r"(?:(?<=季)|(?<=季度)|(?<=半年))(首月|初|末月|最后一个月|末|底|第[1-6]个月)(?:(\d{1,2})[日号])?",
)
def _in_quarter(match: re.Match[str], context: Context) -> object:
    """季末, 每季度首月10日, 每半年最后一个月25日: the month within a quarter or half."""
    half = match.string[: match.start()].endswith("半年")
    month = 1 if match[1] in ("首月", "初") else (6 if half else 3)
    if match[1].startswith("第"):
        month = int(match[1][1])
    if match[2]:
        return InPeriod(OnDay(int(match[2])), month)
    named_month = match[1] in ("首月", "初", "末月", "最后一个月") or match[1].startswith("第")
    return InPeriod(OnLastDay(), month if named_month else None)


@word("in-period", r"(?<=每周)([一二三四五六日])")
def _weekday(match: re.Match[str], context: Context) -> object:
    return InPeriod(OnDay("一二三四五六日".index(match[1]) + 1))


@word(
    "in-period",
    r"(?:(?<=[每按逐]月)|(?<=每个月))(?:的)?月?(?:(\d{1,2})[日号]|(底|末|下旬)|(上旬|中旬))",
)
def _day_of_each_month(match: re.Match[str], context: Context) -> object:
    """每月5日前, 每月底; 每月上旬: by the 10th."""
    if match[2]:
        return InPeriod(OnLastDay())
    if match[3]:
        return InPeriod(OnDay(10 if match[3] == "上旬" else 20))
    n = int(match[1])
    if not 1 <= n <= 31:
        raise Unreadable(_("{words!r}: there is no day {day}").format(words=match[0], day=n))
    return InPeriod(OnDay(n))


@word("in-period", r"(?<=[每按]旬)(?:末|最后一天)")
def _end_of_ten_days(match: re.Match[str], context: Context) -> object:
    return InPeriod(OnLastDay())


# --- days, months, quarters, years


@word(
    "history",
    r"(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}[日号])?(?<=[年月日号])"
    r"(?=(?:印发|出台|发布|颁布|召开|通过|下发|制定)的|[\u4e00-\u9fff]{0,8}?(?:会议|讲话|批示)精神)"
    r"|(?:\d{4}年)?\d{1,2}月\d{1,2}[日号](?:前|以前|之前)(?=[\u4e00-\u9fff]{1,3}的)",
)
@word(
    "history",
    r"原定(?:于)?(?:\d{4}年)?\d{1,2}月(?:\d{1,2}[日号]|底|末)?(?:前)?"
    r"|截[至止](?:\d{4}年)?\d{1,2}月(?:\d{1,2}[日号]|底|末)?(?=的)",
)
def _not_due(match: re.Match[str], context: Context) -> object:
    """Dates that are no due date: when a document came out (2023年3月印发的实施方案), a
    date no longer in force (原定6月30日，现调整为7月31日前), data's cutoff (截至6月底的数据)."""
    return Marker("history")


@word(
    "day",
    _YEAR
    + r"(?P<m>\d{1,2})月(?:的)?第(?P<nth>[1-5一二三四五])个(?:周|星期)(?P<wd>[一二三四五六日])",
)
def _nth_weekday(match: re.Match[str], context: Context) -> object:
    """7月第二个周五: the month's second Friday."""
    year, month = _year(match, context), month_number(int(match["m"]), match[0])
    nth = int(match["nth"]) if match["nth"].isdigit() else cn_number(match["nth"])
    first = date(year, month, 1)
    day = first + timedelta(days=("一二三四五六日".index(match["wd"]) - first.weekday()) % 7)
    day += timedelta(weeks=nth - 1)
    if day.month != month:
        raise Unreadable(_("{words!r}: that month has no such day").format(words=match[0]))
    return Span(day, day, single=True)


@word("day", _YEAR + r"(?P<m>\d{1,2})月(?:的)?(?P<which>第(?P<n>\d{1,2})个|首个|最后1个)工作日")
def _workday_of_month(match: re.Match[str], context: Context) -> object:
    """10月第一个工作日, 10月第三个工作日, 1月最后一个工作日: from the working-day calendar."""
    year, month = _year(match, context), month_number(int(match["m"]), match[0])
    if match["which"] == "最后1个":
        day = context.calendar.shift(last_of_month(year, month), "before")
    else:
        day = context.calendar.shift(date(year, month, 1), "after")
        day = context.calendar.add_workdays(day, int(match["n"] or 1) - 1)
    if day.month != month:
        raise Unreadable(_("{words!r}: the month has no such working day").format(words=match[0]))
    return Span(day, day, single=True)


@word("day", r"(?P<rel>本|这|下|上)(?:个)?(?:周|星期)(?:的)?(?P<which>第1个|首个|最后1个)工作日")
def _workday_of_week(match: re.Match[str], context: Context) -> object:
    """下周最后一个工作日: the week's last (or first) working day, or refused if it has none."""
    monday = context.today - timedelta(days=context.today.weekday())
    monday += timedelta(weeks={"本": 0, "这": 0, "下": 1, "上": -1}[match["rel"]])
    days = [monday + timedelta(days=n) for n in range(7)]
    worked = [d for d in days if context.calendar.is_workday(d)]
    if not worked:
        raise Unreadable(_("{words!r}: that week has no working day").format(words=match[0]))
    day = worked[-1] if match["which"] == "最后1个" else worked[0]
    return Span(day, day, single=True, from_today=True)


@word(
    "day",
    r"(?:(?P<y>\d{4})[—/.])(?P<m>\d{1,2})[—/.](?P<d>\d{1,2})(?![\d.%])"
    r"|(?<!\d)(?P<y2>20\d\d)(?P<m2>0[1-9]|1[0-2])(?P<d2>0[1-9]|[12]\d|3[01])(?!\d)",
)
def _iso(match: re.Match[str], context: Context) -> object:
    year, month, day = (int(match[k] or match[f"{k}2"]) for k in ("y", "m", "d"))
    return _one_day(context, year, month, day, match[0])


@word("day", _YEAR + r"(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号](?:\(周(?P<wd>[一二三四五六日])\))?")
def _day(match: re.Match[str], context: Context) -> object:
    """6月30日; 8月15日（星期五）, refused when the 15th is no Friday."""
    month = month_number(int(match["m"]), match[0])
    day = _one_day(context, _year(match, context), month, int(match["d"]), match[0])
    if match["wd"] and "一二三四五六日"[day.start.weekday()] != match["wd"]:
        raise Unreadable(
            _("{words!r}: that day is a 周{weekday}; check the date").format(
                words=match[0], weekday="一二三四五六日"[day.start.weekday()]
            )
        )
    return day


@word(
    "day",
    r"(?<![\d.A-Za-z第])(?P<m>[1-9]|1[0-2])\.(?P<d>[1-9]|[12]\d|3[01])(?![\d.%‰亿万千百元个项家场吨米克倍条款级版])"
    r"|(?<![\d/])(?P<m2>\d{1,2})/(?P<d2>\d{1,2})(?![\d/])",
)
def _dotted(match: re.Match[str], context: Context) -> object:
    """6.30 and 7/15, as clerks type them; 4.31 is not mended, as it may be a number."""
    groups = match.groupdict()
    month, day = int(groups["m"] or groups["m2"]), int(groups["d"] or groups["d2"])
    strict = dataclasses.replace(context, mend=False)  # 4.31 may be a number: not mended
    found = _one_day(strict, context.year, month, day, match[0])
    if context.coming and found.start < context.today:  # 2.3 typed in October: next February
        found = _one_day(strict, context.year + 1, month, day, match[0])
    return found


_TEN_DAYS = {"上旬": (1, 10), "初": (1, 10), "中旬": (11, 20), "下旬": (21, 31),
             "上中旬": (1, 20), "中下旬": (11, 31), "上半月": (1, 15), "下半月": (16, 31)}  # fmt: skip
_PARTS = "底|末|上中旬|中下旬|上半月|下半月|上旬|中旬|下旬|初"  # of a month


@word("day", _YEAR + rf"(?P<m>\d{{1,2}})月(?:份)?(?P<part>{_PARTS})?")
def _month_span(match: re.Match[str], context: Context) -> object:
    year, month = _year(match, context), month_number(int(match["m"]), match[0])
    part = match["part"]
    if part in ("底", "末"):
        return Span(last_of_month(year, month), last_of_month(year, month), single=True)
    if part:
        first, last = _TEN_DAYS[part]
        return Span(date(year, month, first), day_of_month(year, month, last))
    return Span(date(year, month, 1), last_of_month(year, month))


@word("day", _YEAR + r"(?:第?(?P<q>[1-4])季度|Q(?P<q2>[1-4]))(?P<part>末|底|初)?")
def _quarter(match: re.Match[str], context: Context) -> object:
    year, q = _year(match, context), int(match["q"] or match["q2"])
    start, end = date(year, q * 3 - 2, 1), last_of_month(year, q * 3)
    if match["part"] in ("末", "底"):
        return Span(end, end, single=True)
    if match["part"] == "初":
        return Span(start, last_of_month(year, q * 3 - 2))
    return Span(start, end, period=True)


@word(
    "day",
    r"(?:(?P<y>\d{4})年?|(?P<rel>[今本明次去]|(?<![\u4e00-\u9fff])后)年?)?"
    r"(?P<part>[上下]半年(?:末|底)|上半年|下半年|全年|年初|年中|年度?底|年度?末|年内)",
)
def _year_part(match: re.Match[str], context: Context) -> object:
    year = _year(match, context)
    match match["part"]:
        case "上半年":
            return Span(date(year, 1, 1), date(year, 6, 30), period=True)
        case "下半年":
            return Span(date(year, 7, 1), date(year, 12, 31), period=True)
        case "年初":
            return Span(date(year, 1, 1), date(year, 1, 31))
        case "年中":
            return Span(date(year, 6, 30), date(year, 6, 30), single=True)
        case "上半年末" | "上半年底":
            return Span(date(year, 6, 30), date(year, 6, 30), single=True)
        case "年底" | "年末" | "年度底" | "年度末" | "下半年末" | "下半年底":
            return Span(date(year, 12, 31), date(year, 12, 31), single=True)
        case "年内":
            return Span(date(year, 12, 31), date(year, 12, 31), single=True)
    return Span(date(year, 1, 1), date(year, 12, 31), period=True)  # 全年


@word(
    "day",
    r"(?:^|(?<=[，,；;:：]))(?:到|至)(?P<y>\d{4})年(?![\d月第上下初中底末内度])"
    r"|(?P<y2>\d{4})年(?=全面|基本|完成|实现|达到|建成|形成)",
)
def _by_year(match: re.Match[str], context: Context) -> object:
    """到2027年, 2026年全面完成: by the end of that year."""
    end = date(int(match["y"] or match["y2"]), 12, 31)
    return Span(end, end, single=True)


@word("day", r"(?P<y>\d{4})年度?(?![\d月第上下初中底末内度]|全年)")
def _whole_year(match: re.Match[str], context: Context) -> object:
    year = int(match["y"])
    return Span(date(year, 1, 1), date(year, 12, 31), period=True)


@word(
    "day", r"(?<!\d)(?P<rel>[今本明次去]|(?<![\u4e00-\u9fff])后)年度?(?![\d月第上下初中底末内全度])"
)
def _this_year(match: re.Match[str], context: Context) -> object:
    """今年, 本年度, 明年: the whole year, counted from today (次年 from the plan's year)."""
    year = _year(match, context)
    return Span(date(year, 1, 1), date(year, 12, 31), period=True)


@word("day", r"(?P<rel>本|这|下|上)(?:个)?季度(?P<part>末|底)?")
def _quarter_of_today(match: re.Match[str], context: Context) -> object:
    """本季度, 上季度, 本季度末: counted from today."""
    index = context.today.year * 4 + (context.today.month - 1) // 3
    year, q = divmod(index + {"本": 0, "这": 0, "下": 1, "上": -1}[match["rel"]], 4)
    start, end = date(year, q * 3 + 1, 1), last_of_month(year, q * 3 + 3)
    if match["part"]:
        return Span(end, end, single=True, from_today=True)
    return Span(start, end, from_today=True, period=True)


@word("day", r"(?P<rel>本|这|下下|下|上)(?:个)?(?:周|星期)(?P<d>[一二三四五六日])?")
def _week_of_today(match: re.Match[str], context: Context) -> object:
    monday = context.today - timedelta(days=context.today.weekday())
    monday += timedelta(weeks={"本": 0, "这": 0, "下下": 2, "下": 1, "上": -1}[match["rel"]])
    if match["d"]:
        day = monday + timedelta(days="一二三四五六日".index(match["d"]))
        return Span(day, day, single=True, from_today=True)
    return Span(monday, monday + timedelta(days=6), from_today=True, period=True)


@word(
    "day",
    rf"(?P<rel>本|这|下|上)个?月(?:(?P<part>{_PARTS.removesuffix('|中')})|(?P<d>\d{{1,2}})[日号])?",
)
def _month_of_today(match: re.Match[str], context: Context) -> object:
    shift = {"本": 0, "这": 0, "下": 1, "上": -1}[match["rel"]]
    index = context.today.year * 12 + context.today.month - 1 + shift
    year, month = divmod(index, 12)
    month += 1
    if match["d"]:
        return _one_day(context, year, month, int(match["d"]), match[0], from_today=True)
    part = match["part"]
    if part in ("底", "末"):
        return Span(
            last_of_month(year, month), last_of_month(year, month), single=True, from_today=True
        )
    if part:
        first, last = _TEN_DAYS[part]
        return Span(date(year, month, first), day_of_month(year, month, last), from_today=True)
    return Span(date(year, month, 1), last_of_month(year, month), from_today=True, period=True)


_DAYS_FROM_TODAY = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2, "昨天": -1, "昨日": -1,
                    "前天": -2, "现在": 0, "即日": 0}  # fmt: skip


@word("day", r"(?<![\d上下本这次每按逐个季年])月(?:底|末)")
def _end_of_this_month(match: re.Match[str], context: Context) -> object:
    """月底前, said on its own: the end of the month it is said in."""
    end = last_of_month(context.today.year, context.today.month)
    return Span(end, end, single=True, from_today=True)


@word("day", r"今天|今日|明天|明日|后天|昨天|昨日|(?<![\d月])前天|(?:现在|即日)(?=起|开始)")
def _near_day(match: re.Match[str], context: Context) -> object:
    day = context.today + timedelta(days=_DAYS_FROM_TODAY[match[0]])
    return Span(day, day, single=True, from_today=True)


@word("day", r"(?<![本这下上每])(?:周|星期)(?P<d>[一二三四五六日])")
def _coming_weekday(match: re.Match[str], context: Context) -> object:
    """周五: this week's Friday, or next week's once this week's has passed."""
    ahead = ("一二三四五六日".index(match["d"]) - context.today.weekday()) % 7
    day = context.today + timedelta(days=ahead)
    return Span(day, day, single=True, from_today=True)


_UNIT_WORDS = {"工作日": "workday", "自然日": "day", "天": "day", "日": "day", "周": "week",
               "星期": "week", "月": "month", "年": "year"}  # fmt: skip


@word("day", r"(?P<n>\d+)(?P<unit>个?工作日|天|日|周|个?星期|个半月|个月|年)后|半个月后")
def _after_today(match: re.Match[str], context: Context) -> object:
    """3天后, 2周后, 一个半月后 (a month, then 15 days), 半个月后 (15 days)."""
    if match[0] == "半个月后":
        day = context.today + timedelta(days=15)
    elif match["unit"] == "个半月":
        day = add_months(context.today, int(match["n"])) + timedelta(days=15)
    else:
        unit = _UNIT_WORDS[match["unit"].removeprefix("个")]
        day = later(context.today, int(match["n"]), unit, context.calendar)
    return Span(day, day, single=True)


# The seasons plans name, with the dates they conventionally mean (documented in the README)
SEASONS = {"主汛期": ((6, 1), (8, 31)), "汛期": ((5, 1), (9, 30)), "防汛期": ((5, 1), (9, 30))}


@word("day", r"主汛期|防汛期|汛期")
def _season(match: re.Match[str], context: Context) -> object:
    """汛期: 5月1日至9月30日 of the plan's year; 每年汛期, each year's."""
    (m1, d1), (m2, d2) = SEASONS[match[0]]
    return Span(date(context.year, m1, d1), date(context.year, m2, d2), period=True)


@word("every", r"(?:一般|通常|原则上)(?:安排)?(?:在|于)(?=[\d第上下年本今])")
def _usually(match: re.Match[str], context: Context) -> object:
    """一般安排在第三季度: in each year's third quarter."""
    return Every(Freq.YEAR)


_FESTIVALS = {"元旦": "元旦", "春节": "春节", "清明": "清明", "五一": "劳动节", "劳动节": "劳动节", "端午": "端午",
              "中秋": "中秋", "国庆": "国庆节", "十一": "国庆节"}  # fmt: skip


_FESTIVAL = r"[“\"]?(?P<name>元旦(?!前|以前|之前|节前)|春节|清明|五一|劳动节|端午|中秋|国庆|十一(?![月日号\d]))节?[”\"]?"


def _days_off(words: str, name: str, context: Context) -> tuple[date, date]:
    """The first and last of the days off around a festival in the plan's year; a holiday
    they run into is theirs too (2025's 中秋 falls inside 国庆's days off)."""
    holidays = context.calendar.holidays
    name = _FESTIVALS[name]
    off = [d for d, n in holidays.items() if n == name and d.year == context.year]
    if not off:
        raise Unreadable(
            _("{words!r}: the working-day calendar has no {name} holiday in {year}").format(
                words=words, name=name, year=context.year
            )
        )
    first, last = min(off), max(off)
    while first - timedelta(days=1) in holidays:
        first -= timedelta(days=1)
    while last + timedelta(days=1) in holidays:
        last += timedelta(days=1)
    return first, last


def _next_workday(day: date, calendar: WorkCalendar) -> date:
    """The first working day after `day`."""
    return calendar.add_workdays(day, 1)


@word("day", _FESTIVAL + r"(?:假期)?(?:前最后1个工作日|(?=前|以前|之前))")
def _festival(match: re.Match[str], context: Context) -> object:
    """国庆节前: the day before the days off around the festival, in the plan's year;
    国庆节前最后一个工作日: the working day before them. (元旦前 is _new_year's.)
    """
    day = _days_off(match[0], match["name"], context)[0] - timedelta(days=1)
    if match[0].endswith("工作日"):
        day = context.calendar.shift(day, "before")
    return Span(day, day, single=True)


@word(
    "day",
    _FESTIVAL
    + r"(?:假期|假日)?(?:结束)?(?:后|过后)(?:(?P<n>\d{1,2})个工作日内|(?:第[1一]个|首个)?(?:工作日)?)",
)
def _after_festival(match: re.Match[str], context: Context) -> object:
    """国庆节后, 春节后第一个工作日: the first working day after the days off; 国庆假期结束后
    3个工作日内: the third."""
    last_off = _days_off(match[0], match["name"], context)[1]
    day = context.calendar.add_workdays(last_off, int(match["n"] or 1))
    return Span(day, day, single=True)


@word("day", r"[\"“]?十(?P<n>[三四五六七八九])五[\"”]?(?:规划)?(?P<part>期间|时期|末)")
def _five_year_plan(match: re.Match[str], context: Context) -> object:
    """ "十四五"期间: 2021–2025; "十四五"末: the end of 2025. The third plan began in 1966."""
    first = 1966 + 5 * (10 + cn_number(match["n"]) - 3)
    end = date(first + 4, 12, 31)
    return Span(end, end, single=True) if match["part"] == "末" else Span(date(first, 1, 1), end)


@word(
    "day",
    r"(?P<names>(?:(?:春节|清明|五一|劳动节|端午|中秋|国庆)节?[、和及])*)"
    + _FESTIVAL
    + r"(?:假期|假日|放假)期间|"
    + _FESTIVAL.replace("name", "alone")
    + r"(?:假期|假日|期间)",
)
def _during_festival(match: re.Match[str], context: Context) -> object:
    """国庆假期, 端午节期间: the days off around the festival."""
    if match["names"]:
        raise Unreadable(
            _("{words!r} names several holidays: a task has one window; split it").format(
                words=match[0]
            )
        )
    first, last = _days_off(match[0], match["name"] or match["alone"], context)
    return Span(first, last)


@word("day", r"(?<![\u4e00-\u9fff])节后(?:第[1一]个|首个)?(?:工作日)?|下一?个工作日")
def _next_holiday_over(match: re.Match[str], context: Context) -> object:
    """节后: the first working day after the next days off; 下一个工作日: after today."""
    today, calendar = context.today, context.calendar
    if match[0].startswith("下"):
        day = _next_workday(today, calendar)
    else:
        coming = [d for d in calendar.holidays if d >= today]
        if not coming:
            raise Unreadable(
                _("{words!r}: the working-day calendar has no holiday after {today}").format(
                    words=match[0], today=today
                )
            )
        last = min(coming)
        while last + timedelta(days=1) in calendar.holidays:
            last += timedelta(days=1)
        day = _next_workday(last, calendar)
    return Span(day, day, single=True, from_today=True)


@word("day", r"元旦(?:节)?(?:假期)?(?=前|以前|之前)")
def _new_year(match: re.Match[str], context: Context) -> object:
    """元旦前: before the 元旦 that ends the plan's year, or, said in the December before the
    year (a plan issued early), the 元旦 that opens it."""
    year = context.year
    if (context.today.year, context.today.month) == (year - 1, 12):
        year -= 1
    return Span(date(year, 12, 31), date(year, 12, 31), single=True)


@word("marker", r"起|开始")
def _starting(match: re.Match[str], context: Context) -> object:
    """自9月1日起: the day work starts (only right after a time word)."""
    return Marker("from")


refused(
    r"(?<=[日号底末旬月])(?:以后|之后)",
    N_("{words!r}: a day work starts from is not a deadline; give the day it is due"),
)


refused(
    r"(?<=\d月)中(?![旬下])",
    N_("{words!r} after a month may mean its middle or any time in it: write 中旬 or 底前"),
)


refused(
    r"(?:大约|约|大概)(?=\d+个?(?:工作日|天|日|周|星期|月|季度|年))",  # 约86亿元 is no time
    N_("{words!r}: about a time is not a time; give it exactly"),
)


refused(
    r"(?:(?<=[日号底末旬月度年节旦午秋明中初])|(?<=五一)|(?<=国庆))(?:左右|前后|上下)",
    N_("{words!r}: about a day is not a day; give the date it is due"),
)


# --- relative times, markers


@word(
    "relative",
    r"(?:不超过|延长|顺延)?(?P<n>\d{1,3})(?P<unit>个?工作日|个?自然日|天|日|周|个?星期|个月|年)"
    r"(?:内|之内|以内)"
    r"|(?:不超过|延长|顺延)(?P<n2>\d{1,3})(?P<unit2>个?工作日|个?自然日|天|日|周|个?星期|个月|年)(?!\d)",
)
def _within(match: re.Match[str], context: Context) -> object:
    """15日内, 2个月内, 原则上不超过3个工作日, 延长15日."""
    unit = (match["unit"] or match["unit2"]).removeprefix("个")
    event = "延长" if match[0][:2] in ("延长", "顺延") else ""  # from the end of the first limit
    return Limit(int(match["n"] or match["n2"]), _UNIT_WORDS[unit], event)


@word("relative", r"半年(?:内|之内|以内)|半个月(?:内|之内|以内)")
def _half_within(match: re.Match[str], context: Context) -> object:
    return Limit(6, "month") if match[0].startswith("半年") else Limit(15, "day")


@word("relative", r"^(?P<n>\d{1,3})(?P<unit>个?工作日|天)$")
def _limit_alone(match: re.Match[str], context: Context) -> object:
    """10个工作日, said alone: a limit, as 10个工作日内."""
    return Limit(int(match["n"]), _UNIT_WORDS[match["unit"].removeprefix("个")])


@word("relative", r"用(?P<n>\d{1,2})(?P<unit>年|个月|天)(?:左右)?时间")
def _taking(match: re.Match[str], context: Context) -> object:
    """用3年时间完成: a limit from when the work starts."""
    return Limit(int(match["n"]), _UNIT_WORDS[match["unit"].removeprefix("个")])


refused(
    r"\d+个半月(?:内|之内|以内)",
    N_("{words!r}: write a limit of a month and a half in days (45日内)"),
)


@word("marker", r"之日起|之日后|当日起|起(?=\d)|后(?=\d|半)")
def _since(match: re.Match[str], context: Context) -> object:
    """收到通知之日起10个工作日内: the event a limit counts from ends before it."""
    return Marker("since")


@word(
    "marker",
    r"\(?(?:如遇|遇)?(?:法定)?(?:节假日|节日|假日|休息日|周末|双休日)(?:或(?:法定)?节假日)?(?:则)?顺延"
    r"(?:至(?:下一?个?|其后第一个)工作日)?\)?",
)
def _postponed(match: re.Match[str], context: Context) -> object:
    """（遇节假日顺延）: a due date on a day off moves to the next working day."""
    return Marker("postpone")


@word("marker", r"(?<=[日号)])后(?:第1个|首个)工作日")
def _workday_after(match: re.Match[str], context: Context) -> object:
    """9月26日后第一个工作日: the working day after that day."""
    return Marker("next-workday")


@word("marker", r"以前|之前|前|为止|止")
def _before(match: re.Match[str], context: Context) -> object:
    return Marker("before")


@word("marker", r"结束(?:以前|之前|前)|以内|之内|内")
def _inside(match: re.Match[str], context: Context) -> object:
    return Marker("within")


@word("marker", r"—|至|到(?=\d|次年|本|下)")
def _to(match: re.Match[str], context: Context) -> object:
    return Marker("to")


@word("marker", r"(?:最迟|最晚)?(?:不超过|不晚于)(?=\d{4}年|\d{1,2}月)|最迟|最晚")
def _at_the_latest(match: re.Match[str], context: Context) -> object:
    """最迟不超过2025年12月31日: by that day."""
    return Marker("")


@word("marker", r"(?:截至|截止(?:到|至)?|直至)(?=\d|[今本明次]年)")
def _up_to(match: re.Match[str], context: Context) -> object:
    """截至2025年底, 截止到6月: until then."""
    return Marker("until")


@word(
    "marker", r"(?<![\u4e00-\u9fff])(?:从|自|于|在)|(?<=[请要应须需])[于在](?=\d|[今本明次下]年|每)"
)
def _at(match: re.Match[str], context: Context) -> object:
    """于, 在 before a time (请于3月20日前): part of it, not of the duty."""
    return Marker("")


VAGUE = ("及时", "适时", "持续", "常态化", "长期", "定期", "不定期", "随时", "经常", "日常", "尽快",
         "近期", "第一时间", "抓紧", "根据工作需要", "视情", "限期", "动态", "立行立改",
         "即知即改", "边查边改", "即查即改", "全天候")  # fmt: skip


@word("vague", r"(?:7\s*[×xX*]\s*)?24小时(?=值班|值守|在线|服务|运行|监测|畅通)|" + "|".join(VAGUE))
def _vague(match: re.Match[str], context: Context) -> object:
    return Marker("vague")


@word("day", r"(?<![\d.])(?P<m>0[1-9]|1[0-2])(?P<d>[0-2]\d|3[01])(?=前|之前|截止)")
def _packed(match: re.Match[str], context: Context) -> object:
    """0630前, as clerks type it: read as 6.30 is (the coming one, when no year was given)."""
    return _dotted(match, context)  # its groups m and d are 6.30's


@word("day", r"(?<![\d月第.])(?P<d>[1-9]|[12]\d|3[01])[日号](?=前|之前)")
def _bare_day(match: re.Match[str], context: Context) -> object:
    """25号前, typed: the coming 25th (this month's, or next month's once it has passed). In a
    plan, or with a year given, which month is not said: refused."""
    if not context.coming:
        raise Unreadable(
            _("{words!r}: the day of which month? write it like 6月25日").format(words=match[0])
        )
    today, day = context.today, int(match["d"])
    month = today.replace(day=1) if day >= today.day else add_months(today.replace(day=1), 1)
    strict = dataclasses.replace(context, mend=False)
    return _one_day(strict, month.year, month.month, day, match[0], from_today=True)


# 年前完成: before 春节, in the plans' speech, or by 31 December? Refused.
refused(
    r"(?<![\d今明本去次每上下全当近往历])年前",
    N_("{words!r} may mean before 春节 or by the year's end: write 春节前 or 年底前"),
)


# Left over after reading, these mean a time the grammar did not understand.
UNREAD = (
    r"(?<![\d.])\d+[年月日旬](?!行动|计划|时间|攻坚|规划|均)|\d+月\d+号|\d+号(?=前|之前|内)|(?<![A-Za-z第\d.])\d+\.\d+(?![\d.%‰亿万千百元个项家场吨米克倍条款级版])|月底|月末|月初|上旬|中旬|下旬|季末|季初|"
    r"上半年|下半年|年底|年末|年初|(?<!\d)次月|(?<!\d)次年|工作日|本周|下周|本月|下月|星期|周[一二三四五六日]|第\d+周|"
    r"(?<![\d第])(?:[2-9]|\d{2,})次|"  # 至少开展3次: a count the grammar did not take
    r"两会前|汛前(?!检查|排查|巡查|准备)|周末前|年终前|[春夏秋冬]季前"  # before an event the calendar does not date
)
