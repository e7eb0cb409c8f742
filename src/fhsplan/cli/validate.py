"""`fhsplan validate` and `fhsplan schema`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fhsplan.cli.app import (
    EXIT_FINDINGS,
    EXIT_OK,
    LangOption,
    OutputOption,
    PlanOption,
    app,
    colour_enabled,
    fail,
    format_option,
    parse_as_of,
    write_output,
)
from fhsplan.i18n import _
from fhsplan.reporters import REPORTERS

if TYPE_CHECKING:
    from fhsplan.findings import Report

# Formats for programs, which speak English whatever language is chosen (issue #15).
MACHINE_FORMATS = ("json", "sarif")

ValidateAsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE|revision",
        help=_(
            "Judge 'overdue' as of this date, or the current revision's (for hooks). Default: as_of in fhsplan.toml, else today."
        ),
    ),
]


@app.command(help=_("Check plans against the schema and the consistency rules (docs/rules.md)."))
def validate(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH|NAME",
            help=_(
                "Plan folders, folders of plans, files in a plan, or plan names. Default: every plan under ./plan."
            ),
        ),
    ] = None,
    plan: PlanOption = None,
    fmt: Annotated[str, format_option(REPORTERS, _("Output format."))] = "text",
    strict: Annotated[bool, typer.Option("--strict", help=_("Warnings fail too (exit 1)."))] = False,
    as_of: ValidateAsOf = None,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="REV",
            help=_(
                "Findings in files changed since REV (git diff REV...HEAD, and the work tree) come first."
            ),
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", metavar="FILE", help=_("Report only findings not in this baseline.")),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(
            "--write-baseline", metavar="FILE", help=_("Accept today's findings: write them to FILE.")
        ),
    ] = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """Check plans against the schema and the consistency rules (docs/rules.md)."""
    from fhsplan import i18n
    from fhsplan.check import check_folders
    from fhsplan.loader import PlanUnreadable

    if fmt in MACHINE_FORMATS:  # for programs: English, whatever --lang, FHSPLAN_LANG or the plan say
        i18n.machine_output()
        # machine_output leaves the choice open, and the plan's `language` would then choose again
        # when check_folder reads it: settle English the way --lang does.
        i18n.start(i18n.DEFAULT)

    folders = _folders(paths or [], plan)
    try:
        report = check_folders(folders, parse_as_of(as_of))
    except PlanUnreadable as exc:  # a folder that cannot be read is exit 2, not a clean plan
        fail(str(exc))
    report = _placed(report, folders, fmt, changed_since)
    report = _baselined(report, folders, baseline, write_baseline)
    write_output(REPORTERS[fmt](report, colour_enabled() and output is None), output)
    if fmt == "github":
        _job_summary(report)
    failed = report.errors or (strict and report.warnings)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


def _folders(specs: list[str], plan: str | None) -> list[Path]:
    """The plan folders that paths, names and `--plan` stand for, each once; all plans by default."""
    from fhsplan.loader import PlanNotFound, find_plan_root, plan_folders, resolve_plan

    if plan is not None:
        specs = [*specs, plan]
    if not specs:
        root = find_plan_root()
        if root is None:
            fail(_("no plan/ folder here or above; name plan folders to validate"))
        specs = [str(root)]
    folders: list[Path] = []
    try:
        for spec in specs:
            path = Path(spec)
            found = plan_folders(path) if path.exists() or "/" in spec else [resolve_plan(spec)]
            folders.extend(f for f in found if f not in folders)
    except PlanNotFound as exc:  # PlanUnreadable too
        fail(str(exc))
    return folders


def _placed(report: Report, folders: list[Path], fmt: str, changed_since: str | None) -> Report:
    """The report with what GitHub and SARIF need: the repository root, the rule catalogue's address,
    and the files changed since `--changed-since`."""
    from dataclasses import replace

    from fhsplan.config import project_settings

    report = replace(report, rules_url=project_settings(folders[0]).rules_url if folders else None)
    if fmt not in ("github", "markdown", "sarif") and changed_since is None:
        return report
    from fhsplan.gitrev import GitError, changed_files, repo_root
    from fhsplan.loader import display_path

    try:
        root = repo_root(Path.cwd())
    except GitError as exc:
        if changed_since is not None:
            fail(str(exc))
        return report  # outside git, files are named as the text format names them
    report = replace(report, root=str(root))
    if changed_since is None:
        return report
    try:
        changed = changed_files(changed_since, root)
    except GitError as exc:
        fail(_("--changed-since: {why}").format(why=exc))
    return replace(report, changed=frozenset(display_path(root / name) for name in changed))


def _baselined(report: Report, folders: list[Path], path: Path | None, write: Path | None) -> Report:
    """Write `--write-baseline` from the report, then apply it (or `--baseline`)."""
    from fhsplan import baseline as baselines
    from fhsplan.escape import terminal_line

    if write is not None:
        try:
            previous = baselines.read(write) if write.is_file() else None
        except baselines.BaselineError:
            previous = None  # not a baseline any more: written anew
        write_output(baselines.render(report, write, folders, previous), write)
        typer.echo(_("fhsplan: wrote the baseline {file}").format(file=terminal_line(str(write))), err=True)
        path = write
    if path is None:
        return report
    try:
        return baselines.apply(report, baselines.read(path), folders)
    except baselines.BaselineError as exc:
        fail(terminal_line(str(exc)))


def _job_summary(report: Report) -> None:
    """Append every finding, as Markdown, to the GitHub job summary when the step has one."""
    from fhsplan.escape import terminal_line

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    text = REPORTERS["markdown"](report, False)
    try:
        with open(target, "a", encoding="utf-8") as summary:
            summary.write(text)
    except OSError as exc:
        why = terminal_line(f"{target}: {exc.strerror or exc}")
        typer.echo(_("fhsplan: cannot write the job summary {why}").format(why=why), err=True)


@app.command(help=_("Write the JSON Schema of plan.yaml and area files, generated from the models."))
def schema(
    check: Annotated[
        bool, typer.Option("--check", help=_("Exit 1 if the schema files are stale; write nothing."))
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FOLDER",
            help=_(
                "Folder of the schema files. Default: schemas/ beside the plan's plan/ folder, else ./schemas."
            ),
        ),
    ] = None,
    plan: PlanOption = None,
    lang: LangOption = None,
) -> None:
    """Write the JSON Schema of plan.yaml and area files, generated from the models."""
    from fhsplan.schema import stale_schemas, write_schemas

    folder = output or _schema_folder(plan)
    if check:
        stale = stale_schemas(folder)
        for name in stale:
            typer.echo(_("{file}: stale; run `fhsplan schema`").format(file=folder / name), err=True)
        raise typer.Exit(EXIT_FINDINGS if stale else EXIT_OK)
    try:
        changed = write_schemas(folder)
    except OSError as exc:
        fail(_("cannot write {file}: {why}").format(file=folder, why=exc.strerror or exc))
    if changed:
        typer.echo(_("wrote {files}").format(files=", ".join(changed)))
    else:
        typer.echo(_("{folder}: up to date").format(folder=folder))


def _schema_folder(plan: str | None) -> Path:
    """Where a plan's files look for their schemas (`../../schemas/` from plan.yaml): `schemas/`
    beside its `plan/` folder; without a plan named, beside the nearest `plan/`, else here."""
    from fhsplan.loader import PlanNotFound, find_plan_root, resolve_plan

    if plan is not None:
        try:
            return _shown(resolve_plan(plan).absolute().parent.parent / "schemas")
        except PlanNotFound as exc:
            fail(str(exc))
    root = find_plan_root()
    return _shown(root.parent / "schemas") if root is not None else Path("schemas")


def _shown(folder: Path) -> Path:
    from fhsplan.loader import display_path

    return Path(display_path(folder))
