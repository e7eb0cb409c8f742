"""The strategic map and one year in focus: placement, wrapping, JSON, errors (issue #4)."""

from __future__ import annotations

import json

import pytest

from conftest import DEMO, run_fhsplan
from fhsplan.plan import Plan
from fhsplan.views import NotInPlan
from fhsplan.views.console import render
from fhsplan.views.map import build_map, build_year, id_lines, render_map


def test_no_milestone_is_dropped(demo: Plan) -> None:
    smap = build_map(demo)
    placed = [e.id for row in smap.rows for cell in row.cells.values() for e in cell]
    outside = [e.id for e in smap.earlier + smap.later + smap.untimed]
    assert sorted(placed + outside) == sorted(demo.by_id)
    assert [e.id for e in smap.earlier] == ["kartlaggning-avslutad"]
    assert [e.id for e in smap.later] == ["uppfoljning-utvardering"]
    assert [e.id for e in smap.untimed] == ["kompetensmodell", "vardsystem-infort"]


def test_rows_follow_group_order_and_milestone_group(demo: Plan) -> None:
    rows = [(r.group, r.area.id) for r in build_map(demo).rows]
    assert rows == [
        ("arbetssatt-processer", "nara-vard"),
        ("arbetssatt-processer", "digitalisering"),  # digital-vardcentral sits in another group
        ("organisation-styrning", "medarbetare"),
        ("forutsattningar", "digitalisering"),
        (None, "forskning"),  # an area without milestones keeps its row
    ]


def test_span_sits_in_its_last_year_and_says_where_it_began(demo: Plan) -> None:
    row = build_map(demo).rows[0]
    assert [e.id for e in row.cells[2025]] == ["halsoutbud-identifierat"]
    text = render(render_map(build_map(demo), 120), 120, colour=False)
    assert "2023–2025" in text


def test_colour_only_when_asked(demo: Plan) -> None:
    coloured = render(render_map(build_map(demo), 100), 100, colour=True)
    plain = render(render_map(build_map(demo), 100), 100, colour=False)
    assert "\x1b[32m" in coloured  # green: done
    assert "\x1b[" not in plain
    assert "✔" in plain and "✚" in plain and "»" in plain


@pytest.mark.parametrize("width", [60, 80, 100, 160, 200])
def test_map_fits_the_width(demo: Plan, width: int) -> None:
    text = render(render_map(build_map(demo), width), width, colour=False)
    assert max(len(line) for line in text.splitlines()) <= width


def test_year_focus_needs_and_unlocks(demo: Plan) -> None:
    focus = build_year(demo, 2024)
    items = {i.entry.id: i for _, items in focus.by_area for i in items}
    assert sorted(items) == ["digital-vardcentral", "ledarskapsakademi-etablerad", "virtuell-vard"]
    virtual = items["virtuell-vard"]
    assert [e.id for e in virtual.needs] == ["digital-infrastruktur", "samverkansgrupp-etablerad"]
    assert [e.id for e in virtual.unlocks] == ["ai-stod"]
    assert virtual.beneficiaries == ["inv"]


def test_unknown_area_names_the_nearest(demo: Plan) -> None:
    with pytest.raises(NotInPlan, match="nearest: digitalisering"):
        build_year(demo, 2024, "digitalsering")


def test_cli_unknown_area_exits_2() -> None:
    result = run_fhsplan("map", "--plan", str(DEMO), "--year", "2024", "--area", "digitalsering")
    assert result.returncode == 2
    assert (
        result.stderr.strip() == "fhsplan: no focus area 'digitalsering' in the plan; nearest: digitalisering"
    )


def test_cli_area_without_year_is_a_usage_error() -> None:
    result = run_fhsplan("map", "--plan", str(DEMO), "--area", "digitalisering")
    assert result.returncode == 2 and "--area needs --year" in result.stderr


