"""remind calendar and ical: the deadlines as a month on the terminal, and as .ics calendars."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

import click

from remind.cli import options as opt
from remind.cli.app import App, CliError, command
from remind.core import feeds
from remind.core.dates import Length
from remind.errors import RemindError
from remind.i18n import _
from remind.views import messages


@command("calendar")
@opt.units_and_lead
@click.option("--month", "month_text", metavar="MONTH",
              help="The month to show: 2025-06, 2025年6月, 6月, 下月 [default: this month].")  # fmt: skip
@click.option("--months", type=click.IntRange(1, 24), default=1, show_default=True,
              help="How many months, from --month on.")  # fmt: skip
@opt.formats("table", "json")
def calendar_command(
    app: App, unit_names: tuple[str, ...], lead: bool, month_text: str | None, months: int,
    output_format: str,
) -> None:  # fmt: skip
    """Draw a month with the deadlines in its days: overdue red, soon yellow, later green, done
    grey; stretches such as 11月—12月 as a band; days off dimmed, 调休 workdays marked 班.

    \b
    Example:
      remind calendar --month 2025-06 --unit 市科技创新局
      remind calendar --month 2025-11 --months 2
    """
    from remind.core import month

    units = app.units(unit_names)
    tasks = app.tasks_for(units, lead)
    shown = month.months(*_month(app, month_text), months, tasks, app.records_for(units, tasks),
                         today=app.today, tasklist=app.tasklist)  # fmt: skip
    if output_format == "json":
        from remind.views.machine import month_json

        click.echo(month_json(shown, today=app.today, units=app.names(units)))
        return
    from remind.views.month_grid import MonthView

    app.show(MonthView(shown, "、".join(app.names(units))))


def _month(app: App, text: str | None) -> tuple[int, int]:
    """--month as typed, else this month."""
    if not text:
        return app.today.year, app.today.month
    from remind.authoring.phrases import read_month

    try:
        return read_month(text, today=app.today, calendar=app.tasklist.calendar)
    except RemindError as error:
        raise CliError(f"--month: {error}") from None


@command("ical")
@opt.units_and_lead
@click.option("--all-units", is_flag=True, help="One calendar per unit, and index.html, in --dir.")
@click.option("--dir", "folder", type=opt.FOLDER,
              help="The folder --all-units writes to, made if missing; serve it for "
              "subscriptions.")  # fmt: skip
@click.option("-o", "--output", type=opt.FILE,
              help="The .ics file to write [default: standard output].")  # fmt: skip
@click.option("--horizon", type=opt.LENGTH, default="18m", show_default=True,
              help="Deadlines up to this far ahead: 6m, 1y.")  # fmt: skip
@opt.since("Deadlines from this date, or this long ago (1y) [default: lookback_days, "
           "90 days].")  # fmt: skip
@click.option("--base-url",
              help="The web address --dir is served at, for the subscription links of "
              "index.html: https://oa.example.org/remind/.")  # fmt: skip
def ical_command(
    app: App, unit_names: tuple[str, ...], lead: bool, all_units: bool, folder: Path | None,
    output: Path | None, horizon: Length, since: opt.DayText | Length | None, base_url: str | None,
) -> None:  # fmt: skip
    """Write the deadlines as an iCalendar (.ics) file for Outlook, Google or Apple Calendar.

    Each occurrence is an all-day event on the date `remind due` shows, with one reminder
    (alarms in the task list), the plan's words and the `remind done` command that closes it.
    Writing to the same file again keeps every unchanged event as it was.

    \b
    Example:
      remind ical --unit 法制处 -o 法制处.ics
      remind ical --all-units --dir cal/ --base-url https://oa.example.org/remind/
    """
    from remind.delivery import publish

    opt.refuse(
        (all_units and unit_names, _("--all-units writes every unit's calendar; leave out --unit")),
        (all_units and output, _("--all-units writes one file per unit into --dir, not to -o")),
        (
            all_units and not folder,
            _("--all-units needs --dir, the folder to write the calendars to"),
        ),
        (
            folder and not all_units,
            _("--dir goes with --all-units; for one calendar use -o FILE"),
        ),
        (base_url and not all_units, _("--base-url is for the index.html of --all-units --dir")),
    )
    base_url = publish.check_base_url(base_url) if base_url else ""
    first, last = app.first_day(since), horizon.after(app.today)
    stamp = datetime.combine(app.today, time(), app.zone).astimezone(UTC)  # today's midnight
    if folder is not None:
        written = publish.publish_all(
            app.tasklist, app.directory, app.records, folder, today=app.today, first=first,
            last=last, stamp=stamp, lead_only=lead, base_url=base_url,
        )  # fmt: skip
        for calendar in written.too_long:
            click.echo(messages.too_long(calendar.name, calendar.events), err=True)
        click.echo(messages.folder_written(folder, len(written.calendars)))
        return
    units = app.units(unit_names)
    tasks = app.tasks_for(units, lead)
    feed = feeds.feed(app.directory, units, tasks, app.records_for(units, tasks),
                      app.today, first=first, last=last,
                      warn_days=app.tasklist.settings.warn_days)  # fmt: skip
    if len(feed.entries) > feeds.LONGEST:
        click.echo(messages.too_long(feed.name, len(feed.entries)), err=True)
    if output is None:
        from remind.views.ical import calendar_bytes

        click.echo(calendar_bytes(feed, app.tasklist, stamp=stamp), nl=False)  # bytes as they are
        return
    publish.publish(feed, app.tasklist, output, stamp=stamp)
    click.echo(messages.calendar_written(output, feed.name, len(feed.entries)))
