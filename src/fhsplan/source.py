"""A hardened YAML loader that records the line and column of every value in the same pass.

Plan files are read as text we do not trust: a pull request can carry anything. This module turns
bytes into plain Python values (dict, list, str, int, float, bool, None) plus a parallel tree of
positions, or into located findings, and never raises for bad input. See YAML-FACTS.md for the
measurements behind each guard.

Values and positions are built in one pass over the events of libyaml's parser (iterative C), by
a composer here that is iterative too and counts depth and aliases as it goes. libyaml's own
composer is never used: it is recursive C that segfaults on deep nesting, and composing its node
graph and then walking it took 1.1 s and 65 MiB of positions for 10k milestones, against 0.7 s and
19 MiB now.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar, NoReturn

import yaml
from yaml._yaml import CParser

from fhsplan.escape import find_forbidden
from fhsplan.findings import Finding, Pos, Problem
from fhsplan.i18n import _
from fhsplan.rules.base import Rule
from fhsplan.rules.syntax import DUPLICATE_KEY, FORBIDDEN_FEATURE, NOT_UTF8, SYNTAX_ERROR

MAX_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 100
MAX_ALIASES = 25

# The load-time rules whose findings this module makes; each declares its code and severity once.
_SYNTAX, _DUPLICATE, _FEATURE, _ENCODING = SYNTAX_ERROR, DUPLICATE_KEY, FORBIDDEN_FEATURE, NOT_UTF8

# C0/C1 controls, DEL, non-characters, and the line breaks YAML counts but editors do not show.

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

# A position tree mirrors a loaded value. A place is one int, line << 26 | column, both counted
# from 0 as libyaml counts them (a text under MAX_BYTES has fewer than 2**26 lines and columns, so
# neither needs a cap). A scalar's position is its place; a collection's is a tuple that starts
# with its place: (place, item, ...) for a sequence, (place, key, entry, key, entry, ...) for a
# mapping. A mapping entry packs the key's place above the value's (key << 52 | value), so a key
# with a scalar value costs one int. Against a tree of (line, col, {key: (line, col, subtree)})
# this is under a third of the memory.
PosTree = int | tuple[Any, ...]
_COL_BITS = MAX_BYTES.bit_length()
_COL_MASK = (1 << _COL_BITS) - 1
_PLACE_BITS = 2 * _COL_BITS
_PLACE_MASK = (1 << _PLACE_BITS) - 1


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

    def __init__(self, rule: Rule, message: str, line: int, col: int, *related: tuple[int, int]):
        super().__init__(message)
        self.rule, self.message, self.line, self.col, self.related = rule, message, line, col, related

    def finding(self, file: str) -> Finding:
        related = tuple(Pos(file, line, col) for line, col in self.related)
        return self.rule.finding(Problem(self.message, Pos(file, self.line, self.col), related))


class _Late(_Reject):
    """A refusal of the document's shape (keys, aliases, depth): a syntax error further on wins."""


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


def load_file(path: str, display: str | None = None) -> Document:
    """Read and load one YAML file; an unreadable file becomes a finding, not an exception."""
    name = display or path
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return _failed(name, _ENCODING, _("cannot read file: {why}").format(why=exc.strerror or exc), 1, 1)
    return load_bytes(data, name)


def load_bytes(data: bytes, file: str) -> Document:
    """Load YAML from bytes; every problem becomes a located finding."""
    text = decode(data, file)
    if isinstance(text, Document):
        return text
    return load_text(text, file)


