"""End-to-end: the year's worksheet of the embedded plan, filled in as Excel saves it, applied back."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from conftest import run_fhsplan
from skane_repo import REVISION, SKANE, diff_lines, fhsplan_ok, git

AREA1 = f"{SKANE}/areas/01-personcentrerat-arbetssatt.yaml"


def read_sheet(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def save_as_excel(path: Path, rows: list[dict[str, str]]) -> None:
    """As Excel's "CSV UTF-8 (semikolonavgränsad)" saves: a byte-order mark, semicolons, CRLF."""
    buffer = io.StringIO()
    out = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=";", lineterminator="\r\n")
    out.writeheader()
    out.writerows(rows)
    path.write_bytes(codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8"))


def fill(rows: list[dict[str, str]], ident: str, **cells: str) -> None:
    (found,) = [r for r in rows if r["id"] == ident]
    found.update(cells)


def test_the_sheet_asks_about_every_milestone_the_revision_must_follow_up(skane_repo: Path) -> None:
    fhsplan_ok(skane_repo, *REVISION)
    result = run_fhsplan("followup", "sheet", "--excel", "-o", "uppfoljning-2024.csv", cwd=skane_repo)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "65 milestones to follow up; wrote uppfoljning-2024.csv\n"
    data = (skane_repo / "uppfoljning-2024.csv").read_bytes()
    assert data.startswith(codecs.BOM_UTF8 + b"id;area;title;due;status;owner;new_status;new_due;comment;")
    rows = read_sheet(skane_repo / "uppfoljning-2024.csv")
    assert len(rows) == 65 and all(int(r["due"][-4:]) <= 2024 for r in rows)
    assert {r["revision"] for r in rows} == {"2024"}
    assert fhsplan_ok(skane_repo, "followup", "sheet", "--no-excel").startswith("id,area,title,")


def test_a_filled_in_sheet_is_applied_with_only_its_lines_changed(skane_repo: Path) -> None:
    fhsplan_ok(skane_repo, *REVISION)
    git(skane_repo, "commit", "-qam", "revision 2024")
    fhsplan_ok(skane_repo, "followup", "sheet", "--excel", "-o", "sheet.csv")
    rows = read_sheet(skane_repo / "sheet.csv")
    fill(rows, "stodstruktur-invanarinvolvering", new_status="Klar", comment="Stödstrukturen finns: se beslut",
         evidence="Dnr 2024-123", reporter="Anna Andersson")  # fmt: skip
    fill(rows, "precisionsmedicinskt-centrum", new_status="framflyttad", new_due="2025-Q2")
    save_as_excel(skane_repo / "sheet.csv", rows)

    dry = fhsplan_ok(skane_repo, "followup", "apply", "sheet.csv", "--date", "2024-11-30", "--dry-run")
    assert (
        dry.startswith(f"--- a/{AREA1}\n+++ b/{AREA1}\n")
        and git(skane_repo, "status", "--porcelain") == "?? sheet.csv\n"
    )
    out = fhsplan_ok(skane_repo, "followup", "apply", "sheet.csv", "--date", "2024-11-30")
    assert out == "applied 2 row(s) (2 follow-up(s), 1 postponed), 63 left empty; wrote 1 file(s)\n"
    assert diff_lines(skane_repo) == {
        AREA1: (
            ["    due: 2024"],
            [
                "    followups:", "      - revision: 2024", "        date: 2024-11-30", "        status: done",
                '        comment: "Stödstrukturen finns: se beslut"', "        evidence: Dnr 2024-123",
                "        reporter: Anna Andersson",
                "    due: 2025-Q2",
                "    history:", "      - kind: postponed", "        revision: 2024", "        from: 2024",
                "    followups:", "      - revision: 2024", "        date: 2024-11-30", "        status: postponed",
            ],
        )
    }  # fmt: skip
    assert run_fhsplan("validate", SKANE, cwd=skane_repo).returncode == 0


def test_a_sheet_with_mistakes_is_refused_row_by_row_and_nothing_changes(skane_repo: Path) -> None:
    fhsplan_ok(skane_repo, *REVISION)
    git(skane_repo, "commit", "-qam", "revision 2024")
    fhsplan_ok(skane_repo, "followup", "sheet", "-o", "sheet.csv", "--excel")
    rows = read_sheet(skane_repo / "sheet.csv")
    fill(rows, "stodstruktur-invanarinvolvering", new_status="klar")
    fill(rows, "precisionsmedicinskt-centrum", new_status="färdig")
    fill(rows, "lpo-levnadsvanor", new_due="hösten 2025")
    fill(rows, "handlingsplan-primarprevention", new_status="framflyttad", new_due="2022")
    rows[-1].update(id="ingen-sadan-milstolpe", new_status="klar")
    save_as_excel(skane_repo / "sheet.csv", rows)
    fhsplan_ok(
        skane_repo, "set", "stodstruktur-invanarinvolvering", "--status", "started", "--date", "2024-10-01"
    )
    git(skane_repo, "commit", "-qam", "set after the sheet went out")

    result = run_fhsplan("followup", "apply", "sheet.csv", cwd=skane_repo)
    assert (result.returncode, result.stdout) == (1, "")
    numbers = {r["id"]: n for n, r in enumerate(rows, start=2)}
    assert result.stderr.splitlines() == [
        "fhsplan: not changed: 5 row(s) of the sheet cannot be applied",
        f"  sheet.csv: row {numbers['stodstruktur-invanarinvolvering']}: stodstruktur-invanarinvolvering changed "
        "since the sheet was written (status unknown → started); write a new sheet",
        f"  sheet.csv: row {numbers['precisionsmedicinskt-centrum']}: unknown status 'färdig' (say done, started, "
        "planned, postponed, cancelled, unknown; or klar, igångsatt, planerad, framflyttad, avbruten, okänd)",
        f"  sheet.csv: row {numbers['lpo-levnadsvanor']}: cannot read 'hösten 2025' as a due; write 2025, 2025-Q3, "
        "2025-06, 2025-06-30 or a span 2023..2026",
        f"  sheet.csv: row {numbers['handlingsplan-primarprevention']}: cannot postpone handlingsplan-primarprevention "
        "to 2022: that does not end later than its due 2023",
        f"  sheet.csv: row {len(rows) + 1}: no milestone 'ingen-sadan-milstolpe' in the plan",
    ]
    assert git(skane_repo, "status", "--porcelain") == "?? sheet.csv\n"


def test_what_is_not_a_sheet_is_a_usage_error(skane_repo: Path) -> None:
    (skane_repo / "notes.csv").write_text("namn;kommentar\nx;y\n", encoding="utf-8")
    result = run_fhsplan("followup", "apply", "notes.csv", cwd=skane_repo)
    assert result.returncode == 2
    assert result.stderr.startswith(
        "fhsplan: notes.csv: not a follow-up sheet: its first row must be the column keys"
    )
    missing = run_fhsplan("followup", "apply", "missing.csv", cwd=skane_repo)
    assert (missing.returncode, missing.stderr) == (
        2,
        "fhsplan: cannot read missing.csv: No such file or directory\n",
    )
