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


def _format_from(output: Path | None) -> str:
    """The format the output file's suffix names; dot for stdout."""
    from fhsplan.drawing import format_of

    if output is None:
        return "dot"
    found = format_of(output)
    if found is None:
        fail(f"cannot tell the format from {output.name!r}; add --format {'|'.join(FORMATS)}")
    return found


@app.command()
def graph(
    plan: PlanOption = None,
    fmt: Annotated[str | None, format_option(FORMATS, "Default: from the -o suffix, else dot.")] = None,
    output: OutputOption = None,
    layout: Annotated[
        str,
        choice_option(
            "--layout",
            choices=LAYOUTS,
            help="; ".join(f"{name}: {what}" for name, what in LAYOUTS.items()) + ".",
        ),
    ] = "map",
    area: Annotated[
        list[str] | None, typer.Option("--area", "-a", help="Milestones of this focus area.")
    ] = None,
    focus: Annotated[list[str] | None, typer.Option("--focus", help="This milestone (repeatable).")] = None,
    upstream: Annotated[
        bool, typer.Option("--upstream", help="Add the prerequisites of the selection.")
    ] = False,
    downstream: Annotated[
        bool, typer.Option("--downstream", help="Add what depends on the selection.")
    ] = False,
    depth: Annotated[
        int | None,
        typer.Option("--depth", min=1, metavar="N", help="Upstream/downstream N levels. Default: all."),
    ] = None,
    from_year: Annotated[
        int | None, typer.Option("--from-year", help="Milestones due in this year or later.")
    ] = None,
    to_year: Annotated[
        int | None, typer.Option("--to-year", help="Milestones due in this year or earlier.")
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
        fail(f"--to-year {to_year} is before --from-year {from_year}")
    if output is None and FORMATS[chosen].binary and sys.stdout.isatty():
        fail(f"{chosen} is binary; write it to a file with -o FILE")
    selection = Selection(
        tuple(area or ()), tuple(focus or ()), depth if upstream else 0, depth if downstream else 0,
        from_year, to_year,
    )  # fmt: skip
    try:
        data = draw(open_plan(plan, revision, strict), selection, layout, chosen)
    except (NotInPlan, RenderError) as exc:
        fail(str(exc))
    write_output(data, output)
