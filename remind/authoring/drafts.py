"""New [[tasks]] tables, written with tomli-w: what `remind add` appends to the task list
(remind.storage.tasklist) and what `remind extract` drafts from a plan. Writes no file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from remind.core.model import Source, TaskList
from remind.core.units import Directory
from remind.errors import RemindError
from remind.i18n import _

if TYPE_CHECKING:
    from remind.authoring.extract import Draft
    from remind.core.workdays import WorkCalendar

# The order a coordinator reads a task in, as in the bundled list.
FIELD_ORDER = (
    "id", "title", "source", "clause", "text", "lead", "support", "target",
    "shift", "due", "start", "end", "every", "day", "month", "from", "until", "count_min",
    "opens", "season", "within", "counting", "after", "received", "ongoing",
)  # fmt: skip


def task_toml(fields: Mapping[str, object]) -> str:
    """One [[tasks]] table, its fields in FIELD_ORDER, empty ones left out."""
    import tomli_w

    ordered = {k: _short(fields[k]) for k in FIELD_ORDER if fields.get(k) not in (None, "", [], ())}
    # written as a top-level table under our own header: tomli-w makes a short array of tables
    # inline (tasks = [{…}]), which a coordinator would not recognise
    return "[[tasks]]\n" + tomli_w.dumps(ordered)


def _short(value: object) -> object:
    """One unit as a name, not a list of one: lead = "法制处" reads as the plan does."""
    if isinstance(value, list | tuple) and len(value) == 1:
        return value[0]
    return value


def pick_source(tasklist: TaskList, source_id: str | None) -> Source:
    if source_id:
        if source_id not in {s.id for s in tasklist.sources}:
            raise RemindError(
                _("no source {source!r}; see the [[sources]] of {path}").format(
                    source=source_id, path=tasklist.path
                )
            )
        return tasklist.source(source_id)
    if len(tasklist.sources) == 1:
        return tasklist.sources[0]
    names = ", ".join(s.id for s in tasklist.sources)
    raise RemindError(_("name the plan with --source (one of {sources})").format(sources=names))


def free_id(tasklist: TaskList, source: Source) -> str:
    """{source}-NN, numbered after the source's tasks, never an id in use."""
    taken = {t.id for t in tasklist.tasks}
    n = sum(t.source == source.id for t in tasklist.tasks) + 1
    while f"{source.id}-{n:02d}" in taken:
        n += 1
    return f"{source.id}-{n:02d}"


def new_task(
    phrase: str,
    tasklist: TaskList,
    directory: Directory,
    source: Source,
    *,
    lead: Sequence[str],
    support: Sequence[str] = (),
    task_id: str | None = None,
    title: str | None = None,
    clause: str = "",
    year: int | None = None,
    today: date,
) -> tuple[dict[str, object], tuple[str, ...]]:
    """The fields of a task made from a sentence of a plan — its time phrase read as the
    schedule (dates without a year in `year`, else the plan's), the rest as its title unless
    `title` is given, its units by their canonical names — and how its words were mended."""
    from remind.authoring.phrases import read, task_fields

    plan_year = year or (source.start or source.issued or today).year
    found = read(phrase, year=plan_year, today=today, calendar=tasklist.calendar)
    if not (title or found.rest):
        raise RemindError(
            _("{phrase!r} says when but not what: give the duty with --title").format(phrase=phrase)
        )
    fields = {
        "id": task_id or free_id(tasklist, source),
        "title": title or found.rest,
        "source": source.id,
        "clause": clause,
        "text": phrase,
        "lead": [directory.find(name).name for name in lead],
        "support": [directory.find(name).name for name in support],
    } | task_fields(found.when, today=today, calendar=tasklist.calendar)
    return fields, found.warnings


def draft_plan(
    text: str, tasklist: TaskList, directory: Directory, *, source: str, org: str = "",
    year: int | None = None, today: date,
) -> str:  # fmt: skip
    """The plan's clauses as [[tasks]] tables to check and paste ("" when it has none):
    dates without a year in `year`, else in the year of the plan's own date; words said from
    a day (本月底) count from that date, else from `today`. `org` is the organisation whose
    units it names (the task list's by default)."""
    from remind.authoring import extract

    issued = extract.plan_date(text) or today
    found = extract.draft_tasks(
        text, year=year or issued.year, issued=issued, calendar=tasklist.calendar
    )
    if not found:
        return ""
    return plan_toml(found, source=source, org=org or tasklist.settings.org,
                     directory=directory, today=today, calendar=tasklist.calendar)  # fmt: skip


def plan_toml(
    drafts: list[Draft], *, source: str, org: str, directory: Directory, today: date,
    calendar: WorkCalendar,
) -> str:  # fmt: skip
    """The drafts of a plan as [[tasks]] tables, each under a comment naming its clause and what
    to check, then the units the task list does not know yet."""
    from remind.authoring.grammar import Start
    from remind.authoring.phrases import task_fields
    from remind.core.model import Limit

    unknown: dict[str, None] = {}

    def known(names: tuple[str, ...]) -> list[str]:
        found = []
        for name in names:
            unit = directory.lookup(org, name)
            if unit is None:
                unknown[name] = None
            found.append(unit.name if unit else name)
        return found

    parts = []
    for n, draft in enumerate(drafts, start=1):
        clause, phrase = draft.clause, draft.phrase
        notes = list(draft.notes)
        fields: dict[str, object] = {
            "id": f"{source}-{n:02d}",
            "title": (phrase.rest if phrase and phrase.rest else clause.title),
            "source": source,
            "clause": clause.label,
            "text": draft.words,
            "lead": known(clause.lead),
            "support": known(clause.support),
        }
        if not clause.lead:
            notes.append("原文未写明牵头单位：请填写 lead")
        if phrase and isinstance(limit := phrase.when, Limit) and limit.after:
            notes.append(f"{draft.words}：从{limit.after}之日起算；{limit.after}后用 "
                         f"remind received {fields['id']} --on 日期 登记")  # fmt: skip
            fields |= task_fields(limit, today=today, calendar=calendar)
        elif phrase and isinstance(limit, Limit):
            notes.append(f"{draft.words}：没有说从哪天起算，请改为具体日期")
            fields["ongoing"] = True
        elif phrase and isinstance(phrase.when, Start):
            notes.append(f"{draft.words}：只写了开始日期，没有截止日期")
            fields["ongoing"] = True
        elif phrase is None:
            fields["ongoing"] = True
        else:
            fields |= task_fields(phrase.when, today=today, calendar=calendar)
        comment = [f"# {clause.label} {clause.title}"] + [f"#   ⚠ {note}" for note in notes]
        parts.append("\n".join(comment) + "\n" + task_toml(fields))
    if unknown:
        listed = "、".join(unknown)
        parts.append(
            f"# 任务表中还没有这些单位，请在 [[units]] 中添加或写成已有单位的别名：\n# {listed}\n"
        )
    return "\n".join(parts)
