"""The prerequisite graph of a plan as Graphviz DOT: the strategic map as swimlanes, or a plain flow.

The map (issue #5) has one lane per focus area, grouped by map group, and one column per year, with
milestones that have no timetable in a column of their own at the right. fhsplan computes that grid
and pins every box (see map_dot), so a milestone always stands in its year and lanes in the plan's
order, whatever the arrows and whichever renderer; the flow layout is left to dot.

Plan text is untrusted (issue #10): inside the HTML-like labels it goes through `escape.dot_html`;
every other attribute that carries it (tooltips, the graph's label) is `_plain`, which the
graphviz package quotes as a string and never takes for an HTML label, whatever its shape: an
area named `<…>` once became an HTML label whose `URL="javascript:…"` was a link in the SVG. Each
string is kept short, since Graphviz refuses the whole graph over one longer than 16,384 characters.
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from fhsplan.escape import dot_escstring, dot_html, fit
from fhsplan.palette import COLOURS, describe, legend_text
from fhsplan.plan import Entry, Lane, Plan
from fhsplan.views import NotInPlan

if TYPE_CHECKING:
    import graphviz  # type: ignore[import-untyped]

FONT = "Helvetica"
NODE_WIDTH = 2.8  # inches; one width for every milestone keeps the lanes' right edges in line
TITLE_WIDTH = 38  # characters per line of a milestone's title
TITLE_LINES = 2  # a short title: longer ones end in an ellipsis (the tooltip has it in full)
NO_TIMETABLE = "no timetable"
LANE_WIDTH = 18  # characters per line of a lane's name
LANE_LINES = 6  # lines of a lane's name; a longer one ends in an ellipsis (the tooltip has more)
# Graphviz refuses a string or HTML label longer than 16,384 characters, and with it the whole
# graph (issue #10): every string of plan text fhsplan writes is kept far below that, escaped.
TOOLTIP_LIMIT = 1_000
NAME_LIMIT = 200  # a map group's name, escaped
LANE_LABEL_WIDTH = 1.7  # inches: one width for every lane name lines the lanes' left edges up


@dataclass(frozen=True, slots=True)
class Selection:
    """Which milestones a graph shows; like dbt's selectors. Depth None: every level."""

    areas: tuple[str, ...] = ()
    focus: tuple[str, ...] = ()
    upstream: int | None = 0
    downstream: int | None = 0
    from_year: int | None = None
    to_year: int | None = None

    @property
    def whole_plan(self) -> bool:
        return self == Selection()


def select(plan: Plan, selection: Selection) -> list[Entry]:
    """The selected milestones in plan order: named ones and areas (all if none), widened, then years."""
    for area in selection.areas:
        if plan.area(area) is None:
            raise NotInPlan("focus area", area, (a.id for a in plan.areas))
    for milestone in selection.focus:
        if milestone not in plan.by_id:
            raise NotInPlan("milestone", milestone, plan.by_id)
    seeds = set(selection.focus) | {e.id for a in selection.areas for e in plan.in_area(a)}
    if not (selection.focus or selection.areas):
        seeds = set(plan.by_id)
    chosen = set(seeds)
    if selection.upstream != 0:
        chosen |= plan.reach(seeds, "up", selection.upstream)
    if selection.downstream != 0:
        chosen |= plan.reach(seeds, "down", selection.downstream)
    return [e for e in plan.entries if e.id in chosen and _in_years(e, selection)]


def _in_years(entry: Entry, selection: Selection) -> bool:
    """Whether the year the milestone is due (a span's last year) is in the range; none has no year."""
    if selection.from_year is None and selection.to_year is None:
        return True
    year = entry.last_year
    if year is None:
        return False
    return (selection.from_year or year) <= year <= (selection.to_year or year)


def columns(plan: Plan, entries: list[Entry], selection: Selection) -> list[int | None]:
    """The map's columns: the plan's years and any other due year, within the range; None last."""
    years = set(plan.years) | {e.last_year for e in entries if e.last_year is not None}
    low = selection.from_year if selection.from_year is not None else min(years)
    high = selection.to_year if selection.to_year is not None else max(years)
    found: list[int | None] = [y for y in sorted(years) if low <= y <= high]
    if any(e.last_year is None for e in entries):
        found.append(None)
    return found


