"""How plans are checked: `fhsplan.toml` or `[tool.fhsplan]`, a plan's `checks:`, and the command line.

The project's configuration file is the nearest `fhsplan.toml`, or `pyproject.toml` with a
`[tool.fhsplan]` table, in the folder that holds a plan's `plan/` folder or above it, up to the
repository's root. A plan's `checks:` adds to it; the command line wins over both (docs/ci.md).
A setting fhsplan cannot use is an FHS700 finding at its line and column and is left out.
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fhsplan import RULES_URL
from fhsplan.findings import Finding, Pos, Problem, Severity
from fhsplan.i18n import _
from fhsplan.models import Checks
from fhsplan.rules.settings import CONFIGURATION
from fhsplan.wording import did_you_mean

if TYPE_CHECKING:
    from fhsplan.plan import Plan
    from fhsplan.rules import Rule

CONFIG_FILE = "fhsplan.toml"
PYPROJECT = "pyproject.toml"


@dataclass(frozen=True, slots=True)
class PathIgnore:
    """Codes not reported in the files a pattern matches, relative to a folder, and where it is set."""

    base: Path
    pattern: str
    codes: frozenset[str]
    pos: Pos

    def matches(self, file: str) -> bool:
        """Whether a file, as findings name it, is one the pattern names."""
        rel = os.path.relpath(_real(file), self.base).replace(os.sep, "/")
        return not rel.startswith("../") and _glob(self.pattern).fullmatch(rel) is not None


@dataclass(frozen=True)
class Settings:
    """The checks in force for one plan: what is off, what weighs otherwise, what is ignored where."""

    disabled: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    ignores: tuple[PathIgnore, ...] = ()
    as_of: str | None = None
    rules_url: str = RULES_URL
    findings: tuple[Finding, ...] = ()

    def severity_of(self, rule: Rule) -> Severity:
        return self.severity.get(rule.code, rule.severity)


def as_of_date(spec: str | None, plan: Plan | None) -> _dt.date:
    """The date overdue is judged by: `revision` is the current revision's decision date, else the
    end of the year it belongs to (a revision that names no year, or no plan, falls back to today)."""
    if spec is None or spec == "today":
        return _dt.date.today()
    if spec != "revision":
        return _dt.date.fromisoformat(spec)
    revision = plan.revision(plan.current_revision) if plan is not None else None
    if revision is None:
        return _dt.date.today()
    if revision.date is not None:
        return revision.date
    year = revision.in_year
    return _dt.date(year, 12, 31) if year is not None else _dt.date.today()


def project_settings(folder: Path) -> Settings:
    """The project's settings for the plan in `folder`: its configuration file's, or none."""
    path = find_config(folder.resolve())
    return _read(path) if path is not None else Settings()


def find_config(folder: Path) -> Path | None:
    """The nearest configuration file from a plan folder's parent upward, up to the repository root."""
    for candidate in folder.parents:
        if (candidate / CONFIG_FILE).is_file():
            return candidate / CONFIG_FILE
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _names_us(pyproject):
            return pyproject
        if (candidate / ".git").exists():
            return None
    return None


# A pyproject is parsed only when its text can hold a [tool.fhsplan] table, so tomllib is never
# imported for the pyproject.toml of a project that does not configure fhsplan (`[project.scripts]
# fhsplan = ...` is not one that does).
_DOTTED = re.compile(rb"tool\s*\.\s*[\"']?fhsplan[\"']?\s*[.\]=]")
_TOOL = re.compile(rb"^\s*\[\s*tool\s*\]", re.MULTILINE)
_KEY = re.compile(rb"^\s*[\"']?fhsplan[\"']?\s*[.=]", re.MULTILINE)


def _names_us(path: Path) -> bool:
    try:
        text = path.read_bytes()
    except OSError:
        return False
    if not (_DOTTED.search(text) or (_TOOL.search(text) and _KEY.search(text))):
        return False
    from fhsplan.configfile import has_table

    return has_table(text)


@functools.cache
def _read(path: Path) -> Settings:
    """The settings of one configuration file (read once per run), with findings for what is wrong."""
    from fhsplan.configfile import read

    model, where, problems = read(path)
    if where is None:
        return Settings(findings=tuple(CONFIGURATION.finding(p) for p in problems))
    checked = list(_checked(model, path.parent, where.pos, problems))
    return _settings(model, checked, problems, model.rules_url)


