"""The plan index: lookups, lanes in the map's order, and reachability through prerequisites."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, loaded
from fhsplan.plan import Plan


@pytest.fixture(scope="module")
def plan() -> Plan:
    return loaded(FIXTURES / "graph")


def test_lookups_by_id(plan: Plan) -> None:
    area = plan.area("digital")
    assert area is not None and area.model.name == "Digitalisering"
    assert plan.area("nope") is None
    assert [e.id for e in plan.in_area("digital")] == ["b1", "b2", "b3", "b4"]
    assert plan.in_area("tomt") == []


def test_lanes_follow_map_groups_then_area_order_and_keep_empty_areas(plan: Plan) -> None:
    lanes = [(lane.group, lane.area.id, [e.id for e in lane.entries]) for lane in plan.lanes()]
    assert lanes == [
        ("arbetssatt", "halsa", ["a1", "a2", "a3"]),
        ("forutsattningar", "digital", ["b1", "b2", "b3", "b4"]),
        ("forutsattningar", "tomt", []),
        (None, "ovrigt", ["c1"]),  # no map group: last
    ]


def test_lanes_of_a_selection_drop_empty_ones_on_request(plan: Plan) -> None:
    chosen = [plan.by_id["b1"], plan.by_id["c1"]]
    assert [lane.area.id for lane in plan.lanes(chosen, keep_empty=False)] == ["digital", "ovrigt"]


@pytest.mark.parametrize(
    ("start", "direction", "depth", "expected"),
    [
        (["a3"], "up", None, {"a1", "a2", "b1"}),
        (["a3"], "up", 1, {"a2", "b1"}),
        (["b1"], "down", None, {"a3", "b2", "b3", "c1"}),
        (["b1"], "down", 1, {"a3", "b2", "c1"}),
        (["a1"], "up", None, set()),
        (["a3"], "up", 0, set()),
    ],
    ids=["up-all", "up-1", "down-all", "down-1", "no-prerequisite", "depth-0"],
)
def test_reach(plan: Plan, start: list[str], direction: str, depth: int | None, expected: set[str]) -> None:
    assert plan.reach(start, direction, depth) == expected


def test_reach_refuses_an_unknown_direction(plan: Plan) -> None:
    with pytest.raises(KeyError):
        plan.reach(["a1"], "sideways")