def short_lines(text: str, width: int, count: int) -> list[str]:
    """`text` in lines of `width`, at most `count`, the last ending in '…' when cut."""
    # Only a prefix can reach the lines shown: a 100k-character title costs no more than a short one.
    text = " ".join(text.split())[: (count + 1) * (width + 1)]
    lines = textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    if len(lines) > count:
        last = textwrap.shorten(" ".join(lines[count - 1 :]), width - 1, placeholder="")
        lines = [*lines[: count - 1], f"{last}…"]
    return lines


def short_title(title: str) -> list[str]:
    """The title in lines of TITLE_WIDTH, at most TITLE_LINES, the last ending in '…' when cut."""
    return short_lines(title, TITLE_WIDTH, TITLE_LINES)


def _plain(text: str, limit: int = TOOLTIP_LIMIT) -> str:
    """Plan text as a DOT string value: escaped for a double-quoted string, at most `limit`
    characters once escaped, and marked so that the graphviz package never takes it for HTML."""
    from graphviz import nohtml

    return cast(str, nohtml(fit(text, limit, dot_escstring)))  # a str subclass: str() drops the mark


def _bold(html_text: str) -> str:
    """Bold text of an HTML-like label; Graphviz refuses an empty <B> and the graph with it (a name
    of white space only)."""
    return f"<B>{html_text or ' '}</B>"


def node_label(entry: Entry, words: str, struck: bool = False) -> str:
    """An HTML-like label: the short title (struck through when no longer pursued), then the due
    and the status in words in small type."""
    lines = [dot_html(line) for line in short_title(entry.model.title)]
    title = '<BR ALIGN="LEFT"/>'.join(f"<S>{line}</S>" if struck else line for line in lines)
    small = f"{dot_html(entry.due_text())} · {dot_html(words)}"
    return f'<{title}<BR ALIGN="LEFT"/><FONT POINT-SIZE="8" COLOR="#444444">{small}</FONT><BR ALIGN="LEFT"/>>'


def _node_attrs(plan: Plan, entry: Entry) -> dict[str, str]:
    colour = plan.colour(entry)
    look = COLOURS[colour]
    changes = plan.changes_in(entry)
    words = describe(entry.status, changes)
    classes = " ".join(
        [
            "milestone",
            f"colour-{colour.value}",
            f"status-{entry.status.value}",
            *(f"change-{c.value}" for c in changes),
        ]
    )
    return {
        "label": node_label(entry, words, look.struck),
        "tooltip": _plain(f"{entry.model.title} ({entry.due_text()}, {words})"),
        "id": f"milestone-{entry.id}",
        "class": classes,
        "fillcolor": look.fill,
        "color": look.border,
        "style": "rounded,filled,dashed" if look.dashed else "rounded,filled",
    }


def _digraph(plan: Plan, rankdir: str) -> graphviz.Digraph:
    import graphviz

    title = _plain(f"{plan.meta.title} — revision {plan.current_revision}", NAME_LIMIT)
    return graphviz.Digraph(
        name=plan.meta.id,
        graph_attr={
            "rankdir": rankdir, "label": title, "labelloc": "t", "labeljust": "l",
            "fontname": FONT, "fontsize": "18", "nodesep": "0.18", "ranksep": "0.45", "bgcolor": "white",
            "tooltip": title,
        },
        node_attr={
            "shape": "box", "fontname": FONT, "fontsize": "10", "width": str(NODE_WIDTH), "margin": "0.08,0.05",
        },
        edge_attr={"color": "#4d4d4d", "arrowsize": "0.7", "penwidth": "1.1"},
    )  # fmt: skip


def _legend_label(plan: Plan) -> str:
    rows = ['<TR><TD COLSPAN="2" ALIGN="LEFT"><B>Legend</B></TD></TR>']
    for colour, look in COLOURS.items():
        text = dot_html(legend_text(colour, plan.current_revision))
        rows.append(
            f'<TR><TD BGCOLOR="{look.fill}" COLOR="{look.border}" BORDER="1" WIDTH="18"> </TD>'
            f'<TD ALIGN="LEFT">{text}</TD></TR>'
        )
    rows.append('<TR><TD ALIGN="LEFT" COLSPAN="2">A → B: A is a prerequisite of B</TD></TR>')
    table = "".join(rows)
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="1">{table}</TABLE>>'


