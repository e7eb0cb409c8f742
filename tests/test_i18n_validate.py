"""`fhsplan validate` in Swedish: the findings, the summary line, the GitHub annotations and job
summary, and the baseline; JSON and SARIF stay English (issue #15)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import check_golden, run_fhsplan
from fhsplan.check import check_folders
from test_rules import _cases, _write_case

SKANE = ("validate", "--plan", "skane-fhs", "--as-of", "2024-06-30")

# Words of the English messages that no Swedish message may keep (plan text and `code` aside).
ENGLISH = {
    "needs", "due", "which", "has", "effect", "names", "beneficiary", "focus", "area", "milestone",
    "prerequisite", "cycle", "unknown", "duplicate", "first", "revision", "follow", "says", "after",
    "before", "without", "comment", "listed", "later", "earlier", "outside", "period", "done",
    "started", "planned", "postponed", "cancelled", "removed", "reformulated", "advanced", "moved",
    "entry", "pursued", "known", "declared", "mean", "unused", "rule", "remove", "turned", "nothing",
    "errors", "warnings", "warning", "error", "files", "checked", "plans", "reported", "baseline",
    "and", "of", "is", "the", "but", "not", "no", "as", "from", "its",
}  # fmt: skip
# Wording fhsplan passes on from elsewhere, still English: PyYAML's own account of a syntax error,
# and the due-date messages of fhsplan.when (not translated on this branch).
OUTSIDE = re.compile(
    r"(?<=syntaxfel i YAML: ).*|a year is written without quotes \(2024\)"
    r"|must be a year \(2024\) or a span \(\{start: 2023, end: 2026\}\), not a range in text"
)
# What a message quotes from the plan or names as YAML: ids, 'titles', `fields`, places, and the
# field path of a schema violation (`milstolpen m: effects[0].text: …`).
QUOTED = re.compile(
    r"'[^']*'|`[^`]*`|\S+\.ya?ml(:\d+:\d+)?|[a-z0-9]+(?:-[a-z0-9]+)+|(?<=: )[a-z_]+(?:\[\d+\]|\.[a-z_]+)*(?=: )"
)


def english_words(message: str) -> set[str]:
    """The English words left in a message, once what it quotes from the plan is taken out."""
    left = QUOTED.sub(" ", OUTSIDE.sub(" ", message))
    return {w for w in re.findall(r"[A-Za-z]+", left) if w.lower() in ENGLISH}


def test_skane_in_swedish_has_swedish_summary_and_messages() -> None:
    result = run_fhsplan(*SKANE, "--lang", "sv")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "0 fel, 94 varningar i 1 plan (skane-fhs), 8 filer kontrollerade"
    assert (
        "plan/skane-fhs/areas/03-nara-vard.yaml:49:10: varning FHS403 milstolpen lpo-lpr-inrattade är "
        "försenad: klar senast 2022, status ej angiven per 2024-06-30"
    ) in lines
    assert (
        "plan/skane-fhs/areas/03-nara-vard.yaml:49:10: varning FHS402 milstolpen lpo-lpr-inrattade ska "
        "vara klar senast 2022, utanför planperioden 2023–2026"
    ) in lines
    leftovers = {line: english_words(line) for line in lines if english_words(line)}
    assert not leftovers


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_skane_text_golden(lang: str) -> None:
    result = run_fhsplan(*SKANE, "--lang", lang)
    check_golden(f"validate/skane-{lang}.txt", result.stdout)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_skane_github_annotations_and_job_summary_golden(lang: str, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = run_fhsplan(*SKANE, "--lang", lang, "-f", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 0, result.stderr
    check_golden(f"validate/skane-github-{lang}.txt", result.stdout)
    check_golden(f"validate/skane-summary-{lang}.md", summary.read_text(encoding="utf-8"))


def test_the_swedish_job_summary_has_no_english_label() -> None:
    text = (Path(__file__).parent / "golden" / "validate" / "skane-summary-sv.md").read_text(encoding="utf-8")
    for label in (
        "Shown as annotations",
        "Every finding",
        "| Line |",
        "Severity",
        "warning",
        "checked",
        "Plan `",
    ):
        assert label not in text


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_machine_formats_are_english_whatever_the_language(fmt: str) -> None:
    swedish = run_fhsplan(*SKANE, "--lang", "sv", "-f", fmt)
    english = run_fhsplan(*SKANE, "--lang", "en", "-f", fmt)
    assert swedish.returncode == english.returncode == 0
    assert swedish.stdout == english.stdout
    assert "is due 2022, outside the plan period" in swedish.stdout


def test_json_is_english_when_the_plan_says_swedish() -> None:
    # No --lang, no FHSPLAN_LANG: the plan's `language: sv` would choose, but not for a program.
    result = run_fhsplan(*SKANE, "-f", "json", env={"FHSPLAN_LANG": ""})
    assert "klar senast" not in result.stdout and "outside the plan period" in result.stdout
    text = run_fhsplan(*SKANE, env={"FHSPLAN_LANG": ""})
    assert "filer kontrollerade" in text.stdout  # the plan's language, for people


def _failing_cases() -> list[Any]:
    """The rule fixtures that find something: every rule, the loader's and the runner's too."""
    return [case for case in _cases() if case.values[1]["expect"]]


@pytest.mark.parametrize(("spec", "case"), _failing_cases())
@pytest.mark.usefixtures("swedish")
def test_every_rule_speaks_swedish(
    spec: dict[str, Any], case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plan"
    _write_case(folder, case)
    monkeypatch.chdir(folder)
    as_of = dt.date.fromisoformat(spec.get("as_of", "2022-01-01"))
    found = [f for f in check_folders([Path(".")], as_of.isoformat()).findings if f.code == spec["rule"]]
    assert found
    for finding in found:
        assert not english_words(finding.message), finding.message


@pytest.mark.parametrize(("write", "read"), [("sv", "sv"), ("en", "en"), ("en", "sv"), ("sv", "en")])
def test_a_baseline_written_in_one_language_is_read_in_another(write: str, read: str, tmp_path: Path) -> None:
    # Every finding of the Skåne plan is about a milestone, so its baseline entry has no message.
    baseline = tmp_path / "baseline.json"
    written = run_fhsplan(*SKANE, "--lang", write, "--write-baseline", str(baseline))
    assert written.returncode == 0, written.stderr
    result = run_fhsplan(*SKANE, "--lang", read, "--baseline", str(baseline))
    assert result.returncode == 0, result.stderr
    last = result.stdout.splitlines()[-1]
    if read == "sv":
        assert last.startswith(
            "0 fel, 0 varningar i 1 plan (skane-fhs), 8 filer kontrollerade; ej rapporterade: 94 i baslinjen"
        )
    else:
        assert last.startswith(
            "0 errors, 0 warnings in 1 plan (skane-fhs), 8 files checked; not reported: 94 in the baseline"
        )


def test_baseline_errors_in_swedish(tmp_path: Path) -> None:
    missing = tmp_path / "none.json"
    result = run_fhsplan(*SKANE, "--lang", "sv", "--baseline", str(missing))
    assert result.returncode == 2
    assert "baslinjen finns inte; skriv en med --write-baseline" in result.stderr


def test_shared_cli_errors_in_swedish() -> None:
    result = run_fhsplan("validate", "--plan", "skane-fhs", "--as-of", "igår", "--lang", "sv")
    assert result.returncode == 2
    assert "'igår' är inget datum som 2024-06-30 och inte" in result.stderr  # click wraps the rest


def test_validate_help_in_swedish() -> None:
    result = run_fhsplan("validate", "--help", "--lang", "sv")
    assert "Även varningar ger fel" in result.stdout
    assert "Warnings fail too" not in result.stdout


def test_the_english_word_check_finds_english() -> None:
    # The check must fail on an untranslated message, or the tests above would prove nothing.
    english = "akademi (due 2023) needs plan-beslutad, which is due later (2024)"
    assert english_words(english) == {"due", "needs", "which", "is", "later"}
    assert not english_words(
        "milstolpen akademi (klar senast 2023) förutsätter plan-beslutad (klar senast 2024)"
    )


def test_lang_before_the_command() -> None:
    assert "Språk för utdata" in run_fhsplan("--help", "--lang", "sv").stdout
    result = run_fhsplan("--lang", "sv", *SKANE)
    assert result.stdout.splitlines()[-1] == "0 fel, 94 varningar i 1 plan (skane-fhs), 8 filer kontrollerade"
