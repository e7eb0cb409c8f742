"""The typer application and what every command shares: plan selection, output, exit codes."""

from __future__ import annotations

import datetime as _dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from fhsplan import __version__

if TYPE_CHECKING:
    from fhsplan.plan import Plan

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    name="fhsplan",
    help="Regional change plans as validated YAML: validate, map, graph and diff them in plan terms.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fhsplan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Regional change plans as validated YAML."""


PlanOption = Annotated[
    str | None,
    typer.Option("--plan", "-p", help="Plan name under ./plan, or a plan folder. Default: the default plan."),
]


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print one line to stderr and exit with `code` (2: usage, I/O or git error)."""
    typer.echo(f"fhsplan: {message}", err=True)
    raise typer.Exit(code)


def colour_enabled(stream: object = None) -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    target = stream or sys.stdout
    return bool(getattr(target, "isatty", lambda: False)())


def parse_date(value: str | None) -> _dt.date:
    """`--as-of` value: an ISO date, default today."""
    if value is None:
        return _dt.date.today()
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2024-06-30", param_hint="--as-of") from None


def open_plan(spec: str | None) -> Plan:
    """Load the plan `--plan` names; exit 2 if there is none, 1 if it does not load cleanly."""
    from fhsplan.loader import PlanNotFound, load_plan, resolve_plan
    from fhsplan.reporters.text import render

    try:
        folder = resolve_plan(spec)
    except PlanNotFound as exc:
        fail(str(exc))
    result = load_plan(Path(folder))
    if result.plan is None:
        from fhsplan.check import Report
        from fhsplan.findings import sorted_findings

        report = Report(sorted_findings(result.findings), [folder.name], result.files)
        typer.echo(render(report, colour_enabled(sys.stderr)), err=True, nl=False)
        fail(f"plan {folder.name} does not load; fix the errors above (fhsplan validate)", EXIT_FINDINGS)
    return result.plan