def _edges(plan: Plan, entries: list[Entry]) -> Iterator[tuple[str, str]]:
    shown = {e.id for e in entries}
    for prerequisite, dependent in plan.edges():
        if prerequisite in shown and dependent in shown:
            yield prerequisite, dependent


def flow_dot(plan: Plan, entries: list[Entry]) -> str:
    """The prerequisite graph as a plain left-to-right flow, with a legend."""
    graph = _digraph(plan, "LR")
    for entry in entries:
        graph.node(entry.id, **_node_attrs(plan, entry))
    graph.node("_legend", label=_legend_label(plan), shape="plain", width="0")
    for prerequisite, dependent in _edges(plan, entries):
        graph.edge(prerequisite, dependent)
    return str(graph.source)


# The map's geometry, in points (72 to the inch). Every milestone box has one size, so fhsplan
# computes the grid itself and pins every node: the picture then does not depend on how a renderer
# orders clusters (dot 2.43 reversed the lanes within a map group where graphviz-pure kept them).
PT = 72.0
BOX_W, BOX_H = 3.0 * PT, 0.62 * PT
COL_GAP, ROW_GAP = 0.3 * PT, 0.1 * PT
LANE_PAD, LANE_GAP = 0.1 * PT, 0.08 * PT
GROUP_PAD, GROUP_HEAD, GROUP_GAP = 0.1 * PT, 0.32 * PT, 0.2 * PT
LABEL_W = LANE_LABEL_WIDTH * PT
HEAD_H, LEGEND_W, LEGEND_H = 0.4 * PT, 3.6 * PT, 1.7 * PT
# A map's DOT pins every node, so Graphviz runs neato in "no layout" mode: it keeps the positions
# (in points) and only draws; both dot 2.43 and graphviz-pure 0.2.2 do this.
ENGINE_ARGS: dict[str, tuple[str, ...]] = {"map": ("-Kneato", "-n2"), "flow": ()}


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle of the map: top-left corner and size, y growing downwards."""

    x: float
    y: float
    w: float
    h: float


def _column_id(year: int | None) -> str:
    return f"_col_{year if year is not None else 'none'}"


def _column_of(entry: Entry, cols: list[int | None]) -> int | None:
    return entry.last_year if entry.last_year in cols else cols[-1]


def _rows(lane: Lane, cols: list[int | None]) -> int:
    """How many milestones the lane's fullest column holds (at least one row)."""
    return max([1, *(sum(1 for e in lane.entries if _column_of(e, cols) == c) for c in cols)])


class _Canvas:
    """Nodes placed on the map, drawn in the order added (backgrounds first)."""

    def __init__(self) -> None:
        self.placed: list[tuple[str, dict[str, str], Box]] = []

    def rect(self, name: str, box: Box, *, border: str, fill: str) -> None:
        attrs = {"label": "", "shape": "box", "style": "filled", "color": border, "fillcolor": fill}
        self.placed.append((name, attrs, box))

    def text(self, name: str, html_text: str, box: Box, size: str, **extra: str) -> None:
        """Left-aligned text filling `box`: an HTML table as wide as the box, its cell aligned left."""
        cell = f'<TD WIDTH="{int(box.w)}" HEIGHT="{int(box.h)}" ALIGN="LEFT" BALIGN="LEFT">{html_text}</TD>'
        label = f'<<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0"><TR>{cell}</TR></TABLE>>'
        self.placed.append((name, {"label": label, "shape": "plain", "fontsize": size, **extra}, box))

    def draw(self, graph: graphviz.Digraph, height: float) -> None:
        """Add every node, pinned at its box's centre in Graphviz's bottom-left-origin points."""
        for name, attrs, box in self.placed:
            pos = f"{box.x + box.w / 2:.1f},{height - box.y - box.h / 2:.1f}!"
            size = {"width": f"{box.w / PT:.3f}", "height": f"{box.h / PT:.3f}", "fixedsize": "true"}
            graph.node(name, **attrs, **({} if attrs.get("shape") == "plain" else size), pos=pos)


