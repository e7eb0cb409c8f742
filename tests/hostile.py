"""The hostile-text corpus (tests/fixtures/hostile.yaml) as test parameters, for every writer's test."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).resolve().parent / "fixtures" / "hostile.yaml"


@dataclass(frozen=True)
class Sample:
    """One corpus string: a readable id, what it attacks, and the text itself."""

    id: str
    category: str
    text: str


def _load() -> tuple[list[Sample], list[Sample]]:
    data = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    hostile = [Sample(e["id"], e["category"], e["text"] * e.get("repeat", 1)) for e in data["hostile"]]
    clean = [Sample(e["id"], "clean", e["text"]) for e in data["clean"]]
    return hostile, clean


HOSTILE, CLEAN = _load()
SHORT = [s for s in HOSTILE if s.category != "long"]


def params(samples: list[Sample]) -> list[object]:
    """`samples` as pytest parameters with their ids, for `@pytest.mark.parametrize("sample", ...)`."""
    return [pytest.param(s, id=s.id) for s in samples]
