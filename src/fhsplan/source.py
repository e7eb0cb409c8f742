"""A hardened YAML loader that records the line and column of every value.

Plan files are read as text we do not trust: a pull request can carry anything. This module turns
bytes into plain Python values (dict, list, str, int, float, bool, None) plus a parallel tree of
positions, or into located findings, and never raises for bad input. See YAML-FACTS.md for the
measurements behind each guard.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar

import yaml

from fhsplan.findings import Finding, Pos, error

MAX_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 100
MAX_ALIASES = 25
# libyaml's recursive C composer segfaults at 20k-30k levels; below ~1000 it is safe. Text that
# could nest deeper (see _needs_event_scan) has its events scanned first.

_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"

# C0/C1 controls, DEL, non-characters, and the line breaks YAML counts but editors do not show.
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\u2028\u2029]")
# Block nesting needs indentation or an indicator ("- ", "? ", ": ") per level: a line whose prefix of
# those is shorter than 200 characters nests at most ~400 levels; flow nesting is bounded apart.
_LONG_PREFIX = re.compile(r"^(?:[ \t]|[-?:](?=[ \t])){200}", re.MULTILINE)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_FLOW_DEPTH_BOUND = 500
# A "!" that could start a tag: at the start of a node, followed by a non-space character.
_TAG_HINT = re.compile(r"(?:^|[\s\[\{,])!\S", re.MULTILINE)

_INT = re.compile(r"[-+]?[0-9]+\Z")
_INT_OCT = re.compile(r"0o[0-7]+\Z")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})
_SPECIAL_FLOATS = {
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}  # fmt: skip
_MAYBE_NOT_STR = frozenset("-+.0123456789nNtTfF~")
_MAX_INT_DIGITS = 100

# A position tree mirrors a loaded value: (line, col, children) for a collection, where children is
# {key: (key_line, key_col, subtree)} for a mapping and [subtree, ...] for a sequence; a scalar's
# position is one int, line << 20 | col (most nodes are scalars: this saves ~90 bytes each, about
# a fifth of the memory of a 50k-milestone plan).
PosTree = tuple[int, int, Any] | int
_COL_BITS = 20
_COL_MASK = (1 << _COL_BITS) - 1


def _packed(mark: Any) -> int:
    line: int = mark.line + 1
    col: int = min(mark.column + 1, _COL_MASK)
    return (line << _COL_BITS) | col


def _unpack(tree: PosTree) -> tuple[int, int, Any]:
    if isinstance(tree, int):
        return tree >> _COL_BITS, tree & _COL_MASK, None
    return tree


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded YAML file: its value, the positions of its parts, and what went wrong."""

    file: str
    value: Any
    positions: PosTree | None
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return not self.findings


class _Reject(Exception):
    """Raised inside the loader to stop at the first disallowed construct."""

    def __init__(self, code: str, message: str, line: int, col: int, *related: tuple[int, int]):
        super().__init__(message)
        self.code, self.message, self.line, self.col, self.related = code, message, line, col, related


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: loading allocates millions of acyclic objects."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_file(path: str, display: str | None = None, *, positions: bool = True) -> Document:
    """Read and load one YAML file; an unreadable file becomes a finding, not an exception.

    With `positions=False` only the values are built (faster, and a third less memory); findings
    of the load itself are located either way.
    """
    name = display or path
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return _failed(name, "FHS103", f"cannot read file: {exc.strerror or exc}", 1, 1)
    return load_bytes(data, name, positions=positions)


