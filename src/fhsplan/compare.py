"""What changed in a plan between two revisions, in plan terms: a pure function of two plan indexes.

Milestones are compared by id on their meaningful fields only (title, description, due, status,
effects, prerequisites, area); notes, sources and uncertain readings are bookkeeping and ignored.
A removed and an added milestone with identical content are one rename. What needs a reviewer's
attention is what the rules find at HEAD that they did not find at BASE (issue #9: the diff used to
re-derive FHS401 on its own), plus what only a comparison can see: a postponement or rewording
without the history entry the plan document's colours come from. Order is deterministic: areas in
the plan's order, milestones by id, changes in the order of KINDS. Reading plans at git revisions is
`gitrev`'s job; rendering is the diff renderers' (`fhsplan.views.diff_*`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from fhsplan.check import check_plan
from fhsplan.compare_plan import PlanChange, area_renames, plan_changes, vocabulary_renames
from fhsplan.findings import Finding, Severity
from fhsplan.i18n import N_, _, ngettext, pgettext
from fhsplan.i18n import number as n_
from fhsplan.lifecycle import Change as Kind
from fhsplan.lifecycle import Colour, Status
from fhsplan.models import Effect, HistoryEntry, period_of
from fhsplan.palette import describe
from fhsplan.plan import Entry, Plan
from fhsplan.rules import Context
from fhsplan.rules.identity import unknown_reference
from fhsplan.wording import assessment_text, followup_when, indicator_text

# Every kind of change, in the order a milestone's changes are listed, with the words reviewers read.
KINDS: dict[str, str] = {
    "added": N_("added"),
    "removed": N_("removed"),
    "renamed": N_("id renamed"),
    "moved": N_("moved from another area"),
    "postponed": N_("postponed"),
    "advanced": N_("brought forward"),
    "rescheduled": N_("timetable changed"),
    "reformulated": N_("reformulated"),
    "described": N_("description changed"),
    "withdrawn": N_("no longer pursued"),
    "status": N_("status changed"),
    "followed-up": N_("followed up"),
    "owners": N_("owners changed"),
    "effect-added": N_("effect added"),
    "effect-removed": N_("effect removed"),
    "effect-changed": N_("effect changed"),
    "assessed": N_("effect assessed"),
    "indicator": N_("indicator changed"),
    "prerequisite-added": N_("prerequisite added"),
    "prerequisite-removed": N_("prerequisite removed"),
}

# The summary line counts milestones per group of kinds, in this order.
SUMMARY_GROUPS: dict[str, tuple[str, ...]] = {
    "added": ("added",),
    "removed": ("removed",),
    "renamed": ("renamed",),
    "moved": ("moved",),
    "postponed": ("postponed",),
    "brought forward": ("advanced",),
    "timetable changed": ("rescheduled",),
    "reformulated": ("reformulated",),
    "description changed": ("described",),
    "no longer pursued": ("withdrawn",),
    "status changed": ("status",),
    "followed up": ("followed-up",),
    "owners changed": ("owners",),
    "effects changed": ("effect-added", "effect-removed", "effect-changed"),
    "effects assessed": ("assessed", "indicator"),
    "prerequisites changed": ("prerequisite-added", "prerequisite-removed"),
}

# The summary line's words for a count of milestones in each group (Swedish inflects them).
_GROUP_COUNTS: dict[str, Callable[[int], str]] = {
    "added": lambda n: ngettext("{n} added", "{n} added", n),
    "removed": lambda n: ngettext("{n} removed", "{n} removed", n),
    "renamed": lambda n: ngettext("{n} renamed", "{n} renamed", n),
    "moved": lambda n: ngettext("{n} moved", "{n} moved", n),
    "postponed": lambda n: ngettext("{n} postponed", "{n} postponed", n),
    "brought forward": lambda n: ngettext("{n} brought forward", "{n} brought forward", n),
    "timetable changed": lambda n: ngettext("{n} timetable changed", "{n} timetables changed", n),
    "reformulated": lambda n: ngettext("{n} reformulated", "{n} reformulated", n),
    "description changed": lambda n: ngettext("{n} description changed", "{n} descriptions changed", n),
    "no longer pursued": lambda n: ngettext("{n} no longer pursued", "{n} no longer pursued", n),
    "status changed": lambda n: ngettext("{n} status changed", "{n} status changed", n),
    "followed up": lambda n: ngettext("{n} followed up", "{n} followed up", n),
    "owners changed": lambda n: ngettext("{n} owners changed", "{n} owners changed", n),
    "effects changed": lambda n: ngettext("{n} effects changed", "{n} effects changed", n),
    "effects assessed": lambda n: ngettext("{n} effects assessed", "{n} effects assessed", n),
    "prerequisites changed": lambda n: ngettext("{n} prerequisites changed", "{n} prerequisites changed", n),
}
# The picture of changed milestones and their neighbours stays small enough to read in a comment.
PICTURE_NODES = 30

# Effects whose wording is this similar are one effect reworded rather than one removed, one added.
_SAME_EFFECT = 0.6


@dataclass(frozen=True, slots=True)
class Renames:
    """Old id → new id of what a change renamed, so that a renamed id alone is no change elsewhere."""

    milestones: dict[str, str] = field(default_factory=dict)
    areas: dict[str, str] = field(default_factory=dict)
    beneficiaries: dict[str, str] = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Change:
    """One change to one milestone: its kind and the values before and after, as plain text."""

    kind: str
    milestone: str
    title: str
    before: str = ""
    after: str = ""
    colour: Colour | None = None  # the plan document's colour of the milestone at HEAD
    status: Status | None = None  # its stated status at HEAD
    revised: tuple[Kind, ...] = ()  # what HEAD's current revision changed in it
    note: str = ""

    @property
    def label(self) -> str:
        """What the change is called, in the language being spoken (a note says it more exactly)."""
        return self.note or _(KINDS[self.kind])


@dataclass(frozen=True, slots=True)
class Notice:
    """What a reviewer must look at: a finding new at HEAD (with its rule's code), or a change the
    history does not record (no code). `error` breaks the plan, `warning` its colours or content."""

    severity: str
    milestone: str
    message: str
    code: str = ""


@dataclass(frozen=True, slots=True)
class AreaDiff:
    """The changes in one focus area, milestones by id."""

    id: str
    name: str
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class PictureNode:
    """A milestone in the picture of what changed: how it looks, and why it is there."""

    id: str
    title: str
    due: str
    colour: Colour
    words: str  # its status and what the current revision did to it, in words
    role: str  # "changed", "removed" (only at BASE) or "neighbour" (a direct prerequisite or dependent)


@dataclass(frozen=True, slots=True)
class PictureEdge:
    """An arrow from a prerequisite to its dependent: `needs` at HEAD, `was` only at BASE, or
    `missing`: the dependent still names a prerequisite that this change removed or renamed."""

    prerequisite: str
    dependent: str
    kind: str


@dataclass(frozen=True, slots=True)
class Picture:
    """The changed milestones and their direct neighbours, at most PICTURE_NODES of them."""

    nodes: tuple[PictureNode, ...]
    edges: tuple[PictureEdge, ...]
    total: int  # how many the picture would show uncapped

    @property
    def capped(self) -> bool:
        return self.total > len(self.nodes)


@dataclass
class PlanDiff:
    """Everything that changed in one plan between BASE and HEAD."""

    plan: str
    title: str
    base: str
    head: str
    revision: str | None
    areas: list[AreaDiff] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    areas_total: int = 0
    plan_changes: list[PlanChange] = field(default_factory=list)
    picture: Picture | None = None
    # The findings that keep the plan from loading at HEAD (then nothing else is compared).
    unloadable: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.areas or self.plan_changes or self.unloadable)

    @property
    def loads(self) -> bool:
        """Whether the plan loads at HEAD (or does not exist there)."""
        return not self.unloadable

    def changes(self) -> Iterator[Change]:
        for area in self.areas:
            yield from area.changes

    def counts(self) -> dict[str, int]:
        """Milestones per summary group, only groups with any."""
        out = {}
        for group, kinds in SUMMARY_GROUPS.items():
            ids = {c.milestone for c in self.changes() if c.kind in kinds}
            if ids:
                out[group] = len(ids)
        return out


def diff_plans(
    base: Plan | None, head: Plan | None, base_label: str, head_label: str, context: Context
) -> PlanDiff:
    """Compare two loaded plans (None: the plan does not exist at that revision).

    `context` is what the rules judge both revisions by (the as-of date of overdue).
    """
    either = head or base
    assert either is not None, "a plan must exist at one of the revisions"
    result = PlanDiff(
        either.meta.id, either.meta.title, base_label, head_label, head.current_revision if head else None
    )
    old = {e.id: e for e in base.entries} if base else {}
    new = {e.id: e for e in head.entries} if head else {}
    renames = _renames(old, new)
    old_id = {new_id: old_id for old_id, new_id in renames.items()}
    ids = Renames(renames)
    if base and head:
        ids = Renames(
            renames,
            area_renames(base, head),
            vocabulary_renames(base, head, "beneficiaries"),
            vocabulary_renames(base, head, "owners"),
        )
    moved_areas = ids.areas
    per_area: dict[str, list[Change]] = {}
    for mid in sorted(set(new) | set(old) - set(renames)):
        if mid in new:
            entry = new[mid]
            before = old.get(old_id.get(mid, mid))
            changes = _changes(before, entry, base, head, ids) if before else [_added(entry, head)]
        else:
            entry = old[mid]
            changes = [Change("removed", mid, entry.model.title, before=_due_words(entry))]
        per_area.setdefault(moved_areas.get(entry.area, entry.area), []).extend(changes)
    names = _area_names(base, head, moved_areas)
    result.areas = [AreaDiff(aid, names[aid], tuple(per_area[aid])) for aid in names if per_area.get(aid)]
    result.areas_total = len(names)
    if base is not None and head is not None:
        result.plan_changes = plan_changes(base, head, moved_areas)
    if head is not None:
        at_base = check_plan(base, context) if base is not None else []
        result.notices = [
            *_new_findings(at_base, check_plan(head, context), ids, base),
            *_history_notices(old, new, old_id, head, base is not None),
        ]
        result.picture = _picture(result, base, head, renames)
    return result


def head_does_not_load(
    base: Plan | None, name: str, base_label: str, head_label: str, findings: list[Finding]
) -> PlanDiff:
    """The diff of a plan that does not load at HEAD: what keeps it from loading, nothing compared."""
    title = base.meta.title if base else name
    result = PlanDiff(base.meta.id if base else name, title, base_label, head_label, None)
    result.unloadable = sorted(findings, key=lambda f: (f.severity is not Severity.error, f.sort_key))
    result.areas_total = len(base.areas) if base else 0
    return result


# How gitrev names the working tree as a revision (`Revision.label`); shown in words by `shown_label`.
WORKING_TREE = "working tree"


def shown_label(label: str) -> str:
    """A revision's label as the reader reads it: `main (abc1234)`, or the working tree in words."""
    return _("working tree") if label == WORKING_TREE else label


def at(label: str) -> str:
    """`at main (abc1234)`, or `in the working tree`."""
    return _("in the working tree") if label == WORKING_TREE else _("at {revision}").format(revision=label)


def summary(diff: PlanDiff) -> str:
    """One line: how many milestones changed, how, in how many areas, and what needs attention."""
    if diff.unloadable:
        errors = sum(1 for f in diff.unloadable if f.severity is Severity.error)
        return ngettext(
            "The plan does not load {at}: {n} error; nothing else is compared.",
            "The plan does not load {at}: {n} errors; nothing else is compared.",
            errors,
        ).format(at=at(diff.head), n=n_(errors))
    n_plan = len(diff.plan_changes)
    itself = ngettext("{n} change to the plan itself", "{n} changes to the plan itself", n_plan).format(
        n=n_(n_plan)
    )
    if diff.areas:
        milestones = len({c.milestone for c in diff.changes()})
        counts = ", ".join(_GROUP_COUNTS[group](n).format(n=n_(n)) for group, n in diff.counts().items())
        text = ngettext(
            "{n} milestone changed in {changed} of {areas}: {counts}",
            "{n} milestones changed in {changed} of {areas}: {counts}",
            milestones,
        ).format(n=n_(milestones), changed=n_(len(diff.areas)), areas=_areas(diff.areas_total), counts=counts)
        if diff.plan_changes:
            text = _("{milestones}; {plan}").format(milestones=text, plan=itself)
    elif diff.plan_changes:
        text = _("No milestone changed; {plan}").format(plan=itself)
    else:
        text = _("No milestone changed")
    if not diff.notices:
        return _("{summary}.").format(summary=text)
    n = len(diff.notices)
    return ngettext("{summary}; {n} needs attention.", "{summary}; {n} need attention.", n).format(
        summary=text, n=n_(n)
    )


def _areas(n: int) -> str:
    return ngettext("{n} focus area", "{n} focus areas", n).format(n=n_(n))


def _area_names(base: Plan | None, head: Plan | None, moved: dict[str, str]) -> dict[str, str]:
    """Area names by (HEAD's) id: HEAD's areas in its order, then areas only BASE had."""
    names: dict[str, str] = {}
    for plan in (head, base):
        for area in plan.areas if plan else []:
            names.setdefault(moved.get(area.id, area.id), area.model.name)
    return names


def _content(entry: Entry, renames: dict[str, str] | None = None) -> tuple[Any, ...]:
    """The meaningful content of a milestone that a rename keeps."""
    m = entry.model
    needs = sorted((renames or {}).get(p.milestone, p.milestone) for p in m.depends_on)
    effects = tuple((e.text, tuple(e.beneficiaries)) for e in m.effects)
    return (m.title, m.description, entry.due_text(), effects, tuple(needs))


def _renames(old: dict[str, Entry], new: dict[str, Entry]) -> dict[str, str]:
    """Old id → new id for removed milestones whose content reappears under an added id."""
    gone = [old[i] for i in sorted(set(old) - set(new))]
    arrived = [new[i] for i in sorted(set(new) - set(old))]
    # First by content without prerequisites, then check prerequisites with the renames applied,
    # so a milestone whose prerequisite was renamed in the same change still pairs up.
    by_content: dict[tuple[Any, ...], list[str]] = {}
    for entry in arrived:
        by_content.setdefault(_content(entry)[:4], []).append(entry.id)
    candidates = {}
    for entry in gone:
        matches = by_content.get(_content(entry)[:4])
        if matches:
            candidates[entry.id] = matches.pop(0)
    return {o: n for o, n in candidates.items() if _content(old[o], candidates)[4] == _content(new[n])[4]}


def _added(entry: Entry, head: Plan | None) -> Change:
    return _change(head, entry, "added", after=_due_words(entry))


def _change(
    head: Plan | None, entry: Entry, kind: str, before: str = "", after: str = "", note: str = ""
) -> Change:
    """A change of `kind` to a milestone, with how HEAD shows the milestone."""
    if head is None:
        return Change(kind, entry.id, entry.model.title, before, after, note=note)
    revised = tuple(head.changes_in(entry))
    return Change(
        kind, entry.id, entry.model.title, before, after, head.colour(entry), entry.status, revised, note
    )


def _due_words(entry: Entry) -> str:
    return _("due {when}").format(when=entry.due_text()) if entry.model.due is not None else _due_text(entry)


def _due_text(entry: Entry) -> str:
    """When a milestone is due, or that it has no timetable, in words."""
    return entry.period.text if entry.period else _("no timetable")


def status_word(status: Status) -> str:
    """A stated status in words; in English its id (`unknown`), as the JSON has always said it."""
    if status is Status.unknown:
        return pgettext("status", "unknown")
    return _(status.value)  # the other ids are the palette's English words, in the catalogue already


def _changes(old: Entry, new: Entry, base: Plan | None, head: Plan | None, ids: Renames) -> list[Change]:
    """Every meaningful change from `old` to `new`, in the order of KINDS."""
    assert base is not None and head is not None

    def change(kind: str, before: str = "", after: str = "", note: str = "") -> Change:
        return _change(head, new, kind, before, after, note)

    out: list[Change] = []
    if old.id != new.id:
        out.append(change("renamed", old.id, new.id))
    if ids.areas.get(old.area, old.area) != new.area:  # an area's new id is not a move
        out.append(change("moved", _area_name(base, old.area), _area_name(head, new.area)))
    out.extend(_due_change(old, new, change))
    if old.model.title != new.model.title:
        out.append(change("reformulated", old.model.title, new.model.title))
    if old.model.description != new.model.description:
        out.append(change("described", old.model.description or "", new.model.description or ""))
    if old.active and not new.active:
        out.append(
            change("withdrawn", status_word(old.status), _withdrawn(new, head), note=_(KINDS["withdrawn"]))
        )
    elif old.status is not new.status:
        out.append(change("status", status_word(old.status), status_word(new.status)))
    out.extend(_followups(old, new, change))
    if [ids.owners.get(o, o) for o in old.model.owners] != new.model.owners:
        out.append(change("owners", ", ".join(old.model.owners), ", ".join(new.model.owners)))
    out.extend(_effect_changes(old.model.effects, new.model.effects, base, head, ids.beneficiaries, change))
    out.extend(_prerequisite_changes(old, new, base, head, ids.milestones, change))
    return out


def _withdrawn(entry: Entry, plan: Plan) -> str:
    """How a milestone left the plan: `removed in revision 2024 (reason)` or `cancelled`."""
    removal = next((h for h in entry.model.history if h.kind is Kind.removed), None)
    if removal is None:
        return status_word(Status.cancelled)
    if removal.note:
        return _("removed in revision {revision} ({reason})").format(
            revision=removal.revision, reason=removal.note
        )
    return _("removed in revision {revision}").format(revision=removal.revision)


def _area_name(plan: Plan, area_id: str) -> str:
    area = plan.area(area_id)
    return area.model.name if area else area_id


def _due_change(old: Entry, new: Entry, change: Any) -> Iterator[Change]:
    if old.due_text() == new.due_text():
        return
    before, after = _due_text(old), _due_text(new)
    if old.period is None or new.period is None or old.period.end == new.period.end:
        yield change("rescheduled", before, after)
        return
    later = new.period.later_than(old.period)
    kind = "postponed" if later else "advanced"
    years = abs(new.period.last_year - old.period.last_year)
    year = new.period.last_year
    if years and later:
        note = ngettext("postponed +{n} year", "postponed +{n} years", years).format(n=n_(years))
    elif years:
        note = ngettext("brought forward {n} year", "brought forward {n} years", years).format(n=n_(years))
    elif later:  # a finer due moved within its year: 2020-06-30 -> 2020-09-30
        note = _("postponed within {year}").format(year=year)
    else:
        note = _("brought forward within {year}").format(year=year)
    yield change(kind, before, after, note)


def _effect_text(effect: Effect, plan: Plan) -> str:
    names = plan.vocabulary_names("beneficiaries")
    who = ", ".join(names.get(b, b) for b in effect.beneficiaries)
    return f"{effect.text} ({who})" if who else effect.text


def _followups(old: Entry, new: Entry, change: Any) -> Iterator[Change]:
    """Follow-ups that HEAD has and BASE had not: what the strategy office recorded."""
    before = set(old.model.followups)
    for followup in new.model.followups:
        if followup not in before:
            words = _("{when}: {status}").format(
                when=followup_when(followup), status=status_word(followup.status)
            )
            if followup.comment:
                words = _("{followup} ({comment})").format(followup=words, comment=followup.comment)
            yield change("followed-up", after=words)


def _said(effect: Effect, codes: dict[str, str] | None = None) -> tuple[str, tuple[str, ...]]:
    """What an effect says: its wording and for whom (its indicator and assessments judge it), with
    beneficiary codes renamed by `codes`."""
    return effect.text, tuple((codes or {}).get(b, b) for b in effect.beneficiaries)


def _effect_changes(
    old: list[Effect], new: list[Effect], base: Plan, head: Plan, codes: dict[str, str], change: Any
) -> Iterator[Change]:
    """Effects matched by what they say: equal, then similar wording, the rest added or removed; a
    matched effect's new assessments and indicator are their own changes. A beneficiary code that
    was renamed is the same beneficiary."""
    said = {_said(e) for e in new}
    was = {}
    for e in reversed(old):  # the first of equal effects, as a scan from the start finds it
        was[_said(e, codes)] = e
    kept = set(was) & said
    gone = [e for e in old if _said(e, codes) not in kept]
    arrived = [e for e in new if _said(e) not in kept]
    for effect in new:
        previous = was.get(_said(effect))
        if previous is not None:
            yield from _judged(previous, effect, change)
    for effect in list(gone):
        match = _closest(effect, arrived)
        if match is not None:
            gone.remove(effect)
            arrived.remove(match)
            yield change("effect-changed", _effect_text(effect, base), _effect_text(match, head))
            yield from _judged(effect, match, change)
    for effect in gone:
        yield change("effect-removed", before=_effect_text(effect, base))
    for effect in arrived:
        yield change("effect-added", after=_effect_text(effect, head))


def _judged(old: Effect, new: Effect, change: Any) -> Iterator[Change]:
    """An effect's indicator changed, or a revision assessed it (anew or otherwise)."""
    if old.indicator != new.indicator:
        before = indicator_text(old.indicator) if old.indicator else ""
        yield change("indicator", before, indicator_text(new.indicator) if new.indicator else "")
    was = {a.revision: a for a in old.assessments}
    for assessment in new.assessments:
        if was.get(assessment.revision) != assessment:
            earlier = was.get(assessment.revision)
            before = assessment_text(earlier) if earlier else ""
            yield change("assessed", before, f"{new.text}: {assessment_text(assessment)}")


def _closest(effect: Effect, candidates: list[Effect]) -> Effect | None:
    scored = [
        (difflib.SequenceMatcher(None, effect.text, c.text).ratio(), -i) for i, c in enumerate(candidates)
    ]
    if not scored:
        return None
    ratio, index = max(scored)
    return candidates[-index] if ratio >= _SAME_EFFECT else None


def _prerequisite_changes(
    old: Entry, new: Entry, base: Plan, head: Plan, renames: dict[str, str], change: Any
) -> Iterator[Change]:
    # Renames apply to both sides: a dependent still naming a renamed prerequisite's old id has not
    # changed its prerequisites, it is left dangling (FHS302 says so).
    before = [renames.get(p.milestone, p.milestone) for p in old.model.depends_on]
    after = [renames.get(p.milestone, p.milestone) for p in new.model.depends_on]
    for mid in before:
        if mid not in after:
            yield change("prerequisite-removed", before=_title(head, mid) or _title(base, mid) or mid)
    for mid in after:
        if mid not in before:
            yield change("prerequisite-added", after=_title(head, mid) or mid)


def _title(plan: Plan, mid: str) -> str | None:
    entry = plan.by_id.get(mid)
    return entry.model.title if entry else None


def _new_findings(
    before: list[Finding], after: list[Finding], ids: Renames, base: Plan | None
) -> Iterator[Notice]:
    """Findings of the rules at HEAD that BASE did not have, errors first (a renamed milestone's
    findings at BASE count under its new id)."""
    known = {_renamed(f, ids.milestones).key for f in before}
    new = [f for f in after if f.key not in known]
    new.sort(key=lambda f: (f.severity is not Severity.error, f.code, f.about, f.message))
    for finding in new:
        yield Notice(
            finding.severity.value,
            finding.about[0] if finding.about else "",
            _in_diff_terms(finding, ids, base),
            finding.code,
        )


# The vocabularies whose renamed or removed ids an unknown reference (FHS302) can be explained by.
_EXPLAINED = {"beneficiary": "beneficiaries", "owner": "owners"}


def _in_diff_terms(finding: Finding, ids: Renames, base: Plan | None) -> str:
    """A finding's message, said in terms of the change where the change explains it: a reference
    that is unknown at HEAD because this change removed or renamed what it names (FHS302)."""
    if finding.code != unknown_reference.code or len(finding.about) != 3 or base is None:
        return finding.message
    subject, kind, gone = finding.about
    if kind == "milestone" and gone in base.by_id:
        words = {"subject": subject, "title": _quote(base.by_id[gone]), "id": gone}
        if gone in ids.milestones:
            return _(
                "{subject} still needs {title} ({id}), which this change renames to {new_id}: "
                "update its depends_on"
            ).format(**words, new_id=ids.milestones[gone])
        return _(
            "{subject} still needs {title} ({id}), which this change removes: "
            "keep the milestone or drop the prerequisite"
        ).format(**words)
    if kind in _EXPLAINED and gone in base.vocabulary_names(_EXPLAINED[kind]):
        renamed = getattr(ids, _EXPLAINED[kind]).get(gone)
        words = {"subject": subject or _("a focus area"), "id": repr(gone)}
        if kind == "owner" and renamed:
            message = _("{subject} still uses owner {id}, which this change renames to {new_id}")
        elif kind == "owner":
            message = _("{subject} still uses owner {id}, which this change removes from plan.yaml")
        elif renamed:
            message = _("{subject} still uses beneficiary {id}, which this change renames to {new_id}")
        else:
            message = _("{subject} still uses beneficiary {id}, which this change removes from plan.yaml")
        return message.format(**words, new_id=renamed)
    return finding.message


def _renamed(finding: Finding, renames: dict[str, str]) -> Finding:
    if not renames or not any(i in renames for i in finding.about):
        return finding
    about = tuple(renames.get(i, i) for i in finding.about)
    return Finding(finding.code, finding.severity, finding.message, finding.pos, finding.related, about)


def _history_notices(
    old: dict[str, Entry], new: dict[str, Entry], old_id: dict[str, str], head: Plan, compared: bool
) -> Iterator[Notice]:
    """Additions, postponements and rewordings without the history entry the plan document's
    colours come from (additions only when there was a plan to add to: `compared`)."""
    for mid in sorted(new):
        before = old.get(old_id.get(mid, mid))
        if before is not None:
            yield from _unrecorded_move(before, new[mid], head.current_revision)
            yield from _unrecorded_rewording(before, new[mid], head.current_revision)
        elif compared:
            yield from _unrecorded_addition(new[mid], head.current_revision)


def _unrecorded_addition(entry: Entry, revision: str) -> Iterator[Notice]:
    if any(h.kind is Kind.added for h in entry.model.history):
        return
    entry_text = f"{{kind: added, revision: {revision}}}"
    message = _(
        "{title} is new without a history entry {entry}; the plan document's colours come from that history"
    )
    yield Notice("warning", entry.id, message.format(title=_quote(entry), entry=entry_text))


def _unrecorded_move(before: Entry, entry: Entry, revision: str) -> Iterator[Notice]:
    was, now = before.period, entry.period
    if was is None or now is None or was.end == now.end:
        return
    kind = "postponed" if now.later_than(was) else "advanced"
    if not _recorded(entry.model.history, kind, revision, before=was.text):
        entry_text = f"{{kind: {kind}, revision: {revision}, from: {was.text}}}"
        if kind == "postponed":
            message = _(
                "{title} is postponed from {before} to {after} without a history entry {entry}; "
                "the plan document's colours come from that history"
            )
        else:
            message = _(
                "{title} is brought forward from {before} to {after} without a history entry {entry}; "
                "the plan document's colours come from that history"
            )
        words = {"title": _quote(entry), "before": was.text, "after": now.text, "entry": entry_text}
        yield Notice("warning", entry.id, message.format(**words))


def _unrecorded_rewording(before: Entry, entry: Entry, revision: str) -> Iterator[Notice]:
    was = before.model.title
    if was == entry.model.title or _recorded(entry.model.history, "reformulated", revision, previous=was):
        return
    entry_text = f"{{kind: reformulated, revision: {revision}, previous: {was}}}"
    message = _(
        "{title} is reworded without a history entry {entry}; the plan document's colours come from that history"
    )
    yield Notice("warning", entry.id, message.format(title=_quote(entry), entry=entry_text))


def _recorded(
    history: list[HistoryEntry],
    kind: str,
    revision: str,
    before: str | None = None,
    previous: str | None = None,
) -> bool:
    """A history entry of `kind` made by the current revision, or naming the old value."""
    for h in history:
        if h.kind.value != kind:
            continue
        if h.revision == revision or (
            before is not None and h.before is not None and period_of(h.before).text == before
        ):
            return True
        if previous is not None and h.previous == previous:
            return True
    return False


def _quote(entry: Entry) -> str:
    return _("“{title}”").format(title=entry.model.title)


def _picture(diff: PlanDiff, base: Plan | None, head: Plan, renames: dict[str, str]) -> Picture | None:
    """The changed milestones (those removed too) and their direct neighbours, the changed first."""
    changed = list(dict.fromkeys(c.milestone for c in diff.changes()))
    if not changed:
        return None
    is_changed = set(changed)
    old = base.by_id if base else {}
    named = _dangling(head, renames)
    neighbours: dict[str, None] = {}
    edges: dict[tuple[str, str], str] = {}
    for mid in changed:
        if mid in head.by_id:
            around = [e.id for e in head.prerequisites(mid)] + [e.id for e in head.dependents(mid)]
        else:  # removed: what it needed and what needed it at BASE, and who still names it
            assert base is not None
            around = [e.id for e in (base.prerequisites(mid) + base.dependents(mid)) if e.id in head.by_id]
            around += [d for d in named.get(mid, []) if d not in around]
        for other in around:
            if other not in is_changed:
                neighbours.setdefault(other)
    wanted = changed + list(neighbours)
    shown = wanted[:PICTURE_NODES]
    kept = set(shown)
    for a, b in head.edges():
        if a in kept and b in kept:
            edges[(a, b)] = "needs"
    for gone, dependents in named.items():
        source = renames.get(gone, gone)
        for d in dependents:
            if source in kept and d in kept:
                edges[(source, d)] = "missing"
    for a, b in base.edges() if base else ():  # arrows this change took away, to what was removed too
        pair = (renames.get(a, a), renames.get(b, b))
        if pair[0] in kept and pair[1] in kept:
            edges.setdefault(pair, "was")
    nodes = tuple(_picture_node(mid, head, old, is_changed) for mid in shown)
    return Picture(nodes, tuple(PictureEdge(a, b, kind) for (a, b), kind in edges.items()), len(wanted))


def _dangling(head: Plan, renames: dict[str, str]) -> dict[str, list[str]]:
    """Prerequisite ids HEAD's milestones name but HEAD lacks, with who names them."""
    out: dict[str, list[str]] = {}
    for entry in head.entries:
        for prerequisite in entry.model.depends_on:
            if prerequisite.milestone not in head.by_id:
                out.setdefault(prerequisite.milestone, []).append(entry.id)
    return out


def _picture_node(mid: str, head: Plan, old: dict[str, Entry], changed: set[str]) -> PictureNode:
    entry = head.by_id.get(mid)
    if entry is None:
        gone = old[mid]
        return PictureNode(mid, gone.model.title, _due_text(gone), Colour.cancelled, _("removed"), "removed")
    words = describe(entry.status, head.changes_in(entry))
    role = "changed" if mid in changed else "neighbour"
    return PictureNode(mid, entry.model.title, _due_text(entry), head.colour(entry), words, role)
