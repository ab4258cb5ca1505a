"""remind done, undo, log and progress: the records of what was done, in the record store."""

from __future__ import annotations

import click

from remind.cli import options as opt
from remind.cli.app import App, command
from remind.core import records
from remind.core.dates import Length
from remind.core.model import Reading
from remind.errors import RemindError
from remind.i18n import _
from remind.views import messages


@command("received")
@click.argument("task_id", metavar="TASK")
@click.option("--on", "on_day", type=opt.DAY, help="The day it happened [default: today].")
def received_command(app: App, task_id: str, on_day: opt.DayText | None) -> None:
    """Write the day the event a time limit counts from happened (收到交办件): TASK falls
    due that many days after it. The task list is changed in that one line.

    \b
    Example:
      remind received jiaoban-07 --on 2025-09-26
    """
    from remind.core.model import Limit
    from remind.views.wording import describe

    task = app.tasklist.task(task_id)
    if not isinstance(task.schedule, Limit):
        raise RemindError(
            _("{task}: not a time limit from an event (within = N with after)").format(task=task.id)
        )
    day = app.day(on_day, past=True) or app.today
    app.set_received(task.id, day)
    schedule = app.tasklist.task(task.id).schedule
    click.echo(messages.received(task.id, describe(schedule), app.tasks_file))


@command("done")
@click.argument("task_id", metavar="TASK")
@click.option("--period",
              help="The period done: 2025-06, 2025-Q2, 2025-H1, 2025, 2025-W25, or once.")  # fmt: skip
@click.option("--due", "due_day", type=opt.DAY, help="The occurrence due on this day, instead.")
@click.option("--unit", "unit_name", metavar="UNIT",
              help="The unit it was done for; needed when a group (各承办单位) leads the task.")  # fmt: skip
@opt.record(on="The day it was done [default: today].", by="Who did it [default: $REMIND_BY].",
            note="A note: 已报送, a document number …")  # fmt: skip
def done_command(
    app: App, task_id: str, period: str | None, due_day: opt.DayText | None, unit_name: str | None,
    on_day: opt.DayText | None, by: str, note: str,
) -> None:  # fmt: skip
    """Record that one occurrence of TASK was done; `remind due` stops listing it.

    Without --period or --due it takes the occurrence of the period the day it was done is in
    (this week's, this month's) while that is open, else the earliest open one, the first one
    `remind due` lists for the task; it says which it took. TASK may be the start of an id.

    \b
    Example:
      remind done yian-2025-brief --period 2025-06 --unit 市发改委 --note 已报送
      remind done kj2021-14-hongshan --on 2025-06-12 --by 王建平
    """
    if period and due_day:
        raise click.UsageError(_("give --period or --due, not both"))
    task = app.tasklist.task(task_id)
    unit = app.directory.unit_of_record(task, unit_name)
    on, due = app.day(on_day, past=True) or app.today, app.day(due_day)
    today, since, recorded = app.today, app.first_day(), app.now()
    receipt = app.change(
        lambda current: records.record_done(
            current, app.directory, task, unit, today=today, since=since, period=period,
            due=due, on=on, by=by, note=note, recorded=recorded,
        )
    )  # fmt: skip
    click.echo("\n".join(messages.done(receipt)))
    _say_where(app)


@command("undo")
@click.argument("number", metavar="[RECORD]", type=opt.RECORD, required=False)
@click.option(
    "--by", envvar="REMIND_BY", default="", help="Who takes it back [default: $REMIND_BY]."
)
def undo_command(app: App, number: int | None, by: str) -> None:
    """Take back your own last record (made with the same --by), or the one numbered RECORD,
    whoever made it (see `remind log`); the record stays in the store, with who took it back
    and when.

    \b
    Example:
      remind undo
      remind undo 7
    """
    if not app.store.exists():
        raise RemindError(_("{where}: no records yet").format(where=app.store.where))
    at = app.now()
    removed = app.change(lambda current: current.remove(number, by=by, at=at))
    click.echo(messages.undone(removed))
    _say_where(app)


@command("log")
@opt.units("Only these units' duties.")
@opt.since("Only records done on or after this date, or this long ago (1m).")
@opt.formats("table", "json")
def log_command(
    app: App, unit_names: tuple[str, ...], since: opt.DayText | Length | None, output_format: str
) -> None:
    """List the records of what was done, in the order it was done.

    \b
    Example:
      remind log --unit 法制处 --since 1m
    """
    units = app.units(unit_names)
    first = app.first_day(since) if since is not None else None
    lines = records.log(app.records, app.tasklist, app.directory, units, since=first)
    if output_format == "json":
        from remind.views.machine import log_json

        click.echo(log_json(lines))
        return
    from remind.views.terminal import log_table

    app.show(log_table(lines, messages.log_heading(app.who(units), len(lines))))
    if app.state.undos and not units:
        click.echo(messages.undos(app.state.undos))


@command("progress")
@click.argument("task_id", metavar="TASK")
@click.argument("value")
@click.option("--item", type=click.IntRange(1, 100),
              help="Which figure, when the target has several.")  # fmt: skip
@opt.record(on="The day the figure was reached [default: today].",
            by="Who reported it [default: $REMIND_BY].",
            note="A note: 统计口径, the source of the figure …")  # fmt: skip
def progress_command(
    app: App, task_id: str, value: str, item: int | None, on_day: opt.DayText | None, by: str,
    note: str,
) -> None:  # fmt: skip
    """Record how far TASK's target has come: VALUE is the figure reached so far this period
    (1500, 1500家, 2100亿元, 3.1%); `remind targets` paces it.

    \b
    Example:
      remind progress yian-2025-target-contracts 1900亿元 --on 2025-09-15
      remind progress tineng-2021-hightech 1200 --item 1 --note 统计局月报
    """
    from remind.core.targets import read_value, target_named

    task = app.tasklist.task(task_id)
    target = target_named(task, item)
    assert target.figure is not None  # target_named refuses the others
    amount = read_value(value, target.figure)
    on, today = app.day(on_day, past=True) or app.today, app.today
    reading = Reading(task.id, amount, on, target.item, by, note, recorded=app.now())
    numbered = app.change(lambda current: records.record_reading(current, reading, today=today))
    click.echo(messages.reading_recorded(numbered, target))
    _say_where(app)


def _say_where(app: App) -> None:
    """A record kept anywhere but beside the task list says where it went."""
    if where := app.elsewhere:
        click.echo(messages.kept_in(where))