def load_bytes(data: bytes, file: str, *, positions: bool = True) -> Document:
    """Load YAML from bytes; every problem becomes a located finding."""
    if len(data) > MAX_BYTES:
        return _failed(file, "FHS102", f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB", 1, 1)
    text = _decode(data, file)
    if isinstance(text, Document):
        return text
    return load_text(text, file, positions=positions)


def load_text(text: str, file: str, *, positions: bool = True) -> Document:
    """Load YAML text: one document of mappings, sequences and plain values."""
    bad = _BAD_CHAR.search(text)
    if bad:
        line, col = _line_col(text, bad.start())
        char = f"U+{ord(bad.group()):04X}"
        return _failed(file, "FHS103", f"character {char} is not allowed in a plan file", line, col)
    try:
        with paused_gc():
            if _needs_event_scan(text):
                _scan_events(text)
            node = _compose(text)
            if node is None:
                return Document(file, None, None, ())
            value, tree = _Builder(positions).build(node)
    except _Reject as exc:
        related = tuple(Pos(file, line, col) for line, col in exc.related)
        return Document(
            file, None, None, (error(exc.code, exc.message, Pos(file, exc.line, exc.col), *related),)
        )
    except yaml.MarkedYAMLError as exc:
        return _failed(file, *_syntax_finding(exc))
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        return _failed(file, "FHS103", f"unreadable character: {exc.reason}", line, col)
    except RecursionError:
        return _failed(file, "FHS102", f"nesting deeper than {MAX_DEPTH} levels", 1, 1)
    except Exception as exc:
        return _failed(file, "FHS100", f"cannot parse YAML ({type(exc).__name__}: {exc})", 1, 1)
    return Document(file, value, tree, ())


def _failed(file: str, code: str, message: str, line: int, col: int) -> Document:
    return Document(file, None, None, (error(code, message, Pos(file, line, col)),))


def _decode(data: bytes, file: str) -> str | Document:
    """Decode strictly as UTF-8, reporting the line and column of the first bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _failed(file, "FHS103", "file is UTF-16, not UTF-8; save it as UTF-8", 1, 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start
        line = data.count(b"\n", 0, start) + 1
        line_start = data.rfind(b"\n", 0, start) + 1
        col = len(data[line_start:start].decode("utf-8", "replace")) + 1
        return _failed(file, "FHS103", f"file is not valid UTF-8 (byte 0x{data[start]:02x})", line, col)


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _needs_event_scan(text: str) -> bool:
    """True when the text could hold tags or deep nesting; both are rare in real plan files."""
    if ("!" in text and _TAG_HINT.search(text)) or _LONG_PREFIX.search(text):
        return True
    return _flow_depth_bound(text) > _FLOW_DEPTH_BOUND


def _flow_depth_bound(text: str) -> int:
    """An upper bound on the nesting of [ ] and { }: peel matched pairs off the brackets alone."""
    brackets = _NOT_BRACKET.sub("", text)
    for depth in range(_FLOW_DEPTH_BOUND):
        if not brackets:
            return depth
        peeled = brackets.replace("[]", "").replace("{}", "")
        if peeled == brackets:  # unmatched brackets (say, inside quoted text) are each a level at most
            return depth + len(brackets)
        brackets = peeled
    return _FLOW_DEPTH_BOUND + 1


def _scan_events(text: str) -> None:
    """Walk the event stream (libyaml's parser is iterative) to reject tags and deep nesting."""
    depth = 0
    loader = yaml.CSafeLoader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and _explicit_tag(event):
                raise _Reject("FHS102", _tag_message(str(event.tag)), *_mark_pos(event.start_mark))
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _Reject(
                        "FHS102", f"nesting deeper than {MAX_DEPTH} levels", *_mark_pos(event.start_mark)
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


def _mark_pos(mark: Any) -> tuple[int, int]:
    """A 1-based (line, column) from a PyYAML mark, which counts from 0 and may be absent."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _tag_message(tag: str) -> str:
    short = "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag
    return f"tag {short} is not allowed in a plan file (write the plain value)"


def _explicit_tag(event: Any) -> bool:
    tag: str | None = event.tag
    if tag is None:
        return False
    if isinstance(event, yaml.ScalarEvent):
        return tag != "!"  # "!" is the non-specific tag of quoted scalars
    return True


class _Loader(yaml.CSafeLoader):
    """libyaml's parser and composer with a trivial resolver: we resolve scalars ourselves."""

    _TAGS: ClassVar[dict[type, str]] = {
        yaml.ScalarNode: "tag:yaml.org,2002:str",
        yaml.SequenceNode: _SEQ,
        yaml.MappingNode: _MAP,
    }

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return self._TAGS[kind]


def _compose(text: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except yaml.composer.ComposerError as exc:
        if "expected a single document" in f"{exc.context} {exc.problem}":
            mark = exc.problem_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            raise _Reject(
                "FHS102", "several documents in one file; a plan file holds one", line, col
            ) from None
        raise
    finally:
        loader.dispose()


def _syntax_finding(exc: yaml.MarkedYAMLError) -> tuple[str, str, int, int]:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    parts = [p for p in (exc.context, exc.problem) if p]
    return "FHS100", "YAML syntax error: " + ", ".join(parts), line, col


def resolve_plain(value: str) -> Any:
    """Resolve a plain scalar by the YAML 1.2 core schema (not PyYAML's YAML 1.1 rules)."""
    if value and value[0] not in _MAYBE_NOT_STR:
        return value
    if value in _NULLS:
        return None
    if value in _TRUES:
        return True
    if value in _FALSES:
        return False
    if _INT.match(value):
        return int(value) if len(value) <= _MAX_INT_DIGITS else value
    if _INT_OCT.match(value) and len(value) <= _MAX_INT_DIGITS:
        return int(value[2:], 8)
    if _INT_HEX.match(value) and len(value) <= _MAX_INT_DIGITS:
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    return _SPECIAL_FLOATS.get(value, value)


class _Builder:
    """Turns a composed node graph into values and positions, enforcing the alias and depth limits."""

    def __init__(self, positions: bool = True) -> None:
        self.seen: set[int] = set()
        self.aliases = 0
        self.positions = positions

    def build(self, node: yaml.Node) -> tuple[Any, PosTree | None]:
        return self._node(node, 0)

    def _node(self, node: yaml.Node, depth: int) -> tuple[Any, PosTree]:
        mark = node.start_mark
        if isinstance(node, yaml.ScalarNode):
            value = resolve_plain(node.value) if not node.style else node.value  # libyaml: plain is ""
            return value, _packed(mark) if self.positions else 0
        if depth >= MAX_DEPTH:
            raise _Reject("FHS102", f"nesting deeper than {MAX_DEPTH} levels", mark.line + 1, mark.column + 1)
        key = id(node)
        if key in self.seen:
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise _Reject(
                    "FHS102", f"more than {MAX_ALIASES} aliases in one file", mark.line + 1, mark.column + 1
                )
        else:
            self.seen.add(key)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth)
        assert isinstance(node, yaml.SequenceNode)
        return self._sequence(node, depth)

    def _mapping(self, node: yaml.MappingNode, depth: int) -> tuple[Any, PosTree]:
        if node.tag != _MAP:
            self._reject_tag(node)
        value: dict[str, Any] = {}
        children: dict[str, tuple[int, int, PosTree]] = {}
        for key_node, value_node in node.value:
            if (key_node.value == "<<" and not key_node.style) or key_node.tag == _MERGE:
                raise _Reject(
                    "FHS102",
                    "merge keys (<<) are not allowed in a plan file",
                    *_mark_pos(key_node.start_mark),
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Reject(
                    "FHS102",
                    "a key must be plain text, not a mapping or sequence",
                    *_mark_pos(key_node.start_mark),
                )
            key = key_node.value
            if key in value:
                _duplicate(node, key_node)
            if isinstance(value_node, yaml.ScalarNode):  # inlined: most values are scalars
                value[key] = resolve_plain(value_node.value) if not value_node.style else value_node.value
                if self.positions:
                    kmark = key_node.start_mark
                    children[key] = (kmark.line + 1, kmark.column + 1, _packed(value_node.start_mark))
                continue
            child, child_pos = self._node(value_node, depth + 1)
            value[key] = child
            if self.positions:
                kmark = key_node.start_mark
                children[key] = (kmark.line + 1, kmark.column + 1, child_pos)
        if not self.positions:
            return value, 0
        mark = node.start_mark
        return value, (mark.line + 1, mark.column + 1, children)

    def _sequence(self, node: yaml.SequenceNode, depth: int) -> tuple[Any, PosTree]:
        if node.tag != _SEQ:
            self._reject_tag(node)
        values = []
        positions = []
        for item in node.value:
            child, child_pos = self._node(item, depth + 1)
            values.append(child)
            if self.positions:
                positions.append(child_pos)
        mark = node.start_mark
        return values, (mark.line + 1, mark.column + 1, positions) if self.positions else 0

    @staticmethod
    def _reject_tag(node: yaml.Node) -> None:
        raise _Reject("FHS102", _tag_message(node.tag), *_mark_pos(node.start_mark))


def _duplicate(mapping: yaml.MappingNode, again: yaml.Node) -> None:
    """Report the second of two equal keys, naming the line of the first."""
    first = next(k for k, _ in mapping.value if k.value == again.value)
    line, col = _mark_pos(first.start_mark)
    raise _Reject(
        "FHS101",
        f"duplicate key {again.value!r} (first defined at line {line})",
        *_mark_pos(again.start_mark),
        (line, col),
    )


def locate(tree: PosTree | None, path: tuple[Any, ...], *, key: bool = False) -> tuple[int, int]:
    """The line and column of `path` in a position tree, or of its deepest existing ancestor.

    With `key=True` the position of the last key itself is returned (for an unknown field).
    """
    if tree is None:
        return 1, 1
    line, col, children = _unpack(tree)
    last = len(path) - 1
    for index, part in enumerate(path):
        if isinstance(children, dict) and isinstance(part, str) and part in children:
            kline, kcol, sub = children[part]
            if key and index == last:  # by index: a nested key may be named like an ancestor
                return kline, kcol
            line, col, children = _unpack(sub)
        elif isinstance(children, list) and isinstance(part, int) and 0 <= part < len(children):
            line, col, children = _unpack(children[part])
        else:
            break
    return line, col
