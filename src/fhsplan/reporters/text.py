"""Plain one-line-per-finding text, like yamllint: `file:line:col: severity CODE message`."""

from __future__ import annotations

from collections import Counter

from fhsplan import i18n
from fhsplan.escape import terminal_line
from fhsplan.findings import Finding, Report, Severity
from fhsplan.i18n import _, ngettext, pgettext

_COLOURS = {Severity.error: "\033[31m", Severity.warning: "\033[33m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


def render(report: Report, colour: bool) -> str:
    """Findings one per line, then a summary line.

    File names and messages carry plan text (a folder named with ESC or a newline, a quoted title):
    each is one terminal line (issue #10), so no finding can paint the screen or fake another line.
    """
    lines = []
    for f in report.findings:
        severity = severity_word(f.severity)
        if colour:
            severity = f"{_COLOURS[f.severity]}{severity}{_RESET}"
            code = f"{_BOLD}{f.code}{_RESET}"
        else:
            code = f.code
        lines.append(f"{terminal_line(str(f.pos))}: {severity} {code} {terminal_line(f.message)}")
    lines.append(terminal_line(summary(report)))
    return "\n".join(lines) + "\n"


def line(finding: Finding) -> str:
    """One finding as the text format prints it, without colour."""
    return f"{finding.pos}: {severity_word(finding.severity)} {finding.code} {finding.message}"


def severity_word(severity: Severity) -> str:
    """`error` or `warning` in the language spoken."""
    return pgettext("severity", "error") if severity is Severity.error else pgettext("severity", "warning")


def counted(severity: Severity, n: int) -> str:
    """`1 error`, `12 warnings`."""
    if severity is Severity.error:
        return ngettext("{n} error", "{n} errors", n).format(n=i18n.number(n))
    return ngettext("{n} warning", "{n} warnings", n).format(n=i18n.number(n))


def summary(report: Report) -> str:
    """One line: how many errors and warnings in how many plans and files, and what was kept back."""
    n = len(report.plans)
    head = _("{errors}, {warnings} in {plans} ({names}), {files}").format(
        errors=counted(Severity.error, report.errors),
        warnings=counted(Severity.warning, report.warnings),
        plans=ngettext("{n} plan", "{n} plans", n).format(n=i18n.number(n)),
        names=", ".join(report.plans),
        files=ngettext("{n} file checked", "{n} files checked", report.files).format(
            n=i18n.number(report.files)
        ),
    )
    held = held_back(report)
    return _("{summary}; not reported: {held}").format(summary=head, held=held) if held else head


def held_back(report: Report) -> str:
    """What was not reported, counted by how: `2 ignored on their milestone, 300 in the baseline F`."""
    how = Counter(s.how for s in report.suppressed)
    parts = []
    if how["inline"]:
        n = how["inline"]
        parts.append(
            ngettext("{n} ignored on their milestone", "{n} ignored on their milestone", n).format(
                n=i18n.number(n)
            )
        )
    if how["path"]:
        n = how["path"]
        parts.append(
            ngettext("{n} by per_path_ignores", "{n} by per_path_ignores", n).format(n=i18n.number(n))
        )
    if report.baseline is not None:
        stale = (
            ngettext(" ({n} entry no longer found)", " ({n} entries no longer found)", report.stale).format(
                n=i18n.number(report.stale)
            )
            if report.stale
            else ""
        )
        parts.append(
            _("{n} in the baseline {file}{stale}").format(
                n=i18n.number(how["baseline"]), file=terminal_line(report.baseline), stale=stale
            )
        )
    return ", ".join(parts)
