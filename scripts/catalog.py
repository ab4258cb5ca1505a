"""The Chinese catalog of remind's messages, kept with Babel.

    python scripts/catalog.py update    # add the messages new in the code to the .po
    python scripts/catalog.py compile   # the .po into the .mo that ships in the wheel
    python scripts/catalog.py check     # fail if a message lacks its translation

The messages are the code's `_("…")`, `N_("…")` and `ngettext("…", "…", n)`; the help of
every command and option, as `remind --help` shows it; and click's own words, which click
says through gettext and remind's catalog translates.
"""

from __future__ import annotations

import inspect
import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "remind" / "locale" / "zh_CN" / "LC_MESSAGES" / "remind.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def messages(*, with_click: bool = True) -> Catalog:
    """Every message remind may say, as an empty catalog."""
    template = Catalog(project="remind", locale="zh_CN")
    folders = [ROOT / "remind"] + ([Path(click.__file__).parent] if with_click else [])
    for folder in folders:
        for _file, _line, message, _comments, _context in extract_from_dir(
            folder, [("**.py", "python")], keywords=KEYWORDS
        ):
            template.add(message)
    for text in help_texts():
        template.add(text)
    return template


def help_texts() -> Iterator[str]:
    """The help of remind's commands and options, as the code writes them."""
    sys.path.insert(0, str(ROOT))
    from remind.cli import COMMANDS, cli

    yield from _helps(cli, click.Context(cli), COMMANDS)


def _helps(
    command: click.Command, ctx: click.Context, names: Iterable[str] | None = None
) -> Iterator[str]:
    """The help of `command`, its options and, in a group, its commands, at any depth."""
    if command.help:
        yield inspect.cleandoc(command.help)
    for param in command.params:
        if text := getattr(param, "help", None):
            yield inspect.cleandoc(text)
    if isinstance(command, click.Group):
        for name in names or command.list_commands(ctx):
            if found := command.get_command(ctx, name):
                yield from _helps(found, click.Context(found, parent=ctx))


def catalog() -> Catalog:
    with PO.open("rb") as file:
        return read_po(file, locale="zh_CN")


def update() -> None:
    """Messages new in the code go into the .po untranslated; those gone go out."""
    translated = catalog()
    translated.update(messages(), no_fuzzy_matching=True)
    translated.obsolete.clear()
    with PO.open("wb") as file:
        write_po(file, translated, width=100, omit_header=False, no_location=True)


def compiled() -> bytes:
    """The .mo of the .po as it is now."""
    mo = io.BytesIO()
    write_mo(mo, catalog())
    return mo.getvalue()


def missing() -> list[str]:
    """remind's own messages without a translation in the .po (click's may lag behind a new
    click: they fall back to English, and the tests check the ones a clerk meets)."""
    translated = catalog()
    lacking = []
    for message in messages(with_click=False):
        if not message.id:
            continue
        found = translated.get(message.id)
        strings = found.string if found else ""
        if (
            not found
            or found.fuzzy
            or not all(strings if isinstance(strings, tuple) else [strings])
        ):
            lacking.append(str(message.id))
    return lacking


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        update()
    elif command == "compile":
        MO.write_bytes(compiled())
    elif command == "check":
        if lacking := missing():
            raise SystemExit("untranslated:\n" + "\n".join(lacking))
        if MO.read_bytes() != compiled():
            raise SystemExit(f"{MO} is not the compiled {PO.name}: run compile")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
