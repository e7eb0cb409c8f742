"""`fhsplan graph`: selection, golden DOT and Mermaid, rendered SVG, and the docs map's freshness."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, check_golden, loaded, run_fhsplan
from fhsplan.escape import FORBIDDEN, mermaid
from fhsplan.loader import load_plan
from fhsplan.palette import COLOURS, describe
from fhsplan.plan import Plan
from fhsplan.render import find_renderer, render
from fhsplan.views import NotInPlan
from fhsplan.views import graph as graph_view
from fhsplan.views.graph import ENGINE_ARGS, Selection, select, short_title, to_dot
from fhsplan.views.mermaid import to_mermaid
from hostile import HOSTILE
from hostile_plan import HostilePlan, write_hostile_plan
from inert import SVG, dot_inert, mermaid_inert, svg_inert
from map_geometry import Picture, crossings, from_dot, from_svg

GRAPH = FIXTURES / "graph"
SKANE = ROOT / "plan" / "skane-fhs"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return loaded(GRAPH)


def ids(plan: Plan, selection: Selection) -> list[str]:
    return [e.id for e in select(plan, selection)]


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        pytest.param(Selection(), ["a1", "a2", "a3", "b1", "b2", "b3", "b4", "c1"], id="whole-plan"),
        pytest.param(Selection(areas=("digital",)), ["b1", "b2", "b3", "b4"], id="area"),
        pytest.param(Selection(focus=("a3",)), ["a3"], id="focus-alone"),
        pytest.param(Selection(focus=("a3",), upstream=None), ["a1", "a2", "a3", "b1"], id="upstream-all"),
        pytest.param(Selection(focus=("a3",), upstream=1), ["a2", "a3", "b1"], id="upstream-1"),
        pytest.param(Selection(focus=("b1",), downstream=1), ["a3", "b1", "b2", "c1"], id="downstream-1"),
        pytest.param(
            Selection(focus=("b1",), downstream=None), ["a3", "b1", "b2", "b3", "c1"], id="downstream-all"
        ),
        pytest.param(
            Selection(focus=("a2",), upstream=None, downstream=None), ["a1", "a2", "a3", "b3"], id="both"
        ),
        pytest.param(Selection(from_year=2024), ["a2", "a3", "b3", "b4", "c1"], id="from-year"),
        pytest.param(Selection(from_year=2024, to_year=2024), ["a2", "b4", "c1"], id="one-year"),
        pytest.param(
            Selection(areas=("ovrigt",), upstream=None, to_year=2023), ["b1"], id="area-upstream-years"
        ),
    ],
)
def test_select(plan: Plan, selection: Selection, expected: list[str]) -> None:
    assert sorted(ids(plan, selection)) == expected


@pytest.mark.parametrize(
    ("kind", "selection"),
    [("focus area", Selection(areas=("nope",))), ("milestone", Selection(focus=("a9",)))],
)
def test_select_unknown_names(plan: Plan, kind: str, selection: Selection) -> None:
    with pytest.raises(NotInPlan, match=f"no {kind}"):
        select(plan, selection)


def test_short_title_cuts_long_titles() -> None:
    lines = short_title("ord " * 40)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert short_title("Kort") == ["Kort"]


def test_mermaid_escapes_label_syntax_but_not_letters() -> None:
    assert (
        mermaid('Ett "c" [x] (y) <z> #1 åäö') == "Ett #quot;c#quot; #91;x#93; #40;y#41; #lt;z#gt; #35;1 åäö"
    )


@pytest.mark.parametrize("layout", ["map", "flow"])
def test_golden_dot(plan: Plan, layout: str) -> None:
    check_golden(f"graph/{layout}.dot", to_dot(plan, Selection(), layout)[0])


@pytest.mark.parametrize("layout", ["map", "flow"])
def test_golden_mermaid(plan: Plan, layout: str) -> None:
    check_golden(f"graph/{layout}.mmd", to_mermaid(plan, Selection(), layout)[0])


def test_golden_focus_selection(plan: Plan) -> None:
    check_golden("graph/focus-a3-upstream.dot", to_dot(plan, Selection(focus=("a3",), upstream=1))[0])


def milestone_nodes(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    groups = root.iter("{http://www.w3.org/2000/svg}g")
    return sorted(g.get("id", "") for g in groups if "milestone" in (g.get("class") or "").split())


RENDERERS = [pytest.param({"FHSPLAN_DOT": "graphviz-pure"}, id="bundled")]
if find_renderer() is not None and find_renderer().kind == "system":  # type: ignore[union-attr]
    RENDERERS.append(pytest.param({}, id="system-dot"))


@pytest.mark.parametrize("env", RENDERERS)
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param([], ["a1", "a2", "a3", "b1", "b2", "b3", "b4", "c1"], id="map"),
        pytest.param(["--layout", "flow", "--area", "halsa"], ["a1", "a2", "a3"], id="flow-area"),
        pytest.param(["--focus", "a3", "--upstream", "--depth", "1"], ["a2", "a3", "b1"], id="focus"),
    ],
)
def test_svg_has_one_node_per_milestone(env: dict[str, str], args: list[str], expected: list[str]) -> None:
    done = run_fhsplan("graph", "-p", str(GRAPH), "-f", "svg", *args, env=env)
    assert done.returncode == 0, done.stderr
    assert milestone_nodes(done.stdout) == [f"milestone-{i}" for i in expected]


def test_png_and_output_file(tmp_path: Path) -> None:
    target = tmp_path / "map.png"
    done = run_fhsplan("graph", "-p", str(GRAPH), "-o", str(target), env={"FHSPLAN_DOT": "graphviz-pure"})
    assert done.returncode == 0, done.stderr
    assert target.read_bytes().startswith(b"\x89PNG")
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]  # no temporary file left behind


def test_pdf_with_bundled_renderer_says_what_to_install() -> None:
    done = run_fhsplan(
        "graph", "-p", str(GRAPH), "-f", "pdf", "-o", "x.pdf", env={"FHSPLAN_DOT": "graphviz-pure"}
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "pdf needs Graphviz's dot" in done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--area", "nope"], "no focus area 'nope'"),
        (["--focus", "a9"], "no milestone 'a9'"),
        (["--from-year", "2025", "--to-year", "2024"], "--to-year 2024 is before --from-year 2025"),
        (["-o", "map.xyz"], "cannot tell the format"),
    ],
)
def test_bad_input_is_one_line_exit_2(args: list[str], message: str) -> None:
    done = run_fhsplan("graph", "-p", str(GRAPH), *args)
    assert done.returncode == 2
    assert message in done.stderr and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_dot_and_mermaid_need_no_renderer() -> None:
    for fmt in ("dot", "mermaid"):
        done = run_fhsplan("graph", "-p", str(GRAPH), "-f", fmt, env={"FHSPLAN_DOT": "/nonexistent/dot"})
        assert done.returncode == 0 and "b3" in done.stdout


def test_the_embedded_plan_as_mermaid_has_every_milestone_and_arrow() -> None:
    plan = load_plan(SKANE).plan
    assert plan is not None
    done = run_fhsplan("graph", "-p", "skane-fhs", "-f", "mermaid")
    assert done.returncode == 0, done.stderr
    nodes = [line for line in done.stdout.splitlines() if line.strip().startswith("m_") and '["' in line]
    arrows = [line for line in done.stdout.splitlines() if " --> " in line]
    assert len(nodes) == len(plan.entries) and len(arrows) == len(list(plan.edges()))


def test_docs_strategic_map_is_fresh() -> None:
    loaded = load_plan(SKANE).plan
    assert loaded is not None, "plan/skane-fhs does not load"
    stored = ROOT / "docs" / "strategic-map.dot"
    assert stored.is_file(), "docs/strategic-map.dot is missing; run `make docs-map`"
    assert stored.read_text(encoding="utf-8") == to_dot(loaded, Selection())[0], (
        "docs map is stale; run `make docs-map`"
    )


def _pinned_y(source: str, node: str) -> float:
    """The y of a node's pinned position in map DOT (Graphviz's origin is bottom left)."""
    import re

    match = re.search(rf'^\s*"?{re.escape(node)}"? \[.*?pos="[\d.]+,([\d.]+)!"', source, re.M | re.S)
    assert match, f"{node} has no pinned position"
    return float(match.group(1))


def test_map_lanes_stand_in_plan_order_top_to_bottom(plan: Plan) -> None:
    # The order is computed, not left to the renderer: dot 2.43 reversed lanes within a map group.
    source = to_dot(plan, Selection())[0]
    lanes = [
        "_lane_arbetssatt_halsa",
        "_lane_forutsattningar_digital",
        "_lane_forutsattningar_tomt",
        "_lane_None_ovrigt",
    ]
    heights = [_pinned_y(source, lane) for lane in lanes]
    assert heights == sorted(heights, reverse=True), list(zip(lanes, heights, strict=True))


def test_map_milestones_stand_in_their_years_and_a_span_across_them(plan: Plan) -> None:
    drawn = from_dot(to_dot(plan, Selection())[0]).obstacles
    for entry in select(plan, Selection()):
        first, last = (
            f"_col_{y}" if y is not None else "_col_none" for y in (entry.first_year, entry.last_year)
        )
        box = drawn[entry.id]
        assert (box.x0, box.x1) == pytest.approx((drawn[first].x0, drawn[last].x1), abs=1), entry.id
    span = drawn["a3"]  # due 2023–2025: one wide box from 2023 to 2025
    assert (span.x0, span.x1) == pytest.approx((drawn["_col_2023"].x0, drawn["_col_2025"].x1), abs=1)
    boxes = [drawn[e.id] for e in select(plan, Selection())]
    for one, other in itertools.combinations(boxes, 2):  # a span takes its row in every column
        assert one.x1 <= other.x0 or other.x1 <= one.x0 or one.y1 <= other.y0 or other.y1 <= one.y0


# --- arrows that cannot be misread (issue #14) --------------------------------------------------

MAPS = [
    pytest.param(GRAPH, Selection(), id="fixture"),
    pytest.param(GRAPH, Selection(focus=("a3",), upstream=None, downstream=None), id="fixture-focus"),
    pytest.param(GRAPH, Selection(from_year=2024), id="fixture-from-2024"),
    pytest.param(SKANE, Selection(), id="embedded"),
    pytest.param(SKANE, Selection(areas=("medarbetare",)), id="embedded-area"),
    pytest.param(SKANE, Selection(from_year=2023, to_year=2024), id="embedded-years"),
]


def check_arrows(picture: Picture, plan: Plan, entries: list[str]) -> None:
    """No arrow crosses a box or a text; each starts and ends at the borders of its two boxes."""
    assert crossings(picture) == []
    shown = set(entries)
    expected = sorted((a, b) for a, b in plan.edges() if a in shown and b in shown)
    assert sorted((a.tail, a.head) for a in picture.arrows) == expected
    for arrow in picture.arrows:
        for end, name in ((arrow.start, arrow.tail), (arrow.tip, arrow.head)):
            box = picture.obstacles[name]
            assert box.holds(*end, margin=-2.0) and not box.holds(*end, margin=2.0), (
                arrow.tail,
                arrow.head,
                name,
            )


@pytest.mark.parametrize(("folder", "selection"), MAPS)
def test_map_arrows_cross_no_box_in_the_dot(folder: Path, selection: Selection) -> None:
    plan = loaded(folder)
    check_arrows(from_dot(to_dot(plan, selection)[0]), plan, ids(plan, selection))


@pytest.mark.parametrize("env", RENDERERS)
@pytest.mark.parametrize("folder", [GRAPH, SKANE], ids=["fixture", "embedded"])
def test_map_arrows_cross_no_box_as_drawn(env: dict[str, str], folder: Path) -> None:
    done = run_fhsplan("graph", "-p", str(folder), "-f", "svg", env=env)
    assert done.returncode == 0, done.stderr
    plan = loaded(folder)
    check_arrows(from_svg(done.stdout), plan, [e.id for e in plan.entries])


def test_the_check_sees_a_renderer_route_an_arrow_through_a_box(
    write_plan: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Left to the renderer (the map before issue #14), the arrow from `low` to `high` runs up
    # through `middle`: the check must see it, else it proves nothing about fhsplan's routes.
    folder = write_plan(THREE_IN_A_COLUMN)
    plan = loaded(folder)
    source = to_dot(plan, Selection())[0]
    assert crossings(from_dot(source)) == []
    unrouted = re.sub(r' pos="e,[^"]*"', "", source).replace("outputorder=", "splines=curved outputorder=")
    monkeypatch.setenv("FHSPLAN_DOT", "graphviz-pure")
    bundled = find_renderer()
    svg = render(unrouted, "svg", 3, bundled, ENGINE_ARGS["map"]).decode()
    assert any("crosses middle" in c for c in crossings(from_svg(svg)))
    routed = render(source, "svg", 3, bundled, ENGINE_ARGS["map"]).decode()
    assert crossings(from_svg(routed)) == []


THREE_IN_A_COLUMN = {
    "plan.yaml": """\
        id: kolumn
        title: Tre i en kolumn
        owner: Region Test
        period: {start: 2024, end: 2024}
        revisions: [{year: 2024, decision: X-1}]
        current_revision: 2024
    """,
    "areas/a.yaml": """\
        id: a
        name: A
        milestones:
          - {id: high, title: Överst, due: 2024, depends_on: [{milestone: low}]}
          - {id: middle, title: Mitten, due: 2024}
          - {id: low, title: Nederst, due: 2024}
    """,
}


# --- the legend is drawn as the boxes are (issue #14) -------------------------------------------

SVG_NS = "{http://www.w3.org/2000/svg}"


def drawn_look(group: ET.Element) -> tuple[str | None, str | None, str | None, bool]:
    """How a node is drawn: its shape's fill, border and dashes, and whether any of its text is struck."""
    shape = next(group.iter(f"{SVG_NS}path"))
    texts = group.iter(f"{SVG_NS}text")
    struck = any(t.get("text-decoration") == "line-through" for t in texts)
    return shape.get("fill"), shape.get("stroke"), shape.get("stroke-dasharray"), struck


