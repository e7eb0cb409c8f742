"""The prerequisite graph of a plan as Graphviz DOT: the strategic map as swimlanes, or a plain flow.

The map (issue #5) has one lane per focus area, grouped by map group, and one column per year, with
milestones that have no timetable in a column of their own at the right. Ranks are the columns:
`newrank` lets a `rank=same` subgraph pin a column's nodes across the lane clusters, and prerequisite
arrows do not constrain the layout, so a milestone always stands in its year whatever it depends on.
"""

from __future__ import annotations

import html
import itertools
import textwrap
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fhsplan.plan import Entry, Plan
from fhsplan.shown import Shown
from fhsplan.views import NotInPlan

if TYPE_CHECKING:
    import graphviz  # type: ignore[import-untyped]

LAYOUTS = ("map", "flow")
FONT = "Helvetica"
NODE_WIDTH = 2.8  # inches; one width for every milestone keeps the lanes' right edges in line
TITLE_WIDTH = 38  # characters per line of a milestone's title
TITLE_LINES = 2  # a short title: longer ones end in an ellipsis (the tooltip has it in full)
NO_TIMETABLE = "no timetable"
LANE_WIDTH = 18  # characters per line of a lane's name
LANE_LABEL_WIDTH = 1.7  # inches: one width for every lane name lines the lanes' left edges up


@dataclass(frozen=True, slots=True)
class Look:
    """How a status looks in a picture: fill, border, and the word under the title."""

    fill: str
    border: str
    word: str
    dashed: bool = False


# The plan document's colours: green done, blue postponed and started, red reformulated or added.
LOOKS: dict[Shown, Look] = {
    Shown.done: Look("#d9f2d0", "#2e7d32", "done"),
    Shown.started: Look("#d8e7f8", "#1f5fa8", "started"),
    Shown.postponed: Look("#d8e7f8", "#1f5fa8", "postponed"),
    Shown.reformulated: Look("#fadcd8", "#c0392b", "reformulated"),
    Shown.added: Look("#fadcd8", "#c0392b", "added"),
    Shown.planned: Look("#ffffff", "#6b6b6b", "planned"),
    Shown.unknown: Look("#ffffff", "#9a9a9a", "status not stated", dashed=True),
    Shown.cancelled: Look("#eeeeee", "#9a9a9a", "cancelled", dashed=True),
}

LEGEND = (
    (Shown.done, "done"),
    (Shown.started, "postponed / started"),
    (Shown.reformulated, "reformulated / added in revision {revision}"),
    (Shown.planned, "planned"),
    (Shown.unknown, "status not stated"),
    (Shown.cancelled, "cancelled"),
)


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
    chosen |= _reach(seeds, lambda i: [e.id for e in plan.prerequisites(i)], selection.upstream)
    chosen |= _reach(seeds, lambda i: [e.id for e in plan.dependents(i)], selection.downstream)
    return [e for e in plan.entries if e.id in chosen and _in_years(e, selection)]


def _reach(seeds: Iterable[str], step: Callable[[str], list[str]], depth: int | None) -> set[str]:
    """Ids reachable from `seeds` in at most `depth` steps (breadth first; None: no limit)."""
    seen: set[str] = set()
    queue = deque((seed, 0) for seed in seeds)
    while queue:
        current, level = queue.popleft()
        if depth is not None and level >= depth:
            continue
        for following in step(current):
            if following not in seen:
                seen.add(following)
                queue.append((following, level + 1))
    return seen


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


@dataclass(frozen=True, slots=True)
class Lane:
    """One swimlane: a focus area within a map group, with its milestones."""

    group: str | None
    area: str
    name: str
    entries: tuple[Entry, ...]


