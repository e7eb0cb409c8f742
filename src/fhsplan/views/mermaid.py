"""The prerequisite graph as a Mermaid flowchart, which GitHub renders inline in Markdown and PR comments."""

from __future__ import annotations

from fhsplan.palette import COLOURS, describe
from fhsplan.plan import Entry, Plan
from fhsplan.views.graph import Selection, select, short_title

# Characters that end or bend a quoted Mermaid label, written as Mermaid's entity codes.
_ESCAPES = {
    "#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "[": "#91;", "]": "#93;",
    "(": "#40;", ")": "#41;", "{": "#123;", "}": "#125;", "|": "#124;", "`": "#96;",
}  # fmt: skip


def escape(text: str) -> str:
    """Text safe inside a double-quoted Mermaid label; å ä ö and other letters stay as they are."""
    return "".join(_ESCAPES.get(char, char) for char in text)


def node_id(name: str) -> str:
    """A Mermaid id for a slug: prefixed, so that words like `end` or `o-...` are never taken as syntax."""
    return "m_" + name.replace("-", "_")


def _node(plan: Plan, entry: Entry) -> str:
    colour = plan.colour(entry)
    lines = [escape(line) for line in short_title(entry.model.title)]
    title = "<br/>".join(f"<s>{line}</s>" if COLOURS[colour].struck else line for line in lines)
    small = f"{escape(entry.due_text())} · {escape(describe(entry.status, plan.changes_in(entry)))}"
    return f'{node_id(entry.id)}["{title}<br/><small>{small}</small>"]:::{colour.value}'


def to_mermaid(plan: Plan, selection: Selection, layout: str = "map") -> tuple[str, int]:
    """A flowchart, left to right; in the map layout one subgraph per focus area. Also the node count."""
    entries = select(plan, selection)
    lines = ["flowchart LR"]
    if layout == "map":
        for lane in plan.lanes(entries, keep_empty=False):
            lane_id = node_id(f"lane-{lane.group or 'none'}-{lane.area.id}")
            lines.append(f'  subgraph {lane_id}["{escape(lane.name)}"]')
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
