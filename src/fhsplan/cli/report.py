"""`fhsplan report`: the committee's follow-up report, one self-contained HTML file or Markdown (issue #14)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fhsplan.cli.app import (
    LangOption,
    OutputOption,
    PlanOption,
    RevisionOption,
    StrictOption,
    app,
    fail,
    format_option,
    open_plan,
    parse_date,
    write_output,
)
from fhsplan.i18n import _
from fhsplan.views.reports import REPORT_FORMATS

if TYPE_CHECKING:
    from fhsplan.plan import Plan


def _format_from(output: Path | None) -> str:
    """The format the output file's suffix names; html for stdout or an unknown suffix."""
    from fhsplan.views.reports import format_of

    return (format_of(output.suffix) if output else None) or "html"


def _map_svg(plan: Plan) -> str:
    """The strategic map of the plan as its revision marks it, as SVG text."""
    from fhsplan.drawing import draw
    from fhsplan.render import RenderError
    from fhsplan.views.graph import Selection

    try:
        return draw(plan, Selection(), "map", "svg").decode("utf-8")
    except RenderError as exc:
        fail(
            _("cannot draw the map for the report: {error}; --format md writes the report without it").format(
                error=exc
            )
        )


@app.command(
    help=_("The committee's follow-up report: summary, map, focus areas, changes, knock-on effects.")
)
def report(
    revision: RevisionOption = None,
    fmt: Annotated[
        str | None, format_option(REPORT_FORMATS, _("Default: from the -o suffix, else html."))
    ] = None,
    output: OutputOption = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help=_("Judge 'overdue' as of this date. Default: the revision's decision date, else today."),
        ),
    ] = None,
    plan: PlanOption = None,
    strict: StrictOption = False,
    lang: LangOption = None,
) -> None:
    """The committee's follow-up report: summary, map, focus areas, changes, knock-on effects."""
    import datetime as _dt

    from fhsplan.views.report import as_of_for, build_report

    chosen = fmt or _format_from(output)
    index = open_plan(plan, revision, strict, as_of)
    date, reason = as_of_for(index, parse_date(as_of) if as_of else None, _dt.date.today())
    content = build_report(index, date, reason)
    spec = REPORT_FORMATS[chosen]
    write_output(spec.render(content, _map_svg(index) if spec.shows_map else None), output)
