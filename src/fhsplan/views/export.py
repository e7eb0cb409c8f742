"""The validated plan as JSON or CSV for analysts' spreadsheets and BI tools (docs/export.md)."""

from __future__ import annotations

import csv
import datetime as _dt
import io
from typing import Any

from fhsplan.plan import Entry, Plan
from fhsplan.views import FORMAT_VERSION, dump_json

# One CSV row per milestone; lists are joined with CSV_JOIN so that a cell stays one value.
CSV_JOIN = "; "
CSV_COLUMNS = [
    "id", "area", "area_name", "group", "title", "description", "due_start", "due_end", "due",
    "timetable_note", "status", "shown_status", "overdue", "beneficiaries", "effects", "goals",
    "depends_on", "dependents", "history", "note", "source_document", "source_section", "uncertain_fields",
]  # fmt: skip


def plan_document(plan: Plan, as_of: _dt.date) -> dict[str, Any]:
    """The whole plan as one JSON-ready document, in the plan's order."""
    return {
        "format_version": FORMAT_VERSION,
        "as_of": as_of.isoformat(),
        "plan": plan.meta.model_dump(mode="json"),
        "areas": [
            {
                **area.model.model_dump(mode="json", exclude={"milestones"}),
                "milestones": [e.id for e in plan.in_area(area.id)],
            }
            for area in plan.areas
        ],
        "milestones": [milestone_record(plan, entry, as_of) for entry in plan.entries],
    }


def milestone_record(plan: Plan, entry: Entry, as_of: _dt.date) -> dict[str, Any]:
    """A milestone with every field, its due span, computed status and overdue flag, and dependents."""
    model = entry.model
    fields = model.model_dump(mode="json")
    first, last = entry.first_year, entry.last_year
    return {
        "id": model.id,
        "area": entry.area,
        "group": plan.group_of(entry),
        "title": model.title,
        "description": model.description,
        # A single year is a span of one year here, so tools need not handle two shapes.
        "due": None if first is None else {"start": first, "end": last},
        "due_text": entry.due_text(),
        "timetable_note": model.timetable_note,
        "status": model.status.value,
        "shown_status": plan.shown_status(entry).value,
        "overdue": plan.is_overdue(entry, as_of),
        "beneficiaries": beneficiaries(entry),
        "effects": fields["effects"],
        "goals": fields["goals"],
        "depends_on": fields["depends_on"],
        "dependents": [d.id for d in plan.dependents(entry.id)],
        "history": fields["history"],
        "note": model.note,
        "source": fields["source"],
        "uncertain": fields["uncertain"],
    }


def beneficiaries(entry: Entry) -> list[str]:
    """The beneficiary codes of a milestone's effects, each once, in the order they first appear."""
    codes: list[str] = []
    for effect in entry.model.effects:
        codes.extend(c for c in effect.beneficiaries if c not in codes)
    return codes


def export_json(plan: Plan, as_of: _dt.date) -> str:
    return dump_json(plan_document(plan, as_of))


def export_csv(plan: Plan, as_of: _dt.date) -> str:
    """One row per milestone with CSV_COLUMNS; RFC 4180 quoting, '\\r\\n' line ends, UTF-8."""
    area_names = {a.id: a.model.name for a in plan.areas}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for entry in plan.entries:
        record = milestone_record(plan, entry, as_of)
        writer.writerow(_csv_row(record, area_names))
    return buffer.getvalue()


def _csv_row(record: dict[str, Any], area_names: dict[str, str]) -> dict[str, str]:
    due = record["due"] or {}
    source = record["source"] or {}
    return {
        "id": record["id"],
        "area": record["area"],
        "area_name": area_names.get(record["area"], ""),
        "group": record["group"] or "",
        "title": record["title"],
        "description": record["description"] or "",
        "due_start": str(due.get("start", "")),
        "due_end": str(due.get("end", "")),
        "due": record["due_text"],
        "timetable_note": record["timetable_note"] or "",
        "status": record["status"],
        "shown_status": record["shown_status"],
        "overdue": "true" if record["overdue"] else "false",
        "beneficiaries": CSV_JOIN.join(record["beneficiaries"]),
        "effects": CSV_JOIN.join(_effect_text(e) for e in record["effects"]),
        "goals": CSV_JOIN.join(record["goals"]),
        "depends_on": CSV_JOIN.join(p["milestone"] for p in record["depends_on"]),
        "dependents": CSV_JOIN.join(record["dependents"]),
        "history": CSV_JOIN.join(_history_text(h) for h in record["history"]),
        "note": record["note"] or "",
        "source_document": source.get("document") or "",
        "source_section": source.get("section") or "",
        "uncertain_fields": CSV_JOIN.join(u["field"] for u in record["uncertain"]),
    }


def _effect_text(effect: dict[str, Any]) -> str:
    codes = ",".join(effect["beneficiaries"])
    return f"{effect['text']} [{codes}]" if codes else effect["text"]


def _history_text(entry: dict[str, Any]) -> str:
    """`2023 postponed from 2022`, `2023 reformulated (was: …)`, `2023 added`."""
    text = f"{entry['revision']} {entry['kind']}"
    if entry.get("from_year") is not None:
        text += f" from {entry['from_year']}"
    if entry.get("previous"):
        text += f" (was: {entry['previous']})"
    return text
