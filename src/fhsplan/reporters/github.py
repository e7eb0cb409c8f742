"""GitHub Actions workflow commands: each finding becomes an annotation on its line."""

from __future__ import annotations

from fhsplan.escape import log_line, workflow_data, workflow_property
from fhsplan.findings import Report
from fhsplan.reporters.text import summary


def render(report: Report, colour: bool) -> str:
    """`::error file=F,line=L,col=C,title=CODE::message` per finding, then the summary.

    Messages and file names are escaped as the toolkit escapes them, and the summary (which names
    the plan folders, and git allows a newline in a folder name) is a plain log line that the runner
    cannot read as `::error …::` or `::stop-commands::` (issue #10).
    """
    lines = []
    for f in report.findings:
        level = "error" if f.severity.value == "error" else "warning"
        props = (
            f"file={workflow_property(f.pos.file)},line={f.pos.line},col={f.pos.col},"
            f"title={workflow_property(f.code)}"
        )
        lines.append(f"::{level} {props}::{workflow_data(f.message)}")
    lines.append(log_line(summary(report)))
    return "\n".join(lines) + "\n"
