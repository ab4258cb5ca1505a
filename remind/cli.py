"""The command line: options, paths and today; calls the core, prints, maps errors.

No business logic lives here. The clock is read here and nowhere else.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

import click

from remind import __version__, schedule, store
from remind.dates import Span, chinese_date, parse_day, parse_since, parse_span, weekday_name
from remind.errors import InvalidFile, RemindError, did_you_mean
from remind.model import Agenda, Record, Status, Task, TaskList, Unit
from remind.units import Directory

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

F = TypeVar("F", bound=Callable[..., Any])

NON_TTY_WIDTH = 120  # a table piped to a file or mail is read on a wide screen, not 80 columns
SHOW_NEXT = 6


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


DAY = Parsed("DATE", parse_day)
SPAN = Parsed("SPAN", parse_span)
SINCE = Parsed("DATE|SPAN", parse_since)


# ---------------------------------------------------------------- the application context


@dataclass
class App:
    """What one run of remind knows: the files it was pointed at, today, and how to print."""

    given_tasks: Path | None = None
    given_state: Path | None = None
    given_today: date | None = None
    color: str = "auto"

    @functools.cached_property
    def _tasks_location(self) -> tuple[Path, bool]:
        return store.find_tasks(self.given_tasks, os.environ.get("REMIND_TASKS"))

    @property
    def tasks_file(self) -> Path:
        return self._tasks_location[0]

    @functools.cached_property
    def tasklist(self) -> TaskList:
        return store.load_tasklist(self.tasks_file)

    @functools.cached_property
    def state_file(self) -> Path:
        tasks, bundled = self._tasks_location
        return store.find_state(
            self.given_state, os.environ.get("REMIND_STATE"), tasks, bundled=bundled
        )

    @functools.cached_property
    def records(self) -> tuple[Record, ...]:
        return store.load_records(self.state_file)

    @functools.cached_property
    def directory(self) -> Directory:
        return Directory(self.tasklist.units)

    @functools.cached_property
    def today(self) -> date:
        """Today in the task list's time zone, whatever zone the machine's clock is set to."""
        if self.given_today:
            return self.given_today
        return datetime.now(ZoneInfo(self.tasklist.settings.timezone)).date()

    def first_day(self, since: date | Span | None = None) -> date:
        """The earliest due date to list: --since as a date or as how long ago, else the
        task list's look-back."""
        if since is None:
            return self.today - timedelta(days=self.tasklist.settings.lookback_days)
        return since if isinstance(since, date) else since.before(self.today)

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
            type=click.Path(path_type=Path, dir_okay=False),
            expose_value=False,
            callback=_remember,
            help="Task list to read [default: $REMIND_TASKS, else ./data/tasks.toml, else the bundled one].",
        ),
        click.option(
            "--state",
            type=click.Path(path_type=Path, dir_okay=False),
            expose_value=False,
            callback=_remember,
            help="State file with the records of what was done [default: $REMIND_STATE, else state.toml beside the task list].",
        ),
        click.option(
            "--today",
            type=DAY,
            expose_value=False,
            callback=_remember,
            help="Pretend today is this date, e.g. 2025-06-20 [default: today in the task list's time zone].",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def unit_options(command: F) -> F:
    command = click.option(
        "--lead", is_flag=True, help="Only tasks the unit leads (牵头), not those it supports."
    )(command)
    return click.option(
        "--unit",
        "unit_names",
        multiple=True,
        metavar="UNIT",
        help="A unit's name or alias; repeat for several. Groups it belongs to count too.",
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
@format_option("table", "json", "csv")
@click.option("--fail-on-overdue", is_flag=True, help="Exit with code 1 when anything is overdue.")
@pass_app
def due(
    app: App,
    unit_names: tuple[str, ...],
    lead: bool,
    within: Span,
    since: date | Span | None,
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
        app.records,
        today,
        horizon=horizon,
        since=first,
        warn_days=tasklist.settings.warn_days,
    )
    names = [app.directory.display(u) for u in units]
    if output_format == "json":
        from remind.serialize import agenda_json

        click.echo(
            agenda_json(agenda, tasklist, today=today, since=first, horizon=horizon, units=names)
        )
    elif output_format == "csv":
        from remind.serialize import entries_csv

        click.echo(entries_csv(agenda.entries, tasklist), nl=False)
    else:
        _show_agenda(app, agenda, names, within)
    overdue = agenda.earlier_overdue + sum(e.status is Status.OVERDUE for e in agenda.entries)
    if fail_on_overdue and overdue:
        sys.exit(1)


def _show_agenda(app: App, agenda: Agenda, names: list[str], within: Span) -> None:
    from remind import render

    who = "、".join(names) or "全部单位"
    today = f"{chinese_date(app.today)}（{weekday_name(app.today)}）"
    hint = "用 --since 查看（例如 --since 1y）。"
    if agenda.entries:
        heading = f"{who} · {today} · 逾期及{within}内到期"
        app.show(render.due_view(agenda, app.tasklist, heading=heading, look_back_hint=hint))
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
    from remind import render

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
    from remind import render

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
    from remind import render

    app.show(render.units_table(app.directory, app.tasklist.tasks))


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
        problems = [
            f"{app.state_file}: records of task {task_id!r}, which is not in {app.tasks_file}"
            for task_id in store.unknown_tasks(app.records, app.tasklist)
        ]
    if problems:
        raise CliError("\n".join(problems))
    tasklist, records = app.tasklist, app.records
    click.echo(
        f"{app.tasks_file}: {len(tasklist.sources)} 个文件，{len(tasklist.units)} 个单位，"
        f"{len(tasklist.tasks)} 项任务，没有发现问题。"
    )
    state = f"{len(records)} 条办理记录" if app.state_file.exists() else "尚未创建"
    click.echo(f"{app.state_file}: {state}。")


def main() -> None:
    try:
        cli(prog_name="remind")
    except BrokenPipeError:  # `remind due | head` closed the pipe early: nothing went wrong
        sys.stderr.close()
        sys.exit(0)
