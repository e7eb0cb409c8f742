"""The committee report's data (views/report.py): what it counts, lists and compares, on the demo plan."""

from __future__ import annotations

import datetime as _dt
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import loaded
from fhsplan.lifecycle import Change, Colour, Judgement, Status
from fhsplan.plan import Plan
from fhsplan.views.report import AsOf, KnockOnKind, Report, as_of_for, build_report
from fhsplan.views.status import build_status

AS_OF = _dt.date(2024, 6, 30)
TODAY = _dt.date(2026, 1, 15)


@pytest.fixture(scope="module")
def report(demo: Plan) -> Report:
    return build_report(demo, AS_OF)


def test_header_names_the_plan_and_the_decision(report: Report) -> None:
    h = report.header
    assert (h.title, h.owner, h.revision) == (
        "Förändrings- och genomförandeplan för vyer (test)",
        "Region Test",
        "2023",
    )
    assert (h.decision, h.decided_by, h.date) == ("2023-TEST-002", "Hälso- och sjukvårdsnämnden", None)


def test_summary_counts_stated_statuses_as_status_does(demo: Plan, report: Report) -> None:
    status = build_status(demo, AS_OF).total
    assert report.summary.statuses == status.counts
    assert report.summary.total == status.total == len(demo.entries)
    assert report.summary.statuses[Status.unknown] == 4 and report.summary.statuses[Status.cancelled] == 1


def test_summary_counts_the_revisions_changes_once_per_milestone(report: Report) -> None:
    changes = {c: n for c, n in report.summary.changes.items() if n}
    assert changes == {Change.added: 1, Change.reformulated: 1, Change.postponed: 2, Change.removed: 1}


def test_done_share_leaves_out_what_is_no_longer_pursued(report: Report) -> None:
    s = report.summary
    assert (s.done, s.pursued) == (3, 12)
    assert s.done_share == pytest.approx(0.25)


def test_overdue_is_judged_as_of_the_date_given(demo: Plan, report: Report) -> None:
    assert report.summary.overdue == ("samverkansgrupp-etablerad",)
    assert (report.summary.as_of, report.summary.as_of_reason) == (AS_OF, AsOf.given)
    later = build_report(demo, _dt.date(2026, 1, 1)).summary.overdue
    assert "ledarskapsakademi-etablerad" in later and "medarbetarenkat" not in later  # removed: never overdue


def test_colour_counts_follow_the_plan_document(demo: Plan, report: Report) -> None:
    expected = {colour: sum(1 for e in demo.entries if demo.colour(e) is colour) for colour in Colour}
    assert report.summary.colours == expected
    assert report.summary.colours[Colour.changed] == 2


def test_as_of_is_the_given_date_else_the_decision_date_else_today(
    demo: Plan, write_plan: Callable[..., Path]
) -> None:
    assert as_of_for(demo, AS_OF, TODAY) == (AS_OF, AsOf.given)
    assert as_of_for(demo, None, TODAY) == (TODAY, AsOf.today)
    dated = loaded(
        write_plan(_plan_with(revisions="[{id: 2023}, {id: 2024, date: 2024-02-15, decision: D-1}]"))
    )
    assert as_of_for(dated, None, TODAY) == (_dt.date(2024, 2, 15), AsOf.decision)


def test_every_milestone_is_in_its_areas_table_once_in_plan_order(demo: Plan, report: Report) -> None:
    assert [r.id for r in report.rows] == [e.id for e in demo.entries]
    assert [a.id for a in report.areas] == [a.id for a in demo.areas]
    assert [a.rows for a in report.areas if a.id == "forskning"] == [()]


def test_a_row_carries_status_change_owner_and_latest_follow_up(report: Report) -> None:
    rows = {r.id: r for r in report.rows}
    group = rows["samverkansgrupp-etablerad"]
    assert (group.status, group.changes, group.overdue, group.due) == (
        Status.started, (Change.postponed,), True, "2023"
    )  # fmt: skip
    assert group.owners == ("Primärvårdsförvaltningen",)
    assert group.followup is not None and group.followup.comment is not None
    assert group.followup.comment.startswith("Gruppen är tillsatt")
    assert rows["kompetensmodell"].owners == ("HR-avdelningen",)  # the area's
    assert (rows["medarbetarenkat"].active, rows["medarbetarenkat"].colour) == (False, Colour.cancelled)
    assert rows["kompetensmodell"].due is None and rows["kompetensmodell"].timetable_note


def test_effects_carry_names_indicator_and_assessment(report: Report) -> None:
    effect = next(r for r in report.rows if r.id == "halsoutbud-identifierat").effects[0]
    assert effect.beneficiaries == ("invånarna",)
    assert effect.indicator is not None and effect.indicator.unit == "procent"
    assert effect.assessment is not None and effect.assessment.judgement is Judgement.too_early


def test_the_latest_follow_up_with_a_comment_is_shown(write_plan: Callable[..., Path]) -> None:
    followups = """
        followups:
          - {revision: 2023, status: started, comment: Första mötet hölls.}
          - {revision: 2024, status: started}
    """
    plan = loaded(write_plan(_plan_with(milestone_extra=followups)))
    row = build_report(plan, AS_OF).rows[0]
    assert row.followup is not None and row.followup.comment == "Första mötet hölls."


