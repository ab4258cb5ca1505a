"""The command line: options, paths and today; calls the core, prints, maps errors.

No business logic lives here. The clock is read here and nowhere else.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from remind import __version__
from remind.core import schedule
from remind.core.dates import Span, chinese_date, iso_day, parse_span, weekday_name
from remind.core.model import (
    Agenda,
    Occurrence,
    Reading,
    Record,
    Sent,
    Status,
    Task,
    TaskList,
    Unit,
    UnitKey,
)
from remind.core.units import Directory
from remind.errors import InvalidFile, RemindError, did_you_mean
from remind.storage import state, store

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from remind.core.digest import Digest
    from remind.core.targets import Pace
    from remind.views.ical import Feed

F = TypeVar("F", bound=Callable[..., Any])

NON_TTY_WIDTH = 120  # a table piped to a file or mail is read on a wide screen, not 80 columns
SHOW_NEXT = 6
DUE_ROWS = 50  # a table longer than a few screens is read by no one: --unit or JSON serve it
FEED_LIMIT = 1000  # events; Google Calendar drops the rest of a subscribed calendar


# ---------------------------------------------------------------- errors, one place


class CliError(click.ClickException):
    exit_code = 2

    def show(self, file: Any = None) -> None:
        for line in self.message.splitlines():
            click.echo(f"Error: {line}", err=True)


class RemindGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RemindError as error:
            raise CliError(str(error)) from error
        finally:
            _warn_about_the_calendar(ctx.find_object(App))


def _warn_about_the_calendar(app: App | None) -> None:
    """Once per run: dates fell in a year the working-day calendar has no notice for."""
    tasklist = vars(app).get("tasklist") if app else None  # only if the command loaded it
    if tasklist and (warning := tasklist.calendar.warning()):
        click.echo(f"Warning: {warning}", err=True)


# ---------------------------------------------------------------- option types


class Parsed(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.4
    """An option value read by one of remind's parsers; its RemindError is a usage error."""

    def __init__(self, name: str, parse: Callable[[str], Any]) -> None:
        self.name, self.parse = name, parse

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):  # a default that is converted already
            return value
        try:
            return self.parse(value)
        except RemindError as error:
            self.fail(str(error), param, ctx)


@dataclass(frozen=True, slots=True)
class DayText:
    """A date option as typed (2025-06-20, 6月20日, 下周一, next monday): read once today and
    the working-day calendar are known, by App.day."""

    text: str
    option: str


class DayOption(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.4
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, DayText) or value is None:
            return value
        return DayText(str(value), param.opts[0] if param else "DATE")


def _checked(check: Callable[[str], str], text: str) -> str:
    """A value the task list's own check accepts."""
    try:
        return check(text)
    except store.Expected as error:
        raise RemindError(str(error)) from None


def _span_or_day(text: str) -> Span | DayText:
    try:
        return parse_span(text)
    except RemindError:
        return DayText(text, "--since")


DAY = DayOption()
SPAN = Parsed("SPAN", parse_span)
SINCE = Parsed("DATE|SPAN", _span_or_day)
# One of each, shared by every command: click makes each type with a gettext lookup
FILE = click.Path(dir_okay=False, path_type=Path)
FOLDER = click.Path(file_okay=False, path_type=Path)


# ---------------------------------------------------------------- the application context


@dataclass
class App:
    """What one run of remind knows: the files it was pointed at, today, and how to print."""

    given_tasks: Path | None = None
    given_state: Path | None = None
    given_today: DayText | None = None
    color: str = "auto"

    @functools.cached_property
    def _tasks_location(self) -> tuple[Path, bool]:
        return store.find_tasks(self.given_tasks, os.environ.get("REMIND_TASKS"))

    @property
    def tasks_file(self) -> Path:
        return self._tasks_location[0]

    @property
    def bundled(self) -> bool:
        """The task list is the copy shipped with remind, not the user's own."""
        return self._tasks_location[1]

    @functools.cached_property
    def tasklist(self) -> TaskList:
        from remind.storage import cache

        return cache.load_tasklist(
            self.tasks_file, store.find_cache(os.environ.get("REMIND_CACHE"))
        )

    @functools.cached_property
    def state_file(self) -> Path:
        tasks, bundled = self._tasks_location
        return store.find_state(
            self.given_state, os.environ.get("REMIND_STATE"), tasks, bundled=bundled
        )

    @functools.cached_property
    def saved(self) -> state.State:
        return state.load(self.state_file)

    @property
    def records(self) -> tuple[Record, ...]:
        return self.saved.records

    def records_for(self, units: list[Unit]) -> list[Record]:
        """The records that count for these units (all of them when no unit is named)."""
        return self.directory.records_for(self.records, self.tasklist.tasks, units)

    @functools.cached_property
    def directory(self) -> Directory:
        return Directory(self.tasklist.units)

    @functools.cached_property
    def zone(self) -> tzinfo:
        """The task list's time zone: the clock is read in it, whatever the machine's zone."""
        from zoneinfo import ZoneInfo  # not paid for by a run with --today

        return ZoneInfo(self.tasklist.settings.timezone)

    def now(self) -> datetime:
        return datetime.now(self.zone).replace(microsecond=0)

    @functools.cached_property
    def today(self) -> date:
        """Today in the task list's time zone; --today 2025-06-20 reads no clock at all."""
        given = self.given_today
        if given and (day := iso_day(given.text)):
            return day
        clock = self.now().date()
        return self.read_day(given, clock) if given else clock

    def day(self, typed: DayText | None) -> date | None:
        """A date option, read against today: 6月20日, 下周一, next monday."""
        return self.read_day(typed, self.today) if typed else None

    def read_day(self, typed: DayText, today: date) -> date:
        if day := iso_day(typed.text):
            return day
        from remind.authoring.phrases import read_day

        try:
            return read_day(typed.text, today=today, calendar=self.tasklist.calendar)
        except RemindError as error:
            raise CliError(f"{typed.option}: {error}") from None

    def first_day(self, since: DayText | Span | None = None) -> date:
        """The earliest due date to list: --since as a date or as how long ago, else the
        task list's look-back."""
        if since is None:
            return self.today - timedelta(days=self.tasklist.settings.lookback_days)
        if isinstance(since, Span):
            return since.before(self.today)
        return self.read_day(since, self.today)

    def units(self, names: tuple[str, ...]) -> list[Unit]:
        return [self.directory.find(name) for name in names]

    def tasks_for(self, units: list[Unit], lead_only: bool) -> list[Task]:
        """The tasks of these units, or every task when no unit is named."""
        if not units:
            return list(self.tasklist.tasks)
        return self.directory.tasks_of(self.tasklist.tasks, units, lead_only=lead_only)

    def console(self) -> Console:
        from rich.console import Console  # rich is paid for only by views that draw

        tty = sys.stdout.isatty()
        width = None if tty or os.environ.get("COLUMNS") else NON_TTY_WIDTH
        return Console(
            force_terminal={"always": True, "never": False}.get(self.color),
            no_color=True if self.color == "never" else (False if self.color == "always" else None),
            highlight=False,
            markup=False,  # a title like 报送[2025]3号 is text, not a style tag
            emoji=False,  # nor is :smile:
            width=width,
        )

    def show(self, renderable: RenderableType) -> None:
        self.console().print(renderable)