@pytest.mark.parametrize("env", RENDERERS)
def test_the_legend_draws_each_colour_as_its_boxes_are_drawn(env: dict[str, str]) -> None:
    done = run_fhsplan("graph", "-p", str(GRAPH), "-f", "svg", env=env)
    assert done.returncode == 0, done.stderr
    swatches: dict[str, tuple[str | None, str | None, str | None, bool]] = {}
    boxes: dict[str, set[tuple[str | None, str | None, str | None, bool]]] = {}
    for group in ET.fromstring(done.stdout).iter(f"{SVG_NS}g"):
        classes = (group.get("class") or "").split()
        colour = next((c.removeprefix("colour-") for c in classes if c.startswith("colour-")), None)
        if "legend-swatch" in classes and colour:
            swatches[colour] = drawn_look(group)
        elif "milestone" in classes and colour:
            boxes.setdefault(colour, set()).add(drawn_look(group))
    assert set(swatches) == set(boxes) == {c.value for c in COLOURS}  # the fixture has every colour
    for colour, look in COLOURS.items():
        expected = (look.fill, look.border, "5,2" if look.dashed else None, look.struck)
        assert swatches[colour.value] == expected, colour
        assert boxes[colour.value] == {expected}, colour


def test_the_flow_legend_dashes_and_strikes_as_the_boxes_do(plan: Plan) -> None:
    legend = re.search(r"_legend \[label=<(.*)> shape=plain", to_dot(plan, Selection(), "flow")[0])
    assert legend
    cells = re.findall(
        r'<TD BGCOLOR="([^"]+)" COLOR="([^"]+)" BORDER="1" STYLE="([^"]+)"[^>]*>(.*?)</TD>', legend[1]
    )
    expected = [
        (look.fill, look.border, "rounded,dashed" if look.dashed else "rounded", look.struck)
        for look in COLOURS.values()
    ]
    assert [(fill, border, style, "<S>" in sample) for fill, border, style, sample in cells] == expected


