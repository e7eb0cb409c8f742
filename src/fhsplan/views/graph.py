"""The prerequisite graph of a plan as Graphviz DOT: the strategic map as swimlanes, or a plain flow.

The map (issue #5) has one lane per focus area, grouped by map group, and one column per year, with
milestones that have no timetable in a column of their own at the right; a milestone due over a
span of years is one box across them. fhsplan computes that grid and pins every box (see map_dot),
so a milestone always stands in its years and lanes in the plan's order, whichever renderer; and
it routes every arrow around the boxes itself (views/mapgrid.py, issue #14), so that no arrow runs
through a box it has nothing to do with. The flow layout is left to dot.

Plan text is untrusted (issue #10): inside the HTML-like labels it goes through `escape.dot_html`;
every other attribute that carries it (tooltips, the graph's label) is `_dot_text`, which the
graphviz package quotes as a string and never takes for an HTML label, whatever its shape: an
area named `<…>` once became an HTML label whose `URL="javascript:…"` was a link in the SVG. Each
string is kept short, since Graphviz refuses the whole graph over one longer than 16,384 characters.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from fhsplan.escape import dot_escstring, dot_html, fit
from fhsplan.i18n import N_, _
from fhsplan.palette import COLOURS, Look, describe, legend_text
from fhsplan.plan import Entry, Lane, Plan
from fhsplan.views import NotInPlan, mapgrid
from fhsplan.views.mapgrid import BOX_W, GROUP_PAD, HEAD_H, LABEL_W, PT, Box, Cell, Grid, LaneShape

if TYPE_CHECKING:
    import graphviz  # type: ignore[import-untyped]

FONT = "Helvetica"
NODE_WIDTH = 2.8  # inches; one width for every milestone keeps the lanes' right edges in line
TITLE_WIDTH = 36  # characters a line of a title: they fit a box in the wider fonts too (mapgrid.BOX_W)
TITLE_LINES = 2  # a short title: longer ones end in an ellipsis (the tooltip has it in full)
NO_TIMETABLE = N_("no timetable")
LANE_WIDTH = 18  # characters per line of a lane's name
LANE_LINES = 6  # lines of a lane's name; a longer one ends in an ellipsis (the tooltip has more)
# Graphviz refuses a string or HTML label longer than 16,384 characters, and with it the whole
# graph (issue #10): every string of plan text fhsplan writes is kept far below that, escaped.
TOOLTIP_LIMIT = 1_000
NAME_LIMIT = 200  # a map group's name, or the plan's title, escaped


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


def short_title(title: str, width: int = TITLE_WIDTH) -> list[str]:
    """The title in lines of `width` characters, at most TITLE_LINES, the last ending in '…' when cut."""
    return short_lines(title, width, TITLE_LINES)


def _bold(html_text: str) -> str:
    """Bold text of an HTML-like label; Graphviz refuses an empty <B> and the graph with it (a name
    of white space only)."""
    return f"<B>{html_text or ' '}</B>"


def node_label(entry: Entry, words: str, struck: bool = False, width: int = TITLE_WIDTH) -> str:
    """An HTML-like label: the short title (struck through when no longer pursued), then the due
    and the status in words in small type."""
    lines = [dot_html(line) for line in short_title(entry.model.title, width)]
    title = '<BR ALIGN="LEFT"/>'.join(f"<S>{line}</S>" if struck else line for line in lines)
    small = f"{dot_html(entry.due_text())} · {dot_html(words)}"
    return f'<{title}<BR ALIGN="LEFT"/><FONT POINT-SIZE="8" COLOR="#444444">{small}</FONT><BR ALIGN="LEFT"/>>'


def _node_attrs(plan: Plan, entry: Entry, width: int = TITLE_WIDTH) -> dict[str, str]:
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
    due = _("due {due}").format(due=entry.due_text()) if entry.period else entry.due_text()
    return {
        "label": node_label(entry, words, look.struck, width),
        "tooltip": _dot_text(f"{entry.model.title}\n{entry.id} · {due} · {words}"),
        **_link(entry.id),
        "id": f"milestone-{entry.id}",
        "class": classes,
        **_look_style(look),
    }


def _look_style(look: Look) -> dict[str, str]:
    """How a box of this colour is drawn: milestones and the legend's swatches alike."""
    return {
        "fillcolor": look.fill,
        "color": look.border,
        "style": "rounded,filled,dashed" if look.dashed else "rounded,filled",
    }


def _dot_text(text: str, limit: int = TOOLTIP_LIMIT) -> str:
    """Plan text as a DOT string value: escaped for a double-quoted string, at most `limit`
    characters once escaped, and marked so that the graphviz package never takes it for HTML."""
    from graphviz import nohtml

    return cast(str, nohtml(fit(text, limit, dot_escstring)))  # a str subclass: str() drops the mark


