"""Entries as JSON and CSV: the stable, machine-readable contract. Imports no rich.

JSON keys are sorted, dates are ISO 8601, Chinese stays Chinese (ensure_ascii=False).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from remind.core.model import Agenda, Deadline, Entry, Light, Limit, LogLine, TaskList, Window
from remind.views.wording import pace_why

if TYPE_CHECKING:
    from decimal import Decimal

    from remind.authoring.grammar import Phrase
    from remind.core.board import Standing, Tally
    from remind.core.month import Month
    from remind.core.targets import Pace

UNIT_JOINER = "、"
CSV_COLUMNS = (
    "status",
    "due",
    "planned",
    "lead_due",
    "days_left",
    "task",
    "title",
    "period",
    "label",
    "start",
    "done",
    "needed",
    "done_on",
    "lead",
    "support",
    "source",
    "source_title",
    "clause",
    "org",
)  # fmt: skip; every key of entry_fields, in the order a spreadsheet reads best


def entry_fields(entry: Entry, tasklist: TaskList) -> dict[str, Any]:
    occurrence, task = entry.occurrence, entry.occurrence.task
    return {
        "status": entry.status.value,
        "due": occurrence.due.isoformat(),
        "planned": occurrence.planned.isoformat() if occurrence.planned else None,
        "lead_due": occurrence.lead_due.isoformat() if occurrence.lead_due else None,
        "days_left": entry.days_left,
        "task": task.id,
        "title": task.title,
        "period": occurrence.period,
        "label": occurrence.label,
        "start": occurrence.start.isoformat() if occurrence.start else None,
        "done": entry.done,
        "needed": task.needed,
        "done_on": entry.done_on.isoformat() if entry.done_on else None,
        "lead": list(task.lead),
        "support": list(task.support),
        "source": task.source,
        "source_title": tasklist.source(task.source).title,
        "clause": task.clause,
        "org": task.org,
    }


def agenda_json(
    agenda: Agenda, tasklist: TaskList, *, today: date, since: date, horizon: date, units: list[str]
) -> str:
    document = {
        "today": today.isoformat(),
        "since": since.isoformat(),
        "until": horizon.isoformat(),
        "units": units,
        "items": [entry_fields(entry, tasklist) for entry in agenda.entries],
        "earlier_overdue": agenda.earlier_overdue,
        "earliest_overdue": agenda.earliest_overdue.isoformat()
        if agenda.earliest_overdue
        else None,
    }
    return _dumps(document)


def entries_csv(entries: Iterable[Entry], tasklist: TaskList) -> str:
    """CSV with a byte-order mark, which Excel needs to read UTF-8 Chinese correctly."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for entry in entries:
        row = entry_fields(entry, tasklist)
        row["lead"] = UNIT_JOINER.join(row["lead"])
        row["support"] = UNIT_JOINER.join(row["support"])
        writer.writerow(row)
    return out.getvalue()


def _dumps(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2)


def log_json(lines: Iterable[LogLine]) -> str:
    return _dumps(
        [
            {
                "id": line.record.id,
                "task": line.record.task,
                "title": line.task.title if line.task else None,
                "period": line.record.period,
                "label": line.occurrence.label if line.occurrence else None,
                "due": line.occurrence.due.isoformat() if line.occurrence else None,
                "done": line.record.done_on.isoformat(),
                "days_late": line.days_late,
                "unit": line.record.unit or None,
                "by": line.record.by,
                "note": line.record.note,
                "recorded": line.record.recorded.isoformat() if line.record.recorded else None,
            }
            for line in lines
        ]
    )


def board_json(rows: Iterable[Standing], total: Standing, *, today: date, since: date) -> str:
    def tally(counts: Tally) -> dict[str, Any]:
        return {
            "overdue": counts.overdue,
            "soon": counts.soon,
            "done_on_time": counts.on_time,
            "done_late": counts.late,
            "rate": None if counts.rate is None else round(counts.rate, 4),
        }

    def row(standing: Standing) -> dict[str, Any]:
        return {
            "unit": standing.unit,
            "light": standing.light.value,
            "lead": tally(standing.lead),
            "support": tally(standing.support),
            "targets": {light.value: standing.targets[light] for light in Light},
        }

    document = {
        "today": today.isoformat(),
        "since": since.isoformat(),
        "units": [row(standing) for standing in rows],
        "total": row(total),
    }
    return _dumps(document)


