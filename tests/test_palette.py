"""The palette is the one table of how statuses look: complete, and consistent with the document."""

from __future__ import annotations

from fhsplan.palette import DOCUMENT_LEGEND, LOOKS, legend_words
from fhsplan.shown import Shown


def test_every_status_has_a_look_with_every_part() -> None:
    assert set(LOOKS) == set(Shown)
    for shown, look in LOOKS.items():
        assert look.symbol and look.fill.startswith("#") and look.border.startswith("#"), shown
        assert look.badge and look.word, shown
        assert len(look.symbol) == 1, f"{shown}: a terminal symbol must take one cell"


def test_symbols_and_badges_tell_statuses_apart_where_the_document_does() -> None:
    assert len({look.symbol for look in LOOKS.values()}) == len(LOOKS)
    for item in DOCUMENT_LEGEND:  # statuses the document colours alike share fill, border and badge
        assert len({(LOOKS[s].fill, LOOKS[s].border, LOOKS[s].badge) for s in item.statuses}) == 1, item


def test_the_document_legend_covers_every_status_once() -> None:
    listed = [s for item in DOCUMENT_LEGEND for s in item.statuses]
    assert sorted(listed) == sorted(Shown)


def test_the_document_colours() -> None:
    assert LOOKS[Shown.done].badge == "🟢"
    assert LOOKS[Shown.started].badge == LOOKS[Shown.postponed].badge == "🔵"
    assert LOOKS[Shown.reformulated].badge == LOOKS[Shown.added].badge == "🔴"


def test_legend_words_name_the_revision_for_changes_only() -> None:
    assert legend_words(Shown.added, 2024) == "added in revision 2024"
    assert legend_words(Shown.done, 2024) == "done"
