"""The status vocabulary of every view: a symbol that survives NO_COLOR and copy-paste, and a colour."""

from __future__ import annotations

from dataclasses import dataclass

from fhsplan.shown import Shown


@dataclass(frozen=True, slots=True)
class Look:
    """How one shown status looks: symbol, rich style and the word the legend uses."""

    symbol: str
    style: str
    label: str


# Colours as in the plan document (issue #4): green done, blue postponed and started, red reformulated
# or added. Symbols are single-cell characters without an emoji presentation, so columns stay aligned.
LOOKS: dict[Shown, Look] = {
    Shown.done: Look("✔", "green", "done"),
    Shown.started: Look("▸", "blue", "started"),
    Shown.planned: Look("○", "", "planned"),
    Shown.postponed: Look("»", "blue", "postponed"),
    Shown.reformulated: Look("✎", "red", "reformulated"),
    Shown.added: Look("✚", "red", "added"),
    Shown.cancelled: Look("✖", "dim", "cancelled"),
    Shown.unknown: Look("?", "yellow", "unknown"),
}


def symbol(shown: Shown) -> str:
    return LOOKS[shown].symbol


def style(shown: Shown) -> str:
    return LOOKS[shown].style


def legend_items(current_revision: int) -> list[tuple[str, str, str]]:
    """(symbol, style, explanation) for every status, in the vocabulary's order."""
    revised = f"in revision {current_revision}"
    words = {
        Shown.postponed: "postponed",
        Shown.reformulated: f"reformulated {revised}",
        Shown.added: f"added {revised}",
        Shown.unknown: "status unknown",
    }
    return [(look.symbol, look.style, words.get(shown, look.label)) for shown, look in LOOKS.items()]
