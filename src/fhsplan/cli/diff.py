"""`fhsplan diff BASE [HEAD]`: what changed in the plan between two git revisions (issue #6)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
)
from fhsplan.views.diffs import DEFAULT_BUDGET, DIFF_RENDERERS

if TYPE_CHECKING:
    from fhsplan.compare import PlanDiff


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
        int | None,
        typer.Option(
            "--max-chars",
            min=2000,
            help="Markdown: cut the comment to this many characters. Default: 65,000 (GitHub's limit is 65,536).",
        ),
    ] = None,
    as_of: AsOfOption = None,
) -> None:
    """Show what changed in the plan between two git revisions, in plan terms."""
    from fhsplan.gitrev import GitError, PlanDoesNotLoad
    from fhsplan.loader import PlanNotFound
    from fhsplan.source import paused_gc
    from fhsplan.views.diffs import Layout

    # Both revisions stay alive to the end: the collector would rescan their millions of objects
    # every few thousand allocations (at 10k milestones, a third of the time), rendering included.
    with paused_gc():
        try:
            result = _compare(plan, base, head, as_of)
        except (PlanNotFound, GitError) as exc:
            fail(str(exc))
        except PlanDoesNotLoad as exc:
            show_load_errors(exc.result)
            fail(str(exc))
        chosen = fmt or ("text" if sys.stdout.isatty() else "markdown")
        layout = Layout(width(), colour_enabled(), max_chars or DEFAULT_BUDGET, max_chars is not None)
        sys.stdout.write(DIFF_RENDERERS[chosen](result, layout))
    raise typer.Exit(EXIT_FINDINGS if exit_code and result.changed else EXIT_OK)


def _compare(plan: str | None, base: str, head: str | None, as_of: str | None) -> PlanDiff:
    """The plan `--plan` names, compared between two revisions; a HEAD that does not load is a diff
    that says why (issue #13), a BASE that does not load raises PlanDoesNotLoad."""
    from fhsplan.compare import diff_plans, head_does_not_load
    from fhsplan.gitrev import load_pair
    from fhsplan.loader import resolve_plan
    from fhsplan.rules import Context

    context = Context(as_of=parse_date(as_of))
    folder = Path(resolve_plan(plan))
    pair = load_pair(folder, base, head)
    base_plan = pair.base.plan if pair.base else None
    if pair.head is not None and pair.head.plan is None:
        typer.echo(f"fhsplan: the plan does not load at {pair.head_label}; the diff shows why", err=True)
        return head_does_not_load(
            base_plan, folder.name, pair.base_label, pair.head_label, pair.head.findings
        )
    head_plan = pair.head.plan if pair.head else None
    return diff_plans(base_plan, head_plan, pair.base_label, pair.head_label, context)
