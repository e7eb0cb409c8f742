"""Findings: the one value every check produces and every reporter formats."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """How bad a finding is; errors fail `validate`, warnings only with `--strict`."""

    error = "error"
    warning = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Pos:
    """A 1-based place in a file."""

    file: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule found: a message, its place, related places, and the ids it is about.

    A rule yields problems; the runner turns each into a Finding with the rule's code and severity,
    so a code is written in one place only (as yamllint's linter sets `problem.rule`). `about`
    names the milestones (or areas, files) concerned, so a finding can be recognised across two
    revisions of a plan, whatever its line.
    """

    message: str
    pos: Pos
    related: tuple[Pos, ...] = field(default=())
    about: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found in a plan, with its code, severity and place."""

    code: str
    severity: Severity
    message: str
    pos: Pos
    related: tuple[Pos, ...] = field(default=())
    about: tuple[str, ...] = field(default=())

    @property
    def key(self) -> tuple[str, tuple[str, ...], str]:
        """What the finding is, independent of where: code, the ids it is about, and (for findings
        about no id) the message."""
        return (self.code, self.about, "" if self.about else self.message)

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.pos.file, self.pos.line, self.pos.col, self.code, self.message)


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    """Findings in the deterministic order every reporter uses: file, line, column, code."""
    return sorted(set(findings), key=lambda f: f.sort_key)


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A finding not reported: how (`inline`, `path` or `baseline`), why, and where that is written."""

    finding: Finding
    how: str
    reason: str
    pos: Pos | None = None


@dataclass
class Report:
    """Findings over one or more plans, sorted, with what was checked and what was not reported.

    `plan_of` names the plan of each file with findings; `changed` holds the files a change touched
    (as findings name them), so reporters can put those first; `baseline` names the baseline file
    applied, and `stale` counts its entries that no longer match a finding. `root` is the
    repository's top folder, which GitHub and SARIF name files relative to, and `rules_url` the
    rule catalogue's address, for help links.
    """

    findings: list[Finding]
    plans: list[str]
    files: int
    suppressed: list[Suppressed] = field(default_factory=list)
    plan_of: dict[str, str] = field(default_factory=dict)
    changed: frozenset[str] = frozenset()
    baseline: str | None = None
    stale: int = 0
    root: str | None = None
    rules_url: str | None = None

    def repo_path(self, file: str) -> str:
        """A file as findings name it, relative to the repository root when known, with '/'."""
        if self.root is None:
            return file
        import os

        rel = os.path.relpath(os.path.realpath(file), self.root).replace(os.sep, "/")
        return file if rel.startswith("../") else rel

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.error)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.warning)
