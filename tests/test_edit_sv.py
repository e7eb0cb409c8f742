"""The edit commands' refusals in Swedish (issue #15)."""

from __future__ import annotations

from pathlib import Path

from conftest import run_fhsplan
from skane_repo import git


def test_a_refusal_is_said_in_swedish(skane_repo: Path) -> None:
    args = ["revision", "new", "2023", "--decision", "D", "--decided-by", "N", "--date", "2023-02-01"]
    result = run_fhsplan(*args, "--lang", "sv", cwd=skane_repo)
    assert (result.returncode, result.stderr) == (2, "fhsplan: planen har redan en revidering 2023\n")
    assert git(skane_repo, "status", "--porcelain") == ""


def test_a_postponement_that_ends_no_later_is_refused_in_swedish(skane_repo: Path) -> None:
    result = run_fhsplan("postpone", "ai-kompetenscentrum", "--to", "2024", "--lang", "sv", cwd=skane_repo)
    assert result.returncode == 2
    assert result.stderr.startswith("fhsplan: kan inte flytta fram ai-kompetenscentrum till 2024: ")
