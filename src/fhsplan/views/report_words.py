"""Every label of the committee report, written once for both renderers (HTML and Markdown).

The report's data carries no words (views/report.py); statuses, changes, colours and judgements
are said as palette.py says them everywhere, and the changes since the previous revision as
`fhsplan diff` says them (compare.KINDS). The defaults are the English source, marked for the
catalogue; `words()` says them in the language being spoken (issue #15), which each renderer asks
for when it is not handed a `Words`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from fhsplan import i18n
from fhsplan.compare import Change as DiffChange
from fhsplan.i18n import N_, _, ngettext
from fhsplan.lifecycle import Change, Status
from fhsplan.models import Assessment, FollowUp, Indicator
from fhsplan.palette import CHANGES, STATUSES, judgement
from fhsplan.views.report import AsOf, KnockOn, KnockOnKind, Summary


@dataclass(frozen=True, slots=True)
class Words:
    """The report's labels; `{name}` fields are filled in by the renderers."""

    document: str = N_("Follow-up report")
    owner: str = N_("Owner")
    revision: str = N_("Revision")
    decision: str = N_("Decision")
    decided_by: str = N_("Decided by")
    date: str = N_("Date")
    not_stated: str = N_("not stated")
    contents: str = N_("Contents")
    page: str = N_("Page")
    summary: str = N_("Summary")
    by_status: str = N_("Stated status")
    by_change: str = N_("Changed by revision {revision}")
    status: str = N_("Status")
    change: str = N_("Change")
    milestones: str = N_("Milestones")
    total: str = N_("Total")
    no_change: str = N_("Revision {revision} changed no milestone.")
    nothing_pursued: str = N_("Done: no milestone is still pursued.")
    overdue: str = N_("Overdue as of {date} ({reason}): {count}.")
    overdue_none: str = N_("Overdue as of {date} ({reason}): none.")
    map: str = N_("Strategic map")
    map_caption: str = N_("The plan as revision {revision} marks it, in the plan document's colours.")
    map_elsewhere: str = N_(
        "The map is drawn in the HTML report and by {command}. Its colours, and how many milestones have each:"
    )
    map_missing: str = N_("The map could not be drawn.")
    colour: str = N_("Colour")
    areas: str = N_("Focus areas")
    due: str = N_("Due")
    milestone: str = N_("Milestone")
    owners: str = N_("Owner")
    followup: str = N_("Latest follow-up")
    effects: str = N_("Effects, indicator and assessment")
    no_timetable: str = N_("no timetable")
    overdue_mark: str = N_("overdue")
    no_milestones: str = N_("No milestones in this area.")
    indicator: str = N_("Indicator")
    baseline: str = N_("baseline")
    target: str = N_("target")
    data_source: str = N_("source")
    assessed: str = N_("Revision {revision}: {judgement}")
    measured: str = N_("measured {value}")
    changes: str = N_("Changes since revision {previous}")
    changes_first: str = N_("Changes")
    first_revision: str = N_(
        "Revision {revision} is the plan's first: there is no earlier revision to compare with."
    )
    nothing_changed: str = N_("No milestone changed since revision {previous}.")
    area: str = N_("Focus area")
    before: str = N_("Before")
    after: str = N_("After")
    knock_on: str = N_("Knock-on effects")
    knock_on_intro: str = N_("Milestones that may have to move because of what happened to a prerequisite.")
    knock_on_none: str = N_("None: every prerequisite is still pursued, due in time and not postponed.")
    needs: str = N_("Needs")
    why: str = N_("Why")
    untimed: str = N_("Milestones without a timetable")
    untimed_none: str = N_("Every milestone has a timetable.")
    timetable_note: str = N_("Timetable note")
    made_by: str = N_("Made by fhsplan report.")

    followup_when: str = N_("{date}, revision {revision}")
    removed_in: str = N_("removed in revision {revision}")
    cancelled: str = N_("cancelled")
    # Why overdue is judged as of the date it is.
    as_of_reasons: dict[AsOf, str] = field(
        default_factory=lambda: {
            AsOf.given: N_("the date asked for"),
            AsOf.decision: N_("the decision date of revision {revision}"),
            AsOf.today: N_("today; revision {revision} has no decision date"),
        }
    )
    knock_on_kinds: dict[KnockOnKind, str] = field(
        default_factory=lambda: {
            KnockOnKind.due_before_prerequisite: N_("now due before its prerequisite, which is due {due}"),
            KnockOnKind.prerequisite_withdrawn: N_("its prerequisite is no longer pursued ({how})"),
            KnockOnKind.prerequisite_postponed: N_(
                "its prerequisite was postponed in revision {revision}: {before} → {due}"
            ),
        }
    )


WORDS = Words()


def words() -> Words:
    """The report's labels in the language being spoken (chosen after import, so not at definition)."""
    said: dict[str, Any] = {}
    for f in fields(Words):
        value = getattr(WORDS, f.name)
        said[f.name] = {k: _(v) for k, v in value.items()} if isinstance(value, dict) else _(value)
    return replace(WORDS, **said)


# Sentences made of labels and plan text, for both renderers. They are plain text: each renderer
# escapes the whole sentence for its output language, labels and plan text alike.


def number(value: float) -> str:
    """A measured value as the plan wrote it, in the reader's digits: 41, 0.5 or 0,5 (no trailing zeros)."""
    written = f"{value:g}"
    if "e" in written:
        return written
    if "." not in written:
        return i18n.number(int(value))
    return i18n.decimal(value, len(written.split(".", 1)[1]))


def count(n: int) -> str:
    """A count of milestones, in the reader's digits."""
    return i18n.number(n)


def share(value: float | None) -> str:
    return "–" if value is None else i18n.percent(value)


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
    return words.overdue.format(date=date, reason=reason, count=count(len(summary.overdue)))


def done_line(summary: Summary, words: Words = WORDS) -> str:
    """`Done: 12 of 40 milestones still pursued (30%).`"""
    if not summary.pursued:
        return words.nothing_pursued
    sentence = ngettext(
        "Done: {done} of {pursued} milestone still pursued ({share}).",
        "Done: {done} of {pursued} milestones still pursued ({share}).",
        summary.pursued,
    )
    return sentence.format(
        done=count(summary.done), pursued=count(summary.pursued), share=share(summary.done_share)
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
