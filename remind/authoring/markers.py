"""The units a plan names for its clauses, in every form plans write them. Pure.

A label and its names: 牵头单位：市发改委；配合单位：市统计局 (full- or half-width colons, or
only a space; semicolons, commas or spaces between labels; one label per line or several on
one), in brackets ( ) or 〔 〕 or on a line of their own, and the short form （市发改委牵头，
市统计局、市财政局配合）. 牵头 and 主办 name the lead; 配合, 协办, 参与 and 责任 the support.
Lines that name people (分管领导：…, 联系人：…) name no unit. A unit's bracketed second name
(市文化和旅游局（市文物局）) is part of it; a 〈含…〉 note and a closing 等 are not.
"""

from __future__ import annotations

import re
import unicodedata

from remind.frozen import frozen

_LEAD = r"牵头|主办"
_SUPPORT = r"配合|协办|参与|协同|责任"
# 牵头单位, 责任处室（单位）, 主办单位: the labels before units
UNIT_LABEL = rf"(?P<role>{_LEAD}|{_SUPPORT})(?:(?:单位|处室|部门|科室|机构)(?:\((?:单位|部门|处室)\))?|(?=:))"  # 牵头：X；配合：Y as well
PERSON_LABEL = r"(?:分管|责任|牵头|联系|主要)?(?:局|市|区)?(?:领导|负责人|责任人|联系人|分管领导)"
WHEN_LABEL = r"完成时限|完成时间|时间要求|时限要求|办结时限|时间节点"
_LABEL = re.compile(
    rf"(?:^|(?<=[\s(〔;,:。]))(?:{UNIT_LABEL}|(?P<person>{PERSON_LABEL})|(?P<when>{WHEN_LABEL}))"
    r"\s*(?::|\s)\s*"
)
# （市发改委牵头，市统计局、市财政局配合）
_SHORT = re.compile(
    r"^(?P<lead>[^,;]+?)(?:共同)?牵头(?:[,;](?P<support>.+?)"
    r"(?:按职责分工负责|按职责负责|分工负责|配合|参与|协助|协办|负责|共同推进|落实))?$"
)
_BRACKETS = re.compile(r"[(〔]([^()〔〕]*(?:\([^()]*\)[^()〔〕]*)*)[)〕]")


@frozen
class Named:
    """The units named for a clause; `carried` are those it says apply below too (下同)."""

    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    carried_lead: tuple[str, ...] = ()
    carried_support: tuple[str, ...] = ()
    only_responsible: bool = False  # 责任 units with no 牵头 named: no lead
    time_limit: str = ""  # the words of a 完成时限 label among them

    def __or__(self, other: Named) -> Named:
        return Named(
            _unique(self.lead + other.lead),
            _unique(self.support + other.support),
            _unique(self.carried_lead + other.carried_lead),
            _unique(self.carried_support + other.carried_support),
            (self.only_responsible or other.only_responsible) and not (self.lead or other.lead),
            "。".join(t for t in (self.time_limit, other.time_limit) if t),
        )


def fold(text: str) -> str:
    """Full-width forms folded (：is :, （ is (), the ideographic space a space."""
    return unicodedata.normalize("NFKC", text)


def is_label_line(line: str) -> bool:
    """A line that starts with a label: 牵头单位：…, 责任处室 …, 分管领导：…."""
    found = _LABEL.match(fold(line).strip())
    return bool(found)


def named_in(text: str) -> tuple[Named, str]:
    """The units `text` names, and the text without the annotations that named them."""
    text = _TAGS.sub(lambda tag: f";{tag[1]}单位:", fold(text))
    named = Named()
    kept: list[str] = []
    at = 0
    for bracket in _BRACKETS.finditer(text):
        inside = bracket[1].strip()
        found = _annotation(inside) or _short_form(inside)
        if found is None:
            continue
        said = _when_said(inside) if _LABEL.match(inside) else ""  # （…；完成时限：6月底前）
        named |= found | Named(time_limit=said.strip("。"))
        kept.append(text[at : bracket.start()] + said)
        at = bracket.end()
    rest = "".join(kept) + text[at:]
    label = _LABEL.search(rest)  # a label line joined to the clause
    if label and label["role"] and (found := _annotation(rest[label.start() :])):
        said = _when_said(rest[label.start() :])
        named |= found | Named(time_limit=said.strip("。"))
        rest = rest[: label.start()] + said
    return named, rest.strip()


