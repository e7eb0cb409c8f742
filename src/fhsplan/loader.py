"""Files to models: find plans, load their YAML, validate with pydantic, map errors to lines."""

from __future__ import annotations

import contextlib
import difflib
import os
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel, ValidationError

from fhsplan.findings import Finding, Pos, Problem
from fhsplan.i18n import N_, _, ngettext
from fhsplan.models import AreaFile, PlanFile
from fhsplan.plan import Area, Entry, Plan, Where
from fhsplan.rules.coverage import UNREAD_FILE
from fhsplan.rules.schema import SCHEMA_VIOLATION
from fhsplan.rules.syntax import NOT_UTF8
from fhsplan.source import Document, load_bytes, load_file, paused_gc

PLAN_FILE = "plan.yaml"
AREAS_DIR = "areas"
AREA_SUFFIXES = (".yaml", ".yml")
PLAN_ROOT = "plan"


class PlanNotFound(Exception):
    """A plan named on the command line does not exist: a usage error (exit 2)."""


class PlanUnreadable(PlanNotFound):
    """A plan folder, its `areas/` or the `plan/` folder cannot be read: an I/O error (exit 2 too).

    Listing an unreadable folder used to give nothing, so a plan whose `areas/` could not be read
    validated clean with "1 file checked", and an unreadable `plan/` ended in a traceback.
    """


@dataclass
class LoadResult:
    """What loading one plan folder gave: the index (when every file loaded) and findings."""

    folder: Path
    plan: Plan | None
    findings: list[Finding]
    files: int = 0


def display_path(path: Path) -> str:
    """A path as findings show it: relative to the working directory when below it, with '/'."""
    try:
        relative = Path(os.path.relpath(path))
    except ValueError:  # another drive on Windows
        return path.as_posix()
    return path.as_posix() if relative.parts[:1] == ("..",) else relative.as_posix()


def _unreadable(path: Path, exc: OSError) -> PlanUnreadable:
    return PlanUnreadable(
        _("cannot read {file}: {why}").format(file=display_path(path), why=exc.strerror or exc)
    )


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    """The entries of a folder that exists, in name order; PlanUnreadable when it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        raise _unreadable(folder, exc) from None


def _is_file(path: Path) -> bool:
    """`path.is_file()`, but a folder that cannot be searched is PlanUnreadable, not a traceback."""
    try:
        return path.is_file()
    except OSError as exc:
        raise _unreadable(path.parent, exc) from None


def _exists(path: Path) -> bool:
    """`path.exists()`, but a folder that cannot be searched is PlanUnreadable, not a traceback."""
    try:
        return path.exists()
    except OSError as exc:
        raise _unreadable(path.parent, exc) from None


def _leads_out(path: Path, folder: Path) -> bool:
    """Whether `path` is, or passes through, a link to somewhere outside `folder`."""
    return not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def find_plan_root(start: Path | None = None) -> Path | None:
    """The `plan/` folder of the working directory or its nearest ancestor that has one."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / PLAN_ROOT
        with contextlib.suppress(OSError):  # an ancestor we may not search has no plan/ for us
            if candidate.is_dir():
                return candidate
    return None


def plan_folders(path: Path) -> list[Path]:
    """Plan folders at `path`: the plan that holds it (a file, `areas/`, the plan folder itself), the
    plans in it (`plan/`), or the plans in its `plan/` folder (a repository)."""
    holder = _holding_plan(path)
    if holder is not None:
        return [holder]
    if path.is_dir():
        for root in (path, path / PLAN_ROOT):
            folders = _plans_in(root)
            if folders:
                return folders
        raise PlanNotFound(
            _("no plan in {folder} (a plan is a folder with a {plan_file})").format(
                folder=display_path(path), plan_file=PLAN_FILE
            )
        )
    if _exists(path):
        raise PlanNotFound(
            _("{path} is not part of a plan (no {plan_file} beside it or above it)").format(
                path=display_path(path), plan_file=PLAN_FILE
            )
        )
    raise PlanNotFound(_("{path}: no such file or folder").format(path=display_path(path)))