pass_app = click.make_pass_decorator(App, ensure=True)


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Global options are taken before or after the command name; the later one wins."""
    if value is not None:
        setattr(ctx.ensure_object(App), f"given_{param.name}", value)
    return value


def global_options(command: F) -> F:
    options = [
        click.option(
            "--tasks",
            type=FILE,
            expose_value=False,
            callback=_remember,
            help="Task list to read [default: $REMIND_TASKS, else ./data/tasks.toml, else the bundled one].",
        ),
        click.option(
            "--state",
            type=FILE,
            expose_value=False,
            callback=_remember,
            help="State file with the records of what was done [default: $REMIND_STATE, else state.toml beside the task list, else in your data folder].",
        ),
        click.option(
            "--today",
            type=DAY,
            expose_value=False,
            callback=_remember,
            help="Pretend today is this date: 2025-06-20, 6月20日, 下周一, next monday [default: today in the task list's time zone].",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def units_option(help_text: str) -> Callable[[F], F]:
    return click.option("--unit", "unit_names", multiple=True, metavar="UNIT", help=help_text)


def unit_options(command: F) -> F:
    command = click.option(
        "--lead", is_flag=True, help="Only tasks the unit leads (牵头), not those it supports."
    )(command)
    return units_option(
        "A unit's name or alias; repeat for several. Groups it belongs to count too."
    )(command)


def format_option(*choices: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output: a table for people, json or csv for programs and spreadsheets.",
    )


# ---------------------------------------------------------------- commands


@click.group(
    cls=RemindGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@global_options
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the tables; auto colours only a terminal, and NO_COLOR turns it off.",
)
@click.version_option(__version__, "-V", "--version", prog_name="remind")
@pass_app
def cli(app: App, color: str) -> None:
    """Deadlines of government work plans, per unit: what is due, for whom, by when.

    The task list (data/tasks.toml) holds the duties taken clause by clause from the plans;
    remind works out every deadline from it.

    \b
    Example:
      remind due --unit 法制处
      remind --today 2025-06-20 due --unit 市科技创新局 --within 1m
    """
    app.color = color


@cli.command()
@global_options
@unit_options
@click.option(
    "--within",
    type=SPAN,
    default="14d",
    show_default=True,
    help="Show what falls due within this long: 7d, 2w, 1m.",
)
@click.option(
    "--since",
    type=SINCE,
    help="List overdue items due on or after this date, or this long ago (1y) "
    "[default: lookback_days of the task list, 90 days].",
)
@click.option(
    "--all", "show_done", is_flag=True, help="Show what was done too, greyed, with ✓ and the day."
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=DUE_ROWS,
    show_default=True,
    help="The table lists this many rows at most, soonest first; 0 lists all (JSON and CSV "
    "always do).",
)
@format_option("table", "json", "csv")
@click.option("--fail-on-overdue", is_flag=True, help="Exit with code 1 when anything is overdue.")
@pass_app
def due(
    app: App,
    unit_names: tuple[str, ...],
    lead: bool,
    within: Span,
    since: DayText | Span | None,
    show_done: bool,
    limit: int,
    output_format: str,
    fail_on_overdue: bool,
) -> None:
    """Show what is overdue or falls due soon, soonest first.

    Red (逾期) is overdue, yellow (临近) falls due within the warning days, green (未到) later.

    \b
    Example:
      remind due --unit 法制处
      remind due --unit 法制处 --unit 高新处 --within 1m
      remind due --format json > due.json
    """
    tasklist, today = app.tasklist, app.today
    units = app.units(unit_names)
    horizon = within.after(today)
    first = app.first_day(since)
    agenda = schedule.agenda(
        app.tasks_for(units, lead),
        app.records_for(units),
        today,
        horizon=horizon,
        since=first,
        warn_days=tasklist.settings.warn_days,
        include_done=show_done,
    )
    names = [app.directory.display(u) for u in units]
    if output_format == "json":
        from remind.views.machine import agenda_json

        click.echo(
            agenda_json(agenda, tasklist, today=today, since=first, horizon=horizon, units=names)
        )
    elif output_format == "csv":
        from remind.views.machine import entries_csv

        click.echo(entries_csv(agenda.entries, tasklist), nl=False)
    else:
        _show_agenda(app, agenda, names, within, limit)
    overdue = agenda.earlier_overdue + sum(e.status is Status.OVERDUE for e in agenda.entries)
    if fail_on_overdue and overdue:
        sys.exit(1)


def _show_agenda(app: App, agenda: Agenda, names: list[str], within: Span, limit: int) -> None:
    from remind.views import terminal as render

    who = "、".join(names) or "全部单位"
    today = f"{chinese_date(app.today)}（{weekday_name(app.today)}）"
    hint = "用 --since 查看（例如 --since 1y）。"
    if agenda.entries:
        heading = f"{who} · {today} · 逾期及{within}内到期"
        view = render.due_view(
            agenda, app.tasklist, app.today, heading=heading, look_back_hint=hint,
            limit=limit, limit_hint="用 --unit 按单位查看，或 --limit 0 全部列出。",
        )  # fmt: skip
        app.show(view)
        return
    app.show(f"{who}：{today}没有逾期或{within}内到期的事项。")
    if agenda.earlier_overdue:
        app.show(f"另有 {agenda.earlier_overdue} 项更早的逾期事项，{hint}")


@cli.command("list")
@global_options
@unit_options
@click.option(
    "--source",
    "source_ids",
    multiple=True,
    metavar="SOURCE",
    help="Only tasks of this source (its id); repeatable.",
)
@pass_app
def list_tasks(
    app: App, unit_names: tuple[str, ...], lead: bool, source_ids: tuple[str, ...]
) -> None:
    """List every task with its schedule in words and its next due date.

    \b
    Example:
      remind list --unit 法制处
      remind list --source yian-2025
    """
    from remind.views import terminal as render

    tasklist = app.tasklist
    known = {s.id for s in tasklist.sources}
    for source_id in source_ids:
        if source_id not in known:
            raise RemindError(f"unknown source {source_id!r}" + did_you_mean(source_id, known))
    units = app.units(unit_names)
    tasks = [t for t in app.tasks_for(units, lead) if not source_ids or t.source in source_ids]
    next_due = {}
    for task in tasks:
        if upcoming := schedule.upcoming(task, app.today, 1):
            next_due[task.id] = upcoming[0].due
    who = "、".join(app.directory.display(u) for u in units) or "全部单位"
    heading = f"{who} · 任务 {len(tasks)} 项"
    app.show(render.task_table(tasks, tasklist, next_due, heading=heading))


@cli.command()
@global_options
@click.argument("task_id", metavar="TASK")
@pass_app
def show(app: App, task_id: str) -> None:
    """Show one task: its clause, units, schedule in words and next occurrences.

    TASK is a task id, or the start of one that no other id shares.

    \b
    Example:
      remind show yian-2025-brief
    """
    from remind.views import terminal as render

    task = app.tasklist.task(task_id)
    entries = schedule.timeline(
        task,
        app.records,
        app.today,
        since=app.first_day(),
        warn_days=app.tasklist.settings.warn_days,
        count=SHOW_NEXT,
    )
    app.show(render.task_view(task, app.tasklist, entries))


@cli.command()
@global_options
@pass_app
def units(app: App) -> None:
    """List the units with their aliases, groups and how many tasks each leads and supports.

    \b
    Example:
      remind units
    """
    from remind.views import terminal as render

    app.show(render.units_table(app.directory, app.tasklist.tasks))


@cli.command()
@global_options
@click.argument("phrase")
@click.option(
    "--year",
    type=click.IntRange(1900, 2999),
    help="The plan's year, for dates written without one [default: this year].",
)
@format_option("text", "json")
@pass_app
def parse(app: App, phrase: str, year: int | None, output_format: str) -> None:
    """Show how remind reads the time phrase of a plan, or why it cannot.

    The words of the plans (6月底前, 每季度, 11月—12月, 次月5日前, 10个工作日内, 及时) become the
    schedule a task would get; anything unclear is refused, never guessed.

    \b
    Example:
      remind parse "6月底前报送半年办理工作总结" --year 2025
      remind parse "每月对口联系区内创新主体不少于2次" --format json
    """
    from remind.authoring.phrases import read, task_fields

    calendar = app.tasklist.calendar
    reading = read(phrase, year=year or app.today.year, today=app.today, calendar=calendar)
    if output_format == "json":
        from remind.views.machine import phrase_json

        click.echo(phrase_json(phrase, reading))
        return
    import tomli_w

    from remind.views.terminal import describe_reading

    fields = task_fields(reading.reading, today=app.today, calendar=calendar)
    rows = [("读作", describe_reading(reading.reading)), ("时间用语", " ".join(reading.words))]
    if isinstance(due := fields.get("due"), date):
        moved = calendar.shift(due, app.tasklist.settings.shift)
        if moved != due:
            why = calendar.holiday(due) or weekday_name(due)
            rows += [("工作日", f"{chinese_date(due)}是{why}，截止日期移至{chinese_date(moved)}")]
    rows += [("事项", reading.rest)] if reading.rest else []
    toml = tomli_w.dumps(fields).strip().splitlines()
    rows += [("任务表", toml[0])] + [("", line) for line in toml[1:]]
    for label, value in rows:
        click.echo(label + " " * (10 - 2 * len(label)) + value)


@cli.command()
@global_options
@click.argument("phrase")
@click.option(
    "--unit",
    "lead_names",
    multiple=True,
    required=True,
    metavar="UNIT",
    help="The lead unit (牵头); repeat for several.",
)
@click.option(
    "--support",
    "support_names",
    multiple=True,
    metavar="UNIT",
    help="A supporting unit (责任/配合); repeat for several.",
)
@click.option("--source", "source_id", help="The plan's id in [[sources]] [default: the only one].")
@click.option(
    "--id", "task_id", help="The new task's id [default: SOURCE-NN, the next free number]."
)
@click.option(
    "--title", help="The duty in a few words [default: the phrase without its time words]."
)
@click.option("--clause", default="", help="Where in the plan: 三（二）.")
@click.option(
    "--year",
    type=click.IntRange(1900, 2999),
    help="The year of dates written without one [default: the plan's year].",
)
@click.option("--dry-run", is_flag=True, help="Print the new [[tasks]] table; change nothing.")
@pass_app
def add(
    app: App,
    phrase: str,
    lead_names: tuple[str, ...],
    support_names: tuple[str, ...],
    source_id: str | None,
    task_id: str | None,
    title: str | None,
    clause: str,
    year: int | None,
    dry_run: bool,
) -> None:
    """Add a task from a sentence of a plan: its time phrase becomes the schedule.

    The new [[tasks]] table goes at the end of the task list; what is already in the file stays
    exactly as it is. A phrase remind cannot read is refused (try `remind parse` first).

    \b
    Example:
      remind add "6月底前报送半年办理工作总结" --unit 法制处 --source yian-2025
      remind add "每季度首月10日前报送统计数据" --unit 市发改委 --dry-run
    """
    from remind.authoring import drafts
    from remind.authoring.phrases import read, task_fields

    tasklist = app.tasklist
    if not dry_run and app.bundled:
        raise RemindError(
            "the bundled task list is read-only; copy it to data/tasks.toml and add to that copy"
        )
    source = drafts.pick_source(tasklist, source_id)
    plan_year = year or (source.start or source.issued or app.today).year
    reading = read(phrase, year=plan_year, today=app.today, calendar=tasklist.calendar)
    if not (title or reading.rest):
        raise RemindError(f"{phrase!r} says when but not what: give the duty with --title")
    fields = {
        "id": task_id or drafts.free_id(tasklist, source),
        "title": title or reading.rest,
        "source": source.id,
        "clause": clause,
        "text": phrase,
        "lead": [app.directory.find(name).name for name in lead_names],
        "support": [app.directory.find(name).name for name in support_names],
    } | task_fields(reading.reading, today=app.today, calendar=tasklist.calendar)
    table = drafts.task_toml(fields)
    if dry_run:
        click.echo(table, nl=False)
        return
    drafts.append_task(app.tasks_file, table)
    click.echo(f"已添加任务 {fields['id']} 到 {app.tasks_file}：")
    click.echo(table, nl=False)


@cli.command()
@global_options
@click.argument("plan", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--year",
    type=click.IntRange(1900, 2999),
    help="The year of dates written without one [default: the year of the plan's date].",
)
@click.option(
    "--source",
    "source_id",
    default="draft",
    show_default=True,
    help="The source id the drafts name, and their ids' prefix.",
)
@click.option(
    "--org",
    default="",
    help="The organisation whose units the plan names [default: the task list's].",
)
@pass_app
def extract(app: App, plan: Path, year: int | None, source_id: str, org: str) -> None:
    """Draft [[tasks]] from the text of a plan, for the coordinator to check and paste.

    Each numbered clause gives one task per time phrase (one standing duty when it has none),
    with its 牵头 and 责任 units; whatever needs a person's eye is marked ⚠, and units the task
    list does not know yet are listed at the end. Nothing is written.

    \b
    Example:
      remind extract 1号议案办理工作方案.txt --source yian-2026 > draft.toml
    """
    from remind.authoring import drafts, extract

    try:
        text = plan.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise RemindError(
            f"{plan}: not UTF-8 text ({error.reason} at byte {error.start})"
        ) from None
    tasklist = app.tasklist
    issued = extract.plan_date(text) or app.today
    found = extract.draft_tasks(
        text, year=year or issued.year, issued=issued, calendar=tasklist.calendar
    )
    if not found:
        raise RemindError(f"{plan}: no numbered clause (一、 （一） 1.) with a sentence in it")
    click.echo(
        drafts.plan_toml(
            found,
            source=source_id,
            org=org or tasklist.settings.org,
            directory=app.directory,
            today=app.today,
            calendar=tasklist.calendar,
        ),
        nl=False,
    )


@cli.command()
@global_options
@pass_app
def check(app: App) -> None:
    """Check the task list and the state file; list every problem with its file and line.

    Exits with code 2 when there is any problem.

    \b
    Example:
      remind check
      remind --tasks other/tasks.toml check
    """
    problems: list[str] = []
    for load in (lambda: app.tasklist, lambda: app.records):  # both, so both files are checked
        try:
            load()
        except InvalidFile as error:
            problems += str(error).splitlines()
    if not problems:
        problems = state.problems(app.records, app.saved.readings, app.tasklist, app.state_file)
    if problems:
        raise CliError("\n".join(problems))
    tasklist, records = app.tasklist, app.records
    click.echo(
        f"{app.tasks_file}: {len(tasklist.sources)} 个文件，{len(tasklist.units)} 个单位，"
        f"{len(tasklist.tasks)} 项任务，没有发现问题。"
    )
    readings = f"，{len(app.saved.readings)} 条进度读数" if app.saved.readings else ""
    kept = f"{len(records)} 条办理记录{readings}" if app.state_file.exists() else "尚未创建"
    click.echo(f"{app.state_file}: {kept}。")
    _check_escalation(app)


def _check_escalation(app: App) -> None:
    """Name the units whose 催办 would reach no one: overdue past escalate_after working days,
    and no leader_email to copy."""
    from remind.core.board import escalations

    after = app.tasklist.settings.escalate_after
    units = _digest_units(app, app.directory.duties(app.tasklist.tasks))
    found = escalations(
        app.directory, app.tasklist.tasks, app.records, units, app.today,
        since=app.first_day(), after=after,
    )  # fmt: skip
    unreachable = [(unit, n) for unit, n in found if not unit.leader_email]
    if unreachable:
        click.echo(f"以下单位有逾期超过{after}个工作日的事项，但没有分管领导邮箱（leader_email），"
                   "催办无法抄送：")  # fmt: skip
    for unit, count in unreachable:
        leader = f"（分管领导 {unit.leader}）" if unit.leader else ""
        click.echo(f"  {app.directory.display(unit)}{leader}：{count} 项")


# ---------------------------------------------------------------- records


@cli.command()
@global_options
@click.argument("task_id", metavar="TASK")
@click.option(
    "--period", help="The period done: 2025-06, 2025-Q2, 2025-H1, 2025, 2025-W25, or once."
)
@click.option("--due", "due_day", type=DAY, help="The occurrence due on this day, instead.")
@click.option(
    "--unit",
    "unit_name",
    metavar="UNIT",
    help="The unit it was done for; needed when a group (各承办单位) leads the task.",
)
@click.option("--on", "done_on", type=DAY, help="The day it was done [default: today].")
@click.option("--by", envvar="REMIND_BY", default="", help="Who did it [default: $REMIND_BY].")
@click.option("--note", default="", help="A note: 已报送, a document number …")
@pass_app
def done(
    app: App,
    task_id: str,
    period: str | None,
    due_day: DayText | None,
    unit_name: str | None,
    done_on: DayText | None,
    by: str,
    note: str,
) -> None:
    """Record that one occurrence of TASK was done; `remind due` stops listing it.

    Without --period or --due it takes the earliest open occurrence, the first one `remind due`
    lists for the task, and says which it took. TASK may be the start of an id.

    \b
    Example:
      remind done yian-2025-brief --period 2025-06 --unit 市发改委 --note 已报送
      remind done kj2021-14-hongshan --on 2025-06-12 --by 王建平
    """
    if period and due_day:
        raise click.UsageError("give --period or --due, not both")
    task = app.tasklist.task(task_id)
    unit = app.directory.unit_of_record(task, unit_name)
    on = app.day(done_on) or app.today
    due = app.day(due_day)
    if on > app.today:
        raise RemindError(f"--on {on} is after today ({app.today}); record it once done")
    recorded = app.now()

    def add(current: state.State) -> tuple[state.State, tuple[Record, Occurrence, int]]:
        seen = app.directory.records_for(current.records, [task], [unit] if unit else [])
        occurrence, earlier = schedule.occurrence_to_record(
            task, seen, app.today, since=app.first_day(), period=period, due=due
        )
        count = earlier + 1
        record = Record(
            task.id, occurrence.period, on, by, note, unit.name if unit else "",
            recorded=recorded,
        )  # fmt: skip
        new, numbered = current.add(record)
        return new, (numbered, occurrence, count)

    record, occurrence, count = state.change(app.state_file, add)
    if not period and not due_day:
        click.echo(f"未指定期次，记在最早的未办期次：{occurrence.label}。")
    needed = schedule.records_needed(task)
    late = (on - occurrence.due).days
    parts = [f"已记录 #{record.id}：{task.id} {task.title}", occurrence.label]
    parts += [f"第{count}/{needed}次"] if needed > 1 else []
    parts += [f"截止 {occurrence.due}"] + ([unit.name] if unit else [])
    parts += [f"办结于 {on}" + (f"（晚{late}天）" if late > 0 else "")]
    click.echo(" · ".join(parts) + "。")


@cli.command()
@global_options
@click.argument("record_id", metavar="[RECORD]", required=False)
@pass_app
def undo(app: App, record_id: str | None) -> None:
    """Take back the last record made, or the one numbered RECORD (see `remind log`).

    \b
    Example:
      remind undo
      remind undo 7
    """
    number = None
    if record_id is not None:
        try:
            number = int(record_id.removeprefix("#"))
        except ValueError:
            raise click.BadParameter(
                f"expected a record number like 7, got {record_id!r}"
            ) from None
    if not app.state_file.exists():
        raise RemindError(f"{app.state_file}: no records yet")
    removed = state.change(app.state_file, lambda current: current.remove(number))
    if isinstance(removed, Reading):
        from remind.core.targets import amount_text

        click.echo(f"已撤销 #{removed.id}：{removed.task} 的进度读数 {amount_text(removed.value)}"
                   f"（{removed.on}）。")  # fmt: skip
        return
    unit = f" · {removed.unit}" if removed.unit else ""
    click.echo(
        f"已撤销 #{removed.id}：{removed.task} · {removed.period}{unit} · 办结于 {removed.done_on}。"
    )


@cli.command()
@global_options
@units_option("Only these units' duties.")
@click.option(
    "--since", type=SINCE, help="Only records done on or after this date, or this long ago (1m)."
)
@format_option("table", "json")
@pass_app
def log(
    app: App, unit_names: tuple[str, ...], since: DayText | Span | None, output_format: str
) -> None:
    """List the records of what was done, in the order it was done.

    \b
    Example:
      remind log --unit 法制处 --since 1m
    """
    units = app.units(unit_names)
    records = app.records_for(units)
    if units:
        mine = {task.id for task in app.tasks_for(units, lead_only=False)}
        records = [r for r in records if r.task in mine]
    if since is not None:
        first = app.first_day(since)
        records = [r for r in records if r.done_on >= first]
    lines = state.log_lines(records, app.tasklist)
    if output_format == "json":
        from remind.views.machine import log_json

        click.echo(log_json(lines))
        return
    from remind.views import terminal as render

    who = "、".join(app.directory.display(u) for u in units) or "全部单位"
    app.show(render.log_table(lines, f"{who} · 办理记录 {len(lines)} 条"))


# ---------------------------------------------------------------- targets (序时进度)


@cli.command()
@global_options
@click.argument("task_id", metavar="TASK")
@click.argument("value")
@click.option(
    "--item", type=click.IntRange(1, 100), help="Which figure, when the target has several."
)
@click.option("--on", "read_on", type=DAY, help="The day the figure was reached [default: today].")
@click.option("--by", envvar="REMIND_BY", default="", help="Who reported it [default: $REMIND_BY].")
@click.option("--note", default="", help="A note: 统计口径, the source of the figure …")
@pass_app
def progress(
    app: App,
    task_id: str,
    value: str,
    item: int | None,
    read_on: DayText | None,
    by: str,
    note: str,
) -> None:
    """Record how far TASK's target has come: VALUE is the figure reached so far this period
    (1500, 1500家, 2100亿元, 3.1%); `remind targets` paces it.

    \b
    Example:
      remind progress yian-2025-target-contracts 1900亿元 --on 2025-09-15
      remind progress tineng-2021-hightech 1200 --item 1 --note 统计局月报
    """
    from remind.core.targets import amount_text, read_value, target_named

    task = app.tasklist.task(task_id)
    target = target_named(task, item)
    assert target.figure is not None  # target_named refuses the others
    amount = read_value(value, target.figure)
    on = app.day(read_on) or app.today
    if on > app.today:
        raise RemindError(f"--on {on} is after today ({app.today}); record a figure once reached")
    recorded = app.now()
    reading = Reading(task.id, amount, on, target.item, by, note, recorded=recorded)
    numbered = state.change(app.state_file, lambda current: current.read(reading))
    click.echo(f"已记录 #{numbered.id}：{target.text} · 截至{chinese_date(on)}"
               f" {amount_text(amount)}{target.figure.measure}。")  # fmt: skip


@cli.command()
@global_options
@unit_options
@click.option(
    "--source", "source_ids", multiple=True, metavar="SOURCE",
    help="Only targets of this source (its id); repeatable.",
)  # fmt: skip
@format_option("table", "json")
@pass_app
def targets(
    app: App, unit_names: tuple[str, ...], lead: bool, source_ids: tuple[str, ...],
    output_format: str,
) -> None:  # fmt: skip
    """Show each quantitative target against its pace (序时进度): the latest reading, the
    value expected by today, and a light.

    Green: on or ahead of pace. Yellow: behind by less than pace_behind (10%). Red: further
    behind, or no reading for longer than pace_stale_days (45).

    \b
    Example:
      remind targets --today 2025-09-30
      remind targets --unit 市科技创新局 --source yian-2025
    """
    units = app.units(unit_names)
    tasks = [t for t in app.tasks_for(units, lead) if not source_ids or t.source in source_ids]
    found = _paces(app, tasks, app.first_day())
    if output_format == "json":
        from remind.views.machine import targets_json

        click.echo(targets_json(found, today=app.today))
        return
    from remind.views import terminal as render

    who = "、".join(app.directory.display(u) for u in units) or "全部单位"
    if not found:
        app.show(f"{who}：{chinese_date(app.today)}没有进行中的量化指标。")
        return
    app.show(render.targets_table(found, f"{who} · 序时进度 · 截至{chinese_date(app.today)}"))


@cli.command("calendar")
@global_options
@unit_options
@click.option(
    "--month",
    "month_text",
    metavar="MONTH",
    help="The month to show: 2025-06, 2025年6月, 6月, 下月 [default: this month].",
)
@click.option(
    "--months",
    type=click.IntRange(1, 24),
    default=1,
    show_default=True,
    help="How many months, from --month on.",
)
@format_option("table", "json")
@pass_app
def calendar_command(
    app: App,
    unit_names: tuple[str, ...],
    lead: bool,
    month_text: str | None,
    months: int,
    output_format: str,
) -> None:
    """Draw a month with the deadlines in its days: overdue red, soon yellow, later green, done
    grey; stretches such as 11月—12月 as a band; days off dimmed, 调休 workdays marked 班.

    \b
    Example:
      remind calendar --month 2025-06 --unit 市科技创新局
      remind calendar --month 2025-11 --months 2
    """
    from remind.core import month as month_view

    year, first_month = app.today.year, app.today.month
    if month_text:
        from remind.authoring.phrases import read_month

        try:
            year, first_month = read_month(
                month_text, today=app.today, calendar=app.tasklist.calendar
            )
        except RemindError as error:
            raise CliError(f"--month: {error}") from None
    units = app.units(unit_names)
    tasks, records = app.tasks_for(units, lead), app.records_for(units)
    calendar, warn_days = app.tasklist.calendar, app.tasklist.settings.warn_days
    shown = []
    for offset in range(months):
        y, m = divmod(year * 12 + first_month - 1 + offset, 12)
        first, last = month_view.month_span(y, m + 1)
        entries = schedule.entries_between(
            tasks, records, app.today, first, last, warn_days=warn_days
        )
        shown.append(month_view.build(y, m + 1, entries, today=app.today, calendar=calendar))
    names = [app.directory.display(u) for u in units]
    if output_format == "json":
        from remind.views.machine import month_json

        click.echo(month_json(shown, today=app.today, units=names))
        return
    from remind.views.month_grid import MonthView

    app.show(MonthView(shown, "、".join(names)))


@cli.command("ical")
@global_options
@unit_options
@click.option("--all-units", is_flag=True, help="One calendar per unit, and index.html, in --dir.")
@click.option(
    "--dir",
    "folder",
    type=FOLDER,
    help="The folder --all-units writes to, made if missing; serve it for subscriptions.",
)
@click.option(
    "-o",
    "--output",
    type=FILE,
    help="The .ics file to write [default: standard output].",
)
@click.option(
    "--horizon",
    type=SPAN,
    default="18m",
    show_default=True,
    help="Deadlines up to this far ahead: 6m, 1y.",
)
@click.option(
    "--since",
    type=SINCE,
    help="Deadlines from this date, or this long ago (1y) [default: lookback_days, 90 days].",
)
@click.option(
    "--base-url",
    help="The web address --dir is served at, for the subscription links of index.html: "
    "https://oa.example.org/remind/.",
)
@pass_app
def ical_command(
    app: App,
    unit_names: tuple[str, ...],
    lead: bool,
    all_units: bool,
    folder: Path | None,
    output: Path | None,
    horizon: Span,
    since: DayText | Span | None,
    base_url: str | None,
) -> None:
    """Write the deadlines as an iCalendar (.ics) file for Outlook, Google or Apple Calendar.

    Each occurrence is an all-day event on the date `remind due` shows, with one reminder
    (alarms in the task list), the plan's words and the `remind done` command that closes it.
    Writing to the same file again keeps every unchanged event as it was.

    \b
    Example:
      remind ical --unit 法制处 -o 法制处.ics
      remind ical --all-units --dir cal/ --base-url https://oa.example.org/remind/
    """
    from remind.delivery import processes
    from remind.views import index_html as publish
    from remind.views.ical import CALENDAR_TITLE

    _check_ical_options(unit_names, all_units, folder, output, base_url)
    base_url = publish.check_base_url(base_url) if base_url else ""
    first, last = app.first_day(since), horizon.after(app.today)
    if not all_units:
        units = app.units(unit_names)
        _write_calendar(app, _feed(app, units, app.tasks_for(units, lead), first, last), output)
        return
    assert folder is not None
    units = list(app.directory.units.values())
    duties = app.directory.duties(app.tasklist.tasks, lead_only=lead)
    names = publish.file_names([(_owner([unit]), app.directory.display(unit)) for unit in units])
    _make_folder(folder)

    def write_calendar(unit: Unit, path: Path) -> tuple[Path, str, int, set[int]]:
        """Writes the unit's calendar to `path`; hands back what the run says and lists, and
        the years its dates fell in that the working-day calendar has no notice for (what a
        worker finds stays in the worker unless handed back)."""
        feed = _feed(app, [unit], duties[unit.key], first, last)
        _publish(app, feed, path)
        return path, feed.name, len(feed.entries), app.tasklist.calendar.unknown_asked

    jobs = [(unit, folder / name) for unit, name in zip(units, names, strict=True)]
    listed = []
    for path, name, events, unknown in processes.each(write_calendar, jobs):
        app.tasklist.calendar.unknown_asked.update(unknown)
        _warn_if_too_long(name, events)
        listed.append(publish.Published(name, path.name, events))
    listed.sort(key=lambda calendar: calendar.name)
    title = f"{CALENDAR_TITLE} · 日历订阅"
    _write(
        folder / publish.INDEX, publish.index_html(listed, title=title, base_url=base_url).encode()
    )
    click.echo(f"已写入 {len(names)} 个单位的日历和 {publish.INDEX}：{folder}")


def _check_ical_options(
    unit_names: tuple[str, ...],
    all_units: bool,
    folder: Path | None,
    output: Path | None,
    base_url: str | None,
) -> None:
    if all_units and unit_names:
        raise click.UsageError("--all-units writes every unit's calendar; leave out --unit")
    if all_units and output:
        raise click.UsageError("--all-units writes one file per unit into --dir, not to -o")
    if all_units and not folder:
        raise click.UsageError("--all-units needs --dir, the folder to write the calendars to")
    if folder and not all_units:
        raise click.UsageError("--dir goes with --all-units; for one calendar use -o FILE")
    if base_url and not all_units:
        raise click.UsageError("--base-url is for the index.html of --all-units --dir")


def _feed(app: App, units: list[Unit], tasks: list[Task], first: date, last: date) -> Feed:
    """The calendar of these units (of the whole list when none), whose tasks are `tasks`."""
    from remind.views.ical import Feed

    entries = schedule.entries_between(
        tasks, app.records_for(units), app.today, first, last,
        warn_days=app.tasklist.settings.warn_days,
    )  # fmt: skip
    names = [app.directory.display(unit) for unit in units]
    if not units:
        return Feed("全部单位", "*", tuple(entries), None)
    return Feed(
        "、".join(names),
        _owner(units),
        tuple(entries),
        frozenset(task.id for task in tasks if not task.supporting),
        names[0] if len(names) == 1 else "",
    )


def _owner(units: list[Unit]) -> str:
    """The units, unambiguously, as every UID of their calendar has them: 武汉/法制处."""
    return "|".join(sorted("/".join(unit.key) for unit in units))


def _calendar(app: App, feed: Feed, previous: bytes = b"") -> bytes:
    """The feed's bytes; events unchanged since `previous` was written keep its stamps."""
    from remind.views.ical import calendar_bytes

    midnight = datetime.combine(app.today, time(), app.zone)
    return calendar_bytes(feed, app.tasklist, stamp=midnight.astimezone(UTC), previous=previous)