def test_an_assessment_made_after_the_revision_is_not_shown(write_plan: Callable[..., Path]) -> None:
    effects = """
        effects:
          - text: Samordnade insatser
            assessments:
              - {revision: 2023, judgement: too-early}
              - {revision: 2024, judgement: partly, value: 3}
    """
    plan = loaded(write_plan(_plan_with(milestone_extra=effects)))
    now = build_report(plan, AS_OF).rows[0].effects[0].assessment
    then = build_report(plan.at("2023"), AS_OF).rows[0].effects[0].assessment
    assert now is not None and (now.judgement, now.value) == (Judgement.partly, 3)
    assert then is not None and then.judgement is Judgement.too_early


def test_changes_since_the_previous_revision_are_the_diffs(report: Report) -> None:
    assert report.previous == "2022"
    found = {(c.milestone, c.kind, c.before, c.after) for area in report.changes for c in area.changes}
    assert found == {
        ("halsoutbud-identifierat", "reformulated", "Hälsoutbud kartlagt", "Olika modeller för hälsoutbud är identifierade"),
        ("samverkansgrupp-etablerad", "postponed", "2022", "2023"),
        ("samverkansgrupp-etablerad", "status", "planned", "started"),
        ("ledarskapsakademi-etablerad", "postponed", "2023", "2024"),
        ("medarbetarenkat", "withdrawn", "unknown", "removed in revision 2023 (Ersätts av den nationella medarbetarenkäten.)"),
        ("virtuell-vard", "added", "", "due 2024"),
        # What 2023 recorded besides: the arrow to the milestone it added, a follow-up, an assessment.
        ("ai-stod", "prerequisite-added", "", "Samarbetsstruktur för virtuell vård etablerad"),
        ("samverkansgrupp-etablerad", "followed-up", "", "2023-11-30, revision 2023: started (Gruppen är tillsatt men har inte haft sitt första möte.)"),
        ("halsoutbud-identifierat", "assessed", "", "Bättre upplevelse för invånare: 2023: too early to judge: Modellerna prövas först 2024."),
    }  # fmt: skip


def test_the_first_revision_has_nothing_to_compare_with(demo: Plan) -> None:
    first = build_report(demo.at("2022"), AS_OF)
    assert (first.previous, first.changes, first.header.revision) == (None, (), "2022")
    assert "virtuell-vard" not in {r.id for r in first.rows}  # added by 2023


def test_a_prerequisite_postponed_by_the_revision_is_a_knock_on(report: Report) -> None:
    found = [(k.kind, k.milestone.id, k.prerequisite.id, k.before) for k in report.knock_on]
    assert found == [
        (KnockOnKind.prerequisite_postponed, "halsoutbud-identifierat", "samverkansgrupp-etablerad", "2022"),
        (KnockOnKind.prerequisite_postponed, "virtuell-vard", "samverkansgrupp-etablerad", "2022"),
    ]


def test_knock_ons_are_what_fhs401_and_fhs304_find(write_plan: Callable[..., Path]) -> None:
    milestones = """
        - {id: grund, title: Grund lagd, due: 2026}
        - id: bygge
          title: Bygge klart
          due: 2025
          depends_on: [{milestone: grund}, {milestone: stryken}]
        - id: stryken
          title: Struken milstolpe
          due: 2024
          status: cancelled
          history: [{kind: removed, revision: 2024}]
    """
    plan = loaded(write_plan(_plan_with(milestones=milestones)))
    found = [
        (k.kind, k.milestone.id, k.prerequisite.id, k.removed_in) for k in build_report(plan, AS_OF).knock_on
    ]
    assert found == [
        (KnockOnKind.due_before_prerequisite, "bygge", "grund", None),
        (KnockOnKind.prerequisite_withdrawn, "bygge", "stryken", "2024"),
    ]


def test_milestones_without_a_timetable_are_listed_with_their_area(report: Report) -> None:
    assert [(area, row.id) for area, row in report.untimed] == [
        ("Medarbetare och ledarskap", "kompetensmodell"),
        ("Digitalisering", "vardsystem-infort"),
    ]


PLAN = """
    id: p
    title: Plan
    owner: Region
    period: {start: 2023, end: 2026}
    revisions: [{id: 2023}, {id: 2024}]
    current_revision: 2024
"""
MILESTONE = """
    - id: samverkan
      title: Samverkan etablerad
      due: 2024
"""


def _plan_with(
    revisions: str = "[{id: 2023}, {id: 2024}]", milestones: str = MILESTONE, milestone_extra: str = ""
) -> dict[str, str]:
    """A one-area plan with `milestones` (YAML list items); `milestone_extra` goes under the first."""
    items = textwrap.dedent(milestones).strip("\n")
    if milestone_extra:
        items += "\n" + textwrap.indent(textwrap.dedent(milestone_extra).strip("\n"), "  ")
    area = "id: a\nname: Område A\nmilestones:\n" + textwrap.indent(items, "  ") + "\n"
    return {"plan.yaml": PLAN.replace("[{id: 2023}, {id: 2024}]", revisions), "areas/01-a.yaml": area}