def _holding_plan(path: Path) -> Path | None:
    """The plan folder that is `path` or holds it, as `path` is spelt when it is the folder itself."""
    if path.is_dir() and _is_file(path / PLAN_FILE):
        return path
    if not _exists(path):
        return None
    # Walk up from the absolute path: `Path("x.yaml").parent` is ".", whose parent is "." again, so
    # a file named relative to the working directory never found the plan above it (issue #13).
    for folder in path.absolute().parents:
        if _is_file(folder / PLAN_FILE):
            return Path(os.path.relpath(folder)) if _below_cwd(folder) else folder
    return None


def _below_cwd(folder: Path) -> bool:
    try:
        return Path(os.path.relpath(folder)).parts[:1] != ("..",)
    except ValueError:  # another drive on Windows
        return False


def _plans_in(root: Path) -> list[Path]:
    """The plans in a folder of plans: every subfolder with a plan file, a `plan.yml` or `areas/`."""
    # A folder with a misnamed plan.yml, or with areas but no plan file, is a plan that does not
    # load (missing plan.yaml), not a folder that is silently passed over. A folder that cannot be
    # listed is PlanUnreadable, not a repository without plans.
    return [
        Path(e.path)
        for e in _entries(root)
        if not e.name.startswith(".")
        and e.is_dir()
        and any(_exists(Path(e.path) / name) for name in (PLAN_FILE, "plan.yml", AREAS_DIR))
    ]


def resolve_plan(spec: str | None, start: Path | None = None, *, examples: bool = True) -> Path:
    """The plan folder that `--plan` names (a path, a name under plan/ or, with `examples`, an
    embedded example's name), or the default plan."""
    from fhsplan import embedded

    root = find_plan_root(start)
    if spec:
        path = Path(spec)
        if _is_file(path / PLAN_FILE):
            return path
        if root is not None and _is_file(root / spec / PLAN_FILE):
            return root / spec
        # The plans that ship with fhsplan answer to their names anywhere (issue #13).
        example = embedded.example(spec)
        if example is not None and examples:
            return example
        if example is not None:  # an edit: the copy inside the package is not the user's to change
            raise PlanNotFound(
                _(
                    "no plan named {name} here, and the embedded example is read-only: "
                    "`fhsplan init --example {spec}` makes a copy to edit"
                ).format(name=repr(spec), spec=spec)
            )
        known = ", ".join(p.name for p in plan_folders(root)) if root else _("none")
        shipped = ", ".join(embedded.example_names()) or _("none")
        raise PlanNotFound(
            _("no plan named {name} (plans: {known}; embedded examples: {shipped})").format(
                name=repr(spec), known=known, shipped=shipped
            )
        )
    if root is None:
        # No silent fallback to an example: `validate` in a checkout without plan/ must not pass
        # by checking the embedded plan instead.
        shipped = ", ".join(embedded.example_names())
        raise PlanNotFound(
            _(
                "no {root}/ folder here or above; name a plan with --plan PATH, an embedded "
                "example ({shipped}), or start one with fhsplan init"
            ).format(root=PLAN_ROOT, shipped=shipped)
        )
    folders = plan_folders(root)
    if len(folders) == 1:
        return folders[0]
    defaults = [f for f in folders if _declares_default(f)]
    if len(defaults) == 1:
        return defaults[0]
    names = ", ".join(f.name for f in folders)
    raise PlanNotFound(
        ngettext(
            "{n} plan says `default: true` among {names}; name one with --plan",
            "{n} plans say `default: true` among {names}; name one with --plan",
            len(defaults),
        ).format(n=len(defaults), names=names)
    )


def _declares_default(folder: Path) -> bool:
    path = folder / PLAN_FILE
    if _leads_out(path, folder):  # not read: see refused_links
        return False
    doc = load_file(str(path))
    return isinstance(doc.value, dict) and doc.value.get("default") is True