def _publish(app: App, feed: Feed, path: Path) -> None:
    """Writes the feed's calendar to `path`, unless the file there says exactly that already:
    left alone, it keeps its date and a web server's ETag, and subscribers fetch nothing."""
    previous = path.read_bytes() if path.is_file() else b""
    data = _calendar(app, feed, previous)
    if data != previous:
        _write(path, data)


def _warn_if_too_long(name: str, events: int) -> None:
    if events > FEED_LIMIT:
        click.echo(
            f"Warning: {name} has {events} events; Google Calendar keeps only about "
            f"{FEED_LIMIT} of a subscription. A shorter --horizon or --since helps.",
            err=True,
        )


def _write_calendar(app: App, feed: Feed, output: Path | None) -> None:
    _warn_if_too_long(feed.name, len(feed.entries))
    if output is None:
        click.echo(_calendar(app, feed), nl=False)  # bytes go to the binary stream as they are
        return
    _publish(app, feed, output)
    click.echo(f"已写入 {output}：{feed.name}，{len(feed.entries)} 个事项")


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CliError(f"cannot make the folder {folder}: {error.strerror}") from None


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all: a subscriber fetching the file never gets half of it."""
    try:
        state.write_atomically(path, data, like=path)
    except OSError as error:
        raise CliError(f"cannot write {path}: {error.strerror or error}") from None


@cli.command("digest")
@global_options
@unit_options
@click.option("--all-units", is_flag=True, help="Every unit with duties of its own.")
@click.option(
    "--week",
    "week_day",
    type=DAY,
    help="A day of the week to report: 2025-06-16, 6月16日, 下周一 [default: this week].",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "html", "markdown"]),
    default="text",
    show_default=True,
    help="How to print it (not with --send or --dry-run).",
)
@click.option("--send", is_flag=True, help="Mail each unit its digest through the SMTP server.")
@click.option("--dry-run", is_flag=True, help="Write each message as an .eml file; send nothing.")
@click.option(
    "--outbox",
    type=FOLDER,
    help="The folder for --dry-run's .eml files [default: ./outbox].",
)
@click.option(
    "--to",
    "to",
    type=Parsed("ADDRESS", lambda text: _checked(store.email_address, text)),
    multiple=True,
    help="Send here instead of the units' own addresses.",
)
@click.option("--skip-empty", is_flag=True, help="Send nothing to a unit with nothing to report.")
@click.option("--force", is_flag=True, help="Send again a digest already sent for the week.")
@click.option(
    "--config",
    "config_file",
    type=FILE,
    help="SMTP settings [default: $REMIND_CONFIG, else config.toml in your config folder].",
)
@pass_app
def digest_command(
    app: App,
    unit_names: tuple[str, ...],
    lead: bool,
    all_units: bool,
    week_day: DayText | None,
    output_format: str,
    send: bool,
    dry_run: bool,
    outbox: Path | None,
    to: tuple[str, ...],
    skip_empty: bool,
    force: bool,
    config_file: Path | None,
) -> None:
    """Show each unit's week: overdue, due this week, due next week, done last week; with
    --send, mail it to the unit.

    The week runs Monday to Sunday in the task list's time zone, whatever the clock of the
    machine says. A digest sent for a week is not sent again unless --force.

    \b
    Example:
      remind digest --unit 法制处
      remind digest --all-units --send
      remind digest --all-units --dry-run --outbox /tmp/digests
    """
    from remind.core import digest as weekly

    if all_units and unit_names:
        raise click.UsageError("--all-units takes every unit; leave out --unit")
    if send and dry_run:
        raise click.UsageError("give --send or --dry-run, not both")
    if outbox and not dry_run:
        raise click.UsageError("--outbox is the folder of --dry-run")
    duties = app.directory.duties(app.tasklist.tasks) if all_units else {}  # one pass for all
    units = _digest_units(app, duties) if all_units else app.units(unit_names)
    week = weekly.Week.of(app.day(week_day) or app.today)
    settings, first = app.tasklist.settings, app.first_day()

    def tasks_of(unit: Unit | None, lead_only: bool) -> list[Task]:
        """The unit's tasks, every task for None; --all-units found them all in one pass."""
        if unit is None:
            return list(app.tasklist.tasks)
        found = duties[unit.key] if duties else app.tasks_for([unit], lead_only=False)
        return [task for task in found if not task.supporting] if lead_only else found

    whom: list[Unit | None] = [*units] or [None]  # no unit: the whole task list
    digests = [
        weekly.build(
            app.directory.display(unit) if unit else "全部单位",
            tasks_of(unit, lead),
            app.records_for([unit] if unit else []),
            today=app.today,
            week=week,
            since=first,
            warn_days=settings.warn_days,
            targets=_paces(app, tasks_of(unit, lead_only=True), first),
            escalate_after=settings.escalate_after,
        )
        for unit in whom
    ]
    if not (send or dry_run):
        write = {"text": weekly.as_text, "html": weekly.as_html, "markdown": weekly.as_markdown}
        click.echo("\n".join(write[output_format](d) for d in digests), nl=False)
        return
    if not units:
        raise click.UsageError("say whose digest to mail: --unit U or --all-units")
    if dry_run:
        _make_folder(outbox := outbox or Path("outbox"))
    _mail_digests(app, list(zip(units, digests, strict=True)), to, skip_empty=skip_empty,
                  force=force, outbox=outbox if dry_run else None,
                  config_file=config_file)  # fmt: skip


