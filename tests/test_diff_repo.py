"""Throwaway git repositories holding a small plan: the helpers the diff and gitrev tests share (issue #6)."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fhsplan.compare import PlanDiff

PLAN = "plan/demo"
NARA_FILE = "areas/01-nara-vard.yaml"

# A small plan: two areas, a prerequisite chain, every field the diff compares.
FILES: dict[str, str] = {
    "plan.yaml": """\
        id: demo
        title: Förändringsplan för granskning
        owner: Region Test
        default: true
        period: {start: 2022, end: 2026}
        revisions:
          - {year: 2022, decision: 2022-TEST-001}
          - {year: 2023, decision: 2023-TEST-002}
        current_revision: 2023
        beneficiaries:
          - {id: inv, name: invånarna}
          - {id: sys, name: systemet}
          - {id: vsh, name: verksamheter}
        """,
    "areas/01-nara-vard.yaml": """\
        id: nara-vard
        name: Nära vård
        milestones:
          - id: handlingsplan
            title: Handlingsplan för nära vård är beslutad
            due: 2022
            status: done
            effects:
              - {text: Gemensam riktning, beneficiaries: [sys]}
          - id: samverkan
            title: Regional samverkansgrupp etablerad
            description: Gruppen samordnar insatserna.
            due: 2023
            status: started
            depends_on:
              - {milestone: handlingsplan}
            effects:
              - {text: Samordnade insatser för invånarna, beneficiaries: [inv, sys]}
          - id: halsoutbud
            title: Modeller för hälsoutbud är identifierade
            due: 2024
            status: planned
            depends_on:
              - {milestone: samverkan}
            effects:
              - {text: Bättre upplevelse för invånare, beneficiaries: [inv]}
        """,
    "areas/02-digitalisering.yaml": """\
        id: digitalisering
        name: Digitalisering
        milestones:
          - id: infrastruktur
            title: Digital infrastruktur är uppstartad
            due: 2023
            status: done
          - id: vardsystem
            title: Digitalt vårdsystem införs
            timetable_note: För tillfället saknas tidplan.
            depends_on:
              - {milestone: infrastruktur}
        """,
}

# Fixed identity and dates: the same content gives the same commit ids on every run.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_AUTHOR_DATE": "2024-01-01T12:00:00+00:00",
    "GIT_COMMITTER_DATE": "2024-01-01T12:00:00+00:00",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def write(repo: Path, rel: str, text: str) -> None:
    path = repo / PLAN / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def make_repo(root: Path, files: dict[str, str] | None = None) -> Path:
    """A git repository with the plan committed once on branch main."""
    repo = root / "repo"
    repo.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    for rel, text in (FILES if files is None else files).items():
        write(repo, rel, text)
    commit(repo, "base plan")
    return repo


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    """Replace the first occurrence of exact text in a plan file; the text must be there."""
    path = repo / PLAN / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(repo: Path, rel: str, text: str) -> None:
    """Add text at the end of a plan file."""
    path = repo / PLAN / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_repo_commits_are_reproducible(tmp_path: Path) -> None:
    """Golden files name commits, so the same plan must give the same commit id on every run."""
    first = make_repo(tmp_path / "a")
    second = make_repo(tmp_path / "b")
    assert git(first, "rev-parse", "HEAD") == git(second, "rev-parse", "HEAD")


def diff_revisions(folder: Path, base: str, head: str | None, as_of: str = "2022-06-01") -> PlanDiff:
    """What `fhsplan diff BASE [HEAD]` compares: the plan at both revisions, judged as of one date."""
    import datetime as dt

    from fhsplan.compare import diff_plans, head_does_not_load
    from fhsplan.gitrev import load_pair
    from fhsplan.rules import Context

    pair = load_pair(folder, base, head)
    base_plan = pair.base.plan if pair.base else None
    if pair.head is not None and pair.head.plan is None:  # as `fhsplan diff` does
        return head_does_not_load(
            base_plan, folder.name, pair.base_label, pair.head_label, pair.head.findings
        )
    return diff_plans(
        base_plan,
        pair.head.plan if pair.head else None,
        pair.base_label,
        pair.head_label,
        Context(as_of=dt.date.fromisoformat(as_of)),
    )