# --- every full title and id reachable (issue #14) ----------------------------------------------

XLINK = "{http://www.w3.org/1999/xlink}"


@pytest.mark.parametrize("env", RENDERERS)
def test_each_box_has_its_full_title_id_due_and_status_and_a_link_within_the_page(
    env: dict[str, str], plan: Plan
) -> None:
    done = run_fhsplan("graph", "-p", str(GRAPH), "-f", "svg", env=env)
    assert done.returncode == 0, done.stderr
    root = ET.fromstring(done.stdout)
    seen = set()
    for group in root.iter(f"{SVG_NS}g"):
        if "milestone" not in (group.get("class") or "").split():
            continue
        entry = plan.by_id[group.findtext(f"{SVG_NS}title") or ""]
        link = next(group.iter(f"{SVG_NS}a"))
        words = describe(entry.status, plan.changes_in(entry))
        due = f"due {entry.due_text()}" if entry.period else entry.due_text()
        assert link.get(f"{XLINK}title") == f"{entry.model.title}\n{entry.id} · {due} · {words}"
        assert link.get(f"{XLINK}href") == f"#row-{entry.id}"
        seen.add(entry.id)
    assert seen == set(plan.by_id)
    hrefs = [a.get(f"{XLINK}href") for a in root.iter(f"{SVG_NS}a") if a.get(f"{XLINK}href")]
    assert hrefs and all(h.startswith("#row-") for h in hrefs if h)  # nothing outside the page


