"""remind parse, add and extract: from the plans' words to tasks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from remind.cli import options as opt
from remind.cli.app import App, command
from remind.core.workdays import Shift
from remind.errors import RemindError
from remind.i18n import _
from remind.views import messages


@command("parse")
@click.argument("phrase")
@opt.year(
    "The plan's year, for dates written without one [default: this year; 2.3 or 7/15 that "
    "has passed is next year's]."
)
@opt.formats("text", "json")
def parse_command(app: App, phrase: str, year: int | None, output_format: str) -> None:
    """Show how remind reads the time phrase of a plan, or why it cannot.

    The words of the plans (6月底前, 每季度, 11月—12月, 次月5日前, 10个工作日内, 及时) become the
    schedule a task would get; anything unclear is refused, never guessed.

    \b
    Example:
      remind parse "6月底前报送半年办理工作总结" --year 2025
      remind parse "每月对口联系区内创新主体不少于2次" --format json
    """
    from remind.authoring.grammar import Start
    from remind.authoring.phrases import read, task_fields
    from remind.core.schedule import due_dates

    calendar = app.tasklist.calendar
    found = read(phrase, year=year or app.today.year, today=app.today, calendar=calendar,
                 coming=year is None)  # fmt: skip
    if output_format == "json":
        from remind.views.machine import phrase_json

        click.echo(phrase_json(phrase, found))
        return
    no_task = isinstance(found.when, Start)  # a start alone: no task until its end is given
    fields = {} if no_task else task_fields(found.when, today=app.today, calendar=calendar)
    due = fields.get("due")
    shift = Shift(app.tasklist.settings.shift, calendar)
    dates = due_dates(due, shift) if isinstance(due, date) else None
    moved = (dates.planned, dates.due) if dates and dates.planned else None
    click.echo("\n".join(messages.phrase_lines(found, fields, moved, calendar)))


@command("add")
@click.argument("phrase")
@click.option("--unit", "lead_names", multiple=True, required=True, metavar="UNIT",
              help="The lead unit (牵头); repeat for several.")  # fmt: skip
@click.option("--support", "support_names", multiple=True, metavar="UNIT",
              help="A supporting unit (责任/配合); repeat for several.")  # fmt: skip
@click.option("--source", "source_id", help="The plan's id in [[sources]] [default: the only one].")
@click.option("--id", "task_id",
              help="The new task's id [default: SOURCE-NN, the next free number].")  # fmt: skip
@click.option("--title",
              help="The duty in a few words [default: the phrase without its time words].")  # fmt: skip
@click.option("--clause", default="", help="Where in the plan: 三（二）.")
@opt.year("The year of dates written without one [default: the plan's year].")
@click.option("--dry-run", is_flag=True, help="Print the new [[tasks]] table; change nothing.")
def add_command(
    app: App, phrase: str, lead_names: tuple[str, ...], support_names: tuple[str, ...],
    source_id: str | None, task_id: str | None, title: str | None, clause: str, year: int | None,
    dry_run: bool,
) -> None:  # fmt: skip
    """Add a task from a sentence of a plan: its time phrase becomes the schedule.

    The new [[tasks]] table goes at the end of the task list; what is already in the file stays
    exactly as it is. A phrase remind cannot read is refused (try `remind parse` first).

    \b
    Example:
      remind add "6月底前报送半年办理工作总结" --unit 法制处 --source yian-2025
      remind add "每季度首月10日前报送统计数据" --unit 市发改委 --dry-run
    """
    from remind.authoring import drafts

    if not dry_run:
        app.check_writable()
    source = drafts.pick_source(app.tasklist, source_id)
    fields, warnings = drafts.new_task(phrase, app.tasklist, app.directory, source, lead=lead_names,
                             support=support_names, task_id=task_id, title=title,
                             clause=clause, year=year, today=app.today)  # fmt: skip
    table = drafts.task_toml(fields)
    for warning in warnings:
        click.echo(_("Warning: {message}").format(message=warning), err=True)
    if dry_run:
        click.echo(table, nl=False)
        return
    app.append_task(table)
    click.echo(messages.task_added(str(fields["id"]), app.tasks_file))
    click.echo(table, nl=False)


@command("extract")
@click.argument("plan", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@opt.year("The year of dates written without one [default: the year of the plan's date].")
@click.option("--source", "source_id", default="draft", show_default=True,
              help="The source id the drafts name, and their ids' prefix.")  # fmt: skip
@click.option("--org", default="",
              help="The organisation whose units the plan names [default: the task list's].")  # fmt: skip
def extract_command(app: App, plan: Path, year: int | None, source_id: str, org: str) -> None:
    """Draft [[tasks]] from the text of a plan, for the coordinator to check and paste.

    Each numbered clause gives one task per time phrase (one standing duty when it has none),
    with its 牵头 and 责任 units; whatever needs a person's eye is marked ⚠, and units the task
    list does not know yet are listed at the end. Nothing is written.

    \b
    Example:
      remind extract 1号议案办理工作方案.txt --source yian-2026 > draft.toml
    """
    from remind.authoring.drafts import draft_plan
    from remind.storage.toml import read_text

    drafted = draft_plan(read_text(plan), app.tasklist, app.directory, source=source_id,
                         org=org, year=year, today=app.today)  # fmt: skip
    if not drafted:
        nothing = _("{plan}: no numbered clause (一、 （一） 1.) with a sentence in it")
        raise RemindError(nothing.format(plan=plan))
    click.echo(drafted, nl=False)