def area_files(folder: Path) -> list[Path]:
    """A plan's area files in the plan's order (file-name order), `.yaml` and `.yml` alike; links
    that lead out of the plan folder are left out (refused_links names them), and an unreadable
    `areas/` is PlanUnreadable."""
    found = [Path(e.path) for e in _entries(folder / AREAS_DIR) if is_area_name(e.name) and e.is_file()]
    return [path for path in found if not _leads_out(path, folder)]


def is_area_name(name: str) -> bool:
    """Whether a file in `areas/` is read as a focus area: a visible `.yaml` or `.yml` file."""
    return name.endswith(AREA_SUFFIXES) and not name.startswith(".")


def unread_files(folder: Path) -> list[Path]:
    """Files in a plan folder that the loader does not read (hidden files and folders aside)."""
    read = {folder / PLAN_FILE, *area_files(folder)}
    unread = []
    for top, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(top) / name
            if not name.startswith(".") and path not in read:
                unread.append(path)
    return unread


def unread_finding(path: Path, folder: Path) -> Finding:
    """The FHS604 warning for a file the loader passes over, saying what it may have meant."""
    rel = path.relative_to(folder).as_posix()
    if rel == "plan.yml":
        said = _("{file} is not part of the plan: fhsplan does not read it; the plan file is {plan_file}")
    elif path.parent == folder / AREAS_DIR:
        said = _("{file} is not part of the plan: fhsplan does not read it; area files end in .yaml or .yml")
    elif AREAS_DIR in path.relative_to(folder).parts[:-1]:
        said = _(
            "{file} is not part of the plan: fhsplan does not read it; area files lie directly in {areas}/"
        )
    else:
        said = _("{file} is not part of the plan: fhsplan does not read it")
    message = said.format(file=rel, plan_file=PLAN_FILE, areas=AREAS_DIR)
    return UNREAD_FILE.finding(Problem(message, Pos(display_path(path)), about=(rel,)))


def refused_links(folder: Path) -> list[Finding]:
    """FHS103 for each plan file that leads out of the plan folder through a link: it is not read.

    Git keeps symbolic links as links, so a pull request can add `areas/x.yaml -> /etc/passwd`,
    `../../../secrets.yaml`, an `areas` link or a plan folder that is a link: followed, `validate`
    revealed the outside file's key names and `diff` printed its content (issue #10). A link to a
    place inside the plan folder (or, for the plan folder itself, beside it) is read as usual.
    """
    if folder.is_symlink() and _leads_out(folder, folder.parent):
        message = _(
            "the plan folder {name} is a link to {target}, outside {where}/; "
            "fhsplan does not follow links out of a plan"
        ).format(name=folder.name, target=os.readlink(folder), where=display_path(folder.parent))
        return [NOT_UTF8.finding(Problem(message, Pos(display_path(folder))))]
    areas = folder / AREAS_DIR
    found = [folder / PLAN_FILE, *(Path(e.path) for e in _entries(areas) if is_area_name(e.name))]
    refused = []
    for path in (p for p in found if _leads_out(p, folder)):
        if path.is_symlink():
            said = _(
                "{name} is a link to {target}, outside the plan folder; fhsplan does not follow links out of a plan"
            ).format(name=path.name, target=os.readlink(path))
        else:
            said = _(
                "{name} is in {areas}/, a link to {target}, outside the plan folder; "
                "fhsplan does not follow links out of a plan"
            ).format(name=path.name, areas=AREAS_DIR, target=os.readlink(areas))
        refused.append(NOT_UTF8.finding(Problem(said, Pos(display_path(path)))))
    return refused