# 【牵头】市住建局【配合】市财政局: labels in lenticular brackets
_TAGS = re.compile(r"【(牵头|主办|配合|协办|参与|责任)(?:单位|处室|部门)?】")


def _when_said(labelled: str) -> str:
    """The words after 完成时限： among label lines: the clause's time, kept in its text."""
    labels = list(_LABEL.finditer(labelled))
    said = [labelled[m.end() : nxt.start() if nxt else len(labelled)]
            for m, nxt in zip(labels, [*labels[1:], None], strict=True) if m["when"]]  # fmt: skip
    return "".join(f"。{words.strip()}" for words in said)


def _annotation(text: str) -> Named | None:
    """牵头单位：X、Y；配合单位：Z — None when `text` starts with no unit label."""
    labels = list(_LABEL.finditer(text))
    if not labels or labels[0].start() != 0 or not any(m["role"] for m in labels):
        return None
    lead: list[str] = []
    support: list[str] = []
    carried_lead: list[str] = []
    carried_support: list[str] = []
    for label, following in zip(labels, [*labels[1:], None], strict=True):
        if not label["role"]:
            continue  # 分管领导：张三 names a person; 完成时限：… a time
        words = text[label.end() : following.start() if following else len(text)]
        names, carried = _names(words)
        marked, names = marked_lead(names)  # 责任单位：市教育局（牵头）、市发改委
        is_lead = bool(re.match(_LEAD, label["role"]))
        lead.extend(marked)
        (lead if is_lead else support).extend(names)
        carried_too = [n for n in (*marked, *names) if n in carried]
        (carried_lead if is_lead else carried_support).extend(carried_too)
    only_responsible = not lead and any(m["role"] == "责任" for m in labels)
    return Named(tuple(lead), tuple(support), tuple(carried_lead), tuple(carried_support),
                 only_responsible)  # fmt: skip


def _short_form(text: str) -> Named | None:
    """（X牵头，Y、Z配合）."""
    found = _SHORT.match(text)
    if not found or ":" in text:
        return None
    lead, _ = _names(found["lead"])
    support, _ = _names(found["support"] or "")
    return Named(lead, support) if lead else None


def names_of(cell: str) -> tuple[str, ...]:
    """The units of a table's cell: 市发改委、市统计局等."""
    return _names(fold(cell))[0]


def marked_lead(names: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names marked 牵头 in a list (市教育局（牵头）), without the mark; and the others."""
    marked = tuple(n.removesuffix("（牵头）") for n in names if n.endswith("（牵头）"))
    return marked, tuple(n for n in names if not n.endswith("（牵头）"))


def _names(words: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The units of a label's words, and those of them that apply below too: all when the
    list ends in ，下同; the one marked when a unit is (各区人民政府（下同）)."""
    # 〈含开发区…〉 is a note; （以下简称市发改委，下同） names a short form, and its 下同 is the
    # short form's, not a rule that the unit applies below
    words = re.sub(r"[〈<][^〉>]*[〉>]|\((?:含|以下简称)[^()]*\)", "", words)
    carried = bool(re.search(r"[,;]下同", words))  # …、…，下同: the whole list
    words = re.sub(r"[,;]下同", "", words)
    names, marked = [], []
    for part in _split(words):
        name = re.sub(r"等$", "", part.strip(" .。;,:"))  # 市发改委等
        if name.endswith("(下同)"):  # 各区人民政府（下同）: that unit alone
            name = name.removesuffix("(下同)")
            marked.append(name)
        if name:  # as the plan writes it: 市文化和旅游局（市文物局）
            names.append(full_width(name))
    return tuple(names), tuple(names) if carried else tuple(full_width(n) for n in marked)


def full_width(name: str) -> str:
    """A name's brackets as plans write them: 各乡镇（街道）."""
    return name.replace("(", "（").replace(")", "）")


def _split(words: str) -> list[str]:
    """At 、 , ; and spaces outside brackets: 市文化和旅游局(市文物局) stays one name."""
    parts, depth, current = [], 0, ""
    for char in words:
        depth += (char in "(〔") - (char in ")〕")
        if depth == 0 and char in "、,;， \t":
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def _unique(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))
