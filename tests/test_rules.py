"""Every rule against its fixture file (tests/rules/FHSnnn.yaml), and the catalogue's own health."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from fhsplan.check import check_folders
from fhsplan.docs import render_rules
from fhsplan.rules import RULES

RULES_DIR = Path(__file__).parent / "rules"
BASE_PLAN = (RULES_DIR / "base_plan.yaml").read_text(encoding="utf-8")
ROOT = Path(__file__).resolve().parent.parent


def _cases() -> list[Any]:
    params = []
    for path in sorted(RULES_DIR.glob("FHS*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            params.append(pytest.param(spec, case, id=f"{spec['rule']}-{case['name']}"))
    return params


def _write_case(folder: Path, case: dict[str, Any]) -> None:
    files = {"plan.yaml": BASE_PLAN, **case["files"]}
    for name in case.get("delete", []):
        files.pop(name)
    for rel, text in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        encoding = case.get("encoding", "utf-8") if rel in case["files"] else "utf-8"
        target.write_bytes(text.encode(encoding))


@pytest.mark.parametrize(("spec", "case"), _cases())
def test_rule_fixture(
    spec: dict[str, Any], case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plan"
    _write_case(folder, case)
    monkeypatch.chdir(folder)
    as_of = dt.date.fromisoformat(spec.get("as_of", "2022-01-01"))
    report = check_folders([Path(".")], as_of.isoformat())
    for finding in report.findings:  # the runner attaches codes: each belongs to its rule's severity
        assert finding.code in RULES and finding.severity is RULES[finding.code].severity, finding
    found = [f for f in report.findings if f.code == spec["rule"]]
    assert [str(f.pos) for f in found] == case["expect"], [
        f"{f.pos} {f.code} {f.message}" for f in report.findings
    ]
    if "message" in case:
        assert case["message"] in [f.message for f in found]


def test_every_rule_has_code_docstring_examples_and_failing_fixture() -> None:
    failing = set()
    for path in RULES_DIR.glob("FHS*.yaml"):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        if any(case["expect"] for case in spec["cases"]):
            failing.add(spec["rule"])
    for code, rule in RULES.items():
        assert code == rule.code and code.startswith("FHS") and len(code) == 6
        assert rule.summary, f"{code} has no docstring"
        assert "Bad" in rule.doc and "Good" in rule.doc, f"{code}'s docstring lacks a bad and a good example"
        assert code in failing, f"{code} has no failing fixture in tests/rules/{code}.yaml"


def test_design_catalogue_is_covered() -> None:
    design = {"FHS100", "FHS101", "FHS102", "FHS103", "FHS200", "FHS301", "FHS302", "FHS303",
              "FHS401", "FHS402", "FHS403", "FHS501", "FHS502", "FHS601", "FHS602"}  # fmt: skip
    assert design <= set(RULES)


def test_rules_doc_is_current() -> None:
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == render_rules(), "docs/rules.md is stale: run `make docs`"


def test_findings_sorted_and_deterministic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "plan"
    _write_case(folder, {"files": {
        "areas/01-a.yaml": "id: a\nname: A\nmilestones:\n  - {id: m, title: T, due: 2030}\n  - {id: n, title: U, due: 2019}\n",
    }})  # fmt: skip
    monkeypatch.chdir(folder)
    first = check_folders([Path(".")], "2024-01-01").findings
    second = check_folders([Path(".")], "2024-01-01").findings
    assert first == second
    assert [f.sort_key for f in first] == sorted(f.sort_key for f in first)


def test_a_code_is_written_only_where_its_rule_is_declared() -> None:
    # Everything else attaches codes through rule objects (Rule.finding): a code written twice drifts.
    import re

    src = ROOT / "src" / "fhsplan"
    for path in src.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        literals = re.findall(r'"FHS\d{3}"', text)
        if path.parent.name == "rules":
            declared = re.findall(r'(?:@rule\(|load_time_rule\(\s*)"FHS\d{3}"', text)
            assert len(literals) == len(declared), path
        else:
            assert not literals, f"{path.relative_to(ROOT)} names rule codes: {literals}"
