"""`fhsplan list`: filters by area, year, status and beneficiary (issue #4)."""

from __future__ import annotations

import json

import pytest

from conftest import DEMO, run_fhsplan
from fhsplan.plan import Plan
from fhsplan.shown import Shown
from fhsplan.views import NotInPlan
from fhsplan.views.listing import Filters, select


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        (Filters(area="medarbetare"), ["ledarskapsakademi-etablerad", "kompetensmodell", "medarbetarenkat"]),
        (Filters(year=2025), ["halsoutbud-identifierat", "medarbetarenkat", "ai-stod"]),
        (Filters(status=Shown.unknown), ["kompetensmodell", "vardsystem-infort"]),
        (Filters(beneficiary="vsh", year=2023), ["digital-infrastruktur"]),
        (Filters(area="forskning"), []),
    ],
    ids=["area", "year-with-span", "status", "beneficiary-and-year", "empty-area"],
)
def test_select(demo: Plan, filters: Filters, ids: list[str]) -> None:
    assert [e.id for e in select(demo, filters)] == ids


@pytest.mark.parametrize(
    ("filters", "message"),
    [(Filters(area="medarbetar"), "nearest: medarbetare"), (Filters(beneficiary="invv"), "nearest: inv")],
    ids=["area", "beneficiary"],
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
        "list", "--plan", str(DEMO), "-s", "postponed", "-f", "json", "--as-of", "2024-06-30"
    )
    data = json.loads(result.stdout)
    assert data["filters"] == {"area": None, "year": None, "status": "postponed", "beneficiary": None}
    assert data["milestones"] == [
        {"id": "ledarskapsakademi-etablerad", "title": data["milestones"][0]["title"], "area": "medarbetare",
         "due": "2024", "status": "postponed", "overdue": False, "beneficiaries": ["vsh", "sys"]}
    ]  # fmt: skip
