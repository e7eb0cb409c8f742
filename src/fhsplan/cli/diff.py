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
    LangOption,
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
from fhsplan.i18n import _
from fhsplan.views.diffs import DEFAULT_BUDGET, DIFF_RENDERERS

if TYPE_CHECKING:
    from fhsplan.compare import PlanDiff

if TYPE_CHECKING:
    from fhsplan.gitrev import PlanDoesNotLoad, PlanPair, Revision
    from fhsplan.rules import Context
    from fhsplan.views.diff_markdown import PlanSection


@app.command(help=_("Show what changed in the plan between two git revisions, in plan terms."))
def diff(
    base: Annotated[
        str, typer.Argument(help=_("Revision to compare from (branch, tag, commit; A...B: merge base)."))
    ],
    head: Annotated[
        str | None, typer.Argument(help=_("Revision to compare to. Default: the working tree."))
    ] = None,
    plan: PlanOption = None,
    fmt: Annotated[
        str | None, format_option(DIFF_RENDERERS, _("Default: text on a terminal, markdown otherwise."))
    ] = None,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code", help=_("Exit 1 when anything changed, 0 when nothing did (as git diff).")
        ),
    ] = False,
    max_chars: Annotated[
        int | None,
        typer.Option(
            "--max-chars",
            min=2000,
            help=_(
                "Markdown: cut the comment to this many characters. Default: 65,000 (GitHub's limit is 65,536)."
            ),
        ),
    ] = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> None:
    """Show what changed in the plan between two git revisions, in plan terms."""
    from fhsplan.gitrev import GitError, PlanDoesNotLoad
    from fhsplan.i18n import machine_output
    from fhsplan.loader import PlanNotFound
    from fhsplan.source import paused_gc
    from fhsplan.views.diffs import Layout

    # Both revisions stay alive to the end: the collector would rescan their millions of objects
    # every few thousand allocations (at 10k milestones, a third of the time), rendering included.
    machine = fmt == "json"
    if machine:  # the JSON's labels, notes and messages stay English for the tools that read them
        machine_output()
    with paused_gc():
        try:
            result = _compare(plan, base, head, as_of, follow=not machine)
        except (PlanNotFound, GitError) as exc:
            fail(str(exc))
        except PlanDoesNotLoad as exc:
            show_load_errors(exc.result)
            fail(str(exc))
        chosen = fmt or ("text" if sys.stdout.isatty() else "markdown")
        layout = Layout(width(), colour_enabled(), max_chars or DEFAULT_BUDGET, max_chars is not None)
        write_output(DIFF_RENDERERS[chosen](result, layout), None)
    raise typer.Exit(EXIT_FINDINGS if exit_code and result.changed else EXIT_OK)


def _compare(plan: str | None, base: str, head: str | None, as_of: str | None, follow: bool) -> PlanDiff:
    """The plan `--plan` names, compared between two revisions; a HEAD that does not load is a diff
    that says why (issue #13), a BASE that does not load raises PlanDoesNotLoad."""
    from fhsplan.escape import terminal_line
    from fhsplan.gitrev import load_pair
    from fhsplan.loader import resolve_plan
    from fhsplan.rules import Context

    context = Context(as_of=parse_date(as_of))
    folder = Path(resolve_plan(plan))
    pair = load_pair(folder, base, head)
    if pair.head is not None and pair.head.plan is None:
        label = terminal_line(pair.head_label)
        message = _("fhsplan: the plan does not load at {revision}; the diff shows why")
        typer.echo(message.format(revision=label), err=True)
    return _diff_of(pair, folder.name, context, follow)


def _diff_of(pair: PlanPair, name: str, context: Context, follow: bool = True) -> PlanDiff:
    """The diff of a loaded pair; a HEAD that does not load is a diff that says why (issue #13).
    It speaks the language of the plan at HEAD (else at BASE), unless --lang said otherwise or it
    is for a machine (not `follow`)."""
    from fhsplan.compare import diff_plans, head_does_not_load
    from fhsplan.i18n import follow_plan

    base_plan = pair.base.plan if pair.base else None
    for side in (pair.head, pair.base) if follow else ():
        if side is not None and side.plan is not None:
            follow_plan(side.plan.meta.language)
            break
    if pair.head is not None and pair.head.plan is None:
        return head_does_not_load(base_plan, name, pair.base_label, pair.head_label, pair.head.findings)
    head_plan = pair.head.plan if pair.head else None
    return diff_plans(base_plan, head_plan, pair.base_label, pair.head_label, context)


@app.command("pr-comment", hidden=True, help=_("The pull-request comment of the CI workflow (docs/ci.md)."))
def pr_comment(
    base: Annotated[str, typer.Argument(help=_("Revision to compare from; A...B: their merge base."))],
    head: Annotated[
        str | None, typer.Argument(help=_("Revision to compare to. Default: the working tree."))
    ] = None,
    max_chars: Annotated[
        int,
        typer.Option("--max-chars", min=4000, help=_("The whole comment in at most this many characters.")),
    ] = 65_000,
    as_of: AsOfOption = None,
    lang: LangOption = None,
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
        fail(_("no plan/ folder here or above"))
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
    sections: list[PlanSection] = []
    for name in names:
        # One comment speaks one language: the first compared plan's, unless --lang said otherwise.
        follow = not any(s.diff for s in sections)
        section = _section(
            plan_root / name, f"{rel}/{name}", (base, head), (base_rev, head_rev), repo, context, follow
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
    follow: bool = True,
) -> PlanSection | None:
    """One changed folder's part of the comment; None for a folder that is a plan at neither revision."""
    from fhsplan import gitrev
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
    return PlanSection(shown, diff=_diff_of(pair, folder.name, context, follow))


def _does_not_load(exc: PlanDoesNotLoad) -> str:
    """Why a plan does not load, for a comment: its first findings, not "the errors above"."""
    from fhsplan.i18n import ngettext, number

    findings = exc.result.findings
    listed = "; ".join(f"{f.pos}: {f.code} {f.message}" for f in findings[:3])
    if len(findings) > 3:
        more = len(findings) - 3
        message = ngettext(
            "the plan does not load at {revision}: {findings} and {n} more (fhsplan validate lists them)",
            "the plan does not load at {revision}: {findings} and {n} more (fhsplan validate lists them)",
            more,
        )
        return message.format(revision=exc.label, findings=listed, n=number(more))
    message = _("the plan does not load at {revision}: {findings} (fhsplan validate lists them)")
    return message.format(revision=exc.label, findings=listed)
