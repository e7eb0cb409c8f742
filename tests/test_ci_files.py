"""The pre-commit hook's file pattern (issue #13)."""

from __future__ import annotations

import re
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