# A milestone's id is a slug (the schema says so); a link is only ever made from one.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _link(milestone_id: str) -> dict[str, str]:
    """A link to the milestone's row in the committee report (`#row-ID`), which holds it in full.

    Never a URL made from plan text: only a fragment within the page, and only from an id that is
    a slug. Outside the report the fragment leads nowhere, and the tooltip still has it all.
    """
    return {"href": f"#row-{milestone_id}"} if _SLUG.fullmatch(milestone_id) else {}


def _digraph(plan: Plan, rankdir: str) -> graphviz.Digraph:
    import graphviz

    title = _dot_text(
        _("{title} — revision {revision}").format(title=plan.meta.title, revision=plan.current_revision),
        NAME_LIMIT,
    )
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
    rows = [f'<TR><TD COLSPAN="2" ALIGN="LEFT"><B>{dot_html(_("Legend"))}</B></TD></TR>']
    for colour, look in COLOURS.items():
        text = dot_html(legend_text(colour, plan.current_revision))
        style = "rounded,dashed" if look.dashed else "rounded"
        sample = f"<S>{SWATCH_TEXT}</S>" if look.struck else SWATCH_TEXT
        rows.append(
            f'<TR><TD BGCOLOR="{look.fill}" COLOR="{look.border}" BORDER="1" STYLE="{style}" WIDTH="28">'
            f'<FONT POINT-SIZE="8">{sample}</FONT></TD><TD ALIGN="LEFT">{text}</TD></TR>'
        )
    rows.append(f'<TR><TD ALIGN="LEFT" COLSPAN="2">{dot_html(_(ARROW_WORDS))}</TD></TR>')
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


# The map's geometry is computed here and in mapgrid, in points (72 to the inch), and every node
# is pinned: the picture then does not depend on how a renderer orders clusters (dot 2.43 reversed
# the lanes within a map group where graphviz-pure kept them), and every arrow takes the route
# mapgrid found for it around the boxes.
LEGEND_W = 3.6 * PT
SWATCH_W, SWATCH_H, LEGEND_ROW = 0.42 * PT, 0.22 * PT, 0.27 * PT
SWATCH_TEXT = "Aa"
ARROW_WORDS = N_(
    "A → B: A is a prerequisite of B"
)  # a sample of a box's text: struck through where the boxes' titles are
# A map's DOT pins every node, so Graphviz runs neato in "no layout" mode: it keeps the positions
# (in points) and draws each edge along the spline given as its `pos`; both dot 2.43 and
# graphviz-pure 0.2.2 do this.
ENGINE_ARGS: dict[str, tuple[str, ...]] = {"map": ("-Kneato", "-n2"), "flow": ()}


def _column_id(year: int | None) -> str:
    return f"_col_{year if year is not None else 'none'}"


def _span_of(entry: Entry, cols: list[int | None]) -> tuple[int, int]:
    """The columns a milestone covers: from its first year (or the first column after it) to its last."""
    last = cols.index(entry.last_year if entry.last_year in cols else cols[-1])
    first = entry.first_year
    if first is None or entry.last_year not in cols:
        return last, last
    return next(i for i, year in enumerate(cols) if year is not None and year >= first), last


def _grid(plan: Plan, lanes: list[Lane], cols: list[int | None], entries: list[Entry]) -> Grid:
    """The map in grid terms: each milestone's lane, row and columns, each lane's rows, the arrows."""
    cells: dict[str, Cell] = {}
    shapes = []
    for number, lane in enumerate(lanes):
        spans = [_span_of(e, cols) for e in lane.entries]
        rows = mapgrid.place_rows(spans)
        for entry, (first, last), row in zip(lane.entries, spans, rows, strict=True):
            cells[entry.id] = Cell(number, row, first, last)
        shapes.append(LaneShape(lane.group, max([1, *(r + 1 for r in rows)])))
    names = plan.vocabulary_names("groups")
    reach = {
        lane.group: 2 * GROUP_PAD + _text_width(names.get(lane.group, lane.group), GROUP_SIZE, bold=True)
        for lane in lanes
        if lane.group
    }
    return Grid(len(cols), tuple(shapes), cells, tuple(_edges(plan, entries)), reach)


GROUP_SIZE = 13  # points: a map group's name


def _text_width(text: str, size: float, bold: bool = False) -> float:
    """A generous guess at how wide Helvetica sets `text`: 0.66 em a character in bold, 0.6 else."""
    return len(text) * size * (0.66 if bold else 0.6) + 4


