"""Findings not reported on purpose: a milestone's `ignore:` entries and `per_path_ignores`.

An `ignore` entry on a milestone silences its rule's findings located in that milestone's record,
where the finding is shown: the same place a reviewer reads it. An entry that silences nothing is
itself a finding (FHS701), so suppressions cannot outlive what they were written for.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from fhsplan.config import PathIgnore
from fhsplan.findings import Finding, Problem, Suppressed
from fhsplan.i18n import _
from fhsplan.plan import Entry, Plan
from fhsplan.rules.settings import UNUSED_SUPPRESSION


@dataclass
class Inline:
    """The outcome of a plan's `ignore:` entries: what stays, what they silenced, which were unused."""

    kept: list[Finding]
    suppressed: list[Suppressed]
    unused: list[Finding]


def apply_inline(
    plan: Plan, findings: Iterable[Finding], ran: set[str], off: set[str], refused: set[tuple[int, int]]
) -> Inline:
    """Silence the findings that a milestone's `ignore:` names, and report the entries that silenced
    nothing, for rules that ran or are turned off (others cannot tell). `refused` entries, by
    (entry, index), name a code that cannot be ignored: FHS700 reports them instead."""
    if not any(entry.model.ignore for entry in plan.entries):
        # Locating every milestone is most of a large plan's check (issue 9): only for a reason.
        return Inline(list(findings), [], [])
    owners = _Owners(plan)
    used: set[tuple[int, int]] = set()
    out = Inline([], [], [])
    for finding in findings:
        owner = owners.of(finding)
        match = None if owner is None else _entry_ignoring(plan.entries[owner], finding.code)
        if owner is None or match is None or (owner, match) in refused:
            out.kept.append(finding)
            continue
        used.add((owner, match))
        entry = plan.entries[owner]
        at = entry.where.pos("ignore", match, "code")
        out.suppressed.append(Suppressed(finding, "inline", entry.model.ignore[match].reason, at))
    judged = ran | off
    for n, entry in enumerate(plan.entries):
        for i, ignore in enumerate(entry.model.ignore):
            if (n, i) in used or (n, i) in refused or ignore.code not in judged:
                continue
            if ignore.code in off:
                said = _("{milestone}: ignore of {code} is unused: the rule is turned off; remove the entry")
            else:
                said = _(
                    "{milestone}: ignore of {code} is unused: the rule finds nothing here; remove the entry"
                )
            message = said.format(milestone=entry.id, code=ignore.code)
            problem = Problem(message, entry.where.pos("ignore", i, "code"), about=(entry.id, ignore.code))
            out.unused.append(UNUSED_SUPPRESSION.finding(problem))
    return out


def _entry_ignoring(entry: Entry, code: str) -> int | None:
    return next((i for i, ignore in enumerate(entry.model.ignore) if ignore.code == code), None)


def apply_paths(
    findings: Iterable[Finding], ignores: tuple[PathIgnore, ...]
) -> tuple[list[Finding], list[Suppressed]]:
    """Silence the findings in files that a `per_path_ignores` pattern names for their code."""
    if not ignores:
        return list(findings), []
    kept, suppressed = [], []
    for finding in findings:
        rule = next((i for i in ignores if finding.code in i.codes and i.matches(finding.pos.file)), None)
        if rule is None:
            kept.append(finding)
        else:
            reason = _("per_path_ignores {pattern}").format(pattern=repr(rule.pattern))
            suppressed.append(Suppressed(finding, "path", reason, rule.pos))
    return kept, suppressed


class _Owners:
    """Which milestone's record a position lies in: the last record (or area key) starting before it."""

    def __init__(self, plan: Plan) -> None:
        marks: dict[str, list[tuple[tuple[int, int], int | None]]] = {}
        for area in plan.areas:
            for name in area.model.model_fields_set:
                at = area.where.pos(name, key=True)
                marks.setdefault(at.file, []).append(((at.line, at.col), None))
        for n, entry in enumerate(plan.entries):
            at = entry.where.pos()
            # A milestone without `ignore:` is still a boundary: what lies in it is no other's.
            marks.setdefault(at.file, []).append(((at.line, at.col), n if entry.model.ignore else None))
        self._marks = {file: sorted(m, key=lambda m: m[0]) for file, m in marks.items()}
        self._keys = {file: [m[0] for m in ms] for file, ms in self._marks.items()}

    def of(self, finding: Finding) -> int | None:
        """The index (in plan.entries) of the milestone with `ignore:` entries holding the finding."""
        marks = self._marks.get(finding.pos.file)
        if not marks:
            return None
        index = bisect.bisect_right(self._keys[finding.pos.file], (finding.pos.line, finding.pos.col)) - 1
        return marks[index][1] if index >= 0 else None