def decode(data: bytes, file: str) -> str | Document:
    """A plan file's text (without a byte-order mark), or a document of the finding that says why not."""
    if len(data) > MAX_BYTES:
        return _failed(
            file, _FEATURE, _("file is larger than {size} MiB").format(size=MAX_BYTES // (1024 * 1024)), 1, 1
        )
    return _decode(data, file)


def load_for_edit(text: str, file: str) -> tuple[Document, yaml.Node | None]:
    """Load YAML text as `load_text` does, and give libyaml's node graph too: edits splice text at
    its marks, which count characters of `text` as Python indexes a str (issue #14).

    The graph is composed only after every guard has passed on the events (no tags, merges, deep
    nesting or alias bombs), so libyaml's recursive composer never sees hostile text.
    """
    doc = load_text(text, file)
    if not doc.ok or doc.value is None:
        return doc, None
    loader = _NodeLoader(text)
    try:
        return doc, loader.get_single_node()
    finally:
        loader.dispose()


class _NodeLoader(yaml.CSafeLoader):
    """libyaml's composer with a trivial resolver: fhsplan resolves scalars itself (resolve_plain)."""

    _TAGS: ClassVar[dict[type, str]] = {
        yaml.ScalarNode: "tag:yaml.org,2002:str",
        yaml.SequenceNode: "tag:yaml.org,2002:seq",
        yaml.MappingNode: "tag:yaml.org,2002:map",
    }

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return self._TAGS[kind]


def load_text(text: str, file: str) -> Document:
    """Load YAML text: one document of mappings, sequences and plain values."""
    if len(text) > MAX_BYTES:  # also keeps every line and column inside a place's bits
        return _failed(
            file, _FEATURE, _("file is larger than {size} MiB").format(size=MAX_BYTES // (1024 * 1024)), 1, 1
        )
    bad = find_forbidden(text)
    if bad:
        line, col = _line_col(text, bad.start())
        char = f"U+{ord(bad.group()):04X}"
        return _failed(
            file, _ENCODING, _("character {char} is not allowed in a plan file").format(char=char), line, col
        )
    try:
        with paused_gc():
            composed = _compose(text)
    except _Reject as exc:
        return Document(file, None, None, (exc.finding(file),))
    except yaml.MarkedYAMLError as exc:
        return _failed(file, *_syntax_finding(exc))
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        return _failed(file, _ENCODING, _("unreadable character: {why}").format(why=exc.reason), line, col)
    except RecursionError:
        return _failed(file, _FEATURE, _("nesting deeper than {depth} levels").format(depth=MAX_DEPTH), 1, 1)
    except Exception as exc:
        return _failed(
            file,
            _SYNTAX,
            _("cannot parse YAML ({type}: {why})").format(type=type(exc).__name__, why=exc),
            1,
            1,
        )
    if composed is None:
        return Document(file, None, None, ())
    return Document(file, composed[0], composed[1], ())


def _failed(file: str, rule: Rule, message: str, line: int, col: int) -> Document:
    return Document(file, None, None, (rule.finding(Problem(message, Pos(file, line, col))),))


def _decode(data: bytes, file: str) -> str | Document:
    """Decode strictly as UTF-8, reporting the line and column of the first bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _failed(file, _ENCODING, _("file is UTF-16, not UTF-8; save it as UTF-8"), 1, 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start
        line = data.count(b"\n", 0, start) + 1
        line_start = data.rfind(b"\n", 0, start) + 1
        col = len(data[line_start:start].decode("utf-8", "replace")) + 1
        return _failed(
            file,
            _ENCODING,
            _("file is not valid UTF-8 (byte {byte})").format(byte=f"0x{data[start]:02x}"),
            line,
            col,
        )


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _syntax_finding(exc: yaml.MarkedYAMLError) -> tuple[Rule, str, int, int]:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    parts = [p for p in (exc.context, exc.problem) if p]
    return _SYNTAX, _("YAML syntax error: {why}").format(why=", ".join(parts)), line, col


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


def _compose(text: str) -> tuple[Any, PosTree] | None:
    """The value and positions of the one document in `text`, or None for an empty stream."""
    parser = CParser(text)
    composer = _Composer(parser)
    try:
        try:
            composed = composer.document()
        except _Late:
            # As when the whole document was parsed before its shape was judged: a tag, a syntax
            # error or a second document further on is named first.
            composer.drain()
            raise
        if composed is not None:
            composer.expect_end()
        return composed
    finally:
        parser.dispose()


# What an anchor names: its value, its position (a list while the collection is still open), and
# for a scalar its text and whether it was plain (an alias may be used as a key).
_Anchor = tuple[Any, Any, str | None, bool]


class _Composer:
    """Builds values and positions from libyaml's events, refusing what plan files may not hold."""

    __slots__ = ("aliases", "anchors", "parser", "stack")

    def __init__(self, parser: CParser) -> None:
        self.parser = parser
        self.anchors: dict[str, _Anchor] = {}
        self.aliases = 0
        # The open collections above the one being built: (value, positions, key, key place, anchor).
        self.stack: list[tuple[Any, list[Any], str | None, int, str | None]] = []

    def document(self) -> tuple[Any, PosTree] | None:
        """Read one document's events into its value and position tree (None for no document)."""
        get: Callable[[], Any] = self.parser.get_event
        get()  # StreamStartEvent
        if type(get()) is not yaml.DocumentStartEvent:
            return None
        # Locals, not globals: this loop runs once per event (650k for 10k milestones).
        scalar, mapping_start, sequence_start, alias = (
            yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.AliasEvent
        )  # fmt: skip
        maybe_not_str, resolve = _MAYBE_NOT_STR, resolve_plain
        stack, anchors, keys = self.stack, self.anchors, dict[str, str]()
        # The collection being built, its position record and, in a mapping, the key waiting for
        # its value. A holder list stands in for the document's parent.
        into: Any = []
        record: list[Any] = [0]
        is_map = False
        key: str | None = None
        key_at = 0
        anchor: str | None = None
        while True:
            event = get()
            kind = type(event)
            if kind is scalar:
                if event.tag is not None and event.tag != "!":  # "!" is the non-specific tag
                    _reject_tag(event)
                mark = event.start_mark
                at = mark.line << _COL_BITS | mark.column
                text = event.value
                plain = not event.style
                if event.style == '"' and find_forbidden(text):  # an escape decoded past the raw check
                    _reject_escaped(text, mark)
                if event.anchor is not None:
                    self.anchor(event, (resolve(text) if plain else text, at, text, plain))
                if is_map and key is None:
                    if text in into or (plain and text == "<<"):
                        _bad_key(record, text, at, plain)
                    key, key_at = keys.setdefault(text, text), at
                    continue
                # resolve_plain's first test, inlined: most plain scalars are words.
                value = resolve(text) if plain and (not text or text[0] in maybe_not_str) else text
                if is_map:
                    into[key] = value
                    record.append(key)
                    record.append(key_at << _PLACE_BITS | at)
                    key = None
                else:
                    into.append(value)
                    record.append(at)
            elif kind is mapping_start or kind is sequence_start:
                if event.tag is not None and event.tag != "!":
                    _reject_tag(event)
                mark = event.start_mark
                at = mark.line << _COL_BITS | mark.column
                opened: Any = {} if kind is mapping_start else []
                opened_record = [key_at << _PLACE_BITS | at if is_map else at]
                if event.anchor is not None:
                    self.anchor(event, (opened, opened_record, None, False))
                if is_map and key is None:
                    _reject(_FEATURE, _("a key must be plain text, not a mapping or sequence"), mark)
                if len(stack) >= MAX_DEPTH:
                    _reject(_FEATURE, _("nesting deeper than {depth} levels").format(depth=MAX_DEPTH), mark)
                stack.append((into, record, key, key_at, anchor))
                into, record, key, anchor = opened, opened_record, None, event.anchor
                is_map = kind is mapping_start
            elif kind is alias:
                if is_map and key is None:
                    key, key_at = self.alias_key(event, record)
                    continue
                value, entry = self.alias(event, key_at if is_map else None, record)
                if is_map:
                    into[key] = value
                    record.append(key)
                    record.append(entry)
                    key = None
                else:
                    into.append(value)
                    record.append(entry)
            elif stack:  # the end of a mapping or sequence
                value, tree = into, tuple(record)
                if anchor is not None:
                    anchors[anchor] = (value, tree, None, False)
                into, record, key, key_at, anchor = stack.pop()
                is_map = type(into) is dict
                if is_map:
                    into[key] = value
                    record.append(key)
                    record.append(tree)
                    key = None
                else:
                    into.append(value)
                    record.append(tree)
            else:  # DocumentEndEvent: the holder has the document's value
                return into[0], record[1]

    def anchor(self, event: Any, named: _Anchor) -> None:
        """Remember what an anchor names; an anchor defined twice is an error, as in PyYAML."""
        if event.anchor in self.anchors:
            raise yaml.composer.ComposerError(
                "found duplicate anchor; first occurrence", None, "second occurrence", event.start_mark
            )
        self.anchors[event.anchor] = named

    def named(self, event: Any) -> _Anchor:
        """What an alias refers to."""
        named = self.anchors.get(event.anchor)
        if named is None:
            raise yaml.composer.ComposerError(None, None, "found undefined alias", event.start_mark)
        return named

    def alias_key(self, event: Any, record: list[Any]) -> tuple[str, int]:
        """An alias used as a key: the text and place of the scalar it names."""
        _value, tree, text, plain = self.named(event)
        if text is None:
            _reject_at(_FEATURE, _("a key must be plain text, not a mapping or sequence"), tree[0])
        if text in record[1::2] or (plain and text == "<<"):
            _bad_key(record, text, tree, plain)
        at: int = tree
        return text, at

    def alias(self, event: Any, key_at: int | None, record: list[Any]) -> tuple[Any, PosTree]:
        """The value an alias names and its position entry, counting what it expands to."""
        value, tree, _anchor, _alias = self.named(event)
        if type(tree) is int:
            return value, tree if key_at is None else key_at << _PLACE_BITS | tree
        if type(tree) is list:  # an alias inside the collection it names
            self.recursive(tree, record)
        self.expand(tree, len(self.stack))
        # The shared subtree, headed by this place: an entry under a key packs the key's place.
        head = tree[0] & _PLACE_MASK if key_at is None else key_at << _PLACE_BITS | tree[0] & _PLACE_MASK
        return value, tree if head == tree[0] else (head, *tree[1:])

    def expand(self, tree: tuple[Any, ...] | list[Any], depth: int) -> None:
        """Count the collections an alias expands to, in the order the two-pass loader walked them.

        Composing shares the aliased values, but whatever walks the result later (pydantic, JSON)
        expands them: the budget holds the expansion, and depth is counted through it as well.
        """
        place = tree[0]
        if depth >= MAX_DEPTH:
            _reject_at(_FEATURE, _("nesting deeper than {depth} levels").format(depth=MAX_DEPTH), place)
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            _reject_at(_FEATURE, _("more than {n} aliases in one file").format(n=MAX_ALIASES), place)
        for child in _entries(tree):
            if type(child) is not int:
                self.expand(child, depth + 1)

    def recursive(self, tree: list[Any], record: list[Any]) -> NoReturn:
        """An alias inside what it names expands forever: count along the loop until it stops."""
        records = [frame[1] for frame in self.stack[1:]] + [record]
        loop = records[next(i for i, r in enumerate(records) if r is tree) :]
        depth = len(self.stack)
        while True:  # every round counts one alias per open collection, so the budget ends it
            for level, open_record in enumerate(loop):
                self.expand(open_record[:1], depth + level)  # the open collection itself
                for child in _entries(open_record):
                    if type(child) is not int:
                        self.expand(child, depth + level + 1)
            depth += len(loop)

    def drain(self) -> None:
        """Read on to the end of the document after a late refusal, for what is named before it."""
        get: Callable[[], Any] = self.parser.get_event
        while True:
            event = get()
            kind = type(event)
            if kind is yaml.DocumentEndEvent:
                break
            if kind is yaml.AliasEvent:
                self.named(event)
            elif (
                kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent
            ):
                if event.tag is not None and event.tag != "!":
                    _reject_tag(event)
                if event.anchor is not None:
                    self.anchor(event, (None, 0, None, False))
        self.expect_end()

    def expect_end(self) -> None:
        """After the document, the stream must end: a plan file holds one document."""
        event: Any = self.parser.get_event()
        if type(event) is not yaml.StreamEndEvent:
            mark = event.start_mark
            raise _Reject(
                _FEATURE, _("several documents in one file; a plan file holds one"), *_mark_pos(mark)
            )


def _entries(tree: tuple[Any, ...] | list[Any]) -> Any:
    """The positions of a collection's values (a mapping's keys skipped)."""
    return tree[2::2] if len(tree) > 1 and type(tree[1]) is str else tree[1:]


def _place(at: int) -> tuple[int, int]:
    """The 1-based (line, column) of a place, or of the value part of a packed mapping entry."""
    at &= _PLACE_MASK
    return (at >> _COL_BITS) + 1, (at & _COL_MASK) + 1


def _mark_pos(mark: Any) -> tuple[int, int]:
    """A 1-based (line, column) from a PyYAML mark, which counts from 0."""
    return mark.line + 1, mark.column + 1


def _reject_escaped(text: str, mark: Any) -> NoReturn:
    """Refuse a double-quoted scalar whose escapes (\\e, \\0, \\u202e) decode to a forbidden character."""
    match = find_forbidden(text)
    assert match is not None
    char = f"U+{ord(match.group()):04X}"
    message = _("character {char}, written as an escape, is not allowed in a plan file").format(char=char)
    raise _Reject(_ENCODING, message, *_mark_pos(mark))


def _reject(rule: Rule, message: str, mark: Any) -> NoReturn:
    raise _Late(rule, message, *_mark_pos(mark))


def _reject_at(rule: Rule, message: str, at: int) -> NoReturn:
    raise _Late(rule, message, *_place(at))


def _reject_tag(event: Any) -> NoReturn:
    """Tags are refused where they stand, before anything else in the file is judged."""
    tag = str(event.tag)
    short = "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag
    message = _("tag {tag} is not allowed in a plan file (write the plain value)").format(tag=short)
    raise _Reject(_FEATURE, message, *_mark_pos(event.start_mark))


def _bad_key(record: list[Any], text: str, at: int, plain: bool) -> NoReturn:
    """Refuse a merge key, or report the second of two equal keys naming the line of the first."""
    if plain and text == "<<":
        _reject_at(_FEATURE, _("merge keys (<<) are not allowed in a plan file"), at)
    entry = record[record.index(text, 1) + 1]
    line, col = _place((entry if type(entry) is int else entry[0]) >> _PLACE_BITS)
    raise _Late(
        _DUPLICATE,
        _("duplicate key {key} (first defined at line {line})").format(key=repr(text), line=line),
        *_place(at),
        (line, col),
    )


def locate(tree: PosTree | None, path: tuple[Any, ...], *, key: bool = False) -> tuple[int, int]:
    """The line and column of `path` in a position tree, or of its deepest existing ancestor.

    With `key=True` the position of the last key itself is returned (for an unknown field).
    """
    if tree is None:
        return 1, 1
    entry: Any = tree
    last = len(path) - 1
    for index, part in enumerate(path):
        if type(entry) is int:
            break
        is_map = len(entry) > 1 and type(entry[1]) is str
        if is_map and isinstance(part, str) and part in entry:
            entry = entry[entry.index(part, 1) + 1]
            if key and index == last:  # by index: a nested key may be named like an ancestor
                return _place((entry if type(entry) is int else entry[0]) >> _PLACE_BITS)
        elif not is_map and isinstance(part, int) and 0 <= part < len(entry) - 1:
            entry = entry[part + 1]
        else:
            break
    return _place(entry if type(entry) is int else entry[0])
