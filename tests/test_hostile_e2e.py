"""The hostile corpus through every command and output format of the installed `fhsplan` (issue #10).

Real plan files (tests/hostile_plan.py) carry the corpus in every text slot: the plan's title and
owner, area, group, goal, beneficiary and owner names, milestone titles, descriptions, effects,
indicators, assessments, follow-up comments, history, sources and notes; file and folder names
carry it too. Every command runs once per format, in a git repository whose two commits carry the
corpus in different places, so `diff` has hostile text before and after. Each output is read as
its language reads it (tests/inert.py): nothing reaches a terminal as a control sequence, breaks
out of Markdown, a workflow command, DOT, SVG, HTML, Mermaid or CSV, or exceeds its stated size,
and nothing ends in a traceback.

Strings holding a character no plan text may carry (escape.FORBIDDEN: controls, bidi, lone
surrogates, …) load today when written as YAML escapes; the loader will soon refuse them as it
refuses them raw. Their plan is therefore either refused with FHS103 at the file, line and column
of each, or, while it still loads, held to the same matrix as the rest.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import fhsplan_command
from fhsplan.escape import FORBIDDEN, csv_cell, utf16_len
from fhsplan.views.export import CSV_COLUMNS
from hostile import HOSTILE, SHORT, Sample
from hostile_plan import HostilePlan, quoted, write_hostile_plan
from inert import (
    SVG,
    csv_inert,
    dot_inert,
    github_commands,
    html_inert,
    json_inert,
    markdown_inert,
    mermaid_inert,
    svg_inert,
    table_rows,
    terminal_inert,
)
from test_diff_repo import commit, git

if TYPE_CHECKING:
    from fhsplan.plan import Plan


def _decodes(sample: Sample) -> bool:
    """Whether fhsplan's YAML layer decodes the sample's escapes at all (it refuses `\\ud800`); a
    decoded character that plan text may not hold is FHS103, not a YAML error."""
    from fhsplan.source import load_text

    document = load_text(f"a: {quoted(sample.text)}\n", "probe.yaml")
    return document.ok or all(f.code == "FHS103" for f in document.findings)


ALLOWED = [s for s in HOSTILE if not FORBIDDEN.search(s.text)]
FORBIDDING = [s for s in HOSTILE if FORBIDDEN.search(s.text) and _decodes(s)]
UNDECODABLE = [s for s in HOSTILE if not _decodes(s)]
AS_OF = "--as-of=2024-06-30"
MAX_CHARS = 20_000


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str


def fhsplan(cwd: Path, *args: str) -> Run:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"}
    env.pop("FORCE_COLOR", None)
    done = subprocess.run(
        [*fhsplan_command(), *args], cwd=cwd, env=env, capture_output=True, timeout=300, check=False
    )
    # surrogateescape: a lone surrogate written raw would fail to decode here as in a terminal.
    out, err = (b.decode("utf-8", "surrogateescape") for b in (done.stdout, done.stderr))
    assert "Traceback" not in err, err[-3000:]
    return Run(args, done.returncode, out, err)


def run_all(cwd: Path, commands: dict[str, tuple[str, ...]]) -> dict[str, Run]:
    with ThreadPoolExecutor(max_workers=min(8, (os.cpu_count() or 2) * 2)) as pool:
        futures = {name: pool.submit(fhsplan, cwd, *args) for name, args in commands.items()}
        return {name: future.result() for name, future in futures.items()}


def hostile_repo(root: Path, samples: list[Sample], name: str) -> HostilePlan:
    """A repository whose plan `name` carries `samples` shifted by one at main~1 and in place at main."""
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    write_hostile_plan(root / "plan" / name, samples, shift=1, plan_id=name)
    commit(root, "base")
    shutil.rmtree(root / "plan" / name)
    plan = write_hostile_plan(root / "plan" / name, samples, plan_id=name)
    commit(root, "head")
    return plan


# Every command and format, as a user or CI runs it. The plan is the only one under plan/.
COMMANDS: dict[str, tuple[str, ...]] = {
    "validate-text": ("validate", AS_OF),
    "validate-json": ("validate", AS_OF, "-f", "json"),
    "validate-github": ("validate", AS_OF, "-f", "github"),
    "map-text": ("map",),
    "map-json": ("map", "-f", "json"),
    "map-year-text": ("map", "--year", "2024"),
    "map-year-json": ("map", "--year", "2024", "-f", "json"),
    "status-text": ("status", AS_OF),
    "status-area-text": ("status", AS_OF, "--by", "area"),
    "status-json": ("status", AS_OF, "-f", "json"),
    "list-text": ("list", AS_OF),
    "list-json": ("list", AS_OF, "-f", "json"),
    "show-text": ("show", "m-1", AS_OF),
    "show-json": ("show", "m-1", AS_OF, "-f", "json"),
    "export-json": ("export", AS_OF),
    "export-csv": ("export", AS_OF, "-f", "csv"),
    "graph-dot": ("graph",),
    "graph-dot-flow": ("graph", "--layout", "flow"),
    "graph-svg": ("graph", "-f", "svg"),
    "graph-mermaid": ("graph", "-f", "mermaid"),
    "graph-mermaid-flow": ("graph", "-f", "mermaid", "--layout", "flow"),
    "diff-text": ("diff", "main~1", "main", "-f", "text", AS_OF),
    "diff-markdown": ("diff", "main~1", "main", "-f", "markdown", "--max-chars", str(MAX_CHARS), AS_OF),
    "diff-markdown-default": ("diff", "main~1", "main", AS_OF),
    "diff-json": ("diff", "main~1", "main", "-f", "json", AS_OF),
    "pr-comment": ("pr-comment", "main~1...main", "--max-chars", str(MAX_CHARS), AS_OF),
    "report-html": ("report", AS_OF),
    "report-md": ("report", AS_OF, "-f", "md"),
}

TERMINAL = ("validate-text", "map-text", "map-year-text", "status-text", "status-area-text", "list-text",
            "show-text", "diff-text")  # fmt: skip
JSON = ("validate-json", "map-json", "map-year-json", "status-json", "list-json", "show-json", "export-json",
        "diff-json")  # fmt: skip


def check(name: str, runs: dict[str, Run], plan: HostilePlan) -> None:
    """The output of one command in its language, and the size limits that apply to it."""
    run = runs[name]
    assert run.code == 0, (name, run.stderr[-2000:])
    terminal_inert(run.stderr)
    out = run.stdout
    count = len(plan.samples)
    if name in TERMINAL:
        terminal_inert(out)
    elif name in JSON:
        json_inert(out)
    elif name == "validate-github":
        github_commands(out, len(json.loads(runs["validate-json"].stdout)["findings"]))
    elif name.startswith("diff-markdown") or name == "pr-comment":
        markdown_inert(out)
        table_rows(out, 5)
        assert utf16_len(out) <= (MAX_CHARS if name != "diff-markdown-default" else 65_000)
    elif name == "report-md":
        markdown_inert(_runs_folded(out))
    elif name.startswith("graph-dot"):
        pairs = dot_inert(out)
        ids = {v.strip('"') for k, v in pairs if k == "id" and v.strip('"').startswith("milestone-")}
        assert ids == {f"milestone-m-{i}" for i in range(count)}
    elif name == "graph-svg":
        milestones = [g for g in svg_inert(out).iter(f"{SVG}g") if "milestone" in g.get("class", "").split()]
        assert len(milestones) == count
    elif name.startswith("graph-mermaid"):
        mermaid_inert(out)
    elif name == "report-html":
        html_inert(out)
        svg_inert(out[out.index("<svg") : out.index("</svg>") + len("</svg>")])
    elif name == "export-csv":
        rows = csv_inert(out, count, len(CSV_COLUMNS))
        titles = [r[CSV_COLUMNS.index("title")] for r in rows[1:]]
        assert titles == [csv_cell(s.text) for s in plan.samples]
    else:
        raise AssertionError(f"no check for {name}")


# One character or character reference repeated past this is folded to this many before Markdown
# is parsed: repeating a token makes no new structure, and markdown-it takes half a minute over
# the 20 MB a report of 100k-character texts is.
_RUN = re.compile(r"((?:&#?[0-9A-Za-z]+;)|[^\n])\1{199,}")


def _runs_folded(text: str) -> str:
    return _RUN.sub(lambda m: m.group(1) * 200, text)


@pytest.fixture(scope="module")
def allowed(tmp_path_factory: pytest.TempPathFactory) -> tuple[HostilePlan, dict[str, Run]]:
    plan = hostile_repo(tmp_path_factory.mktemp("hostile") / "repo", ALLOWED, "hostile")
    return plan, run_all(plan.folder.parent.parent, COMMANDS)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_and_format_is_inert(allowed: tuple[HostilePlan, dict[str, Run]], name: str) -> None:
    plan, runs = allowed
    check(name, runs, plan)


def test_json_reads_back_every_hostile_text_as_it_was(allowed: tuple[HostilePlan, dict[str, Run]]) -> None:
    plan, runs = allowed
    exported = json.loads(runs["export-json"].stdout)
    assert [m["title"] for m in exported["milestones"]] == [s.text for s in plan.samples]
    assert [a["name"] for a in exported["areas"]] == [s.text for s in plan.samples]
    assert [m["followups"][0]["comment"] for m in exported["milestones"]] == [s.text for s in plan.samples]
    listed = json.loads(runs["list-json"].stdout)
    assert [m["title"] for m in listed["milestones"]] == [s.text for s in plan.samples]
    changed = json.loads(runs["diff-json"].stdout)
    titles = {c["milestone"]: c["title"] for a in changed["areas"] for c in a["changes"]}
    assert titles == {f"m-{i}": s.text for i, s in enumerate(plan.samples)}


def test_the_diff_shows_hostile_text_before_and_after(allowed: tuple[HostilePlan, dict[str, Run]]) -> None:
    _, runs = allowed
    out = runs["diff-markdown"].stdout
    assert (
        "| reformulated |" in out and f"Shortened to the {MAX_CHARS:,} characters `--max-chars` allows" in out
    )


@pytest.fixture(scope="module")
def allowed_index(allowed: tuple[HostilePlan, dict[str, Run]]) -> Plan:
    from conftest import loaded

    return loaded(allowed[0].folder)


@pytest.mark.parametrize("index", range(len(ALLOWED)), ids=[s.id for s in ALLOWED])
def test_show_of_every_milestone_is_inert(allowed_index: Plan, index: int) -> None:
    # `show` prints one milestone: each sample's in-process, through the renderer the command uses.
    import datetime as _dt

    from fhsplan.views.console import render
    from fhsplan.views.show import find_milestone, render_milestone

    entry = find_milestone(allowed_index, f"m-{index}")
    terminal_inert(render(render_milestone(allowed_index, entry, _dt.date(2024, 6, 30)), 100, colour=False))


# -- text no plan may carry: refused with its position, or (until the loader refuses it) inert ----


@pytest.fixture(scope="module")
def forbidden(tmp_path_factory: pytest.TempPathFactory) -> tuple[HostilePlan, Run]:
    plan = hostile_repo(tmp_path_factory.mktemp("forbidden") / "repo", FORBIDDING, "forbidden")
    return plan, fhsplan(plan.folder.parent.parent, "validate", AS_OF, "-f", "json")


def _refused(run: Run) -> bool:
    return any(f["code"] == "FHS103" for f in json.loads(run.stdout)["findings"])


def test_forbidden_text_is_refused_where_it_is_or_inert(forbidden: tuple[HostilePlan, Run]) -> None:
    plan, validated = forbidden
    repo = plan.folder.parent.parent
    if not _refused(validated):  # today: decoded escapes still load, so every writer must hold
        assert validated.code == 0, validated.stderr
        runs = run_all(repo, COMMANDS)
        for name in runs:
            check(name, runs, plan)
        return
    # The loader's policy for decoded scalars (issue #10, item 1): every file is refused at the
    # line and column of its first hostile scalar, and no other command gets further.
    assert validated.code == 1
    findings = json.loads(validated.stdout)["findings"]
    for i, sample in enumerate(plan.samples):
        path = plan.area_file(i)
        lines = path.read_text(encoding="utf-8").split("\n")
        line = next(n for n, text in enumerate(lines, 1) if quoted(sample.text) in text)
        found = [f for f in findings if f["code"] == "FHS103" and f["file"].endswith(path.name)]
        assert found and found[0]["line"] == line, (sample.id, found)
        assert found[0]["column"] >= lines[line - 1].index('"') + 1
    for name in ("list-text", "show-text", "export-csv", "graph-svg", "diff-markdown", "report-html"):
        run = fhsplan(repo, *COMMANDS[name])
        assert run.code in (1, 2) and run.stdout == "" and "FHS103" in run.stderr, name
        terminal_inert(run.stderr)


@pytest.mark.parametrize("sample", [pytest.param(s, id=s.id) for s in UNDECODABLE])
def test_escapes_yaml_cannot_decode_are_refused_with_their_position(tmp_path: Path, sample: Sample) -> None:
    # A lone surrogate (`\\ud800`): the YAML layer refuses the scalar, at its line and column.
    plan = write_hostile_plan(tmp_path / "plan" / "p", [ALLOWED[0], sample], plan_id="p")
    done = fhsplan(tmp_path, "validate", AS_OF, "-f", "json")
    found = {(f["file"], f["code"]) for f in json.loads(done.stdout)["findings"]}
    assert done.code == 1 and ("plan/p/areas/001-a1.yaml", "FHS100") in found
    line = next(
        n for n, t in enumerate(plan.area_file(1).read_text().split("\n"), 1) if quoted(sample.text) in t
    )
    [finding] = [f for f in json.loads(done.stdout)["findings"] if f["file"].endswith("001-a1.yaml")]
    assert finding["line"] == line
    for args in (("list", AS_OF), ("report", "-f", "md")):
        run = fhsplan(tmp_path, *args)
        assert run.code == 1 and run.stdout == "" and "FHS100" in run.stderr
        terminal_inert(run.stderr)


def test_raw_forbidden_characters_are_refused_with_their_position(tmp_path: Path) -> None:
    # Written raw, not as escapes, the loader refuses them today: FHS103 at the file, line and column.
    raw = [s for s in FORBIDDING if re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]", s.text)]
    plan = write_hostile_plan(tmp_path / "plan" / "raw", [ALLOWED[0]], plan_id="raw")
    for i, sample in enumerate(raw, start=1):
        text = sample.text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        body = f'id: r{i}\nname: "{text}"\nmilestones: []\n'
        (plan.folder / "areas" / f"{i:03}-raw.yaml").write_bytes(body.encode("utf-8", "surrogatepass"))
    done = fhsplan(tmp_path, "validate", AS_OF, "-f", "json")
    assert done.code == 1
    findings = {f["file"]: f for f in json.loads(done.stdout)["findings"] if f["code"] == "FHS103"}
    for i, sample in enumerate(raw, start=1):
        first = re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]", sample.text)
        assert first is not None
        finding = findings[f"plan/raw/areas/{i:03}-raw.yaml"]
        before = sample.text[: first.start()].replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        assert (finding["line"], finding["column"]) == (2, len('name: "') + len(before) + 1), sample.id
    for args in (("validate", AS_OF), ("list", AS_OF), ("map",), ("export", "-f", "csv")):
        run = fhsplan(tmp_path, *args)
        assert run.code == 1 and "FHS103" in run.stdout + run.stderr, args
        terminal_inert(run.stdout + run.stderr)


# -- file and folder names -----------------------------------------------------------------------

# A name git and the file system take: no '/', no NUL, not too long for one path component.
NAMES = [s for s in SHORT if "/" not in s.text and "\0" not in s.text and len(s.text.encode("utf-8", "surrogatepass")) < 150 and "\ud800" not in s.text]  # fmt: skip


@pytest.fixture(scope="module")
def named(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A repository with one small plan per name, in a folder and an area file of that name."""
    repo = tmp_path_factory.mktemp("names") / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    for i, sample in enumerate(NAMES):
        folder = repo / "plan" / f"p{i:03}-{sample.text}"
        (folder / "areas").mkdir(parents=True)
        (folder / "plan.yaml").write_text(
            f"id: p{i}\ntitle: P\nowner: O\nperiod: {{start: 2023, end: 2025}}\n"
            "revisions: [{year: 2024}]\ncurrent_revision: 2024\n",
            encoding="utf-8",
        )
        # No effect: FHS601 names the file.
        (folder / "areas" / f"01-{sample.text}.yaml").write_text(
            "id: a\nname: A\nmilestones:\n  - {id: m, title: M, due: 2024, status: started}\n",
            encoding="utf-8",
        )
    commit(repo, "plans")
    yield repo


