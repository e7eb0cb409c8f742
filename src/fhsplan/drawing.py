"""From a plan to a picture: the DOT or Mermaid source of a selection, rendered when the format
needs a layout program. The registries here give `fhsplan graph` its choices; they import nothing
heavy, so the command line can list them at start-up."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fhsplan.i18n import N_

if TYPE_CHECKING:
    from fhsplan.plan import Plan
    from fhsplan.views.graph import Selection


@dataclass(frozen=True, slots=True)
class PictureFormat:
    """An output format of `fhsplan graph`."""

    suffixes: tuple[str, ...]
    source: str  # "dot" or "mermaid": what fhsplan writes
    rendered: bool = False  # laid out by a Graphviz program
    binary: bool = False  # not for a terminal


FORMATS: dict[str, PictureFormat] = {
    "dot": PictureFormat((".dot", ".gv"), "dot"),
    "svg": PictureFormat((".svg",), "dot", rendered=True),
    "png": PictureFormat((".png",), "dot", rendered=True, binary=True),
    "pdf": PictureFormat((".pdf",), "dot", rendered=True, binary=True),
    "mermaid": PictureFormat((".mmd",), "mermaid"),
}

LAYOUTS: dict[str, str] = {
    "map": N_("swimlanes per area, years left to right"),
    "flow": N_("the prerequisite graph alone"),
}


def format_of(output: Path) -> str | None:
    """The format an output file's suffix names, if any."""
    suffix = output.suffix.lower()
    return next((name for name, spec in FORMATS.items() if suffix in spec.suffixes), None)


def draw(plan: Plan, selection: Selection, layout: str, fmt: str) -> bytes:
    """The picture of the selected milestones in `layout`, as the bytes of format `fmt`.

    Raises NotInPlan for a selection naming what the plan lacks and RenderError when rendering is
    impossible (too many milestones, no layout program, a failed or hung renderer).
    """
    from fhsplan import render
    from fhsplan.views.graph import ENGINE_ARGS, select, to_dot
    from fhsplan.views.mermaid import to_mermaid

    spec = FORMATS[fmt]
    if spec.rendered:  # before building the source: that alone takes seconds at 5,000 milestones
        render.check_size(len(select(plan, selection)))
    build = to_mermaid if spec.source == "mermaid" else to_dot
    source, nodes = build(plan, selection, layout)
    if not spec.rendered:
        return source.encode("utf-8")
    return render.render(source, fmt, nodes, engine=ENGINE_ARGS[layout])
