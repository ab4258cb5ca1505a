"""What every command shares: the run's App (files, today, the console), the `command`
decorator, and the one place errors become exit codes. The clock is read here and nowhere else.
"""

from __future__ import annotations

import copy
import functools
import gettext
import importlib
import inspect
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from remind import i18n
from remind.cli.options import DayText, global_options
from remind.core.dates import Length, iso_day, within_range
from remind.errors import RemindError
from remind.i18n import _
from remind.storage.workspace import Workspace
from remind.views import messages
from remind.views.grid import width_of, wrap

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

NON_TTY_WIDTH = 120  # a table piped to a file or mail is read on a wide screen, not 80 columns


# ---------------------------------------------------------------- errors, one place


class CliError(click.ClickException):
    """Bad input or usage: each line of the message on stderr after "Error: ", exit code 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        for line in self.message.splitlines():
            click.echo(_("Error: {message}").format(message=line), err=True)


# ---------------------------------------------------------------- the run's language


def speak(environ: Mapping[str, str]) -> None:
    """Choose the run's language, and have click say its own words (Usage:, No such option)
    in it too: click looks them up with gettext's gettext, which each of its modules holds."""
    i18n.use(_chinese if i18n.language_of(environ) == "zh" else None)
    for name, module in list(sys.modules.items()):
        # not click.decorators: the help it gives its options is said when shown (Spoken), and
        # its _() each run would read the catalog for nothing
        if (name == "click" or name.startswith("click.")) and name != "click.decorators":
            if getattr(module, "_", None) is gettext.gettext:
                module._ = _  # type: ignore[attr-defined]
            if getattr(module, "ngettext", None) is gettext.ngettext:
                module.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def _chinese() -> gettext.NullTranslations:
    locale = Path(i18n.__file__).parent / "locale"
    return gettext.translation("remind", locale, languages=["zh_CN"])


def help_text(text: str | None) -> str:
    """A command's or option's help in the run's language: the English, as the code writes it
    and click cleans it, is the catalog's key."""
    return _(inspect.cleandoc(text)) if text else ""


def as_written(text: str) -> str:
    """A translated help with its lines as the translation breaks them: click would join them
    with spaces and wrap them counting a Chinese character as one column, not two."""
    paragraphs = text.split("\n\n")
    return "\n\n".join(p if p.startswith("\b") else "\b\n" + p for p in paragraphs)


def first_sentence(text: str) -> str:
    """What a list of commands says of one: up to the first full stop of its help."""
    paragraph = text.split("\n\n")[0].replace("\n", " ")
    for stop in ("。", ". "):
        if stop in paragraph:
            return paragraph.split(stop)[0].strip() + stop.strip()
    return paragraph.strip()


class CellFormatter(click.HelpFormatter):
    """click's layout of help, with Chinese broken by the columns it takes (two a character)
    and by 标点禁则; English as click breaks it."""

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        listed = list(rows)
        if all(second.isascii() for _first, second in listed):
            return super().write_dl(listed, col_max, col_spacing)
        first_col = min(max(width_of(first) for first, _ in listed), col_max) + col_spacing
        text_width = max(self.width - first_col - 2, 10)
        hang = " " * (first_col + self.current_indent)
        for first, second in listed:
            self.write(f"{'':>{self.current_indent}}{first}")
            if width_of(first) <= first_col - col_spacing:
                self.write(" " * (first_col - width_of(first)))
            else:
                self.write("\n" + hang)
            lines = [line for part in second.split("\n") for line in wrap(part, text_width)]
            self.write("\n".join([lines[0], *(hang + line for line in lines[1:])]) + "\n")
        return None

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """「用法：remind …」: no space after a full-width colon, as click puts after "Usage:"."""
        said = _("Usage:") if prefix is None else prefix
        super().write_usage(prog, args, said if said.endswith("：") else f"{said} ")


class SpokenContext(click.Context):
    formatter_class = CellFormatter


class Spoken(click.Command):
    """A command whose help is said in the run's language when it is shown (not when the
    module is imported, so that one process may show it in either)."""

    context_class = SpokenContext

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        spoken = copy.copy(self)
        spoken.help = help_text(self.help)
        if self.help and spoken.help != inspect.cleandoc(self.help):
            spoken.help = as_written(spoken.help)
        click.Command.format_help_text(spoken, ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return first_sentence(help_text(self.short_help or self.help))

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = []
        for param in self.get_params(ctx):
            if isinstance(param, click.Argument):
                continue
            spoken = copy.copy(param)
            spoken.help = help_text(getattr(param, "help", None)) or None
            if record := spoken.get_help_record(ctx):
                records.append(record)
        if records:
            with formatter.section(_("Options")):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)


class SpokenGroup(Spoken, click.Group):
    """A group whose help, and its commands' help, is said in the run's language."""

    command_class = Spoken


