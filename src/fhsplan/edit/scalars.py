"""The quoting rule: how an edit writes a value as YAML text.

One rule, so that a reviewer can predict every line an edit writes (docs/editing.md):

- A whole number is written as digits, `true`/`false` as such.
- Text is written on one line, never folded. It is plain when it reads back as the same text
  under fhsplan's YAML 1.2 core resolver (`fhsplan.source.resolve_plain`) and cannot be misread
  as structure: not empty, no space at either end, no leading indicator (`- ? : , [ ] { } # & * !
  | > ' " % @` and the backtick), no `: ` or ` #` inside and no `:` at the end, no tab, line
  break or other character that is not printable, and in a flow collection (`{…}`, `[…]`) none
  of `, [ ] { }`. Otherwise it is double-quoted, with `\\`, `\"` and backslash escapes for
  line breaks, tabs and control characters.
- A value that replaces another keeps the old one's style where the new text allows it: a `>-`
  or `|` block stays a block (the new text on one line under it, as `>-`), a single-quoted value
  stays single-quoted, a double-quoted one double-quoted. Else the rule above.
"""

from __future__ import annotations

import re

from fhsplan.source import resolve_plain

Scalar = str | int | bool

_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = re.compile(r"[,\[\]{}]")
# Not written raw in any style: C0 and C1 controls (tab and line breaks too), DEL, lone surrogates,
# a byte-order mark, non-characters, and the line and paragraph separators (fhsplan.source refuses
# them raw in a file).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff\u2028\u2029]")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}
_TO_ESCAPE = re.compile('[\\\\"' + _UNSAFE.pattern[1:-1] + "]")


def scalar(value: Scalar, *, flow: bool = False) -> str:
    """`value` as YAML text by the module's rule."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return value if plain_reads_back(value, flow=flow) else double_quoted(value)


def restyled(value: Scalar, style: str, *, flow: bool, indent: str, newline: str) -> str:
    """`value` as YAML text in the style of the value it replaces (`style`: '', "'", '"', '>' or '|').

    `indent` is the indentation of a block's text, `newline` the file's line break.
    """
    if isinstance(value, str):
        if style in (">", "|") and _fits_block(value):
            return f">-{newline}{indent}{value}"
        if style == "'" and not _UNSAFE.search(value):
            return "'" + value.replace("'", "''") + "'"
        if style == '"':
            return double_quoted(value)
    return scalar(value, flow=flow)


def plain_reads_back(text: str, *, flow: bool = False) -> bool:
    """Whether `text` may be written plain: it reads back as the same text and not as structure."""
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":") or _UNSAFE.search(text):
        return False
    if flow and _FLOW_INDICATORS.search(text):
        return False
    return resolve_plain(text) == text and isinstance(resolve_plain(text), str)


def double_quoted(text: str) -> str:
    """`text` in double quotes, with every character that needs it escaped."""
    return '"' + _TO_ESCAPE.sub(_escape, text) + '"'


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def _fits_block(text: str) -> bool:
    """Whether `text` reads back unchanged as one line of a `>-` block."""
    return bool(text) and text == text.strip() and not _UNSAFE.search(text)
