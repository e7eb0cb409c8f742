"""`fhsplan validate` and `fhsplan schema`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fhsplan.cli.app import (
    EXIT_FINDINGS,
    EXIT_OK,
    AsOfOption,
    app,
    colour_enabled,
    fail,
    format_option,
    parse_date,
    write_output,
)
from fhsplan.reporters import REPORTERS


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Plan folders, folders of plans, or files in a plan. Default: every plan under ./plan."
        ),
    ] = None,
    fmt: Annotated[str, format_option(REPORTERS, "Output format.")] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    as_of: AsOfOption = None,
) -> None:
    """Check plans against the schema and the consistency rules (FHS100-FHS602)."""
    from fhsplan.check import check_folders
    from fhsplan.loader import PlanNotFound, find_plan_root, plan_folders
    from fhsplan.rules import Context

    context = Context(as_of=parse_date(as_of))
    if not paths:
        root = find_plan_root()
        if root is None:
            fail("no plan/ folder here or above; name plan folders to validate")
        paths = [root]
    folders: list[Path] = []
    try:
        for path in paths:
            folders.extend(f for f in plan_folders(path) if f not in folders)
        report = check_folders(folders, context)
    except PlanNotFound as exc:  # PlanUnreadable too: a folder that cannot be read is exit 2
        fail(str(exc))
    write_output(REPORTERS[fmt](report, colour_enabled()), None)
    failed = report.errors or (strict and report.warnings)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


@app.command()
def schema(
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 if the schema files are stale; write nothing.")
    ] = False,
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FOLDER", help="Folder of the schema files.")
    ] = Path("schemas"),
) -> None:
    """Write the JSON Schema of plan.yaml and area files, generated from the models."""
    from fhsplan.schema import stale_schemas, write_schemas

    if check:
        stale = stale_schemas(output)
        for name in stale:
            typer.echo(f"{output / name}: stale; run `fhsplan schema`", err=True)
        raise typer.Exit(EXIT_FINDINGS if stale else EXIT_OK)
    try:
        changed = write_schemas(output)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    typer.echo(f"wrote {', '.join(changed)}" if changed else f"{output}: up to date")
