"""The prerequisite graph as a Mermaid flowchart, which GitHub renders inline in Markdown and PR comments.

Plan text goes into double-quoted labels through `escape.mermaid` (issue #10): no quote, bracket,
line break, `%%` directive or HTML tag of a title ends the label or starts a statement.
"""

from __future__ import annotations

from fhsplan.escape import mermaid
from fhsplan.palette import COLOURS, describe
from fhsplan.plan import Entry, Plan
from fhsplan.views.graph import LANE_LINES, LANE_WIDTH, Selection, select, short_lines, short_title


def node_id(name: str) -> str:
    """A Mermaid id for a slug: prefixed, so that words like `end` or `o-...` are never taken as syntax."""
    return "m_" + name.replace("-", "_")


def _node(plan: Plan, entry: Entry) -> str:
    colour = plan.colour(entry)
    lines = [mermaid(line) for line in short_title(entry.model.title)]
    title = "<br/>".join(f"<s>{line}</s>" if COLOURS[colour].struck else line for line in lines)
    small = f"{mermaid(entry.due_text())} · {mermaid(describe(entry.status, plan.changes_in(entry)))}"
    return f'{node_id(entry.id)}["{title}<br/><small>{small}</small>"]:::{colour.value}'


def to_mermaid(plan: Plan, selection: Selection, layout: str = "map") -> tuple[str, int]:
    """A flowchart, left to right; in the map layout one subgraph per focus area. Also the node count."""
    entries = select(plan, selection)
    lines = ["flowchart LR"]
    if layout == "map":
        for lane in plan.lanes(entries, keep_empty=False):
            lane_id = node_id(f"lane-{lane.group or 'none'}-{lane.area.id}")
            name = " ".join(short_lines(lane.name, LANE_WIDTH, LANE_LINES))
            lines.append(f'  subgraph {lane_id}["{mermaid(name)}"]')
            lines.extend(f"    {_node(plan, entry)}" for entry in lane.entries)
            lines.append("  end")
    else:
        lines.extend(f"  {_node(plan, entry)}" for entry in entries)
    shown = {e.id for e in entries}
    lines.extend(f"  {node_id(a)} --> {node_id(b)}" for a, b in plan.edges() if a in shown and b in shown)
    for colour, look in COLOURS.items():
        dash = ",stroke-dasharray:4 3" if look.dashed else ""
        lines.append(f"  classDef {colour.value} fill:{look.fill},stroke:{look.border},color:#000000{dash}")
    return "\n".join(lines) + "\n", len(entries)
