"""Findings as one JSON document, for tools."""

from __future__ import annotations

import json as _json

from fhsplan.escape import json_text
from fhsplan.findings import Report


def render(report: Report, colour: bool) -> str:
    """`{"findings": [...], "summary": {...}}` with 1-based lines and columns; no raw control or
    bidi character of a file name or message, which json.dumps would leave for a terminal."""
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
    document = {"findings": findings, "summary": summary}
    return json_text(_json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