def lanes(plan: Plan, entries: list[Entry], keep_empty: bool) -> list[Lane]:
    """Lanes by map group (the plan's order, ungrouped last), then areas in the plan's order."""
    members: dict[tuple[str | None, str], list[Entry]] = {}
    if keep_empty:
        for area in plan.areas:
            members[(area.model.group, area.id)] = []
    for entry in entries:
        members.setdefault((plan.group_of(entry), entry.area), []).append(entry)
    group_order = {g.id: i for i, g in enumerate(plan.meta.groups)}
    area_order = {a.id: a.order for a in plan.areas}

    def rank(key: tuple[str | None, str]) -> tuple[int, int]:
        group, area = key
        return (group_order.get(group, len(group_order)) if group else len(group_order) + 1, area_order[area])

    names = {a.id: a.model.name for a in plan.areas}
    return [Lane(g, a, names[a], tuple(members[(g, a)])) for g, a in sorted(members, key=rank)]


def short_title(title: str) -> list[str]:
    """The title in lines of TITLE_WIDTH, at most TITLE_LINES, the last ending in '…' when cut."""
    lines = textwrap.wrap(" ".join(title.split()), TITLE_WIDTH, break_on_hyphens=False) or [""]
    if len(lines) > TITLE_LINES:
        last = textwrap.shorten(" ".join(lines[TITLE_LINES - 1 :]), TITLE_WIDTH - 1, placeholder="")
        lines = [*lines[: TITLE_LINES - 1], f"{last}…"]
    return lines


def _html(text: str) -> str:
    return html.escape(text, quote=True)


def node_label(entry: Entry, shown: Shown) -> str:
    """An HTML-like label: the short title, then the due year and the status word in small type."""
    title = '<BR ALIGN="LEFT"/>'.join(_html(line) for line in short_title(entry.model.title))
    small = f"{_html(entry.due_text())} · {_html(LOOKS[shown].word)}"
    return f'<{title}<BR ALIGN="LEFT"/><FONT POINT-SIZE="8" COLOR="#444444">{small}</FONT><BR ALIGN="LEFT"/>>'


def _node_attrs(plan: Plan, entry: Entry) -> dict[str, str]:
    shown = plan.shown_status(entry)
    look = LOOKS[shown]
    return {
        "label": node_label(entry, shown),
        "tooltip": f"{entry.model.title} ({entry.due_text()}, {look.word})",
        "id": f"milestone-{entry.id}",
        "class": f"milestone status-{shown.value}",
        "fillcolor": look.fill,
        "color": look.border,
        "style": "rounded,filled,dashed" if look.dashed else "rounded,filled",
    }


