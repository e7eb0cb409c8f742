"""Unified diffs of edited files, made from the edits themselves.

An edit knows which characters it replaced, so the changed lines need not be searched for:
difflib's matcher takes half a minute on a file of 10k milestones, whose lines repeat. Each run
of splices on the same lines becomes one change of whole lines; changes are grouped into hunks
with three lines of context, as `diff -u` and `git diff` write them, so `git apply` takes them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

CONTEXT = 3
_LINES = re.compile(r"[^\n]*\n|[^\n]+\Z")
_NO_NEWLINE = "\\ No newline at end of file\n"


@dataclass(frozen=True, slots=True)
class Splice:
    """Replace text[start:end] by `text`; splices at one place apply in the order made (`seq`)."""

    start: int
    end: int
    text: str
    seq: int


@dataclass(frozen=True, slots=True)
class Change:
    """Whole lines replaced: `old` lines from line `at` (0-based) by `new` lines, breaks kept."""

    at: int
    old: list[str]
    new: list[str]


def changes(text: str, splices: Iterable[Splice]) -> list[Change]:
    """The changed lines of `text` once `splices` (in order, not overlapping) are made."""
    starts = _line_starts(text)
    blocks: list[tuple[int, int, list[Splice]]] = []
    for splice in splices:
        first = starts[bisect_right(starts, splice.start) - 1]
        pure_insert = splice.start == splice.end == first
        last = first if pure_insert else _line_after(text, max(splice.end - 1, splice.start))
        if blocks and (first < blocks[-1][1] or first == blocks[-1][0]):
            begin, end, members = blocks[-1]
            blocks[-1] = (begin, max(end, last), [*members, splice])
        else:
            blocks.append((first, last, [splice]))
    found = (_change(text, starts, begin, end, members) for begin, end, members in blocks)
    return [change for change in found if change.old or change.new]  # a value written again as it was


def _change(text: str, starts: list[int], begin: int, end: int, splices: list[Splice]) -> Change:
    parts, done = [], begin
    for splice in splices:
        parts += [text[done : splice.start], splice.text]
        done = splice.end
    parts.append(text[done:end])
    old, new = lines(text[begin:end]), lines("".join(parts))
    at = bisect_right(starts, begin) - 1
    while old and new and old[0] == new[0]:  # `history:` filled in keeps its own line
        old, new, at = old[1:], new[1:], at + 1
    while old and new and old[-1] == new[-1]:
        old, new = old[:-1], new[:-1]
    return Change(at, old, new)


def unified(old_name: str, new_name: str, old_lines: Sequence[str], found: list[Change]) -> str:
    """`diff -u` of a file with `old_lines` and the `found` changes, in line order."""
    if not found:
        return ""
    out = [f"--- {old_name}\n", f"+++ {new_name}\n"]
    shift = 0
    for group in _groups(found):
        begin = max(0, group[0].at - CONTEXT)
        end = min(len(old_lines), group[-1].at + len(group[-1].old) + CONTEXT)
        grown = sum(len(c.new) - len(c.old) for c in group)
        out.append(f"@@ -{_range(begin, end - begin)} +{_range(begin + shift, end - begin + grown)} @@\n")
        line = begin
        for change in group:
            out += [_line(" ", text) for text in old_lines[line : change.at]]
            out += [_line("-", text) for text in change.old] + [_line("+", text) for text in change.new]
            line = change.at + len(change.old)
        out += [_line(" ", text) for text in old_lines[line:end]]
        shift += grown
    return "".join(out)


def _groups(found: list[Change]) -> list[list[Change]]:
    """Changes whose contexts would touch share a hunk."""
    groups: list[list[Change]] = [[found[0]]]
    for change in found[1:]:
        last = groups[-1][-1]
        if change.at - (last.at + len(last.old)) <= 2 * CONTEXT:
            groups[-1].append(change)
        else:
            groups.append([change])
    return groups


def _range(start: int, length: int) -> str:
    """A hunk range as diff writes it: 1-based, the line before an empty range, `n` for one line."""
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def _line(mark: str, text: str) -> str:
    return mark + text if text.endswith("\n") else f"{mark}{text}\n{_NO_NEWLINE}"


def lines(text: str) -> list[str]:
    """`text` split after each line feed (CRLF stays whole), as the changes number lines."""
    return _LINES.findall(text)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    found = text.find("\n")
    while found >= 0:
        starts.append(found + 1)
        found = text.find("\n", found + 1)
    return starts


def _line_after(text: str, index: int) -> int:
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1
