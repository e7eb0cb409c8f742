"""`fhsplan followup sheet` and `followup apply`: the year's follow-up as a worksheet and back into the
plan, all or nothing (issue #14, docs/followup.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fhsplan import i18n
from fhsplan.cli.app import LangOption, OutputOption, PlanOption, app, fail, open_plan, write_output
from fhsplan.cli.edit import EDIT_PANEL, DryRunOption, refusals, refuse
from fhsplan.i18n import _, ngettext

if TYPE_CHECKING:
    from fhsplan.followup.apply import Row

followup_app = typer.Typer(
    help=_("The year's follow-up as a worksheet, and back into the plan."), no_args_is_help=True
)
app.add_typer(followup_app, name="followup", rich_help_panel=EDIT_PANEL)


@followup_app.command(
    "sheet", help=_("Write the worksheet of the milestones a revision must say something about (CSV).")
)
def sheet(
    revision: Annotated[
        str | None,
        typer.Argument(metavar="[REVISION]", help=_("The revision it is for. Default: the current one.")),
    ] = None,
    output: OutputOption = None,
    excel: Annotated[
        bool | None,
        typer.Option(
            "--excel/--no-excel",
            help=_(
                "Semicolons and a UTF-8 byte-order mark, as Swedish Excel reads CSV. Default: for a plan in Swedish."
            ),
        ),
    ] = None,
    plan: PlanOption = None,
    lang: LangOption = None,
) -> None:
    """Write the worksheet of the milestones a revision must say something about (CSV)."""
    from fhsplan.edit import Refused
    from fhsplan.followup import sheet as followup_sheet
    from fhsplan.source import paused_gc

    try:
        with paused_gc():
            index = open_plan(plan)
            chosen = revision or index.current_revision
            dialect = followup_sheet.default_excel(index) if excel is None else excel
            written = followup_sheet.write(index, chosen, dialect)
    except Refused as exc:
        fail(exc.message)
    write_output(written.data, output)
    if output is not None:
        said = ngettext(
            "{n} milestone to follow up; wrote {file}",
            "{n} milestones to follow up; wrote {file}",
            written.rows,
        )
        typer.echo(said.format(n=i18n.number(written.rows), file=output), err=True)


@followup_app.command(
    "apply",
    help=_(
        "Apply a filled-in worksheet: new statuses as follow-ups, new dues as postponements or advancements."
    ),
)
def apply(
    path: Annotated[Path, typer.Argument(metavar="SHEET", help=_("The filled-in worksheet (CSV)."))],
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="DATE", help=_("The follow-ups' date (2024-11-30). Default: today.")),
    ] = None,
    plan: PlanOption = None,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:
    """Apply a filled-in worksheet: new statuses as follow-ups, new dues as postponements or advancements."""
    from fhsplan.edit import values
    from fhsplan.edit.session import Session
    from fhsplan.followup.apply import SheetRefused, apply
    from fhsplan.loader import resolve_plan
    from fhsplan.source import paused_gc

    rows = _read(path)
    with refusals():
        try:
            with (
                paused_gc()
            ):  # as validate: the collector would rescan a large plan's objects again and again
                session = Session(resolve_plan(plan, examples=False))
                applied, outcome = apply(session, rows, values.date(date) if date else None)
        except SheetRefused as exc:
            refuse(exc.message, [f"{path}: {problem}" for problem in exc.problems])
        if dry_run:
            typer.echo(outcome.diff(), nl=False)
            return
        outcome.write()
    wrote = ngettext("{summary}; wrote {n} file(s)", "{summary}; wrote {n} file(s)", len(outcome.after))
    typer.echo(wrote.format(summary=applied.summary(), n=i18n.number(len(outcome.after))))


def _read(path: Path) -> list[Row]:
    """The sheet's rows, or exit 2 saying why it cannot be read."""
    from fhsplan.edit import Refused
    from fhsplan.followup.apply import read

    try:
        return read(path.read_bytes())
    except OSError as exc:
        fail(_("cannot read {file}: {error}").format(file=path, error=exc.strerror or exc))
    except Refused as exc:
        fail(f"{path}: {exc.message}")
