"""End-to-end: the installed `fhsplan validate` and `fhsplan schema` as CI and authors run them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import MINI, ROOT, run_fhsplan

AS_OF = "--as-of=2023-06-01"


def test_version() -> None:
    from fhsplan import __version__

    result = run_fhsplan("--version")
    assert (result.returncode, result.stdout) == (0, f"fhsplan {__version__}\n")


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "fhsplan", "validate", str(MINI), AS_OF],
        capture_output=True, text=True, check=False, env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert (result.returncode, result.stdout) == (
        0,
        "0 errors, 0 warnings in 1 plan (mini), 3 files checked\n",
    )


def test_dot_names_the_plan_it_stands_in() -> None:
    result = run_fhsplan("validate", ".", AS_OF, cwd=MINI)
    assert result.stdout == "0 errors, 0 warnings in 1 plan (mini), 3 files checked\n"


def test_clean_plan_exits_0_with_summary() -> None:
    result = run_fhsplan("validate", str(MINI), AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "0 errors, 0 warnings in 1 plan (mini), 3 files checked\n"


def test_findings_are_located_and_exit_1(mini_copy: Path) -> None:
    area = mini_copy / "areas" / "01-nara-vard.yaml"
    area.write_text(
        area.read_text(encoding="utf-8").replace(
            "milestone: handlingsplan-beslutad", "milestone: handlingsplan"
        ),
        encoding="utf-8",
    )
    result = run_fhsplan("validate", str(mini_copy), AS_OF, cwd=mini_copy)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "areas/01-nara-vard.yaml:20:21: error FHS302 samverkansgrupp-etablerad: unknown milestone "
        "'handlingsplan' (did you mean 'handlingsplan-beslutad'?)"
    )
    assert "Traceback" not in result.stderr


def test_warnings_fail_only_with_strict() -> None:
    late = ("--as-of", "2024-06-01")
    assert run_fhsplan("validate", str(MINI), *late).returncode == 0
    strict = run_fhsplan("validate", str(MINI), *late, "--strict")
    assert strict.returncode == 1
    assert "FHS403" in strict.stdout


def test_json_format() -> None:
    result = run_fhsplan("validate", str(MINI), "--as-of", "2024-06-01", "--format", "json")
    data = json.loads(result.stdout)
    assert data["summary"] == {"errors": 0, "warnings": 1, "plans": ["mini"], "files": 3, "suppressed": 0}
    (finding,) = data["findings"]
    assert finding["code"] == "FHS403" and finding["line"] == 17 and finding["column"] == 10


def test_github_format_annotates_lines(mini_copy: Path) -> None:
    (mini_copy / "areas" / "03-tom.yaml").write_text("id: tom\nname: Tom, med komma\n", encoding="utf-8")
    result = run_fhsplan("validate", str(mini_copy), AS_OF, "-f", "github", cwd=mini_copy)
    assert (
        "::warning file=areas/03-tom.yaml,line=1,col=5,title=FHS602::focus area tom has no milestone"
        in result.stdout
    )


def test_file_arguments_validate_their_plan(mini_copy: Path) -> None:
    # pre-commit passes changed files; each maps to the plan folder that holds it.
    files = [str(mini_copy / "plan.yaml"), str(mini_copy / "areas" / "02-digitalisering.yaml")]
    result = run_fhsplan("validate", *files, AS_OF)
    assert result.returncode == 0 and "1 plan (mini)" in result.stdout


def test_default_validates_every_plan_under_plan_dir(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "plan" / "one")
    shutil.copytree(MINI, tmp_path / "plan" / "two")
    result = run_fhsplan("validate", AS_OF, cwd=tmp_path)
    assert result.returncode == 0
    assert "2 plans (one, two), 6 files checked" in result.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = run_fhsplan("validate", str(tmp_path / "nope"))
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
    bad_date = run_fhsplan("validate", str(MINI), "--as-of", "yesterday")
    assert bad_date.returncode == 2 and "--as-of" in bad_date.stderr
    no_plan = run_fhsplan("validate", cwd=tmp_path)
    assert no_plan.returncode == 2 and "no plan/ folder" in no_plan.stderr


def test_hostile_file_gives_finding_not_traceback(mini_copy: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"b{i}: &b{i} [{', '.join(['*a' if i == 0 else f'*b{i - 1}'] * 9)}]\n" for i in range(9)
    )
    (mini_copy / "areas" / "09-bomb.yaml").write_text(bomb, encoding="utf-8")
    (mini_copy / "areas" / "10-latin1.yaml").write_bytes("id: x\nname: Nära\n".encode("latin-1"))
    result = run_fhsplan("validate", str(mini_copy), AS_OF, cwd=mini_copy)
    assert result.returncode == 1
    assert "areas/09-bomb.yaml:1:4: error FHS102" in result.stdout
    assert "areas/10-latin1.yaml:2:8: error FHS103" in result.stdout
    assert result.stderr == ""


def test_schema_check_passes_on_committed_schemas() -> None:
    result = run_fhsplan("schema", "--check", cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_schema_check_fails_when_stale(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "plan.schema.json").write_text("{}\n", encoding="utf-8")
    stale = run_fhsplan("schema", "--check", cwd=tmp_path)
    assert stale.returncode == 1 and "plan.schema.json: stale" in stale.stderr
    written = run_fhsplan("schema", cwd=tmp_path)
    assert written.stdout == "wrote plan.schema.json, area.schema.json\n"
    again = run_fhsplan("schema", "--check", cwd=tmp_path)
    assert (again.returncode, again.stderr) == (0, "")
    assert (tmp_path / "schemas" / "area.schema.json").read_text(encoding="utf-8") == (
        ROOT / "schemas" / "area.schema.json"
    ).read_text(encoding="utf-8")


def test_every_plan_file_names_its_schema() -> None:
    for path in ROOT.glob("plan/*/plan.yaml"):
        assert path.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../../schemas/plan.schema.json"
        )
    for path in ROOT.glob("plan/*/areas/*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../../schemas/area.schema.json", path


def test_file_names_with_escapes_are_shown_inert(mini_copy: Path) -> None:
    # Issue #10: validate echoed file names raw, so a file named with ESC could clear the screen.
    (mini_copy / "areas" / "\x1b[2J\x1b[31m\u202e.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    result = run_fhsplan("validate", str(mini_copy), AS_OF, cwd=mini_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.startswith("areas/\\x1b[2J\\x1b[31m\\u202e.yaml:2:1: error FHS100 ")
    assert "\x1b" not in result.stdout + result.stderr and "\u202e" not in result.stdout

    missing = run_fhsplan("validate", "gone\x1b]52;c;eA==\x07\n::error::x", AS_OF, cwd=mini_copy)
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr == (
        "fhsplan: no plan named 'gone\\x1b]52;c;eA==\\x07\\n::error::x' (plans: none; embedded examples: halland-gnv-2020, skane-fhs, vastmanland-digitalisering)\n"
    )


# -- links out of a plan and unreadable folders (issue #10, item 7) --------------------------------


def test_a_linked_area_file_is_refused_by_every_command(mini_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("secret_token: hunter2\n", encoding="utf-8")
    (mini_copy / "areas" / "03-evil.yaml").symlink_to(secret)
    message = f"03-evil.yaml is a link to {secret}, outside the plan folder; fhsplan does not follow links out of a plan"
    done = run_fhsplan("validate", str(mini_copy), AS_OF, cwd=mini_copy)
    assert done.returncode == 1 and done.stdout.startswith(
        f"areas/03-evil.yaml:1:1: error FHS103 {message}\n"
    )
    for command in (
        ["list"],
        ["show", "handlingsplan-beslutad"],
        ["export"],
        ["graph"],
        ["report", "-f", "md"],
    ):
        done = run_fhsplan(*command, "--plan", str(mini_copy), cwd=mini_copy)
        assert done.returncode == 1 and message in done.stderr and done.stdout == "", command
        assert "secret_token" not in done.stderr and "Traceback" not in done.stderr


def test_diff_of_the_working_tree_does_not_print_a_linked_file(tmp_path: Path) -> None:
    from test_diff_repo import PLAN, make_repo

    repo = make_repo(tmp_path)
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: x\nname: hunter2 secret\nmilestones: []\n", encoding="utf-8")
    (repo / PLAN / "areas" / "03-evil.yaml").symlink_to(secret)
    for fmt in ("text", "markdown", "json"):
        # The plan does not load in the working tree: the diff says why (issue #13), unread.
        done = run_fhsplan("diff", "main", "-f", fmt, cwd=repo)
        assert done.returncode == 0, fmt
        assert "hunter2" not in done.stdout + done.stderr and "03-evil.yaml is a link to" in done.stdout


def as_another_user(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed fhsplan as a user the folder's permissions apply to (root reads anything).

    As root, the command keeps its user but loses the capabilities that pass over permissions
    (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH): the folders' mode bits then apply to it as to their
    owner, and the checkout itself stays readable wherever it is (a clone in a 0700 folder is not
    readable by another user)."""
    from conftest import fhsplan_command

    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "running as root: these tests need setpriv (util-linux) to drop capabilities"
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all", "--"]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "HOME": str(cwd)}
    return subprocess.run(
        [*prefix, *fhsplan_command(), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60,
        check=False,
    )  # fmt: skip


@pytest.fixture
def shared_repo() -> Iterator[Path]:
    """A folder with plan/mini that another user may enter (pytest's own tmp_path is root's only)."""
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="fhsplan-perm-"))
    base.chmod(0o755)
    shutil.copytree(MINI, base / "plan" / "mini")
    for path in [base, *base.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    try:
        yield base
    finally:
        for path in [base, *base.rglob("*")]:
            path.chmod(0o755)
        shutil.rmtree(base)


@pytest.mark.parametrize(
    ("denied", "shown"),
    [("plan/mini/areas", "plan/mini/areas"), ("plan", "plan"), ("plan/mini", "plan/mini")],
    ids=["areas", "plan-root", "plan-folder"],
)
@pytest.mark.parametrize(
    "command", [["validate", AS_OF], ["list", AS_OF], ["map"], ["export", "-f", "csv"]], ids=lambda c: c[0]
)
def test_an_unreadable_folder_is_exit_2_with_one_line(
    shared_repo: Path, denied: str, shown: str, command: list[str]
) -> None:
    # An unreadable areas/ validated clean ("0 errors … 1 file checked"); an unreadable plan/ gave a traceback.
    (shared_repo / denied).chmod(0o000 if denied != "plan" else 0o311)
    done = as_another_user(*command, cwd=shared_repo)
    assert (done.returncode, done.stdout) == (2, ""), done.stderr
    assert done.stderr == f"fhsplan: cannot read {shown}: Permission denied\n"


def test_a_yml_area_file_is_read_like_yaml(mini_copy: Path) -> None:
    # Issue #13: an area file named .yml was passed over, and its FHS401 error with it (exit 0).
    late = mini_copy / "areas" / "03-sent.yml"
    late.write_text(
        "id: sent\nname: Sent\nmilestones:\n"
        "  - id: tidigt\n    title: Tidigt\n    due: 2023\n    depends_on: [{milestone: virtuell-vard}]\n"
        "    effects: [{text: E, beneficiaries: [inv]}]\n",
        encoding="utf-8",
    )
    result = run_fhsplan("validate", str(mini_copy), AS_OF, cwd=mini_copy)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(
        "areas/03-sent.yml:7:30: error FHS401 tidigt (due 2023) needs"
    )
    assert result.stdout.endswith("in 1 plan (mini), 4 files checked\n")


def test_files_fhsplan_does_not_read_are_reported(mini_copy: Path) -> None:
    (mini_copy / "areas" / "03-sent.yaml.bak").write_text("id: x\n", encoding="utf-8")
    (mini_copy / "areas" / ".03-sent.yaml.swp").write_text("", encoding="utf-8")
    result = run_fhsplan("validate", ".", AS_OF, cwd=mini_copy)
    assert (result.returncode, result.stdout) == (
        0,
        "areas/03-sent.yaml.bak:1:1: warning FHS604 areas/03-sent.yaml.bak is not part of the plan: "
        "fhsplan does not read it; area files end in .yaml or .yml\n"
        "0 errors, 1 warning in 1 plan (mini), 3 files checked\n",
    )


def test_a_file_is_found_from_any_folder(mini_copy: Path) -> None:
    # Issue #13: `validate 05-medarbetare.yaml` inside areas/ said the file "is not part of a plan".
    areas = mini_copy / "areas"
    for args in (["01-nara-vard.yaml"], ["."], ["../plan.yaml"]):
        result = run_fhsplan("validate", *args, AS_OF, cwd=areas)
        assert (result.returncode, result.stdout) == (
            0,
            "0 errors, 0 warnings in 1 plan (mini), 3 files checked\n",
        ), args


def test_plans_by_name_by_option_and_from_the_repository_root(tmp_path: Path) -> None:
    for name in ("one", "two"):
        shutil.copytree(MINI, tmp_path / "plan" / name)
    (tmp_path / "plan" / "two" / "plan.yaml").write_text(
        (MINI / "plan.yaml").read_text(encoding="utf-8").replace("default: true\n", ""), encoding="utf-8"
    )
    runs = {
        "name": run_fhsplan("validate", "two", AS_OF, cwd=tmp_path),
        "--plan": run_fhsplan("validate", "--plan", "two", AS_OF, cwd=tmp_path / "plan" / "one"),
        "root": run_fhsplan("validate", ".", AS_OF, cwd=tmp_path),
    }
    assert runs["name"].stdout == "0 errors, 0 warnings in 1 plan (two), 3 files checked\n"
    assert runs["--plan"].stdout == runs["name"].stdout
    assert runs["root"].stdout == "0 errors, 0 warnings in 2 plans (one, two), 6 files checked\n"
    unknown = run_fhsplan("validate", "three", cwd=tmp_path)
    assert (unknown.returncode, unknown.stderr) == (
        2,
        "fhsplan: no plan named 'three' (plans: one, two; embedded examples: halland-gnv-2020, skane-fhs, vastmanland-digitalisering)\n",
    )


def test_a_plan_file_named_plan_yml_is_not_passed_over(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "plan" / "mini")
    (tmp_path / "plan" / "mini" / "plan.yaml").rename(tmp_path / "plan" / "mini" / "plan.yml")
    result = run_fhsplan("validate", AS_OF, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == [
        "plan/mini/plan.yaml:1:1: error FHS103 missing plan.yaml",
        "plan/mini/plan.yml:1:1: warning FHS604 plan.yml is not part of the plan: fhsplan does not read it; "
        "the plan file is plan.yaml",
    ]


def test_as_of_revision_does_not_follow_the_calendar(mini_copy: Path) -> None:
    # The current revision (2023) has no decision date: overdue is judged as of 2023-12-31.
    for today in ("--as-of=2024-06-01", "--as-of=2031-01-01"):
        assert run_fhsplan("validate", str(mini_copy), today, "--strict").returncode == 1
    strict = run_fhsplan("validate", str(mini_copy), "--as-of", "revision", "--strict")
    assert (strict.returncode, strict.stdout) == (
        0,
        "0 errors, 0 warnings in 1 plan (mini), 3 files checked\n",
    )
    (mini_copy.parent / "fhsplan.toml").write_text('as_of = "revision"\n', encoding="utf-8")
    configured = run_fhsplan("validate", str(mini_copy), "--strict")
    assert (configured.returncode, configured.stdout) == (0, strict.stdout)


def test_settings_turn_rules_off_change_severities_and_ignore_paths(mini_copy: Path) -> None:
    meta = mini_copy / "plan.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8") + "checks:\n  severity: {FHS403: error}\n", encoding="utf-8"
    )
    promoted = run_fhsplan("validate", ".", "--as-of=2024-06-01", cwd=mini_copy)
    assert promoted.returncode == 1
    assert promoted.stdout.startswith("areas/01-nara-vard.yaml:17:10: error FHS403 ")
    (mini_copy.parent / "fhsplan.toml").write_text(
        '[per_path_ignores]\n"mini/areas/01-*" = ["FHS403"]\n', encoding="utf-8"
    )
    ignored = run_fhsplan("validate", ".", "--as-of=2024-06-01", cwd=mini_copy)
    assert (ignored.returncode, ignored.stdout) == (
        0,
        "0 errors, 0 warnings in 1 plan (mini), 3 files checked; not reported: 1 by per_path_ignores\n",
    )


