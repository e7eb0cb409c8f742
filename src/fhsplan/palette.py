"""How each status looks, everywhere: terminal symbol and style, picture fill and border, Markdown
badge, and the words of every legend. Views and legends read this table and nothing else (issue #9:
five hand-kept copies disagreed).

Colours follow the plan document: green done, blue postponed and started, red reformulated or added
in the revision shown. Symbols are single-cell characters without an emoji presentation, so terminal
columns stay aligned and the meaning survives NO_COLOR and copy-paste.
"""

from __future__ import annotations

from dataclasses import dataclass

from fhsplan.shown import Shown


@dataclass(frozen=True, slots=True)
class Look:
    """How one shown status looks in every output."""

    symbol: str  # terminal
    style: str  # rich style
    fill: str  # pictures (DOT, Mermaid)
    border: str
    badge: str  # Markdown
    word: str
    dashed: bool = False  # statuses nobody has confirmed are drawn with a dashed border
    revised: bool = False  # a change made by the revision shown: legends name the revision


LOOKS: dict[Shown, Look] = {
    Shown.done: Look("✔", "green", "#d9f2d0", "#2e7d32", "🟢", "done"),
    Shown.started: Look("▸", "blue", "#d8e7f8", "#1f5fa8", "🔵", "started"),
    Shown.planned: Look("○", "", "#ffffff", "#6b6b6b", "⚪", "planned"),
    Shown.postponed: Look("»", "blue", "#d8e7f8", "#1f5fa8", "🔵", "postponed"),
    Shown.reformulated: Look("✎", "red", "#fadcd8", "#c0392b", "🔴", "reformulated", revised=True),
    Shown.added: Look("✚", "red", "#fadcd8", "#c0392b", "🔴", "added", revised=True),
    Shown.cancelled: Look("✖", "dim", "#eeeeee", "#9a9a9a", "⚫", "cancelled", dashed=True),
    Shown.unknown: Look("?", "yellow", "#ffffff", "#9a9a9a", "❔", "status not stated", dashed=True),
}


@dataclass(frozen=True, slots=True)
class LegendItem:
    """One line of the plan document's legend: statuses that share a colour, and what they mean."""

    statuses: tuple[Shown, ...]
    words: str

    @property
    def look(self) -> Look:
        return LOOKS[self.statuses[0]]

    def text(self, revision: object) -> str:
        return self.words.format(revision=revision)


# The legend of pictures and PR comments, grouped by colour as in the plan document.
DOCUMENT_LEGEND: tuple[LegendItem, ...] = (
    LegendItem((Shown.done,), "done"),
    LegendItem((Shown.started, Shown.postponed), "started or postponed"),
    LegendItem((Shown.reformulated, Shown.added), "reformulated or added in revision {revision}"),
    LegendItem((Shown.planned,), "planned"),
    LegendItem((Shown.cancelled,), "cancelled"),
    LegendItem((Shown.unknown,), "status not stated"),
)


def legend_words(shown: Shown, revision: object) -> str:
    """A status in a legend that lists every status: its word, with the revision for a change."""
    look = LOOKS[shown]
    return f"{look.word} in revision {revision}" if look.revised else look.word
