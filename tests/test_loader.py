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
    with pytest.raises(
        PlanNotFound, match="no plan named 'c' \\(plans: a, b; embedded examples: halland-gnv-2020, "
    ):
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


# -- links out of a plan and unreadable folders (issue #10, item 7) --------------------------------

# If fhsplan read it, this would be a YAML error naming its key: `validate` revealed outside files so.
OUTSIDE = "secret_token: hunter2\n  bad: [indent\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "secret.yaml"
    path.parent.mkdir()
    path.write_text(OUTSIDE, encoding="utf-8")
    return path


def _refused(folder: Path) -> list[tuple[str, str, str]]:
    from fhsplan.loader import load_folder

    result = load_folder(folder)
    assert result.plan is None
    assert all("secret_token" not in f.message for f in result.findings)
    return [
        (f.code, f.pos.file.rsplit("/", 2)[-1] + f":{f.pos.line}:{f.pos.col}", f.message)
        for f in result.findings
    ]


def test_an_area_file_linking_out_of_the_plan_is_refused_unread(mini_copy: Path, outside: Path) -> None:
    (mini_copy / "areas" / "03-evil.yaml").symlink_to(outside)
    assert _refused(mini_copy) == [
        ("FHS103", "03-evil.yaml:1:1", f"03-evil.yaml is a link to {outside}, outside the plan folder; "
         "fhsplan does not follow links out of a plan"),
    ]  # fmt: skip
    from fhsplan.loader import area_files

    assert [p.name for p in area_files(mini_copy)] == ["01-nara-vard.yaml", "02-digitalisering.yaml"]


def test_a_relative_link_climbing_out_is_refused_too(mini_copy: Path, outside: Path) -> None:
    (mini_copy / "areas" / "03-evil.yaml").symlink_to(Path("..", "..", "outside", "secret.yaml"))
    assert [code for code, *_ in _refused(mini_copy)] == ["FHS103"]


def test_plan_yaml_linking_out_is_refused_unread(mini_copy: Path, outside: Path) -> None:
    (mini_copy / "plan.yaml").unlink()
    (mini_copy / "plan.yaml").symlink_to(outside)
    assert [where for _, where, _ in _refused(mini_copy)] == ["plan.yaml:1:1"]


def test_an_areas_folder_linking_out_is_refused(mini_copy: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.move(mini_copy / "areas", elsewhere)
    (mini_copy / "areas").symlink_to(elsewhere)
    found = _refused(mini_copy)
    assert [where for _, where, _ in found] == ["01-nara-vard.yaml:1:1", "02-digitalisering.yaml:1:1"]
    assert found[0][2].startswith(f"01-nara-vard.yaml is in areas/, a link to {elsewhere}, outside")


def test_a_plan_folder_under_plan_linking_elsewhere_is_refused(tmp_path: Path) -> None:
    root = _plans(tmp_path, "real")
    shutil.move(root / "real", tmp_path / "elsewhere")
    (root / "linked").symlink_to(tmp_path / "elsewhere")
    [folder] = plan_folders(root)
    assert _refused(folder)[0][2].startswith(
        f"the plan folder linked is a link to {tmp_path / 'elsewhere'}, outside"
    )


def test_links_inside_the_plan_folder_are_read(mini_copy: Path) -> None:
    from fhsplan.loader import load_folder

    areas = mini_copy / "areas"
    (mini_copy / "shared.yaml").write_text((areas / "02-digitalisering.yaml").read_text(encoding="utf-8"))
    (areas / "02-digitalisering.yaml").unlink()
    (areas / "02-digitalisering.yaml").symlink_to(Path("..", "shared.yaml"))
    result = load_folder(mini_copy)
    assert result.plan is not None and [a.id for a in result.plan.areas] == ["nara-vard", "digitalisering"]


def _deny(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    """Make listing `denied` fail as an unreadable folder does (the tests may run as root)."""
    import os

    real = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(str(path)) == denied:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unreadable_areas_folder_is_an_error_not_a_clean_plan(
    mini_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fhsplan.loader import PlanUnreadable, load_folder

    _deny(monkeypatch, mini_copy / "areas")
    with pytest.raises(PlanUnreadable, match=r"cannot read .*mini/areas: Permission denied"):
        load_folder(mini_copy)


def test_an_unreadable_plan_root_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fhsplan.loader import PlanUnreadable

    root = _plans(tmp_path, "a")
    _deny(monkeypatch, root)
    with pytest.raises(PlanUnreadable, match="Permission denied"):
        plan_folders(root)
    with pytest.raises(PlanUnreadable, match="Permission denied"):
        resolve_plan(None, tmp_path)
