"""Status tables by year and by area (issue #4)."""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable
from pathlib import Path

from conftest import DEMO, run_fhsplan
from fhsplan.lifecycle import Change, Status
from fhsplan.loader import load_plan
from fhsplan.plan import Plan
from fhsplan.views.status import build_status

AS_OF = _dt.date(2024, 6, 30)


def test_by_year_rows_and_totals(demo: Plan) -> None:
    table = build_status(demo, AS_OF, "year")
    assert [r.key for r in table.rows] == ["before", "2022", "2023", "2024", "2025", "after", "none"]
    assert sum(r.total for r in table.rows) == table.total.total == len(demo.entries)
    by_key = {r.key: r for r in table.rows}
    assert by_key["2023"].overdue == 1  # samverkansgrupp-etablerad: started, due 2023
    assert by_key["none"].untimed == 2
    assert table.total.counts[Status.done] == 3


def test_by_area_keeps_empty_areas(demo: Plan) -> None:
    table = build_status(demo, AS_OF, "area")
    assert [r.key for r in table.rows] == ["nara-vard", "medarbetare", "digitalisering", "forskning"]
    assert table.rows[-1].total == 0 and table.rows[-1].done_share is None


def test_done_share_leaves_cancelled_out(demo: Plan) -> None:
    medarbetare = build_status(demo, AS_OF, "area").rows[1]
    assert medarbetare.counts[Status.cancelled] == 1
    assert medarbetare.done_share == 0.0
    total = build_status(demo, AS_OF).total
    assert total.done_share == 3 / 12


def test_overdue_follows_as_of(demo: Plan) -> None:
    assert build_status(demo, _dt.date(2023, 12, 31)).total.overdue == 0
    assert build_status(demo, _dt.date(2026, 1, 1)).total.overdue == 6


def test_year_rows_outside_the_period_appear_only_when_used(write_plan) -> None:  # type: ignore[no-untyped-def]
    folder = write_plan({
        "plan.yaml": """\
            id: p
            title: P
            owner: O
            period: {start: 2023, end: 2024}
            revisions: [{year: 2023}]
            current_revision: 2023
        """,
        "areas/01-a.yaml": """\
            id: a
            name: A
            milestones:
              - {id: m, title: M, due: 2023, status: done}
        """,
    })  # fmt: skip
    plan = load_plan(folder).plan
    assert plan is not None
    assert [r.key for r in build_status(plan, AS_OF).rows] == ["2023", "2024"]


def test_cli_json() -> None:
    result = run_fhsplan("status", "--plan", str(DEMO), "--as-of", "2024-06-30", "--by", "area", "-f", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format_version"] == 2 and data["by"] == "area" and data["as_of"] == "2024-06-30"
    # Stated statuses only; what revision 2023 changed is counted apart.
    assert data["total"]["counts"] == {
        "done": 3, "started": 1, "planned": 4, "postponed": 0, "cancelled": 1, "unknown": 4,
    }  # fmt: skip
    assert data["total"]["changes"] == {
        "added": 1, "reformulated": 1, "postponed": 2, "advanced": 0, "moved": 0, "removed": 1,
    }  # fmt: skip
    assert data["total"]["done_share"] == 0.25 and data["total"]["no_timetable"] == 2


def test_cli_bad_date_is_a_usage_error() -> None:
    result = run_fhsplan("status", "--plan", str(DEMO), "--as-of", "30/6")
    assert result.returncode == 2 and "2024-06-30" in result.stderr


def test_the_embedded_plans_totals_count_every_milestone() -> None:
    result = run_fhsplan("status", "--plan", "skane-fhs", "--as-of", "2024-01-01", "--format", "json")
    assert result.returncode == 0, result.stderr
    total = json.loads(result.stdout)["total"]
    # The text states no status; three milestones were reformulated in revision 2023.
    assert total["total"] == 72 and total["counts"]["unknown"] == 72
    assert {k: n for k, n in total["changes"].items() if n} == {"reformulated": 3}


def test_a_started_reformulated_milestone_counts_once_as_started_and_once_as_reformulated(
    write_plan: Callable[..., Path],
) -> None:
    folder = write_plan({
        "plan.yaml": """\
            id: p
            title: P
            owner: O
            period: {start: 2023, end: 2024}
            revisions: [{year: 2023}]
            current_revision: 2023
        """,
        "areas/01-a.yaml": """\
            id: a
            name: A
            milestones:
              - id: m
                title: Ny lydelse
                due: 2024
                status: started
                history: [{kind: reformulated, revision: 2023, previous: Gammal lydelse}]
              - id: n
                title: Tillagd och klar
                due: 2024
                status: done
                history: [{kind: added, revision: 2023}]
        """,
    })  # fmt: skip
    plan = load_plan(folder).plan
    assert plan is not None
    total = build_status(plan, AS_OF).total
    assert {s: n for s, n in total.counts.items() if n} == {Status.started: 1, Status.done: 1}
    assert {c: n for c, n in total.changes.items() if n} == {Change.reformulated: 1, Change.added: 1}
