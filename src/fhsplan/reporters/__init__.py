"""Reporters: the only place that formats findings. Each turns a report into text."""

from __future__ import annotations

from collections.abc import Callable

from fhsplan.findings import Report
from fhsplan.reporters import github, json, text

Reporter = Callable[[Report, bool], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json.render,
    "github": github.render,
}
