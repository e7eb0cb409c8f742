"""The validated plan as JSON or CSV for analysts' spreadsheets and BI tools (docs/export.md)."""

from __future__ import annotations

import csv
import datetime as _dt
import io
from typing import Any

from fhsplan.escape import csv_cell
from fhsplan.plan import Entry, Plan
from fhsplan.views import FORMAT_VERSION, dump_json

# One CSV row per milestone; lists are joined with CSV_JOIN so that a cell stays one value.
CSV_JOIN = "; "
CSV_COLUMNS = [
    "id", "area", "area_name", "group", "title", "description", "due_start", "due_end", "due",
    "timetable_note", "status", "changes", "colour", "active", "overdue", "owners", "latest_follow_up",
    "latest_comment", "beneficiaries", "effects", "goals", "depends_on", "dependents", "history",
    "follow_ups", "note", "source_document", "source_section", "uncertain_fields",
]  # fmt: skip


def plan_document(plan: Plan, as_of: _dt.date) -> dict[str, Any]:
    """The whole plan as one JSON-ready document, in the plan's order."""
    return {
        "format_version": FORMAT_VERSION,
        "as_of": as_of.isoformat(),
        "plan": _plan_meta(plan),
        "areas": [
            {
                **area.model.model_dump(mode="json", exclude={"milestones"}),
                "milestones": [e.id for e in plan.in_area(area.id)],
            }
            for area in plan.areas
        ],
        "milestones": [milestone_record(plan, entry, as_of) for entry in plan.entries],
    }


def _plan_meta(plan: Plan) -> dict[str, Any]:
    """plan.yaml's fields, each revision with the id it is named by and the year it belongs to
    (a file may give either; tools should not have to derive them)."""
    meta = plan.meta.model_dump(mode="json")
    for record, revision in zip(meta["revisions"], plan.meta.revisions, strict=True):
        record.update(id=revision.key, year=revision.in_year)
    return meta


def milestone_record(plan: Plan, entry: Entry, as_of: _dt.date) -> dict[str, Any]:
    """A milestone with every field, its due span, computed status and overdue flag, and dependents."""
    model = entry.model
    fields = model.model_dump(mode="json", by_alias=True)
    period = entry.period
    return {
        "id": model.id,
        "area": entry.area,
        "group": plan.group_of(entry),
        "title": model.title,
        "description": model.description,
        # Every due is a period of days here (a year is 2024-01-01 to 2024-12-31), so tools need
        # not handle five shapes; `text` is how the plan wrote it, `precision` what it was.
        "due": None
        if period is None
        else {
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "first_year": period.first_year,
            "last_year": period.last_year,
            "text": period.text,
            "precision": period.precision,
        },
        "due_text": entry.due_text(),
        "timetable_note": model.timetable_note,
        "status": entry.status.value,
        "changes": [c.value for c in plan.changes_in(entry)],
        "colour": plan.colour(entry).value,
        "active": entry.active,
        "overdue": plan.is_overdue(entry, as_of),
        "owners": plan.owners_of(entry),
        "beneficiaries": beneficiaries(entry),
        "effects": fields["effects"],
        "goals": fields["goals"],
        "depends_on": fields["depends_on"],
        "dependents": [d.id for d in plan.dependents(entry.id)],
        "history": fields["history"],
        "followups": fields["followups"],
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
    """One row per milestone with CSV_COLUMNS; RFC 4180 quoting, '\\r\\n' line ends, UTF-8.

    Every cell goes through `escape.csv_cell` (issue #10): a title like `=HYPERLINK(...)` would
    run as a formula when the export is opened in a spreadsheet. Ids, dates and flags never start
    like a formula, so only plan text is ever changed.
    """
    area_names = {a.id: a.model.name for a in plan.areas}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for entry in plan.entries:
        record = milestone_record(plan, entry, as_of)
        writer.writerow({column: csv_cell(value) for column, value in _csv_row(record, area_names).items()})
    return buffer.getvalue()


def _csv_row(record: dict[str, Any], area_names: dict[str, str]) -> dict[str, str]:
    due = record["due"] or {}
    source = record["source"] or {}
    followups = record["followups"]
    latest = followups[-1] if followups else {}
    return {
        "id": record["id"],
        "area": record["area"],
        "area_name": area_names.get(record["area"], ""),
        "group": record["group"] or "",
        "title": record["title"],
        "description": record["description"] or "",
        "due_start": due.get("start", ""),
        "due_end": due.get("end", ""),
        "due": record["due_text"],
        "timetable_note": record["timetable_note"] or "",
        "status": record["status"],
        "changes": CSV_JOIN.join(record["changes"]),
        "colour": record["colour"],
        "active": "true" if record["active"] else "false",
        "overdue": "true" if record["overdue"] else "false",
        "owners": CSV_JOIN.join(record["owners"]),
        "latest_follow_up": _followup_when(latest) if latest else "",
        "latest_comment": latest.get("comment") or "",
        "beneficiaries": CSV_JOIN.join(record["beneficiaries"]),
        "effects": CSV_JOIN.join(_effect_text(e) for e in record["effects"]),
        "goals": CSV_JOIN.join(record["goals"]),
        "depends_on": CSV_JOIN.join(p["milestone"] for p in record["depends_on"]),
        "dependents": CSV_JOIN.join(record["dependents"]),
        "history": CSV_JOIN.join(_history_text(h) for h in record["history"]),
        "follow_ups": CSV_JOIN.join(f"{_followup_when(f)} {f['status']}" for f in followups),
        "note": record["note"] or "",
        "source_document": source.get("document") or "",
        "source_section": source.get("section") or "",
        "uncertain_fields": CSV_JOIN.join(u["field"] for u in record["uncertain"]),
    }


def _due_words(due: Any) -> str:
    return f"{due['start']}–{due['end']}" if isinstance(due, dict) else str(due)


def _effect_text(effect: dict[str, Any]) -> str:
    codes = ",".join(effect["beneficiaries"])
    return f"{effect['text']} [{codes}]" if codes else effect["text"]


def _followup_when(followup: dict[str, Any]) -> str:
    """`2024-11-30`, `revision 2024`, or both: when a follow-up was made."""
    parts = [
        followup.get("date") or "",
        f"revision {followup['revision']}" if followup.get("revision") else "",
    ]
    return " ".join(p for p in parts if p)


def _history_text(entry: dict[str, Any]) -> str:
    """`2023 postponed from 2022`, `2023 reformulated (was: …)`, `2023 added`."""
    text = f"{entry['revision']} {entry['kind']}"
    before = entry.get("from") if entry.get("from") is not None else entry.get("from_year")
    if before is not None:
        text += f" from {_due_words(before)}"
    if entry.get("from_area"):
        text += f" from area {entry['from_area']}"
    if entry.get("previous"):
        text += f" (was: {entry['previous']})"
    return text
