"""The sentences the commands say about what they did and what they found: headings, receipts,
notices and warnings. Words only: each function is given what happened and says it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from remind.core.labels import chinese_date, weekday_name
from remind.core.model import Reading, Record, TaskList, Undo, Unit
from remind.i18n import _
from remind.views.wording import JOINER, ROBOT_WORDS, amount_text, length_words

if TYPE_CHECKING:
    from remind.authoring.grammar import Phrase
    from remind.core.dates import Length
    from remind.core.mailing import Delivered, Posted
    from remind.core.records import Merge, Receipt, State
    from remind.core.targets import Target
    from remind.core.units import Directory
    from remind.core.workdays import WorkCalendar


def _day(today: date) -> str:
    return f"{chinese_date(today)}（{weekday_name(today)}）"


def _warning(message: str) -> str:
    return _("Warning: {message}").format(message=message)


def _error(message: str) -> str:
    return _("Error: {message}").format(message=message)


# ---------------------------------------------------------------- due, list, log, board


def due_heading(who: str, today: date, within: Length) -> str:
    return f"{who} · {_day(today)} · 逾期及{length_words(within)}内到期"


def nothing_due(who: str, today: date, within: Length) -> str:
    return f"{who}：{_day(today)}没有逾期或{length_words(within)}内到期的事项。"


def earlier_overdue(count: int, earliest: date | None, command: str = "") -> str:
    """另有 8 项更早的逾期事项，最早的 2021年7月5日到期；用 --since 2021-07-05 查看。: the hint
    reaches every one of them."""
    if earliest is None:
        return f"另有 {count} 项更早的逾期事项。"
    return (f"另有 {count} 项更早的逾期事项，最早的 {chinese_date(earliest)}到期；"
            f"用 {command}--since {earliest.isoformat()} 查看。")  # fmt: skip


def rows_left_out(shown: int, left: int) -> str:
    return (
        f"表中只列出最早到期的 {shown} 项，另有 {left} 项未列出；"
        "用 --unit 按单位查看，或 --limit 0 全部列出。"
    )


def tasks_heading(who: str, count: int) -> str:
    return f"{who} · 任务 {count} 项"


def log_heading(who: str, count: int) -> str:
    return f"{who} · 办理记录 {count} 条"


def board_heading(first: date, today: date, units: int) -> str:
    return f"督办看板 · {chinese_date(first)}至{chinese_date(today)} · {units} 个单位"


def targets_heading(who: str, today: date) -> str:
    return f"{who} · 序时进度 · 截至{chinese_date(today)}"


def no_targets(who: str, today: date) -> str:
    return f"{who}：{chinese_date(today)}没有进行中的量化指标。"


# ---------------------------------------------------------------- check


def check_report(
    tasks_file: Path, tasklist: TaskList, store: str, state: State | None, notes: int = 0,
    why: tuple[str, str] = ("", ""),
) -> list[str]:  # fmt: skip
    """What `remind check` found in good order; `state` is None when there is no store yet.
    With `notes` (things to see to that are no errors, listed after), one verdict says so;
    `why` says why the task list and the store are these (--tasks, this folder's…)."""
    verdict = f"没有错误，有 {notes} 条提醒（见下）。" if notes else "没有发现问题。"
    tasks_why, store_why = (f"（{reason}）" if reason else "" for reason in why)
    lines = [
        (
            f"{tasks_file}{tasks_why}: {len(tasklist.sources)} 个文件，{len(tasklist.units)} 个单位，"
            f"{len(tasklist.tasks)} 项任务，{verdict}"
        )
    ]
    if state is None:
        lines.append(f"{store}{store_why}: 尚未创建。")
    else:
        readings = f"，{len(state.readings)} 条进度读数" if state.readings else ""
        lines.append(f"{store}{store_why}: {len(state.records)} 条办理记录{readings}。")
    return [*lines, calendar_sources(tasklist.calendar)]


def unheard(directory: Directory, found: Sequence[tuple[Unit, int]], after: int) -> list[str]:
    """The units whose 催办 would reach no one, and how many duties each."""
    if not found:
        return []
    lines = [(f"以下单位有逾期超过{after}个工作日的事项，但没有分管领导邮箱（leader_email），"
             "催办无法抄送：")]  # fmt: skip
    for unit, count in found:
        leader = f"（分管领导 {unit.leader}）" if unit.leader else ""
        lines.append(f"  {directory.display(unit)}{leader}：{count} 项")
    return lines


def remembered(config: Path, tasks: Path, store: str) -> str:
    return (f"已记下：任务清单 {tasks}，办理记录 {store}（写在 {config}）。"
            "此后在任何文件夹运行 remind，都用这两个文件。")  # fmt: skip


def memberless(directory: Directory, found: Sequence[tuple[Unit, int]]) -> list[str]:
    """The groups that tasks name and no unit belongs to."""
    if not found:
        return []
    lines = ["以下单位组没有成员（在成员单位的 groups 中写上组名），分派给它们的任务无人承办："]
    lines += [f"  {directory.display(unit)}：{count} 项" for unit, count in found]
    return lines


def unreached(directory: Directory, units: Sequence[Unit]) -> list[str]:
    """The units whose weekly digest would reach no one."""
    if not units:
        return []
    names = JOINER.join(directory.display(unit) for unit in units)
    return [
        f"以下单位既无邮箱也无群机器人，周报无法送达（email，或配置文件的 [[webhooks]]）：{names}"
    ]


# ---------------------------------------------------------------- records


def done(receipt: Receipt) -> list[str]:
    """已记录 #7：… · 2025年6月 · 截止 2025-06-30 · 办结于 2025-06-28。"""
    record, occurrence, task = receipt.record, receipt.occurrence, receipt.occurrence.task
    lines = []
    if receipt.chosen:
        done_on = chinese_date(receipt.record.done_on, year=False)
        which = f"{done_on}所在的期次" if receipt.current else "最早的未办期次"
        lines.append(f"未指定期次，记在{which}：{occurrence.label}。")
    parts = [f"已记录 #{record.id}：{task.id} {task.title}", occurrence.label]
    parts += [f"第{receipt.count}/{task.needed}次"] if task.needed > 1 else []
    parts += [f"截止 {occurrence.due}"] + ([record.unit] if record.unit else [])
    late = f"（晚{receipt.days_late}天）" if receipt.days_late else ""
    parts += [f"办结于 {record.done_on}{late}"]
    return [*lines, " · ".join(parts) + "。"]


def kept_in(where: str) -> str:
    return f"记录保存在 {where}。"


def undone(removed: Record | Reading) -> str:
    if isinstance(removed, Reading):
        return (f"已撤销 #{removed.id}：{removed.task} 的进度读数 {amount_text(removed.value)}"
                f"（{removed.on}）。")  # fmt: skip
    unit = f" · {removed.unit}" if removed.unit else ""
    return f"已撤销 #{removed.id}：{removed.task} · {removed.period}{unit} · 办结于 {removed.done_on}。"


def imported(file: Path, store: str, merge: Merge) -> str:
    """What `remind state import` took, and what it left out as kept already."""
    said = (f"已从 {file} 导入 {merge.records} 条办理记录、{merge.readings} 条进度读数、"
            f"{merge.sent} 条发送记录到 {store}")  # fmt: skip
    if merge.duplicates:
        numbers = "、".join(f"#{n}" for n in merge.duplicates)
        said += f"；{len(merge.duplicates)} 条已在其中，未再导入（{numbers}）"
    return said + "。"


def undos(taken_back: Sequence[Undo]) -> str:
    """另有 2 条记录已撤销：#3（张敏，6月21日）、#5。"""
    listed = []
    for undo in taken_back:
        said = [undo.by] if undo.by else []
        said += [chinese_date(undo.at.date(), year=False)] if undo.at else []
        listed.append(f"#{undo.number}" + (f"（{'，'.join(said)}）" if said else ""))
    return f"另有 {len(taken_back)} 条记录已撤销：{'、'.join(listed)}。"


def reading_recorded(reading: Reading, target: Target) -> str:
    measure = target.figure.measure if target.figure else ""
    return (f"已记录 #{reading.id}：{target.text} · 截至{chinese_date(reading.on)}"
            f" {amount_text(reading.value)}{measure}。")  # fmt: skip


# ---------------------------------------------------------------- calendars


def calendar_written(path: Path, name: str, events: int) -> str:
    return f"已写入 {path}：{name}，{events} 个事项"


def folder_written(folder: Path, calendars: int) -> str:
    return f"已写入 {calendars} 个单位的日历和 index.html：{folder}"


def too_long(name: str, events: int) -> str:
    from remind.core.feeds import LONGEST

    said = _(
        "{name} has {events} events; Google Calendar keeps only about {longest} of a "
        "subscription. A shorter --horizon or --since helps."
    )
    return _warning(said.format(name=name, events=events, longest=LONGEST))


def calendar_sources(calendar: WorkCalendar) -> str:
    """Where each year's 放假 and 调休 days come from: 工作日历：chinesecalendar 1.11.0
    （2004–2026年）；2027年：holidays/2027.json."""
    if calendar.known_years is None:
        return '工作日历：只按周一至周五（workdays = "weekdays"）'
    own = sorted(y for y in calendar.known_years if y not in calendar.year_sources)
    parts = [f"{calendar.source}（{own[0]}–{own[-1]}年）"] if own else []
    parts += [f"{year}年：{file}" for year, file in sorted(calendar.year_sources.items())]
    return "工作日历：" + "；".join(parts)


def calendar_warning(calendar: WorkCalendar) -> str:
    """What to tell the user about years dates were asked about and the calendar has no
    notice for; "" when there are none."""
    if not calendar.unknown_asked:
        return ""
    years = "、".join(str(y) for y in sorted(calendar.unknown_asked))
    known = sorted(calendar.known_years or ())
    span = f"{known[0]}–{known[-1]}" if known else _("no year")
    said = _(
        "the working-day calendar ({source}, {span}) has no holiday notice for "
        "{years}: dates there are moved off weekends only; list that year's 放假 and 调休 days "
        "in [settings] holidays and working_weekends, or upgrade chinesecalendar"
    )
    return said.format(source=calendar.source, span=span, years=years)


# ---------------------------------------------------------------- mail


def delivered(what: Delivered) -> list[tuple[str, bool]]:
    """What to say of one unit's digest, each line with whether it goes to stderr."""
    from remind.core.mailing import Hold

    outgoing = what.outgoing
    unit, lines = outgoing.digest.unit, []
    if outgoing.no_address:
        # a preview is still written: it is how the missing address shows up
        said = _(
            "{unit}: no e-mail address; add email = [...] to its [[units]] entry, or give --to"
        ).format(unit=unit)
        level = _error if outgoing.hold is Hold.NO_ADDRESS else _warning
        lines.append((level(said), True))
    if outgoing.hold is Hold.EMPTY:
        lines.append((f"{unit}：本周无事项，不发送。", False))
    elif outgoing.hold is Hold.SENT and outgoing.earlier:
        earlier = outgoing.earlier
        text = f"{unit}：{earlier.week} 的周报已于 {earlier.at:%Y-%m-%d %H:%M} 发给 "
        lines.append((f"{text}{JOINER.join(earlier.to)}，不再发送（--force 重发）。", False))
    if outgoing.uncopied:
        digest = outgoing.digest
        said = _(
            "{unit}: {count} item(s) overdue more than {after} working days, and no "
            "leader_email to copy; add leader_email = [...] to its [[units]] entry"
        ).format(unit=unit, count=len(digest.escalated), after=digest.escalate_after)
        lines.append((_warning(said), True))
    if what.path:
        lines.append((f"{unit} → {what.path}", False))
    if what.error:
        lines.append((_error(f"{unit}: {what.error}"), True))
    if what.sent:
        copied = f"（抄送 {JOINER.join(outgoing.cc)}）" if outgoing.cc else ""
        lines.append((f"{unit} → {JOINER.join(outgoing.to)}{copied}", False))
    return lines


def outcome(what: Delivered | Posted) -> list[tuple[str, bool]]:
    """What to say of a unit's digest mailed or posted."""
    from remind.core.mailing import Delivered

    return delivered(what) if isinstance(what, Delivered) else posted(what)


def posted(what: Posted) -> list[tuple[str, bool]]:
    """What to say of one unit's digest in one group chat, each line with whether it goes to
    stderr."""
    from remind.core.mailing import Hold

    posting = what.posting
    unit, robot = posting.digest.unit, robot_name(posting.channel)
    if posting.hold is Hold.EMPTY:
        return [(f"{unit}：本周无事项，不发到{robot}。", False)]
    if posting.hold is Hold.SENT and posting.earlier:
        earlier = posting.earlier
        text = f"{unit}：{earlier.week} 的周报已于 {earlier.at:%Y-%m-%d %H:%M} 发到{robot}"
        return [(f"{text}，不再发送（--force 重发）。", False)]
    if what.paths:
        return [(f"{unit} → {path}", False) for path in what.paths]
    if what.error:
        said = f"{unit}: {robot}: {what.error}"
        if what.messages:
            said = _("{unit}: {robot}: {error} ({count} message(s) of it were posted)").format(
                unit=unit, robot=robot, error=what.error, count=what.messages
            )
        return [(_error(said), True)]
    count = f"（{what.messages}条）" if what.messages > 1 else ""
    mentioned = f"，@{JOINER.join(posting.mentions)}" if posting.mentions else ""
    return [(f"{unit} → {robot}{count}{mentioned}", False)]


def no_robot(unit: str) -> str:
    said = _("{unit}: no group robot; add a [[webhooks]] entry for it to the config file")
    return _error(said.format(unit=unit))


def robot_name(channel: str) -> str:
    """wecom:3f9a0c1d2e4b → 企业微信群 3f9a0c1d: the robot without its key."""
    kind, _sep, digest = channel.partition(":")
    return f"{ROBOT_WORDS.get(kind, kind)}群 {digest[:8]}"


def send_summary(sent: int, skipped: int, failed: int, written: int) -> str:
    """共发送 5 份 · 本周已发过 2 份 · 失败 1 份."""
    if written:
        return f"共写入 {written} 份，未发送。"
    parts = [f"共发送 {sent} 份"]
    parts += [f"本周已发过 {skipped} 份"] if skipped else []
    parts += [f"失败 {failed} 份"] if failed else []
    return " · ".join(parts) + "。"


# ---------------------------------------------------------------- parse, add


def phrase_lines(
    phrase: Phrase, fields: dict[str, object], moved: tuple[date, date] | None,
    calendar: WorkCalendar,
) -> list[str]:  # fmt: skip
    """How `remind parse` read a phrase, a labelled line each: 读作, 时间用语, 工作日 (when the
    due date is `moved` from a day off: the plan's date and the engine's), 事项, and the task
    list's fields."""
    import tomli_w

    from remind.views.wording import describe_when

    rows = [("读作", describe_when(phrase.when)), ("时间用语", " ".join(phrase.words))]
    if moved:
        planned, due = moved
        why = calendar.holiday(planned) or weekday_name(planned)
        rows.append(("工作日", f"{chinese_date(planned)}是{why}，截止日期移至{chinese_date(due)}"))
    rows += [("事项", phrase.rest)] if phrase.rest else []
    rows += [("注意", warning) for warning in phrase.warnings]
    if toml := tomli_w.dumps(fields).strip().splitlines():
        rows += [("任务表", toml[0])] + [("", line) for line in toml[1:]]
    return [label + " " * (10 - 2 * len(label)) + value for label, value in rows]


def received(task_id: str, schedule: str, path: Path) -> str:
    return f"已写入 {path}：{task_id} {schedule}"


def task_added(task_id: str, path: Path) -> str:
    return f"已添加任务 {task_id} 到 {path}："
