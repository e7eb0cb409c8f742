"""`fhsplan report` end to end, as installed: files written, formats, dates, errors, golden files.

The HTML golden file holds the report with the map's SVG replaced by a placeholder: the SVG comes
from whichever Graphviz renderer is installed (Graphviz's dot or graphviz-pure, which differ in
every coordinate). The browser tests (test_report_browser.py) check the real map.
FHSPLAN_UPDATE_GOLDEN=1 rewrites the golden files; review the diff before committing it.
"""

from __future__ import annotations

import datetime as _dt
import html
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import DEMO, GOLDEN, ROOT, check_golden, loaded, run_fhsplan

DEMO_ARG = DEMO.relative_to(ROOT).as_posix()
AS_OF = "--as-of=2024-06-30"
MAP_PLACEHOLDER = "<svg><!-- the strategic map: see tests/test_report_browser.py --></svg>"

CASES = {
    "demo.html": ["--plan", DEMO_ARG, AS_OF, "--format", "html"],
    "demo.md": ["--plan", DEMO_ARG, AS_OF, "--format", "md"],
    "demo-revision-2022.md": ["--plan", DEMO_ARG, AS_OF, "--format", "md", "--revision", "2022"],
    "demo.sv.html": ["--plan", DEMO_ARG, AS_OF, "--format", "html", "--lang", "sv"],
    "demo.sv.md": ["--plan", DEMO_ARG, AS_OF, "--format", "md", "--lang", "sv"],
}


def without_map(document: str) -> str:
    """The HTML report with its one inline SVG (the map) replaced by a placeholder."""
    assert document.count("<svg") == 1 and document.count("</svg>") == 1
    start, end = document.index("<svg"), document.index("</svg>") + len("</svg>")
    return document[:start] + MAP_PLACEHOLDER + document[end:]


@pytest.mark.parametrize("name", list(CASES))
def test_golden(name: str) -> None:
    result = run_fhsplan("report", *CASES[name])
    assert result.returncode == 0, result.stderr
    output = without_map(result.stdout) if name.endswith(".html") else result.stdout
    check_golden(f"report/{name}", output)


def test_every_case_has_a_golden_file() -> None:
    assert {p.name for p in (GOLDEN / "report").iterdir()} == set(CASES)


def _milestone_nodes(document: str) -> list[str]:
    """The milestones the map draws (Graphviz writes `-` in an id as `&#45;`)."""
    ids = (html.unescape(i) for i in re.findall(r'<g id="([^"]+)" class="node', document))
    return sorted(i.removeprefix("milestone-") for i in ids if i.startswith("milestone-"))


@pytest.mark.parametrize("plan", [None, DEMO_ARG], ids=["embedded", "demo"])
def test_report_file_holds_every_milestone_and_its_map(plan: str | None, tmp_path: Path) -> None:
    out = tmp_path / "rapport.html"
    result = run_fhsplan("report", *(["--plan", plan] if plan else []), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    document = out.read_text(encoding="utf-8")
    assert document.startswith("<!DOCTYPE html>") and document.endswith("</html>\n")
    index = loaded(ROOT / (plan or "plan/skane-fhs"))
    ids = sorted(e.id for e in index.entries)
    assert _milestone_nodes(document) == ids
    assert (
        sorted(re.findall(r'<tr id="row-[^"]+" class="milestone[^"]*" data-milestone="([^"]+)"', document))
        == ids
    )


@pytest.mark.parametrize("plan", [None, DEMO_ARG], ids=["embedded", "demo"])
def test_each_box_of_the_map_links_to_its_milestones_row(plan: str | None, tmp_path: Path) -> None:
    out = tmp_path / "rapport.html"
    assert run_fhsplan("report", *(["--plan", plan] if plan else []), "-o", str(out)).returncode == 0
    document = out.read_text(encoding="utf-8")
    links = re.findall(r'<g id="a_milestone&#45;([^"]+)"><a xlink:href="([^"]*)"', document)
    index = loaded(ROOT / (plan or "plan/skane-fhs"))
    assert sorted(html.unescape(i) for i, _ in links) == sorted(e.id for e in index.entries)
    rows = set(re.findall(r'<tr id="([^"]+)"', document))
    for milestone, href in links:
        assert href == f"#row-{html.unescape(milestone)}" and href[1:] in rows


def test_a_markdown_suffix_writes_markdown(tmp_path: Path) -> None:
    out = tmp_path / "rapport.md"
    result = run_fhsplan("report", "--plan", DEMO_ARG, AS_OF, "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("Follow-up report\n\n# Förändrings") and "<svg" not in text


def test_revision_shows_the_plan_as_that_revision_marked_it(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = run_fhsplan("report", "--plan", DEMO_ARG, "--revision", "2022", "-o", str(out))
    assert result.returncode == 0, result.stderr
    nodes = _milestone_nodes(out.read_text(encoding="utf-8"))
    assert "virtuell-vard" not in nodes and len(nodes) == 12  # added by revision 2023


def test_overdue_is_judged_on_the_decision_date_when_there_is_one(write_plan: Callable[..., Path]) -> None:
    folder = write_plan(
        {
            "plan.yaml": """
                id: p
                title: Plan
                owner: Region
                period: {start: 2023, end: 2026}
                revisions: [{id: 2023}, {id: 2024, date: 2024-02-15, decision: RS-2024-1}]
                current_revision: 2024
            """,
            "areas/01-a.yaml": """
                id: a
                name: Område A
                milestones:
                  - {id: sen, title: Sen milstolpe, due: 2023, status: started}
            """,
        }
    )
    result = run_fhsplan("report", "--plan", str(folder), "-f", "md")
    assert result.returncode == 0, result.stderr
    assert "Overdue as of 2024-02-15 (the decision date of revision 2024): 1." in result.stdout
    today = run_fhsplan("report", "--plan", str(folder), "-f", "md", "--revision", "2023")
    assert (
        f"Overdue as of {_dt.date.today().isoformat()} (today; revision 2023 has no decision date)"
        in today.stdout
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--revision", "2030"], "no revision '2030' in the plan"),
        (["--as-of", "30/6"], "is not a date like 2024-06-30"),
        (["--format", "pdf"], "'pdf' is not one of html, md"),
    ],
    ids=["unknown-revision", "bad-date", "unknown-format"],
)
def test_usage_errors_exit_2_and_write_nothing(args: list[str], message: str, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = run_fhsplan("report", "--plan", DEMO_ARG, *args, "-o", str(out))
    assert result.returncode == 2
    assert message in result.stderr and not out.exists()


def test_the_command_line_starts_without_the_report_modules() -> None:
    # `fhsplan --help` and `validate` stay lean: the report's modules load only when it runs.
    code = (
        "import sys, fhsplan.cli; print(sorted(m for m in sys.modules if m.startswith(("
        "'fhsplan.views.report', 'fhsplan.compare', 'fhsplan.render', 'graphviz', 'playwright'))"
        " and m != 'fhsplan.views.reports'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
