"""What `fhsplan init` writes: a plan repository that validates, reviews and checks itself (issue #13).

    plan/NAME/plan.yaml, plan/NAME/areas/01-….yaml   an empty plan that validates, or embedded examples
    schemas/plan.schema.json, schemas/area.schema.json   as `fhsplan schema` writes them
    .github/workflows/fhsplan.yml                    the workflow this repository runs, byte for byte
    .pre-commit-config.yaml                          fhsplan's own hook, `fhsplan-validate`
    README.md                                        what to do next

Every file is built in memory first; the command refuses to overwrite any of them (unless told to)
and then writes them all or none.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePosixPath

from fhsplan import __version__, embedded
from fhsplan.i18n import _
from fhsplan.loader import AREAS_DIR, PLAN_FILE, PLAN_ROOT

WORKFLOW_PATH = PurePosixPath(".github/workflows/fhsplan.yml")
PRE_COMMIT_PATH = PurePosixPath(".pre-commit-config.yaml")
SCHEMAS_DIR = PurePosixPath("schemas")
README_PATH = PurePosixPath("README.md")
HOOK_ID = "fhsplan-validate"
# Where the hook is published; one place to change it (see docs/ci.md).
HOOK_REPOSITORY = "https://github.com/OWNER/fhsplan"
DEFAULT_NAME = "min-plan"


class NotAnExample(LookupError):
    """`--example` names no plan that ships with fhsplan."""


def slug(text: str) -> str:
    """A plan id from a folder name: `Region Skåne 2024` → `region-skane-2024`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words)[:60].strip("-") or DEFAULT_NAME


def repository_files(name: str, year: int, examples: list[str]) -> dict[PurePosixPath, bytes]:
    """Every file of a new plan repository by its path inside it: the embedded `examples`, or an
    empty plan `name` whose first revision is `year`."""
    from fhsplan.schema import render_schemas

    files: dict[PurePosixPath, bytes] = {}
    if examples:
        for example in examples:
            files |= _example_files(example)
        plans = examples
    else:
        files |= _empty_plan(name, year)
        plans = [name]
    for schema, text in render_schemas().items():
        files[SCHEMAS_DIR / schema] = text.encode("utf-8")
    files[WORKFLOW_PATH] = embedded.workflow_text()
    files[PRE_COMMIT_PATH] = pre_commit_config().encode("utf-8")
    files[README_PATH] = _readme(plans).encode("utf-8")
    return files


def _example_files(name: str) -> dict[PurePosixPath, bytes]:
    folder = embedded.example(name)
    if folder is None:
        known = ", ".join(embedded.example_names()) or _("none")
        raise NotAnExample(
            _("no embedded example {name} (examples: {known})").format(name=repr(name), known=known)
        )
    target = PurePosixPath(PLAN_ROOT, name)
    paths = [folder / PLAN_FILE, *sorted((folder / AREAS_DIR).glob("*.y*ml"))]
    return {target / p.relative_to(folder).as_posix(): p.read_bytes() for p in paths}


def pre_commit_config() -> str:
    """A pre-commit configuration that runs fhsplan's own hook, at this version of fhsplan."""
    return (
        "# Checks the plans before every commit: `pip install pre-commit && pre-commit install`.\n"
        "# The GitHub workflow installs fhsplan from the same repository and rev (docs/ci.md).\n"
        "repos:\n"
        f"  - repo: {HOOK_REPOSITORY}\n"
        f"    rev: v{__version__}\n"
        "    hooks:\n"
        f"      - id: {HOOK_ID}\n"
    )


def _empty_plan(name: str, year: int) -> dict[PurePosixPath, bytes]:
    """A plan with a first revision and one area with a placeholder milestone, valid as it is."""
    folder = PurePosixPath(PLAN_ROOT, name)
    plan = f"""\
# yaml-language-server: $schema=../../schemas/plan.schema.json
# The plan's vocabularies: see docs/plan-format.md of fhsplan. Replace the placeholders.
id: {name}
title: Förändrings- och genomförandeplan (ersätt med planens namn)
owner: Region (ersätt med organisationen som äger planen)
language: sv
default: true
period: {{start: {year}, end: {year + 3}}}
revisions:
  - {{year: {year}, note: Planen förs in i fhsplan.}}
current_revision: {year}
goals:
  - {{id: battre-halsa, name: Bättre hälsa för invånarna}}
beneficiaries:
  - {{id: inv, name: invånarna}}
  - {{id: sys, name: systemet}}
  - {{id: vsh, name: verksamheter}}
"""
    area = f"""\
# yaml-language-server: $schema=../../../schemas/area.schema.json
# One file per focus area; the files' order is the plan's order.
id: forsta-insatsomradet
name: Första insatsområdet
goals: [battre-halsa]
milestones:
  - id: forsta-milstolpen
    title: Den första milstolpen är formulerad
    due: {year + 1}
    status: planned
    effects:
      - {{text: Planen kan följas upp och granskas i git, beneficiaries: [sys]}}
    history:
      - {{kind: added, revision: {year}}}
"""
    return {
        folder / PLAN_FILE: plan.encode("utf-8"),
        folder / AREAS_DIR / "01-forsta-insatsomradet.yaml": area.encode("utf-8"),
    }


def _readme(plans: list[str]) -> str:
    folders = ", ".join(f"`{PLAN_ROOT}/{p}/`" for p in plans)
    return f"""\
# Plans

This repository keeps change plans as validated YAML with
[fhsplan]({HOOK_REPOSITORY}): {folders}.

## Next steps

1. Edit the plan: `{PLAN_ROOT}/<plan>/plan.yaml` holds the period, revisions and vocabularies, and
   each file in `areas/` one focus area with its milestones. Editors that speak the YAML language
   server complete field names from `schemas/`.
2. Check it: `fhsplan validate` (every plan under `{PLAN_ROOT}/`), then look at it with `fhsplan map`
   and `fhsplan status`.
3. Commit and push. The workflow in `.github/workflows/fhsplan.yml` annotates findings on pull
   requests and comments what each one changes in the plan (`fhsplan diff main...HEAD` shows the
   same locally).
4. Optionally `pip install pre-commit && pre-commit install`: `.pre-commit-config.yaml` then runs
   `fhsplan validate` before every commit.

`fhsplan schema` rewrites `schemas/` after an upgrade of fhsplan; `fhsplan --help` lists the rest.
"""


def conflicts(folder: Path, files: dict[PurePosixPath, bytes]) -> list[PurePosixPath]:
    """The files that already exist (or are in the way) under `folder`."""
    return [rel for rel in files if (folder / rel).exists() or (folder / rel).is_symlink()]
