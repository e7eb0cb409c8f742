"""`fhsplan diff BASE [HEAD]`: what changed in the plan between two git revisions (issue #6)."""

from __future__ import annotations

import shutil
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fhsplan.cli.app import EXIT_FINDINGS, EXIT_OK, PlanOption, app, colour_enabled, fail

if TYPE_CHECKING:
    from fhsplan.views.diff import PlanDiff, PlanDoesNotLoad


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
def diff(
    base: Annotated[
        str, typer.Argument(help="Revision to compare from (branch, tag, commit; A...B: merge base).")
    ],
    head: Annotated[
        str | None, typer.Argument(help="Revision to compare to. Default: the working tree.")
    ] = None,
    plan: PlanOption = None,
    output: Annotated[
        DiffFormat | None,
        typer.Option(
            "--format", "-f", help="Output format. Default: text on a terminal, markdown otherwise."
        ),
    ] = None,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when anything changed, 0 when nothing did (as git diff)."),
    ] = False,
    max_chars: Annotated[
        int, typer.Option("--max-chars", min=2000, help="Markdown: cut the comment to this many characters.")
    ] = 65_000,
) -> None:
    """Show what changed in the plan between two git revisions, in plan terms."""
    from fhsplan.gitrev import GitError
    from fhsplan.loader import PlanNotFound, resolve_plan
    from fhsplan.views.diff import PlanDoesNotLoad, diff_revisions

    try:
        result = diff_revisions(Path(resolve_plan(plan)), base, head)
    except (PlanNotFound, GitError) as exc:
        fail(str(exc))
    except PlanDoesNotLoad as exc:
        _show_findings(exc)
        fail(str(exc))
    chosen = output or (DiffFormat.text if sys.stdout.isatty() else DiffFormat.markdown)
    sys.stdout.write(_render(result, chosen, max_chars))
    raise typer.Exit(EXIT_FINDINGS if exit_code and result.changed else EXIT_OK)


def _render(result: PlanDiff, chosen: DiffFormat, max_chars: int) -> str:
    from fhsplan.views import diff_markdown, diff_text, dump_json
    from fhsplan.views.diff import to_json

    if chosen is DiffFormat.json:
        return dump_json(to_json(result))
    if chosen is DiffFormat.markdown:
        return diff_markdown.render(result, max_chars)
    return diff_text.render(result, shutil.get_terminal_size().columns, colour_enabled())


def _show_findings(exc: PlanDoesNotLoad) -> None:
    """The errors that keep the plan from loading, as `fhsplan validate` prints them, on stderr."""
    from fhsplan.check import Report
    from fhsplan.findings import sorted_findings
    from fhsplan.reporters.text import render

    result = exc.result
    report = Report(sorted_findings(result.findings), [result.folder.name], result.files)
    typer.echo(render(report, colour_enabled(sys.stderr)), err=True, nl=False)
