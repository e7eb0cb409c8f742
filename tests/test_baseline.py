"""baseline: accepted findings by what they are, not where, so only new findings fail (issue #13)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import MINI, run_fhsplan
from fhsplan import baseline
from fhsplan.check import check_folders

LATE = "--as-of=2024-06-01"  # the mini plan has one warning then: FHS403 on samverkansgrupp-etablerad


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "plan" / "mini")
    return tmp_path


def area(repo: Path) -> Path:
    return repo / "plan" / "mini" / "areas" / "01-nara-vard.yaml"


def test_the_file_records_code_file_and_ids_but_no_line(repo: Path) -> None:
    written = run_fhsplan("validate", LATE, "--write-baseline", "fhsplan-baseline.json", cwd=repo)
    assert (written.returncode, written.stderr) == (0, "fhsplan: wrote the baseline fhsplan-baseline.json\n")
    assert (
        written.stdout
        == "0 errors, 0 warnings in 1 plan (mini), 3 files checked; not reported: 1 in the baseline fhsplan-baseline.json\n"
    )
    assert (repo / "fhsplan-baseline.json").read_text(encoding="utf-8") == (
        '{\n  "format": "fhsplan-baseline",\n  "version": 1,\n  "findings": [\n'
        '    {"code": "FHS403", "file": "plan/mini/areas/01-nara-vard.yaml", "about": ["samverkansgrupp-etablerad"]}\n'
        "  ]\n}\n"
    )


def test_an_old_warning_passes_and_a_new_one_fails(repo: Path) -> None:
    run_fhsplan("validate", LATE, "--write-baseline", "b.json", cwd=repo)
    text = area(repo).read_text(encoding="utf-8")
    # Lines move above the old finding: it is still the same finding.
    area(repo).write_text(text.replace("goal_images:\n", "# Målbilder\n\ngoal_images:\n"), encoding="utf-8")
    old = run_fhsplan("validate", LATE, "--strict", "--baseline", "b.json", cwd=repo)
    assert (old.returncode, old.stdout) == (
        0,
        "0 errors, 0 warnings in 1 plan (mini), 3 files checked; not reported: 1 in the baseline b.json\n",
    )
    text = area(repo).read_text(encoding="utf-8")
    area(repo).write_text(
        text.replace("    due: 2022\n    status: done\n", "    due: 2022\n    status: started\n"),
        encoding="utf-8",
    )
    new = run_fhsplan("validate", LATE, "--strict", "--baseline", "b.json", cwd=repo)
    assert new.returncode == 1
    assert new.stdout.splitlines() == [
        "plan/mini/areas/01-nara-vard.yaml:13:10: warning FHS403 handlingsplan-beslutad was due 2022 and is started as of 2024-06-01",
        "0 errors, 1 warning in 1 plan (mini), 3 files checked; not reported: 1 in the baseline b.json",
    ]


def test_fixed_findings_leave_stale_entries(repo: Path) -> None:
    run_fhsplan("validate", LATE, "--write-baseline", "b.json", cwd=repo)
    fixed = run_fhsplan("validate", "--as-of=2023-06-01", "--baseline", "b.json", cwd=repo)
    assert fixed.stdout.endswith("not reported: 0 in the baseline b.json (1 entry no longer found)\n")


def test_a_baseline_never_hides_a_plan_that_does_not_load(repo: Path) -> None:
    (repo / "plan" / "mini" / "areas" / "03-trasig.yaml").write_text("id: [\n", encoding="utf-8")
    run_fhsplan("validate", LATE, "--write-baseline", "b.json", cwd=repo)
    assert json.loads((repo / "b.json").read_text(encoding="utf-8"))["findings"] == []
    again = run_fhsplan("validate", LATE, "--baseline", "b.json", cwd=repo)
    assert again.returncode == 1 and "FHS100" in again.stdout


def test_rewriting_for_one_plan_keeps_the_others(repo: Path) -> None:
    shutil.copytree(MINI, repo / "plan" / "other")
    run_fhsplan("validate", LATE, "--write-baseline", "b.json", cwd=repo)
    first = json.loads((repo / "b.json").read_text(encoding="utf-8"))["findings"]
    assert {f["file"].split("/")[1] for f in first} == {"mini", "other"}
    run_fhsplan("validate", "mini", "--as-of=2023-06-01", "--write-baseline", "b.json", cwd=repo)
    kept = json.loads((repo / "b.json").read_text(encoding="utf-8"))["findings"]
    assert [f["file"].split("/")[1] for f in kept] == ["other"]


def test_equal_findings_in_one_file_are_counted(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    text = area(repo).read_text(encoding="utf-8")
    # Two effects with one wording and no beneficiary: two FHS601 findings with one key.
    area(repo).write_text(
        text.replace("beneficiaries: [sys]}", "}\n      - {text: Gemensam riktning}"), encoding="utf-8"
    )
    report = check_folders([Path("plan/mini")], "2023-06-01")
    assert [f.code for f in report.findings] == ["FHS601", "FHS601"]
    path = repo / "b.json"
    path.write_text(baseline.render(report, path, [Path("plan/mini")]), encoding="utf-8")
    assert '"count": 2' in path.read_text(encoding="utf-8")
    accepted = baseline.apply(report, baseline.read(path), [Path("plan/mini")])
    assert (accepted.findings, len(accepted.suppressed), accepted.stale) == ([], 2, 0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(None, "b.json: no such baseline; write one with --write-baseline b.json", id="missing"),
        pytest.param("{", "b.json:1:2: not JSON: Expecting property name enclosed in double quotes", id="not-json"),
        pytest.param('{"findings": []}', "b.json: not an fhsplan baseline (version 1); write one with --write-baseline", id="not-ours"),
        pytest.param('{"format": "fhsplan-baseline", "version": 1, "findings": [{"file": "x"}]}', "b.json: finding 1 needs a code and a file", id="no-code"),
    ],
)  # fmt: skip
def test_a_bad_baseline_is_a_usage_error(repo: Path, content: str | None, message: str) -> None:
    if content is not None:
        (repo / "b.json").write_text(content, encoding="utf-8")
    done = run_fhsplan("validate", "--baseline", "b.json", cwd=repo)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"fhsplan: {message}\n")
