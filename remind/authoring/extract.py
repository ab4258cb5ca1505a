"""A plan's text to draft tasks: its clauses, their 牵头/责任 units and time phrases. Pure.

Clauses are the numbered items that say something (一、 （一） 1. (1) 第一条, with a full
stop), the rows of its tables (Markdown pipes or tabs, with a 牵头单位 or 主办单位 column; a CSV
export, Word cells one per line and a table laid out with spaces are rewritten so by
remind.authoring.layouts), and the duties of the preamble (请各单位于每月10日前报送…). A
heading's units (（二）…（牵头单位：X）) are its items'. Numbered lines without a sentence are
headings; a heading's window (办理落实阶段（4月—10月）) bounds the rhythms under it. Units are
read by remind.authoring.markers. Page footers (- 5 -) are dropped, and a clause broken by one
is joined again. Each time phrase of a clause becomes one draft; a clause with none becomes a
standing duty.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from remind.authoring import layouts, markers
from remind.authoring.grammar import NoTime, Phrase, Recurrence, Start, Unreadable, cn_number
from remind.authoring.markers import Named, fold, named_in
from remind.authoring.phrases import ALL_YEAR, read
from remind.core.dates import last_of_month
from remind.core.model import Deadline, Limit, Ongoing, Window
from remind.core.workdays import WEEKDAYS_ONLY, WorkCalendar
from remind.frozen import frozen

_NUMBER = "一二三四五六七八九十"
# (level, pattern): 第一条 and 一、 then （一） then 1. then (1)
CIRCLED_LEVEL = 5  # ① … ⑳, under any heading
_LEVELS = (
    (1, re.compile(rf"(第[{_NUMBER}]+条)")),  # labelled as written: 第三条
    (1, re.compile(rf"([{_NUMBER}]+)、")),
    (2, re.compile(rf"\(([{_NUMBER}]+)\)")),
    (3, re.compile(r"(\d+)[.、](?!\d)")),
    (4, re.compile(r"\((\d+)\)")),
    (CIRCLED_LEVEL, re.compile(r"([①-⑳])")),
)
_ANNEX = re.compile(r"附件\s*\d*")  # the heading of an annex, on a line of its own
# annexes; the date signed, alone or after the signing unit's name
_END_OF_PLAN = re.compile(r"附件|附表|[^\s,。;:、()]{0,30}?\d{4}年\d{1,2}月\d{1,2}日$")
_SENTENCE_END = "。;!?:)"
_PHONE = re.compile(r"(?:\d{3,4}-)?\d{7,8}|1[3-9]\d{9}|123\d\d")  # hotlines are not dates


@frozen
class Clause:
    label: str  # 二（一）1, as the task list's `clause`
    title: str
    text: str  # the whole paragraph, units taken out
    lead: tuple[str, ...]
    support: tuple[str, ...]
    when_text: str = ""  # where its time phrases are: a table's 完成时限, else the text
    stage: str = ""  # the time words of the stage it stands in: 2025年4月—10月
    no_lead: bool = False  # only 责任 units named
    time_limit: str = ""  # the words of its 完成时限 (a label or a column), among when_text's
    period: str = ""  # the time its heading names (（二）4—6月): its schedule, when it gives none


@frozen
class Draft:
    """One task a clause gives: the clause, and the time phrase read (None: no deadline)."""

    clause: Clause
    phrase: Phrase | None
    words: str  # the part of the clause the phrase is in
    notes: tuple[str, ...] = ()  # what a person must check: phrases that could not be read


# ---------------------------------------------------------------- lines and blocks


def _lines(text: str) -> list[str]:
    """The plan's lines, folded, footers gone; a line broken by a footer joined again."""
    lines: list[str] = []
    broken = False
    text = _CHINESE_DATE.sub(_in_digits, layouts.as_rows(text, _column_of))
    for line in _folded(text).splitlines():
        if layouts.FOOTER.match(line):
            written = [x for x in lines if x.strip()]
            broken = bool(written) and not _ends_sentence(written[-1])
            while broken and not lines[-1].strip():
                lines.pop()
            continue
        if broken and not line.strip():
            continue
        if broken and lines and not _starts_item(line, lines[-1]):
            lines[-1] += line.strip()
        else:
            lines.append(line.rstrip(" \r"))  # a table row's empty last cells keep their tabs
        broken = False
    return lines


