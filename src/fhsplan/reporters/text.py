"""Plain one-line-per-finding text, like yamllint: `file:line:col: severity CODE message`."""

from __future__ import annotations

from fhsplan.escape import terminal_line
from fhsplan.findings import Report, Severity

_COLOURS = {Severity.error: "\033[31m", Severity.warning: "\033[33m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


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


def summary(report: Report) -> str:
    """One line: how many errors and warnings in how many plans and files (not yet escaped)."""
    plans = ", ".join(report.plans)
    counts = f"{_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')}"
    return (
        f"{counts} in {_plural(len(report.plans), 'plan')} ({plans}), {_plural(report.files, 'file')} checked"
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
