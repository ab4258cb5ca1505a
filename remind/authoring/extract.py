"""A plan's text to draft tasks: its clauses, their 牵头/责任 units and time phrases. Pure.

Clauses are the numbered paragraphs that say something (一、 （一） 1. (1), with a full stop);
numbered lines without one are headings. Units come in the two forms of the plans: a line
"牵头处室：…；责任处室（单位）：…" after the clause, or "（牵头单位：…；责任单位：…）" inside it.
Each time phrase of a clause becomes one draft; a clause with none becomes a standing duty.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from remind.authoring.grammar import NoTime, Phrase, Unreadable
from remind.authoring.phrases import read
from remind.core.model import Ongoing
from remind.core.workdays import WEEKDAYS_ONLY, WorkCalendar
from remind.frozen import frozen

_NUMBER = "一二三四五六七八九十"
# (level, pattern): 一、 then （一） then 1. then (1)
_LEVELS = (
    (1, re.compile(rf"([{_NUMBER}]+)、")),
    (2, re.compile(rf"\(([{_NUMBER}]+)\)")),
    (3, re.compile(r"(\d+)[.、](?!\d)")),
    (4, re.compile(r"\((\d+)\)")),
)
_UNITS = re.compile(
    r"\(?牵头(?:单位|处室)(?:\(单位\))?:(?P<lead>[^;)]*)"
    r"(?:;(?:责任|配合)(?:单位|处室)(?:\(单位\))?:(?P<support>[^)]*))?\)?"
)
_END_OF_PLAN = re.compile(r"附件|附表")


@frozen
class Clause:
    label: str  # 二（一）1, as the task list's `clause`
    title: str
    text: str  # the whole paragraph, units taken out
    lead: tuple[str, ...]
    support: tuple[str, ...]


@frozen
class Draft:
    """One task a clause gives: the clause, and the time phrase read (None: no deadline)."""

    clause: Clause
    phrase: Phrase | None
    words: str  # the part of the clause the phrase is in
    notes: tuple[str, ...] = ()  # what a person must check: phrases that could not be read


def paragraphs(text: str) -> list[str]:
    """Blocks between blank lines, full-width forms folded (（一） is (一)), markdown #s gone."""
    text = unicodedata.normalize("NFKC", text)
    blocks = re.split(r"\n\s*\n", text)
    return [re.sub(r"\s*\n\s*", "", b).strip().lstrip("#").strip() for b in blocks if b.strip()]


def clauses(text: str) -> list[Clause]:
    labels: dict[int, str] = {}
    found: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for block in paragraphs(text):
        if _END_OF_PLAN.match(block) and found:  # before the clauses, 附件 is the plan itself
            break
        level, number, body = _numbered(block)
        if level:
            labels = {k: v for k, v in labels.items() if k < level} | {level: number}
            current = None
            if "。" in body:
                current = {"label": _label(labels), "body": body}
                found.append(current)
        elif current is not None:
            current["body"] += block  # units on their own line, or a paragraph broken in two
    return [_clause(c["label"], c["body"]) for c in found]


def _numbered(block: str) -> tuple[int, str, str]:
    for level, pattern in _LEVELS:
        if match := pattern.match(block):
            return level, match[1], block[match.end() :].strip()
    return 0, "", block


def _label(labels: dict[int, str]) -> str:
    """一, 二（一）, 二（一）1, as the bundled list writes clauses."""
    text = ""
    for level in sorted(labels):
        number = labels[level]
        text += f"（{number}）" if level in (2, 4) else number
    return text


def _clause(label: str, body: str) -> Clause:
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    if match := _UNITS.search(body):
        lead, support = _names(match["lead"]), _names(match["support"] or "")
        body = (body[: match.start()] + body[match.end() :]).strip()
    title = re.split(r"[。;]", body, maxsplit=1)[0]
    return Clause(label, title.strip(), body, lead, support)


def _names(text: str) -> tuple[str, ...]:
    text = re.sub(r"[〈<][^〉>]*[〉>]", "", text)  # 〈含开发区…,下同〉
    return tuple(n.strip() for n in re.split(r"[、,，]", text) if n.strip())


def draft_tasks(
    text: str, *, year: int, issued: date, calendar: WorkCalendar = WEEKDAYS_ONLY
) -> list[Draft]:
    """Every clause's tasks: one per time phrase, or one standing duty when it has none.

    Words said from a day (本月底, 下月) count from `issued`, the day the plan was written.
    """
    found: list[Draft] = []
    for clause in clauses(text):
        dated: list[tuple[str, Phrase]] = []
        notes: list[str] = []
        vague = False
        for part in re.split(r"[。;,，、]", clause.text):
            try:
                phrase = read(part, year=year, today=issued, calendar=calendar)
            except NoTime:
                continue
            except Unreadable as refused:
                notes.append(f"{part}：{refused}")
                continue
            if isinstance(phrase.when, Ongoing):
                vague = True
            else:
                dated.append((part, phrase))
        if dated:
            found += [
                Draft(clause, phrase, part, (*notes, *phrase.warnings)) for part, phrase in dated
            ]
        else:
            why = "原文只有持续推进、常态化之类的用语" if vague else "原文没有时间要求"
            found.append(Draft(clause, None, "", (*notes, why)))
    return found


def plan_date(text: str) -> date | None:
    """The first full date of the plan (its date of issue, 2025年3月12日), if it has one."""
    normal = unicodedata.normalize("NFKC", text)
    for found in re.finditer(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", normal):
        try:
            return date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:
            continue
    return None
