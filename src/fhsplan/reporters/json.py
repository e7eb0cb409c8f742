"""Findings as one JSON document, for tools."""

from __future__ import annotations

import json as _json
from typing import Any

from fhsplan.escape import json_text
from fhsplan.findings import Finding, Pos, Report


def render(report: Report, colour: bool) -> str:
    """`{"findings": [...], "suppressed": [...], "summary": {...}}` with 1-based lines and columns."""
    # A suppressed finding says how it was kept back (inline, path, baseline), why, and where the
    # `ignore:` entry or `per_path_ignores` pattern is written.
    suppressed = [
        {**_finding(s.finding), "how": s.how, "reason": s.reason, "at": _place(s.pos) if s.pos else None}
        for s in report.suppressed
    ]
    summary: dict[str, Any] = {
        "errors": report.errors,
        "warnings": report.warnings,
        "plans": report.plans,
        "files": report.files,
        "suppressed": len(report.suppressed),
    }
    if report.baseline is not None:
        summary["baseline"] = {"file": report.baseline, "stale": report.stale}
    document = {
        "findings": [_finding(f) for f in report.findings],
        "suppressed": suppressed,
        "summary": summary,
    }
    return json_text(_json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "severity": f.severity.value,
        "message": f.message,
        "file": f.pos.file,
        "line": f.pos.line,
        "column": f.pos.col,
        "related": [_place(r) for r in f.related],
    }


def _place(pos: Pos) -> dict[str, Any]:
    return {"file": pos.file, "line": pos.line, "column": pos.col}
