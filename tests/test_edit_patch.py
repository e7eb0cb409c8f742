"""Diffs made from the edits themselves: the same hunks difflib finds, without searching for them."""

from __future__ import annotations

import difflib

import pytest

from fhsplan.edit.patch import Change, Splice, changes, lines, unified

TEXT = "".join(f"line {n}\n" for n in range(1, 21))


def at(text: str, line: int, column: int = 0) -> int:
    """The offset of a 1-based line and 0-based column."""
    return sum(len(x) for x in lines(text)[: line - 1]) + column


def edited(text: str, splices: list[Splice]) -> str:
    out, done = [], 0
    for s in splices:
        out += [text[done : s.start], s.text]
        done = s.end
    return "".join([*out, text[done:]])


CASES = {
    "replace-in-a-line": [Splice(at(TEXT, 5, 5), at(TEXT, 5, 6), "five", 0)],
    "insert-lines": [Splice(at(TEXT, 8), at(TEXT, 8), "new a\nnew b\n", 0)],
    "insert-at-the-start": [Splice(0, 0, "first\n", 0)],
    "insert-at-the-end": [Splice(len(TEXT), len(TEXT), "last\n", 0)],
    "near-changes-share-a-hunk": [
        Splice(at(TEXT, 4, 5), at(TEXT, 4, 6), "4!", 0),
        Splice(at(TEXT, 9), at(TEXT, 9), "between\n", 1),
    ],
    "far-changes-make-two-hunks": [
        Splice(at(TEXT, 2, 5), at(TEXT, 2, 6), "2!", 0),
        Splice(at(TEXT, 17), at(TEXT, 17), "later\n", 1),
    ],
    "two-edits-on-one-line": [
        Splice(at(TEXT, 10, 0), at(TEXT, 10, 4), "LINE", 0),
        Splice(at(TEXT, 10, 7), at(TEXT, 10, 7), ", more", 1),
    ],
    "replace-over-lines": [Splice(at(TEXT, 11, 5), at(TEXT, 13, 6), "11–13", 0)],
    "insertions-at-one-place": [
        Splice(at(TEXT, 6), at(TEXT, 6), "a\n", 0),
        Splice(at(TEXT, 6), at(TEXT, 6), "b\n", 1),
    ],
}


@pytest.mark.parametrize("name", CASES)
def test_the_diff_is_the_one_difflib_finds(name: str) -> None:
    splices = CASES[name]
    new = edited(TEXT, splices)
    expected = "".join(difflib.unified_diff(lines(TEXT), lines(new), "a/f", "b/f"))
    assert unified("a/f", "b/f", lines(TEXT), changes(TEXT, splices)) == expected


def test_a_value_written_again_as_it_was_is_no_change() -> None:
    same = [Splice(at(TEXT, 3, 5), at(TEXT, 3, 6), "3", 0)]
    assert changes(TEXT, same) == []
    assert unified("a/f", "b/f", lines(TEXT), []) == ""


def test_a_filled_in_key_keeps_its_own_line_out_of_the_change() -> None:
    text = "a:\n  history:\n  due: 1\n"
    start = text.index(":\n  due") + 1
    found = changes(text, [Splice(start, start, "\n    - {kind: added}", 0)])
    assert found == [Change(2, [], ["    - {kind: added}\n"])]


def test_a_last_line_without_a_line_break_is_marked_as_diff_marks_it() -> None:
    text = "a: 1\nb: 2"
    diff = unified("a/f", "b/f", lines(text), changes(text, [Splice(len(text), len(text), "\nc: 3", 0)]))
    assert diff == (
        "--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a: 1\n-b: 2\n\\ No newline at end of file\n"
        "+b: 2\n+c: 3\n\\ No newline at end of file\n"
    )


def test_crlf_lines_stay_whole() -> None:
    text = "a: 1\r\nb: 2\r\n"
    found = changes(text, [Splice(3, 4, "5", 0)])
    assert found == [Change(0, ["a: 1\r\n"], ["a: 5\r\n"])]
