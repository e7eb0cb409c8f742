"""New YAML written in the style of its neighbours: block lines at an indentation, or flow text.

What an edit adds (a history entry, a follow-up, a milestone, a revision) is written here from
plain values; what is already in the file is never rewritten. Scalars follow `scalars.scalar`.
Lists of scalars and nested mappings (a span) are always written in flow style on their line
(`owners: [a, b]`, `from: {start: 2023, end: 2026}`); a list of mappings is a block sequence whose
dash offset and item style (block or flow mappings) follow a `Style` taken from the file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from fhsplan.edit.scalars import scalar

Value: TypeAlias = "str | int | bool | Sequence[Value] | Mapping[str, Value]"


@dataclass(frozen=True, slots=True)
class Style:
    """How a new block sequence of mappings is written: the columns from its key to the dash, the
    spaces after the dash, and whether items are flow mappings (`- {kind: added}`) or block ones."""

    offset: int = 2
    gap: int = 1
    flow_items: bool = False


Styles = Callable[[str], Style]


def flow(value: Value) -> str:
    """`value` in flow style on one line: `{kind: added, revision: 2024}`, `[a, b]`, or a scalar."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key}: {flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    assert isinstance(value, (str, int, bool))
    return scalar(value, flow=True)


def inline(value: Value) -> str:
    """A value on its key's line in a block mapping: a scalar by the quoting rule, else flow."""
    if isinstance(value, (str, int, bool)):
        return scalar(value)
    return flow(value)


def block_pairs(pairs: Mapping[str, Value], indent: int, styles: Styles) -> list[str]:
    """The lines of a block mapping's pairs at `indent` columns."""
    return [line for key, value in pairs.items() for line in block_pair(key, value, indent, styles)]


def block_pair(key: str, value: Value, indent: int, styles: Styles) -> list[str]:
    """One `key: value` of a block mapping; a list of mappings becomes a block sequence under it."""
    pad = " " * indent
    if _records(value):
        style = styles(key)
        prefix = " " * (indent + style.offset) + "-" + " " * style.gap
        assert isinstance(value, (list, tuple))
        return [f"{pad}{key}:", *(line for item in value for line in block_item(item, prefix, style, styles))]
    return [f"{pad}{key}: {inline(value)}"]


def block_item(item: Mapping[str, Value], prefix: str, style: Style, styles: Styles) -> list[str]:
    """A mapping as an item of a block sequence, its first line starting with `prefix` (`    - `)."""
    if style.flow_items:
        return [prefix + flow(item)]
    lines = block_pairs(item, len(prefix), styles)
    lines[0] = prefix + lines[0][len(prefix) :]
    return lines


def _records(value: Value) -> bool:
    return isinstance(value, (list, tuple)) and bool(value) and all(isinstance(v, Mapping) for v in value)
