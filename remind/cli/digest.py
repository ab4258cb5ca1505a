"""remind digest: each unit's week, printed, written as .eml files, or mailed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from remind.cli.app import (
    DAY,
    FILE,
    FOLDER,
    App,
    DayText,
    Parsed,
    global_options,
    pass_app,
    unit_options,
)
from remind.core.digest import Digest
from remind.core.model import Unit
from remind.errors import RemindError
from remind.storage.toml import Expected, email_address
from remind.views import messages


def _address(text: str) -> str:
    """An address the task list's own check accepts."""
    try:
        return email_address(text)
    except Expected as error:
        raise RemindError(str(error)) from None


@click.command("digest")
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
    type=Parsed("ADDRESS", _address),
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
    from remind.core import digest

    _check_digest_options(all_units, unit_names, send, dry_run, outbox)
    directory = app.directory
    duties = directory.duties(app.tasklist.tasks) if all_units else None  # one pass for all
    units = digest.units_with_duties(directory, duties) if duties else app.units(unit_names)
    week = digest.Week.of(app.day(week_day) or app.today)
    found = digest.digests(app.tasklist, directory, app.state, units, today=app.today, week=week,
                           since=app.first_day(), lead_only=lead, duties=duties)  # fmt: skip
    if not (send or dry_run):
        from remind.views import digest as written

        write = {"text": written.as_text, "html": written.as_html, "markdown": written.as_markdown}
        click.echo("\n".join(write[output_format](d) for d in found), nl=False)
        return
    if not units:
        raise click.UsageError("say whose digest to mail: --unit U or --all-units")
    outbox = (outbox or Path("outbox")) if dry_run else None
    failed = _mail(app, list(zip(units, found, strict=True)), to, skip_empty=skip_empty,
                   force=force, outbox=outbox, config_file=config_file)  # fmt: skip
    if failed:
        sys.exit(1)


def _check_digest_options(
    all_units: bool, unit_names: tuple[str, ...], send: bool, dry_run: bool, outbox: Path | None
) -> None:
    if all_units and unit_names:
        raise click.UsageError("--all-units takes every unit; leave out --unit")
    if send and dry_run:
        raise click.UsageError("give --send or --dry-run, not both")
    if outbox and not dry_run:
        raise click.UsageError("--outbox is the folder of --dry-run")


def _mail(
    app: App,
    digests: list[tuple[Unit, Digest]],
    to: tuple[str, ...],
    *,
    skip_empty: bool,
    force: bool,
    outbox: Path | None,
    config_file: Path | None,
) -> int:
    """Mail each unit its digest, or with an outbox write each as an .eml file, saying what
    became of each; how many failed."""
    from remind.core import mailing
    from remind.delivery import mail
    from remind.storage import config, paths
    from remind.storage.files import make_folder

    if outbox is not None:
        make_folder(outbox)
    where = paths.find_config(config_file, os.environ.get("REMIND_CONFIG"))
    smtp = config.load_settings(where, os.environ)
    if outbox is None:
        mail.check_ready(smtp, where)
    secret = config.password(smtp, os.environ) if outbox is None else ""
    plan = mailing.plan(digests, app.state, to=to, skip_empty=skip_empty, force=force,
                        preview=outbox is not None)  # fmt: skip
    failed = 0
    for delivered in mail.deliver(plan, smtp=smtp, secret=secret, workspace=app.workspace,
                                  now=app.now(), outbox=outbox):  # fmt: skip
        for line, to_stderr in messages.delivered(delivered):
            click.echo(line, err=to_stderr)
        failed += bool(delivered.error) or delivered.outgoing.hold is mailing.Hold.NO_ADDRESS
    return failed