def _paces(app: App, tasks: list[Task], first: date) -> list[Pace]:
    from remind.core.targets import paces

    return paces(app.tasklist, tasks, app.saved.readings, app.today, since=first)


def _digest_units(app: App, duties: dict[UnitKey, list[Task]]) -> list[Unit]:
    """Every unit with duties of its own: a group whose members exist hands its duties to them."""
    return [
        unit
        for unit in app.directory.units.values()
        if not app.directory.members(unit) and duties[unit.key]
    ]


def _mail_digests(
    app: App,
    digests: list[tuple[Unit, Digest]],
    to: tuple[str, ...],
    *,
    skip_empty: bool,
    force: bool,
    outbox: Path | None,
    config_file: Path | None,
) -> None:
    """Send one message per unit, or with an outbox write each as an .eml file; one unit's
    failure stops no other, and makes the exit code 1."""
    from remind.delivery import mail

    config = _config_path(config_file)
    smtp = mail.load_settings(config, os.environ)
    if outbox is None and not (smtp.host and smtp.sender):
        missing = "host" if not smtp.host else "from"
        variable = mail.ENVIRONMENT["host" if not smtp.host else "sender"]
        where = config or "the config file"
        raise CliError(f"no SMTP {missing}: set {missing} in [smtp] of {where} or ${variable}")
    secret = mail.password(smtp, os.environ) if outbox is None else ""
    now = app.now()
    sent_before = state.load(app.state_file)
    failed = 0
    for unit, digest in digests:
        key, recipients = "/".join(unit.key), to or unit.email
        if not recipients:
            # a preview is still written: it is how the missing address shows up
            level = "Warning" if outbox else "Error"
            click.echo(f"{level}: {digest.unit}: no e-mail address; add email = [...] to its "
                       "[[units]] entry, or give --to", err=True)  # fmt: skip
            if outbox is None:
                failed += 1
                continue
        if skip_empty and digest.empty:
            click.echo(f"{digest.unit}：本周无事项，不发送。")
            continue
        earlier = sent_before.was_sent(key, digest.week.key)
        if earlier and not force and outbox is None:
            click.echo(f"{digest.unit}：{digest.week.key} 的周报已于 {earlier.at:%Y-%m-%d %H:%M} "
                       f"发给 {'、'.join(earlier.to)}，不再发送（--force 重发）。")  # fmt: skip
            continue
        cc = _leaders_to_copy(unit, digest, overridden=bool(to))
        message = mail.message(
            digest, sender=smtp.sender or "remind@localhost", to=recipients, cc=cc, now=now
        )
        if outbox is not None:
            path = outbox / mail.eml_name(digest.week.key, digest.unit)
            _write(path, bytes(message))
            click.echo(f"{digest.unit} → {path}")
            continue
        try:
            mail.send(message, smtp, secret)
        except mail.SendFailed as error:
            click.echo(f"Error: {digest.unit}: {error}", err=True)
            failed += 1
            if not error.partly:
                continue
        _remember_sent(app, Sent(key, digest.week.key, (*recipients, *cc), now))
        copied = f"（抄送 {'、'.join(cc)}）" if cc else ""
        click.echo(f"{digest.unit} → {'、'.join(recipients)}{copied}")
    if failed:
        sys.exit(1)