class RemindGroup(SpokenGroup):
    """The group of remind's commands: each is imported when it runs (or when help lists it),
    and its RemindError becomes a CliError."""

    def __init__(self, *args: Any, lazy: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy  # command name -> module of remind.cli that defines NAME_command

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.lazy)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.lazy:
            return None
        module = importlib.import_module(f"remind.cli.{self.lazy[cmd_name]}")
        command: click.Command = getattr(module, f"{cmd_name}_command")
        return command

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """As click's, but a file or value that is wrong is one line, without the usage: it is
        the file that wants mending, not the command."""
        speak(os.environ)
        run: Any = super().main  # click types main by standalone_mode, given here by name
        if not standalone_mode:
            return run(*args, standalone_mode=False, **kwargs)
        try:
            return run(*args, standalone_mode=False, **kwargs)
        except click.BadParameter as error:
            CliError(error.format_message()).show()
            sys.exit(error.exit_code)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except click.exceptions.Abort:
            click.echo(_("Aborted!"), err=True)
            sys.exit(1)
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RemindError as error:
            raise CliError(str(error)) from error
        finally:
            _warn_about_the_calendar(ctx.find_object(App))


def _warn_about_the_calendar(app: App | None) -> None:
    """Once per run: dates fell in a year the working-day calendar has no notice for."""
    tasklist = vars(app).get("tasklist") if app else None  # only if the command loaded it
    if tasklist and (warning := messages.calendar_warning(tasklist.calendar)):
        click.echo(_("Warning: {message}").format(message=warning), err=True)


# ---------------------------------------------------------------- the application context


class App(Workspace):
    """What one run of remind knows: its files (a Workspace over the environment, with the
    --tasks and --state given), today, and how to print."""

    def __init__(self) -> None:
        super().__init__(os.environ)
        self.given_today: DayText | None = None
        self.color = "auto"

    @functools.cached_property
    def zone(self) -> tzinfo:
        """The task list's time zone: the clock is read in it, whatever the machine's zone."""
        from zoneinfo import ZoneInfo  # not paid for by a run with --today

        return ZoneInfo(self.tasklist.settings.timezone)

    def now(self) -> datetime:
        return datetime.now(self.zone).replace(microsecond=0)

    @functools.cached_property
    def today(self) -> date:
        """Today in the task list's time zone; --today 2025-06-20 reads no clock at all."""
        given = self.given_today
        if given and (day := iso_day(given.text)):
            return self._in_range(day, given)
        clock = self.now().date()
        return self.read_day(given, clock) if given else clock

    def day(self, typed: DayText | None, *, past: bool = False) -> date | None:
        """A date option, read against today: 6月20日, 下周一, next monday; with `past` (a day
        something was done), a yearless date after today is last year's."""
        return self.read_day(typed, self.today, past=past) if typed else None

    def read_day(self, typed: DayText, today: date, *, past: bool = False) -> date:
        if day := iso_day(typed.text):
            return self._in_range(day, typed)
        from remind.authoring.phrases import read_day

        try:
            day = read_day(typed.text, today=today, calendar=self.tasklist.calendar, past=past)
        except RemindError as error:
            raise CliError(f"{typed.option}: {error}") from None
        return self._in_range(day, typed)

    def _in_range(self, day: date, typed: DayText) -> date:
        try:
            return within_range(day, typed.option)
        except RemindError as error:
            raise CliError(str(error)) from None

    def first_day(self, since: DayText | Length | None = None) -> date:
        """The earliest due date to list: --since as a date or as how long ago, else the
        task list's look-back."""
        if since is None:
            return self.today - timedelta(days=self.tasklist.settings.lookback_days)
        if isinstance(since, Length):
            return since.before(self.today)
        return self.read_day(since, self.today)

    def console(self) -> Console:
        from rich.console import Console  # rich is paid for only by views that draw

        tty = sys.stdout.isatty()
        width = None if tty or os.environ.get("COLUMNS") else NON_TTY_WIDTH
        return Console(
            force_terminal={"always": True, "never": False}.get(self.color),
            no_color=True if self.color == "never" else (False if self.color == "always" else None),
            highlight=False,
            markup=False,  # a title like 报送[2025]3号 is text, not a style tag
            emoji=False,  # nor is :smile:
            width=width,
        )

    def show(self, renderable: RenderableType) -> None:
        """Draw it, without the spaces rich pads lines with: copied into a message or a
        document, a line brings no run of spaces with it."""
        console = self.console()
        with console.capture() as drawn:
            console.print(renderable, crop=False)  # every view fits: no line to crop
        lines = drawn.get().split("\n")
        console.file.write("\n".join(_unpadded(line) for line in lines))


# spaces at a line's end, before the colour codes that may close it
_PADDING = re.compile(r"(?<! ) +((?:\x1b\[[0-9;]*m)*)$")


def _unpadded(line: str) -> str:
    return _PADDING.sub(r"\1", line) if line.endswith((" ", "m")) else line


pass_app = click.make_pass_decorator(App, ensure=True)


def command(name: str) -> Callable[[Callable[..., None]], click.Command]:
    """A command of remind: the global options, and the run's App as its first argument."""

    def make(function: Callable[..., None]) -> click.Command:
        return click.command(name, cls=Spoken)(global_options(pass_app(function)))

    return make