def _folded(text: str) -> str:
    """The text folded, but for ① … ⑳, which number items (folding makes them 1 … 20)."""
    return "".join(part if _CIRCLED.fullmatch(part) else fold(part)
                   for part in _CIRCLED.split(text))  # fmt: skip


_CIRCLED = re.compile("([①-⑳])")


def _ends_sentence(line: str) -> bool:
    """Whether a page may end after `line`: a sentence, or a line of units, is over."""
    return line.strip()[-1] in _SENTENCE_END or markers.is_label_line(line)


def _numbered(line: str) -> tuple[int, str, str]:
    for level, pattern in _LEVELS:
        if match := pattern.match(line):
            return level, match[1], line[match.end() :].strip()
    return 0, "", line


def _starts_item(line: str, previous: str) -> bool:
    """Whether `line` starts an item of its own rather than continuing `previous`: it has a
    number, a label or a table's cells, or it follows a label line that ended its names."""
    if _numbered(line.strip())[0] or markers.is_label_line(line) or _is_row(line):
        return True
    if _ANNEX.fullmatch(line.strip()) or _ANNEX.fullmatch(previous.strip()):
        return True  # 附件, alone on its line, then the annex's title
    return markers.is_label_line(previous) and not previous.rstrip().endswith(("、", ","))


def _is_row(line: str) -> bool:
    return line.lstrip().startswith("|") or line.count("\t") >= 2


def _blocks(lines: list[str]) -> Iterator[list[str]]:
    """Runs of lines between blank lines, each run split where a line starts an item of its
    own (a number, a label, a table row); other lines continue the one before."""
    block: list[str] = []
    for line in [*lines, ""]:
        if not line.strip():
            if block:
                yield block
            block = []
        elif block and not _starts_item(line, block[-1]):
            block[-1] += line.strip()
        else:
            block.append(line if _is_row(line) else line.strip().lstrip("#").strip())


# ---------------------------------------------------------------- clauses


def clauses(text: str) -> list[Clause]:
    """Every clause of the plan, in order: its preamble's duties, numbered items, table rows."""
    reader = _PlanReader()
    for block in _blocks(_lines(text)):
        for line in block:
            reader.read(line)
    reader.close()
    return reader.found


