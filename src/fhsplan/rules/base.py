"""What a rule is: a code, a name, a severity, user documentation and a check."""

from __future__ import annotations

import datetime as _dt
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fhsplan.findings import Finding, Pos, Problem, Severity
from fhsplan.i18n import pgettext
from fhsplan.lifecycle import Change, Status

if TYPE_CHECKING:
    from fhsplan.plan import Plan


@dataclass(frozen=True)
class Context:
    """What rules may know beyond the plan: the date that `overdue` is judged against."""

    as_of: _dt.date


Check = Callable[["Plan", Context], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    """A consistency rule. Its docstring is its user documentation, with a bad and a good example.

    Rules with no `check` are enforced while loading (syntax, encoding, schema).
    """

    code: str
    name: str
    severity: Severity
    doc: str
    check: Check | None

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""

    def finding(self, problem: Problem) -> Finding:
        """The problem as a finding of this rule: the one place a code and severity are attached."""
        return Finding(self.code, self.severity, problem.message, problem.pos, problem.related, problem.about)

    def run(self, plan: Plan, context: Context) -> Iterable[Finding]:
        """The rule's findings on one plan (none for load-time rules)."""
        if self.check is None:
            return ()
        return (self.finding(problem) for problem in self.check(plan, context))


def rule(code: str, name: str, severity: Severity) -> Callable[[Check], Rule]:
    """Declare a rule from a check function; the function's docstring documents the rule."""

    def wrap(check: Check) -> Rule:
        return Rule(code, name, severity, inspect.getdoc(check) or "", check)

    return wrap


def load_time_rule(code: str, name: str, doc: str, severity: Severity = Severity.error) -> Rule:
    """Declare a rule that the loader (or the runner, around the rules) enforces; `doc` documents it."""
    return Rule(code, name, severity, inspect.cleandoc(doc), None)


def problem(message: str, pos: Pos, *related: Pos, about: tuple[str, ...] = ()) -> Problem:
    """A problem at `pos`, with related places and the ids it concerns."""
    return Problem(message, pos, related, about)


def status_word(status: Status) -> str:
    """A status as a message says it: its YAML value in English, the plan document's word in Swedish."""
    words = {
        Status.done: pgettext("status", "done"),
        Status.started: pgettext("status", "started"),
        Status.planned: pgettext("status", "planned"),
        Status.postponed: pgettext("status", "postponed"),
        Status.cancelled: pgettext("status", "cancelled"),
        Status.unknown: pgettext("status", "unknown"),
    }
    return words[status]


def change_word(change: Change) -> str:
    """A history entry's kind as a message says it: its YAML value in English, the document's word in Swedish."""
    words = {
        Change.added: pgettext("change", "added"),
        Change.reformulated: pgettext("change", "reformulated"),
        Change.postponed: pgettext("change", "postponed"),
        Change.advanced: pgettext("change", "advanced"),
        Change.moved: pgettext("change", "moved"),
        Change.removed: pgettext("change", "removed"),
    }
    return words[change]
