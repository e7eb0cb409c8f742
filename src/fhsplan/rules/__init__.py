"""The rule catalogue: an explicit registry of every rule by code.

The registry is built on first use: the loader (fhsplan.source) declares its findings through the
load-time rules of `fhsplan.rules.syntax`, and importing every rule module (and with them the plan
index, which imports the loader) at that point would be circular.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fhsplan.rules.base import Context, Rule

if TYPE_CHECKING:
    RULES: dict[str, Rule]


def _registry() -> dict[str, Rule]:
    from fhsplan.rules import coverage, graph, identity, schema, settings, status, syntax, timing

    modules = (syntax, schema, identity, graph, timing, status, coverage, settings)
    return {r.code: r for module in modules for r in module.RULES}


def __getattr__(name: str) -> Any:
    if name == "RULES":
        registry = _registry()
        globals()["RULES"] = registry
        return registry
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["RULES", "Context", "Rule"]
