"""JSON Schema of the plan files, generated from the models, for editors and other tools."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from fhsplan.atomic import write_text
from fhsplan.models import AreaFile, PlanFile

SCHEMA_FILES: dict[str, type[BaseModel]] = {
    "plan.schema.json": PlanFile,
    "area.schema.json": AreaFile,
}
_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def render_schemas() -> dict[str, str]:
    """The text of each schema file, by file name."""
    out = {}
    for name, model in SCHEMA_FILES.items():
        schema = {"$schema": _DIALECT, "$id": name, **model.model_json_schema()}
        out[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    return out


def stale_schemas(folder: Path) -> list[str]:
    """Schema files in `folder` that are missing or differ from the models."""
    stale = []
    for name, text in render_schemas().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


def write_schemas(folder: Path) -> list[str]:
    """Write every schema file atomically; return the names of those that changed."""
    changed = stale_schemas(folder)
    for name, text in render_schemas().items():
        if name in changed:
            write_text(folder / name, text)
    return changed
