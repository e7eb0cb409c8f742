"""The prerequisite graph as a Mermaid flowchart, which GitHub renders inline in Markdown and PR comments."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from fhsplan import escape as esc
from fhsplan.i18n import N_, _
from fhsplan.lifecycle import Colour
from fhsplan.palette import COLOURS, describe
from fhsplan.plan import Entry, Plan
from fhsplan.views.graph import LANE_LINES, LANE_WIDTH, Selection, select, short_lines, short_title

if TYPE_CHECKING:
    from fhsplan.compare import Picture, PictureNode


def node_id(name: str) -> str:
    """A Mermaid id for a slug: prefixed, so that words like `end` or `o-...` are never taken as syntax."""
    return "m_" + name.replace("-", "_")


def _node(plan: Plan, entry: Entry) -> str:
    colour = plan.colour(entry)
    lines = [esc.mermaid(line) for line in short_title(entry.model.title)]
    title = "<br/>".join(f"<s>{line}</s>" if COLOURS[colour].struck else line for line in lines)
    small = f"{esc.mermaid(entry.due_text())} · {esc.mermaid(describe(entry.status, plan.changes_in(entry)))}"
    return f'{node_id(entry.id)}["{title}<br/><small>{small}</small>"]:::{colour.value}'


def to_mermaid(plan: Plan, selection: Selection, layout: str = "map") -> tuple[str, int]:
    """A flowchart, left to right; in the map layout one subgraph per focus area. Also the node count."""
    entries = select(plan, selection)
    lines = ["flowchart LR"]
    if layout == "map":
        for lane in plan.lanes(entries, keep_empty=False):
            lane_id = node_id(f"lane-{lane.group or 'none'}-{lane.area.id}")
            name = " ".join(short_lines(lane.name, LANE_WIDTH, LANE_LINES))
            lines.append(f'  subgraph {lane_id}["{esc.mermaid(name)}"]')
            lines.extend(f"    {_node(plan, entry)}" for entry in lane.entries)
            lines.append("  end")
    else:
        lines.extend(f"  {_node(plan, entry)}" for entry in entries)
    shown = {e.id for e in entries}
    lines.extend(f"  {node_id(a)} --> {node_id(b)}" for a, b in plan.edges() if a in shown and b in shown)
    lines.extend(_class_defs())
    return "\n".join(lines) + "\n", len(entries)


def _class_defs(used: Collection[Colour] | None = None) -> list[str]:
    """One class per colour of the plan document (or those `used`), as every picture draws them."""
    lines = []
    for colour, look in COLOURS.items():
        if used is not None and colour not in used:
            continue
        dash = ",stroke-dasharray:4 3" if look.dashed else ""
        lines.append(f"  classDef {colour.value} fill:{look.fill},stroke:{look.border},color:#000000{dash}")
    return lines


# How the picture of a diff draws each kind of arrow: at HEAD, only at BASE, or still named though gone.
_ARROWS = {"needs": "-->", "was": "-.->", "missing": "-. {still} .->"}
STILL_NAMED = N_("still named")  # the label of an arrow to a prerequisite that is gone
_MISSING_STYLE = "stroke:#c0392b,stroke-width:2px"
_FOCUS = "focus"  # the class of a changed milestone: a thick border among its neighbours


def picture_to_mermaid(picture: Picture) -> str:
    """The picture of a diff as a flowchart, left to right: changed milestones with a thick border,
    removed ones struck through, arrows a removed prerequisite leaves dangling in red."""
    lines = ["flowchart LR"]
    lines.extend(f"  {_picture_node(n)}" for n in picture.nodes)
    missing = []
    for index, edge in enumerate(picture.edges):
        arrow = _ARROWS[edge.kind].format(still=esc.mermaid(_(STILL_NAMED)))
        lines.append(f"  {node_id(edge.prerequisite)} {arrow} {node_id(edge.dependent)}")
        if edge.kind == "missing":
            missing.append(str(index))
    if missing:
        lines.append(f"  linkStyle {','.join(missing)} {_MISSING_STYLE}")
    focus = [node_id(n.id) for n in picture.nodes if n.role != "neighbour"]
    if focus:
        lines.append(f"  class {','.join(focus)} {_FOCUS}")
    lines.extend(_class_defs({n.colour for n in picture.nodes}))
    lines.append(f"  classDef {_FOCUS} stroke-width:3px")
    return "\n".join(lines) + "\n"


def _picture_node(node: PictureNode) -> str:
    struck = COLOURS[node.colour].struck
    lines = [esc.mermaid(line) for line in short_title(node.title)]
    title = "<br/>".join(f"<s>{line}</s>" if struck else line for line in lines)
    small = f"{esc.mermaid(node.due)} · {esc.mermaid(node.words)}"
    return f'{node_id(node.id)}["{title}<br/><small>{small}</small>"]:::{node.colour.value}'
