"""`fhsplan validate` and `fhsplan schema`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from fhsplan.cli.app import (
    EXIT_FINDINGS,
    EXIT_OK,
    AsOfOption,
    PlanOption,
    app,
    colour_enabled,
    fail,
    format_option,
    parse_date,
)
from fhsplan.reporters import REPORTERS


@app.command()
def validate(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH|NAME",
            help="Plan folders, folders of plans, files in a plan, or plan names. Default: every plan under ./plan.",
        ),
    ] = None,
    plan: PlanOption = None,
    fmt: Annotated[str, format_option(REPORTERS, "Output format.")] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    as_of: AsOfOption = None,
) -> None:
    """Check plans against the schema and the consistency rules (docs/rules.md)."""
    from fhsplan.check import check_folders
    from fhsplan.rules import Context

    context = Context(as_of=parse_date(as_of))
    report = check_folders(_folders(paths or [], plan), context)
    sys.stdout.write(REPORTERS[fmt](report, colour_enabled()))
    failed = report.errors or (strict and report.warnings)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


def _folders(specs: list[str], plan: str | None) -> list[Path]:
    """The plan folders that paths, names and `--plan` stand for, each once; all plans by default."""
    from fhsplan.loader import PlanNotFound, find_plan_root, plan_folders, resolve_plan

    if plan is not None:
        specs = [*specs, plan]
    if not specs:
        root = find_plan_root()
        if root is None:
            fail("no plan/ folder here or above; name plan folders to validate")
        specs = [str(root)]
    folders: list[Path] = []
    try:
        for spec in specs:
            path = Path(spec)
            found = plan_folders(path) if path.exists() or "/" in spec else [resolve_plan(spec)]
            folders.extend(f for f in found if f not in folders)
    except PlanNotFound as exc:
        fail(str(exc))
    return folders


@app.command()
def schema(
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 if the schema files are stale; write nothing.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FOLDER",
            help="Folder of the schema files. Default: schemas/ beside the plan's plan/ folder, else ./schemas.",
        ),
    ] = None,
    plan: PlanOption = None,
) -> None:
    """Write the JSON Schema of plan.yaml and area files, generated from the models."""
    from fhsplan.schema import stale_schemas, write_schemas

    folder = output or _schema_folder(plan)
    if check:
        stale = stale_schemas(folder)
        for name in stale:
            typer.echo(f"{folder / name}: stale; run `fhsplan schema`", err=True)
        raise typer.Exit(EXIT_FINDINGS if stale else EXIT_OK)
    try:
        changed = write_schemas(folder)
    except OSError as exc:
        fail(f"cannot write {folder}: {exc.strerror or exc}")
    typer.echo(f"wrote {', '.join(changed)}" if changed else f"{folder}: up to date")


def _schema_folder(plan: str | None) -> Path:
    """Where a plan's files look for their schemas (`../../schemas/` from plan.yaml): `schemas/`
    beside its `plan/` folder; without a plan named, beside the nearest `plan/`, else here."""
    from fhsplan.loader import PlanNotFound, find_plan_root, resolve_plan

    if plan is not None:
        try:
            return _shown(resolve_plan(plan).absolute().parent.parent / "schemas")
        except PlanNotFound as exc:
            fail(str(exc))
    root = find_plan_root()
    return _shown(root.parent / "schemas") if root is not None else Path("schemas")


def _shown(folder: Path) -> Path:
    from fhsplan.loader import display_path

    return Path(display_path(folder))
