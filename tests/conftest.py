"""Shared test helpers: plans written into tmp_path, and the installed `fhsplan` command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from fhsplan.plan import Plan

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
MINI = FIXTURES / "mini"
DEMO = FIXTURES / "views" / "demo"

# The embedded plans say `language: sv`; the tests read English unless they ask for Swedish with
# --lang sv (or FHSPLAN_LANG), so that each language is tested on purpose (issue #15). This holds
# for the installed command (run_fhsplan inherits the environment) and for in-process runs.
os.environ["FHSPLAN_LANG"] = "en"
for _variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
    os.environ.pop(_variable, None)


def fhsplan_command() -> list[str]:
    """The installed console script beside this interpreter (end-to-end tests run it as users do)."""
    script = Path(sys.executable).with_name("fhsplan")
    if script.exists():
        return [str(script)]
    found = shutil.which("fhsplan")
    if found is None:
        pytest.fail("the fhsplan command is not installed; run `make test`")
    return [found]


def run_fhsplan(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed `fhsplan` with NO_COLOR and a fixed terminal width."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "PYTHONIOENCODING": "utf-8"}
    full_env.pop("FORCE_COLOR", None)
    full_env.update(env or {})
    return subprocess.run(
        [*fhsplan_command(), *args], cwd=cwd or ROOT, env=full_env, capture_output=True, text=True,
        input=input, timeout=120, encoding="utf-8",
    )  # fmt: skip


@pytest.fixture
def swedish() -> Iterator[None]:
    """Speak Swedish in-process for one test, as `--lang sv` does; English again afterwards (the
    tests' default)."""
    from fhsplan import i18n

    i18n.start("sv")
    try:
        yield
    finally:
        i18n.start("en")


@pytest.fixture
def write_plan(tmp_path: Path) -> Callable[..., Path]:
    """Write a plan folder from {relative path: YAML text}; text is dedented."""

    def write(files: dict[str, str], name: str = "p") -> Path:
        folder = tmp_path / name
        for rel, text in files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return folder

    return write


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini fixture plan."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


def loaded(folder: Path) -> Plan:
    """The plan index of a fixture folder that must load cleanly."""
    from fhsplan.loader import load_plan

    result = load_plan(folder)
    assert result.plan is not None, [str(f.pos) + " " + f.message for f in result.findings]
    return result.plan


@pytest.fixture
def skane_repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of the embedded plan, committed (tests of the edit commands)."""
    from skane_repo import committed_copy

    return committed_copy(tmp_path)


@pytest.fixture(scope="session")
def demo() -> Plan:
    """The views' fixture plan (tests/fixtures/views/demo), loaded once."""
    return loaded(DEMO)


def check_golden(name: str, actual: str) -> None:
    """Compare output with tests/golden/NAME; FHSPLAN_UPDATE_GOLDEN=1 rewrites the file instead.

    Review the diff of rewritten golden files before committing them: they are the spec.
    """
    path = GOLDEN / name
    if os.environ.get("FHSPLAN_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"no golden file {path}; run with FHSPLAN_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8"), f"{path} differs; FHSPLAN_UPDATE_GOLDEN=1 rewrites it"
