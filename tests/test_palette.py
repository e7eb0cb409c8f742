"""The palette is the one table of how statuses, changes and colours look: complete and distinct."""

from __future__ import annotations

from fhsplan.lifecycle import Change, Colour, Judgement, Status
from fhsplan.palette import CHANGES, COLOURS, JUDGEMENTS, STATUSES, describe, legend_text


def test_every_status_change_colour_and_judgement_has_a_look() -> None:
    assert set(STATUSES) == set(Status)
    assert set(CHANGES) == set(Change)
    assert set(COLOURS) == set(Colour)
    assert set(JUDGEMENTS) == set(Judgement)
    for mark in [*STATUSES.values(), *CHANGES.values()]:
        assert len(mark.symbol) == 1 and mark.word, mark  # a terminal symbol takes one cell
    for colour, look in COLOURS.items():
        assert look.fill.startswith("#") and look.border.startswith("#") and look.badge, colour


def test_status_and_change_symbols_never_share_a_symbol() -> None:
    symbols = [m.symbol for m in STATUSES.values()] + [m.symbol for m in CHANGES.values()]
    assert len(set(symbols)) == len(symbols)


def test_the_document_colours() -> None:
    assert COLOURS[Colour.done].badge == "🟢"
    assert COLOURS[Colour.started].badge == "🔵"
    assert COLOURS[Colour.changed].badge == "🔴"
    assert legend_text(Colour.changed, "2024") == "reformulated or added in revision 2024"
    # What nobody confirmed is dashed everywhere; what is no longer pursued is struck too.
    assert {c for c, look in COLOURS.items() if look.dashed} == {Colour.cancelled, Colour.unknown}
    assert {c for c, look in COLOURS.items() if look.struck} == {Colour.cancelled}


def test_describe_says_status_then_changes() -> None:
    assert describe(Status.started, [Change.reformulated]) == "started, reformulated"
    assert describe(Status.unknown, []) == "status not stated"
