"""The strategic map's geometry: boxes on a grid of years and lanes, and arrows routed between them.

Issue #14: left to Graphviz, an arrow ran straight through another milestone's box, so the wrong
milestone looked like the prerequisite. fhsplan knows every box, so it routes every arrow itself,
through the grid's free channels: the *verticals* between columns (V0 left of the first column,
Vn right of the last) and the *bands* between the rows of a lane. No box stands in a channel, so a
route that keeps to channels crosses no box. Two things do cover channels, and routes go around
them: a box spanning several years covers the verticals between its columns in its row, and a
group's name covers the verticals it reaches over.

A route leaves its prerequisite from the right side and enters its dependent from the left; boxes
that share a column are joined bottom to top when nothing stands between them, else by a bracket
to the right of the column; a dependent due before its prerequisite is entered from its right.
Each segment gets a track of its own in its channel, and channels widen until their tracks are
TRACK apart, so no two arrows overlap; arrows at one side of a box meet it SLOT apart.

Points throughout, y growing downwards; `graph.py` turns the result into pinned DOT.
"""

from __future__ import annotations

import heapq
import itertools
import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

PT = 72.0
BOX_W, BOX_H = 3.2 * PT, 0.62 * PT  # 36 characters a line fit even in DejaVu Sans, which dot may use
COL_GAP, ROW_GAP = 0.4 * PT, 0.1 * PT  # before any arrow widens them
LANE_PAD, LANE_GAP = 0.1 * PT, 0.08 * PT
GROUP_PAD, GROUP_HEAD, GROUP_GAP = 0.1 * PT, 0.32 * PT, 0.2 * PT
LABEL_W = 1.9 * PT  # the lane names' column: 18 characters in bold, also in DejaVu Sans
HEAD_H = 0.4 * PT  # the years' headings

TRACK = 6.0  # between two arrows running side by side in a channel
ARROW = 7.0  # an arrowhead's length: Graphviz's 10 points at arrowsize 0.7
CORNER = 5.0  # the radius of an arrow's rounded corners
CHANNEL_MARGIN = ARROW + CORNER + 2  # from a column to its nearest track: an arrowhead and a turn
BAND_MARGIN = 6.0  # from a row of boxes to the nearest track in a band
BAND_ARROW = ARROW + 8.0  # a band that an arrow crosses from one box straight into the next
SLOT = 7.0  # between two arrows meeting one side of a box
SIDE = 10.0  # how far from a side's middle an arrow may meet it: the straight part of a rounded box
BEND = 60.0  # what a turn costs a route, in points of length: fewer turns read more easily
KAPPA = 0.5523  # a cubic Bézier's handle for a quarter circle

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle of the map: top-left corner and size."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True, slots=True)
class Cell:
    """Where a milestone stands: its lane, its row in the lane, the first and last column it covers."""

    lane: int
    row: int
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class LaneShape:
    """A lane of the grid: its map group (None: ungrouped) and how many rows of boxes it holds."""

    group: str | None
    rows: int


@dataclass(frozen=True, slots=True)
class Grid:
    """What the map shows, in grid terms. `reach`: how far right each group's name reaches."""

    columns: int
    lanes: tuple[LaneShape, ...]
    cells: Mapping[str, Cell]
    edges: tuple[tuple[str, str], ...]
    reach: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Layout:
    """Where everything goes: `height` is where the lanes end; each route ends at its arrow's tip."""

    width: float
    height: float
    columns: tuple[float, ...]  # each column's left edge
    lanes: tuple[Box, ...]
    groups: tuple[tuple[str | None, Box], ...]  # each run of lanes of one group, framed
    labels: tuple[tuple[str, Box], ...]  # where each group's name may stand
    boxes: Mapping[str, Box]
    routes: Mapping[tuple[str, str], tuple[Point, ...]]


def place_rows(spans: Iterable[tuple[int, int]]) -> list[int]:
    """A row for each (first, last) column span, in order: the first row free in every column it covers."""
    taken: dict[int, set[int]] = defaultdict(set)
    rows = []
    for first, last in spans:
        row = next(r for r in itertools.count() if all(r not in taken[c] for c in range(first, last + 1)))
        for column in range(first, last + 1):
            taken[column].add(row)
        rows.append(row)
    return rows


