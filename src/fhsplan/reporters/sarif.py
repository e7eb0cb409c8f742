"""Findings as SARIF 2.1.0, for GitHub code scanning and other tools that read static analysis.

Every rule of the catalogue is described in `tool.driver.rules` (code, name, help from its
docstring, a link to its section of docs/rules.md); every finding is a result at its file, line
and column, relative to the repository's root. Findings kept back by an `ignore:` entry, a
`per_path_ignores` pattern or the baseline are results too, with a `suppressions` entry saying
why, so code scanning can show them as dismissed instead of never knowing them.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from fhsplan import RULES_URL, __version__
from fhsplan.escape import json_text
from fhsplan.findings import Finding, Pos, Report, Severity, Suppressed

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT_BASE = "%SRCROOT%"
FINGERPRINT = "fhsplan/v1"
# The kinds SARIF knows: written in the file being analysed, or kept elsewhere.
_KIND = {"inline": "inSource", "path": "external", "baseline": "external"}


def render(report: Report, colour: bool) -> str:
    """One SARIF log with one run: the rule catalogue, then every finding."""
    from fhsplan.rules import RULES

    index = {code: i for i, code in enumerate(RULES)}
    seen: Counter[str] = Counter()
    results = [_result(f, None, report, index, seen) for f in report.findings]
    results += [_result(s.finding, s, report, index, seen) for s in report.suppressed]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "fhsplan",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": _url(report).split("/blob/")[0],
                "rules": [_rule(rule, report) for rule in RULES.values()],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_text(json.dumps(log, ensure_ascii=False, indent=2)) + "\n"


def _rule(rule: Any, report: Report) -> dict[str, Any]:
    body = rule.doc.split("\n", 1)[1].strip() if "\n" in rule.doc else rule.summary
    first = body.split("\n\n", 1)[0].replace("\n", " ")
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": first or rule.summary},
        "help": {"text": rule.doc, "markdown": f"**{rule.summary}**\n\n{body}"},
        "helpUri": f"{_url(report)}#{rule.code.lower()}",
        "defaultConfiguration": {"level": _level(rule.severity)},
        "properties": {"tags": [rule.name]},
    }


def _result(
    finding: Finding, kept: Suppressed | None, report: Report, index: dict[str, int], seen: Counter[str]
) -> dict[str, Any]:
    fingerprint = _fingerprint(finding, report)
    seen[fingerprint] += 1
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": _level(finding.severity),
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": _place(finding.pos, report)}],
        "partialFingerprints": {FINGERPRINT: f"{fingerprint}:{seen[fingerprint]}"},
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    if finding.related:
        result["relatedLocations"] = [
            {"id": i, "physicalLocation": _place(pos, report), "message": {"text": "related place"}}
            for i, pos in enumerate(finding.related, 1)
        ]
    if kept is not None:
        suppression: dict[str, Any] = {"kind": _KIND[kept.how], "justification": kept.reason}
        if kept.pos is not None:
            suppression["location"] = {"physicalLocation": _place(kept.pos, report)}
        result["suppressions"] = [suppression]
    if report.baseline is not None:
        result["baselineState"] = "unchanged" if kept is not None and kept.how == "baseline" else "new"
    return result


def _place(pos: Pos, report: Report) -> dict[str, Any]:
    from urllib.parse import quote

    return {
        "artifactLocation": {"uri": quote(report.repo_path(pos.file)), "uriBaseId": ROOT_BASE},
        "region": {"startLine": pos.line, "startColumn": pos.col},
    }


def _fingerprint(finding: Finding, report: Report) -> str:
    """What the finding is, not where: the baseline's key (code, file, ids or message), hashed."""
    import hashlib

    code, about, message = finding.key
    text = json.dumps([code, report.repo_path(finding.pos.file), list(about), message], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.error else "warning"


def _url(report: Report) -> str:
    return report.rules_url or RULES_URL
