"""The renderers of the committee report by `--format` name: the one table `fhsplan report` takes
its choices from. Each imports its renderer when called, so listing them costs nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fhsplan.views.report import Report


def _html(report: Report, map_svg: str | None) -> str:
    from fhsplan.views import report_html

    return report_html.render(report, map_svg)


def _markdown(report: Report, map_svg: str | None) -> str:
    from fhsplan.views import report_md

    return report_md.render(report, map_svg)


@dataclass(frozen=True, slots=True)
class ReportFormat:
    """How one format is written, the file suffixes that name it, and whether it shows the map."""

    render: Callable[[Report, str | None], str]
    suffixes: tuple[str, ...]
    shows_map: bool


REPORT_FORMATS: dict[str, ReportFormat] = {
    "html": ReportFormat(_html, (".html", ".htm"), shows_map=True),
    "md": ReportFormat(_markdown, (".md", ".markdown"), shows_map=False),
}


def format_of(suffix: str) -> str | None:
    """The format a file suffix names, if any."""
    return next((name for name, spec in REPORT_FORMATS.items() if suffix.lower() in spec.suffixes), None)
