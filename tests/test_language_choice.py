"""How the output language is chosen on the command line (issue #15): --lang, FHSPLAN_LANG, the
plan's `language`, the locale, English; machine formats stay English."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_fhsplan
from fhsplan import i18n


def without_language(**extra: str) -> dict[str, str]:
    """What run_fhsplan adds to the environment so that no language is chosen: the tests' own
    FHSPLAN_LANG=en and the locale emptied (an empty value names no language)."""
    return {"FHSPLAN_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "", **extra}


def test_flag_in_reads_the_last_lang_before_a_double_dash() -> None:
    assert i18n.flag_in(["map", "--lang", "sv"]) == "sv"
    assert i18n.flag_in(["map", "--lang=en", "--lang", "sv"]) == "sv"
    assert i18n.flag_in(["map", "--", "--lang", "sv"]) is None
    assert i18n.flag_in(["map", "--lang"]) is None


@pytest.mark.parametrize(
    ("flag", "env", "plan", "expected"),
    [
        ("en", {"FHSPLAN_LANG": "sv"}, "sv", "en"),
        (None, {"FHSPLAN_LANG": "en"}, "sv", "en"),
        (None, {"LANG": "en_GB.UTF-8"}, "sv", "sv"),
        (None, {"LC_ALL": "sv_SE.UTF-8"}, None, "sv"),
        (None, {"LANG": "C.UTF-8"}, None, "en"),
        (None, {"FHSPLAN_LANG": "fi"}, None, "en"),
    ],
)
def test_the_first_that_names_a_language_wins(
    flag: str | None, env: dict[str, str], plan: str | None, expected: str
) -> None:
    try:
        i18n.start(flag, env)
        i18n.follow_plan(plan, env)
        assert i18n.language() == expected
    finally:
        i18n.start("en")


def test_the_plan_language_chooses_when_nothing_else_does() -> None:
    swedish = run_fhsplan("status", "--plan", "skane-fhs", "--as-of=2024-06-30", env=without_language())
    english = run_fhsplan("status", "--plan", "skane-fhs", "--as-of=2024-06-30", "--lang", "en")
    assert swedish.returncode == english.returncode == 0, swedish.stderr
    assert swedish.stdout != english.stdout


def test_an_unknown_language_is_a_usage_error() -> None:
    done = run_fhsplan("map", "--lang", "fi")
    assert done.returncode == 2 and "'fi' is not one of en, sv" in done.stderr


def test_help_speaks_the_plans_language_and_the_flag_wins(tmp_path: Path) -> None:
    # In the checkout, every plan under plan/ says `language: sv`; elsewhere no plan says anything.
    here = run_fhsplan("validate", "--help", env=without_language())
    assert "Kontrollera planer mot schemat" in here.stdout and "Alternativ" in here.stdout
    flagged = run_fhsplan("validate", "--help", "--lang", "en", env=without_language())
    assert "Check plans against the schema" in flagged.stdout and "Options" in flagged.stdout
    elsewhere = run_fhsplan("validate", "--help", cwd=tmp_path, env=without_language())
    assert "Check plans against the schema" in elsewhere.stdout


def test_edit_commands_follow_the_plans_language(tmp_path: Path) -> None:
    import shutil

    from conftest import ROOT

    copy = tmp_path / "skane"
    shutil.copytree(ROOT / "plan" / "skane-fhs", copy)
    args = (
        "revision",
        "new",
        "2024",
        "--decision",
        "HSN 1",
        "--decided-by",
        "Nämnden",
        "--date",
        "2024-12-12",
        "--plan",
        str(copy),
    )
    done = run_fhsplan(*args, env=without_language())
    assert done.returncode == 0, done.stderr
    assert (
        "revideringen 2024" in done.stdout + done.stderr
        and "current revision" not in done.stdout + done.stderr
    )