@dataclass(frozen=True, slots=True)
class _Level:
    """A horizontal strip of the grid, top to bottom: a row of boxes, a band, a group's head, a gap."""

    kind: str  # "row", "band", "head" or "gap"
    lane: int = -1
    index: int = 0  # the row or band number within the lane
    height: float = 0.0  # before arrows widen it
    group: str | None = None


def _levels(grid: Grid) -> list[_Level]:
    levels = [_Level("gap", height=HEAD_H)]
    numbered = list(enumerate(grid.lanes))
    for group, run in itertools.groupby(numbered, key=lambda pair: pair[1].group):
        levels.append(_Level("head", height=GROUP_HEAD if group else GROUP_PAD, group=group))
        for position, (lane, shape) in enumerate(run):
            if position:
                levels.append(_Level("gap", height=LANE_GAP))
            for row in range(shape.rows):
                levels.append(_Level("band", lane, row, LANE_PAD if row == 0 else ROW_GAP))
                levels.append(_Level("row", lane, row, BOX_H))
            levels.append(_Level("band", lane, shape.rows, LANE_PAD))
        levels.append(_Level("gap", height=GROUP_PAD + GROUP_GAP))
    return levels


@dataclass(slots=True)
class _Route:
    """A route in grid terms, before tracks and coordinates are known.

    `across` runs straight along a row, `down` straight through a column (`column`), `channels`
    through the `waypoints` (vertical, level): vertical and horizontal moves in turn.
    """

    tail: str
    head: str
    kind: str
    ends: tuple[tuple[int, int], tuple[int, int]] = ((0, 0), (0, 0))  # (vertical, level) of both ports
    column: int = 0
    leaves_right: bool = True
    enters_left: bool = True
    waypoints: list[tuple[int, int]] = field(default_factory=list)


