"""The language remind speaks to people: Chinese, unless English is asked for.

Messages are written in English in the code and marked `_("…")`; they are looked up in the
catalog remind/locale/zh_CN/LC_MESSAGES/remind.mo at the moment they are said, so a message
must be marked where it is said, not where a constant is defined (mark those `N_("…")` and say
them with `_(CONSTANT)`). Placeholders are named, `_("{unit} has no members").format(unit=…)`,
so that a translation may put them in its own order. JSON and CSV keys are never translated.

The command line chooses the language once a run (`use`); everything below it only asks,
so that the core stays pure: this module reads no file and no environment.
CONTRIBUTING.md says how the catalog is extracted, translated and compiled.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol


class Catalog(Protocol):
    def gettext(self, message: str, /) -> str: ...
    def ngettext(self, singular: str, plural: str, count: int, /) -> str: ...


_load: Callable[[], Catalog] | None = None  # None: English, the words of the code itself
_catalog: Catalog | None = None


def language_of(environ: Mapping[str, str]) -> str:
    """The language a run speaks, "zh" or "en": REMIND_LANG if set, else English when the
    locale's language is English (LANGUAGE, LC_ALL, LC_MESSAGES, LANG: the first one set),
    else Chinese, which is also what a C or POSIX locale gets."""
    if chosen := environ.get("REMIND_LANG", "").strip():
        return "en" if chosen.lower().startswith("en") else "zh"
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        if value := environ.get(name, "").strip():
            return "en" if value.split(":")[0].lower().startswith("en") else "zh"
    return "zh"


def use(load: Callable[[], Catalog] | None) -> None:
    """Speak from the catalog `load` reads, on the first message said (so that a run which
    says nothing reads no file); None speaks the code's own English. The command line calls
    this, the only part that reads files and the environment for the language."""
    global _load, _catalog
    _load, _catalog = load, None


def _translations() -> Catalog | None:
    global _catalog, _load
    if _load is not None:
        _catalog, _load = _load(), None
    return _catalog


def _(message: str) -> str:
    """`message` in the language of the run."""
    catalog = _translations()
    return catalog.gettext(message) if catalog else message


def ngettext(singular: str, plural: str, count: int) -> str:
    """`singular` or `plural` by `count`, in the language of the run."""
    catalog = _translations()
    if catalog:
        return catalog.ngettext(singular, plural, count)
    return singular if count == 1 else plural


def N_(message: str) -> str:
    """Marks a message for the catalog without saying it: say it later with `_(message)`."""
    return message
