"""The pre-commit hook's file pattern and the workflow steps docs/ci.md documents (issue #13)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT


def hook() -> dict[str, Any]:
    (definition,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return dict(definition)


@pytest.mark.parametrize(
    ("path", "runs"),
    [
        ("plan/skane-fhs/plan.yaml", True),
        ("plan/skane-fhs/areas/05-medarbetare.yaml", True),
        ("plan/skane-fhs/areas/05-medarbetare.yml", True),
        ("plan/skane-fhs/areas/08-lakemedel.yaml.txt", True),
        ("plan/skane-fhs/plan.yml", True),
        ("plan/README.md", False),
        ("docs/ci.md", False),
    ],
)
def test_the_hook_runs_for_every_file_in_a_plan_folder(path: str, runs: bool) -> None:
    # pre-commit matches `files` with re.search on the repository path.
    assert bool(re.search(hook()["files"], path)) is runs
    local = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ours = next(h for repo in local["repos"] for h in repo["hooks"] if h["id"] == "fhsplan-validate")
    assert ours["files"] == hook()["files"]


def documented_sarif_steps() -> list[dict[str, Any]]:
    """The steps docs/ci.md gives for code scanning, as YAML."""
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    section = text[text.index("### Code scanning (SARIF)") : text.index("## Configuration")]
    (block,) = re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)
    steps = yaml.safe_load(block)
    assert [s["name"] for s in steps] == ["Validate plans for code scanning", "Upload to code scanning"]
    return list(steps)


def test_the_workflow_validates_with_the_changed_files_first() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "fhsplan.yml").read_text(encoding="utf-8"))
    step = next(s for s in workflow["jobs"]["plan"]["steps"] if s.get("name") == "Validate plans")
    assert step["run"] == 'fhsplan validate --format github --changed-since "$BASE"'
    assert step["env"] == {"BASE": "${{ github.event.pull_request.base.sha }}"}


def test_the_workflow_with_the_documented_code_scanning_steps_is_valid(tmp_path: Path) -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "fhsplan.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["plan"]
    at = next(i for i, s in enumerate(job["steps"]) if s.get("name") == "Validate plans")
    job["steps"][at + 1 : at + 1] = documented_sarif_steps()
    workflow["permissions"]["security-events"] = "write"
    target = tmp_path / "fhsplan.yml"
    # PyYAML reads the key `on` as True; GitHub's schema wants the word.
    workflow["on"] = workflow.pop(True)
    target.write_text(yaml.safe_dump(workflow, sort_keys=False, allow_unicode=True), encoding="utf-8")
    checker = Path(sys.executable).with_name("check-jsonschema")
    args = [str(checker), "--builtin-schema", "vendor.github-workflows"]
    for path in (ROOT / ".github" / "workflows" / "fhsplan.yml", target):
        done = subprocess.run([*args, str(path)], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
    broken = dict(workflow, jobs={"plan": dict(job, steps=[{"uses": 1}])})
    target.write_text(yaml.safe_dump(broken, sort_keys=False), encoding="utf-8")
    assert subprocess.run([*args, str(target)], capture_output=True, check=False).returncode == 1
