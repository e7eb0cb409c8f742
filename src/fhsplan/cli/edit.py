"""`fhsplan revision new`, `set`, `postpone`, `advance`, `reword`, `cancel` and `add`: edits of the
plan's YAML that book what they change to the revision being prepared (issue #14, docs/editing.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from fhsplan.cli.app import EXIT_FINDINGS, LangOption, PlanOption, app, fail
from fhsplan.edit.values import DUE_FORMS
from fhsplan.i18n import _

if TYPE_CHECKING:
    from fhsplan.edit.session import Session

# `fhsplan --help` lists the commands that change the plan in a panel of their own.
EDIT_PANEL = _("Edit the plan")
revision_app = typer.Typer(help=_("Start a revision of the plan."), no_args_is_help=True)
app.add_typer(revision_app, name="revision", rich_help_panel=EDIT_PANEL)

IdArgument = Annotated[str, typer.Argument(metavar="ID", help=_("The milestone's id."))]
DryRunOption = Annotated[
    bool,
    typer.Option("--dry-run", "-n", help=_("Print the diff of every file it would change; change nothing.")),
]
DateOption = Annotated[
    str | None,
    typer.Option("--date", metavar="DATE", help=_("When it was observed (2024-11-30). Default: today.")),
]


def run_edit(plan: str | None, dry_run: bool, change: Callable[[Session], str]) -> None:
    """Open the plan, make one change, check it, then print the diff or write the files."""
    from fhsplan.edit.session import Session
    from fhsplan.loader import resolve_plan
    from fhsplan.source import paused_gc

    with refusals():
        with paused_gc():  # as validate: the collector would rescan a large plan's objects again and again
            session = Session(resolve_plan(plan, examples=False))
            said = change(session)
            outcome = session.outcome()
        if dry_run:
            typer.echo(outcome.diff(), nl=False)
            return
        outcome.write()
    typer.echo(_("{done}; wrote {files}").format(done=said, files=", ".join(_names(outcome.after))))


@contextmanager
def refusals() -> Iterator[None]:
    """An edit's refusals as exit codes: 1 with the errors the result would have, else 2 and one line."""
    from fhsplan.edit import Invalid, Refused
    from fhsplan.loader import PlanNotFound

    try:
        yield
    except PlanNotFound as exc:
        fail(str(exc))
    except Invalid as exc:
        refuse(exc.message, [f"{f.pos}: {f.code} {f.message}" for f in exc.findings])
    except Refused as exc:
        fail(exc.message)
    except OSError as exc:
        fail(_("cannot write the plan: {error}").format(error=exc.strerror or exc))


def refuse(message: str, details: Iterable[str]) -> NoReturn:
    """Why an edit is not made: one line, then what stands in its way, one line each; exit 1."""
    from fhsplan.escape import terminal_line

    typer.echo(_("fhsplan: not changed: {reason}").format(reason=message), err=True)
    for detail in details:
        typer.echo(f"  {terminal_line(detail)}", err=True)
    raise typer.Exit(EXIT_FINDINGS)


def _names(paths: Iterable[Path]) -> list[str]:
    from fhsplan.loader import display_path

    return [display_path(p) for p in paths]


