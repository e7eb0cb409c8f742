"""The rule catalogue: an explicit registry of every rule by code."""

from __future__ import annotations

from fhsplan.rules import coverage, graph, identity, schema, status, syntax, timing
from fhsplan.rules.base import Context, Rule

RULES: dict[str, Rule] = {
    r.code: r for module in (syntax, schema, identity, graph, timing, status, coverage) for r in module.RULES
}

__all__ = ["RULES", "Context", "Rule"]
