"""`validate --format sarif`: valid SARIF 2.1.0 with every rule and every kind of finding."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import FIXTURES, MINI, run_fhsplan
from fhsplan.check import check_folders
from fhsplan.findings import Report, Suppressed
from fhsplan.reporters import sarif
from fhsplan.rules import RULES
from test_rules import RULES_DIR, _write_case

SCHEMA = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def valid(log: dict[str, Any]) -> None:
    """Fail with every schema error the log has (the schema is draft 2020-12)."""
    validator = jsonschema.Draft202012Validator(SCHEMA)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]
    assert not errors, errors


def every_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    """One report holding every case of every rule's fixture, each checked as a plan of its own:
    a finding of every rule, related places, and findings an `ignore:` or a pattern keeps back."""
    monkeypatch.chdir(tmp_path)
    folders = []
    for path in sorted(RULES_DIR.glob("FHS*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for n, case in enumerate(spec["cases"]):
            folder = Path(f"{spec['rule'].lower()}-{n}")
            _write_case(tmp_path / folder, case)
            folders.append(folder)
    return check_folders(folders, "2024-06-01")


def test_a_report_with_every_rule_and_kind_of_finding_is_valid_sarif(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = every_kind(tmp_path, monkeypatch)
    found = {f.code for f in report.findings}
    assert found == set(RULES), set(RULES) - found
    assert any(f.related for f in report.findings)
    assert {s.how for s in report.suppressed} == {"inline", "path"}
    # The three ways of keeping a finding back, each a result with its suppression.
    first = report.findings[0]
    kept = [*report.suppressed, Suppressed(first, "baseline", "in the baseline b.json")]
    report.suppressed, report.baseline = kept, "b.json"
    log = json.loads(sarif.render(report, False))
    valid(log)
    results = log["runs"][0]["results"]
    assert len(results) == len(report.findings) + len(kept)
    kinds = {s["kind"] for r in results for s in r.get("suppressions", [])}
    assert kinds == {"inSource", "external"}
    assert {r["baselineState"] for r in results} == {"new", "unchanged"}


def test_every_rule_is_described_with_a_link_to_its_section() -> None:
    log = json.loads(sarif.render(Report([], [], 0, rules_url="https://example.org/rules.md"), False))
    valid(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    overdue = next(r for r in rules if r["id"] == "FHS403")
    assert overdue["name"] == "overdue"
    assert overdue["shortDescription"]["text"] == "Overdue: due before the as-of date and not done."
    assert overdue["fullDescription"]["text"].startswith("A milestone whose due period has ended")
    assert "Bad (as of 2024-03-01):" in overdue["help"]["markdown"]
    assert overdue["helpUri"] == "https://example.org/rules.md#fhs403"
    assert overdue["defaultConfiguration"] == {"level": "warning"}


def test_results_name_files_from_the_repository_root(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "plan" / "mini")
    area = repo / "plan" / "mini" / "areas" / "01-nara-vard.yaml"
    area.write_text(
        area.read_text(encoding="utf-8").replace("milestone: handlingsplan-beslutad", "milestone: x")
    )
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    done = run_fhsplan(
        "validate", "-f", "sarif", "--as-of", "2024-06-01", cwd=repo / "plan" / "mini" / "areas"
    )
    assert done.returncode == 1, done.stderr
    log = json.loads(done.stdout)
    valid(log)
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "FHS302")
    place = result["locations"][0]["physicalLocation"]
    assert place == {
        "artifactLocation": {"uri": "plan/mini/areas/01-nara-vard.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 20, "startColumn": 21},
    }
    assert result["level"] == "error" and result["message"]["text"].startswith("samverkansgrupp-etablerad:")
    (fingerprint,) = result["partialFingerprints"].values()
    assert fingerprint.endswith(":1") and len(fingerprint) == 34


def test_fingerprints_follow_the_finding_not_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(MINI, tmp_path / "mini")

    def fingerprints() -> dict[str, str]:
        log = json.loads(sarif.render(check_folders([Path("mini")], "2024-06-01"), False))
        return {r["ruleId"]: next(iter(r["partialFingerprints"].values())) for r in log["runs"][0]["results"]}

    before = fingerprints()
    assert before
    area = tmp_path / "mini" / "areas" / "01-nara-vard.yaml"
    area.write_text("# a comment that moves every line down\n" + area.read_text(encoding="utf-8"))
    assert fingerprints() == before


def test_the_schema_check_refuses_what_is_not_sarif() -> None:
    with pytest.raises(AssertionError, match="tool"):
        valid({"version": "2.1.0", "runs": [{"results": []}]})
    log = json.loads(sarif.render(Report([], [], 0), False))
    log["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] = "fatal"
    with pytest.raises(AssertionError, match="fatal"):
        valid(log)
