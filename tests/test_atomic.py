"""Atomic writes: whole file or old file, and the permissions an ordinary write would give."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fhsplan import atomic


def test_writes_whole_file_with_umask_mode(tmp_path: Path) -> None:
    target = tmp_path / "out" / "map.svg"
    atomic.write_text(target, "<svg/>")
    assert target.read_text() == "<svg/>"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert [p.name for p in target.parent.iterdir()] == ["map.svg"]


def test_keeps_mode_of_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    target.write_text("old")
    target.chmod(0o640)
    atomic.write_text(target, "new")
    assert target.read_text() == "new" and target.stat().st_mode & 0o777 == 0o640


def test_failed_write_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.json"
    target.write_text("old")

    def broken_replace(src: str, dst: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("fhsplan.atomic.os.replace", broken_replace)
    with pytest.raises(OSError):
        atomic.write_text(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]