class _Router:
    """The grid's channels and what blocks them; finds each edge's route."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.levels = _levels(grid)
        self.row_level = {(lv.lane, lv.index): i for i, lv in enumerate(self.levels) if lv.kind == "row"}
        self.band_level = {(lv.lane, lv.index): i for i, lv in enumerate(self.levels) if lv.kind == "band"}
        tops = list(itertools.accumulate((lv.height for lv in self.levels), initial=0.0))
        self.mid = [top + lv.height / 2 for top, lv in zip(tops, self.levels, strict=False)]
        step = BOX_W + COL_GAP
        self.channel_x = [GROUP_PAD + LABEL_W + COL_GAP / 2 + k * step for k in range(grid.columns + 1)]
        occupied: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
        by_span: list[set[int]] = [set() for _ in range(grid.columns + 1)]
        by_box: list[set[int]] = [set() for _ in range(grid.columns)]
        for cell in grid.cells.values():
            row = self.row_level[(cell.lane, cell.row)]
            occupied[(cell.lane, cell.row)].append((cell.first, cell.last))
            for k in range(cell.first + 1, cell.last + 1):
                by_span[k].add(row)
            for column in range(cell.first, cell.last + 1):
                by_box[column].add(row)
        self.occupied = occupied
        by_name = [set(s) for s in by_span]
        for i, level in enumerate(self.levels):
            reach = grid.reach.get(level.group or "", 0.0) if level.kind == "head" else 0.0
            for k in range(grid.columns + 1):
                if reach > self.channel_x[k] - COL_GAP / 2:
                    by_name[k].add(i)
            for column in range(grid.columns):
                if reach > self.channel_x[column] + COL_GAP / 2 + BOX_W / 2:
                    by_box[column].add(i)
        self.blocked_spans = by_span  # in each vertical: levels a box covers
        self.blocked = by_name  # ... and those a group's name covers too
        self.sorted_blocked = [sorted(s) for s in by_name]
        self.column_blocked = [sorted(s) for s in by_box]
        # Levels a route may use: from the first group's head to the last lane's last band.
        self.low, self.high = 1, len(self.levels) - 2
        self.downs: list[tuple[int, int, int]] = []  # the straight `down` routes, once known

    def route(self, edges: Iterable[tuple[str, str]]) -> list[_Route]:
        """Each edge's route: straight ones first, so that the others can keep from crossing them."""
        routes = [self._shape(tail, head) for tail, head in edges]
        self.downs = [self._down_extent(r) for r in routes if r.kind == "down"]
        for route in routes:
            if route.kind == "channels":
                route.waypoints = self._channels(*route.ends)
        return routes

    def _shape(self, tail: str, head: str) -> _Route:
        """Which way an edge goes: straight across a row, straight down a column, or by channels."""
        a, b = self.grid.cells[tail], self.grid.cells[head]
        la, lb = self.row_level[(a.lane, a.row)], self.row_level[(b.lane, b.row)]
        forward, backward = b.first > a.last, b.last < a.first
        if la == lb and (forward or backward) and self._row_free(a, b):
            return _Route(tail, head, "across", leaves_right=forward, enters_left=forward)
        if not (forward or backward):  # they share a column
            column = (max(a.first, b.first) + min(a.last, b.last)) // 2
            if self._free(self.column_blocked[column], la, lb):
                return _Route(tail, head, "down", column=column)
            ends = (a.last + 1, la), (b.last + 1, lb)  # a bracket right of the column
            return _Route(tail, head, "channels", ends, enters_left=False)
        if forward:
            return _Route(tail, head, "channels", ((a.last + 1, la), (b.first, lb)))
        ends = (a.first, la), (b.last + 1, lb)
        return _Route(tail, head, "channels", ends, leaves_right=False, enters_left=False)

    def _down_extent(self, route: _Route) -> tuple[int, int, int]:
        """A straight `down` route as (column, upper level, lower level)."""
        a, b = self.grid.cells[route.tail], self.grid.cells[route.head]
        levels = sorted((self.row_level[(a.lane, a.row)], self.row_level[(b.lane, b.row)]))
        return route.column, levels[0], levels[1]

    def _crossed(self, band: int, k0: int, k1: int) -> int:
        """How many straight `down` routes a move along a band from vertical k0 to k1 would cross."""
        low, high = min(k0, k1), max(k0, k1)
        return sum(1 for column, top, bottom in self.downs if low <= column < high and top < band < bottom)

    def _row_free(self, a: Cell, b: Cell) -> bool:
        """Whether no box stands in the row between a and b, so a straight line can join them."""
        low, high = min(a.last, b.last) + 1, max(a.first, b.first) - 1
        return all(last < low or first > high for first, last in self.occupied[(a.lane, a.row)])

    @staticmethod
    def _free(blocked: list[int], one: int, other: int) -> bool:
        """Whether no blocked level lies strictly between two levels."""
        low, high = min(one, other), max(one, other)
        return bisect_right(blocked, low) >= bisect_left(blocked, high)

    def _channels(self, start: tuple[int, int], end: tuple[int, int]) -> list[tuple[int, int]]:
        """Waypoints from a port to a port: down a vertical, along one band, down another; else a search."""
        (ks, ls), (kt, lt) = start, end
        if ks == kt and self._free(self.sorted_blocked[ks], ls, lt):
            return [start, end]
        bands = self._bands_between(ls, lt)
        for band in sorted(bands, key=lambda b: self._crossed(b, ks, kt)):  # stable: nearest first
            if self._free(self.sorted_blocked[ks], ls, band) and self._free(
                self.sorted_blocked[kt], band, lt
            ):
                return [start, (ks, band), (kt, band), end]
        # Past a group's name only when nothing else gets through; a box is never crossed, and
        # the bands beside every row and the outermost verticals always make a way.
        found = self._search(start, end, self.blocked) or self._search(start, end, self.blocked_spans)
        assert found is not None, f"no route from {start} to {end}"
        return found

    def _bands_between(self, ls: int, lt: int) -> list[int]:
        """Bands to cross over in, nearest the dependent first; beside the row when both share it."""
        if ls == lt:
            return [ls - 1, ls + 1]
        step = 1 if lt > ls else -1
        between = [i for i in range(ls + step, lt, step) if self.levels[i].kind == "band"]
        return between[::-1]

    def _search(
        self, start: tuple[int, int], end: tuple[int, int], blocked: list[set[int]]
    ) -> list[tuple[int, int]] | None:
        """The cheapest route through the channels (length plus BEND a turn), when the simple ones are blocked."""
        first = (start[0], start[1], True)  # vertical: a route leaves a port up or down its vertical
        cost = {first: 0.0}
        came: dict[tuple[int, int, bool], tuple[int, int, bool]] = {}
        heap = [(0.0, first)]
        while heap:
            spent, state = heapq.heappop(heap)
            k, level, vertical = state
            if (k, level) == end:
                return _waypoints(state, came)
            if spent > cost[state]:
                continue
            for move in self._moves(k, level, blocked, end):
                nk, nl, now_vertical = move
                step = abs(self.mid[nl] - self.mid[level]) + abs(self.channel_x[nk] - self.channel_x[k])
                total = spent + step + (BEND if now_vertical != vertical else 0.0)
                if total < cost.get(move, math.inf):
                    cost[move], came[move] = total, state
                    heapq.heappush(heap, (total, move))
        return None

    def _moves(
        self, k: int, level: int, blocked: list[set[int]], end: tuple[int, int]
    ) -> Iterable[tuple[int, int, bool]]:
        for nl in (level - 1, level + 1):
            if self.low <= nl <= self.high and (nl not in blocked[k] or (k, nl) == end):
                yield k, nl, True
        if self.levels[level].kind == "band":
            for nk in (k - 1, k + 1):
                if 0 <= nk <= self.grid.columns:
                    yield nk, level, False


