"""`fhsplan init`: a plan repository in one command, and the embedded plans anywhere (issue #13)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_fhsplan
from fhsplan import __version__, embedded, skeleton
from test_diff_repo import git

WORKFLOW = ROOT / ".github" / "workflows" / "fhsplan.yml"
EXAMPLES = ["halland-gnv-2020", "skane-fhs", "vastmanland-digitalisering"]


def init(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_fhsplan("init", str(folder), *args, cwd=folder.parent)


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(folder).parts
    }


def test_a_new_plan_repository_validates_without_a_finding(tmp_path: Path) -> None:
    repo = tmp_path / "Region Öst"
    done = init(repo, "--year", "2025")
    assert done.returncode == 0, done.stderr
    assert sorted(files_under(repo)) == [
        ".github/workflows/fhsplan.yml",
        ".pre-commit-config.yaml",
        "README.md",
        "plan/region-ost/areas/01-forsta-insatsomradet.yaml",
        "plan/region-ost/plan.yaml",
        "schemas/area.schema.json",
        "schemas/plan.schema.json",
    ]
    assert not (repo / ".git").exists()  # only with --git
    checked = run_fhsplan("validate", "--strict", "--as-of", "2025-06-01", cwd=repo)
    assert (checked.returncode, checked.stdout) == (
        0,
        "0 errors, 0 warnings in 1 plan (region-ost), 2 files checked\n",
    )
    assert run_fhsplan("schema", "--check", cwd=repo).returncode == 0
    shown = run_fhsplan("show", "forsta-milstolpen", cwd=repo)
    assert shown.returncode == 0 and "Den första milstolpen är formulerad" in shown.stdout


def test_the_workflow_init_writes_is_this_repositorys(tmp_path: Path) -> None:
    assert embedded.workflow_text() == WORKFLOW.read_bytes()
    assert init(tmp_path / "r").returncode == 0
    assert (tmp_path / "r" / ".github" / "workflows" / "fhsplan.yml").read_bytes() == WORKFLOW.read_bytes()


def test_examples_are_copies_of_the_plans_under_plan(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    done = init(repo, *(arg for name in EXAMPLES for arg in ("--example", name)))
    assert done.returncode == 0, done.stderr
    for name in EXAMPLES:
        assert files_under(repo / "plan" / name) == files_under(ROOT / "plan" / name)
    assert run_fhsplan("validate", cwd=repo).returncode == 0
    assert "README.md" in files_under(repo) and not (repo / "plan" / "r").exists()


def test_an_unknown_example_is_a_usage_error(tmp_path: Path) -> None:
    done = init(tmp_path / "r", "--example", "skane")
    assert done.returncode == 2
    assert done.stderr == (
        "fhsplan: no embedded example 'skane' (examples: halland-gnv-2020, skane-fhs, vastmanland-digitalisering)\n"
    )
    assert not (tmp_path / "r").exists()


def test_existing_files_are_not_overwritten_unless_forced(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    repo.mkdir()
    (repo / "README.md").write_text("Our own readme\n", encoding="utf-8")
    done = init(repo)
    assert done.returncode == 2
    assert done.stderr == f"fhsplan: not overwriting what exists in {repo}: README.md (--force overwrites)\n"
    assert files_under(repo) == {"README.md": b"Our own readme\n"}  # nothing else written either
    assert init(repo, "--force").returncode == 0
    assert (repo / "README.md").read_text(encoding="utf-8").startswith("# Plans\n")


def test_git_init_only_when_asked(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    assert init(repo, "--git").returncode == 0
    assert git(repo, "rev-parse", "--show-toplevel").strip() == str(repo.resolve())
    assert git(repo, "status", "--porcelain", "--untracked-files=all").count("??") == 7


def test_a_name_that_is_not_an_id_is_refused(tmp_path: Path) -> None:
    done = init(tmp_path / "r", "--name", "Min Plan")
    assert (done.returncode, done.stderr) == (
        2,
        "fhsplan: --name 'Min Plan' is not an id: use lowercase letters a-z, digits and hyphens (e.g. 'min-plan')\n",
    )


def test_the_pre_commit_config_runs_the_projects_own_hook(tmp_path: Path) -> None:
    assert init(tmp_path / "r").returncode == 0
    config = yaml.safe_load((tmp_path / "r" / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    assert repo["rev"] == f"v{__version__}" and repo["hooks"] == [{"id": "fhsplan-validate"}]
    hooks = {
        h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    }
    pattern = re.compile(hooks["fhsplan-validate"]["files"])
    plan_files = [p for p in files_under(tmp_path / "r") if p.startswith("plan/")]
    assert len(plan_files) == 2 and all(pattern.search(p) for p in plan_files)


def _install_script() -> str:
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["plan"]["steps"]
    [install] = [s for s in steps if s.get("name") == "Install fhsplan"]
    script: str = install["run"]
    return script


def test_the_workflow_installs_this_fhsplan_here_and_the_hooks_fhsplan_elsewhere(tmp_path: Path) -> None:
    script = _install_script()
    condition = re.search(r"grep -qs '(.+)' pyproject.toml", script)
    assert condition is not None and re.search(
        condition[1], (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M
    )
    program = re.search(r"<<'PY'\n(.*?)\nPY\n", script, re.S)
    assert program is not None
    assert init(tmp_path / "r").returncode == 0
    done = subprocess.run(
        [sys.executable, "-c", program[1]], cwd=tmp_path / "r", capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout) == (0, f"git+{skeleton.HOOK_REPOSITORY}@v{__version__}\n")


@pytest.mark.parametrize(
    "command", [["map", "--plan", "skane-fhs"], ["status", "--plan", "halland-gnv-2020"]]
)
def test_embedded_plans_work_from_any_folder(tmp_path: Path, command: list[str]) -> None:
    done = run_fhsplan(*command, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n", 1)[0]  # a title line, not an error


def test_outside_a_plan_repository_nothing_is_checked_silently(tmp_path: Path) -> None:
    done = run_fhsplan("map", cwd=tmp_path)
    assert done.returncode == 2
    assert "an embedded example (halland-gnv-2020, skane-fhs, vastmanland-digitalisering)" in done.stderr
    assert "fhsplan init" in done.stderr


def test_a_local_plan_wins_over_the_example_of_the_same_name(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "plan" / "halland-gnv-2020", tmp_path / "plan" / "skane-fhs")
    done = run_fhsplan("map", "--plan", "skane-fhs", cwd=tmp_path)
    assert done.returncode == 0 and "Halland" in done.stdout


def _remove_milestone(text: str, ident: str) -> str:
    start = text.index(f"  - id: {ident}\n")
    end = text.find("\n  - id: ", start + 1)
    return text[:start] + text[end + 1 :]


def test_a_pull_request_in_a_new_plan_repository(tmp_path: Path) -> None:
    """The check of issue #13: three plans, one touched; the comment shows the plan-level changes and
    the removed prerequisite."""
    repo = tmp_path / "plans"
    assert init(repo, "--git", *(a for name in EXAMPLES for a in ("--example", name))).returncode == 0
    git(repo, "checkout", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "three plans")
    git(repo, "checkout", "-q", "-b", "revision-2024")
    plan = repo / "plan" / "skane-fhs"
    meta = (plan / "plan.yaml").read_text(encoding="utf-8")
    meta = meta.replace(
        "current_revision: 2023\n", "  - {id: 2024, decision: 2024-POL000123-001}\ncurrent_revision: 2024\n"
    )
    meta = meta.replace("  - id: inv\n    name: invånarna\n", "  - id: inb\n    name: invånarna\n")
    (plan / "plan.yaml").write_text(meta, encoding="utf-8")
    for area in (plan / "areas").glob("*.yaml"):
        text = area.read_text(encoding="utf-8")
        text = re.sub(r"(beneficiaries: \[[^\]]*)\binv\b", r"\1inb", text)
        if area.name == "05-medarbetare.yaml":
            text = _remove_milestone(text, "ramverk-larande-kompetensutveckling-beslutat")
        area.write_text(text, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "revision 2024")
    done = run_fhsplan(
        "diff",
        "main...revision-2024",
        "--plan",
        "skane-fhs",
        "--format",
        "markdown",
        "--as-of",
        "2024-01-01",
        cwd=repo,
    )
    assert done.returncode == 0, done.stderr
    comment = done.stdout
    assert "| revision added |  | 2024: 2024-POL000123-001 |" in comment
    assert "| current revision moved | 2023 | 2024 |" in comment
    assert "| beneficiary code renamed | inv: invånarna | inb: invånarna |" in comment
    assert re.search(r"\*\*FHS302\*\* \S+ still needs “Regionge.*which this change removes", comment)
    assert "removed" in comment and "```mermaid\n" in comment and "still named" in comment
    assert "effect changed" not in comment  # the renamed code is followed into the effects


@pytest.mark.parametrize(
    "command",
    [
        ["revision", "new", "2024", "--decision", "x", "--decided-by", "y", "--date", "2024-01-01"],
        ["postpone", "ledarskapsakademi-etablerad", "--to", "2025"],
    ],
    ids=["revision-new", "postpone"],
)
def test_an_embedded_example_is_not_edited(tmp_path: Path, command: list[str]) -> None:
    before = files_under(embedded.EXAMPLES / "skane-fhs")
    done = run_fhsplan(*command, "--plan", "skane-fhs", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (
        2,
        "fhsplan: no plan named 'skane-fhs' here, and the embedded example is read-only: "
        "`fhsplan init --example skane-fhs` makes a copy to edit\n",
    )
    assert files_under(embedded.EXAMPLES / "skane-fhs") == before
