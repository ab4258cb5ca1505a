"""remind digest: each unit's week, printed, written as .eml files, or mailed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from remind.cli import options as opt
from remind.cli.app import App, command
from remind.views import messages


@command("digest")
@opt.units_and_lead
@click.option("--all-units", is_flag=True, help="Every unit with duties of its own.")
@click.option("--week", "week_day", type=opt.DAY,
              help="A day of the week to report: 2025-06-16, 6月16日, 下周一 "
              "[default: this week].")  # fmt: skip
@click.option("--format", "output_format", type=click.Choice(["text", "html", "markdown"]),
              default="text", show_default=True,
              help="How to print it (not with --send or --dry-run).")  # fmt: skip
@click.option("--send", is_flag=True, help="Mail each unit its digest through the SMTP server.")
@click.option("--dry-run", is_flag=True, help="Write each message as an .eml file; send nothing.")
@click.option("--outbox", type=opt.FOLDER,
              help="The folder for --dry-run's .eml files [default: ./outbox].")  # fmt: skip
@click.option("--to", "to", type=opt.ADDRESS, multiple=True,
              help="Send here instead of the units' own addresses.")  # fmt: skip
@click.option("--skip-empty", is_flag=True, help="Send nothing to a unit with nothing to report.")
@click.option("--force", is_flag=True, help="Send again a digest already sent for the week.")
@click.option("--config", "config_file", type=opt.FILE,
              help="SMTP settings [default: $REMIND_CONFIG, else config.toml in your config "
              "folder].")  # fmt: skip
def digest_command(
    app: App, unit_names: tuple[str, ...], lead: bool, all_units: bool,
    week_day: opt.DayText | None, output_format: str, send: bool, dry_run: bool,
    outbox: Path | None, to: tuple[str, ...], skip_empty: bool, force: bool,
    config_file: Path | None,
) -> None:  # fmt: skip
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
    from remind.core import digest

    opt.refuse(
        (all_units and unit_names, "--all-units takes every unit; leave out --unit"),
        (send and dry_run, "give --send or --dry-run, not both"),
        (outbox and not dry_run, "--outbox is the folder of --dry-run"),
    )
    duties = app.directory.duties(app.tasklist.tasks) if all_units else None  # one pass for all
    units = app.directory.with_duties(duties) if duties is not None else app.units(unit_names)
    week = digest.Week.of(app.day(week_day) or app.today)
    found = digest.digests(app.tasklist, app.directory, app.state, units, today=app.today,
                           week=week, since=app.first_day(), lead_only=lead, duties=duties)  # fmt: skip
    if not (send or dry_run):
        from remind.views import digest as written

        write = {"text": written.as_text, "html": written.as_html, "markdown": written.as_markdown}
        click.echo("\n".join(write[output_format](d) for d in found), nl=False)
        return
    opt.refuse((not units, "say whose digest to mail: --unit U or --all-units"))
    from remind.delivery.mail import mail_digests

    failed = False
    for delivered in mail_digests(
        app, list(zip(units, found, strict=True)), environ=os.environ, now=app.now(), to=to,
        skip_empty=skip_empty, force=force, outbox=(outbox or Path("outbox")) if dry_run else None,
        config_file=config_file,
    ):  # fmt: skip
        for line, to_stderr in messages.delivered(delivered):
            click.echo(line, err=to_stderr)
        failed |= delivered.failed
    if failed:
        sys.exit(1)