def load_folder(folder: Path) -> LoadResult:
    """`load_plan` for a plan folder on disk, once nothing in it leads out of it: a plan with a
    refused link does not load, and the findings say which file."""
    refused = refused_links(folder)
    if refused:
        files = 1 + sum(1 for e in _entries(folder / AREAS_DIR) if is_area_name(e.name))
        return LoadResult(folder, None, refused, files)
    return load_plan(folder)


# Files already loaded, by path and content, with what loading them gave (see load_plan's `memo`).
Memo = dict[tuple[Path, bytes], tuple[BaseModel, Where]]


def load_plan(
    folder: Path,
    texts: Mapping[Path, bytes] | None = None,
    area_paths: Sequence[Path] | None = None,
    memo: Memo | None = None,
) -> LoadResult:
    """Load and validate one plan folder into a plan index, or findings saying why not.

    `texts` gives the content of some of its files instead of what is on disk: an edit checks
    the plan it would write before writing it (issue #14). `area_paths` names the area files, in the
    plan's order, when they are not those on disk: a plan read from git is loaded from memory,
    with no copy of any file (issue #13). `memo` remembers the files of `texts` that loaded without
    a finding, so a second revision loads only the files that differ (models are immutable).
    """
    findings: list[Finding] = []
    given = texts or {}
    with paused_gc():
        meta = _load_model(folder / PLAN_FILE, PlanFile, findings, given.get(folder / PLAN_FILE), memo)
        paths = area_files(folder) if area_paths is None else area_paths
        areas = [(path, _load_model(path, AreaFile, findings, given.get(path), memo)) for path in paths]
    files = 1 + len(areas)
    if meta is None or any(model is None for _, model in areas):
        return LoadResult(folder, None, findings, files)
    meta_model, meta_where = meta
    area_list: list[Area] = []
    entries: list[Entry] = []
    for order, (_path, loaded) in enumerate(areas):
        assert loaded is not None
        model, where = cast(AreaFile, loaded[0]), loaded[1]
        area_list.append(Area(model, where, order))
        for index, milestone in enumerate(model.milestones):
            entries.append(Entry(milestone, model.id, where.child("milestones", index)))
    plan = Plan(folder.name, folder, cast(PlanFile, meta_model), meta_where, area_list, entries)
    return LoadResult(folder, plan, findings, files)


def _load_model(
    path: Path,
    model: type[BaseModel],
    findings: list[Finding],
    data: bytes | None = None,
    memo: Memo | None = None,
) -> tuple[BaseModel, Where] | None:
    if data is not None and memo is not None:
        known = memo.get((path, data))
        if known is not None:
            return known
        found = len(findings)
        loaded = _load_model(path, model, findings, data)
        if loaded is not None and len(findings) == found:
            memo[(path, data)] = loaded
        return loaded
    name = display_path(path)
    if data is not None:
        doc = load_bytes(data, name)
    elif path.is_file():
        doc = load_file(str(path), name)
    else:
        findings.append(NOT_UTF8.finding(Problem(_("missing {file}").format(file=path.name), Pos(name))))
        return None
    if not doc.ok:
        findings.extend(doc.findings)
        return None
    # Only the model and the position tree outlive this call: the raw values go with `doc`.
    return validate_document(doc, model, findings)


def validate_document(
    doc: Document, model: type[BaseModel], findings: list[Finding]
) -> tuple[BaseModel, Where] | None:
    """Validate a loaded document against a model; schema errors become located FHS200 findings."""
    where = Where(doc.file, doc.positions)
    if not isinstance(doc.value, dict):
        if doc.value is None:
            said = _("expected a mapping of fields, found empty")
        else:
            said = _("expected a mapping of fields, found a {type}").format(type=type(doc.value).__name__)
        findings.append(SCHEMA_VIOLATION.finding(Problem(said, where.pos())))
        return None
    try:
        return model.model_validate(doc.value), where
    except ValidationError as exc:
        findings.extend(_schema_findings(exc, model, where, doc.value))
        return None


