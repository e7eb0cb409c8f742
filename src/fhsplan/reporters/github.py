"""GitHub Actions workflow commands: the findings GitHub will show become annotations on their lines.

GitHub shows at most 10 error and 10 warning annotations per step (50 per job) and drops the rest
without a word (issue #13), so the ones printed as annotations are chosen: errors before warnings,
findings in the files the pull request changed before others. The rest are listed in a folded
group of the log, the last line says how many were left out, and the job summary has them all.
"""

from __future__ import annotations

from collections.abc import Iterable

from fhsplan import i18n
from fhsplan.escape import log_line, workflow_data, workflow_property
from fhsplan.findings import Finding, Report, Severity
from fhsplan.i18n import _, ngettext
from fhsplan.reporters.text import counted, line, summary

# GitHub's caps, per step, for each kind of annotation.
CAPS = {Severity.error: 10, Severity.warning: 10}


def render(report: Report, colour: bool) -> str:
    """`::error file=F,line=L,col=C,title=CODE::message` for the findings GitHub shows, then the rest."""
    shown, rest = annotated(report)
    lines = [_annotation(f, report) for f in shown]
    if rest:
        title = ngettext(
            "{n} more finding, not shown as annotations",
            "{n} more findings, not shown as annotations",
            len(rest),
        ).format(n=i18n.number(len(rest)))
        lines.append(f"::group::{workflow_data(title)}")
        lines.extend(log_line(line(_named(f, report))) for f in rest)
        lines.append("::endgroup::")
    lines.append(log_line(summary(report)))
    if rest:
        lines.append(log_line(left_out(report, shown)))
    return "\n".join(lines) + "\n"


def annotated(report: Report) -> tuple[list[Finding], list[Finding]]:
    """The findings to annotate, errors first, within GitHub's caps; and those left out, in order."""
    ordered = sorted(report.findings, key=lambda f: _rank(f, report.changed))
    taken = dict.fromkeys(CAPS, 0)
    shown, rest = [], []
    for finding in ordered:
        if taken[finding.severity] < CAPS[finding.severity]:
            taken[finding.severity] += 1
            shown.append(finding)
        else:
            rest.append(finding)
    return shown, rest


def left_out(report: Report, shown: list[Finding]) -> str:
    """`fhsplan: annotated 1 of 1 error and 10 of 300 warnings (GitHub shows …); 290 more are …`."""
    missing = len(report.findings) - len(shown)
    counts = annotation_counts(report, shown)
    if not missing:
        return _("fhsplan: annotated {counts}").format(counts=counts)
    return ngettext(
        "fhsplan: annotated {counts}; {n} more is listed above and in the job summary",
        "fhsplan: annotated {counts}; {n} more are listed above and in the job summary",
        missing,
    ).format(counts=counts, n=i18n.number(missing))


def annotation_counts(report: Report, shown: Iterable[Finding]) -> str:
    """`1 of 1 error and 10 of 300 warnings (GitHub shows 10 errors and 10 warnings per step)`."""
    counts = dict.fromkeys(CAPS, 0)
    for finding in shown:
        counts[finding.severity] += 1
    totals = {Severity.error: report.errors, Severity.warning: report.warnings}
    of = {
        s: _("{shown} of {total}").format(shown=i18n.number(counts[s]), total=counted(s, totals[s]))
        for s in CAPS
    }
    return _("{errors} and {warnings} (GitHub shows {error_cap} and {warning_cap} per step)").format(
        errors=of[Severity.error],
        warnings=of[Severity.warning],
        error_cap=counted(Severity.error, CAPS[Severity.error]),
        warning_cap=counted(Severity.warning, CAPS[Severity.warning]),
    )


def _rank(finding: Finding, changed: frozenset[str]) -> tuple[int, int, tuple[str, int, int, str, str]]:
    severity = 0 if finding.severity is Severity.error else 1
    return (severity, 0 if finding.pos.file in changed else 1, finding.sort_key)


def _annotation(finding: Finding, report: Report) -> str:
    level = "error" if finding.severity is Severity.error else "warning"
    pos = finding.pos
    props = (
        f"file={workflow_property(report.repo_path(pos.file))},line={pos.line},col={pos.col},"
        f"title={workflow_property(finding.code)}"
    )
    return f"::{level} {props}::{workflow_data(finding.message)}"


def _named(finding: Finding, report: Report) -> Finding:
    """The finding with its file named from the repository root, as the annotations name it."""
    from dataclasses import replace

    return replace(finding, pos=replace(finding.pos, file=report.repo_path(finding.pos.file)))