def _waypoints(
    state: tuple[int, int, bool], came: Mapping[tuple[int, int, bool], tuple[int, int, bool]]
) -> list[tuple[int, int]]:
    """A searched route as its turning points."""
    states = [state]
    while states[-1] in came:
        states.append(came[states[-1]])
    states.reverse()
    points = [(states[0][0], states[0][1])]
    for here, after in itertools.pairwise(states[1:]):
        if here[2] != after[2]:  # reached one way, left the other: a turn
            points.append((here[0], here[1]))
    points.append((states[-1][0], states[-1][1]))
    return points


def _tracks(intervals: Sequence[tuple[float, float]], from_high: bool = False) -> tuple[list[int], int]:
    """A track for each closed interval so that no two that meet share one, and how many tracks.

    Intervals are taken from the low end (track 0 goes to the one that starts first), or with
    `from_high` from the high end; both need the fewest tracks.
    """
    if from_high:
        intervals = [(-high, -low) for low, high in intervals]
    order = sorted(range(len(intervals)), key=lambda i: intervals[i])
    ends: list[float] = []
    track = [0] * len(intervals)
    for i in order:
        low, high = intervals[i]
        free = next((t for t, end in enumerate(ends) if end < low), None)
        if free is None:
            ends.append(high)
            free = len(ends) - 1
        ends[free] = high
        track[i] = free
    return track, len(ends)


def _offsets(count: int) -> list[float]:
    """Offsets from a side's middle for `count` arrows meeting it, top to bottom."""
    if count <= 1:
        return [0.0] * count
    spacing = min(SLOT, 2 * SIDE / (count - 1))
    return [(i - (count - 1) / 2) * spacing for i in range(count)]


