"""End-to-end: a pull request's own error is annotated among hundreds of old warnings (issue #13)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import MINI, run_fhsplan
from skane_repo import git

AS_OF = "--as-of=2023-06-01"


def untidy_area(count: int) -> str:
    """An area file of `count` milestones without effects: `count` FHS601 warnings."""
    rows = "".join(f"  - {{id: m{n}, title: Milstolpe {n}, due: 2024}}\n" for n in range(count))
    return f"id: gammal\nname: Gammalt\nmilestones:\n{rows}"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Three plans on main, two of them with 150 warnings each; a branch that breaks the third."""
    for name in ("ett", "tva", "tre"):
        shutil.copytree(MINI, tmp_path / "plan" / name)
        meta = tmp_path / "plan" / name / "plan.yaml"
        meta.write_text(meta.read_text(encoding="utf-8").replace("default: true\n", ""), encoding="utf-8")
    for name in ("ett", "tva"):
        (tmp_path / "plan" / name / "areas" / "09-gammal.yaml").write_text(untidy_area(150), encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "three plans")
    git(tmp_path, "checkout", "-qb", "change")
    area = tmp_path / "plan" / "tre" / "areas" / "01-nara-vard.yaml"
    area.write_text(
        area.read_text(encoding="utf-8").replace(
            "milestone: handlingsplan-beslutad", "milestone: handlingsplan"
        ),
        encoding="utf-8",
    )
    git(tmp_path, "commit", "-qam", "a typo in a prerequisite")
    return tmp_path


def test_the_new_error_is_annotated_within_the_caps(repo: Path) -> None:
    summary = repo / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    done = run_fhsplan(
        "validate", "-f", "github", "--changed-since", "main", AS_OF, cwd=repo,
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    warnings = [line for line in lines if line.startswith("::warning ")]
    assert errors == [
        "::error file=plan/tre/areas/01-nara-vard.yaml,line=20,col=21,title=FHS302::samverkansgrupp-etablerad: "
        "unknown milestone 'handlingsplan' (did you mean 'handlingsplan-beslutad'?)"
    ]
    assert len(warnings) == 10
    assert lines[-1] == (
        "fhsplan: annotated 1 of 1 error and 10 of 300 warnings (GitHub shows 10 errors and 10 warnings per "
        "step); 290 more are listed above and in the job summary"
    )
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## fhsplan validate\n\n❌ **1 error, 300 warnings** in 3 plans")
    assert text.count("| ⚠️ warning |") == 300 and text.count("| ❌ error |") == 1
    plans = [line for line in text.splitlines() if line.startswith("### ")]
    assert plans == [
        "### Plan <code>tre</code>: 1 error",
        "### Plan <code>ett</code>: 150 warnings",
        "### Plan <code>tva</code>: 150 warnings",
    ]
    assert "#### <code>plan/tre/areas/01-nara-vard.yaml</code> · changed" in text


def test_changes_in_the_work_tree_count_as_changed(repo: Path) -> None:
    git(repo, "checkout", "-q", "main")
    area = repo / "plan" / "tva" / "areas" / "01-nara-vard.yaml"
    area.write_text(area.read_text(encoding="utf-8").replace("    status: done\n", "", 1), encoding="utf-8")
    (repo / "plan" / "ett" / "areas" / "10-ny.yaml").write_text(
        untidy_area(1).replace("m0", "ny"), encoding="utf-8"
    )
    done = run_fhsplan("validate", "-f", "github", "--changed-since", "main", "--as-of=2024-06-01", cwd=repo)
    warnings = [line.split("::")[1] for line in done.stdout.splitlines() if line.startswith("::warning ")]
    assert warnings[:2] == [
        "warning file=plan/ett/areas/10-ny.yaml,line=4,col=10,title=FHS601",
        "warning file=plan/tva/areas/01-nara-vard.yaml,line=11,col=10,title=FHS403",
    ]


def test_a_bad_revision_is_a_usage_error(repo: Path) -> None:
    done = run_fhsplan("validate", "-f", "github", "--changed-since", "nope", cwd=repo)
    assert (done.returncode, done.stdout) == (2, "")
    assert (
        done.stderr
        == "fhsplan: --changed-since: unknown revision 'nope' (not a branch, tag or commit here)\n"
    )
