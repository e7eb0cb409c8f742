"""Every view says so when the plan it shows has errors, and refuses to with --strict (issue #13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_fhsplan

VIEWS = {
    "map": ["map"],
    "map-year": ["map", "--year", "2023"],
    "status": ["status"],
    "show": ["show", "virtuell-vard"],
    "list": ["list"],
    "graph": ["graph", "--format", "dot"],
    "report": ["report", "--format", "md"],
}


@pytest.fixture
def broken(mini_copy: Path) -> Path:
    """The mini plan with two errors: an unknown prerequisite and one due after its dependent."""
    area = mini_copy / "areas" / "01-nara-vard.yaml"
    text = area.read_text(encoding="utf-8").replace(
        "milestone: handlingsplan-beslutad", "milestone: handlingsplan"
    )
    area.write_text(text.replace("due: {start: 2023, end: 2025}", "due: 2022"), encoding="utf-8")
    return mini_copy


@pytest.mark.parametrize("args", VIEWS.values(), ids=VIEWS.keys())
def test_a_view_of_a_broken_plan_says_so(broken: Path, args: list[str]) -> None:
    shown = run_fhsplan(*args, "--plan", str(broken))
    assert (shown.returncode, shown.stderr) == (0, "fhsplan: 2 errors in plan mini; run fhsplan validate\n")
    assert shown.stdout
    strict = run_fhsplan(*args, "--plan", str(broken), "--strict")
    assert (strict.returncode, strict.stdout) == (1, "")
    assert strict.stderr == shown.stderr


@pytest.mark.parametrize("args", VIEWS.values(), ids=VIEWS.keys())
def test_a_view_of_a_sound_plan_says_nothing(mini_copy: Path, args: list[str]) -> None:
    shown = run_fhsplan(*args, "--plan", str(mini_copy), "--strict")
    assert (shown.returncode, shown.stderr) == (0, "")


def test_export_refuses_a_broken_plan(broken: Path) -> None:
    done = run_fhsplan("export", "--plan", str(broken))
    assert (done.returncode, done.stdout, done.stderr) == (
        1, "", "fhsplan: 2 errors in plan mini; run fhsplan validate\n",
    )  # fmt: skip


def test_views_count_errors_as_validate_does(broken: Path) -> None:
    meta = broken / "plan.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8") + "checks:\n  disable: [FHS401]\n  severity: {FHS403: error}\n",
        encoding="utf-8",
    )
    shown = run_fhsplan("status", "--plan", str(broken), "--as-of", "2024-06-01")
    validated = run_fhsplan("validate", str(broken), "--as-of", "2024-06-01")
    # FHS302, and FHS403 (an error now) twice; FHS401 is off.
    assert validated.stdout.endswith("3 errors, 0 warnings in 1 plan (mini), 3 files checked\n")
    assert shown.stderr == "fhsplan: 3 errors in plan mini; run fhsplan validate\n"
