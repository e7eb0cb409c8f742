"""Plain one-line-per-finding text, like yamllint: `file:line:col: severity CODE message`."""

from __future__ import annotations

from collections import Counter

from fhsplan.escape import terminal_line
from fhsplan.findings import Finding, Report, Severity

_COLOURS = {Severity.error: "\033[31m", Severity.warning: "\033[33m"}
_BOLD, _RESET = "\033[1m", "\033[0m"
# How each way of keeping a finding back is counted in the summary line.
_HOW = {"inline": "ignored on their milestone", "path": "by per_path_ignores"}


def render(report: Report, colour: bool) -> str:
    """Findings one per line, then a summary line.

    File names and messages carry plan text (a folder named with ESC or a newline, a quoted title):
    each is one terminal line (issue #10), so no finding can paint the screen or fake another line.
    """
    lines = []
    for f in report.findings:
        severity = f.severity.value
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
    return f"{finding.pos}: {finding.severity.value} {finding.code} {finding.message}"


def summary(report: Report) -> str:
    """One line: how many errors and warnings in how many plans and files, and what was kept back."""
    plans = ", ".join(report.plans)
    counts = f"{_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')}"
    head = (
        f"{counts} in {_plural(len(report.plans), 'plan')} ({plans}), {_plural(report.files, 'file')} checked"
    )
    held = held_back(report)
    return f"{head}; not reported: {held}" if held else head


def held_back(report: Report) -> str:
    """What was not reported, counted by how: `2 ignored on their milestone, 300 in the baseline F`."""
    how = Counter(s.how for s in report.suppressed)
    parts = [f"{how[kind]} {words}" for kind, words in _HOW.items() if how[kind]]
    if report.baseline is not None:
        stale = f" ({_plural(report.stale, 'entry', 'entries')} no longer found)" if report.stale else ""
        parts.append(f"{how['baseline']} in the baseline {terminal_line(report.baseline)}{stale}")
    return ", ".join(parts)


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"