class _PlanReader:
    """A plan's lines, one at a time, into clauses: where in the numbering it is, the stage it
    is in, the units carried down to the clauses below, and the clause or table being read."""

    def __init__(self) -> None:
        self.found: list[Clause] = []
        self.labels: dict[int, str] = {}  # the number at each level: {1: "二", 2: "一"}
        self.stages: dict[int, str] = {}  # the time words of each level's stage heading
        self.periods: dict[int, str] = {}  # the time words of headings that are only a time
        self.carried = Named()  # units a clause says apply to the clauses below (下同)
        # units a rule (…，不再一一列出) gives the clauses below it in its section, by the level
        # of the heading it is under: 0 before any, for the whole plan
        self.rules: dict[int, Named] = {}
        self.current: dict[str, str] | None = None  # the clause being read
        self.rows: list[str] = []  # the table being read
        self.started = False  # a numbered line was read: the preamble is over
        self.annex = False  # the clauses are over: only tables are read
        self.lines_read = 0  # a file that starts with 附件 is an annex's own text: not an annex
        self.waiting: list[int] = []  # ① items with no units yet: the next ones' may be theirs

    def read(self, line: str) -> None:
        if _is_row(line):
            if self.current is not None:
                self.close()
            self.rows.append(line)
            return
        if self.rows:
            self.close()
        annex_heading = self.lines_read and _ANNEX.fullmatch(line.strip())
        self.lines_read += 1
        if (_END_OF_PLAN.match(line) and self.started) or annex_heading:
            self.close()  # a notice whose clauses are all in its annex starts it at 附件
            self.annex, self.labels = True, {}
            return
        level, number, body = _numbered(line)
        if level:
            self._numbered(level, number, body)
        elif "不再一一列出" in line:  # a rule for the clauses below, not the one above
            self.close()
            sentences = re.split(r"(?<=。)", line)
            rule = next(s for s in sentences if "不再一一列出" in s)
            self.rules[max(self.labels, default=0)] = _rule(rule)
            if not self.started:  # the preamble's paragraph may ask for more
                self.found.extend(_preamble_duties(line.replace(rule, "")))
        elif self.current is not None and not _is_signature(line):
            # units on a line of their own, or a paragraph in two
            self.current["body"] += f" {line}" if markers.is_label_line(line) else line
        elif not self.started:
            self.found.extend(_preamble_duties(line))

    def _numbered(self, level: int, number: str, body: str) -> None:
        """A numbered line: a clause when it has a sentence, else a heading (with a stage)."""
        self.close()
        self.started = True
        self.labels = {k: v for k, v in self.labels.items() if k < level} | {level: number}
        self.stages = {k: v for k, v in self.stages.items() if k < level}
        self.rules = {k: v for k, v in self.rules.items() if k < level}
        self.periods = {k: v for k, v in self.periods.items() if k < level}
        if stage := re.search(r"阶段\s*\(([^()]*\d[^()]*)\)", body):
            self.stages[level] = stage[1]
        elif "。" not in body and len(body) <= 12 and _only_a_time(body):  # （一）3月, （三）下半年
            self.stages[level] = self.periods[level] = body
        if "。" in body and not self.annex:
            self.current = {"label": _label(self.labels), "body": body, "stage": self.stage,
                            "period": self.period}  # fmt: skip
        elif (named := named_in(body)[0]).lead or named.support:  # （二）…（牵头单位：X）
            self.rules[level] = Named(carried_lead=named.lead, carried_support=named.support)

    def _share_with_the_items_before(self, clause: Clause, named: bool) -> None:
        """①…② then 牵头单位：… : units named after the last ① item are every such item's that
        named none of its own."""
        if max(self.labels, default=0) != CIRCLED_LEVEL:
            self.waiting = []
        elif not named:
            self.waiting.append(len(self.found))
        else:
            for at in self.waiting:
                self.found[at] = replace(self.found[at], lead=clause.lead, support=clause.support,
                                         no_lead=clause.no_lead)  # fmt: skip
            self.waiting = []

    @property
    def stage(self) -> str:
        return self.stages[max(self.stages)] if self.stages else ""

    @property
    def period(self) -> str:
        return self.periods[max(self.periods)] if self.periods else ""

    def close(self) -> None:
        """The clause or the table being read is done."""
        carried = functools.reduce(operator.or_, self.rules.values(), self.carried)
        if self.current is not None:
            clause, named = _clause(self.current, carried)
            self.carried |= Named(carried_lead=named.carried_lead,
                                  carried_support=named.carried_support)  # fmt: skip
            self._share_with_the_items_before(clause, bool(named.lead or named.support))
            self.found.append(clause)
        if self.rows:
            section = "附件" if self.annex and not self.labels else _label(self.labels)
            self.found.extend(_table(self.rows, section, self.stage, carried))
        self.current, self.rows = None, []


def _clause(current: dict[str, str], carried: Named) -> tuple[Clause, Named]:
    named, body = named_in(current["body"])
    title = re.split(r"[。;]", body, maxsplit=1)[0]
    if not (named.lead or named.support) and (asked := _asked(body)):
        named = Named(lead=asked)  # 请各承办单位于6月30日前报送…: those asked lead
    lead = named.lead or carried.carried_lead
    support = _without(named.support + carried.carried_support, lead)
    clause = Clause(current["label"], title.strip(), body, lead, support, body, current["stage"],
                    named.only_responsible and not lead, named.time_limit,
                    current["period"])  # fmt: skip
    return clause, named


