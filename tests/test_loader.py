"""Finding plans and turning files into models: default plan, plan paths, schema findings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import MINI
from fhsplan import source
from fhsplan.check import check_folders
from fhsplan.loader import PlanNotFound, load_plan, plan_folders, resolve_plan


def _plans(tmp_path: Path, *names: str, default: str | None = None) -> Path:
    root = tmp_path / "plan"
    for name in names:
        shutil.copytree(MINI, root / name)
        text = (root / name / "plan.yaml").read_text(encoding="utf-8")
        flag = "default: true" if name == default else "default: false"
        (root / name / "plan.yaml").write_text(text.replace("default: true", flag), encoding="utf-8")
    return root


def test_default_plan_is_the_one_that_says_so(tmp_path: Path) -> None:
    _plans(tmp_path, "a", "b", default="b")
    assert resolve_plan(None, tmp_path).name == "b"


def test_only_plan_is_the_default(tmp_path: Path) -> None:
    _plans(tmp_path, "solo")
    assert resolve_plan(None, tmp_path / "plan" / "solo" / "areas").name == "solo"  # found from below


def test_several_plans_and_no_default_is_a_usage_error(tmp_path: Path) -> None:
    _plans(tmp_path, "a", "b")
    with pytest.raises(PlanNotFound, match="0 plans say `default: true` among a, b"):
        resolve_plan(None, tmp_path)


def test_plan_by_name_or_path(tmp_path: Path) -> None:
    root = _plans(tmp_path, "a", "b", default="a")
    assert resolve_plan("b", tmp_path) == root / "b"
    assert resolve_plan(str(root / "b"), tmp_path) == root / "b"
    with pytest.raises(PlanNotFound, match="no plan named 'c' \\(plans: a, b\\)"):
        resolve_plan("c", tmp_path)


def test_files_map_to_their_plan(tmp_path: Path) -> None:
    root = _plans(tmp_path, "a")
    assert plan_folders(root / "a" / "areas" / "01-nara-vard.yaml") == [root / "a"]
    assert plan_folders(root) == [root / "a"]
    with pytest.raises(PlanNotFound, match="not part of a plan"):
        plan_folders(Path(__file__))


def test_schema_error_stops_the_plan_but_names_every_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _plans(tmp_path, "a")
    area = root / "a" / "areas" / "02-digitalisering.yaml"
    area.write_text(area.read_text(encoding="utf-8").replace("due: 2024", 'due: "2024"', 1), encoding="utf-8")
    monkeypatch.chdir(root / "a")
    result = load_plan(Path("."))
    assert result.plan is None and result.files == 3
    assert [(f.code, str(f.pos), f.message) for f in result.findings] == [
        (
            "FHS200",
            "areas/02-digitalisering.yaml:22:10",
            "milestone virtuell-vard: due: a year is written without quotes (2024)",
        )
    ]


def test_given_texts_are_loaded_instead_of_the_files_and_located_in_them(tmp_path: Path) -> None:
    root = _plans(tmp_path, "a")
    area = root / "a" / "areas" / "02-digitalisering.yaml"
    on_disk = area.read_bytes()
    edited = on_disk.replace(b"due: 2024", b"due: 2025", 1)
    result = load_plan(root / "a", {area: edited})
    assert result.plan is not None
    assert result.plan.by_id["virtuell-vard"].due_text() == "2025"
    assert area.read_bytes() == on_disk
    broken = load_plan(root / "a", {area: edited.replace(b"due: 2025", b'due: "2025"')})
    assert [(f.code, f.pos.line) for f in broken.findings] == [("FHS200", 22)]


def test_unknown_key_named_like_an_ancestor_is_located_at_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A milestone's stray `milestones:` key was reported at the area's top-level `milestones:`.
    root = _plans(tmp_path, "a")
    area = root / "a" / "areas" / "01-nara-vard.yaml"
    text = area.read_text(encoding="utf-8")
    area.write_text(
        text.replace("    status: done\n", "    status: done\n    milestones: []\n", 1), encoding="utf-8"
    )
    monkeypatch.chdir(root / "a")
    result = load_plan(Path("."))
    assert [(f.code, str(f.pos), f.message) for f in result.findings] == [
        (
            "FHS200",
            "areas/01-nara-vard.yaml:13:5",
            "milestone handlingsplan-beslutad: unknown field 'milestones'",
        )
    ]


def test_each_file_is_parsed_once_even_with_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Positions are recorded with the values: placing findings never reads a file again.
    root = _plans(tmp_path, "a")
    parsed: list[str] = []
    compose = source._compose

    def counted(text: str) -> object:
        parsed.append(text)
        return compose(text)

    monkeypatch.setattr(source, "_compose", counted)
    report = check_folders([root / "a"], "2031-01-01")
    assert report.warnings > 0 and all(f.pos.line > 1 for f in report.findings)
    assert len(parsed) == report.files == 3
