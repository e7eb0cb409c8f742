"""One YAML file being edited: its text, the marks of its nodes, and the splices that change it.

The file is composed once (after every guard of `fhsplan.source` passed) into a node graph whose
marks are character offsets into the text. An edit never re-dumps the file: it replaces the exact
span of a value, or inserts new lines after the last line of a mapping's pair or a sequence's
item, at that collection's indentation, dash offset and style. Everything else stays byte for byte:
comments, key order, quoting, blank lines, line breaks (LF or CRLF) and a UTF-8 byte-order mark.

- A scalar is replaced in its span by `scalars.restyled` (its old style where the text allows).
- A key is added to a block mapping on a line of its own, after the existing key that precedes
  it in the model's field order (so `followups` lands after `history`, before `source`); in a
  flow mapping as `, key: value` after that key's value.
- An item is appended to a block sequence after its last item, with the last item's dash
  prefix and style (block or flow mapping), and a blank line before it where the last item has
  one; to a flow sequence as `, item` before `]`.
- A missing sequence key (`history:`, `followups:`) is created in the style the file already uses
  for such sequences (`Style`), block mappings two columns in when the file has none.

Limits: a comment *inside* a value that is replaced (between `due:` and a block span under it)
goes with the old value; comments after the last item of a sequence stay below the new item.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from fhsplan.edit import Refused, patch
from fhsplan.edit.fragments import Style, Value, block_item, block_pairs, flow, inline
from fhsplan.edit.patch import Splice
from fhsplan.edit.scalars import restyled
from fhsplan.i18n import _
from fhsplan.source import Document, decode, load_for_edit, resolve_plain

# Sequences whose style a new one of another name borrows when the file has none of its own.
_KIN = ("history", "followups", "depends_on", "effects", "revisions", "milestones")
_HINT_NODES = 20_000
BOM = "\ufeff"  # style hints come from the start of a file; a 10k-milestone file need not be walked


@dataclass(frozen=True, slots=True)
class At:
    """A node of the file; whether it sits in a flow collection (where `, [ ] { }` end plain text);
    and whether it is shared through a YAML anchor and alias, so that an edit of it would change
    other places too (then edits refuse it)."""

    node: yaml.Node
    flow: bool
    shared: bool = False

    def child(self, node: yaml.Node, shared: bool = False) -> At:
        in_flow = self.flow or bool(getattr(node, "flow_style", False))
        return At(node, in_flow, self.shared or shared)

    @property
    def is_mapping(self) -> bool:
        return isinstance(self.node, yaml.MappingNode)


@dataclass
class _NewKeys:
    mapping: At
    order: Sequence[str]
    values: dict[str, Value]


class YamlFile:
    """A plan file's text with the node graph to place edits, and the edits made so far."""

    def __init__(self, path: Path, data: bytes, name: str) -> None:
        text = decode(data, name)
        if isinstance(text, Document):
            raise Refused(_why(text))
        doc, node = load_for_edit(text, name)
        if not doc.ok or not isinstance(node, yaml.MappingNode):
            raise Refused(_why(doc) if not doc.ok else _("{file}: not a mapping of fields").format(file=name))
        self.path, self.name, self.data, self.text = path, name, data, text
        self.bom = data.startswith(codecs.BOM_UTF8)
        self.newline = "\r\n" if "\r\n" in text[: text.find("\n") + 1] else "\n"
        self.root = At(node, bool(node.flow_style))
        self._splices: list[Splice] = []
        self._new_keys: dict[int, _NewKeys] = {}
        self._appended: dict[int, int] = {}
        self._hints: dict[str, Style] | None = None

    # Reading

    def pair(self, mapping: At, key: str) -> tuple[yaml.Node, yaml.Node] | None:
        """The key and value nodes of `key` in a mapping."""
        assert isinstance(mapping.node, yaml.MappingNode)
        return next(((k, v) for k, v in mapping.node.value if k.value == key), None)

    def get(self, mapping: At, key: str) -> At | None:
        """The value of `key` in a mapping."""
        found = self.pair(mapping, key)
        return self._value(mapping, *found) if found else None

    def item(self, sequence: At, index: int) -> At:
        assert isinstance(sequence.node, yaml.SequenceNode)
        items = sequence.node.value
        after = items[index - 1].end_mark.index if index else sequence.node.start_mark.index
        return sequence.child(items[index], self._shared(items[index], after))

    def _value(self, mapping: At, key: yaml.Node, value: yaml.Node) -> At:
        return mapping.child(value, self._shared(value, key.end_mark.index))

    def _shared(self, node: yaml.Node, after: int) -> bool:
        """An alias (its node stands before its place: at the anchor) or an anchored node (`&name`)."""
        start = node.start_mark.index
        return start < after or self.text.startswith("&", start)

    # Changing

    def put(self, mapping: At, key: str, value: Value, order: Sequence[str]) -> None:
        """Set `key` to `value`: the value replaced where the key exists, else a new key in `order`."""
        found = self.pair(mapping, key)
        if found is None:
            self._new(self._own(mapping, key), order).values[key] = value
        else:
            self._replace(self._own(self._value(mapping, *found), key), found[0], value)

    def append(self, mapping: At, key: str, item: Mapping[str, Value], order: Sequence[str]) -> None:
        """Add `item` at the end of the sequence under `key`, creating the key (in `order`) if missing."""
        found = self.pair(mapping, key)
        if found is None:
            items = self._new(self._own(mapping, key), order).values.setdefault(key, [])
            assert isinstance(items, list)
            items.append(item)
        elif isinstance(found[1], yaml.SequenceNode):
            self._append(self._own(self._value(mapping, *found), key), item)
        elif _empty(found[1]):
            self._replace(self._own(self._value(mapping, *found), key), found[0], [item])
        else:
            raise Refused(
                _("{file}: `{key}` at line {line} is not a list").format(
                    file=self.name, key=key, line=found[1].start_mark.line + 1
                )
            )

    def _own(self, at: At, key: str) -> At:
        """`at`, unless an edit of it would also change what an alias elsewhere stands for."""
        if at.shared:
            line = at.node.start_mark.line + 1
            raise Refused(
                _("{file}:{line}: `{key}` is shared through a YAML anchor or alias; edit it by hand").format(
                    file=self.name, line=line, key=key
                )
            )
        return at

    def changed(self) -> bool:
        return bool(self._splices or self._new_keys)

    def result(self) -> bytes:
        """The file's new content, as bytes to write."""
        text = _apply(self.text, self._all_splices())
        return (codecs.BOM_UTF8 if self.bom else b"") + text.encode("utf-8")

    def changes(self) -> list[patch.Change]:
        """The file's changed lines (a byte-order mark counts as part of the first line, as git shows it)."""
        if not self.bom:
            return patch.changes(self.text, self._all_splices())
        shifted = [Splice(s.start + 1, s.end + 1, s.text, s.seq) for s in self._all_splices()]
        return patch.changes(BOM + self.text, shifted)

    def _all_splices(self) -> list[Splice]:
        return sorted([*self._splices, *self._key_splices()], key=lambda s: (s.start, s.seq))

    # Placing

    def _new(self, mapping: At, order: Sequence[str]) -> _NewKeys:
        return self._new_keys.setdefault(id(mapping.node), _NewKeys(mapping, order, {}))

    def _splice(self, start: int, end: int, text: str) -> None:
        self._splices.append(Splice(start, end, text, len(self._splices)))

    def _replace(self, value: At, key: yaml.Node, new: Value) -> None:
        """Replace a pair's value by `new`, in the old value's style where it is a scalar."""
        node = value.node
        if _empty(node):
            start = _colon(self.text, key) + 1
            self._splice(start, _end(self.text, node), self._fresh(value.flow, key, new))
        elif isinstance(node, yaml.ScalarNode):
            self._splice(node.start_mark.index, _end(self.text, node), self._instead_of(value, new))
        elif value.flow:
            self._splice(node.start_mark.index, _end(self.text, node), flow(new))
        else:  # a block collection: from the colon, so that `due:` and its value share a line
            self._splice(_colon(self.text, key) + 1, _end(self.text, node), " " + inline(new))

    def _instead_of(self, scalar: At, new: Value) -> str:
        """A value in place of a scalar: in its style, where `new` is a scalar too."""
        if not isinstance(new, (str, int, bool)):
            return flow(new)
        style = getattr(scalar.node, "style", None) or ""
        return restyled(
            new, style, flow=scalar.flow, indent=self._block_indent(scalar.node), newline=self.newline
        )

    def _fresh(self, in_flow: bool, key: yaml.Node, new: Value) -> str:
        """A value where there was none (`history:` or `history: ~`)."""
        if in_flow or not isinstance(new, list):
            return " " + (flow(new) if in_flow else inline(new))
        style, prefix = self.style(key.value), self._dash(key.start_mark.column, key.value)
        lines = [
            line
            for item in new
            if isinstance(item, Mapping)
            for line in block_item(item, prefix, style, self.style)
        ]
        return self.newline + self.newline.join(lines)

    def _append(self, sequence: At, item: Mapping[str, Value]) -> None:
        node = sequence.node
        assert isinstance(node, yaml.SequenceNode)
        if not node.value:  # `[]`: the first item goes in without a comma
            earlier = self._appended.get(id(node), 0)
            self._appended[id(node)] = earlier + 1
            at = node.start_mark.index + 1
            self._splice(at, at, (", " if earlier else "") + flow(item))
            return
        last = node.value[-1]
        if sequence.flow:
            self._splice(_end(self.text, last), _end(self.text, last), ", " + flow(item))
            return
        style = Style(flow_items=not isinstance(last, yaml.MappingNode) or bool(last.flow_style))
        prefix = " " * node.start_mark.column + "-" + " " * _gap(self.text, last)
        lines = block_item(item, prefix, style, self.style)
        if len(node.value) > 1 and self._blank_before(last):  # items set apart by blank lines stay so
            lines.insert(0, "")
        self._insert_lines(_line_after(self.text, _end(self.text, node)), lines)

    def _blank_before(self, item: yaml.Node) -> bool:
        """Whether the line above an item's dash is blank."""
        start = _line_start(self.text, item.start_mark.index)
        above = _line_start(self.text, max(start - 1, 0))
        return start > 0 and not self.text[above:start].strip()

    def _key_splices(self) -> Iterator[Splice]:
        """The new keys, each group placed after the existing key that precedes it in its order."""
        seq = len(self._splices)
        for new in self._new_keys.values():
            groups: dict[int, dict[str, Value]] = {}
            for key in sorted(new.values, key=lambda k: _rank(new.order, k)):
                groups.setdefault(self._anchor(new.mapping, new.order, key), {})[key] = new.values[key]
            for anchor, pairs in groups.items():
                at, text = self._keys_text(new.mapping, anchor, pairs)
                yield Splice(at, at, text, seq)
                seq += 1

    def _anchor(self, mapping: At, order: Sequence[str], key: str) -> int:
        """The index of the pair a new key goes after: the last one (in the file) ranked before it."""
        assert isinstance(mapping.node, yaml.MappingNode)
        rank = _rank(order, key)
        before = [i for i, (k, _) in enumerate(mapping.node.value) if _rank(order, k.value) < rank]
        return before[-1] if before else -1

    def _keys_text(self, mapping: At, anchor: int, pairs: dict[str, Value]) -> tuple[int, str]:
        node = mapping.node
        assert isinstance(node, yaml.MappingNode)
        if mapping.flow:
            text = ", ".join(f"{key}: {flow(value)}" for key, value in pairs.items())
            if anchor < 0:
                return node.start_mark.index + 1, text + (", " if node.value else "")
            return _end(self.text, node.value[anchor][1]), ", " + text
        lines = block_pairs(pairs, node.start_mark.column, self.style)
        if anchor < 0:
            return _line_start(self.text, node.start_mark.index), self.newline.join(lines) + self.newline
        at = _line_after(self.text, _end(self.text, node.value[anchor][1]))
        return at, self._lines(at, lines)

    def _insert_lines(self, at: int, lines: list[str]) -> None:
        self._splice(at, at, self._lines(at, lines))

    def _lines(self, at: int, lines: list[str]) -> str:
        """Whole lines to insert at `at`; at the end of a file without a final line break, one first."""
        if at == len(self.text) and self.text and not self.text.endswith("\n"):
            return self.newline + self.newline.join(lines)
        return self.newline.join(lines) + self.newline

    def _block_indent(self, node: yaml.Node) -> str:
        """The indentation of a block scalar's text (for one that keeps its style)."""
        start, end = node.start_mark.index, node.end_mark.index
        for line in self.text[start:end].splitlines()[1:]:
            if line.strip():
                return line[: len(line) - len(line.lstrip(" "))]
        return " " * (node.start_mark.column + 2)

    def _dash(self, key_column: int, kind: str) -> str:
        style = self.style(kind)
        return " " * (key_column + style.offset) + "-" + " " * style.gap

    def style(self, key: str) -> Style:
        """How the file writes a sequence of mappings under `key` (else under a kindred key)."""
        if self._hints is None:
            self._hints = _hints(self.root.node)
        for name in (key, *_KIN):
            if name in self._hints:
                return self._hints[name]
        return next(iter(self._hints.values()), Style())


