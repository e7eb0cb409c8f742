"""The map's geometry: spans take their row in every column, and every arrow keeps to the grid's
channels, so it crosses no box and no group's name, and no two arrows overlap (issue #14)."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fhsplan.views.mapgrid import (
    ARROW,
    BOX_H,
    BOX_W,
    COL_GAP,
    GROUP_PAD,
    LABEL_W,
    Box,
    Cell,
    Grid,
    LaneShape,
    Layout,
    Point,
    layout,
    place_rows,
    spline,
)
from map_geometry import Arrow, Picture, Rect, bezier, crossings, line

Segment = tuple[Point, Point]


def rect(box: Box) -> Rect:
    return Rect(box.x, box.y, box.right, box.bottom)


def picture(result: Layout) -> Picture:
    """The layout as the test helpers see a drawn map: boxes and group names, arrows as splines."""
    obstacles = {name: rect(box) for name, box in result.boxes.items()}
    obstacles.update({f"group name {group}": rect(box) for group, box in result.labels})
    arrows = []
    for (tail, head), route in result.routes.items():
        controls, tip = spline(route)
        arrows.append(Arrow(tail, head, tuple(bezier(controls) + line(controls[-1], tip)), route[0], tip))
    return Picture(obstacles, frozenset(result.boxes), tuple(arrows))


def segments(route: tuple[Point, ...]) -> list[Segment]:
    return list(itertools.pairwise(route))


def overlaps(one: Segment, other: Segment) -> bool:
    """Whether two axis-parallel segments run along each other (closer than 1.5 points) for over a point."""
    (a, b), (c, d) = one, other
    for along in (0, 1):
        across = 1 - along
        if a[across] == b[across] and c[across] == d[across] and abs(a[across] - c[across]) < 1.5:
            low = max(min(a[along], b[along]), min(c[along], d[along]))
            high = min(max(a[along], b[along]), max(c[along], d[along]))
            if high - low > 1.0:
                return True
    return False


def check(grid: Grid) -> Layout:
    """Lay out the grid and assert every promise the routes make."""
    result = layout(grid)
    assert crossings(picture(result)) == []
    for (tail, head), route in result.routes.items():
        a, b = result.boxes[tail], result.boxes[head]
        for p, q in segments(route):
            assert p[0] == q[0] or p[1] == q[1], f"{tail} -> {head} has a slanted leg {p} {q}"
        assert on_border(route[0], a), f"{tail} -> {head} does not start at {tail}'s border"
        assert on_border(route[-1], b), f"{tail} -> {head} does not end at {head}'s border"
        last = math.hypot(route[-1][0] - route[-2][0], route[-1][1] - route[-2][1])
        assert last >= ARROW, f"{tail} -> {head}: no room for the arrowhead"
    routes = list(result.routes.items())
    for (one, first), (other, second) in itertools.combinations(routes, 2):
        for s, t in itertools.product(segments(first), segments(second)):
            assert not overlaps(s, t), f"{one} and {other} overlap: {s} {t}"
    return result


def on_border(p: Point, box: Box) -> bool:
    inside_x, inside_y = box.x - 0.01 <= p[0] <= box.right + 0.01, box.y - 0.01 <= p[1] <= box.bottom + 0.01
    on_x = math.isclose(p[0], box.x) or math.isclose(p[0], box.right)
    on_y = math.isclose(p[1], box.y) or math.isclose(p[1], box.bottom)
    return (on_x and inside_y) or (on_y and inside_x)


def one_lane(columns: int, cells: dict[str, Cell], edges: list[tuple[str, str]], rows: int = 3) -> Grid:
    return Grid(columns, (LaneShape("g", rows),), cells, tuple(edges))


# --- rows and spans ---------------------------------------------------------------------------


def test_a_span_takes_its_row_in_every_column_it_covers() -> None:
    assert place_rows([(0, 0), (0, 2), (1, 1), (2, 2), (1, 2)]) == [0, 1, 0, 0, 2]


def test_a_span_is_one_wide_box_over_its_columns() -> None:
    result = check(one_lane(4, {"s": Cell(0, 0, 1, 3), "a": Cell(0, 1, 1, 1)}, []))
    span, single = result.boxes["s"], result.boxes["a"]
    assert span.x == result.columns[1] and span.right == result.columns[3] + BOX_W
    assert single.x == span.x and single.y > span.bottom


# --- the shapes of routes --------------------------------------------------------------------


def test_next_column_same_row_is_a_straight_line() -> None:
    result = check(one_lane(2, {"a": Cell(0, 0, 0, 0), "b": Cell(0, 0, 1, 1)}, [("a", "b")]))
    a, b = result.boxes["a"], result.boxes["b"]
    assert result.routes[("a", "b")] == ((a.right, a.y + BOX_H / 2), (b.x, b.y + BOX_H / 2))


def test_a_straight_line_runs_over_empty_cells_only() -> None:
    empty = check(one_lane(3, {"a": Cell(0, 0, 0, 0), "b": Cell(0, 0, 2, 2)}, [("a", "b")]))
    assert len(empty.routes[("a", "b")]) == 2
    cells = {"a": Cell(0, 0, 0, 0), "m": Cell(0, 0, 1, 1), "b": Cell(0, 0, 2, 2)}
    blocked = check(one_lane(3, cells, [("a", "b")]))
    assert len(blocked.routes[("a", "b")]) > 2  # around m, through a band


def test_boxes_one_above_the_other_are_joined_bottom_to_top() -> None:
    result = check(one_lane(1, {"a": Cell(0, 0, 0, 0), "b": Cell(0, 1, 0, 0)}, [("a", "b")]))
    a, b = result.boxes["a"], result.boxes["b"]
    x = a.x + BOX_W / 2
    assert result.routes[("a", "b")] == ((x, a.bottom), (x, b.y))
    up = check(one_lane(1, {"a": Cell(0, 1, 0, 0), "b": Cell(0, 0, 0, 0)}, [("a", "b")]))
    assert up.routes[("a", "b")] == ((x, up.boxes["a"].y), (x, up.boxes["b"].bottom))


def test_a_box_between_two_in_one_column_makes_a_bracket_on_the_right() -> None:
    # The case of issue #14: Intressentanalys below Simulering below Planeringsprocess, in 2024.
    cells = {"top": Cell(0, 0, 0, 0), "middle": Cell(0, 1, 0, 0), "bottom": Cell(0, 2, 0, 0)}
    result = check(one_lane(1, cells, [("bottom", "top")]))
    route, top, bottom = result.routes[("bottom", "top")], result.boxes["top"], result.boxes["bottom"]
    assert route[0][0] == bottom.right and route[-1][0] == top.right  # enters from the right
    assert all(x >= top.right for x, _ in route)


def test_a_dependent_due_earlier_is_entered_from_its_right() -> None:
    result = check(one_lane(3, {"a": Cell(0, 1, 2, 2), "b": Cell(0, 0, 0, 0)}, [("a", "b")]))
    route = result.routes[("a", "b")]
    assert route[0][0] == result.boxes["a"].x and route[-1][0] == result.boxes["b"].right


def test_routes_go_around_a_span_that_covers_their_vertical() -> None:
    cells = {"a": Cell(0, 0, 0, 0), "span": Cell(0, 1, 0, 1), "b": Cell(0, 2, 1, 1)}
    result = check(one_lane(2, cells, [("a", "b")]))
    span = result.boxes["span"]
    assert any(x > span.right or x < span.x for x, _ in result.routes[("a", "b")])


def test_parallel_arrows_get_tracks_of_their_own_and_widen_the_channel() -> None:
    cells = {f"a{i}": Cell(0, i, 0, 0) for i in range(6)} | {f"b{i}": Cell(0, i, 1, 1) for i in range(6)}
    edges = [(f"a{i}", f"b{(i + 3) % 6}") for i in range(6)]
    result = check(one_lane(2, cells, edges, rows=6))
    assert result.columns[1] - (result.columns[0] + BOX_W) > COL_GAP


def test_a_group_name_is_not_crossed_when_a_vertical_further_right_is_free() -> None:
    lanes = (LaneShape("g", 1), LaneShape("h", 1))
    cells = {"a": Cell(0, 0, 0, 0), "b": Cell(1, 0, 1, 1)}
    reach = {"h": GROUP_PAD + LABEL_W + COL_GAP + BOX_W + COL_GAP + 40}  # over V0 and V1
    result = check(Grid(3, lanes, cells, (("a", "b"),), reach))
    label = dict(result.labels)["h"]
    assert all(x > label.right for x, y in result.routes[("a", "b")] if label.y <= y <= label.bottom)


# --- any grid ---------------------------------------------------------------------------------


@st.composite
def grids(draw: st.DrawFn) -> Grid:
    columns = draw(st.integers(1, 5))
    groups = draw(st.lists(st.sampled_from(["g", "h", None]), min_size=1, max_size=4))
    groups.sort(key=lambda g: (g is None, g or ""))  # lanes of one group stand together
    cells: dict[str, Cell] = {}
    shapes = []
    for lane, group in enumerate(groups):
        spans = []
        for _ in range(draw(st.integers(0, 7))):
            first = draw(st.integers(0, columns - 1))
            spans.append((first, draw(st.integers(first, min(columns - 1, first + 2)))))
        rows = place_rows(spans)
        for n, ((first, last), row) in enumerate(zip(spans, rows, strict=True)):
            cells[f"m{lane}_{n}"] = Cell(lane, row, first, last)
        shapes.append(LaneShape(group, max([1, *(r + 1 for r in rows)])))
    names = sorted(cells)
    pairs = [(a, b) for a in names for b in names if a < b]
    edges = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=12)) if pairs else []
    flipped = [(b, a) if draw(st.booleans()) else (a, b) for a, b in edges]
    last_vertical = GROUP_PAD + LABEL_W + columns * (BOX_W + COL_GAP)
    reach = {g: draw(st.floats(0, last_vertical - 1)) for g in ("g", "h")}
    return Grid(columns, tuple(shapes), cells, tuple(flipped), reach)


@settings(max_examples=150, deadline=None)
@given(grids())
def test_any_grid_routes_cross_no_box_and_overlap_no_route(grid: Grid) -> None:
    check(grid)


# --- the checks themselves can fail ----------------------------------------------------------


@pytest.mark.parametrize(
    ("points", "found"),
    [
        pytest.param(((0.0, 50.0), (300.0, 50.0)), True, id="through-a-box"),
        pytest.param(((0.0, 0.0), (300.0, 0.0)), False, id="along-a-border"),
    ],
)
def test_crossings_sees_a_line_through_a_box(points: tuple[Point, Point], found: bool) -> None:
    arrow = Arrow("a", "b", tuple(line(*points)), *points)
    box = Picture({"x": Rect(100, 0, 200, 100)}, frozenset({"x"}), (arrow,))
    assert bool(crossings(box)) is found


def test_overlap_check_sees_two_arrows_on_one_track() -> None:
    assert overlaps(((0, 0), (0, 10)), ((0, 5), (0, 20)))
    assert not overlaps(((0, 0), (0, 10)), ((6, 5), (6, 20)))
    assert not overlaps(((0, 0), (10, 0)), ((5, -5), (5, 5)))  # crossing is not overlapping