class _Canvas:
    """Nodes placed on the map, drawn in the order added (backgrounds first)."""

    def __init__(self) -> None:
        self.placed: list[tuple[str, dict[str, str], Box]] = []

    def rect(self, name: str, box: Box, **attrs: str) -> None:
        self.placed.append((name, {"label": "", "shape": "box", **attrs}, box))

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
    lanes = plan.lanes(entries, keep_empty=selection.whole_plan)
    grid = _grid(plan, lanes, cols, entries)
    geometry = mapgrid.layout(grid)
    canvas, milestones = _Canvas(), _Canvas()
    group_names = plan.vocabulary_names("groups")
    for group, frame in geometry.groups:
        if group:
            canvas.rect(f"_group_{group}", frame, **_GROUP_FRAME)
    for lane, background in zip(lanes, geometry.lanes, strict=True):
        lane_id = f"{lane.group}_{lane.area.id}"
        canvas.rect(f"_bg_{lane_id}", background, style="filled", color="#d0d0d0", fillcolor="#f7f7f7")
        name = '<BR ALIGN="LEFT"/>'.join(
            dot_html(line) for line in short_lines(lane.name, LANE_WIDTH, LANE_LINES)
        )
        label = Box(GROUP_PAD + LANE_INSET, background.y, LABEL_W - LANE_INSET, background.h)
        milestones.text(f"_lane_{lane_id}", _bold(name), label, "12", tooltip=_dot_text(lane.name))
    for year, x in zip(cols, geometry.columns, strict=True):
        text = str(year) if year is not None else _(NO_TIMETABLE)
        milestones.text(_column_id(year), _bold(dot_html(text)), Box(x, 0, BOX_W, HEAD_H), "14")
    for group, box in geometry.labels:
        text = _bold(fit(group_names.get(group, group), NAME_LIMIT, dot_html))
        milestones.text(f"_grouplabel_{group}", text, box, str(GROUP_SIZE))
    for entry in entries:
        box = geometry.boxes[entry.id]
        milestones.placed.append((entry.id, _node_attrs(plan, entry, _title_width(box)), box))
    height = geometry.height + _legend(plan, milestones, geometry.height)
    graph = _digraph(plan, "LR")
    graph.comment = "Positions are fixed: render with `neato -n2 -Tsvg` (what `fhsplan graph -f svg` does)."
    graph.attr(outputorder="nodesfirst")
    canvas.draw(graph, height)
    milestones.draw(graph, height)
    titles = {e.id: e.model.title for e in entries}
    for (tail, head), route in geometry.routes.items():
        graph.edge(tail, head, **_edge_attrs(tail, head, route, titles, height))
    return str(graph.source)


LANE_INSET = 0.08 * PT  # a lane's name from its left edge
_GROUP_FRAME = {"label": "", "style": "rounded", "color": "#8c8c8c", "penwidth": "1.5"}


def _title_width(box: Box) -> int:
    """Characters a title's line may hold in a box: more in a box that spans several years."""
    return max(TITLE_WIDTH, int(TITLE_WIDTH * box.w / BOX_W))


def _edge_attrs(
    tail: str, head: str, route: tuple[mapgrid.Point, ...], titles: dict[str, str], height: float
) -> dict[str, str]:
    """An arrow along its route: the spline as `pos` (y flipped for Graphviz), and what it joins."""
    controls, tip = mapgrid.spline(route)
    points = " ".join(f"{x:.2f},{height - y:.2f}" for x, y in controls)
    return {
        "pos": f"e,{tip[0]:.2f},{height - tip[1]:.2f} {points}",
        "id": f"prerequisite-{tail}--{head}",
        "class": "prerequisite",
        "tooltip": _dot_text(f"{titles[tail]} → {titles[head]}"),
    }


def _legend(plan: Plan, canvas: _Canvas, top: float) -> float:
    """The legend below the lanes: a swatch drawn as the boxes are drawn for every colour; its height."""
    x = GROUP_PAD
    words = {colour: legend_text(colour, plan.current_revision) for colour in COLOURS}
    # As wide as its longest line (Swedish lines are longer), so no text runs out of its box.
    width = max(LEGEND_W, _text_width(_(ARROW_WORDS), 10), *(_text_width(w, 10) for w in words.values()))
    canvas.text("_legend", _bold(dot_html(_("Legend"))), Box(x, top, width, LEGEND_ROW), "10")
    y = top + LEGEND_ROW
    for colour, look in COLOURS.items():
        sample = f"<S>{SWATCH_TEXT}</S>" if look.struck else SWATCH_TEXT
        swatch = {
            "label": f"<{sample}>", "fontsize": "8", "id": f"legend-{colour.value}",
            "class": f"legend-swatch colour-{colour.value}", **_look_style(look),
        }  # fmt: skip
        box = Box(x, y + (LEGEND_ROW - SWATCH_H) / 2, SWATCH_W, SWATCH_H)
        canvas.placed.append((f"_swatch_{colour.value}", swatch, box))
        text = dot_html(words[colour])
        canvas.text(f"_legend_{colour.value}", text, Box(x + SWATCH_W + 6, y, width, LEGEND_ROW), "10")
        y += LEGEND_ROW
    canvas.text("_legend_arrow", dot_html(_(ARROW_WORDS)), Box(x, y, width, LEGEND_ROW), "10")
    return y + LEGEND_ROW - top + GROUP_PAD


def to_dot(plan: Plan, selection: Selection, layout: str = "map") -> tuple[str, int]:
    """The DOT source of the selected graph in a layout, and how many milestones it shows."""
    entries = select(plan, selection)
    source = map_dot(plan, entries, selection) if layout == "map" else flow_dot(plan, entries)
    return source, len(entries)
