"""compare_plan: what changed in plan.yaml and the list of focus areas (issue #13)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import loaded
from fhsplan.compare import diff_plans
from fhsplan.compare_plan import PLAN_KINDS, _longest_increasing
from fhsplan.rules import Context

PLAN = """\
    id: p
    title: Plan
    owner: Region Test
    period: {start: 2023, end: 2026}
    revisions:
      - {year: 2023, decision: 2023-1}
    current_revision: 2023
    owners:
      - {id: hsn, name: Hälso- och sjukvårdsnämnden}
    beneficiaries:
      - {id: inv, name: invånarna}
    """


def area(number: int, ident: str, name: str, milestones: str = "") -> tuple[str, str]:
    body = (
        f"id: {ident}\nname: {name}\nmilestones:\n{milestones}"
        if milestones
        else f"id: {ident}\nname: {name}\n"
    )
    return f"areas/{number:02d}-{ident}.yaml", body


MILESTONE = """\
  - id: m1
    title: Milstolpe
    due: 2024
    owners: [hsn]
    effects:
      - {text: Bättre vård, beneficiaries: [inv]}
"""


def pair(
    write_plan: Callable[..., Path], before: dict[str, str], after: dict[str, str]
) -> list[tuple[str, ...]]:
    base = loaded(write_plan(before, "base"))
    head = loaded(write_plan(after, "head"))
    diff = diff_plans(base, head, "a", "b", Context(as_of=dt.date(2023, 1, 1)))
    return [(c.kind, c.subject, c.before, c.after) for c in diff.plan_changes] + [
        (c.kind, c.milestone) for c in diff.changes()
    ]


def files(plan: str = PLAN, *areas: tuple[str, str]) -> dict[str, str]:
    return {"plan.yaml": plan, **dict(areas)}


def test_an_area_added_first_does_not_move_the_others(write_plan: Callable[..., Path]) -> None:
    before = files(PLAN, area(1, "a", "A"), area(2, "b", "B"))
    after = files(PLAN, area(1, "c", "C"), area(2, "a", "A"), area(3, "b", "B"))
    assert pair(write_plan, before, after) == [("area-added", "c", "", "c: C")]


def test_one_area_moved_to_the_end_is_the_one_reported(write_plan: Callable[..., Path]) -> None:
    before = files(PLAN, area(1, "a", "A"), area(2, "b", "B"), area(3, "c", "C"))
    after = files(PLAN, area(1, "b", "B"), area(2, "c", "C"), area(3, "a", "A"))
    assert pair(write_plan, before, after) == [("area-reordered", "a", "1 of 3", "3 of 3")]


def test_renamed_codes_are_no_change_to_the_milestones_using_them(write_plan: Callable[..., Path]) -> None:
    before = files(PLAN, area(1, "a", "A", MILESTONE))
    plan = PLAN.replace("{id: inv,", "{id: inb,").replace("{id: hsn,", "{id: hsn-skane,")
    after = files(
        plan, area(1, "a", "A", MILESTONE.replace("[inv]", "[inb]").replace("[hsn]", "[hsn-skane]"))
    )
    assert pair(write_plan, before, after) == [
        ("beneficiary-id-renamed", "inb", "inv: invånarna", "inb: invånarna"),
        (
            "owner-id-renamed",
            "hsn-skane",
            "hsn: Hälso- och sjukvårdsnämnden",
            "hsn-skane: Hälso- och sjukvårdsnämnden",
        ),
    ]


def test_an_area_whose_id_changed_moves_no_milestone(write_plan: Callable[..., Path]) -> None:
    before = files(PLAN, area(1, "a", "A", MILESTONE))
    after = files(PLAN, area(1, "aa", "A", MILESTONE))
    assert pair(write_plan, before, after) == [("area-id-renamed", "aa", "a: A", "aa: A")]


def test_revisions_added_removed_and_corrected(write_plan: Callable[..., Path]) -> None:
    first = "      - {year: 2023, decision: 2023-1}\n"
    before = files(PLAN.replace(first, "      - {year: 2022}\n" + first))
    after = files(
        PLAN.replace(
            first, "      - {year: 2023, decision: 2023-2}\n      - {id: 2024-h1, date: 2024-03-01}\n"
        )
    )
    assert pair(write_plan, before, after) == [
        ("revision-added", "2024-h1", "", "2024-h1: 2024-03-01"),
        ("revision-removed", "2022", "2022", ""),
        ("revision-changed", "2023", "2023: 2023-1", "2023: 2023-2"),
    ]


def test_a_vocabulary_entry_renamed_in_words_and_described(write_plan: Callable[..., Path]) -> None:
    before = files()
    after = files(
        PLAN.replace("{id: inv, name: invånarna}", "{id: inv, name: invånare, description: Alla som bor här}")
    )
    assert pair(write_plan, before, after) == [
        ("beneficiary-renamed", "inv", "inv: invånarna", "inv: invånare"),
        ("beneficiary-described", "inv", "", "Alla som bor här"),
    ]


@pytest.mark.parametrize(
    ("values", "kept"),
    [([], set()), ([3, 1, 2], {1, 2}), ([0, 1, 2], {0, 1, 2}), ([2, 1, 0], {2}), ([1, 3, 2, 4], {0, 2, 3})],
)
def test_longest_increasing_run(values: list[int], kept: set[int]) -> None:
    assert _longest_increasing(values) == kept


def test_every_plan_kind_has_words() -> None:
    assert all(words and not words[0].isupper() for words in PLAN_KINDS.values())
