"""remind state export and import: the record store to and from readable TOML."""

from __future__ import annotations

from pathlib import Path

import click

from remind.cli import options as opt
from remind.cli.app import App, SpokenGroup, command, pass_app
from remind.errors import RemindError
from remind.i18n import _
from remind.views import messages


@click.group("state", cls=SpokenGroup)
@opt.global_options
def state_command() -> None:
    """Move the records of what was done to and from readable TOML.

    \b
    Example:
      remind state export > records.toml
      remind state import data/state.toml
    """


@state_command.command("export")
@opt.global_options
@opt.formats("toml", "json")
@pass_app
def export_command(app: App, output_format: str) -> None:
    """Write every record, reading and digest sent that counts to standard output.

    \b
    Example:
      remind state export > records.toml
    """
    from remind.storage.statefile import dumps

    click.echo(dumps(app.state, json=output_format == "json"), nl=False)


@state_command.command("import")
@opt.global_options
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_app
def import_command(app: App, file: Path) -> None:
    """Take the records of FILE (an export, or a state.toml of the old kind) into the store.

    A file with a problem is refused whole. A record kept already (the same id, or the same
    content) is left out and said; FILE itself is left as it is.

    \b
    Example:
      remind state import data/state.toml
    """
    from remind.core.records import merged
    from remind.storage import statefile

    app.old_ok = True
    other = statefile.load(file)
    with app.exclusive() as session:
        known = session.known_ids()
        merge = session.change(lambda current: merged(current, other, known))
    click.echo(messages.imported(file, app.store.where, merge))


@command("init")
def init_command(app: App) -> None:
    """Remember this task list and its records in your config file, so that remind uses them
    from any folder (until --tasks, REMIND_TASKS or a folder's data/tasks.toml says otherwise).

    \b
    Example:
      cd 督办 && remind init
    """
    from remind.storage import config, paths

    if app.bundled:
        raise RemindError(
            _(
                "this is the example list shipped with remind, not yours to remember: run remind "
                "init in the folder of your data/tasks.toml, or give --tasks FILE"
            )
        )
    where = paths.find_config(None, app.environ.get("REMIND_CONFIG")) or (
        paths.user_folder("config") / paths.CONFIG_NAME
    )
    if config.remembered_files(where):
        named = _("{where} names a task list already: edit its [files] section")
        raise RemindError(named.format(where=where))
    from remind.storage.files import make_folder, write

    tasks = app.tasks_file.resolve()
    file = app.store_file  # a SQLite file: remembered whole, to be found from any folder
    store = str(file.resolve()) if file else app.store.where
    before = where.read_text(encoding="utf-8") if where.is_file() else ""
    make_folder(where.parent)
    write(where, (before + config.files_section(tasks, store)).encode())
    click.echo(messages.remembered(where, tasks, store))
