"""`fhsplan list`: filters by area, year, status and beneficiary (issue #4)."""

from __future__ import annotations

import json

import pytest

from conftest import DEMO, run_fhsplan
from fhsplan.lifecycle import Change, Status
from fhsplan.plan import Plan
from fhsplan.views import NotInPlan
from fhsplan.views.listing import Filters, select


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        (Filters(area="medarbetare"), ["ledarskapsakademi-etablerad", "kompetensmodell", "medarbetarenkat"]),
        (Filters(year=2025), ["halsoutbud-identifierat", "medarbetarenkat", "ai-stod"]),
        # The stated status only: a reformulated or added milestone is listed under its status too.
        (
            Filters(status=Status.unknown),
            ["halsoutbud-identifierat", "kompetensmodell", "vardsystem-infort", "virtuell-vard"],
        ),
        (Filters(status=Status.started), ["samverkansgrupp-etablerad"]),  # from its latest follow-up
        (Filters(change=Change.postponed), ["samverkansgrupp-etablerad", "ledarskapsakademi-etablerad"]),
        (Filters(changed_in="2023", change=Change.removed), ["medarbetarenkat"]),
        (Filters(changed_in="2022"), []),
        (
            Filters(owner="hr"),
            ["ledarskapsakademi-etablerad", "kompetensmodell", "medarbetarenkat"],
        ),  # the area's
        (Filters(owner="primarvard"), ["samverkansgrupp-etablerad"]),
        (Filters(beneficiary="vsh", year=2023), ["digital-infrastruktur"]),
        (Filters(area="forskning"), []),
    ],
    ids=[
        "area",
        "year-with-span",
        "status",
        "status-from-follow-up",
        "change",
        "changed-in-and-change",
        "nothing-changed-in-2022",
        "owner-of-the-area",
        "owner",
        "beneficiary-and-year",
        "empty-area",
    ],
)
def test_select(demo: Plan, filters: Filters, ids: list[str]) -> None:
    assert [e.id for e in select(demo, filters)] == ids


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (Filters(area="medarbetar"), "nearest: medarbetare"),
        (Filters(beneficiary="invv"), "nearest: inv"),
        (Filters(owner="HR"), "no owner 'HR'"),
        (Filters(changed_in="2030"), "no revision '2030'"),
    ],
    ids=["area", "beneficiary", "owner", "revision"],
)
def test_unknown_names(demo: Plan, filters: Filters, message: str) -> None:
    with pytest.raises(NotInPlan, match=message):
        select(demo, filters)


def test_cli_no_match_says_so() -> None:
    result = run_fhsplan("list", "--plan", str(DEMO), "--area", "forskning")
    assert result.returncode == 0 and result.stdout == "No milestone matches (area forskning).\n"


def test_cli_bad_status_is_a_usage_error() -> None:
    result = run_fhsplan("list", "--plan", str(DEMO), "--status", "finished")
    assert result.returncode == 2 and result.stdout == ""
    assert "'finished' is not one of" in result.stderr and "Traceback" not in result.stderr


def test_cli_json() -> None:
    result = run_fhsplan(
        "list", "--plan", str(DEMO), "--change", "postponed", "-f", "json", "--as-of", "2024-06-30"
    )
    data = json.loads(result.stdout)
    assert data["filters"] == {
        "area": None, "year": None, "status": None, "change": "postponed", "changed_in": None,
        "owner": None, "beneficiary": None,
    }  # fmt: skip
    assert data["milestones"][1] == {
        "id": "ledarskapsakademi-etablerad", "title": data["milestones"][1]["title"], "area": "medarbetare",
        "due": "2024", "status": "planned", "changes": ["postponed"], "owners": ["hr"], "overdue": False,
        "beneficiaries": ["vsh", "sys"],
    }  # fmt: skip