@pytest.mark.parametrize("ident", ["javascript:alert(1)", "../x", "a b", "https://example.org", "A1"])
def test_no_link_is_made_from_an_id_that_is_not_a_slug(ident: str) -> None:
    assert graph_view._link(ident) == {}
    assert graph_view._link("a-1") == {"href": "#row-a-1"}


# -- hostile plan text (issue #10) ---------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_names(tmp_path_factory: pytest.TempPathFactory) -> HostilePlan:
    """A plan whose areas, groups and milestones are named with the corpus's DOT and long strings."""
    chosen = [s for s in HOSTILE if s.category in ("dot", "html", "long") and not FORBIDDEN.search(s.text)]
    return write_hostile_plan(tmp_path_factory.mktemp("graph") / "hostile", chosen)


@pytest.mark.parametrize("layout", ["map", "flow"])
def test_names_shaped_like_html_labels_stay_strings(hostile_names: HostilePlan, layout: str) -> None:
    # Item 3: an area named `<…>` was taken for an HTML label and its URL="javascript:…" became a link.
    source, _ = to_dot(loaded(hostile_names.folder), Selection(), layout)
    pairs = dot_inert(source)
    tooltips = [value for key, value in pairs if key == "tooltip"]
    assert len(tooltips) >= len(hostile_names.samples) and all(value.startswith('"') for value in tooltips)


