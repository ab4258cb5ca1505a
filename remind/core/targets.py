"""序时进度: quantitative targets, read from the task's words, paced against the readings.

Pure: `today` is an argument. A target is read as a number only when it plainly is one (one
figure with its measure word: 2000家, 2700亿元, 60场以上, 3.24%); anything else is shown as the
plan writes it, never guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum

from remind.core.model import (
    Deadline,
    Light,
    Limit,
    Ongoing,
    Reading,
    Recurring,
    Task,
    TaskList,
    Window,
)
from remind.core.schedule import period_of
from remind.errors import RemindError
from remind.frozen import frozen
from remind.i18n import _

PARTS = re.compile(r"[；;]")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
MEASURES = (
    "元", "美元", "家", "场", "项", "名", "个", "条", "人", "人次", "次", "件", "所", "座", "户",
    "篇", "期", "批", "台", "套", "款", "支", "本", "间", "处", "份", "位", "种", "类", "亩", "吨",
    "公里", "平方米",
)  # fmt: skip
_MEASURE = re.compile(
    r"\s*((?:万亿|亿|万|千|百)?(?:" + "|".join(sorted(MEASURES, key=len, reverse=True)) + ")|[%％])"
)
# A target to stay under (控制在…以内) is met from below: pacing it as growth would be wrong.
CEILING_WORDS = (
    "以内", "以下", "不超过", "不高于", "控制在", "下降", "降低", "减少", "压减", "压缩",
)  # fmt: skip
# Words of a figure that accumulates over the period (新增2000家, 举办60场): it can be paced.
FLOW_WORDS = (
    "新增", "新建", "新组建", "建设", "建成", "培育", "举办", "组织", "汇聚", "转化", "实施",
    "引进", "派驻", "安排", "招引", "孵化", "达成", "成交", "落地",
)  # fmt: skip
# Words of a level (a share, a rate, a stock): without last year's figure it has no pace.
LEVEL_WORDS = (
    "%", "％", "比重", "占比", "增长", "余额", "规模", "突破", "总数", "总量", "累计", "在库",
)  # fmt: skip


@frozen
class Figure:
    """A target's number: 2000 家, 2700 亿元, 3.24 %."""

    amount: Decimal
    measure: str
    paced: bool  # accumulates over the period; else a level, compared with the target itself


@frozen
class Target:
    """One figure of a task's target; a target of several clauses (；) has several."""

    task: Task
    item: int  # 1, 2 … in the order the target writes them
    text: str  # the clause as written: 新增高新技术企业2000家
    figure: Figure | None  # None: not plainly a number, shown as text

    @property
    def key(self) -> str:
        """yian-2025-target-contracts, or tineng-2021-hightech#2 when the task has several."""
        several = len(target_texts(self.task.target)) > 1
        return f"{self.task.id}#{self.item}" if several else self.task.id


def target_texts(target: str) -> list[str]:
    return [part.strip() for part in PARTS.split(target) if part.strip()]


def read_figure(text: str, pace: str = "") -> Figure | None:
    """The one figure of a clause, with its measure word; None when there is not exactly one,
    or it has no measure word, or the clause sets a ceiling, or says more than one thing (，)."""
    numbers = list(NUMBER.finditer(text))
    if len(numbers) != 1 or "，" in text or any(word in text for word in CEILING_WORDS):
        return None
    number = numbers[0]
    measure = _MEASURE.match(text, number.end())
    if measure is None:
        return None
    paced = any(w in text for w in FLOW_WORDS) and not any(w in text for w in LEVEL_WORDS)
    if pace:
        paced = pace == "linear"
    unit = measure[1].replace("％", "%")
    return Figure(Decimal(number[0]), unit, paced)


def targets_of(task: Task) -> list[Target]:
    return [
        Target(task, n, text, read_figure(text, task.pace))
        for n, text in enumerate(target_texts(task.target), start=1)
    ]


def target_named(task: Task, item: int | None) -> Target:
    """The target a reading is for: the task's only figure, or the one numbered `item`."""
    found = targets_of(task)
    if not found:
        raise RemindError(
            _(
                "{task} has no target; readings are for tasks with a target such as "
                '"新增高新技术企业2000家"'
            ).format(task=task.id)
        )
    if item is None and len(found) > 1:
        listed = "; ".join(f"{t.item} {t.text}" for t in found)
        raise RemindError(
            _("{task} has {count} targets ({targets}): say which with --item N").format(
                task=task.id, count=len(found), targets=listed
            )
        )
    if item is not None and not 1 <= item <= len(found):
        raise RemindError(
            _("{task} has {count} target(s); --item {item} is not one of them").format(
                task=task.id, count=len(found), item=item
            )
        )
    target = found[(item or 1) - 1]
    if target.figure is None:
        raise RemindError(
            _(
                "{task}: the target {target!r} is not plainly one number with its measure, "
                "so it takes no readings; follow it with remind done"
            ).format(task=task.id, target=target.text)
        )
    return target


def read_value(text: str, figure: Figure) -> Decimal:
    """A reading as typed: 1500, 1500家, 2100.5亿元, 3.1%; its measure, if given, is the target's."""
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(\S*)\s*", text.replace(",", "").replace("％", "%"))
    if not found or re.search(r"[0-9A-Za-z.]", found[2]):
        raise RemindError(
            _("expected a number like 1500 or 1500{measure}, got {text!r}").format(
                measure=figure.measure, text=text
            )
        )
    if found[2] and found[2] != figure.measure:
        raise RemindError(
            _(
                "the target is counted in {measure}, got {text!r}; give the number in "
                "{measure}, like {number}{measure}"
            ).format(measure=figure.measure, text=text, number=found[1])
        )
    try:
        return Decimal(found[1])
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain numbers
        raise RemindError(_("expected a number, got {text!r}").format(text=text)) from None


