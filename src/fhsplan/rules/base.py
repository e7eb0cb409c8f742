"""What a rule is: a code, a name, a severity, user documentation and a check."""

from __future__ import annotations

import datetime as _dt
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from fhsplan.findings import Finding, Severity
from fhsplan.plan import Plan


@dataclass(frozen=True)
class Context:
    """What rules may know beyond the plan: the date that `overdue` is judged against."""

    as_of: _dt.date


Check = Callable[[Plan, Context], Iterable[Finding]]


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


def rule(code: str, name: str, severity: Severity) -> Callable[[Check], Rule]:
    """Declare a rule from a check function; the function's docstring documents the rule."""

    def wrap(check: Check) -> Rule:
        return Rule(code, name, severity, inspect.getdoc(check) or "", check)

    return wrap


def load_time_rule(code: str, name: str, doc: str) -> Rule:
    """Declare a rule that the loader enforces; `doc` documents it."""
    return Rule(code, name, Severity.error, inspect.cleandoc(doc), None)
