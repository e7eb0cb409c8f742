"""End-to-end: the installed edit commands on a copy of the embedded plan in git, as a strategist runs them.

After each command `git diff` must show only the lines the edit meant, `fhsplan validate` must
pass, and every refusal must leave every file as it was.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_fhsplan
from skane_repo import REVISION, SKANE, diff_lines, fhsplan_ok, git


def test_revision_new_appends_the_revision_and_moves_the_current_one(skane_repo: Path) -> None:
    out = fhsplan_ok(skane_repo, *REVISION, "--note", "Årlig revidering: uppföljning 2024")
    assert out == f"revision 2024: started, and now the current revision; wrote {SKANE}/plan.yaml\n"
    assert diff_lines(skane_repo) == {
        f"{SKANE}/plan.yaml": (
            ["current_revision: 2023"],
            [
                "  - id: 2024",
                "    date: 2024-02-15",
                "    decision: 2024-POL000123-001",
                "    decided_by: Hälso- och sjukvårdsnämnden",
                '    note: "Årlig revidering: uppföljning 2024"',
                "current_revision: 2024",
            ],
        )
    }


def test_a_years_edits_change_only_their_lines_and_the_plan_validates(skane_repo: Path) -> None:
    fhsplan_ok(skane_repo, *REVISION)
    git(skane_repo, "commit", "-qam", "revision 2024")
    area1, area6 = (
        f"{SKANE}/areas/01-personcentrerat-arbetssatt.yaml",
        f"{SKANE}/areas/06-digitalisering.yaml",
    )
    area2, area3 = f"{SKANE}/areas/02-halsoframjande-forebyggande.yaml", f"{SKANE}/areas/03-nara-vard.yaml"
    area7 = f"{SKANE}/areas/07-fysisk-infrastruktur.yaml"
    said = [
        fhsplan_ok(skane_repo, "set", "samsyn-personcentrerad-vard-vardsamverkan", "--status", "klar",
                   "--comment", "Samsyn uppnådd: beslut i Vårdsamverkan", "--evidence", "Protokoll 2024-11-12 §4",
                   "--reporter", "Strategienheten", "--date", "2024-11-30"),
        fhsplan_ok(skane_repo, "postpone", "precisionsmedicinskt-centrum", "--to", "2025"),
        fhsplan_ok(skane_repo, "advance", "samarbetsform-smarta-bostader", "--to", "2024-Q4"),
        fhsplan_ok(skane_repo, "reword", "ai-kompetenscentrum", "--title", "AI-kompetenscentrum är etablerat och i drift"),
        fhsplan_ok(skane_repo, "cancel", "regional-halsoplattform", "--reason", "Ersätts av den nationella plattformen.",
                   "--date", "2024-11-30"),
        fhsplan_ok(skane_repo, "add", "--area", "nara-vard", "--title", "Gemensam uppföljning av nära vård är införd",
                   "--due", "2023..2026", "--depends-on", "ai-kompetenscentrum"),
    ]  # fmt: skip
    assert said == [
        f"samsyn-personcentrerad-vard-vardsamverkan: done (follow-up of revision 2024); wrote {area1}\n",
        f"precisionsmedicinskt-centrum: postponed from 2024 to 2025 (revision 2024); wrote {area1}\n",
        f"samarbetsform-smarta-bostader: advanced from 2025 to 2024-Q4 (revision 2024); wrote {area7}\n",
        f"ai-kompetenscentrum: reformulated (revision 2024); wrote {area6}\n",
        f"regional-halsoplattform: cancelled and removed (revision 2024); wrote {area2}\n",
        f"gemensam-uppfoljning-av-nara-vard-ar-inford: added to nara-vard (revision 2024); wrote {area3}\n",
    ]
    postponed = ["    history:", "      - kind: postponed", "        revision: 2024", "        from: 2024"]
    followup = ["    followups:", "      - revision: 2024", "        date: 2024-11-30", "        status: done",
                '        comment: "Samsyn uppnådd: beslut i Vårdsamverkan"',
                "        evidence: Protokoll 2024-11-12 §4", "        reporter: Strategienheten"]  # fmt: skip
    assert diff_lines(skane_repo) == {
        area1: (["    due: 2024"], ["    due: 2025", *postponed, *followup]),
        area2: (
            [],
            ["    history:", "      - kind: removed", "        revision: 2024",
             "        note: Ersätts av den nationella plattformen.",
             "    followups:", "      - revision: 2024", "        date: 2024-11-30", "        status: cancelled"],
        ),
        area3: (
            [],
            ["  - id: gemensam-uppfoljning-av-nara-vard-ar-inford",
             "    title: Gemensam uppföljning av nära vård är införd", "    due: {start: 2023, end: 2026}",
             "    depends_on:", "      - milestone: ai-kompetenscentrum",
             "    history:", "      - kind: added", "        revision: 2024"],
        ),
        area6: (
            ["    title: AI kompetenscentrum etablerat"],
            ["    title: AI-kompetenscentrum är etablerat och i drift", "    history:",
             "      - kind: reformulated", "        revision: 2024", "        previous: AI kompetenscentrum etablerat"],
        ),
        area7: (
            ["    due: 2025"],
            ["    due: 2024-Q4", "    history:", "      - kind: advanced", "        revision: 2024", "        from: 2025"],
        ),
    }  # fmt: skip
    validate = run_fhsplan("validate", SKANE, cwd=skane_repo)
    assert validate.returncode == 0, validate.stdout
    assert validate.stdout.splitlines()[-1].startswith("0 errors,")


def test_dry_run_prints_the_diff_and_changes_nothing(skane_repo: Path) -> None:
    out = fhsplan_ok(skane_repo, "postpone", "precisionsmedicinskt-centrum", "--to", "2025-Q2", "--dry-run")
    name = f"{SKANE}/areas/01-personcentrerat-arbetssatt.yaml"
    assert out.splitlines()[:2] == [f"--- a/{name}", f"+++ b/{name}"]
    assert "-    due: 2024\n+    due: 2025-Q2\n" in out
    assert git(skane_repo, "status", "--porcelain") == ""
    (skane_repo / "change.diff").write_text(out, encoding="utf-8")
    git(skane_repo, "apply", "change.diff")  # the dry run is a patch git can apply
    assert diff_lines(skane_repo)[name][0] == ["    due: 2024"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["set", "ai-kompetenscentrm", "--status", "done"],
         "fhsplan: no milestone 'ai-kompetenscentrm' in the plan; nearest: ai-kompetenscentrum"),
        (["set", "ai-kompetenscentrum", "--status", "färdig"], "fhsplan: unknown status 'färdig'"),
        (["set", "ai-kompetenscentrum", "--status", "done", "--date", "30/11/2024"],
         "fhsplan: cannot read '30/11/2024' as a date (write it as 2024-11-30)"),
        (["postpone", "ai-kompetenscentrum", "--to", "2024"],
         "fhsplan: cannot postpone ai-kompetenscentrum to 2024: that does not end later than its due 2024"),
        (["advance", "ai-kompetenscentrum", "--to", "2024-13"],
         "fhsplan: cannot read '2024-13' as a due; write 2025, 2025-Q3, 2025-06, 2025-06-30 or a span 2023..2026"),
        (["reword", "ai-kompetenscentrum", "--title", "AI kompetenscentrum etablerat"],
         "fhsplan: ai-kompetenscentrum is already titled 'AI kompetenscentrum etablerat'"),
        (["add", "--area", "nara", "--title", "X", "--due", "2025"], "fhsplan: no focus area 'nara' in the plan; nearest: nara-vard"),
        (["revision", "new", "2023", "--decision", "D", "--decided-by", "N", "--date", "2023-02-01"],
         "fhsplan: the plan already has a revision 2023"),
        (["postpone", "ai-kompetenscentrum", "--to", "2025", "--plan", "nowhere"], "fhsplan: no plan named 'nowhere'"),
    ],
)  # fmt: skip
def test_a_refusal_is_one_line_exit_2_and_changes_nothing(
    skane_repo: Path, args: list[str], message: str
) -> None:
    result = run_fhsplan(*args, cwd=skane_repo)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1, result.stderr
    assert git(skane_repo, "status", "--porcelain") == ""


def test_an_edit_that_would_not_validate_exits_1_with_the_new_errors(skane_repo: Path) -> None:
    # modell-intressentanalys-etablerad is a prerequisite of regional-planeringsprocess-etablerad (2024).
    result = run_fhsplan("postpone", "modell-intressentanalys-etablerad", "--to", "2025", cwd=skane_repo)
    assert result.returncode == 1
    first, *findings = result.stderr.splitlines()
    assert first == "fhsplan: not changed: the edited plan would have 1 new error(s)"
    assert (
        len(findings) == 1
        and " FHS401 regional-planeringsprocess-etablerad (due 2024) needs modell-intressentanalys-etablerad"
        in findings[0]
    )
    assert findings[0].startswith(f"  {SKANE}/areas/07-fysisk-infrastruktur.yaml:")
    assert git(skane_repo, "status", "--porcelain") == ""


def test_commands_show_their_options() -> None:
    result = run_fhsplan("postpone", "--help", env={"COLUMNS": "200"})
    assert result.returncode == 0
    assert "The new due: 2025, 2025-Q3, 2025-06, 2025-06-30 or a span 2023..2026." in result.stdout
    assert "Edit the plan" in run_fhsplan("--help").stdout


def test_the_command_line_starts_without_the_edit_machinery() -> None:
    # `fhsplan --help` and `fhsplan validate` must not pay for YAML splicing or pydantic at start-up.
    code = (
        "import sys, fhsplan.cli; print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'yaml', 'pydantic', 'rich'} or m.startswith(('fhsplan.edit.', 'fhsplan.followup'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "['fhsplan.edit.values']\n"  # its due forms are the options' help
