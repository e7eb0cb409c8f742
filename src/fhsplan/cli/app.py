"""The typer application and what every command shares: plan selection, options, output, exit codes."""

from __future__ import annotations

import datetime as _dt
import errno
import os
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from fhsplan import __version__
from fhsplan.i18n import _, ngettext

if TYPE_CHECKING:
    from fhsplan.loader import LoadResult
    from fhsplan.plan import Plan

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    name="fhsplan",
    help=_("Regional change plans as validated YAML: validate, map, graph and diff them in plan terms."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fhsplan {__version__}")
        raise typer.Exit()


def _language(value: str | None) -> str | None:
    """`--lang`: speak this language from here on (it was already read from the command line, so
    that --help is translated; this covers a command invoked in-process)."""
    from fhsplan import i18n

    if value is not None and value not in i18n.LANGUAGES:
        raise typer.BadParameter(
            _("{value} is not one of {choices}").format(value=repr(value), choices=", ".join(i18n.LANGUAGES))
        )
    if value is not None:
        i18n.start(value)
    return value


# Every command takes --lang; the value is chosen before the command runs (fhsplan.i18n).
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="sv|en",
        callback=_language,
        is_eager=True,
        help=_(
            "Output language: sv or en. Default: FHSPLAN_LANG, else the plan's language, else the locale."
        ),
    ),
]


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=_("Print the version and exit.")),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Regional change plans as validated YAML."""
    # `fhsplan --lang sv --help` and `fhsplan --lang sv validate`: before the command, too.


# Options every command names the same way: --plan, --format/-f (a format), --output/-o (a file).
PlanOption = Annotated[
    str | None,
    typer.Option(
        "--plan",
        "-p",
        help=_(
            "Plan name under ./plan, an embedded example (skane-fhs, …), or a plan folder. Default: the default plan."
        ),
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help=_("Write to FILE (atomically). Default: stdout.")),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help=_("Judge 'overdue' as of this date. Default: today.")),
]
StrictOption = Annotated[
    bool,
    typer.Option("--strict", help=_("Exit 1 when the plan has errors (fhsplan validate names them).")),
]
AreaOption = Annotated[str | None, typer.Option("--area", "-a", help=_("Only this focus area (its id)."))]
RevisionOption = Annotated[
    str | None,
    typer.Option(
        "--revision",
        "-r",
        metavar="ID",
        help=_("The plan as this revision marked it. Default: the current one."),
    ),
]


def choice_option(*names: str, choices: Iterable[str], help: str) -> Any:
    """An option whose value is one of `choices`, taken from a registry (REPORTERS, LAYOUTS, …)."""
    allowed = list(choices)

    def check(value: str | None) -> str | None:
        if value is not None and value not in allowed:
            raise typer.BadParameter(
                _("{value} is not one of {choices}").format(value=repr(value), choices=", ".join(allowed))
            )
        return value

    return typer.Option(*names, metavar="|".join(allowed), callback=check, help=help)


def format_option(choices: Iterable[str], help: str) -> Any:
    """`--format/-f`, the same name in every command, with its choices from a registry."""
    return choice_option("--format", "-f", choices=choices, help=help)


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print one line to stderr and exit with `code` (2: usage, I/O or git error).

    Messages name files, revisions, git's and the renderer's own words and names from the plan,
    any of which can hold ESC or a newline: the line is shown inert (issue #10).
    """
    from fhsplan.escape import terminal_line

    typer.echo(f"fhsplan: {terminal_line(message)}", err=True)
    raise typer.Exit(code)


def colour_enabled(stream: object = None) -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    target = stream or sys.stdout
    return bool(getattr(target, "isatty", lambda: False)())


def width() -> int:
    """The terminal's width; COLUMNS wins (tests and pipes), 80 when there is no terminal."""
    return shutil.get_terminal_size((80, 24)).columns


def parse_date(value: str | None) -> _dt.date:
    """`--as-of` value: an ISO date, default today."""
    if value is None:
        return _dt.date.today()
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            _("{value} is not a date like 2024-06-30").format(value=repr(value)), param_hint="--as-of"
        ) from None


