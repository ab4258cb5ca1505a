"""The words and colours every view gives remind's concepts: 逾期 in red, 原定5月31日（周六）,
每月最后一天, 落后12%. One place, so that the table, the digest, the .ics and the web page say
the same thing the same way. Imports no rich: styles are rich's style strings."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from remind.core.labels import WEEKDAYS, chinese_date, weekday_name
from remind.core.model import (
    Deadline,
    Freq,
    Light,
    Limit,
    NextMonthDay,
    Occurrence,
    OnDay,
    Ongoing,
    OnLastDay,
    Recurring,
    Schedule,
    Status,
    Window,
)

if TYPE_CHECKING:  # targets and decimal are paid for by the views of targets only
    from decimal import Decimal

    from remind.authoring.grammar import When
    from remind.core.dates import Length
    from remind.core.targets import Figure, Pace

JOINER = "、"  # between unit names: 法制处、办公室

STATUS_WORDS = {Status.DONE: "已办", Status.OVERDUE: "逾期", Status.SOON: "临近",
                Status.UPCOMING: "未到"}  # fmt: skip
# the terminal's colours
STATUS_STYLE = {
    Status.OVERDUE: "bold red",
    Status.SOON: "yellow",
    Status.UPCOMING: "green",
    Status.DONE: "dim",
}
LIGHT_TEXT = {Light.RED: "● 红", Light.AMBER: "● 黄", Light.GREEN: "● 绿", Light.NONE: "—"}
LIGHT_WORDS = {Light.RED: "红", Light.AMBER: "黄", Light.GREEN: "绿", Light.NONE: "—"}
LIGHT_STYLE = {Light.RED: "bold red", Light.AMBER: "yellow", Light.GREEN: "green",
               Light.NONE: "dim"}  # fmt: skip
# a page's colours, text on background: inline, since mail clients drop <style>
STATUS_COLOURS = {
    Status.OVERDUE: ("#b42318", "#fdecea"),
    Status.SOON: ("#8a5a00", "#fff4d6"),
    Status.UPCOMING: ("#1e6b34", "#e8f5ec"),
    Status.DONE: ("#667085", "#f2f4f7"),
}
LIGHT_COLOURS = {
    Light.RED: STATUS_COLOURS[Status.OVERDUE],
    Light.AMBER: STATUS_COLOURS[Status.SOON],
    Light.GREEN: STATUS_COLOURS[Status.UPCOMING],
    Light.NONE: STATUS_COLOURS[Status.DONE],
}
FREQ_WORDS = {
    Freq.WEEK: "每周",
    Freq.TEN_DAYS: "每旬",
    Freq.MONTH: "每月",
    Freq.QUARTER: "每季度",
    Freq.HALF: "每半年",
    Freq.YEAR: "每年",
}
LENGTH_WORDS = {"d": "天", "w": "周", "m": "个月", "y": "年"}
RELATIVE_WORDS = {
    "day": "个自然日",
    "workday": "个工作日",
    "week": "周",
    "month": "个月",
    "year": "年",
}


def length_words(length: Length) -> str:
    """14天, 2周, 1个月, 1年."""
    return f"{length.amount}{LENGTH_WORDS[length.unit]}"


# ---------------------------------------------------------------- under a due date


def due_note(occurrence: Occurrence, told: date | None = None) -> str:
    """What every view writes under a due date: to whom a support unit hands in, else what a
    moved date was, else "". `told`, the date an earlier digest gave, says how it changed."""
    if told is None:
        return handoff(occurrence) or moved_from(occurrence)
    was = moved_from(occurrence) if occurrence.planned == told else f"原定{_day(told, occurrence)}"
    return "；".join(
        filter(None, (handoff(occurrence), f"{was}改为{_day(occurrence.due, occurrence)}"))
    )


def _day(day: date, occurrence: Occurrence) -> str:
    return chinese_date(day, year=day.year != occurrence.due.year)


def handoff(occurrence: Occurrence) -> str:
    """向规划处报送；牵头截止6月30日: where a support unit's earlier date leads, else ""."""
    lead_due = occurrence.lead_due
    if lead_due is None:
        return ""
    day = chinese_date(lead_due, year=lead_due.year != occurrence.due.year)
    return f"向{JOINER.join(occurrence.task.lead)}报送；牵头截止{day}"


def moved_from(occurrence: Occurrence) -> str:
    """原定5月31日（周六）, 原定10月1日（国庆节）: what a moved due date was, else ""."""
    planned = occurrence.planned
    if planned is None:
        return ""
    why = occurrence.task.shift.calendar.holiday(planned) or weekday_name(planned)
    return f"原定{_day(planned, occurrence)}（{why}）"


# ---------------------------------------------------------------- targets (序时进度)


def amount_text(amount: Decimal) -> str:
    """2000, 3.24, 1.5: no exponent, no trailing zeros."""
    return f"{amount.normalize():f}"


def figure_words(figure: Figure) -> str:
    """The target's own figure: 2000家, 2700亿元, 3.24%."""
    return f"{amount_text(figure.amount)}{figure.measure}"


def figure_text(amount: Decimal, figure: Figure, *, finer: int = 0) -> str:
    """An amount in the target's measure, to the target's own precision and `finer` places
    more: 2019亿元, 3.10%; 7.5家 for an expected value, lest rounding hide a shortfall."""
    exponent = figure.amount.as_tuple().exponent
    assert isinstance(exponent, int)  # a target is a finite number
    places = type(amount)(1).scaleb(min(exponent, 0) - finer)
    return f"{amount_text(amount.quantize(places))}{figure.measure}"