def _without(names: tuple[str, ...], taken: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(n for n in dict.fromkeys(names) if n not in taken)


def _is_signature(line: str) -> bool:
    """区发展和改革委员会, above the date a plan is signed: a short line with no punctuation."""
    return len(line) <= 30 and not re.search(r"[,。;:、()]", line) and bool(_UNIT_NAME.search(line))


def _label(labels: dict[int, str]) -> str:
    """一, 二（一）, 二（一）1, as the bundled list writes clauses."""
    text = ""
    for level in sorted(labels):
        number = labels[level]
        text += f"（{number}）" if level in (2, 4) else number
    return text


_UNIT_NAME = re.compile(
    r"(?:各|市|区|县|省)[\u4e00-\u9fff]{0,10}?(?:人民政府|管委会|委员会|办公厅|办公室|局|委|中心|集团|公司)"
)


_GROUP = re.compile(
    r"各[\u4e00-\u9fff]{1,8}?(?:\([\u4e00-\u9fff、]{1,8}\))?(?=[,，。、;]|$)"
)  # 各乡镇(街道)


def _rule(sentence: str) -> Named:
    """The units of a carry-over rule, as lead when it says they lead (以下各项均由区住建局牵头，
    不再一一列出), else as support (各项任务均需各区人民政府落实，不再一一列出)."""
    words = re.sub(r"^.*?(?:均需|均由|均含|均包括|需|由|请)", "", sentence)
    found = [m[0] for m in _UNIT_NAME.finditer(words)] or [m[0] for m in _GROUP.finditer(words)]
    units = tuple(dict.fromkeys(map(markers.full_width, found)))
    leads = re.search(r"由[^,;。]*?牵头", sentence)
    return Named(carried_lead=units) if leads else Named(carried_support=units)


_ASKED = re.compile(
    r"请(?P<who>(?:各|你|贵)[^,。;请]{1,18}?)?(?:自[^,。;]{1,12}起\s*,?\s*)?(?:于|在|务必|按|要)"
    r"|(?:^|(?<=[,。;:]))(?P<they>各[^,。;请]{1,12}?)(?:要|须|应|务必)(?:于|在)"
)


def _asked(text: str) -> tuple[str, ...]:
    """Those a 请…于 sentence asks: 请各单位于每月10日前报送 asks 各单位."""
    asked = (m["who"] or m["they"] for m in _ASKED.finditer(text))
    return tuple(dict.fromkeys(who for who in asked if who))


def _preamble_duties(line: str) -> list[Clause]:
    """请各单位于每月10日前报送…, 各单位要于…, 请于3月20日前…: a duty the 通知 gives before its
    clauses, from the request on (what comes before it says what the notice is about)."""
    found = []
    for sentence in re.split(r"(?<=。)", line):
        if (request := _ASKED.search(sentence)) and _has_time(sentence[request.start() :]):
            who = tuple(n for words in _asked(sentence) for n in markers.names_of(words))
            found.append(Clause("前言", sentence.strip("。"), sentence, who, (), sentence))
    return found


def _only_a_time(words: str) -> bool:
    """（二）4—6月: a heading that is a time and nothing else."""
    try:
        phrase = read(words, year=2000, today=date(2000, 1, 1))
    except Unreadable:
        return False
    return not phrase.rest and isinstance(phrase.when, (Window, Deadline))


def _has_time(sentence: str) -> bool:
    try:
        read(sentence, year=2000, today=date(2000, 1, 1))
    except NoTime:
        return False
    except Unreadable:
        return True
    return True


# ---------------------------------------------------------------- tables

_COLUMNS = {  # what a header cell names
    "lead": r"牵头(?:单位|部门|处室)|主办单位|牵头",
    "support": r"配合(?:单位|部门|处室)|协办单位|参与单位",
    "responsible": r"责任(?:单位|部门|处室)",
    "when": r"完成时限|时间节点|完成时间|时限|时间安排|进度安排|办理时限",
    "number": r"序号|编号",  # before the task: 项目编号 numbers
    "task": r"工作任务|主要任务|重点任务|任务|工作内容|具体措施|工作措施|事项|内容|提案名称|标题|案由"
    r"|项目",  # 民生实事 tables: 项目, 项目名称
}


def _cells(row: str) -> list[str]:
    if row.lstrip().startswith("|"):  # a line break in a cell (<br>) parts names, not words
        row = re.sub(r"(?<=[,;。、:])\s*<br\s*/?>", "", row)
        row = re.sub(r"\s*<br\s*/?>\s*", "、", row)
        return [c.strip() for c in row.strip().strip("|").split("|")]
    return [c.strip() for c in row.split("\t")]


def _table(rows: list[str], section: str, stage: str, carried: Named) -> list[Clause]:
    """The clauses of a table whose header names a lead or a task column; [] otherwise.

    A row with one filled cell is a heading (一、科技创新); 序号 numbers a row under it. An
    empty lead cell is a merged one, as a sheet pasted leaves it: the lead of the row above.
    """
    header: dict[str, int] = {}
    found: list[Clause] = []
    heading, number, above = "", "", ""
    for row in rows:
        cells = _cells(row)
        if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
            continue  # | --- | --- |
        if not header:
            header = _header(cells)
            if "lead" not in header and "task" not in header:
                return []  # a list of people, or of figures: no duties
            continue
        filled = [c for c in cells if c]
        if len(filled) <= 1:  # | 一、夯实数字基础设施 | | |: a heading, its number in the path
            level, number, heading = _numbered("".join(filled))
            number = "" if section == "附件" else (f"（{number}）" if level == 2 else number)
            above = ""
            continue
        lead_at = header.get("lead", -1)
        if lead_at >= 0 and (lead_at >= len(cells) or not cells[lead_at]) and above:
            cells = [*cells, *[""] * (lead_at + 1 - len(cells))]
            cells[lead_at] = above  # a merged cell, pasted: the lead of the row above
        above = cells[lead_at] if 0 <= lead_at < len(cells) else ""
        found.append(_row_clause(cells, header, section + number, heading, stage, carried,
                                 len(found)))  # fmt: skip
    return found


def _column_of(cell: str) -> str | None:
    """The column a header cell names (序号: "number", 主办单位: "lead"), if any."""
    cell = fold(cell)
    return next((column for column, pattern in _COLUMNS.items() if re.search(pattern, cell)), None)


def _header(cells: list[str]) -> dict[str, int]:
    """Which column holds what. A 责任单位 column beside a 配合单位 one, with no 牵头 column, is
    the lead (责任单位 | 配合单位, as 任务分工表 have it); alone, its units are support, and the
    draft says there is no lead."""
    header: dict[str, int] = {}
    for at, cell in enumerate(cells):
        if (column := _column_of(cell)) and column not in header:
            header[column] = at
    if "responsible" in header:
        role = "lead" if "support" in header and "lead" not in header else "support"
        at = header.pop("responsible")
        header.setdefault(role, at)
    return header


def _row_clause(
    cells: list[str], header: dict[str, int], section: str, heading: str, stage: str,
    carried: Named, index: int,
) -> Clause:  # fmt: skip
    def cell(column: str) -> str:
        at = header.get(column, -1)
        text = cells[at] if 0 <= at < len(cells) else ""
        return "" if re.fullmatch(r"[—\-－/／无]*", text) else text  # — in a cell: none

    number = re.sub(r"[.、]$", "", cell("number")) or str(index + 1)
    number = f"（{number}）" if section == "附件" else number
    task_named, task = named_in(cell("task"))
    marked, support = markers.marked_lead(markers.names_of(cell("support")))
    lead = markers.names_of(cell("lead")) or marked or task_named.lead
    support = _without(support + task_named.support, lead)
    only_responsible = not lead and bool(support)
    lead = lead or carried.carried_lead
    support = _without(support + carried.carried_support, lead)
    title = re.split(r"[。;]", task, maxsplit=1)[0] or heading
    when_text = cell("when") or task
    return Clause(f"{section}{number}", title.strip(), task, lead, support, when_text, stage,
                  only_responsible, cell("when"))  # fmt: skip


# ---------------------------------------------------------------- drafts


def draft_tasks(
    text: str, *, year: int, issued: date, calendar: WorkCalendar = WEEKDAYS_ONLY
) -> list[Draft]:
    """Every clause's tasks: one per time phrase, or one standing duty when it has none.

    Words said from a day (本月底, 下月) count from `issued`, the day the plan was written. A
    time limit counted from an event the unit is handed (收到交办件后3个月内), or one in the
    clause's 完成时限 counted from an event (开工之日起90日内), is the clause's relative
    schedule; other limits (接件后3个工作日内办结, 延长15日) say how fast work is done. A clause
    with no time of its own under a heading that is a time (（二）4—6月) takes the heading's. A stage's window in the clause itself (部署阶段（1月—2月）…2月底前) frames its
    dates rather than being one. A rhythm with no bounds is bounded by the clause's stage, or
    marked for a person to check.
    """
    found: list[Draft] = []
    for clause in clauses(text):
        dated: list[tuple[str, Phrase]] = []
        notes: list[str] = []
        vague = False
        limits = {p.strip() for p in _PARTS.split(clause.time_limit)} - {""}
        for part in _PARTS.split(_PHONE.sub("", clause.when_text)):
            try:
                phrase = read(part, year=year, today=issued, calendar=calendar)
                if part.strip() in limits:
                    phrase = _by_its_end(phrase)
            except NoTime:
                continue
            except Unreadable as refused:
                notes.append(f"{part}：{refused}")
                continue
            if _names_a_year(part, phrase):
                continue
            if isinstance(phrase.when, Ongoing):
                vague = True
            elif isinstance(phrase.when, Limit) and not _relative_schedule(part, limits, phrase):
                notes.append(f"{part}：办理时限，不是截止日期")  # how fast, not a task's date
            else:
                dated.append((part, phrase))
        if not (dated or vague or notes) and clause.period:  # （一）3月 / 1. 召开动员部署会。
            dated = [(clause.period, read(clause.period, year=year, today=issued,
                                          calendar=calendar))]  # fmt: skip
        dated, frame = _without_the_stage(_started(dated))
        dated = _bounded(
            _one_per_rhythm(_distinct(_without_the_year(dated))),
            frame or _stage_window(clause.stage, year, issued, calendar),
        )
        if clause.no_lead:
            notes.append("原文只写了责任单位，没有牵头单位：请核对 lead")
        if dated:
            for part, phrase in dated:
                unbounded = isinstance(phrase.when, Recurrence) and phrase.when.start is None
                extra = ["周期没有起止：请核对 from 和 until"] if unbounded else []
                found.append(Draft(clause, phrase, part, (*notes, *phrase.warnings, *extra)))
        else:
            why = "原文只有持续推进、常态化之类的用语" if vague else "原文没有时间要求"
            found.append(Draft(clause, None, "", (*notes, why)))
    return found


_PARTS = re.compile(r"[。;,，]|、(?!\d)")  # 6月25日、12月25日前 is one phrase
# Events handed to the unit, from which its work is counted (收到交办件, 方案印发), and the
# public's requests, each handled to a standard (受理后3个工作日内办结) and no task of its own
_HANDED = re.compile(r"交办|收到|接到|印发|下达|转办")
_PUBLIC = re.compile(r"接件|受理|申请|来信|来访|投诉|举报|诉求|工单|咨询")


def _relative_schedule(part: str, limits: set[str], phrase: Phrase) -> bool:
    """A limit counted from an event the unit is handed (收到交办件后3个月内办结), or from one
    the clause's 完成时限 names (开工之日起90日内): the clause's relative schedule; not how
    fast each of the public's requests is dealt with (接件后3个工作日内办结)."""
    assert isinstance(phrase.when, Limit)
    event = phrase.when.after
    if not event or _PUBLIC.search(event):
        return False
    return part.strip() in limits or bool(_HANDED.search(event))


def _by_its_end(phrase: Phrase) -> Phrase:
    """A month as a time limit (完成时限：5月, 5月完成) is a deadline at its end, not a window:
    what must be done by then may be done before. Work that starts in it (3月开工) is not."""
    when = phrase.when
    if (
        not re.search(r"开工|启动|开始|开展|举办|召开", phrase.rest)
        and isinstance(when, Window)
        and when.start.day == 1
        and when.end == last_of_month(when.start.year, when.start.month)
    ):
        return replace(phrase, when=Deadline(when.end))
    return phrase


_YEAR_OF = re.compile(
    r"\d{4}年度?(?!全面|基本|完成|实现|达到|建成|形成|底|前)"
    r"[\u4e00-\u9fff]{0,12}?(?:计划|方案|要点|报告|清单|规划|项目|预算|名单|事项|任务)"
)


def _names_a_year(part: str, phrase: Phrase) -> bool:
    """出台2026年优化营商环境行动计划, 谋划储备2027年重点项目: the year names a plan or
    projects, and is no time the work is due."""
    return (
        len(phrase.words) == 1
        and bool(re.fullmatch(r"\d{4}年度?", phrase.words[0]))
        and bool(_YEAR_OF.search(part))
    )


def _started(dated: list[tuple[str, Phrase]]) -> list[tuple[str, Phrase]]:
    """自4月起，于每月28日前报送: the start is the rhythm's, and no task of its own."""
    starts = [p.when for _, p in dated if isinstance(p.when, Start)]
    rhythms = [p.when for _, p in dated if isinstance(p.when, Recurrence) and p.when.start is None]
    if len(starts) != 1 or not rhythms:
        return dated
    begun = []
    for part, phrase in dated:
        when = phrase.when
        if isinstance(when, Recurrence) and when.start is None:
            phrase = replace(phrase, when=replace(when, start=starts[0].start))
        if not isinstance(when, Start):
            begun.append((part, phrase))
    return begun


_STAGE = re.compile(r"阶段\s*\(")


def _without_the_stage(
    dated: list[tuple[str, Phrase]],
) -> tuple[list[tuple[str, Phrase]], Window | None]:
    """部署启动阶段（2026年1月—2月）beside dates of the clause's own: the stage frames them and
    bounds its rhythms, but is no task of its own. The dates without it, and the frame."""
    stages = [n for n, (part, p) in enumerate(dated)
              if _STAGE.search(part) and isinstance(p.when, Window)]  # fmt: skip
    if len(stages) != 1 or len(dated) == 1:
        return dated, None
    frame = dated[stages[0]][1].when
    assert isinstance(frame, Window)
    return [d for n, d in enumerate(dated) if n != stages[0]], frame


def _without_the_year(dated: list[tuple[str, Phrase]]) -> list[tuple[str, Phrase]]:
    """年内 beside a date of its own (年内新认定20家以上，11月底前完成认定) frames the year's
    figure, and the date is when it is due: the year is no task of its own. Alone, it is."""
    framed = [(part, p) for part, p in dated if len(p.words) == 1 and p.words[0] in ALL_YEAR]
    return [d for d in dated if d not in framed] if len(framed) < len(dated) else dated


def _distinct(dated: list[tuple[str, Phrase]]) -> list[tuple[str, Phrase]]:
    """A schedule said twice (每季度末组织督导 … 完成时限：每季度末) is one task: the first."""
    seen: set[object] = set()
    kept = []
    for part, phrase in dated:
        if phrase.when not in seen:
            seen.add(phrase.when)
            kept.append((part, phrase))
    return kept


def _one_per_rhythm(dated: list[tuple[str, Phrase]]) -> list[tuple[str, Phrase]]:
    """A rhythm named only (实行月报制度) beside the same rhythm with its day (每月5日前报送) is
    one duty: the one with the day."""

    rhythms = [p.when.every for _, p in dated if isinstance(p.when, Recurrence)]

    def repeated(when: object) -> bool:
        if not isinstance(when, Recurrence):
            return False
        return when == Recurrence(when.every) and rhythms.count(when.every) > 1

    return [(part, phrase) for part, phrase in dated if not repeated(phrase.when)]


def _bounded(dated: list[tuple[str, Phrase]], stage: Window | None) -> list[tuple[str, Phrase]]:
    """A rhythm with no bounds, bounded by its stage: the clause's own window (办理落实阶段
    （4月—10月）…每月报送; 4月至10月，每月…), else its heading's. A window with work of its own
    (上半年完成复核；每半年暗访) is no stage."""
    windows = [p.when for _, p in dated if isinstance(p.when, Window) and not p.rest]
    bounds = windows[0] if len(windows) == 1 else stage
    if bounds is None:
        return dated
    bounded = []
    for part, phrase in dated:
        when = phrase.when
        if isinstance(when, Recurrence) and when.start is None and when.until is None:
            phrase = replace(phrase, when=replace(when, start=bounds.start, until=bounds.end))
        bounded.append((part, phrase))
    return bounded


def _stage_window(words: str, year: int, issued: date, calendar: WorkCalendar) -> Window | None:
    try:
        when = read(words, year=year, today=issued, calendar=calendar).when if words else None
    except Unreadable:
        return None
    return when if isinstance(when, Window) else None


_CN = "〇零一二三四五六七八九十"
_CHINESE_DATE = re.compile(rf"([{_CN}]{{4}})年([{_CN}]{{1,2}})月([{_CN}]{{1,3}})日")


def _in_digits(found: re.Match[str]) -> str:
    return "{}年{}月{}日".format(*(cn_number(found[n]) for n in (1, 2, 3)))


def plan_date(text: str) -> date | None:
    """The first full date of the plan (its date of issue, 2025年3月12日 or 二〇二五年三月十二日),
    if it has one."""
    normal = _CHINESE_DATE.sub(_in_digits, fold(text))
    for found in re.finditer(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", normal):
        try:
            return date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:
            continue
    return None