def test_cli_map_json() -> None:
    result = run_fhsplan("map", "--plan", str(DEMO), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format_version"] == 2 and data["years"] == [2022, 2023, 2024, 2025]
    assert data["rows"][0]["cells"]["2023"] == [
        {"id": "samverkansgrupp-etablerad", "title": "Regional samverkansgrupp Hälsa etablerad",
         "area": "nara-vard", "due": "2023", "status": "started", "changes": ["postponed"], "colour": "started"}
    ]  # fmt: skip
    assert [m["id"] for m in data["no_timetable"]] == ["kompetensmodell", "vardsystem-infort"]


def test_cli_year_json() -> None:
    result = run_fhsplan(
        "map", "--plan", str(DEMO), "--year", "2024", "--area", "digitalisering", "-f", "json"
    )
    data = json.loads(result.stdout)
    virtual = data["areas"][0]["milestones"][0]
    assert virtual["id"] == "virtuell-vard" and virtual["status"] == "unknown"
    assert virtual["changes"] == ["added"] and virtual["colour"] == "changed"
    assert [(n["id"], n["done"]) for n in virtual["needs"]] == [
        ("digital-infrastruktur", True),
        ("samverkansgrupp-etablerad", False),
    ]
    assert [u["id"] for u in virtual["unlocks"]] == ["ai-stod"]


def test_cli_empty_year_says_so() -> None:
    result = run_fhsplan("map", "--plan", str(DEMO), "--year", "2030", "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout)["areas"] == []


def test_the_embedded_plans_map_shows_every_area_and_the_legend() -> None:
    result = run_fhsplan("map", "--plan", "skane-fhs", env={"COLUMNS": "120"})
    assert result.returncode == 0, result.stderr
    for area in ("Personcentrerat arbetssätt", "Medarbetare och ledarskap", "Fysisk infrastruktur"):
        assert area.split()[0] in result.stdout, area
    assert "Legend:" in result.stdout and "revision 2023" in result.stdout


def test_the_embedded_plans_year_2024_names_its_milestones_with_ids() -> None:
    json_out = run_fhsplan("map", "--plan", "skane-fhs", "--year", "2024", "--format", "json")
    ids = [m["id"] for area in json.loads(json_out.stdout)["areas"] for m in area["milestones"]]
    text = run_fhsplan("map", "--plan", "skane-fhs", "--year", "2024", env={"COLUMNS": "120"})
    assert text.returncode == 0 and ids
    assert all(f"[{i}]" in text.stdout.replace("\n", "") for i in ids)


@pytest.mark.parametrize(
    ("ident", "width", "lines"),
    [
        pytest.param("kort", 10, ["kort"], id="fits"),
        pytest.param("samverkansgrupp-etablerad", 20, ["samverkansgrupp-", "etablerad"], id="after-a-hyphen"),
        pytest.param("a-b-c-d", 4, ["a-b-", "c-d"], id="parts-joined"),
        pytest.param("infrastrukturprogram", 8, ["infrastr", "ukturpro", "gram"], id="folded-when-longer"),
        pytest.param(
            "[halsoutbud-identifierat]", 11, ["[halsoutbud", "-identifier", "at]"], id="fold-fills-lines"
        ),
    ],
)
def test_an_id_is_broken_after_its_hyphens(ident: str, width: int, lines: list[str]) -> None:
    assert id_lines(ident, width) == lines
    assert "".join(lines) == ident  # joined again, it is the id


@pytest.mark.parametrize("width", [60, 80, 120])
def test_map_ids_shows_every_milestone_id_for_show(demo: Plan, width: int) -> None:
    plain = render(render_map(build_map(demo), width), width, colour=False)
    text = render(render_map(build_map(demo), width, ids=True), width, colour=False)
    assert max(len(line) for line in text.splitlines()) <= width
    for shown, with_ids in ((columns_read_down(plain), False), (columns_read_down(text), True)):
        for entry in demo.entries:
            assert any(entry.id in column for column in shown) is with_ids, entry.id


def columns_read_down(text: str) -> list[str]:
    """Each column of the map's table read top to bottom, its lines joined without their spaces,
    and the text below the table as one more column."""
    columns: dict[int, str] = {}
    for line in text.splitlines():
        for index, piece in enumerate(line.split("│")) if "│" in line else [(-1, line)]:
            columns[index] = columns.get(index, "") + piece.strip()
    return list(columns.values())