def test_an_ignore_on_the_milestone_is_reported_with_its_reason(mini_copy: Path) -> None:
    area = mini_copy / "areas" / "01-nara-vard.yaml"
    area.write_text(
        area.read_text(encoding="utf-8").replace(
            "    status: started\n",
            "    status: started\n    ignore: [{code: FHS403, reason: Försenad av pandemin}]\n",
        ),
        encoding="utf-8",
    )
    text = run_fhsplan("validate", ".", "--as-of=2024-06-01", "--strict", cwd=mini_copy)
    assert (text.returncode, text.stdout) == (
        0,
        "0 errors, 0 warnings in 1 plan (mini), 3 files checked; not reported: 1 ignored on their milestone\n",
    )
    data = json.loads(run_fhsplan("validate", ".", "--as-of=2024-06-01", "-f", "json", cwd=mini_copy).stdout)
    (kept,) = data["suppressed"]
    assert (kept["code"], kept["how"], kept["reason"]) == ("FHS403", "inline", "Försenad av pandemin")
    assert kept["at"] == {"file": "areas/01-nara-vard.yaml", "line": 19, "column": 21}
    early = run_fhsplan("validate", ".", AS_OF, cwd=mini_copy)
    assert early.stdout.startswith(
        "areas/01-nara-vard.yaml:19:21: warning FHS701 samverkansgrupp-etablerad: ignore of FHS403 is unused"
    )


def test_schema_writes_beside_the_plans_plan_folder(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "plan" / "mini")
    areas = tmp_path / "plan" / "mini" / "areas"
    written = run_fhsplan("schema", cwd=areas)
    assert written.stdout == "wrote plan.schema.json, area.schema.json\n"
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == [
        "area.schema.json",
        "plan.schema.json",
    ]
    assert not (areas / "schemas").exists()
    checked = run_fhsplan("schema", "--check", "--plan", "mini", cwd=tmp_path)
    assert (checked.returncode, checked.stderr) == (0, "")
    unknown = run_fhsplan("schema", "--plan", "maxi", cwd=tmp_path)
    assert (unknown.returncode, unknown.stderr) == (
        2,
        "fhsplan: no plan named 'maxi' (plans: mini; embedded examples: halland-gnv-2020, skane-fhs, vastmanland-digitalisering)\n",
    )
