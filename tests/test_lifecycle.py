"""A plan's life: stated status apart from revision changes, colours derived from both, and the
plan as an earlier revision marked it (issue #12)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import loaded
from fhsplan.lifecycle import Change, Colour, Status
from fhsplan.plan import Plan

PLAN = """\
    id: p
    title: P
    owner: O
    period: {start: 2023, end: 2026}
    revisions:
      - {year: 2023, decision: A-1}
      - {id: 2024-h1, date: 2024-05-14, decision: B-1}
      - {id: 2024-h2, date: 2024-11-20, decision: B-2}
    current_revision: 2024-h2
"""

AREA = """\
    id: a
    name: A
    milestones:
      - id: akademi
        title: Ledarskapsakademi etablerad
        due: 2025
        history:
          - {kind: reformulated, revision: 2024-h1, previous: Ledarskapsakademi beslutad}
          - {kind: postponed, revision: 2024-h2, from: 2024}
        followups:
          - {revision: 2023, status: planned}
          - {revision: 2024-h1, status: started, comment: Upphandling pågår.}
      - id: rapport
        title: Rapport klar
        due: 2024-09-30
        history:
          - {kind: postponed, revision: 2024-h1, from: 2024-06-30}
        followups:
          - {date: 2024-10-15, status: done}
      - id: ny
        title: Ny insats
        due: 2026
        status: planned
        history: [{kind: added, revision: 2024-h2}]
      - id: gammal
        title: Gammal insats
        due: 2024
        status: cancelled
        history: [{kind: removed, revision: 2024-h2, note: Ersatt av ny.}]
"""


@pytest.fixture
def plan(write_plan: Callable[..., Path]) -> Plan:
    return loaded(write_plan({"plan.yaml": PLAN, "areas/01-a.yaml": AREA}))


def test_status_is_the_latest_follow_up_and_changes_stay_apart(plan: Plan) -> None:
    akademi = plan.by_id["akademi"]
    assert akademi.status is Status.started
    assert plan.changes_in(akademi) == [Change.postponed]
    assert plan.changes_in(akademi, "2024-h1") == [Change.reformulated]
    assert plan.colour(akademi) is Colour.started


@pytest.mark.parametrize(
    ("milestone", "colour"),
    [("rapport", Colour.done), ("ny", Colour.changed), ("gammal", Colour.cancelled)],
)
def test_colours_are_derived_from_status_and_change(plan: Plan, milestone: str, colour: Colour) -> None:
    assert plan.colour(plan.by_id[milestone]) is colour


def test_removed_means_it(plan: Plan) -> None:
    gammal = plan.by_id["gammal"]
    assert not gammal.active and gammal.removed
    assert not plan.is_overdue(gammal, dt.date(2030, 1, 1))
    assert gammal not in plan.due_in(2024) and gammal in plan.due_in(2024, active=False)


def test_overdue_is_judged_against_the_end_of_a_finer_period(plan: Plan) -> None:
    plan_ = plan.at("2024-h1")  # then the report was not yet done
    rapport = plan_.by_id["rapport"]
    assert not plan_.is_overdue(rapport, dt.date(2024, 9, 30))
    assert plan_.is_overdue(rapport, dt.date(2024, 10, 1))


def test_the_plan_as_an_earlier_revision_marked_it(plan: Plan) -> None:
    then = plan.at("2024-h1")
    assert then.current_revision == "2024-h1" and then.revision_ids == ["2023", "2024-h1"]
    assert "ny" not in then.by_id  # added later
    akademi = then.by_id["akademi"]
    assert akademi.due_text() == "2024"  # postponed only in 2024-h2
    assert akademi.model.title == "Ledarskapsakademi etablerad"  # reformulated in 2024-h1 itself
    assert akademi.status is Status.started and then.changes_in(akademi) == [Change.reformulated]
    assert then.colour(akademi) is Colour.changed  # red in 2024-h1: what moving on must not lose
    assert then.by_id["gammal"].active  # removed only in 2024-h2
    rapport = then.by_id["rapport"]
    assert rapport.status is Status.unknown  # its follow-up came after 2024-h1's date


def test_the_first_revision_undoes_everything_later(plan: Plan) -> None:
    first = plan.at("2023")
    akademi = first.by_id["akademi"]
    assert akademi.model.title == "Ledarskapsakademi beslutad" and akademi.due_text() == "2024"
    assert akademi.status is Status.planned and first.changes_in(akademi) == []
    assert first.by_id["rapport"].due_text() == "2024-06-30"


def test_an_earlier_revision_has_no_arrows_to_later_milestones_nor_later_assessments(
    write_plan: Callable[..., Path],
) -> None:
    area = (
        AREA
        + """\
      - id: utvardering
        title: Utvärdering
        due: 2026
        depends_on: [{milestone: ny}, {milestone: akademi}]
        effects:
          - text: Kunskap
            assessments:
              - {revision: 2023, judgement: too-early}
              - {revision: 2024-h2, judgement: partly}
    """
    )
    plan = loaded(write_plan({"plan.yaml": PLAN, "areas/01-a.yaml": area}))
    then = plan.at("2024-h1")
    utvardering = then.by_id["utvardering"].model
    assert [p.milestone for p in utvardering.depends_on] == ["akademi"]
    assert [a.revision for a in utvardering.effects[0].assessments] == ["2023"]
    from fhsplan.check import check_plan
    from fhsplan.rules import Context

    errors = [f for f in check_plan(then, Context(dt.date(2024, 6, 1))) if f.severity.value == "error"]
    assert errors == []  # the plan as it was is as valid as the plan is


def test_an_unknown_revision_is_a_key_error(plan: Plan) -> None:
    with pytest.raises(KeyError):
        plan.at("2025")