def _around(count: int) -> list[float]:
    """Offsets for `count` arrows beside one in the middle: one below and one above, in turn."""
    if count == 0:
        return []
    spacing = min(SLOT, SIDE / math.ceil(count / 2))
    return [spacing * (i // 2 + 1) * (1 if i % 2 else -1) for i in range(count)]


def layout(grid: Grid) -> Layout:
    """Every box's place and every arrow's route."""
    router = _Router(grid)
    routes = router.route(grid.edges)
    # Tracks: every vertical and horizontal move of a route gets one in its channel.
    moves: dict[tuple[bool, int], list[tuple[int, int]]] = defaultdict(list)  # channel -> (route, move)
    for r, route in enumerate(routes):
        for m, ((k0, l0), (k1, _)) in enumerate(itertools.pairwise(route.waypoints)):
            moves[(True, k0) if k0 == k1 else (False, l0)].append((r, m))
    track_of: dict[tuple[int, int], int] = {}
    counts: dict[tuple[bool, int], int] = {}
    for channel, found in moves.items():
        spans = [_span(routes[r], m, 1 if channel[0] else 0) for r, m in found]
        # Stretches shaped like "\\" (joined to the left or top at their low end, to the right or
        # bottom at their high end) cross each other least with the lowest on track 0; "/" ones
        # with the highest. The channel's majority decides.
        shapes = [_sides(routes[r], m) for r, m in found]
        from_high = sum(1 if s == (-1, 1) else -1 if s == (1, -1) else 0 for s in shapes) > 0
        tracks, counts[channel] = _tracks(spans, from_high)
        track_of.update(zip(found, tracks, strict=True))
    v_tracks = {k: n for (is_vertical, k), n in counts.items() if is_vertical}
    h_tracks = {level: n for (is_vertical, level), n in counts.items() if not is_vertical}
    widths = [
        max(COL_GAP, 2 * CHANNEL_MARGIN + (v_tracks.get(k, 1) - 1) * TRACK) for k in range(grid.columns + 1)
    ]
    heights = [level.height for level in router.levels]
    for level, count in h_tracks.items():
        heights[level] = max(heights[level], 2 * BAND_MARGIN + (count - 1) * TRACK)
    for route in routes:
        if route.kind == "down":
            heights[_band_before(router, route)] = max(heights[_band_before(router, route)], BAND_ARROW)
    tops = list(itertools.accumulate(heights, initial=0.0))
    left = GROUP_PAD + LABEL_W
    starts = list(itertools.accumulate((w + BOX_W for w in widths), initial=left))
    columns = tuple(start + widths[c] for c, start in enumerate(starts[: grid.columns]))
    width = starts[grid.columns] + widths[grid.columns] + GROUP_PAD
    boxes = {
        name: Box(
            columns[c.first],
            tops[router.row_level[(c.lane, c.row)]],
            columns[c.last] + BOX_W - columns[c.first],
            BOX_H,
        )
        for name, c in grid.cells.items()
    }
    geometry = _Geometry(router, routes, boxes, track_of, v_tracks, h_tracks, tops, heights, starts, widths)
    frames = _frames(router, tops, width)
    return Layout(
        width, tops[-1], columns, frames[0], frames[1], frames[2], boxes,
        {(r.tail, r.head): geometry.points(i) for i, r in enumerate(routes)},
    )  # fmt: skip


def _span(route: _Route, move: int, axis: int) -> tuple[float, float]:
    """The extent of a route's move along its channel: levels for a vertical, channels for a band."""
    one, other = route.waypoints[move][axis], route.waypoints[move + 1][axis]
    return (min(one, other), max(one, other))


def _sides(route: _Route, move: int) -> tuple[int, int]:
    """Which way a move's stretch turns at its low end and at its high end: -1 to the left or up
    (the lower vertical, the band above), 1 to the right or down."""
    points = route.waypoints
    (k0, l0), (k1, l1) = points[move], points[move + 1]
    if k0 != k1:  # along a band: the verticals before and after go up or down
        before, after = points[move - 1][1], points[move + 2][1]
        sides = (-1 if before < l0 else 1, -1 if after < l1 else 1)
        return sides if k0 < k1 else (sides[1], sides[0])
    start = (-1 if route.leaves_right else 1) if move == 0 else (-1 if points[move - 1][0] < k0 else 1)
    last = move + 2 == len(points)
    end = (1 if route.enters_left else -1) if last else (-1 if points[move + 2][0] < k1 else 1)
    return (start, end) if l0 <= l1 else (end, start)


def _band_before(router: _Router, route: _Route) -> int:
    """The band a straight `down` route crosses last, beside its dependent."""
    a, b = router.grid.cells[route.tail], router.grid.cells[route.head]
    below = router.row_level[(b.lane, b.row)] > router.row_level[(a.lane, a.row)]
    return router.band_level[(b.lane, b.row if below else b.row + 1)]


def _frames(
    router: _Router, tops: list[float], width: float
) -> tuple[tuple[Box, ...], tuple[tuple[str | None, Box], ...], tuple[tuple[str, Box], ...]]:
    """The lanes' backgrounds, the groups' frames and where the groups' names stand."""
    lanes: dict[int, list[int]] = defaultdict(list)
    for i, level in enumerate(router.levels):
        if level.kind == "band":
            lanes[level.lane].append(i)
    inner = width - 2 * GROUP_PAD
    backgrounds = tuple(
        Box(GROUP_PAD, tops[ls[0]], inner, tops[ls[-1] + 1] - tops[ls[0]]) for _, ls in sorted(lanes.items())
    )
    groups, labels = [], []
    heads = [i for i, level in enumerate(router.levels) if level.kind == "head"]
    for n, i in enumerate(heads):
        group = router.levels[i].group
        end = heads[n + 1] if n + 1 < len(heads) else len(router.levels)
        bottom = tops[end] - GROUP_GAP  # the gap that ends a run holds its frame's bottom padding
        groups.append((group, Box(0.0, tops[i], width, bottom - tops[i])))
        if group:
            reach = min(router.grid.reach.get(group, width), width - 2 * GROUP_PAD)
            labels.append((group, Box(2 * GROUP_PAD, tops[i], reach - 2 * GROUP_PAD, GROUP_HEAD)))
    return backgrounds, tuple(groups), tuple(labels)


@dataclass(slots=True)
class _Geometry:
    """Turns routes in grid terms into points, once tracks and sizes are known."""

    router: _Router
    routes: list[_Route]
    boxes: dict[str, Box]
    track_of: dict[tuple[int, int], int]
    v_tracks: dict[int, int]
    h_tracks: dict[int, int]
    tops: list[float]
    heights: list[float]
    starts: list[float]  # each vertical's left edge
    widths: list[float]
    slots: dict[tuple[int, int], float] = field(default_factory=dict)  # (route, end 0/1) -> y

    def __post_init__(self) -> None:
        self._place_slots()

    def _track_x(self, k: int, track: int) -> float:
        return self.starts[k] + self.widths[k] / 2 + (track - (self.v_tracks[k] - 1) / 2) * TRACK

    def _track_y(self, level: int, track: int) -> float:
        middle = self.tops[level] + self.heights[level] / 2
        return middle + (track - (self.h_tracks[level] - 1) / 2) * TRACK

    def _place_slots(self) -> None:
        """Where each arrow meets the side of its box: apart from every other arrow at that side.

        Arrows at the right side of one box and the left side of the next in its row share the
        vertical between them, so they are spread together; an arrow across a row keeps the middle
        of both ends, so it stays straight.
        """
        ends: dict[tuple[int, int], list[tuple[float, int, int]]] = defaultdict(list)
        for r, route in enumerate(self.routes):
            if route.kind == "across":
                ends[self._port(route, 0)].append((-math.inf, r, 0))
                ends[self._port(route, 1)].append((-math.inf, r, 1))
            elif route.kind == "channels":  # sorted by where the route turns to: upwards on top
                points = route.waypoints
                ends[points[0]].append((self.router.mid[points[1][1]], r, 0))
                ends[points[-1]].append((self.router.mid[points[-2][1]], r, 1))
        for (_, level), found in ends.items():
            middle = self.tops[level] + BOX_H / 2
            found.sort()
            if found[0][0] == -math.inf:  # at most one straight arrow meets a side: it takes the middle
                self.slots[found[0][1:]] = middle
                offsets = sorted(_around(len(found) - 1))
                found = found[1:]
            else:
                offsets = _offsets(len(found))
            for offset, (_, r, end) in zip(offsets, found, strict=True):
                self.slots[(r, end)] = middle + offset

    def _port(self, route: _Route, end: int) -> tuple[int, int]:
        """The vertical and row where a route meets its prerequisite (end 0) or dependent (end 1)."""
        cell = self.router.grid.cells[route.head if end else route.tail]
        level = self.router.row_level[(cell.lane, cell.row)]
        if end == 0:
            return (cell.last + 1 if route.leaves_right else cell.first), level
        return (cell.first if route.enters_left else cell.last + 1), level

    def points(self, r: int) -> tuple[Point, ...]:
        route = self.routes[r]
        a, b = self.boxes[route.tail], self.boxes[route.head]
        if route.kind == "down":
            x = self.starts[route.column] + self.widths[route.column] + BOX_W / 2
            return ((x, a.bottom), (x, b.y)) if b.y > a.y else ((x, a.y), (x, b.bottom))
        if route.kind == "across":
            y = self.slots[(r, 0)]
            return ((a.right, y), (b.x, y)) if route.leaves_right else ((a.x, y), (b.right, y))
        start = (a.right if route.leaves_right else a.x, self.slots[(r, 0)])
        end = (b.x if route.enters_left else b.right, self.slots[(r, 1)])
        out = [start]
        y = start[1]
        for m, ((k0, l0), (k1, _)) in enumerate(itertools.pairwise(route.waypoints)):
            if k0 == k1:
                x = self._track_x(k0, self.track_of[(r, m)])
                out.append((x, y))
            else:
                y = self._track_y(l0, self.track_of[(r, m)])
                out.append((out[-1][0], y))
        out.append((out[-1][0], end[1]))
        out.append(end)
        return _simplified(out)


def _simplified(points: list[Point]) -> tuple[Point, ...]:
    """Without repeated points and without the middle of three in a line."""
    out: list[Point] = []
    for p in points:
        if out and math.isclose(p[0], out[-1][0]) and math.isclose(p[1], out[-1][1]):
            continue
        if len(out) >= 2 and _collinear(out[-2], out[-1], p):
            out[-1] = p
            continue
        out.append(p)
    return tuple(out)


def _collinear(p: Point, q: Point, r: Point) -> bool:
    return math.isclose((q[0] - p[0]) * (r[1] - q[1]), (q[1] - p[1]) * (r[0] - q[0]), abs_tol=1e-6)


def spline(points: Sequence[Point]) -> tuple[list[Point], Point]:
    """An orthogonal route as a cubic Bézier spline with rounded corners, ending an arrowhead short
    of the tip (the route's last point), and the tip; as Graphviz's edge `pos` wants them."""
    tip = points[-1]
    (px, py), (qx, qy) = points[-2], tip
    length = math.hypot(qx - px, qy - py)
    ux, uy = (qx - px) / length, (qy - py) / length
    pts = [*points[:-1], (qx - ux * ARROW, qy - uy * ARROW)]
    out = [pts[0]]
    for before, corner, after in zip(pts, pts[1:], pts[2:], strict=False):
        din, lin = _direction(before, corner)
        dout, lout = _direction(corner, after)
        r = min(CORNER, lin / 2, lout / 2)
        a = (corner[0] - din[0] * r, corner[1] - din[1] * r)
        b = (corner[0] + dout[0] * r, corner[1] + dout[1] * r)
        out += _straight(out[-1], a)
        handle = r * KAPPA
        out += [
            (a[0] + din[0] * handle, a[1] + din[1] * handle),
            (b[0] - dout[0] * handle, b[1] - dout[1] * handle),
            b,
        ]
    out += _straight(out[-1], pts[-1])
    return out, tip


def _direction(p: Point, q: Point) -> tuple[Point, float]:
    length = math.hypot(q[0] - p[0], q[1] - p[1])
    return ((q[0] - p[0]) / length, (q[1] - p[1]) / length), length


def _straight(p: Point, q: Point) -> list[Point]:
    return [
        (p[0] + (q[0] - p[0]) / 3, p[1] + (q[1] - p[1]) / 3),
        (p[0] + 2 * (q[0] - p[0]) / 3, p[1] + 2 * (q[1] - p[1]) / 3),
        q,
    ]
