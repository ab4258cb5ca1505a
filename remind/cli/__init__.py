"""The command line: a thin layer over the core. Each command parses its options, makes one
call into the layers below, and prints what it gets back; cli/app.py holds what they share.

Commands live one group to a module and are imported only when they run, so that a clerk's
`remind due` pays for no other command.
"""

from __future__ import annotations

import sys

import click

from remind import __version__
from remind.cli.app import App, RemindGroup, pass_app
from remind.cli.options import global_options

GROUPS = {  # a module of remind.cli, and the commands it defines as COMMAND_command
    "due": "due",
    "tasks": "list show units check",
    "records": "done undo received log progress",
    "board": "board targets",
    "calendars": "calendar ical",
    "digest": "digest",
    "authoring": "parse add extract",
    "state": "state init",
    "serve": "link serve",
}
COMMANDS = {name: module for module, names in GROUPS.items() for name in names.split()}


@click.group(
    cls=RemindGroup,
    lazy=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@global_options
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the tables; auto colours only a terminal, and NO_COLOR turns it off.",
)
@click.version_option(  # in no language: "remind 0.9.0"
    __version__, "-V", "--version", prog_name="remind", message="%(prog)s %(version)s"
)
@pass_app
def cli(app: App, color: str) -> None:
    """Deadlines of government work plans, per unit: what is due, for whom, by when.

    The task list (data/tasks.toml) holds the duties taken clause by clause from the plans;
    remind works out every deadline from it.

    \b
    Example:
      remind due --unit 法制处
      remind --today 2025-06-20 due --unit 市科技创新局 --within 1m
    """
    app.color = color


def main() -> None:
    for stream in (sys.stdout, sys.stderr):
        _degrade_on(stream)
    try:
        cli(prog_name="remind")
    except BrokenPipeError:  # `remind due | head` closed the pipe early: nothing went wrong
        sys.stderr.close()
        sys.exit(0)


# what a console that cannot show a symbol (GBK, on a Chinese Windows) shows instead
PLAINER = {"✓": "√", "•": "·", "⚠": "!", "‒": "-", "‑": "-"}


def _plainer(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    shown = "".join(PLAINER.get(ch, "?") for ch in error.object[error.start : error.end])
    return shown, error.end


def _degrade_on(stream: object) -> None:
    """A console whose encoding lacks a character shows a plainer one, never a traceback."""
    import codecs

    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    if encoding in ("utf8", "utf16", "utf32") or not hasattr(stream, "reconfigure"):
        return
    codecs.register_error("remind-plainer", _plainer)
    stream.reconfigure(errors="remind-plainer")
