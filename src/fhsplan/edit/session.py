"""One edit of a plan: read its files once, change their text, check the result in memory, then
show the diff or write every changed file together.

An edit is refused, and nothing written, when the edited plan would have an error-level finding
the plan does not have now (compared by `Finding.key`, so a finding that only moved lines is the
same finding). A plan that already has errors can still be edited, as long as the edit adds none.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from fhsplan.edit import Invalid, Refused, patch
from fhsplan.edit.document import At, YamlFile
from fhsplan.findings import Finding, Severity, sorted_findings
from fhsplan.i18n import _, follow_plan, ngettext
from fhsplan.loader import PLAN_FILE, area_files, display_path, load_plan
from fhsplan.plan import Entry, Plan
from fhsplan.source import paused_gc
from fhsplan.views import NotInPlan


@dataclass(frozen=True, slots=True)
class Target:
    """A milestone to change: its plan entry, the file it is in, and its node there."""

    entry: Entry
    file: YamlFile
    at: At

    @property
    def id(self) -> str:
        return self.entry.id


class Session:
    """A plan as read once from disk, the files changed so far, and the revision edits are booked to."""

    def __init__(self, folder: Path, as_of: _dt.date | None = None) -> None:
        self.folder = folder
        self.as_of = as_of or _dt.date.today()
        self.paths = [folder / PLAN_FILE, *area_files(folder)]
        self.originals = {path: _read(path) for path in self.paths}
        with paused_gc():
            result = load_plan(folder, self.originals)
        if result.plan is None:
            raise Invalid(
                _("plan {name} does not load; fix it first (fhsplan validate)").format(name=folder.name),
                result.findings,
            )
        self.plan: Plan = result.plan
        follow_plan(self.plan.meta.language)  # what the edit says, in the plan's language
        self.revision = self.plan.current_revision
        self._files: dict[Path, YamlFile] = {}

    def file(self, path: Path) -> YamlFile:
        """A plan file, composed for editing the first time it is asked for."""
        if path not in self._files:
            self._files[path] = YamlFile(path, self.originals[path], display_path(path))
        return self._files[path]

    def plan_file(self) -> YamlFile:
        return self.file(self.paths[0])

    def area_file(self, area_id: str) -> YamlFile:
        area = self.plan.area(area_id)
        if area is None:
            raise Refused(str(NotInPlan("focus area", area_id, [a.id for a in self.plan.areas])))
        return self.file(self.paths[1 + area.order])  # load_plan reads area files in this order

    def milestone(self, ident: str) -> Target:
        """The milestone `ident`, or a refusal naming the nearest ids."""
        entry = self.plan.by_id.get(ident)
        if entry is None:
            raise Refused(str(NotInPlan("milestone", ident, self.plan.by_id)))
        file = self.area_file(entry.area)
        milestones = file.get(file.root, "milestones")
        assert milestones is not None
        return Target(entry, file, file.item(milestones, entry.where.path[1]))

    def outcome(self) -> Outcome:
        """The changed files' new content, once the edited plan is known to add no error."""
        changed = {path: f.result() for path, f in self._files.items() if f.changed()}
        with paused_gc():  # millions of objects at 10k milestones: the collector would rescan them
            after = load_plan(self.folder, {**self.originals, **changed})
            if after.plan is None:
                raise Invalid(_("the edited plan would not load"), sorted_findings(after.findings))
            before = _errors(self.plan, self.as_of)
            new = [f for key, f in _errors(after.plan, self.as_of).items() if key not in before]
        if new:
            findings = sorted_findings(new)
            said = ngettext(
                "the edited plan would have {n} new error(s)",
                "the edited plan would have {n} new error(s)",
                len(findings),
            )
            raise Invalid(said.format(n=len(findings)), findings)
        lines = {p: self._files[p].changes() for p in changed}
        return Outcome({p: self.originals[p] for p in changed}, changed, lines)


@dataclass(frozen=True)
class Outcome:
    """What an edit would write: each changed file's content before and after."""

    before: dict[Path, bytes]
    after: dict[Path, bytes]
    changes: dict[Path, list[patch.Change]]

    def diff(self) -> str:
        """A unified diff of every changed file, as `git diff` shows it (a/ and b/ paths)."""
        parts = []
        for path, found in self.changes.items():
            name = display_path(path)
            old = patch.lines(self.before[path].decode("utf-8"))
            parts.append(patch.unified(f"a/{name}", f"b/{name}", old, found))
        return "".join(parts)

    def write(self) -> None:
        """Replace every changed file at once, unless one changed on disk since it was read."""
        from fhsplan.atomic import replace_files

        for path, old in self.before.items():
            if _read(path) != old:
                raise Refused(
                    _("{file} changed on disk during the edit; run the command again").format(
                        file=display_path(path)
                    )
                )
        replace_files(self.after)


def _errors(plan: Plan, as_of: _dt.date) -> dict[tuple[str, tuple[str, ...], str], Finding]:
    from fhsplan.check import check_plan
    from fhsplan.rules import Context

    return {f.key: f for f in check_plan(plan, Context(as_of=as_of), Severity.error)}


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise Refused(
            _("cannot read {file}: {error}").format(file=display_path(path), error=exc.strerror or exc)
        ) from None
