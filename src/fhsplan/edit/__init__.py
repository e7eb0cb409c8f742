"""Edits of a plan's YAML that write what a strategist means: surgical, validated, atomic (issue #14).

A change request (set a status, postpone, reword, …) becomes edits of the YAML text at the exact
places of the nodes it touches, so that every comment, key order, quoting style and blank line
of the file stays (`document`). The new text is loaded and checked in memory before anything is
written (`session`), and all changed files are replaced together (`fhsplan.atomic`).

    scalars    the quoting rule: how a value is written as YAML text
    fragments  new YAML written in the style of its neighbours (block or flow)
    document   one file's text, its node marks, and the splices that change it
    values     command-line and worksheet values: dues, status words, dates, slugs, texts
    changes    the edit kinds: set, postpone, advance, reword, cancel, add, revision new
    session    one edit of a plan: load, change, check, diff, write
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fhsplan.findings import Finding


class Refused(Exception):
    """An edit that is not made because what was asked is not possible: an unknown milestone, a
    value that is not valid (the command line exits 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Invalid(Refused):
    """An edit that is understood but not made: the plan it gives would not validate (exit 1).

    `findings` are the errors the edited plan would have that the plan has not.
    """

    def __init__(self, message: str, findings: Sequence[Finding] = ()) -> None:
        super().__init__(message)
        self.findings = tuple(findings)
