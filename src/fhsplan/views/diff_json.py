"""A plan diff as one JSON document for tools (see docs/ci.md)."""

from __future__ import annotations

from typing import Any

from fhsplan.compare import PlanDiff
from fhsplan.views import FORMAT_VERSION, dump_json


def to_json(diff: PlanDiff) -> dict[str, Any]:
    """The diff as a JSON-ready document."""
    return {
        "format_version": FORMAT_VERSION,
        "plan": diff.plan,
        "title": diff.title,
        "base": diff.base,
        "head": diff.head,
        "revision": diff.revision,
        "changed": diff.changed,
        "summary": diff.counts(),
        "areas": [
            {
                "id": area.id,
                "name": area.name,
                "changes": [
                    {
                        "kind": c.kind,
                        "milestone": c.milestone,
                        "title": c.title,
                        "label": c.label,
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
    }


def render(diff: PlanDiff) -> str:
    return dump_json(to_json(diff))
