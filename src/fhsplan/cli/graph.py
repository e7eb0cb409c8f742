"""`fhsplan graph`: the prerequisite graph as DOT, SVG, PNG, PDF or Mermaid (issue #5)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from fhsplan.cli.app import EXIT_OK, PlanOption, app, fail, open_plan


class GraphFormat(str, Enum):
    dot = "dot"
    svg = "svg"
    png = "png"
    pdf = "pdf"
    mermaid = "mermaid"


class Layout(str, Enum):
    map = "map"
    flow = "flow"


SUFFIXES = {".dot": "dot", ".gv": "dot", ".svg": "svg", ".png": "png", ".pdf": "pdf", ".mmd": "mermaid"}
BINARY = {"png", "pdf"}


@app.command()
def graph(
    plan: PlanOption = None,
    output_format: Annotated[
        GraphFormat | None,
        typer.Option("--format", "-f", help="Output format. Default: from the -o suffix, else dot."),
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE (atomically).")] = None,
    layout: Annotated[
        Layout,
        typer.Option("--layout", help="map: swimlanes per area, years left to right; flow: the graph alone."),
    ] = Layout.map,
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
) -> None:
    """Draw the prerequisite graph: the strategic map as swimlanes, or the plain flow."""
    from fhsplan.atomic import write_bytes
    from fhsplan.render import RenderError, render
    from fhsplan.views import NotInPlan
    from fhsplan.views.graph import ENGINE_ARGS, Selection, to_dot
    from fhsplan.views.mermaid import to_mermaid

    fmt = _format(output_format, output)
    if from_year is not None and to_year is not None and to_year < from_year:
        fail(f"--to-year {to_year} is before --from-year {from_year}")
    levels = depth if depth is not None else None
    selection = Selection(
        tuple(area or ()), tuple(focus or ()), levels if upstream else 0, levels if downstream else 0,
        from_year, to_year,
    )  # fmt: skip
    loaded = open_plan(plan)
    try:
        build = to_mermaid if fmt == "mermaid" else to_dot
        source, nodes = build(loaded, selection, layout.value)
        if fmt in ("dot", "mermaid"):
            data = source.encode("utf-8")
        else:
            data = render(source, fmt, nodes, engine=ENGINE_ARGS[layout.value])
    except (NotInPlan, RenderError) as exc:
        fail(str(exc))
    if output is None:
        if fmt in BINARY and sys.stdout.isatty():
            fail(f"{fmt} is binary; write it to a file with -o FILE")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        raise typer.Exit(EXIT_OK)
    try:
        write_bytes(output, data)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    raise typer.Exit(EXIT_OK)


def _format(chosen: GraphFormat | None, output: Path | None) -> str:
    """The format asked for, else the one the output file's suffix names, else dot."""
    if chosen is not None:
        return chosen.value
    if output is None:
        return "dot"
    found = SUFFIXES.get(output.suffix.lower())
    if found is None:
        fail(f"cannot tell the format from {output.name!r}; add --format dot|svg|png|pdf|mermaid")
    return found
