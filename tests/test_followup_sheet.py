"""The follow-up sheet: which milestones a revision must say something about, and CSV Excel opens right."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import loaded
from fhsplan.edit import Refused
from fhsplan.followup import sheet
from fhsplan.plan import Plan

PLAN = """\
    id: p
    title: Plan
    owner: Region Test
    language: {language}
    period: {{start: 2022, end: 2026}}
    revisions:
      - {{year: 2022}}
      - {{year: 2023}}
      - {{id: 2024-h2, date: 2024-09-01}}
    current_revision: 2024-h2
    owners:
      - {{id: hsf, name: Hälso- och sjukvårdsförvaltningen}}
      - {{id: rs, name: Regionstyrelsen}}
"""
AREA = """\
    id: a
    name: Område A
    owners: [rs]
    milestones:
      - {id: late-unknown, title: Sen, due: 2023}
      - {id: this-year-started, title: '=HYPERLINK("x")', due: 2024, status: started, owners: [hsf, rs]}
      - {id: this-year-done, title: Klar, due: 2024, status: done}
      - {id: this-year-cancelled, title: Avbruten, due: 2024, status: cancelled}
      - {id: removed, title: Borttagen, due: 2024, status: cancelled, history: [{kind: removed, revision: 2024-h2}]}
      - {id: later, title: Senare, due: 2025}
      - {id: later-added, title: Ny, due: 2026, history: [{kind: added, revision: 2024-h2}]}
      - {id: later-reformulated, title: Omformulerad, due: 2026, history: [{kind: reformulated, revision: 2024-h2, previous: Gammal}]}
      - {id: reformulated-before, title: Förr, due: 2026, history: [{kind: reformulated, revision: 2023, previous: Äldre}]}
      - {id: no-timetable, title: Utan tidplan, timetable_note: Saknas.}
      - {id: span-ending, title: Spann, due: {start: 2022, end: 2024}}
      - {id: span-later, title: Spann senare, due: {start: 2023, end: 2025}}
      - {id: quarter, title: Kvartal, due: 2024-Q4, followups: [{revision: 2024-h2, status: planned}]}
"""


@pytest.fixture
def plan(write_plan: Callable[..., Path]) -> Plan:
    return loaded(write_plan({"plan.yaml": PLAN.format(language="sv"), "areas/01-a.yaml": AREA}))


def test_the_rows_are_what_is_due_by_the_revisions_year_and_not_done_and_what_it_added_or_reworded(
    plan: Plan,
) -> None:
    assert [e.id for e in sheet.asked(plan, "2024-h2")] == [
        "late-unknown", "this-year-started", "later-added", "later-reformulated", "span-ending", "quarter",
    ]  # fmt: skip
    assert [e.id for e in sheet.asked(plan, "2023")] == ["late-unknown", "reformulated-before"]


def test_the_sheet_opens_in_swedish_excel(plan: Plan) -> None:
    written = sheet.write(plan, "2024-h2", excel=True)
    assert written.rows == 6
    assert written.data.startswith(codecs.BOM_UTF8)
    text = written.data[3:].decode("utf-8")
    lines = text.split("\r\n")
    assert (
        lines[0]
        == "id;area;title;due;status;owner;new_status;new_due;comment;evidence;reporter;revision;fingerprint"
    )
    assert "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[2][:6] == [
        "this-year-started", "Område A", "'=HYPERLINK(\"x\")", "2024", "started",
        "Hälso- och sjukvårdsförvaltningen, Regionstyrelsen",
    ]  # fmt: skip
    assert rows[1][5] == "Regionstyrelsen"  # the area's owner where the milestone names none
    assert rows[5][3] == "2022–2024"
    assert all(r[6:11] == ["", "", "", "", ""] and r[11] == "2024-h2" for r in rows[1:])
    assert all(r[12].startswith("fp-") and len(r[12]) == 13 for r in rows[1:])


def test_without_excel_it_is_plain_csv(plan: Plan) -> None:
    data = sheet.write(plan, "2024-h2", excel=False).data
    assert data.startswith(b"id,area,title,due,status,owner,new_status")
    assert list(csv.reader(io.StringIO(data.decode(), newline="")))[1][0] == "late-unknown"


def test_excel_is_the_default_for_a_plan_in_swedish(write_plan: Callable[..., Path], plan: Plan) -> None:
    english = loaded(write_plan({"plan.yaml": PLAN.format(language="en"), "areas/01-a.yaml": AREA}, "en"))
    assert (sheet.default_excel(plan), sheet.default_excel(english)) == (True, False)


def test_every_column_has_a_key_and_a_label_said_once() -> None:
    keys = [c.key for c in sheet.COLUMNS]
    assert len(set(keys)) == len(keys) == len(sheet.LABELS)
    assert sheet.FILLED_IN == ("new_status", "new_due", "comment", "evidence", "reporter")


def test_the_fingerprint_changes_with_title_due_status_and_record(write_plan: Callable[..., Path]) -> None:
    base = "    - {id: m, title: T, due: 2024, status: started}\n"
    variants = [
        base,
        base.replace("title: T", "title: U"),
        base.replace("2024", "2025"),
        base.replace("started", "done"),
        base.replace("}", ", followups: [{revision: 2024-h2, status: started}]}"),
        base.replace("}", ", history: [{kind: added, revision: 2024-h2}]}"),
    ]
    marks = [
        sheet.fingerprint(loaded(write_plan({"plan.yaml": PLAN.format(language="sv"),
                                             "areas/01-a.yaml": "id: a\nname: A\nmilestones:\n" + v}, f"v{i}")).by_id["m"])
        for i, v in enumerate(variants)
    ]  # fmt: skip
    assert len(set(marks)) == len(marks)


def test_a_revision_the_plan_lacks_is_refused(plan: Plan) -> None:
    with pytest.raises(Refused, match="no revision '2025' in the plan"):
        sheet.write(plan, "2025", excel=True)


def test_a_revision_with_no_year_cannot_say_what_is_due(write_plan: Callable[..., Path]) -> None:
    text = PLAN.format(language="sv").replace(
        "current_revision: 2024-h2", "  - {id: extra}\n    current_revision: extra"
    )
    plan = loaded(write_plan({"plan.yaml": text, "areas/01-a.yaml": AREA}, "extra"))
    with pytest.raises(
        Refused, match=r"revision extra has no year: give it a `year` or a `date` in plan\.yaml"
    ):
        sheet.asked(plan, "extra")