def test_hostile_names_render_to_svg_without_links(hostile_names: HostilePlan, tmp_path: Path) -> None:
    # Graphviz refused the whole graph for one string over 16,384 characters (a 100k-letter name).
    out = tmp_path / "map.svg"
    result = run_fhsplan("graph", "--plan", str(hostile_names.folder), "-o", str(out))
    assert result.returncode == 0, result.stderr
    root = svg_inert(out.read_bytes())
    milestones = [g for g in root.iter(f"{SVG}g") if "milestone" in g.get("class", "").split()]
    assert len(milestones) == len(hostile_names.samples)


def test_mermaid_labels_of_hostile_names_stay_labels(hostile_names: HostilePlan) -> None:
    for layout in ("map", "flow"):
        mermaid_inert(to_mermaid(loaded(hostile_names.folder), Selection(), layout)[0])


def big_plan(folder: Path, milestones: int) -> Path:
    """A plan of `milestones` milestones in one area, each due in the plan's period."""
    folder.joinpath("areas").mkdir(parents=True)
    folder.joinpath("plan.yaml").write_text(
        "id: big\ntitle: Stor plan\nowner: O\nperiod: {start: 2023, end: 2025}\n"
        "revisions: [{year: 2023}]\ncurrent_revision: 2023\n",
        encoding="utf-8",
    )
    rows = "".join(
        f"  - {{id: m-{i}, title: Milstolpe {i}, due: {2023 + i % 3}}}\n" for i in range(milestones)
    )
    folder.joinpath("areas", "01-a.yaml").write_text(f"id: a\nname: A\nmilestones:\n{rows}", encoding="utf-8")
    return folder


