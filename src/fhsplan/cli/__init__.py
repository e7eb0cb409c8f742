"""The `fhsplan` command line: typer wiring only. Each command lives in a module of this package."""

from __future__ import annotations

from fhsplan.cli import plancheck  # noqa: F401  (registers validate, schema)
from fhsplan.cli.app import app

for _module in ("views", "graph", "diff"):
    # Command modules added by later issues register themselves on import; absent ones are skipped.
    try:
        __import__(f"fhsplan.cli.{_module}")
    except ModuleNotFoundError as exc:
        if exc.name != f"fhsplan.cli.{_module}":
            raise


def main() -> None:
    """Console-script entry point."""
    app()


__all__ = ["app", "main"]
