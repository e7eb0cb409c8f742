"""`fhsplan diff` end to end: formats, exit codes and errors, as a user or CI runs it (issue #6)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_fhsplan
from test_diff_repo import NARA_FILE, PLAN, commit, edit, git, make_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = make_repo(tmp_path)
    edit(repo, NARA_FILE, "due: 2024", "due: 2025")
    return repo


def test_markdown_when_piped_and_exit_0_with_changes(repo: Path) -> None:
    done = run_fhsplan("diff", "main", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("### Plan changes: Förändringsplan för granskning\n")
    assert "| postponed +1 year | 2024 | 2025 |" in done.stdout


@pytest.mark.parametrize(("changed", "code"), [(True, 1), (False, 0)], ids=["changes", "none"])
def test_exit_code_option_says_whether_anything_changed(repo: Path, changed: bool, code: int) -> None:
    if not changed:
        commit(repo, "postpone")
    assert run_fhsplan("diff", "main", "--exit-code", cwd=repo).returncode == code


def test_json(repo: Path) -> None:
    done = run_fhsplan("diff", "main", "--format", "json", cwd=repo)
    document = json.loads(done.stdout)
    assert document["summary"] == {"postponed": 1}
    [area] = document["areas"]
    assert area["changes"][0] == {
        "kind": "postponed",
        "milestone": "halsoutbud",
        "title": "Modeller för hälsoutbud är identifierade",
        "label": "postponed +1 year",
        "before": "2024",
        "after": "2025",
        "colour": "planned",
    }
    assert [n["severity"] for n in document["notices"]] == ["warning"]


def test_text_for_the_terminal(repo: Path) -> None:
    done = run_fhsplan("diff", "main", "--format", "text", cwd=repo)
    assert done.returncode == 0
    assert "postponed +1 year" in done.stdout and "\x1b[" not in done.stdout


def test_two_revisions_and_the_plan_option(repo: Path, tmp_path: Path) -> None:
    commit(repo, "postpone")
    done = run_fhsplan("diff", "main~1", "main", "--plan", str(repo / PLAN), "-f", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"] == {"postponed": 1}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "fhsplan: unknown revision 'nope' (not a branch, tag or commit here)\n"),
        (["main", "nope"], "fhsplan: unknown revision 'nope' (not a branch, tag or commit here)\n"),
        (["--", "-x"], "fhsplan: '-x' is not a revision\n"),
    ],
    ids=["base", "head", "option-like"],
)
def test_bad_revision_is_exit_2_with_one_line(repo: Path, args: list[str], message: str) -> None:
    done = run_fhsplan("diff", *args, cwd=repo)
    assert (done.returncode, done.stderr, done.stdout) == (2, message, "")


def test_outside_a_repository_is_exit_2(tmp_path: Path, repo: Path) -> None:
    done = run_fhsplan("diff", "main", "--plan", str(repo / PLAN), "--format", "json", cwd=tmp_path)
    # The plan's own repository is used, wherever the command runs.
    assert done.returncode == 0 and json.loads(done.stdout)["summary"] == {"postponed": 1}
    plain = tmp_path / "plain"
    (plain / "plan" / "x").mkdir(parents=True)
    (plain / "plan" / "x" / "plan.yaml").write_text("id: x\n", encoding="utf-8")
    done = run_fhsplan("diff", "main", cwd=plain)
    assert done.returncode == 2
    assert done.stderr.endswith("is not inside a git repository\n")


def test_plan_that_does_not_load_at_a_revision_is_exit_2_with_its_errors(repo: Path) -> None:
    edit(repo, NARA_FILE, "name: Nära vård", "name: Nära vård\nnamn: typo")
    sha = commit(repo, "broken")
    done = run_fhsplan("diff", "main", "main~1", cwd=repo)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[0] == (
        f"{sha[:7]}:{PLAN}/{NARA_FILE}:3:1: error FHS200 unknown field 'namn' (did you mean 'name'?)"
    )
    assert (
        lines[-1]
        == f"fhsplan: the plan does not load at main ({sha[:7]}); fix the errors above (fhsplan validate)"
    )


def test_a_postponement_in_the_embedded_plan(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {})
    shutil.copytree(ROOT / "plan" / "skane-fhs", repo / "plan" / "skane-fhs")
    commit(repo, "the embedded plan")
    area = repo / "plan" / "skane-fhs" / "areas" / "05-medarbetare.yaml"
    text = area.read_text(encoding="utf-8")
    old = "  - id: ledarskapsakademi-etablerad\n    title: Region Skånes ledarskapsakademi är etablerad\n"
    start = text.index(old)
    due = text.index("    due: 2023\n", start)
    area.write_text(text[:due] + "    due: 2024\n" + text[due + 13 :], encoding="utf-8")
    done = run_fhsplan(
        "diff", "main", "--plan", "skane-fhs", "--format", "json", "--as-of", "2023-06-01", cwd=repo
    )
    assert done.returncode == 0, done.stderr
    diff = json.loads(done.stdout)
    changes = [
        (c["kind"], c["milestone"], c["before"], c["after"]) for a in diff["areas"] for c in a["changes"]
    ]
    assert changes == [("postponed", "ledarskapsakademi-etablerad", "2023", "2024")]
    assert [n["message"][:40] for n in diff["notices"]] == [
        "“Region Skånes ledarskapsakademi är etab"
    ]  # postponed without a history entry


def test_a_head_that_does_not_load_still_gets_its_comment(repo: Path) -> None:
    edit(repo, NARA_FILE, "name: Nära vård", "name: Nära vård\nnamn: typo")
    sha = commit(repo, "broken")
    done = run_fhsplan("diff", "main~1", "main", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"fhsplan: the plan does not load at main ({sha[:7]}); the diff shows why\n"
    assert f"#### ❗ The plan does not load at main ({sha[:7]})\n" in done.stdout
    assert f"<code>{sha[:7]}:{PLAN}/{NARA_FILE}:3:1</code> **FHS200** unknown field" in done.stdout
    assert run_fhsplan("diff", "main~1", "main", "--exit-code", cwd=repo).returncode == 1


@pytest.mark.parametrize(
    ("args", "note"),
    [
        (["--max-chars", "2000"], "Shortened to the 2,000 characters `--max-chars` allows: "),
        ([], None),
    ],
    ids=["max-chars", "default"],
)
def test_the_size_note_names_the_limit_that_cut(repo: Path, args: list[str], note: str | None) -> None:
    for n in range(12):  # a dozen new effects make a comment over 2,000 characters
        new = f"      - {{text: Effekt {n} för alla som bor och verkar i regionen}}\n"
        edit(repo, NARA_FILE, "      - {text: Gemensam riktning", new + "      - {text: Gemensam riktning")
    done = run_fhsplan("diff", "main", *args, cwd=repo)
    assert done.returncode == 0, done.stderr
    if note is None:
        assert "Shortened" not in done.stdout
    else:
        assert note in done.stdout and len(done.stdout.encode("utf-16-le")) // 2 <= 2000


def test_message_search_revision_as_docs_ci_promises(repo: Path) -> None:
    commit(repo, "postpone halsoutbud")
    done = run_fhsplan("diff", ":/base plan", ":/postpone", "-f", "json", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"] == {"postponed": 1}


def test_a_shallow_clone_says_how_to_fetch_the_history(repo: Path, tmp_path: Path) -> None:
    commit(repo, "postpone")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    done = run_fhsplan("diff", "HEAD~1", cwd=shallow)
    assert done.returncode == 2 and done.stdout == "" and done.stderr.count("\n") == 1
    assert done.stderr.startswith(
        "fhsplan: unknown revision 'HEAD~1' in this shallow clone: its history is missing"
    )
    assert "fetch-depth: 0" in done.stderr


# -- the CI workflow's comment (issue #10) ---------------------------------------------------------

EVIL_FOLDER = "evil` @admin ![i](javascript:x) <img src=x onerror=alert(1)> #1\n::error::pwned"


def test_the_workflow_comment_covers_every_changed_plan_in_escaped_markdown(tmp_path: Path) -> None:
    import textwrap

    from inert import markdown_inert
    from test_diff_repo import FILES

    repo = make_repo(tmp_path)
    for name in ("gone", EVIL_FOLDER):
        for rel, text in FILES.items():
            path = repo / "plan" / name / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                textwrap.dedent(text).replace("default: true", "default: false"), encoding="utf-8"
            )
    (repo / "plan" / "README.md").write_text("Plans\n", encoding="utf-8")
    commit(repo, "more plans")
    edit(repo, NARA_FILE, "due: 2024", "due: 2025")
    shutil.rmtree(repo / "plan" / "gone")
    (repo / "plan" / EVIL_FOLDER / NARA_FILE).write_text("id: [unclosed\n", encoding="utf-8")
    (repo / "plan" / "README.md").write_text("Plans, changed\n", encoding="utf-8")
    (repo / "plan" / "docs").mkdir()
    (repo / "plan" / "docs" / "notes.md").write_text("no plan here\n", encoding="utf-8")
    commit(repo, "change them")

    done = run_fhsplan("pr-comment", "main~1...main", cwd=repo)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    text = done.stdout
    markdown_inert(text)
    headings = [line for line in text.split("\n") if line.startswith("### ")]
    # The broken plan's section says it does not load, and where, with the folder escaped.
    assert headings == [
        "### Plan changes: Förändringsplan för granskning",
        "### Plan changes: Förändringsplan för granskning",
        "### Plan removed: <code>plan/gone</code>",
    ]
    assert "| postponed +1 year | 2024 | 2025 |" in text
    assert "#### ❗ The plan does not load at main (" in text
    broken = text.split("#### ❗ The plan does not load", 1)[1].split("###", 1)[0]
    assert (
        "plan/evil&#96; @\u2060admin !&#91;i&#93;(javascript:x) &lt;img src=x onerror=alert(1)&gt;" in broken
    )
    assert "**FHS100** YAML syntax error" in text and "README" not in text and "docs" not in text
    assert "\n::" not in text and "`plan/" not in text


def test_the_workflow_comment_of_a_bad_revision_is_exit_2(repo: Path) -> None:
    done = run_fhsplan("pr-comment", "nope...main", cwd=repo)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "fhsplan: unknown revision 'nope' (not a branch, tag or commit here)\n"


def test_the_workflow_lets_fhsplan_write_the_comment() -> None:
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "fhsplan.yml").read_text(encoding="utf-8"))
    [diff_step] = [s for s in workflow["jobs"]["plan"]["steps"] if s.get("name") == "Diff plans"]
    script = diff_step["run"]
    assert 'fhsplan pr-comment "$BASE...$HEAD" --max-chars 65000' in script
    # No plan text through the shell: no printf, no loop over folder names, no stderr pasted in.
    assert "printf" not in script and "$name" not in script and "tail" not in script
