"""The `fhsplan` command line: typer wiring only. Each command lives in a module of this package."""

from __future__ import annotations

from fhsplan.cli import diff, edit, followup, graph, init, report, validate, views  # noqa: F401  (each registers its commands)
from fhsplan.cli.app import app


def main() -> None:
    """Console-script entry point."""
    app()


__all__ = ["app", "main"]