class OutputError(Exception):
    """Standard output cannot be written (a closed pipe, a full disk); `main` ends the run.

    Not an OSError, so that click's own handling of a closed pipe (exit 1, which means findings
    here) does not take it first.
    """

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.error = error


def parse_as_of(value: str | None) -> str | None:
    """`validate --as-of` value: an ISO date, `revision` (the current revision's date) or `today`."""
    if value is None or value in ("revision", "today"):
        return value
    try:
        return _dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(
            _("{value} is not a date like 2024-06-30, nor 'revision'").format(value=repr(value)),
            param_hint="--as-of",
        ) from None


def write_output(data: str | bytes, output: Path | None) -> None:
    """What a command produced: to stdout, or atomically to `--output` FILE (exit 2 if it cannot).

    Every command writes its output through here (views, findings, diffs, pictures, exports).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if output is None:
        if sys.stdout is None:  # started with stdout closed (`fhsplan list >&-`)
            raise OutputError(OSError(errno.EBADF, _("standard output is closed")))
        try:
            sys.stdout.flush()  # whatever typer wrote first stays first
            sys.stdout.buffer.write(payload)
            sys.stdout.flush()
        except OSError as exc:
            raise OutputError(exc) from exc
        return
    from fhsplan.atomic import write_bytes

    try:
        write_bytes(output, payload)
    except OSError as exc:
        fail(_("cannot write {file}: {why}").format(file=output, why=exc.strerror or exc))


def show_load_errors(result: LoadResult) -> None:
    """The findings that keep a plan from loading, as `fhsplan validate` prints them, on stderr."""
    from fhsplan.findings import Report, sorted_findings
    from fhsplan.reporters.text import render

    report = Report(sorted_findings(result.findings), [result.folder.resolve().name], result.files)
    typer.echo(render(report, colour_enabled(sys.stderr)), err=True, nl=False)


def open_plan(
    spec: str | None, revision: str | None = None, strict: bool = False, as_of: str | None = None
) -> Plan:
    """Load the plan `--plan` names (as `revision` marked it, if given); exit 2 if there is none or
    no such revision, 1 if it does not load cleanly. A plan with errors is shown with one line on
    stderr that says so, and with `strict` not at all (exit 1); `as_of` is the view's date, should a
    setting make overdue an error."""
    import gc

    from fhsplan.i18n import follow_plan
    from fhsplan.loader import PlanNotFound, load_folder, resolve_plan
    from fhsplan.source import paused_gc

    try:
        folder = resolve_plan(spec)
        with paused_gc():
            result = load_folder(Path(folder))
    except PlanNotFound as exc:  # PlanUnreadable too
        fail(str(exc))
    # The plan lives to the end of the command: frozen, the collector no longer rescans its
    # millions of objects at every few thousand allocations (export of 10k milestones: -0.5 s).
    gc.freeze()
    if result.plan is None:
        show_load_errors(result)
        fail(
            _("plan {name} does not load; fix the errors above (fhsplan validate)").format(name=folder.name),
            EXIT_FINDINGS,
        )
    follow_plan(result.plan.meta.language)
    warn_if_broken(Path(folder), result, strict, as_of)
    if revision is None:
        return result.plan
    if result.plan.rank(revision) < 0:
        from fhsplan.views import NotInPlan

        fail(str(NotInPlan("revision", revision, result.plan.revision_ids)))
    return result.plan.at(revision)


def warn_if_broken(folder: Path, result: LoadResult, strict: bool, as_of: str | None = None) -> None:
    """One line on stderr when a loaded plan has error-level findings (under its settings); exit 1
    with `strict`. Only the rules that can give an error run: a view pays for no warning."""
    from fhsplan import i18n
    from fhsplan.check import check_folder
    from fhsplan.escape import terminal_line

    date = parse_date(as_of).isoformat() if as_of else None
    errors = check_folder(folder, result, date, errors_only=True).errors
    if not errors:
        return
    name = terminal_line(folder.resolve().name)
    said = ngettext(
        "fhsplan: {n} error in plan {name}; run fhsplan validate",
        "fhsplan: {n} errors in plan {name}; run fhsplan validate",
        errors,
    )
    typer.echo(said.format(n=i18n.number(errors), name=name), err=True)
    if strict:
        raise typer.Exit(EXIT_FINDINGS)
