"""The options of remind's commands: their types (a date as typed, a length, an address) and
the decorators that add the options several commands share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from remind.core.dates import Length, parse_length
from remind.errors import RemindError
from remind.frozen import frozen
from remind.i18n import _

F = TypeVar("F", bound=Callable[..., Any])


# ---------------------------------------------------------------- option types


class Parsed(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.4
    """An option value read by one of remind's parsers; its RemindError is a usage error."""

    def __init__(self, name: str, parse: Callable[[str], Any]) -> None:
        self.name, self.parse = name, parse

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):  # a default that is converted already
            return value
        try:
            return self.parse(value)
        except RemindError as error:
            self.fail(str(error), param, ctx)


@frozen
class DayText:
    """A date option as typed (2025-06-20, 6月20日, 下周一, next monday): read once today and
    the working-day calendar are known, by App.day."""

    text: str
    option: str


class DayOption(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.4
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, DayText) or value is None:
            return value
        return DayText(str(value), param.opts[0] if param else "DATE")


def _length_or_day(text: str) -> Length | DayText:
    try:
        return parse_length(text)
    except RemindError:
        return DayText(text, "--since")


DAY = DayOption()
LENGTH = Parsed("SPAN", parse_length)
SINCE = Parsed("DATE|SPAN", _length_or_day)
# One of each, shared by every command: click makes each type with a gettext lookup
FILE = click.Path(dir_okay=False, path_type=Path)
FOLDER = click.Path(file_okay=False, path_type=Path)


# ---------------------------------------------------------------- options shared by commands


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Global options are taken before or after the command name; the later one wins."""
    from remind.cli.app import App  # which itself makes commands with these options

    if value is not None:
        setattr(ctx.ensure_object(App), f"given_{param.name}", value)
    return value


def global_options(command: F) -> F:
    """--tasks, --state and --today, taken before or after the command's name."""
    options = [
        click.option("--tasks", type=FILE, expose_value=False, callback=_remember,
                     help="Task list to read [default: $REMIND_TASKS, else ./data/tasks.toml, "
                     "else the bundled one]."),
        click.option("--state", metavar="FILE|URL", expose_value=False, callback=_remember,
                     help="The record store: a SQLite file, or postgresql://… [default: "
                     "$REMIND_STATE, else state.sqlite3 beside the task list, else in your "
                     "data folder]."),
        click.option("--today", type=DAY, expose_value=False, callback=_remember,
                     help="Pretend today is this date: 2025-06-20, 6月20日, 下周一, next monday "
                     "[default: today in the task list's time zone]."),
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


def units(help_text: str) -> Callable[[F], F]:
    return click.option("--unit", "unit_names", multiple=True, metavar="UNIT", help=help_text)


def units_and_lead(command: F) -> F:
    """--unit, repeatable, and --lead: whose tasks, and only those they lead."""
    lead = "Only tasks the unit leads (牵头), not those it supports."
    command = click.option("--lead", is_flag=True, help=lead)(command)
    return units("A unit's name or alias; repeat for several. Groups it belongs to count too.")(
        command
    )


def formats(*choices: str) -> Callable[[F], F]:
    """--format, the first of `choices` by default."""
    return click.option("--format", "output_format", type=click.Choice(choices),
                        default=choices[0], show_default=True,
                        help="Output: a table for people, json or csv for programs and "
                        "spreadsheets.")  # fmt: skip


def year(help_text: str) -> Callable[[F], F]:
    return click.option("--year", type=click.IntRange(1900, 2999), help=help_text)


def since(help_text: str) -> Callable[[F], F]:
    """--since DATE or SPAN: 2025-01-01, 3月1日, or how long ago, 1y."""
    return click.option("--since", type=SINCE, help=help_text)


def record(*, on: str, by: str, note: str) -> Callable[[F], F]:
    """--on, --by and --note of a record: the day it happened, who made it, and a note."""

    def add(command: F) -> F:
        command = click.option("--note", default="", help=note)(command)
        command = click.option("--by", envvar="REMIND_BY", default="", help=by)(command)
        return click.option("--on", "on_day", type=DAY, help=on)(command)

    return add


def sources(help_text: str) -> Callable[[F], F]:
    return click.option("--source", "source_ids", multiple=True, metavar="SOURCE", help=help_text)


def refuse(*rules: tuple[object, str]) -> None:
    """A usage error for the first rule whose condition holds: (condition, message)."""
    for broken, message in rules:
        if broken:
            raise click.UsageError(message)


def _address(text: str) -> str:
    """An e-mail address the task list's own check accepts."""
    from remind.storage.toml import Expected, email_address

    try:
        return email_address(text)
    except Expected as error:
        raise RemindError(str(error)) from None


def _web_address(text: str) -> str:
    """The 督办 service's public address: https://oa.example.org/dub."""
    from remind.storage.toml import Expected, web_address

    try:
        return web_address(text).rstrip("/")
    except Expected as error:
        raise RemindError(str(error)) from None


def _record_number(text: str) -> int:
    """7, or #7 as `remind log` writes it."""
    try:
        return int(text.removeprefix("#"))
    except ValueError:
        message = _("expected a record number like 7, got {text!r}").format(text=text)
        raise RemindError(message) from None


ADDRESS = Parsed("ADDRESS", _address)
RECORD = Parsed("RECORD", _record_number)
SERVICE = Parsed("URL", _web_address)