def _leaders_to_copy(unit: Unit, digest: Digest, *, overridden: bool) -> tuple[str, ...]:
    """催办: the 分管领导 is copied when a duty is overdue past escalate_after working days;
    not when --to sends the digest elsewhere (a trial run is no escalation)."""
    if not digest.escalated or overridden:
        return ()
    if not unit.leader_email:
        click.echo(f"Warning: {digest.unit}: {len(digest.escalated)} item(s) overdue more than "
                   f"{digest.escalate_after} working days, and no leader_email to copy; "
                   "add leader_email = [...] to its [[units]] entry", err=True)  # fmt: skip
    return unit.leader_email


def _remember_sent(app: App, sent: Sent) -> None:
    state.change(app.state_file, lambda current: (current.mailed(sent), None))


def _config_path(given: Path | None) -> Path | None:
    """--config, else $REMIND_CONFIG, else config.toml in the user's config folder if there."""
    if given:
        return given
    if named := os.environ.get("REMIND_CONFIG"):
        return Path(named)
    from remind.delivery.mail import CONFIG_NAME

    found = store.user_folder("config") / CONFIG_NAME
    return found if found.is_file() else None


@cli.command("board")
@global_options
@units_option("Only these units; a group stands for its members.")
@click.option(
    "--since",
    type=SINCE,
    help="Count occurrences due from this date [default: 1 January of this year].",
)
@format_option("table", "json")
@pass_app
def board_command(
    app: App, unit_names: tuple[str, ...], since: DayText | Span | None, output_format: str
) -> None:
    """Per unit, how its duties stand: overdue, due soon, done on time, done late, completion
    rate; lead (牵头) and support (配合) counted apart, worst first.

    Red: a duty it leads is overdue. Yellow: one it leads falls due soon, or one it supports is
    overdue. Green: neither.

    \b
    Example:
      remind board
      remind board --unit 各区人民政府 --format json
    """
    from remind.core import board

    tasks = app.tasklist.tasks
    first = app.first_day(since) if since is not None else date(app.today.year, 1, 1)
    units = board.board_units(app.directory, tasks, app.units(unit_names))
    targets = _paces(app, app.directory.tasks_of(tasks, units, lead_only=True), first)
    rows = board.standings(
        app.directory, tasks, app.records, units, app.today, since=first,
        warn_days=app.tasklist.settings.warn_days, paces=targets,
    )  # fmt: skip
    total = board.totals(rows, targets)
    if output_format == "json":
        from remind.views.machine import board_json

        click.echo(board_json(rows, total, today=app.today, since=first))
        return
    from remind.views import terminal as render

    heading = f"督办看板 · {chinese_date(first)}至{chinese_date(app.today)} · {len(rows)} 个单位"
    app.show(render.board_table(rows, total, heading))


def main() -> None:
    try:
        cli(prog_name="remind")
    except BrokenPipeError:  # `remind due | head` closed the pipe early: nothing went wrong
        sys.stderr.close()
        sys.exit(0)
