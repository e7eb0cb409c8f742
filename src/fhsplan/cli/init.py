"""`fhsplan init [FOLDER]`: a new plan repository in one command (issue #13)."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path, PurePosixPath
from typing import Annotated

import typer

from fhsplan.cli.app import LangOption, app, fail
from fhsplan.i18n import _


@app.command(
    help=_(
        "Create a plan repository: a plan or examples, schemas, the GitHub workflow, pre-commit, a README."
    )
)
def init(
    folder: Annotated[
        Path, typer.Argument(help=_("Where to create the plan repository. Default: the current folder."))
    ] = Path("."),
    example: Annotated[
        list[str] | None,
        typer.Option(
            "--example",
            "-e",
            metavar="NAME",
            help=_(
                "Start from an embedded plan (skane-fhs, vastmanland-digitalisering, halland-gnv-2020); repeatable."
            ),
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name", help=_("The new plan's id and folder under plan/. Default: from FOLDER's name.")
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year", min=1900, max=2196, help=_("The new plan's first revision. Default: this year.")
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=_("Overwrite files that exist."))] = False,
    git: Annotated[
        bool,
        typer.Option("--git", help=_("Also run `git init` in FOLDER (by default no repository is made).")),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Create a plan repository: a plan or examples, schemas, the GitHub workflow, pre-commit, a README."""
    from fhsplan import atomic, gitrev, skeleton

    plan_id = skeleton.slug(name) if name else skeleton.slug(folder.resolve().name)
    if name is not None and plan_id != name:
        fail(
            _("--name {name} is not an id: use lowercase letters a-z, digits and hyphens (e.g. {id})").format(
                name=repr(name), id=repr(plan_id)
            )
        )
    try:
        files = skeleton.repository_files(plan_id, year or _dt.date.today().year, list(example or []))
    except skeleton.NotAnExample as exc:
        fail(str(exc))
    if folder.exists() and not folder.is_dir():
        fail(_("{folder} is not a folder").format(folder=folder))
    existing = skeleton.conflicts(folder, files)
    if existing and not force:
        names = ", ".join(str(p) for p in existing)
        fail(
            _("not overwriting what exists in {folder}: {files} (--force overwrites)").format(
                folder=folder, files=names
            )
        )
    try:
        if git:
            folder.mkdir(parents=True, exist_ok=True)
            gitrev.init_repo(folder)
        for rel in files:
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        atomic.replace_files({folder / rel: data for rel, data in files.items()})
    except gitrev.GitError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(_("cannot write in {folder}: {error}").format(folder=folder, error=exc.strerror or exc))
    _report(folder, sorted(files), git)


def _report(folder: Path, written: list[PurePosixPath], git: bool) -> None:
    here = folder == Path(".")
    if here and git:
        said = _("Created a plan repository in the current folder (git init):")
    elif here:
        said = _("Created a plan repository in the current folder:")
    elif git:
        said = _("Created a plan repository in {folder} (git init):")
    else:
        said = _("Created a plan repository in {folder}:")
    typer.echo(said.format(folder=folder))
    for rel in written:
        typer.echo(f"  {rel}")
    cd = "" if folder == Path(".") else f"cd {folder} && "
    typer.echo(
        _("Next: {commands}; README.md says what else to do.").format(
            commands=f"{cd}fhsplan validate && fhsplan map"
        )
    )
