"""remind list, show, units and check: the task list itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from remind.cli import options as opt
from remind.cli.app import App, CliError, command
from remind.core import schedule
from remind.core.board import unheard
from remind.core.units import empty_groups
from remind.errors import RemindError
from remind.views import messages

if TYPE_CHECKING:
    from remind.core.model import Unit

SHOW_NEXT = 6  # occurrences `remind show` lists after the overdue ones


@command("list")
@opt.units_and_lead
@opt.sources("Only tasks of this source (its id); repeatable.")
def list_command(
    app: App, unit_names: tuple[str, ...], lead: bool, source_ids: tuple[str, ...]
) -> None:
    """List every task with its schedule in words and its next due date.

    \b
    Example:
      remind list --unit 法制处
      remind list --source yian-2025
    """
    from remind.views.terminal import TaskTable

    units = app.units(unit_names)
    tasks = app.tasklist.of_sources(app.tasks_for(units, lead), source_ids)
    heading = messages.tasks_heading(app.who(units), len(tasks))
    app.show(TaskTable(tasks, app.tasklist, schedule.next_due(tasks, app.today), heading))


@command("show")
@click.argument("task_id", metavar="TASK")
def show_command(app: App, task_id: str) -> None:
    """Show one task: its clause, units, schedule in words and next occurrences.

    TASK is a task id, or the start of one that no other id shares.

    \b
    Example:
      remind show yian-2025-brief
    """
    from remind.views.terminal import task_view

    task = app.tasklist.task(task_id)
    entries = schedule.timeline(
        task, app.records, app.today, since=app.first_day(),
        warn_days=app.tasklist.settings.warn_days, count=SHOW_NEXT,
    )  # fmt: skip
    app.show(task_view(task, app.tasklist, entries))


@command("units")
def units_command(app: App) -> None:
    """List the units with their aliases, groups and how many tasks each leads and supports.

    \b
    Example:
      remind units
    """
    from remind.views.terminal import units_table

    app.show(units_table(app.directory, app.tasklist.tasks))


@command("check")
def check_command(app: App) -> None:
    """Check the task list and the state file; list every problem with its file and line.

    Exits with code 2 when there is any problem.

    \b
    Example:
      remind check
      remind --tasks other/tasks.toml check
    """
    if problems := app.problems():
        raise CliError("\n".join(problems))
    unreachable = unheard(app.tasklist, app.directory, app.records, app.today,
                          since=app.first_day())  # fmt: skip
    state = app.state if app.store.exists() else None
    after = app.tasklist.settings.escalate_after
    uncopied = messages.unheard(app.directory, unreachable, after)
    unreached, robots_problem = _unreached(app)
    unsent = messages.unreached(app.directory, unreached)
    unsent += (
        [f"配置文件的群机器人有问题，发送周报时会拒绝：{robots_problem}"] if robots_problem else []
    )
    empty = messages.memberless(app.directory, empty_groups(app.directory, app.tasklist.tasks))
    notes = bool(uncopied) + bool(unsent) + bool(empty)
    why = (app.tasks_why, app.store_why)
    report = messages.check_report(app.tasks_file, app.tasklist, app.store.where, state, notes,
                                   why=why)  # fmt: skip
    click.echo("\n".join([*report, *uncopied, *empty, *unsent]))


def _unreached(app: App) -> tuple[list[Unit], str]:
    """The units with duties that neither mail nor a group robot reaches, once the bureau
    sends digests at all (some unit has an address or a robot), and what is wrong with the
    config file's robots (a unit this task list lacks, a variable not set): a reminder, as
    the config may be meant for another task list; `digest --send` refuses it."""
    from remind.delivery.chat import robots_of
    from remind.storage import config, paths

    where = paths.find_config(None, app.environ.get("REMIND_CONFIG"))
    try:
        robots = robots_of(app.directory, config.load(where, app.environ))
        problem = ""
    except RemindError as error:
        robots, problem = {}, str(error)
    units = app.directory.with_duties(app.directory.duties(app.tasklist.tasks))
    if not robots and not any(unit.email for unit in units):
        return [], problem
    return [unit for unit in units if not unit.email and unit.key not in robots], problem
