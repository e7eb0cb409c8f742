"""How statuses, revision changes and the plan document's colours look, everywhere: terminal symbols
and styles, picture fills and borders, Markdown badges, and the words of every legend. Views and
legends read these tables and nothing else (issue #9: five hand-kept copies disagreed).

A milestone shows its status and, beside it, what the revision shown did to it ("▸ ✎": started,
reformulated), so the two are never one value (issue #12). Pictures and badges use the plan
document's colours, derived from both: green done, blue started or postponed, red reformulated or
added in the revision shown. Symbols are single-cell characters without an emoji presentation, so
terminal columns stay aligned and the meaning survives NO_COLOR and copy-paste.
"""

from __future__ import annotations

from dataclasses import dataclass

from fhsplan.i18n import N_, _
from fhsplan.lifecycle import Change, Colour, Judgement, Status


@dataclass(frozen=True, slots=True)
class Mark:
    """A status or a change in the terminal: its symbol, style and word (in English; `word` is in
    the language being spoken)."""

    symbol: str
    style: str
    english: str

    @property
    def word(self) -> str:
        return _(self.english)


STATUSES: dict[Status, Mark] = {
    Status.done: Mark("✔", "green", N_("done")),
    Status.started: Mark("▸", "blue", N_("started")),
    Status.planned: Mark("○", "", N_("planned")),
    Status.postponed: Mark("»", "blue", N_("postponed")),
    Status.cancelled: Mark("✖", "dim", N_("cancelled")),
    Status.unknown: Mark("?", "yellow", N_("status not stated")),
}

CHANGES: dict[Change, Mark] = {
    Change.added: Mark("✚", "red", N_("added")),
    Change.reformulated: Mark("✎", "red", N_("reformulated")),
    Change.postponed: Mark("↦", "blue", N_("postponed")),
    Change.advanced: Mark("↤", "blue", N_("brought forward")),
    Change.moved: Mark("⇄", "", N_("moved")),
    Change.removed: Mark("⊘", "dim", N_("removed")),
}


# How an effect's assessment is said.
JUDGEMENTS: dict[Judgement, str] = {
    Judgement.achieved: N_("achieved"),
    Judgement.partly: N_("partly achieved"),
    Judgement.not_achieved: N_("not achieved"),
    Judgement.too_early: N_("too early to judge"),
    Judgement.unknown: N_("not judged"),
}


def judgement(value: Judgement) -> str:
    """An effect's assessment in words, in the language being spoken."""
    return _(JUDGEMENTS[value])


@dataclass(frozen=True, slots=True)
class Look:
    """One colour of the plan document, in every output."""

    fill: str  # pictures (DOT, Mermaid, the report)
    border: str
    badge: str  # Markdown
    style: str  # the milestone's text in terminal views
    legend: str  # may name {revision}; in English, translated by legend_text
    dashed: bool = False  # nobody has confirmed it: drawn with a dashed border, in pictures and legends
    struck: bool = False  # no longer pursued: its title struck through where the output can


COLOURS: dict[Colour, Look] = {
    Colour.done: Look("#d9f2d0", "#2e7d32", "🟢", "green", N_("done")),
    Colour.started: Look("#d8e7f8", "#1f5fa8", "🔵", "blue", N_("started or postponed")),
    Colour.changed: Look(
        "#fadcd8", "#c0392b", "🔴", "red", N_("reformulated or added in revision {revision}")
    ),
    Colour.planned: Look("#ffffff", "#6b6b6b", "⚪", "", N_("planned")),
    Colour.cancelled: Look(
        "#eeeeee", "#9a9a9a", "⚫", "dim", N_("removed or cancelled"), dashed=True, struck=True
    ),
    Colour.unknown: Look("#ffffff", "#9a9a9a", "❔", "", N_("status not stated"), dashed=True),
}


def legend_text(colour: Colour, revision: object) -> str:
    """A colour's words in a legend, in the language being spoken."""
    return _(COLOURS[colour].legend).format(revision=revision)


def describe(status: Status, changes: list[Change]) -> str:
    """A status in words with what the revision changed: `started, reformulated`."""
    return ", ".join([STATUSES[status].word, *(CHANGES[c].word for c in changes)])
