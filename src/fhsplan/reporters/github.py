"""GitHub Actions workflow commands: each finding becomes an annotation on its line."""

from __future__ import annotations

from fhsplan.findings import Report
from fhsplan.reporters.text import summary


def render(report: Report, colour: bool) -> str:
    """`::error file=F,line=L,col=C,title=CODE::message` per finding, then the summary."""
    lines = []
    for f in report.findings:
        level = "error" if f.severity.value == "error" else "warning"
        props = f"file={_prop(f.pos.file)},line={f.pos.line},col={f.pos.col},title={_prop(f.code)}"
        lines.append(f"::{level} {props}::{_data(f.message)}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def _data(value: str) -> str:
    # Escaping as GitHub's toolkit does (issueCommand), so messages cannot inject commands.
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")
