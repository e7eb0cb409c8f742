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
    write_output,
)
from fhsplan.views.diffs import DIFF_RENDERERS

if TYPE_CHECKING:
    from fhsplan.gitrev import PlanDoesNotLoad, Revision
    from fhsplan.rules import Context
    from fhsplan.views.diff_markdown import PlanSection


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


@app.command("pr-comment", hidden=True)
def pr_comment(
    base: Annotated[str, typer.Argument(help="Revision to compare from; A...B: their merge base.")],
    head: Annotated[
        str | None, typer.Argument(help="Revision to compare to. Default: the working tree.")
    ] = None,
    max_chars: Annotated[
        int, typer.Option("--max-chars", min=4000, help="The whole comment in at most this many characters.")
    ] = 65_000,
    as_of: AsOfOption = None,
) -> None:
    """The pull-request comment of the CI workflow: every plan under plan/ that BASE...HEAD changed,
    one Markdown section each, within --max-chars in all (docs/ci.md). Folder names and error
    messages are written as escaped Markdown here, not by the workflow's shell (issue #10)."""
    from pathlib import PurePosixPath

    from fhsplan import gitrev
    from fhsplan.loader import find_plan_root
    from fhsplan.rules import Context
    from fhsplan.views.diff_markdown import render_comment

    plan_root = find_plan_root()
    if plan_root is None:
        fail("no plan/ folder here or above")
    try:
        repo = gitrev.repo_root(plan_root)
        rel = gitrev.repo_path(plan_root, repo)
        base_rev, head_rev = gitrev.revisions(base, head, repo)
        assert base_rev.commit is not None
        changed = gitrev.changed_paths(base_rev.commit, head_rev.commit, rel, repo)
    except gitrev.GitError as exc:
        fail(str(exc))
    # A changed file directly in plan/ (a README) is no plan; a folder is one if it has a plan.yaml.
    names = sorted({parts[0] for p in changed if len(parts := PurePosixPath(p).relative_to(rel).parts) > 1})
    context = Context(as_of=parse_date(as_of))
    sections = []
    for name in names:
        section = _section(
            plan_root / name, f"{rel}/{name}", (base, head), (base_rev, head_rev), repo, context
        )
        if section is not None:
            sections.append(section)
    write_output(render_comment(sections, max_chars), None)


def _section(
    folder: Path,
    shown: str,
    asked: tuple[str, str | None],
    revisions: tuple[Revision, Revision],
    repo: Path,
    context: Context,
) -> PlanSection | None:
    """One changed folder's part of the comment; None for a folder that is a plan at neither revision."""
    from fhsplan import gitrev
    from fhsplan.compare import diff_plans
    from fhsplan.loader import PLAN_FILE, PlanNotFound
    from fhsplan.views.diff_markdown import PlanSection

    def exists(rev: Revision) -> bool:
        if rev.commit is None:
            return (folder / PLAN_FILE).is_file()
        return gitrev.has_file(rev.commit, f"{shown}/{PLAN_FILE}", repo)

    at_base, at_head = (exists(rev) for rev in revisions)
    if not (at_base or at_head):
        return None
    if not at_head:
        return PlanSection(shown, removed=True)
    try:
        pair = gitrev.load_pair(folder, *asked)
    except gitrev.PlanDoesNotLoad as exc:
        return PlanSection(shown, error=_does_not_load(exc))
    except (PlanNotFound, gitrev.GitError) as exc:
        return PlanSection(shown, error=str(exc))
    result = diff_plans(
        pair.base.plan if pair.base else None, pair.head.plan if pair.head else None,
        pair.base_label, pair.head_label, context,
    )  # fmt: skip
    return PlanSection(shown, diff=result)


def _does_not_load(exc: PlanDoesNotLoad) -> str:
    """Why a plan does not load, for a comment: its first findings, not "the errors above"."""
    findings = exc.result.findings
    listed = "; ".join(f"{f.pos}: {f.code} {f.message}" for f in findings[:3])
    more = f" and {len(findings) - 3} more" if len(findings) > 3 else ""
    return f"the plan does not load at {exc.label}: {listed}{more} (fhsplan validate lists them)"
