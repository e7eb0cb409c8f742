"""The wheel carries the embedded plans and the workflow, and they work from it after install (issue #13).

The repository keeps one copy of each (src/fhsplan/examples and src/fhsplan/workflow.yml are
symbolic links to plan/ and .github/workflows/fhsplan.yml); the wheel must hold real copies.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

# What a wheel is built from: the project's own files, symbolic links kept as links.
SOURCES = ["pyproject.toml", "README.md", "build_support", "src", "plan", ".github"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of this checkout, built offline from a copy (the checkout gets no build/ folder)."""
    tree = tmp_path_factory.mktemp("tree")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("*.egg-info", "__pycache__")
            shutil.copytree(source, tree / name, symlinks=True, ignore=ignore)
        else:
            shutil.copy2(source, tree / name)
    out = tmp_path_factory.mktemp("dist")
    build = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    subprocess.run([*build, "--wheel-dir", str(out), str(tree)], check=True, capture_output=True, timeout=300)
    [built] = out.glob("fhsplan-*.whl")
    return built


def test_the_links_point_at_the_one_copy() -> None:
    assert (ROOT / "src" / "fhsplan" / "examples").resolve() == (ROOT / "plan").resolve()
    assert (ROOT / "src" / "fhsplan" / "workflow.yml").resolve() == (
        ROOT / ".github/workflows/fhsplan.yml"
    ).resolve()


def test_the_wheel_holds_every_plan_file_and_the_workflow(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        plans = sorted([*(ROOT / "plan").glob("*/plan.yaml"), *(ROOT / "plan").glob("*/areas/*.y*ml")])
        assert plans, "no plan files under plan/"
        for path in plans:
            member = f"fhsplan/examples/{path.relative_to(ROOT / 'plan').as_posix()}"
            assert member in names, member
            assert archive.read(member) == path.read_bytes()
        workflow = archive.read("fhsplan/workflow.yml")
    assert workflow == (ROOT / ".github" / "workflows" / "fhsplan.yml").read_bytes()


def test_the_installed_wheel_shows_an_embedded_plan_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # The installed copy comes first on the path, before the editable install of the checkout.
    env = {
        **os.environ,
        "PYTHONPATH": str(target),
        "NO_COLOR": "1",
        "COLUMNS": "80",
        "PYTHONIOENCODING": "utf-8",
    }
    done = subprocess.run(
        [sys.executable, "-c", "import fhsplan, sys; print(fhsplan.__file__); sys.argv[1:] = ['map', '--plan', 'skane-fhs']; from fhsplan.cli import main; main()"],
        cwd=elsewhere, env=env, capture_output=True, text=True, encoding="utf-8", check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    where, title = done.stdout.splitlines()[:2]
    assert Path(where).is_relative_to(target)
    assert title.startswith("Förändrings- och genomförandeplan för mål och strategi")