def map_dot(plan: Plan, entries: list[Entry], selection: Selection) -> str:
    """The strategic map: swimlanes per focus area (grouped by map group), years left to right."""
    cols = columns(plan, entries, selection)
    col_x = {c: GROUP_PAD + LABEL_W + COL_GAP + i * (BOX_W + COL_GAP) for i, c in enumerate(cols)}
    width = GROUP_PAD + LABEL_W + len(cols) * (BOX_W + COL_GAP) + COL_GAP + GROUP_PAD
    canvas, milestones = _Canvas(), _Canvas()
    for year in cols:
        text = str(year) if year is not None else NO_TIMETABLE
        milestones.text(_column_id(year), _bold(dot_html(text)), Box(col_x[year], 0, BOX_W, HEAD_H), "14")
    y = HEAD_H
    group_names = plan.vocabulary_names("groups")
    all_lanes = plan.lanes(entries, keep_empty=selection.whole_plan)
    for group, members in itertools.groupby(all_lanes, key=lambda lane: lane.group):
        top = y
        y += GROUP_HEAD if group else GROUP_PAD
        for lane in members:
            y = _lane(
                plan, lane, cols, col_x, Box(GROUP_PAD, y, width - 2 * GROUP_PAD, 0), canvas, milestones
            )
        y += GROUP_PAD - LANE_GAP
        if group:
            # Inserted first, so the group's frame is drawn behind its lanes.
            canvas.placed.insert(0, (f"_group_{group}", _GROUP_FRAME, Box(0, top, width, y - top)))
            head = Box(2 * GROUP_PAD, top, width - 4 * GROUP_PAD, GROUP_HEAD)
            milestones.text(
                f"_grouplabel_{group}",
                _bold(fit(group_names.get(group, group), NAME_LIMIT, dot_html)),
                head,
                "13",
            )
        y += GROUP_GAP
    legend = _legend_label(plan)[1:-1]  # the table without the outer <...> of an HTML label
    milestones.text("_legend", legend, Box(GROUP_PAD, y, LEGEND_W, LEGEND_H), "10")
    height = y + LEGEND_H
    graph = _digraph(plan, "LR")
    graph.comment = "Positions are fixed: render with `neato -n2 -Tsvg` (what `fhsplan graph -f svg` does)."
    graph.attr(splines="curved", outputorder="nodesfirst")
    canvas.draw(graph, height)
    milestones.draw(graph, height)
    for prerequisite, dependent in _edges(plan, entries):
        graph.edge(prerequisite, dependent)
    return str(graph.source)


_GROUP_FRAME = {"label": "", "shape": "box", "style": "rounded", "color": "#8c8c8c", "penwidth": "1.5"}


def _lane(
    plan: Plan,
    lane: Lane,
    cols: list[int | None],
    col_x: dict[int | None, float],
    frame: Box,
    canvas: _Canvas,
    milestones: _Canvas,
) -> float:
    """Place one lane (background, name, milestones) at `frame`'s top; return the next lane's top."""
    height = _rows(lane, cols) * (BOX_H + ROW_GAP) - ROW_GAP + 2 * LANE_PAD
    lane_id = f"{lane.group}_{lane.area.id}"
    canvas.rect(f"_bg_{lane_id}", Box(frame.x, frame.y, frame.w, height), border="#d0d0d0", fill="#f7f7f7")
    name = '<BR ALIGN="LEFT"/>'.join(
        dot_html(line) for line in short_lines(lane.name, LANE_WIDTH, LANE_LINES)
    )
    label = Box(frame.x + 0.08 * PT, frame.y, LABEL_W, height)
    milestones.text(f"_lane_{lane_id}", _bold(name), label, "12", tooltip=_plain(lane.name))
    filled: dict[int | None, int] = {}
    for entry in lane.entries:
        column = _column_of(entry, cols)
        row = filled[column] = filled.get(column, -1) + 1
        box = Box(col_x[column], frame.y + LANE_PAD + row * (BOX_H + ROW_GAP), BOX_W, BOX_H)
        milestones.placed.append((entry.id, _node_attrs(plan, entry), box))
    return frame.y + height + LANE_GAP


def to_dot(plan: Plan, selection: Selection, layout: str = "map") -> tuple[str, int]:
    """The DOT source of the selected graph in a layout, and how many milestones it shows."""
    entries = select(plan, selection)
    source = map_dot(plan, entries, selection) if layout == "map" else flow_dot(plan, entries)
    return source, len(entries)
