"""remind digest: each unit's week, printed, written as .eml and .json files, or sent by mail
and to the units' group chats."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from remind.cli import options as opt
from remind.cli.app import App, command
from remind.i18n import _
from remind.views import messages

if TYPE_CHECKING:
    from remind.core.digest import Digest
    from remind.core.model import Unit, UnitKey


@command("digest")
@opt.units_and_lead
@click.option("--all-units", is_flag=True, help="Every unit with duties of its own.")
@click.option("--week", "week_day", type=opt.DAY,
              help="A day of the week to report: 2025-06-16, 6月16日, 下周一 "
              "[default: this week].")  # fmt: skip
@click.option("--format", "output_format", type=click.Choice(["text", "html", "markdown"]),
              default="text", show_default=True,
              help="How to print it (not with --send or --dry-run).")  # fmt: skip
@click.option("--send", is_flag=True,
              help="Send each unit its digest: by mail, and to its group chats' robots.")  # fmt: skip
@click.option("--channel", type=click.Choice(["mail", "chat"]),
              help="Send by mail only, or to the group chats only [default: both].")  # fmt: skip
@click.option("--dry-run", is_flag=True,
              help="Write each message as an .eml or .json file; send nothing.")  # fmt: skip
@click.option("--outbox", type=opt.FOLDER,
              help="The folder for --dry-run's files [default: ./outbox].")  # fmt: skip
@click.option("--to", "to", type=opt.ADDRESS, multiple=True,
              help="Send here instead of the units' own addresses.")  # fmt: skip
@click.option("--skip-empty", is_flag=True, help="Send nothing to a unit with nothing to report.")
@click.option("--force", is_flag=True, help="Send again a digest already sent for the week.")
@click.option("--config", "config_file", type=opt.FILE,
              help="SMTP settings and group robots [default: $REMIND_CONFIG, else config.toml "
              "in your config folder].")  # fmt: skip
@click.option("--base-url", type=opt.SERVICE,
              help="The 督办 service's public address, for each row's link to record it done "
              "(remind link) [default: base_url in [settings]].")  # fmt: skip
def digest_command(
    app: App, unit_names: tuple[str, ...], lead: bool, all_units: bool,
    week_day: opt.DayText | None, output_format: str, send: bool, channel: str | None,
    dry_run: bool,
    outbox: Path | None, to: tuple[str, ...], skip_empty: bool, force: bool,
    config_file: Path | None, base_url: str | None,
) -> None:  # fmt: skip
    """Show each unit's week: overdue, due this week, due next week, done last week; with
    --send, mail it to the unit and post it to the unit's group chats ([[webhooks]] of the
    config file).

    The week runs Monday to Sunday in the task list's time zone, whatever the clock of the
    machine says. A digest sent for a week is not sent again on that channel unless --force.
    --to is a trial by mail: it posts to no chat. When the 督办 service's address is known
    (--base-url, or base_url in [settings]), each row of a unit that has its link (remind link)
    carries the link to record it done.

    \b
    Example:
      remind digest --unit 法制处
      remind digest --all-units --send
      remind digest --all-units --dry-run --outbox /tmp/digests
    """
    from remind.core import digest

    opt.refuse(
        (all_units and unit_names, _("--all-units takes every unit; leave out --unit")),
        (send and dry_run, _("give --send or --dry-run, not both")),
        (outbox and not dry_run, _("--outbox is the folder of --dry-run")),
        (channel and not (send or dry_run), _("--channel is for --send or --dry-run")),
        (to and channel == "chat", _("--to gives mail addresses; a chat has none")),
    )
    duties = app.directory.duties(app.tasklist.tasks) if all_units else None  # one pass for all
    units = app.directory.with_duties(duties) if duties is not None else app.units(unit_names)
    week = digest.Week.of(app.day(week_day) or app.today)
    base = (base_url or app.tasklist.settings.base_url).rstrip("/")
    found = digest.digests(app.tasklist, app.directory, app.state, units, today=app.today,
                           week=week, since=app.first_day(), lead_only=lead, duties=duties,
                           links=_links(app, units, base) if base else None)  # fmt: skip
    if not (send or dry_run):
        from remind.views import digest as written

        write = {"text": written.as_text, "html": written.as_html, "markdown": written.as_markdown}
        click.echo("\n".join(write[output_format](d) for d in found), nl=False)
        return
    opt.refuse((not units, _("say whose digest to send: --unit U or --all-units")))
    _send_and_say(app, list(zip(units, found, strict=True)), channel=channel,
                 to=to, skip_empty=skip_empty, force=force, config_file=config_file,
                 outbox=(outbox or Path("outbox")) if dry_run else None)  # fmt: skip


def _links(app: App, units: list[Unit], base: str) -> dict[UnitKey, str]:
    """Each unit's address in the 督办 service, for those that have one made with this
    machine's link key; the others are named on stderr, once."""
    from remind.storage import links

    link_key, found, missing = links.key(app.environ), {}, []
    for unit in units:
        if token := links.address_token(app.state, "/".join(unit.key), link_key):
            found[unit.key] = f"{base}/u/{token}"
        else:
            missing.append(app.directory.display(unit))
    if missing:
        said = _("no link to record by for {units}: their rows carry none (remind link "
                 "--all-units makes them, with the link key {key})")  # fmt: skip
        click.echo(said.format(units="、".join(missing), key=links.key_file(app.environ)), err=True)
    return found


def _send_and_say(
    app: App, digests: list[tuple[Unit, Digest]], *, channel: str | None, to: tuple[str, ...],
    skip_empty: bool, force: bool, config_file: Path | None, outbox: Path | None,
) -> None:  # fmt: skip
    """Send them as remind.delivery.sending decides, saying a line of each and a summary; exits
    1 when any unit did not get its digest."""
    from remind.core.mailing import Tally
    from remind.delivery.sending import send_digests
    from remind.storage import config, paths

    where = paths.find_config(config_file, app.environ.get("REMIND_CONFIG"))
    settings = config.load(where, app.environ, chat=channel != "mail" and not to)
    sending = send_digests(app, digests, settings, environ=app.environ, now=app.now(),
                           channel=channel, to=to, skip_empty=skip_empty, force=force,
                           outbox=outbox)  # fmt: skip
    tally = Tally()
    for unit in sending.unreached:  # asked for chat only: it did not get its week
        click.echo(messages.no_robot(app.directory.display(unit)), err=True)
        tally.failed += 1
    with _progress(sending.expected) as advance:
        for outcome in sending.outcomes:
            for line, to_stderr in messages.outcome(outcome):
                click.echo(line, err=to_stderr)
            tally.add(outcome)
            advance()
    click.echo(messages.send_summary(tally.sent, tally.skipped, tally.failed, tally.written))
    if tally.failed:
        sys.exit(1)


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A bar on a terminal while the digests go out (a robot's limit makes a long send take
    minutes); off a terminal, the lines each unit gets say as much."""
    if not sys.stdout.isatty() or total < 2:
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("发送周报", total=total)
        yield lambda: bar.advance(task)
