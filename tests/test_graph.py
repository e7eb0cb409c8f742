"""`fhsplan graph`: selection, golden DOT and Mermaid, rendered SVG, and the docs map's freshness."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, check_golden, loaded, run_fhsplan
from fhsplan.escape import FORBIDDEN, mermaid
from fhsplan.loader import load_plan
from fhsplan.plan import Plan
from fhsplan.render import find_renderer
from fhsplan.views import NotInPlan
from fhsplan.views.graph import Selection, select, short_title, to_dot
from fhsplan.views.mermaid import to_mermaid
from hostile import HOSTILE
from hostile_plan import HostilePlan, write_hostile_plan
from inert import SVG, dot_inert, mermaid_inert, svg_inert

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


def test_map_milestones_stand_in_their_year_column(plan: Plan) -> None:
    import re

    source = to_dot(plan, Selection())[0]
    x_of = {
        m.group(1): float(m.group(2))
        for m in re.finditer(r'^\s*"?([\w-]+)"? \[.*?pos="([\d.]+),', source, re.M | re.S)
    }
    for entry in select(plan, Selection()):
        column = f"_col_{entry.last_year}" if entry.last_year is not None else "_col_none"
        assert x_of[entry.id] == x_of[column], entry.id


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