def _hints(root: yaml.Node) -> dict[str, Style]:
    """The style of the first sequence of mappings under each key, from the start of the file."""
    hints: dict[str, Style] = {}
    stack: list[yaml.Node] = [root]
    visited = 0
    while stack and visited < _HINT_NODES:
        node = stack.pop()
        visited += 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(value, yaml.SequenceNode) and value.value and key.value not in hints:
                    hint = _hint(key, value)
                    if hint is not None:
                        hints[key.value] = hint
            stack.extend(v for _, v in reversed(node.value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return hints


def _hint(key: yaml.Node, sequence: yaml.SequenceNode) -> Style | None:
    first = sequence.value[0]
    if not isinstance(first, yaml.MappingNode):
        return None
    if sequence.flow_style:
        return Style(flow_items=True)
    offset = sequence.start_mark.column - key.start_mark.column
    gap = first.start_mark.column - sequence.start_mark.column - 1
    return Style(max(offset, 0), max(gap, 1), bool(first.flow_style))


def _rank(order: Sequence[str], key: str) -> int:
    return order.index(key) if key in order else len(order)


def _empty(node: yaml.Node) -> bool:
    """An absent value (`key:`) or an explicit null (`key: ~`)."""
    return isinstance(node, yaml.ScalarNode) and not node.style and resolve_plain(node.value) is None


def _end(text: str, node: yaml.Node) -> int:
    """Where a node's own text ends: a block collection's marks reach to the next token, and a
    block scalar's over the blank lines after it."""
    if isinstance(node, yaml.ScalarNode):
        end: int = node.end_mark.index
        if node.style in ("|", ">"):
            start = node.start_mark.index
            return start + len(text[start:end].rstrip())
        return end
    if getattr(node, "flow_style", False) or not node.value:
        return int(node.end_mark.index)
    last = node.value[-1]
    return _end(text, last[1] if isinstance(node, yaml.MappingNode) else last)


def _colon(text: str, key: yaml.Node) -> int:
    """The index of the `:` after a key."""
    return text.index(":", key.end_mark.index)


def _gap(text: str, item: yaml.Node) -> int:
    """The spaces between an item's dash and the item."""
    start = item.start_mark.index
    back = start
    while back > 0 and text[back - 1] == " ":
        back -= 1
    return start - back if back > 0 and text[back - 1] == "-" else 1


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_after(text: str, index: int) -> int:
    """The start of the line after the one `index` is on (the end of the text on the last line)."""
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def _apply(text: str, splices: list[Splice]) -> str:
    parts: list[str] = []
    done = 0
    for splice in splices:
        assert splice.start >= done, "overlapping edits"
        parts += [text[done : splice.start], splice.text]
        done = splice.end
    parts.append(text[done:])
    return "".join(parts)


def _why(doc: Document) -> str:
    finding = doc.findings[0]
    return f"{finding.pos}: {finding.message}"
