"""The worksheet in Swedish: its header row says what each column asks, and `apply` reads it back (issue #15)."""

from __future__ import annotations

from pathlib import Path

from conftest import run_fhsplan
from skane_repo import REVISION, fhsplan_ok, git
from test_followup_cli import read_sheet, save_as_excel

HEADER = (
    "Milstolpens id;Insatsområde;Milstolpe;Klar senast;Status nu;Ansvarig;Ny status;Ny tidpunkt;"
    "Kommentar;Underlag;Rapporterad av;Revidering;Kontrollkod (ändra inte)"
)


def test_a_swedish_sheet_round_trips(skane_repo: Path) -> None:
    fhsplan_ok(skane_repo, *REVISION)
    git(skane_repo, "commit", "-qam", "revision 2024")
    result = run_fhsplan("followup", "sheet", "--lang", "sv", "--excel", "-o", "ark.csv", cwd=skane_repo)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "65 milstolpar att följa upp; skrev ark.csv\n"
    assert (skane_repo / "ark.csv").read_bytes().decode("utf-8-sig").split("\r\n")[0] == HEADER
    rows = read_sheet(skane_repo / "ark.csv")
    (row,) = [r for r in rows if r["Milstolpens id"] == "stodstruktur-invanarinvolvering"]
    row.update({"Ny status": "klar", "Kommentar": "Stödstrukturen finns", "Rapporterad av": "Anna Andersson"})
    save_as_excel(skane_repo / "ark.csv", rows)
    # read back whichever language is spoken
    applied = run_fhsplan(
        "followup", "apply", "ark.csv", "--date", "2024-11-30", "--lang", "en", cwd=skane_repo
    )
    assert applied.returncode == 0, applied.stderr
    assert applied.stdout.startswith("applied 1 row(s)")
    assert "Stödstrukturen finns" in git(skane_repo, "diff")


def test_an_english_sheet_still_has_its_keys(skane_repo: Path) -> None:
    fhsplan_ok(skane_repo, *REVISION)
    assert fhsplan_ok(skane_repo, "followup", "sheet", "--no-excel", "--lang", "en").startswith(
        "id,area,title,"
    )
