"""remind board and targets: how the units stand, and the targets against their pace."""

from __future__ import annotations

import click

from remind.cli import options as opt
from remind.cli.app import App, command
from remind.core import board
from remind.core.dates import Length
from remind.views import messages


@command("board")
@opt.units("Only these units; a group stands for its members.")
@opt.since("Count occurrences due from this date [default: 1 January of this year].")
@opt.formats("table", "json")
def board_command(
    app: App, unit_names: tuple[str, ...], since: opt.DayText | Length | None, output_format: str
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
    first = app.first_day(since) if since is not None else board.default_since(app.today)
    rows, total = board.board(app.tasklist, app.directory, app.state, app.units(unit_names),
                              app.today, since=first)  # fmt: skip
    if output_format == "json":
        from remind.views.machine import board_json

        click.echo(board_json(rows, total, today=app.today, since=first))
        return
    from remind.views.terminal import board_table

    app.show(board_table(rows, total, messages.board_heading(first, app.today, len(rows))))


@command("targets")
@opt.units_and_lead
@opt.sources("Only targets of this source (its id); repeatable.")
@opt.formats("table", "json")
def targets_command(
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
    from remind.core.targets import paces

    units = app.units(unit_names)
    tasks = [t for t in app.tasks_for(units, lead) if not source_ids or t.source in source_ids]
    found = paces(app.tasklist, tasks, app.state.readings, app.today, since=app.first_day())
    if output_format == "json":
        from remind.views.machine import targets_json

        click.echo(targets_json(found, today=app.today))
        return
    if not found:
        app.show(messages.no_targets(app.who(units), app.today))
        return
    from remind.views.terminal import targets_table

    app.show(targets_table(found, messages.targets_heading(app.who(units), app.today)))