def targets_json(found: Iterable[Pace], *, today: date) -> str:
    def number(amount: Decimal | None) -> float | None:
        return None if amount is None else float(round(amount, 4))

    def item(pace: Pace) -> dict[str, Any]:
        target, figure, latest = pace.target, pace.target.figure, pace.latest
        return {
            "task": target.task.id,
            "item": target.item,
            "key": target.key,
            "text": target.text,
            "amount": number(figure.amount) if figure else None,
            "measure": figure.measure if figure else None,
            "paced": figure.paced if figure else None,
            "period": [pace.start.isoformat(), pace.end.isoformat()],
            "latest": number(latest.value) if latest else None,
            "latest_on": latest.on.isoformat() if latest else None,
            "expected": number(pace.expected),
            "ratio": number(pace.ratio),
            "light": pace.light.value,
            "why": pace_why(pace),
            "lead": list(target.task.lead),
        }

    return _dumps({"today": today.isoformat(), "targets": [item(p) for p in found]})


FREQ_NAMES = {
    "week": "weekly",
    "ten-day": "ten-day",
    "month": "monthly",
    "quarter": "quarterly",
    "half": "half-yearly",
    "year": "yearly",
}


def phrase_json(text: str, phrase: Phrase) -> str:
    """How `remind parse` read a phrase: `kind`, and the keys of that kind."""
    from remind.authoring.grammar import Recurrence, Start
    from remind.authoring.phrases import day_field, kind_of

    when = phrase.when
    document: dict[str, Any] = {
        "text": text,
        "kind": kind_of(when),
        "words": list(phrase.words),
        "rest": phrase.rest,
        "warnings": list(phrase.warnings),
    }
    match when:
        case Deadline(due):
            document["date"] = due.isoformat()
        case Window(start, end):
            document |= {"start": start.isoformat(), "end": end.isoformat()}
        case Start(start):
            document |= {"start": start.isoformat(), "end": None}
        case Recurrence() as rule:
            document |= {
                "freq": FREQ_NAMES[rule.every.value],
                "day": day_field(rule.day),
                "month": rule.month,
                "count_min": rule.count_min,
                "from": rule.start.isoformat() if rule.start else None,
                "until": rule.until.isoformat() if rule.until else None,
                "opens": f"{rule.opens[0]:02d}-{rule.opens[1]:02d}" if rule.opens else None,
                "season": list(rule.season) if rule.season else None,
                "shift": rule.shift or None,
            }
        case Limit(n, unit, event):
            document |= {"offset": n, "unit": unit, "event": event}
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2)


def month_json(months: list[Month], *, today: date, units: list[str]) -> str:
    """The month view as data: every day of each month, with the deadlines on it (`due`) and
    the windows running over it (`window`)."""

    def item(entry: Entry, kind: str) -> dict[str, Any]:
        occurrence = entry.occurrence
        return {
            "kind": kind,
            "task": occurrence.task.id,
            "title": occurrence.task.title,
            "period": occurrence.period,
            "label": occurrence.label,
            "due": occurrence.due.isoformat(),
            "start": occurrence.start.isoformat() if occurrence.start else None,
            "status": entry.status.value,
        }

    document = {
        "today": today.isoformat(),
        "units": units,
        "months": [
            {
                "month": month.key,
                "days": [
                    {
                        "date": cell.day.isoformat(),
                        "weekday": cell.day.isoweekday(),
                        "workday": cell.workday,
                        "holiday": cell.holiday or None,
                        "makeup_workday": cell.makeup,
                        "items": [item(e, "window") for e in cell.bands]
                        + [item(e, "due") for e in cell.due],
                    }
                    for cell in month.days()
                ],
            }
            for month in months
        ],
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2)