def _schema_findings(exc: ValidationError, model: type[BaseModel], where: Where, data: Any) -> list[Finding]:
    out = []
    # include_input=False: an aliased value would be expanded into the message (YAML-FACTS.md).
    for err in exc.errors(include_input=False, include_url=False, include_context=False):
        kind = err["type"]
        path = _data_path(tuple(err["loc"]), model)
        if kind == "extra_forbidden":
            name = str(path[-1])
            message = _("unknown field {name}{hint}").format(
                name=repr(name), hint=_suggestion(name, _fields_at(path[:-1], model))
            )
            pos = where.pos(*path, key=True)
            path = path[:-1]
        elif kind == "missing":
            message = _("missing required field {name}").format(name=repr(str(path[-1])))
            pos = where.pos(*path[:-1])
            path = path[:-1]
        else:
            message = _message(err)
            pos = where.pos(*path)
        out.append(
            SCHEMA_VIOLATION.finding(Problem(f"{_label(path, data)}: {message}" if path else message, pos))
        )
    return out


_PLAIN_MESSAGES = {
    "model_type": N_("expected a mapping of fields"),
    "dict_type": N_("expected a mapping of fields"),
    "list_type": N_("expected a list"),
    "string_type": N_("expected text"),
    "int_type": N_("expected a whole number"),
    "bool_type": N_("expected true or false"),
    "string_pattern_mismatch": N_(
        "not an id: use lowercase letters a-z, digits and single hyphens (e.g. 'nara-vard')"
    ),
}


def _message(err: Any) -> str:
    """pydantic's message in the plan author's terms."""
    if err["type"] in _PLAIN_MESSAGES:
        return _(_PLAIN_MESSAGES[err["type"]])
    msg = str(err["msg"])
    msg = msg.removeprefix("Value error, ")
    # pydantic's own wording for other errors stays English, whole (pydantic has no catalogues).
    return msg.replace("Input should be", "must be")


def _label(path: tuple[Any, ...], data: Any) -> str:
    """A path for people: `milestone ledarskapsakademi: effects[1].text` rather than `milestones.4...`."""
    head = ""
    if len(path) >= 2 and path[0] == "milestones" and isinstance(path[1], int):
        try:
            ident = data["milestones"][path[1]]["id"]
        except (KeyError, IndexError, TypeError):
            ident = None
        if isinstance(ident, str):
            head, path = _("milestone {id}").format(id=ident), path[2:]
    parts = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
    return f"{head}: {parts}" if head and parts else head or parts


def _data_path(loc: tuple[Any, ...], model: type[BaseModel]) -> tuple[Any, ...]:
    """Strip pydantic's union and function tags from an error location, keeping data keys."""
    path: list[Any] = []
    current: list[type[BaseModel]] = [model]
    for part in loc:
        if isinstance(part, int):
            path.append(part)
            continue
        fields = {name for m in current for name in m.model_fields}
        if part in fields or not current:
            path.append(part)
            current = [
                sub
                for m in current
                if part in m.model_fields
                for sub in _models_in(m.model_fields[part].annotation)
            ]
        elif part in ("span", "year", "point") or "[" in part or part in ("int", "str", "bool", "float"):
            continue  # a union member's tag, not a key of the data
        else:
            path.append(part)  # an unknown key (extra_forbidden)
    return tuple(path)


def _fields_at(path: tuple[Any, ...], model: type[BaseModel]) -> list[str]:
    current: list[type[BaseModel]] = [model]
    for part in path:
        if isinstance(part, int):
            continue
        current = [
            sub
            for m in current
            if part in m.model_fields
            for sub in _models_in(m.model_fields[part].annotation)
        ]
    return sorted({name for m in current for name in m.model_fields})


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models inside an annotation such as `list[Effect] | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is typing.Annotated:
        args = args[:1]
    elif isinstance(annotation, types.UnionType) or args:
        pass
    return [m for arg in args for m in _models_in(arg)]


def _suggestion(name: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return _(" (did you mean {name}?)").format(name=repr(close[0])) if close else ""
