"""Reporters: the only place that formats findings. Each turns a report into text."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from fhsplan.findings import Report
from fhsplan.reporters import github, json, text

Reporter = Callable[[Report, bool], str]


def _lazy(module: str) -> Reporter:
    """A reporter imported when it is used: `fhsplan --help` and plain `validate` never need it."""

    def render(report: Report, colour: bool) -> str:
        reporter: Reporter = import_module(f"fhsplan.reporters.{module}").render
        return reporter(report, colour)

    return render


REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json.render,
    "github": github.render,
    "markdown": _lazy("markdown"),
    "sarif": _lazy("sarif"),
}