@revision_app.command(
    "new", help=_("Add a revision to plan.yaml and make it the current one: later edits are booked to it.")
)
def revision_new(
    ident: Annotated[
        str, typer.Argument(metavar="ID", help=_("The revision's id: 2024, 2024-06-30 or 2024-h2."))
    ],
    decision: Annotated[str, typer.Option("--decision", help=_("Decision reference (diarienummer)."))],
    decided_by: Annotated[
        str, typer.Option("--decided-by", help=_("The decision body, e.g. the committee."))
    ],
    date: Annotated[
        str, typer.Option("--date", metavar="DATE", help=_("The date of the decision (2024-02-15)."))
    ],
    note: Annotated[str | None, typer.Option("--note", help=_("A note on the revision."))] = None,
    plan: PlanOption = None,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:
    """Add a revision to plan.yaml and make it the current one: later edits are booked to it."""
    from fhsplan.edit import changes

    new = changes.NewRevision(ident, decision, decided_by, date, note)
    run_edit(plan, dry_run, lambda s: changes.new_revision(s, new))


@app.command(
    "set",
    rich_help_panel=EDIT_PANEL,
    help=_("Record a follow-up of a milestone in the current revision: its status, and what shows it."),
)
def set_(
    milestone: IdArgument,
    status: Annotated[
        str,
        typer.Option(
            "--status",
            "-s",
            metavar="STATUS",
            help=_(
                "done, started, planned, postponed, cancelled or unknown (or the plan's words: klar, igångsatt, …)."
            ),
        ),
    ],
    comment: Annotated[str | None, typer.Option("--comment", "-m", help=_("What happened."))] = None,
    evidence: Annotated[
        str | None, typer.Option("--evidence", help=_("A link, document or decision that shows it."))
    ] = None,
    reporter: Annotated[str | None, typer.Option("--reporter", help=_("Who reported it."))] = None,
    date: DateOption = None,
    plan: PlanOption = None,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:
    """Record a follow-up of a milestone in the current revision: its status, and what shows it."""
    from fhsplan.edit import changes, values

    def change(session: Session) -> str:
        seen = changes.Observation(
            values.status(status, session.plan.meta.language), comment, evidence, reporter,
            values.date(date) if date is not None else None,
        )  # fmt: skip
        return changes.set_status(session, milestone, seen)

    run_edit(plan, dry_run, change)


ToOption = Annotated[
    str, typer.Option("--to", metavar="WHEN", help=_("The new due: {forms}.").format(forms=_(DUE_FORMS)))
]


@app.command(
    rich_help_panel=EDIT_PANEL,
    help=_("Move a milestone's due later, booking the due it had to the current revision."),
)
def postpone(
    milestone: IdArgument,
    to: ToOption,
    plan: PlanOption = None,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:
    """Move a milestone's due later, booking the due it had to the current revision."""
    from fhsplan.edit import changes

    run_edit(plan, dry_run, lambda s: changes.move(s, milestone, to, later=True))


@app.command(
    rich_help_panel=EDIT_PANEL,
    help=_("Move a milestone's due earlier, booking the due it had to the current revision."),
)
def advance(
    milestone: IdArgument,
    to: ToOption,
    plan: PlanOption = None,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:
    """Move a milestone's due earlier, booking the due it had to the current revision."""
    from fhsplan.edit import changes

    run_edit(plan, dry_run, lambda s: changes.move(s, milestone, to, later=False))


@app.command(
    rich_help_panel=EDIT_PANEL,
    help=_("Give a milestone a new title, booking the old one to the current revision as reformulated."),
)
def reword(
    milestone: IdArgument,
    title: Annotated[str, typer.Option("--title", help=_("The new title."))],
    description: Annotated[str | None, typer.Option("--description", help=_("A new description."))] = None,
    plan: PlanOption = None,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:
    """Give a milestone a new title, booking the old one to the current revision as reformulated."""
    from fhsplan.edit import changes

    run_edit(plan, dry_run, lambda s: changes.reword(s, milestone, title, description))


@app.command(
    rich_help_panel=EDIT_PANEL,
    help=_(
        "Cancel a milestone: a cancelled follow-up, and its removal by the current revision with the reason."
    ),
)
def cancel(
    milestone: IdArgument,
    reason: Annotated[str, typer.Option("--reason", help=_("Why it is no longer pursued."))],
    date: DateOption = None,
    plan: PlanOption = None,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:
    """Cancel a milestone: a cancelled follow-up, and its removal by the current revision with the reason."""
    from fhsplan.edit import changes, values

    run_edit(
        plan, dry_run, lambda s: changes.cancel(s, milestone, reason, values.date(date) if date else None)
    )


@app.command(
    rich_help_panel=EDIT_PANEL, help=_("Add a milestone to a focus area, as added by the current revision.")
)
def add(
    area: Annotated[str, typer.Option("--area", "-a", help=_("The focus area's id."))],
    title: Annotated[str, typer.Option("--title", help=_("The milestone's title."))],
    due: Annotated[
        str,
        typer.Option("--due", metavar="WHEN", help=_("When it is due: {forms}.").format(forms=_(DUE_FORMS))),
    ],
    ident: Annotated[
        str | None, typer.Option("--id", help=_("Its id. Default: made from the title."))
    ] = None,
    description: Annotated[str | None, typer.Option("--description", help=_("Its description."))] = None,
    owner: Annotated[
        list[str] | None,
        typer.Option("--owner", help=_("A responsible party (an id of the plan's owners); repeatable.")),
    ] = None,
    depends_on: Annotated[
        list[str] | None,
        typer.Option("--depends-on", metavar="ID", help=_("A prerequisite milestone; repeatable.")),
    ] = None,
    plan: PlanOption = None,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:
    """Add a milestone to a focus area, as added by the current revision."""
    from fhsplan.edit import changes

    new = changes.NewMilestone(area, title, due, ident, description, owner or (), depends_on or ())
    run_edit(plan, dry_run, lambda s: changes.add(s, new))
