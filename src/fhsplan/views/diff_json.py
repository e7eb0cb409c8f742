"""A plan diff as one JSON document for tools (see docs/ci.md)."""

from __future__ import annotations

from typing import Any

from fhsplan.compare import KINDS, Picture, PlanDiff
from fhsplan.compare_plan import PLAN_KINDS
from fhsplan.escape import json_text
from fhsplan.findings import Finding
from fhsplan.views import FORMAT_VERSION, dump_json


def to_json(diff: PlanDiff) -> dict[str, Any]:
    """The diff as a JSON-ready document. Its labels are the English table entries, never the
    catalogue's: the command compares in English for JSON (`i18n.machine_output`), so notes and
    messages are English too (issue #15)."""
    return {
        "format_version": FORMAT_VERSION,
        "plan": diff.plan,
        "title": diff.title,
        "base": diff.base,
        "head": diff.head,
        "revision": diff.revision,
        "changed": diff.changed,
        "loads": diff.loads,
        "load_findings": [_finding(f) for f in diff.unloadable],
        "summary": diff.counts(),
        "plan_changes": [
            {
                "kind": c.kind,
                "subject": c.subject,
                "label": PLAN_KINDS[c.kind],
                "before": c.before,
                "after": c.after,
            }
            for c in diff.plan_changes
        ],
        "areas": [
            {
                "id": area.id,
                "name": area.name,
                "changes": [
                    {
                        "kind": c.kind,
                        "milestone": c.milestone,
                        "title": c.title,
                        "label": c.note or KINDS[c.kind],
                        "before": c.before,
                        "after": c.after,
                        "colour": c.colour.value if c.colour else None,
                    }
                    for c in area.changes
                ],
            }
            for area in diff.areas
        ],
        "notices": [
            {"severity": n.severity, "code": n.code or None, "milestone": n.milestone, "message": n.message}
            for n in diff.notices
        ],
        "picture": _picture(diff.picture) if diff.picture else None,
    }


def _finding(finding: Finding) -> dict[str, Any]:
    pos = finding.pos
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "file": pos.file,
        "line": pos.line,
        "column": pos.col,
        "message": finding.message,
    }


def _picture(picture: Picture) -> dict[str, Any]:
    """The picture's milestones and arrows, as the Markdown comment draws them."""
    return {
        "total": picture.total,
        "nodes": [
            {"milestone": n.id, "title": n.title, "due": n.due, "colour": n.colour.value, "role": n.role}
            for n in picture.nodes
        ],
        "edges": [
            {"prerequisite": e.prerequisite, "dependent": e.dependent, "kind": e.kind} for e in picture.edges
        ],
    }


def render(diff: PlanDiff) -> str:
    return json_text(dump_json(to_json(diff)))
