"""Findings as one JSON document, for tools."""

from __future__ import annotations

import json as _json

from fhsplan.findings import Report


def render(report: Report, colour: bool) -> str:
    """`{"findings": [...], "summary": {...}}` with 1-based lines and columns."""
    findings = [
        {
            "code": f.code,
            "severity": f.severity.value,
            "message": f.message,
            "file": f.pos.file,
            "line": f.pos.line,
            "column": f.pos.col,
            "related": [{"file": r.file, "line": r.line, "column": r.col} for r in f.related],
        }
        for f in report.findings
    ]
    summary = {
        "errors": report.errors,
        "warnings": report.warnings,
        "plans": report.plans,
        "files": report.files,
    }
    return _json.dumps({"findings": findings, "summary": summary}, ensure_ascii=False, indent=2) + "\n"
