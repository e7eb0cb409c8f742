"""`fhsplan diff BASE [HEAD]`: what changed in the plan between two git revisions (issue #6)."""

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
    show_load_errors,
    width,
    write_output,
)
from fhsplan.views.diffs import DIFF_RENDERERS


@app.command()
def diff(
    base: Annotated[
        str, typer.Argument(help="Revision to compare from (branch, tag, commit; A...B: merge base).")
    ],
    head: Annotated[
        str | None, typer.Argument(help="Revision to compare to. Default: the working tree.")
    ] = None,
    plan: PlanOption = None,
    fmt: Annotated[
        str | None, format_option(DIFF_RENDERERS, "Default: text on a terminal, markdown otherwise.")
    ] = None,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when anything changed, 0 when nothing did (as git diff)."),
    ] = False,
    max_chars: Annotated[
        int, typer.Option("--max-chars", min=2000, help="Markdown: cut the comment to this many characters.")
    ] = 65_000,
    as_of: AsOfOption = None,
) -> None:
    """Show what changed in the plan between two git revisions, in plan terms."""
    from fhsplan.compare import diff_plans
    from fhsplan.gitrev import GitError, PlanDoesNotLoad, load_pair
    from fhsplan.loader import PlanNotFound, resolve_plan
    from fhsplan.rules import Context
    from fhsplan.views.diffs import Layout

    try:
        pair = load_pair(Path(resolve_plan(plan)), base, head)
    except (PlanNotFound, GitError) as exc:
        fail(str(exc))
    except PlanDoesNotLoad as exc:
        show_load_errors(exc.result)
        fail(str(exc))
    result = diff_plans(
        pair.base.plan if pair.base else None,
        pair.head.plan if pair.head else None,
        pair.base_label,
        pair.head_label,
        Context(as_of=parse_date(as_of)),
    )
    chosen = fmt or ("text" if sys.stdout.isatty() else "markdown")
    write_output(DIFF_RENDERERS[chosen](result, Layout(width(), colour_enabled(), max_chars)), None)
    raise typer.Exit(EXIT_FINDINGS if exit_code and result.changed else EXIT_OK)
