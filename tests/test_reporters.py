"""reporters/: findings whose file names, messages and plan names carry hostile text stay findings
(issue #10). A plan folder may be named with ESC or a newline (git allows both), and messages quote
plan text."""

from __future__ import annotations

import json

import pytest

from fhsplan.escape import reveal
from fhsplan.findings import Finding, Pos, Report, Severity
from fhsplan.reporters import REPORTERS
from hostile import SHORT, Sample, params
from test_escape import runner_command, runner_legacy_command, unsafe


def hostile_report(text: str) -> Report:
    findings = [
        Finding(
            "FHS302", Severity.error, f"m: unknown milestone {text!r}", Pos(f"plan/{text}/areas/a.yaml", 3, 5)
        ),
        Finding("FHS601", Severity.warning, text, Pos(f"plan/{text}/plan.yaml", 1, 1)),
    ]
    return Report(findings, [text, "mini"], 3)


@pytest.mark.parametrize("sample", params(SHORT))
def test_text_is_one_inert_line_per_finding(sample: Sample) -> None:
    for colour in (False, True):
        out = REPORTERS["text"](hostile_report(sample.text), colour)
        lines = out.split("\n")
        assert len(lines) == 4 and lines[-1] == ""  # two findings, the summary, the final newline
        bare = (
            out.replace("\033[31m", "").replace("\033[33m", "").replace("\033[1m", "").replace("\033[0m", "")
        )
        assert unsafe(bare, "\n") == []
        assert lines[0].startswith(f"plan/{reveal(sample.text)}/areas/a.yaml:3:5: ")


@pytest.mark.parametrize("sample", params(SHORT))
def test_github_gives_exactly_the_findings_as_commands(sample: Sample) -> None:
    out = REPORTERS["github"](hostile_report(sample.text), False)
    lines = out.rstrip("\n").split("\n")
    assert "\r" not in out and len(lines) == 3
    shown = reveal(sample.text, "\t\n\r")
    assert runner_command(lines[0]) == (
        "error",
        {"file": f"plan/{shown}/areas/a.yaml", "line": "3", "col": "5", "title": "FHS302"},
        reveal(f"m: unknown milestone {sample.text!r}", "\t\n\r"),
    )
    assert runner_command(lines[1]) == (
        "warning",
        {"file": f"plan/{shown}/plan.yaml", "line": "1", "col": "1", "title": "FHS601"},
        shown,
    )
    summary = lines[2]  # names the plans: a plain log line, never a command
    assert runner_command(summary) is None and runner_legacy_command(summary) is None
    assert unsafe(summary, "\t") == []


def test_a_folder_named_with_a_newline_cannot_inject_commands() -> None:
    # Issue #10, item 2: the summary line printed the folder name raw.
    out = REPORTERS["github"](
        Report([], ["plan\n::error file=README.md,line=1::pwned\n::stop-commands::x"], 1), False
    )
    assert out.count("\n") == 1
    assert runner_command(out.rstrip("\n")) is None


@pytest.mark.parametrize("sample", params(SHORT))
def test_json_reads_back_the_same_and_carries_nothing_raw(sample: Sample) -> None:
    report = hostile_report(sample.text)
    out = REPORTERS["json"](report, False)
    assert unsafe(out, "\n") == []
    data = json.loads(out)
    assert [f["message"] for f in data["findings"]] == [f.message for f in report.findings]
    assert [f["file"] for f in data["findings"]] == [f.pos.file for f in report.findings]
    assert data["summary"]["plans"] == report.plans
