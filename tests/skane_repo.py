"""A git repository holding a copy of the embedded plan, for end-to-end tests of the commands that edit it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import ROOT, run_fhsplan

SKANE = "plan/skane-fhs"
REVISION = ["revision", "new", "2024", "--decision", "2024-POL000123-001",
            "--decided-by", "Hälso- och sjukvårdsnämnden", "--date", "2024-02-15"]  # fmt: skip


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo, capture_output=True, text=True, check=True, encoding="utf-8",
    ).stdout  # fmt: skip


def committed_copy(tmp_path: Path) -> Path:
    """A git repository in `tmp_path` holding a copy of the embedded plan, committed."""
    shutil.copytree(ROOT / SKANE, tmp_path / SKANE)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    return tmp_path


def diff_lines(repo: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Per changed file, the lines `git diff` shows removed and added."""
    changed: dict[str, tuple[list[str], list[str]]] = {}
    for line in git(repo, "diff", "--unified=0").splitlines():
        if line.startswith("+++ b/"):
            removed, added = changed.setdefault(line[6:], ([], []))
        elif line.startswith("-") and not line.startswith("---"):
            removed.append(line[1:])
        elif line.startswith("+") and not line.startswith("+++"):
            added.append(line[1:])
    return changed


def fhsplan_ok(repo: Path, *args: str) -> str:
    result = run_fhsplan(*args, cwd=repo)
    assert result.returncode == 0, result.stderr
    return result.stdout