def plan_settings(plan: Plan) -> Settings:
    """The settings in force for a plan: the project's, with the plan's `checks:` added."""
    project = project_settings(plan.folder)
    problems: list[Problem] = []
    where = plan.meta_where.child("checks")
    checks = plan.meta.checks
    checked = list(_checked(checks, plan.folder.resolve(), where.pos, problems))
    own = _settings(checks, checked, problems, None)
    return Settings(
        disabled=project.disabled | own.disabled,
        severity={**project.severity, **own.severity},
        ignores=project.ignores + own.ignores,
        as_of=own.as_of or project.as_of,
        rules_url=project.rules_url,
        findings=project.findings + own.findings,
    )


def ignore_problems(plan: Plan) -> Iterator[tuple[int, int, Problem]]:
    """Milestones' `ignore:` entries that name a rule fhsplan cannot ignore, by entry and index."""
    from fhsplan.rules import RULES

    for n, entry in enumerate(plan.entries):
        for i, ignore in enumerate(entry.model.ignore):
            message = _refusal(ignore.code, RULES, "ignored")
            if message:
                said = _("{milestone}: {problem}").format(milestone=entry.id, problem=message)
                yield n, i, Problem(said, entry.where.pos("ignore", i, "code"))


def _refusal(code: str, rules: Mapping[str, Rule], what: str) -> str:
    """Why a code cannot be used in a setting, or nothing."""
    if code not in rules:
        return _("unknown rule {code}{hint}").format(code=repr(code), hint=did_you_mean(code, rules))
    if code == CONFIGURATION.code:
        said = {
            "turned off": _("{code} reports settings in error and cannot be turned off"),
            "changed": _("{code} reports settings in error and cannot be changed"),
            "ignored": _("{code} reports settings in error and cannot be ignored"),
        }
    elif locked(rules[code]):
        said = {
            "turned off": _("{code} decides whether the plan loads and cannot be turned off"),
            "changed": _("{code} decides whether the plan loads and cannot be changed"),
            "ignored": _("{code} decides whether the plan loads and cannot be ignored"),
        }
    else:
        return ""
    return said[what].format(code=code)


def locked(rule: Rule) -> bool:
    """Whether no setting may touch a rule: the load-time errors, which decide whether a plan loads
    at all, and FHS700, which would otherwise hide a configuration in error."""
    return rule.check is None and rule.severity is Severity.error


def _checked(checks: Checks, base: Path, pos: Any, problems: list[Problem]) -> Iterator[tuple[str, str, Any]]:
    """The usable entries of one set of checks, (kind, code, extra); the others become problems."""
    from fhsplan.rules import RULES

    def usable(code: str, what: str, at: Pos) -> bool:
        message = _refusal(code, RULES, what)
        if message:
            problems.append(Problem(message, at))
        return not message

    for i, code in enumerate(checks.disable):
        if usable(code, "turned off", pos("disable", i)):
            yield "disable", code, None
    for code, level in checks.severity.items():
        if usable(code, "changed", pos("severity", code, key=True)):
            yield "severity", code, level
    for pattern, codes in checks.per_path_ignores.items():
        for i, code in enumerate(codes):
            if usable(code, "ignored", pos("per_path_ignores", pattern, i)):
                yield (
                    "ignore",
                    code,
                    PathIgnore(base, pattern, frozenset({code}), pos("per_path_ignores", pattern, key=True)),
                )


def _settings(
    checks: Checks, checked: Iterable[tuple[str, str, Any]], problems: list[Problem], url: str | None
) -> Settings:
    disabled: set[str] = set()
    severity: dict[str, Severity] = {}
    ignores: dict[tuple[Path, str, Pos], set[str]] = {}
    for kind, code, extra in checked:
        if kind == "disable":
            disabled.add(code)
        elif kind == "severity":
            severity[code] = extra
        else:
            ignores.setdefault((extra.base, extra.pattern, extra.pos), set()).add(code)
    return Settings(
        disabled=frozenset(disabled),
        severity=severity,
        ignores=tuple(PathIgnore(b, p, frozenset(c), at) for (b, p, at), c in ignores.items()),
        as_of=checks.as_of,
        rules_url=url or RULES_URL,
        findings=tuple(CONFIGURATION.finding(p) for p in problems),
    )


@functools.cache
def _real(file: str) -> str:
    return os.path.realpath(file)


@functools.cache
def _glob(pattern: str) -> re.Pattern[str]:
    import fnmatch

    return re.compile(fnmatch.translate(pattern))