def _digraph(plan: Plan, rankdir: str) -> graphviz.Digraph:
    import graphviz

    title = f"{plan.meta.title} — revision {plan.current_revision}"
    return graphviz.Digraph(
        name=plan.meta.id,
        graph_attr={
            "rankdir": rankdir, "newrank": "true", "label": title, "labelloc": "t", "labeljust": "l",
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
    for shown, words in LEGEND:
        look = LOOKS[shown]
        text = _html(words.format(revision=plan.current_revision))
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


def _column_id(year: int | None) -> str:
    return f"_col_{year if year is not None else 'none'}"


def map_dot(plan: Plan, entries: list[Entry], selection: Selection) -> str:
    """The strategic map: swimlanes per focus area (grouped by map group), years left to right."""
    # With rankdir LR, dot stacks the nodes of a rank bottom to top in the order they are declared
    # (flat edges do not change it; measured with dot 2.43 and graphviz-pure 0.2.2), so everything
    # is declared bottom first: the legend, the lanes from the last, the milestones from the last,
    # and the column headings last of all.
    graph = _digraph(plan, "LR")
    cols = columns(plan, entries, selection)
    all_lanes = lanes(plan, entries, keep_empty=selection.whole_plan)
    by_column: dict[int | None, list[str]] = {c: [] for c in cols}
    with graph.subgraph(name="cluster_legend") as box:
        box.attr(label="", style="invis")
        box.node("_legend", label=_legend_label(plan), shape="plain", width="0")
    group_names = plan.vocabulary_names("groups")
    for group in reversed(dict.fromkeys(lane.group for lane in all_lanes)):
        members = [lane for lane in reversed(all_lanes) if lane.group == group]
        # Lanes without a map group get a borderless box too: a lone lane cluster beside the group
        # clusters is not kept in declaration order.
        with graph.subgraph(name=f"cluster_group_{group or '_none'}") as box:
            if group is None:
                box.attr(label="", style="invis")
            else:
                box.attr(
                    label=f"<<B>{_html(group_names.get(group, group))}</B>>", labeljust="l", fontsize="13",
                    style="rounded", color="#8c8c8c", penwidth="1.5",
                )  # fmt: skip
            for lane in members:
                _lane(box, plan, lane, cols, by_column)
    _header(graph, cols)
    _pin_columns(graph, cols, by_column, [f"_lane_{lane.group}_{lane.area}" for lane in reversed(all_lanes)])
    for prerequisite, dependent in _edges(plan, entries):
        graph.edge(prerequisite, dependent, constraint="false")
    return str(graph.source)


def _header(graph: graphviz.Digraph, cols: list[int | None]) -> None:
    """The column headings: one node per year above the lanes, chained so the years run in order."""
    # A borderless cluster, so that the headings stay one block above the lanes.
    with graph.subgraph(name="cluster_header") as box:
        box.attr(label="", style="invis")
        box.node("_col_label", label="", shape="plain", width="0")
        for year in cols:
            text = str(year) if year is not None else NO_TIMETABLE
            box.node(_column_id(year), label=f"<<B>{text}</B>>", shape="plain", fontsize="14")
    chain = ["_col_label", *(_column_id(c) for c in cols)]
    for left, right in itertools.pairwise(chain):
        graph.edge(left, right, style="invis", weight="100")


def _lane(
    graph: graphviz.Digraph,
    plan: Plan,
    lane: Lane,
    cols: list[int | None],
    by_column: dict[int | None, list[str]],
) -> None:
    """A lane cluster: its name at the left, its milestones in their columns, an anchor at the right."""
    lane_id = f"{lane.group}_{lane.area}"
    with graph.subgraph(name=f"cluster_lane_{lane_id}") as box:
        box.attr(label="", style="filled", fillcolor="#f7f7f7", color="#d0d0d0", penwidth="1")
        # An invisible node in the last column makes every lane as wide as the map.
        anchor = f"_end_{lane_id}"
        box.node(anchor, label="", style="invis", height="0.02", fixedsize="true")
        by_column[cols[-1]].append(anchor)
        for entry in reversed(lane.entries):
            box.node(entry.id, **_node_attrs(plan, entry))
            by_column[entry.last_year if entry.last_year in by_column else cols[-1]].append(entry.id)
        name = '<BR ALIGN="LEFT"/>'.join(_html(line) for line in textwrap.wrap(lane.name, LANE_WIDTH))
        box.node(
            f"_lane_{lane_id}", label=f'<<B>{name}</B><BR ALIGN="LEFT"/>>', shape="none", fontsize="12",
            width=str(LANE_LABEL_WIDTH), margin="0.05", tooltip=lane.name,
        )  # fmt: skip


def _pin_columns(
    graph: graphviz.Digraph,
    cols: list[int | None],
    by_column: dict[int | None, list[str]],
    lane_labels: list[str],
) -> None:
    """One rank per column, across the lane clusters (newrank): the label column, then the years."""
    for name, members in [
        ("_col_label", ["_legend", *lane_labels]),
        *((_column_id(y), by_column[y]) for y in cols),
    ]:
        with graph.subgraph() as rank:
            rank.attr(rank="same")
            for member in [*members, name]:
                rank.node(member)


def to_dot(plan: Plan, selection: Selection, layout: str = "map") -> tuple[str, int]:
    """The DOT source of the selected graph in a layout, and how many milestones it shows."""
    entries = select(plan, selection)
    source = map_dot(plan, entries, selection) if layout == "map" else flow_dot(plan, entries)
    return source, len(entries)
