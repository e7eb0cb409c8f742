"""Values as strategists write them: dues and spans, status words in two languages, dates, ids."""

from __future__ import annotations

import pytest

from fhsplan.edit import Refused, values
from fhsplan.lifecycle import Status


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("2025", 2025),
        (" 2025-Q3 ", "2025-Q3"),
        ("2025-06", "2025-06"),
        ("2020-06-30", "2020-06-30"),
        ("2023..2026", {"start": 2023, "end": 2026}),
        ("2025-Q1..2025-Q3", {"start": "2025-Q1", "end": "2025-Q3"}),
        ("2023–2026", {"start": 2023, "end": 2026}),  # as a document writes a span
        ("2023 - 2026", {"start": 2023, "end": 2026}),
    ],
)
def test_dues_as_the_plan_file_holds_them(text: str, due: values.Due) -> None:
    assert values.due(text) == due


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (
            "2025-13",
            "cannot read '2025-13' as a due; write 2025, 2025-Q3, 2025-06, 2025-06-30 or a span 2023..2026",
        ),
        (
            "Q3 2025",
            "cannot read 'Q3 2025' as a due; write 2025, 2025-Q3, 2025-06, 2025-06-30 or a span 2023..2026",
        ),
        ("", "cannot read '' as a due; write 2025, 2025-Q3, 2025-06, 2025-06-30 or a span 2023..2026"),
        (
            "2025..",
            "cannot read '2025..' as a due; write 2025, 2025-Q3, 2025-06, 2025-06-30 or a span 2023..2026",
        ),
        ("2025-02-30", "'2025-02-30' is not a due: 2025-02-30 is not a day of the calendar"),
        ("2026..2023", "'2026..2023' is not a due: span ends (2023) before it starts (2026)"),
    ],
)
def test_a_due_that_cannot_be_read_says_why_and_how_to_write_it(text: str, why: str) -> None:
    with pytest.raises(Refused) as refused:
        values.due(text)
    assert refused.value.message == why


def test_periods_compare_at_the_stated_precision() -> None:
    assert values.period(values.due("2020-09-30")).later_than(values.period(values.due("2020-06-30")))
    assert not values.period(values.due("2020-Q4")).later_than(values.period(values.due("2020")))


@pytest.mark.parametrize(
    ("word", "language", "status"),
    [
        ("done", "sv", Status.done),
        ("DONE", None, Status.done),
        ("Klar", "sv", Status.done),
        ("igångsatt", "sv", Status.started),
        ("Påbörjad ", "sv", Status.started),
        ("planerad", "sv", Status.planned),
        ("framflyttad", "sv", Status.postponed),
        ("AVBRUTEN", "sv", Status.cancelled),
        ("utgått", "sv", Status.cancelled),
        ("okänd", "sv", Status.unknown),
        ("pa\u030abo\u0308rjad", "sv", Status.started),  # decomposed å and ö, as some systems write them
        ("klar", None, Status.done),  # a plan that does not say its language gets every word known
    ],
)
def test_status_words_in_english_and_in_the_plans_language(
    word: str, language: str | None, status: Status
) -> None:
    assert values.status(word, language) is status


def test_a_word_of_another_language_than_the_plans_is_not_taken() -> None:
    with pytest.raises(Refused, match="unknown status 'klar'"):
        values.status("klar", "en")


def test_an_unknown_status_word_suggests_the_nearest() -> None:
    with pytest.raises(Refused) as refused:
        values.status("klart!", "sv")
    assert refused.value.message == (
        "unknown status 'klart!' (did you mean 'klart'?) (say done, started, planned, postponed, cancelled, "
        "unknown; or klar, igångsatt, planerad, framflyttad, avbruten, okänd)"
    )


@pytest.mark.parametrize("text", ["2024-13-01", "30/11/2024", "20241130", "2024-W48-1", "i morgon"])
def test_dates_are_iso_days(text: str) -> None:
    assert values.date(" 2024-11-30 ") == "2024-11-30"
    with pytest.raises(Refused, match="as a date"):
        values.date(text)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Ny milstolpe för Örebro är beslutad", "ny-milstolpe-for-orebro-ar-beslutad"),
        ("Åtgärder: å, ä, ö — och é!", "atgarder-a-a-o-och-e"),
        ("AI-kompetenscentrum (fas 2)", "ai-kompetenscentrum-fas-2"),
        (
            "En mycket lång titel som inte får bli ett id längre än sextio tecken alls",
            "en-mycket-lang-titel-som-inte-far-bli-ett-id-langre-an",
        ),
    ],
)
def test_an_id_from_a_title(title: str, slug: str) -> None:
    made = values.slug_of(title, ())
    assert made == slug and len(made) <= 60
    assert values.slug(made) == made


def test_a_derived_id_is_unique() -> None:
    assert values.slug_of("Tredje", {"tredje", "tredje-2"}) == "tredje-3"


@pytest.mark.parametrize("text", ["Bad", "a--b", "-a", "a_b", "å"])
def test_an_id_given_must_be_a_slug(text: str) -> None:
    with pytest.raises(Refused, match="is not an id"):
        values.slug(text)


def test_revision_ids_and_how_the_file_writes_them() -> None:
    assert [values.revision_id(r) for r in ("2024", "2024-h2", "2024-06-30")] == [
        "2024",
        "2024-h2",
        "2024-06-30",
    ]
    assert [values.revision_value(r) for r in ("2024", "2024-h2", "0124")] == [2024, "2024-h2", "0124"]
    with pytest.raises(Refused, match="not a revision id"):
        values.revision_id("2024 H2")


def test_texts_are_trimmed_and_may_not_carry_forbidden_characters() -> None:
    assert values.text("  Klart enligt plan \n", "comment") == "Klart enligt plan"
    with pytest.raises(Refused, match="the comment is empty"):
        values.text(" \t", "comment")
    with pytest.raises(Refused, match=r"the comment holds the character U\+001B"):
        values.text("röd \x1b[31m", "comment")


def test_long_values_are_cut_in_messages() -> None:
    assert values.shown("x" * 100) == repr("x" * 40 + "…")
    assert values.shown("a\x1bb") == "'a\\x1bb'"
