"""Every label of the committee report, written once for both renderers (HTML and Markdown).

The report's data carries no words (views/report.py); statuses, changes, colours and judgements
are said as palette.py says them everywhere, and the changes since the previous revision as
`fhsplan diff` says them (compare.KINDS). Issue #15 translates these through gettext: build a
`Words` in the plan's language and pass it to a renderer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fhsplan.compare import Change as DiffChange
from fhsplan.lifecycle import Change, Status
from fhsplan.models import Assessment, FollowUp, Indicator
from fhsplan.palette import CHANGES, STATUSES, judgement
from fhsplan.views.report import AsOf, KnockOn, KnockOnKind, Summary


@dataclass(frozen=True, slots=True)
class Words:
    """The report's labels; `{name}` fields are filled in by the renderers."""

    document: str = "Follow-up report"
    owner: str = "Owner"
    revision: str = "Revision"
    decision: str = "Decision"
    decided_by: str = "Decided by"
    date: str = "Date"
    not_stated: str = "not stated"
    contents: str = "Contents"
    page: str = "Page"
    summary: str = "Summary"
    by_status: str = "Stated status"
    by_change: str = "Changed by revision {revision}"
    status: str = "Status"
    change: str = "Change"
    milestones: str = "Milestones"
    total: str = "Total"
    no_change: str = "Revision {revision} changed no milestone."
    done_share: str = "Done: {done} of {pursued} milestones still pursued ({share})."
    nothing_pursued: str = "Done: no milestone is still pursued."
    overdue: str = "Overdue as of {date} ({reason}): {count}."
    overdue_none: str = "Overdue as of {date} ({reason}): none."
    map: str = "Strategic map"
    map_caption: str = "The plan as revision {revision} marks it, in the plan document's colours."
    map_elsewhere: str = "The map is drawn in the HTML report and by {command}. Its colours, and how many milestones have each:"
    map_missing: str = "The map could not be drawn."
    colour: str = "Colour"
    areas: str = "Focus areas"
    due: str = "Due"
    milestone: str = "Milestone"
    owners: str = "Owner"
    followup: str = "Latest follow-up"
    effects: str = "Effects, indicator and assessment"
    no_timetable: str = "no timetable"
    overdue_mark: str = "overdue"
    no_milestones: str = "No milestones in this area."
    indicator: str = "Indicator"
    baseline: str = "baseline"
    target: str = "target"
    data_source: str = "source"
    assessed: str = "Revision {revision}: {judgement}"
    measured: str = "measured {value}"
    changes: str = "Changes since revision {previous}"
    changes_first: str = "Changes"
    first_revision: str = (
        "Revision {revision} is the plan's first: there is no earlier revision to compare with."
    )
    nothing_changed: str = "No milestone changed since revision {previous}."
    area: str = "Focus area"
    before: str = "Before"
    after: str = "After"
    knock_on: str = "Knock-on effects"
    knock_on_intro: str = "Milestones that may have to move because of what happened to a prerequisite."
    knock_on_none: str = "None: every prerequisite is still pursued, due in time and not postponed."
    needs: str = "Needs"
    why: str = "Why"
    untimed: str = "Milestones without a timetable"
    untimed_none: str = "Every milestone has a timetable."
    timetable_note: str = "Timetable note"
    made_by: str = "Made by fhsplan report."

    followup_when: str = "{date}, revision {revision}"
    removed_in: str = "removed in revision {revision}"
    cancelled: str = "cancelled"
    # Why overdue is judged as of the date it is.
    as_of_reasons: dict[AsOf, str] = field(
        default_factory=lambda: {
            AsOf.given: "the date asked for",
            AsOf.decision: "the decision date of revision {revision}",
            AsOf.today: "today; revision {revision} has no decision date",
        }
    )
    knock_on_kinds: dict[KnockOnKind, str] = field(
        default_factory=lambda: {
            KnockOnKind.due_before_prerequisite: "now due before its prerequisite, which is due {due}",
            KnockOnKind.prerequisite_withdrawn: "its prerequisite is no longer pursued ({how})",
            KnockOnKind.prerequisite_postponed: "its prerequisite was postponed in revision {revision}: {before} → {due}",
        }
    )


WORDS = Words()

# Sentences made of labels and plan text, for both renderers. They are plain text: each renderer
# escapes the whole sentence for its output language, labels and plan text alike.


def number(value: float) -> str:
    """A measured value as the plan wrote it: 41, 0.5 (no trailing zeros)."""
    return f"{value:g}"


def share(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def indicator_line(indicator: Indicator, words: Words = WORDS) -> str:
    """`Indicator: Andel … (procent); baseline 41 (2022); target 60 (2025); source: …`."""
    text = f"{words.indicator}: {indicator.measure}" + (f" ({indicator.unit})" if indicator.unit else "")
    for label, m in ((words.baseline, indicator.baseline), (words.target, indicator.target)):
        if m is not None:
            text += f"; {label} {number(m.value)} ({m.year})"
    return text + (f"; {words.data_source}: {indicator.data_source}" if indicator.data_source else "")


def assessment_line(assessment: Assessment, words: Words = WORDS) -> str:
    """`Revision 2023: too early to judge; measured 44 — Modellerna prövas först 2024.`"""
    judged = judgement(assessment.judgement)
    text = words.assessed.format(revision=assessment.revision, judgement=judged)
    if assessment.value is not None:
        text += "; " + words.measured.format(value=number(assessment.value))
    return text + (f" — {assessment.comment}" if assessment.comment else "")


def followup_when(followup: FollowUp, words: Words = WORDS) -> str:
    """`2023-11-30, revision 2023`, or whichever of the two it has."""
    date = followup.date.isoformat() if followup.date else ""
    revision = followup.revision if followup.revision else ""
    if date and revision:
        return words.followup_when.format(date=date, revision=revision)
    return date or f"{words.revision} {revision}"


def as_of_line(summary: Summary, revision: str, words: Words = WORDS) -> str:
    """`Overdue as of 2024-06-30 (the date asked for): 3.`"""
    reason = words.as_of_reasons[summary.as_of_reason].format(revision=revision)
    date = summary.as_of.isoformat()
    if not summary.overdue:
        return words.overdue_none.format(date=date, reason=reason)
    return words.overdue.format(date=date, reason=reason, count=len(summary.overdue))


def done_line(summary: Summary, words: Words = WORDS) -> str:
    if not summary.pursued:
        return words.nothing_pursued
    return words.done_share.format(
        done=summary.done, pursued=summary.pursued, share=share(summary.done_share)
    )


def knock_on_reason(item: KnockOn, revision: str, words: Words = WORDS) -> str:
    """Why the milestone may have to move, in one clause."""
    if item.removed_in is not None:
        how = words.removed_in.format(revision=item.removed_in)
    else:
        how = words.cancelled
    return words.knock_on_kinds[item.kind].format(
        due=item.prerequisite.due or words.no_timetable,
        how=how,
        revision=revision,
        before=item.before or words.no_timetable,
    )


def status_word(status: Status) -> str:
    return STATUSES[status].word


def change_words(changes: tuple[Change, ...]) -> str:
    return ", ".join(CHANGES[c].word for c in changes)


def change_values(change: DiffChange) -> tuple[str, str]:
    """A change's before and after, statuses said in words (`fhsplan diff` gives their values)."""
    if change.kind not in ("status", "withdrawn"):
        return change.before, change.after
    known = {s.value: s for s in Status}

    def word(value: str) -> str:
        return status_word(known[value]) if value in known else value

    return word(change.before), word(change.after)
