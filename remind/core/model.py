"""The concepts of remind as frozen data: no I/O, no clock, no terminal."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import field
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING

from remind.core.workdays import KEEP, WEEKDAYS_ONLY, Shift, WorkCalendar, later
from remind.errors import RemindError, did_you_mean
from remind.frozen import frozen
from remind.i18n import _

if TYPE_CHECKING:
    from decimal import Decimal  # readings only: not paid for by every command


@frozen
class Settings:
    """The [settings] table of a task list; a key the list leaves out keeps its default."""

    timezone: str = "Asia/Shanghai"
    warn_days: int = 7  # yellow from this many days before due
    lookback_days: int = 90  # older open occurrences are counted, not listed
    org: str = ""  # the organisation of sources and units that name none
    workdays: str = "CN"  # the working-day calendar: "CN" (法定节假日, 调休) or "weekdays"
    shift: str = "before"  # a due date on a day off moves: before | after | keep
    holidays: tuple[date, ...] = ()  # days off the calendar does not know yet
    holiday_folder: str = ""  # a folder of {year}.json notices (holiday-cn's format)
    working_weekends: tuple[date, ...] = ()  # 调休 Saturdays and Sundays it does not know yet
    alarms: tuple[int, ...] = (7, 1)  # warnings, days before due; the .ics alarms at the last
    support_days: int = 5  # 倒排工期: support units hand in this many working days before the lead
    pace_behind: int = 10  # 序时进度: amber while less than this many percent behind, then red
    pace_stale_days: int = 45  # red when a target has had no reading for longer
    escalate_after: int = 3  # 催办: working days overdue after which the 分管领导 is copied
    base_url: str = ""  # the web service's public address (remind serve): links in reminders


@frozen
class Source:
    """A plan document (文件)."""

    id: str
    title: str
    org: str = ""
    short: str = ""  # 简称, for narrow columns
    issuer: str = ""
    number: str = ""  # 文号
    issued: date | None = None  # TOML `date`
    start: date | None = None  # in force from (TOML `from`)
    until: date | None = None  # in force until
    url: str = ""

    @property
    def label(self) -> str:
        return self.short or self.title


@frozen
class Unit:
    """A 处室, agency, district or company; a group (各区人民政府) is a unit others belong to."""

    name: str
    org: str = ""
    aliases: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()  # canonical names of the groups it belongs to
    email: tuple[str, ...] = ()
    leader: str = ""  # 分管领导: 胡军（副局长）
    leader_email: tuple[str, ...] = ()  # copied on the digest when a duty is long overdue (催办)
    leader_mobile: tuple[str, ...] = ()  # @-mentioned in the group chat on 催办

    @property
    def key(self) -> UnitKey:
        return (self.org, self.name)


UnitKey = tuple[str, str]  # (organisation, canonical name): 武汉's 办公室 is not 周口's


class Freq(Enum):
    WEEK = "week"
    TEN_DAYS = "ten-day"  # 旬: the 1st–10th, 11th–20th, 21st–end of a month
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"

    @property
    def months(self) -> int:
        """Length in months; 0 for weeks and 旬, which are shorter."""
        return {"week": 0, "ten-day": 0, "month": 1, "quarter": 3, "half": 6, "year": 12}[
            self.value
        ]


@frozen
class OnDay:
    """Day n of the period: weekday n (1 = Monday) for weeks, day n of a 旬, else of a month."""

    n: int


@frozen
class OnLastDay:
    """The last day of the period (月底, 季末, 年底), or of the chosen month."""


@frozen
class NextMonthDay:
    """Day n of the month after the period (次月5日前)."""

    n: int


Day = OnDay | OnLastDay | NextMonthDay


@frozen
class Deadline:
    """A one-off duty due on one day (6月底前)."""

    due: date


@frozen
class Window:
    """A stretch of days in which the work is done (11月—12月 督促检查); due on its last day."""

    start: date
    end: date


@frozen
class Recurring:
    """A duty due in every period (每月, 每季度, 每年) on its `day`, from the period of `start`."""

    every: Freq
    day: Day
    start: date  # the first period is the one that contains this day
    until: date | None = None  # the last period is the one that contains this day
    month: int | None = None  # month of a quarter, half or year the day falls in
    count_min: int = 1  # 不少于N次: records needed per period
    # 每年4月1日到9月30日: each year's window opens on (month, day); one after the due date's
    # month and day opens in the year before (每年11月15日至次年3月15日)
    opens: tuple[int, int] | None = None
    # 每年5月至10月每月: the first and last month of each year the periods run in (may wrap)
    season: tuple[int, int] | None = None


@frozen
class Limit:
    """收到交办件之日起10个工作日内: due a time after an event, and so no date until the day the
    event happened (`received`) is written down."""

    n: int
    unit: str = "day"  # one of LIMIT_UNITS
    after: str = ""  # the event's words: 收到交办件
    received: date | None = None

    def due(self, calendar: WorkCalendar) -> date | None:
        """The last day of the limit, on the working-day calendar; None before the event."""
        return later(self.received, self.n, self.unit, calendar) if self.received else None


@frozen
class Ongoing:
    """持续推进, 常态化: a duty with no deadline, never due."""


Schedule = Deadline | Window | Recurring | Limit | Ongoing
ONCE = "once"  # the period key of a deadline's or a window's one occurrence


PACES = ("linear", "level")  # a target paced over its period, or a level judged at its end


@frozen
class Task:
    """One duty from one clause of one source."""

    id: str
    title: str
    source: str
    schedule: Schedule
    lead: tuple[str, ...]
    support: tuple[str, ...] = ()
    org: str = ""
    clause: str = ""
    text: str = ""  # the time phrase as the document writes it
    target: str = ""  # 指标, as written: 新增高新技术企业2000家
    leader: str = ""  # 责任领导, where the plan names one: 徐涛（副局长）
    contact: str = ""  # 联系人
    shift: Shift = KEEP  # how its due dates move off days off; the task list sets it
    alarms: tuple[int, ...] = ()  # days before due to warn, latest last; the task list sets it
    support_days: int = 0  # working days before the lead's date its support units hand in
    supporting: bool = False  # the task as a support unit sees it: due support_days earlier
    pace: str = ""  # how its target is paced: "linear", "level", or "" to read it from the words

    @property
    def needed(self) -> int:
        """How many records an occurrence needs to be done: 不少于N次, else one."""
        return self.schedule.count_min if isinstance(self.schedule, Recurring) else 1

    @property
    def handoff(self) -> int:
        """Working days before the lead's date that this task falls due: support_days for a
        support unit (倒排工期), else 0."""
        return self.support_days if self.supporting else 0


@frozen
class TaskList:
    """A checked task list: its settings, plans, units and tasks, and its calendar."""

    path: str
    settings: Settings
    sources: tuple[Source, ...]
    units: tuple[Unit, ...]
    tasks: tuple[Task, ...]
    calendar: WorkCalendar = WEEKDAYS_ONLY
    _source_ids: dict[str, Source] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_source_ids", {s.id: s for s in self.sources})

    def source(self, source_id: str) -> Source:
        return self._source_ids[source_id]

    def of_sources(self, tasks: Iterable[Task], source_ids: Sequence[str]) -> list[Task]:
        """The tasks of these sources (all of them when none is named); refuses an id that
        names no source."""
        for source_id in source_ids:
            if source_id not in self._source_ids:
                raise RemindError(
                    _("unknown source {id!r}").format(id=source_id)
                    + did_you_mean(source_id, self._source_ids)
                )
        return [t for t in tasks if not source_ids or t.source in source_ids]

    def task(self, text: str) -> Task:
        """The task with this id, or the only one whose id starts with it."""
        exact = [t for t in self.tasks if t.id == text]
        found = exact or [t for t in self.tasks if t.id.startswith(text)]
        if len(found) == 1:
            return found[0]
        if found:
            names = ", ".join(t.id for t in found[:5]) + (" …" if len(found) > 5 else "")
            raise RemindError(
                _("{text!r} is the start of several task ids: {ids}").format(text=text, ids=names)
            )
        raise RemindError(
            _("no task {text!r}").format(text=text) + did_you_mean(text, (t.id for t in self.tasks))
        )


@frozen
class Occurrence:
    """One concrete instance (期次) of a task."""

    task: Task
    period: str  # stable key: 2025-06, 2025-Q2, 2025-H1, 2025, 2025-W25, once
    label: str  # for people: 2025年6月, 2025年第二季度, 2025年上半年, 2025年度
    due: date
    start: date | None = None  # first day of a window
    planned: date | None = None  # the date the plan gives, when `due` was moved off a day off
    lead_due: date | None = None  # the lead's date, when `due` is a support unit's earlier one


@frozen
class Feedback:
    """What a 督办 office asks with a record (反馈): 进展情况, 存在问题, 下一步措施, 需协调事项."""

    progress: str = ""
    problems: str = ""
    next_steps: str = ""
    help_needed: str = ""

    def __bool__(self) -> bool:
        return any((self.progress, self.problems, self.next_steps, self.help_needed))


NO_FEEDBACK = Feedback()
FEEDBACK_FIELDS = (  # (field, its label): in the order a 督办 form asks
    ("progress", "进展情况"), ("problems", "存在问题"), ("next_steps", "下一步措施"),
    ("help_needed", "需协调事项"),
)  # fmt: skip


@frozen
class Record:
    """That an occurrence was done (办理记录); kept in the record store, never in the task list."""

    task: str
    period: str
    done_on: date
    by: str = ""
    note: str = ""
    unit: str = ""  # the unit it was done for, when a group leads the task; "" the task itself
    id: int = 0  # numbered in the order records were made; `remind undo 7` names one
    recorded: datetime | None = None  # when it was entered
    uid: str = ""  # made by whoever records it: the same record sent twice is kept once
    feedback: Feedback = NO_FEEDBACK
    origin: str = ""  # where it was entered from, by the web: 10.0.0.7 · Mozilla/5.0 …


@frozen
class Reading:
    """A progress reading of a target (序时进度): the figure reached by a day."""

    task: str
    value: Decimal
    on: date
    item: int = 1  # which figure of the target, when it has several
    by: str = ""
    note: str = ""
    id: int = 0  # numbered with the records: `remind undo 7` takes either back
    recorded: datetime | None = None
    uid: str = ""  # made by whoever records it, as a Record's


MAIL = "mail"  # the channel of a digest mailed
CHAT_KINDS = ("wecom", "dingtalk", "feishu")  # 企业微信, 钉钉, 飞书 group robots
CHANNEL = re.compile(rf"{MAIL}|({'|'.join(CHAT_KINDS)}):[0-9a-f]{{12}}")


@frozen
class Told:
    """A due date a digest gave its unit: kept with the digest sent, so that the next one
    says 原定X改为Y when the date moved (an amended holiday notice, an edited task list)."""

    task: str
    period: str
    due: date


@frozen
class Sent:
    """That a unit's digest of a week was mailed, or posted to a group chat; kept in the record
    store so that a second run in the same week does not send it again on that channel, with
    the due dates it gave."""

    unit: str  # ORG/NAME where the name alone is ambiguous
    week: str  # 2025-W25
    to: tuple[str, ...]  # the addresses, or the robot's name
    at: datetime
    uid: str = ""
    channel: str = MAIL  # or a robot's channel: wecom:3f9a0c1d2e4b
    told: tuple[Told, ...] = ()


@frozen
class Link:
    """A unit's secret address for the web service (remind link): the token's SHA-256, never the
    token; a unit's latest link is the one that opens. `unit` "" is the coordinator's."""

    unit: str  # ORG/NAME
    digest: str
    made: datetime


@frozen
class Undo:
    """That a record or reading was taken back (remind undo): itself kept, with who and when,
    as every record is; the record stays in the store, no longer counted."""

    number: int  # the record's or reading's id
    by: str = ""
    at: datetime | None = None
    uid: str = ""


@frozen
class LogLine:
    """A record with the duty and occurrence it is for (None when they left the task list)."""

    record: Record
    task: Task | None
    occurrence: Occurrence | None

    @property
    def days_late(self) -> int | None:
        if self.occurrence is None:
            return None
        return max(0, (self.record.done_on - self.occurrence.due).days)


class Status(Enum):
    """Where an occurrence stands on a day."""

    DONE = "done"
    OVERDUE = "overdue"
    SOON = "soon"
    UPCOMING = "upcoming"


class Light(Enum):
    """红黄绿灯: how a unit's duties stand (remind board), or a target against its pace."""

    RED = "red"  # a duty it leads is overdue; a target far behind pace or long unreported
    AMBER = (
        "amber"  # a duty it leads falls due soon, or one it supports is overdue; a little behind
    )
    GREEN = "green"
    NONE = "none"  # a target with nothing to judge yet


@frozen
class Entry:
    """An occurrence as it stands on a given day."""

    occurrence: Occurrence
    status: Status
    days_left: int  # negative when overdue
    done: int = 0  # records so far; the period needs occurrence.task's count_min
    running: bool = False  # a window that has begun
    done_on: date | None = None  # the day of the record that completed it


@frozen
class Agenda:
    """What `remind due` shows, and how many older open occurrences it leaves out."""

    entries: tuple[Entry, ...]
    earlier_overdue: int = 0  # open occurrences due before the look-back
    earliest_overdue: date | None = None  # the due date of the oldest of them

    @property
    def overdue(self) -> int:
        """Every open occurrence past its due date, listed or only counted."""
        return self.earlier_overdue + sum(e.status is Status.OVERDUE for e in self.entries)