def test_too_many_milestones_are_refused_before_the_dot_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Item 8: the 1,501-node refusal came only after the DOT was built (about 20 s at 5,000 nodes).
    from fhsplan import drawing, render
    from fhsplan.views import graph

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the DOT was built")

    monkeypatch.setattr(graph, "to_dot", never)
    monkeypatch.setattr(graph, "map_dot", never)
    plan = loaded(big_plan(tmp_path / "big", render.MAX_NODES + 1))
    for fmt in ("svg", "png", "pdf"):
        with pytest.raises(render.RenderError, match=f"{render.MAX_NODES + 1} milestones are more than"):
            drawing.draw(plan, Selection(), "map", fmt)


def test_the_refusal_is_quick_on_the_command_line(tmp_path: Path) -> None:
    import time

    folder = big_plan(tmp_path / "big", 5_000)
    start = time.perf_counter()
    result = run_fhsplan("graph", "--plan", str(folder), "-f", "svg")
    assert time.perf_counter() - start < 15
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.startswith("fhsplan: 5000 milestones are more than the 1500 fhsplan renders")


@pytest.mark.parametrize("layout", ["map", "flow"])
def test_golden_dot_and_mermaid_in_swedish(plan: Plan, layout: str, swedish: None) -> None:
    # Issue #15: the legend, the column without a timetable, tooltips and statuses in Swedish.
    check_golden(f"graph/{layout}.sv.dot", to_dot(plan, Selection(), layout)[0])
    check_golden(f"graph/{layout}.sv.mmd", to_mermaid(plan, Selection(), layout)[0])


def test_swedish_map_has_no_english_scaffolding(plan: Plan, swedish: None) -> None:
    source = to_dot(plan, Selection(), "map")[0] + to_mermaid(plan, Selection(), "map")[0]
    # What a reader sees: not the classes, ids and class definitions for stylesheets, nor the
    # DOT comment for whoever renders it, nor node names.
    source = re.sub(
        r'(class|id)="[^"]*"|:::\w+|\bm_\w+|^\s*(classDef|//).*$|^\s*\S+( -> \S+)? \[',
        "",
        source,
        flags=re.MULTILINE,
    )
    for english in (
        "Legend",
        "no timetable",
        "is a prerequisite of",
        "revision ",
        "due ",
        "started",
        "planned",
    ):
        assert english not in source
    assert "Teckenförklaring" in source and "utan tidplan" in source