def test_validate_shows_hostile_file_and_folder_names_inert(named: Path) -> None:
    runs = run_all(named, {f: ("validate", AS_OF, "-f", f) for f in ("text", "json", "github")})
    for run in runs.values():
        assert run.code == 0, run.stderr
        terminal_inert(run.stderr)
    terminal_inert(runs["text"].stdout)
    assert runs["text"].stdout.count("warning FHS601") == len(NAMES)
    findings = json_inert(runs["json"].stdout)["findings"]
    assert len(findings) == len(NAMES)
    github_commands(runs["github"].stdout, len(NAMES))


def test_diff_errors_show_hostile_file_names_inert(named: Path) -> None:
    # A plan that does not load at HEAD: the diff says why, naming the hostile file (issue #13).
    folder = sorted((named / "plan").iterdir())[3]
    area = next((folder / "areas").iterdir())
    area.write_text("id: [unclosed\n", encoding="utf-8")
    try:
        for fmt in ("text", "markdown", "json"):
            run = fhsplan(named, "diff", "main", "--plan", str(folder), "-f", fmt)
            assert run.code == 0 and "FHS100" in run.stdout, fmt
            assert run.stderr == "fhsplan: the plan does not load at working tree; the diff shows why\n"
            if fmt == "text":
                terminal_inert(run.stdout)
            elif fmt == "markdown":
                markdown_inert(run.stdout)
            else:
                json_inert(run.stdout)
        comment = fhsplan(named, "pr-comment", "main")
        assert comment.code == 0
        markdown_inert(comment.stdout)
        assert "The plan does not load" in comment.stdout
    finally:
        git(named, "checkout", "-q", "--", ".")


def test_names_not_in_the_plan_are_one_inert_line(named: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # In-process through the same command line (a process per name took a minute and a half); the
    # installed command takes the same path in the tests above and in test_cli_validate.
    from typer.testing import CliRunner

    from fhsplan.cli import app

    monkeypatch.chdir(named)
    monkeypatch.setenv("NO_COLOR", "1")
    folders = sorted((named / "plan").iterdir())
    for sample, folder in zip(NAMES, folders, strict=True):
        for args in (["show", "--plan", str(folder), "--", sample.text], ["map", "--plan", sample.text],
                     ["list", "--plan", str(folder), "--area", sample.text]):  # fmt: skip
            result = CliRunner().invoke(app, args)
            assert result.exit_code == 2 and result.stdout == "", (sample.id, args, result.output)
            assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
            terminal_inert(result.stderr)
            assert result.stderr.count("\n") == 1 and result.stderr.startswith("fhsplan: "), result.stderr
