"""remind due: the clerk's daily question, what is overdue or falls due soon."""

from __future__ import annotations

import sys

import click

from remind.cli import options as opt
from remind.cli.app import App, command
from remind.core import schedule
from remind.core.dates import Length
from remind.core.model import Agenda
from remind.views import messages

DUE_ROWS = 50  # a table longer than a few screens is read by no one: --unit or JSON serve it


@command("due")
@opt.units_and_lead
@click.option("--within", type=opt.LENGTH, default="14d", show_default=True,
              help="Show what falls due within this long: 7d, 2w, 1m.")  # fmt: skip
@opt.since("List overdue items due on or after this date, or this long ago (1y) "
           "[default: lookback_days of the task list, 90 days].")  # fmt: skip
@click.option("--all", "show_done", is_flag=True,
              help="Show what was done too, greyed, with ✓ and the day.")  # fmt: skip
@click.option("--limit", type=click.IntRange(min=0), default=DUE_ROWS, show_default=True,
              help="The table lists this many rows at most, soonest first; 0 lists all "
              "(JSON and CSV always do).")  # fmt: skip
@opt.formats("table", "json", "csv")
@click.option("--fail-on-overdue", is_flag=True, help="Exit with code 1 when anything is overdue.")
def due_command(
    app: App, unit_names: tuple[str, ...], lead: bool, within: Length,
    since: opt.DayText | Length | None, show_done: bool, limit: int, output_format: str,
    fail_on_overdue: bool,
) -> None:  # fmt: skip
    """Show what is overdue or falls due soon, soonest first.

    Red (逾期) is overdue, yellow (临近) falls due within the warning days, green (未到) later.

    \b
    Example:
      remind due --unit 法制处
      remind due --unit 法制处 --unit 高新处 --within 1m
      remind due --format json > due.json
    """
    units = app.units(unit_names)
    horizon, first = within.after(app.today), app.first_day(since)
    tasks = app.tasks_for(units, lead)
    agenda = schedule.agenda(
        tasks, app.records_for(units, tasks), app.today, horizon=horizon,
        since=first, warn_days=app.tasklist.settings.warn_days, include_done=show_done,
    )  # fmt: skip
    if output_format == "json":
        from remind.views.machine import agenda_json

        click.echo(agenda_json(agenda, app.tasklist, today=app.today, since=first,
                               horizon=horizon, units=app.names(units)))  # fmt: skip
    elif output_format == "csv":
        from remind.views.machine import entries_csv

        # UTF-8 with its byte-order mark whatever the console's encoding: `> due.csv` on a
        # Chinese Windows makes a file Excel reads, and GBK cannot encode the mark
        written = entries_csv(agenda.entries, app.tasklist).encode()
        sys.stdout.flush()
        sys.stdout.buffer.write(written)
    else:
        _show_agenda(app, agenda, app.who(units), within, limit)
    if fail_on_overdue and agenda.overdue:
        sys.exit(1)


def _show_agenda(app: App, agenda: Agenda, who: str, within: Length, limit: int) -> None:
    if not agenda.entries:
        app.show(messages.nothing_due(who, app.today, within))
        if agenda.earlier_overdue:
            app.show(messages.earlier_overdue(agenda.earlier_overdue, agenda.earliest_overdue))
        return
    from remind.views.terminal import due_view

    urged = schedule.urged(agenda.entries, app.today, app.tasklist.settings.escalate_after)
    heading = messages.due_heading(who, app.today, within)
    app.show(due_view(agenda, app.tasklist, urged=urged, limit=limit, heading=heading))