# ---------------------------------------------------------------- pace


class Why(Enum):
    """Why a pace has its light; the views put it in words."""

    NOT_A_NUMBER = "not-a-number"  # the target is not plainly one figure: shown as written
    NOT_STARTED = "not-started"  # its period has not begun
    NO_READING = "no-reading"  # nothing reported yet, and not for long
    SILENT = "silent"  # no reading for longer than pace_stale_days (`silent_days`)
    REACHED = "reached"  # the latest reading reaches the target itself
    ON_PACE = "on-pace"  # it reaches what is expected by today
    SHORT = "short"  # a level still short of its target (`shortfall`): judged at the period's end
    BEHIND = "behind"  # behind the expected value by `shortfall`


@frozen
class Pace:
    target: Target
    start: date  # the period the target is for: the year by default
    end: date
    latest: Reading | None  # the last reading in the period, up to today
    expected: Decimal | None  # what the reading should be by today; None when nothing is yet
    light: Light
    why: Why
    silent_days: int = 0  # days without a reading, for Why.SILENT
    shortfall: Decimal | None = None  # the share short of the goal, for Why.SHORT and BEHIND

    @property
    def ratio(self) -> Decimal | None:
        """The latest reading over the expected value (over the target, for a level)."""
        goal = (
            self.expected
            if self.expected is not None
            else self.target.figure and self.target.figure.amount
        )
        if self.latest is None or not goal:
            return None
        return self.latest.value / goal


def period_for(
    task: Task, today: date, *, plan_ends: date | None = None, plan_starts: date | None = None
) -> tuple[date, date]:
    """The period a target is for: the year up to a deadline, a window, the recurrence's
    period around today, or, for a standing duty, the year (the last year its plan was in
    force, once it ended; from the day the plan comes into force, before it has)."""
    match task.schedule:
        case Deadline(due):
            return date(due.year, 1, 1), due
        case Window(start, end):
            return start, end
        case Recurring(every=every, start=first, until=until):
            period = period_of(every, min(max(today, first), until or today))
            return period.start, period.end
        case Limit() | Ongoing():  # a limit's days are not known when the target is set
            year = min(today.year, plan_ends.year) if plan_ends else today.year
            if plan_starts and plan_starts > date(year, 12, 31):  # not in force yet
                return plan_starts, date(plan_starts.year, 12, 31)
            return date(year, 1, 1), date(year, 12, 31)
    raise AssertionError(task.schedule)  # pragma: no cover


def pace(
    target: Target,
    readings: Iterable[Reading],
    today: date,
    period: tuple[date, date],
    *,
    behind: Decimal,
    stale_days: int,
) -> Pace:
    """Where a target stands on `today`: the expected value is the target times the share of
    its period gone by (a level is expected in full), and the light compares the latest reading
    with it. A reading older than `stale_days`, or none that long into the period, is red."""
    start, end = period
    mine = [
        r for r in readings
        if (r.task, r.item) == (target.task.id, target.item) and start <= r.on <= today
    ]  # fmt: skip
    latest = max(mine, key=lambda r: (r.on, r.id), default=None)
    figure = target.figure
    if figure is None:
        return Pace(target, start, end, latest, None, Light.NONE, Why.NOT_A_NUMBER)
    if today < start:
        return Pace(target, start, end, latest, None, Light.NONE, Why.NOT_STARTED)
    expected = _expected(figure, start, end, today)
    # silence counts to the period's end at most: a finished target does not go stale
    silence = min(today, end) - (latest.on if latest else start)
    if silence.days > stale_days:
        return Pace(target, start, end, latest, expected, Light.RED, Why.SILENT, silence.days)
    light, why, shortfall = _judge(figure, latest, expected, behind)
    return Pace(target, start, end, latest, expected, light, why, shortfall=shortfall)


def _expected(figure: Figure, start: date, end: date, today: date) -> Decimal | None:
    """The target times the share of the period gone by at the end of `today` (1/365 on
    1 January); a level has no such pace: it is expected in full once the period is over."""
    if not figure.paced:
        return figure.amount if today > end else None
    length = (end - start).days + 1
    return figure.amount * Decimal(min((today - start).days + 1, length)) / length


def _judge(
    figure: Figure, latest: Reading | None, expected: Decimal | None, behind: Decimal
) -> tuple[Light, Why, Decimal | None]:
    """The light of a reading against the expected value (the target, for a level)."""
    if latest is None:
        return Light.NONE, Why.NO_READING, None
    goal = figure.amount if expected is None else expected
    if latest.value >= goal:
        return Light.GREEN, Why.REACHED if goal == figure.amount else Why.ON_PACE, None
    short = (goal - latest.value) / goal
    if expected is None:  # a level still short of its target: judged when the period ends
        return Light.NONE, Why.SHORT, short
    return (Light.AMBER if short < behind else Light.RED), Why.BEHIND, short


def paces(
    tasklist: TaskList,
    tasks: Sequence[Task],
    readings: Sequence[Reading],
    today: date,
    *,
    since: date,
) -> list[Pace]:
    """Every target of these tasks whose period has begun by `today` and not ended before
    `since`, in the task list's order."""
    behind = Decimal(tasklist.settings.pace_behind) / 100
    stale_days = tasklist.settings.pace_stale_days
    found = []
    for task in tasks:
        if not task.target:
            continue
        source = tasklist.source(task.source)
        period = period_for(task, today, plan_ends=source.until, plan_starts=source.start)
        if period[0] > today or period[1] < since:
            continue
        found += [
            pace(target, readings, today, period, behind=behind, stale_days=stale_days)
            for target in targets_of(task)
        ]
    return found