def percent(share: Decimal) -> str:
    return f"{share * 100:.0f}%"


def pace_why(pace: Pace) -> str:
    """落后12%, 52天未报, 尚未报数 …: why a target has its light."""
    from remind.core.targets import Why

    shortfall = percent(pace.shortfall) if pace.shortfall is not None else ""
    match pace.why:
        case Why.SILENT:
            days = pace.silent_days
            return f"{days}天未报" if pace.latest else f"已{days}天未报数"
        case Why.SHORT:
            return f"距目标差{shortfall}，期末评价"
        case Why.BEHIND:
            return f"落后{shortfall}"
    return _WHY[pace.why.value]


_WHY = {
    "not-a-number": "不是单一数字，照录原文",
    "not-started": "尚未开始",
    "no-reading": "尚未报数",
    "reached": "已达目标",
    "on-pace": "达到序时进度",
}


# ---------------------------------------------------------------- schedules in words


def describe(schedule: Schedule) -> str:
    """A schedule as the plans would say it: 每月最后一天，2025年4月至10月."""
    match schedule:
        case Deadline(due):
            return f"{chinese_date(due)}前"
        case Window(start, end):
            return f"{chinese_date(start)}至{chinese_date(end, year=end.year != start.year)}"
        case Recurring():
            words = _when_in_period(schedule)
            if schedule.count_min > 1:
                words += f"，每期不少于{schedule.count_min}次"
            return f"{words}，{_bounds(schedule.start, schedule.until)}"
        case Limit(n, unit, after, received):
            limit = f"{after or '交办'}后{n}{RELATIVE_WORDS[unit]}内"
            if received is None:
                return f"{limit}（尚未{after or '交办'}，截止日期待定）"
            return f"{limit}（{chinese_date(received)}起算）"
        case Ongoing():
            return "长期，无截止日期"
    raise AssertionError(schedule)  # pragma: no cover


def describe_when(when: When) -> str:
    """How `remind parse` read a phrase, in the words of `remind show`."""
    from remind.authoring.grammar import Recurrence, Start

    match when:
        case Recurrence() as rule:
            recurring = Recurring(rule.every, rule.day, rule.start or date.min, rule.until,
                                  rule.month, rule.count_min, rule.opens, rule.season)  # fmt: skip
            words = _when_in_period(recurring)
            if rule.count_min > 1:
                words += f"，每期不少于{rule.count_min}次"
            bounded = rule.start or rule.until
            return words + (f"，{_bounds(rule.start or date.min, rule.until)}" if bounded else "")
        case Start(start):
            return f"自{chinese_date(start)}起，没有截止日期"
        case Limit(n, unit, event):
            since = {"": "自交办之日起算", "延长": "自原期限届满起算"}.get(event, f"自{event}起算")
            return f"{n}{RELATIVE_WORDS[unit]}内（{since}）"
    return describe(when)


def _when_in_period(rule: Recurring) -> str:
    """每月最后一天, 每年4月1日至9月30日, 每年5月至10月每月最后一天."""
    if rule.opens and rule.month:
        (month, day), due = rule.opens, rule.day
        n = due.n if isinstance(due, OnDay) else 31
        crossing = "次年" if (month, day) > (rule.month, n) else ""
        due_words = f"{n}日" if isinstance(due, OnDay) else "底"
        return f"每年{month}月{day}日至{crossing}{rule.month}月{due_words}"
    words = _day_in_period(rule)
    if rule.season:
        first, last = rule.season
        return f"每年{first}月至{'次年' if last < first else ''}{last}月{words}"
    return words


def _day_in_period(rule: Recurring) -> str:
    every = FREQ_WORDS[rule.every]
    if rule.every is Freq.WEEK:
        n = rule.day.n if isinstance(rule.day, OnDay) else 7
        return f"每周{WEEKDAYS[n - 1]}"
    if rule.every is Freq.YEAR:
        month = f"{rule.month or 1}月" if rule.month or isinstance(rule.day, OnDay) else ""
    elif rule.every is Freq.TEN_DAYS:
        month = "第" if isinstance(rule.day, OnDay) else ""
    elif rule.every is Freq.MONTH:
        month = ""
    else:
        month = (
            f"第{rule.month}个月" if rule.month else ("首月" if isinstance(rule.day, OnDay) else "")
        )
    match rule.day:
        case OnDay(n):
            return f"{every}{month}{n}日"
        case OnLastDay():
            return f"{every}{month}最后一天"
        case NextMonthDay(n):
            return f"{every}，{'次年1月' if rule.every is Freq.YEAR else '次月'}{n}日前"
    raise AssertionError(rule.day)  # pragma: no cover


def _bounds(start: date, until: date | None) -> str:
    if until is None:
        return f"自{chinese_date(start)}起"
    if start == date.min:
        return f"至{chinese_date(until)}"
    whole_months = until == date.max or (until + timedelta(days=1)).day == 1
    if start.day == 1 and whole_months:
        end = f"{until.month}月" if until.year == start.year else f"{until.year}年{until.month}月"
        return f"{start.year}年{start.month}月至{end}"
    return f"{chinese_date(start)}至{chinese_date(until, year=until.year != start.year)}"


ROBOT_WORDS = {"wecom": "企业微信", "dingtalk": "钉钉", "feishu": "飞书"}  # the group robots' apps
