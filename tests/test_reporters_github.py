"""The github and markdown reporters: annotations within GitHub's caps, every finding in the summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from fhsplan.findings import Finding, Pos, Report, Severity, Suppressed
from fhsplan.reporters import github, markdown


def finding(file: str, line: int, severity: Severity = Severity.warning, code: str = "FHS403") -> Finding:
    return Finding(code, severity, f"m{line} in {file}", Pos(file, line, 3), about=(f"m{line}",))


def report(
    findings: list[Finding],
    changed: frozenset[str] = frozenset(),
    suppressed: list[Suppressed] | None = None,
    rules_url: str | None = None,
) -> Report:
    plan_of = {f.pos.file: f.pos.file.split("/")[1] for f in findings}
    ordered = sorted(findings, key=lambda f: f.sort_key)
    return Report(
        ordered, sorted(set(plan_of.values())), 9, suppressed or [], plan_of, changed, rules_url=rules_url
    )


def test_errors_first_changed_files_first_and_within_the_caps() -> None:
    old = [finding("plan/a/areas/01.yaml", n) for n in range(1, 301)]
    new = [finding("plan/b/areas/02.yaml", 7), finding("plan/b/areas/02.yaml", 8, Severity.error, "FHS302")]
    shown, rest = github.annotated(report(old + new, frozenset({"plan/b/areas/02.yaml"})))
    assert [(f.code, f.pos.line) for f in shown[:3]] == [("FHS302", 8), ("FHS403", 7), ("FHS403", 1)]
    assert len(shown) == 11 and len(rest) == 291
    assert sum(f.severity is Severity.warning for f in shown) == 10


def test_the_log_lists_the_rest_and_says_how_many_were_left_out() -> None:
    findings = [finding("plan/a/areas/01.yaml", n) for n in range(1, 13)]
    lines = github.render(report(findings), False).splitlines()
    assert (
        lines[0]
        == "::warning file=plan/a/areas/01.yaml,line=1,col=3,title=FHS403::m1 in plan/a/areas/01.yaml"
    )
    assert lines[10:14] == [
        "::group::2 more findings, not shown as annotations",
        "plan/a/areas/01.yaml:11:3: warning FHS403 m11 in plan/a/areas/01.yaml",
        "plan/a/areas/01.yaml:12:3: warning FHS403 m12 in plan/a/areas/01.yaml",
        "::endgroup::",
    ]
    assert lines[-1] == (
        "fhsplan: annotated 0 of 0 errors and 10 of 12 warnings (GitHub shows 10 errors and 10 warnings "
        "per step); 2 more are listed above and in the job summary"
    )


def test_plan_text_cannot_inject_workflow_commands() -> None:
    message = "x\n::error::forged ##[group]y"
    annotated = Finding("FHS302", Severity.error, message, Pos("plan/a/areas/0,1:x.yaml", 2, 3))
    listed = Finding("FHS302", Severity.error, "::error::forged ##[group]z", Pos("plan/a/areas/9.yaml", 2, 3))
    rest = [finding("plan/a/areas/01.yaml", n, Severity.error) for n in range(1, 10)]
    lines = github.render(report([annotated, listed, *rest]), False).splitlines()
    assert (
        lines[0]
        == "::error file=plan/a/areas/0%2C1%3Ax.yaml,line=2,col=3,title=FHS302::x%0A::error::forged ##[group]y"
    )
    assert "plan/a/areas/9.yaml:2:3: error FHS302 ::error::forged ##%5Bgroup]z" in lines
    assert sum(line.startswith("::error") for line in lines) == 10


def test_files_are_named_from_the_repository_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plan" / "a" / "areas").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "plan" / "a")
    inside = Report([finding("areas/01.yaml", 1)], ["a"], 1, root=str(tmp_path))
    assert github.render(inside, False).startswith("::warning file=plan/a/areas/01.yaml,line=1,")


def test_the_summary_has_every_finding_by_plan_and_file_changed_first() -> None:
    findings = [
        finding("plan/a/areas/01.yaml", 4),
        finding("plan/b/areas/01.yaml", 9),
        finding("plan/b/areas/02.yaml", 5, Severity.error, "FHS302"),
    ]
    kept = Suppressed(
        finding("plan/a/areas/01.yaml", 2),
        "inline",
        "Försenad | *av* pandemin",
        Pos("plan/a/areas/01.yaml", 3, 16),
    )
    text = markdown.render(
        report(
            findings,
            frozenset({"plan/b/areas/02.yaml"}),
            suppressed=[kept],
            rules_url="https://x.org/rules.md",
        ),
        False,
    )
    assert text.startswith(
        "## fhsplan validate\n\n❌ **1 error, 2 warnings** in 2 plans (<code>a</code>, <code>b</code>), 9 files checked.\n"
    )
    plans = [line for line in text.splitlines() if line.startswith("### ")]
    assert plans == ["### Plan <code>b</code>: 1 error, 1 warning", "### Plan <code>a</code>: 1 warning"]
    files = [line for line in text.splitlines() if line.startswith("#### ")]
    assert files[:2] == [
        "#### <code>plan/b/areas/02.yaml</code> · changed",
        "#### <code>plan/b/areas/01.yaml</code>",
    ]
    assert "| 5:3 | ❌ error | [FHS302](https://x.org/rules.md#fhs302) | m5 in plan/b/areas/02.yaml |" in text
    assert "Not reported: 1 ignored on their milestone." in text
    assert "| Försenad &#124; &#42;av&#42; pandemin |" in text


def test_the_summary_stops_short_of_githubs_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown, "MAX_BYTES", 2000)
    text = markdown.render(report([finding("plan/a/areas/01.yaml", n) for n in range(1, 101)]), False)
    assert len(text.encode("utf-8")) < 2200
    assert text.rstrip().endswith("`fhsplan validate` lists them all.")
    assert "more findings: a job summary holds 1 MiB" in text


def test_a_configured_rules_url_cannot_break_out_of_its_link() -> None:
    url = "https://example.org/a b)<img src=x onerror=alert(1)>"
    text = markdown.render(report([finding("plan/a/areas/01.yaml", 1)], rules_url=url), False)
    assert "[FHS403](https://example.org/a%20b%29%3Cimg%20src=x%20onerror=alert%281%29%3E#fhs403)" in text
    assert "<img" not in text
