"""`fhsplan graph`: the prerequisite graph as DOT, SVG, PNG, PDF or Mermaid (issue #5)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from fhsplan.cli.app import (
    LangOption,
    OutputOption,
    PlanOption,
    RevisionOption,
    StrictOption,
    app,
    choice_option,
    fail,
    format_option,
    open_plan,
    write_output,
)
from fhsplan.drawing import FORMATS, LAYOUTS
from fhsplan.i18n import _


def _format_from(output: Path | None) -> str:
    """The format the output file's suffix names; dot for stdout."""
    from fhsplan.drawing import format_of

    if output is None:
        return "dot"
    found = format_of(output)
    if found is None:
        fail(
            _("cannot tell the format from {name}; add --format {formats}").format(
                name=repr(output.name), formats="|".join(FORMATS)
            )
        )
    return found


@app.command(help=_("Draw the prerequisite graph: the strategic map as swimlanes, or the plain flow."))
def graph(
    plan: PlanOption = None,
    fmt: Annotated[str | None, format_option(FORMATS, _("Default: from the -o suffix, else dot."))] = None,
    output: OutputOption = None,
    layout: Annotated[
        str,
        choice_option(
            "--layout",
            choices=LAYOUTS,
            help="; ".join(f"{name}: {_(what)}" for name, what in LAYOUTS.items()) + ".",
        ),
    ] = "map",
    area: Annotated[
        list[str] | None, typer.Option("--area", "-a", help=_("Milestones of this focus area."))
    ] = None,
    focus: Annotated[
        list[str] | None, typer.Option("--focus", help=_("This milestone (repeatable)."))
    ] = None,
    upstream: Annotated[
        bool, typer.Option("--upstream", help=_("Add the prerequisites of the selection."))
    ] = False,
    downstream: Annotated[
        bool, typer.Option("--downstream", help=_("Add what depends on the selection."))
    ] = False,
    depth: Annotated[
        int | None,
        typer.Option("--depth", min=1, metavar="N", help=_("Upstream/downstream N levels. Default: all.")),
    ] = None,
    from_year: Annotated[
        int | None, typer.Option("--from-year", help=_("Milestones due in this year or later."))
    ] = None,
    to_year: Annotated[
        int | None, typer.Option("--to-year", help=_("Milestones due in this year or earlier."))
    ] = None,
    revision: RevisionOption = None,
    strict: StrictOption = False,
    lang: LangOption = None,
) -> None:
    """Draw the prerequisite graph: the strategic map as swimlanes, or the plain flow."""
    from fhsplan.drawing import draw
    from fhsplan.render import RenderError
    from fhsplan.views import NotInPlan
    from fhsplan.views.graph import Selection

    chosen = fmt or _format_from(output)
    if from_year is not None and to_year is not None and to_year < from_year:
        fail(_("--to-year {to} is before --from-year {start}").format(to=to_year, start=from_year))
    if output is None and FORMATS[chosen].binary and sys.stdout.isatty():
        fail(_("{format} is binary; write it to a file with -o FILE").format(format=chosen))
    selection = Selection(
        tuple(area or ()), tuple(focus or ()), depth if upstream else 0, depth if downstream else 0,
        from_year, to_year,
    )  # fmt: skip
    try:
        data = draw(open_plan(plan, revision, strict), selection, layout, chosen)
    except (NotInPlan, RenderError) as exc:
        fail(str(exc))
    write_output(data, output)
