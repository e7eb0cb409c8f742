"""Where long Swedish words split in narrow cells: a case table of words from the embedded plans."""

from __future__ import annotations

import pytest

from fhsplan.hyphenation import breaks, split_word, wrap_words

# (word, width, pieces): compounds split where their parts meet, never inside a syllable.
CASES = [
    ("Ledarskapsakademi", 13, ["Ledarskaps-", "akademi"]),  # the linking s stays with the first part
    ("medarbetarenkät", 12, ["medarbetar-", "enkät"]),
    ("Förvaltningsöverskridande", 14, ["Förvaltnings-", "överskridande"]),
    ("Kulturinsatser", 11, ["Kultur-", "insatser"]),
    ("kompetensutveckling", 12, ["kompetens-", "utveckling"]),
    ("verksamhetsutveckling", 14, ["verksamhets-", "utveckling"]),
    ("Uppföljningsverktyg", 14, ["Uppföljnings-", "verktyg"]),
    ("Hälsovårdsprogram", 12, ["Hälsovårds-", "program"]),
    ("universitetssjukvården", 14, ["universitets-", "sjukvården"]),
    ("hemsjukvården", 9, ["hemsjuk-", "vården"]),
    ("Stödstruktur", 8, ["Stöd-", "struktur"]),  # an onset cluster is not broken ("Stödst-ruktur")
    ("Samarbetsstruktur", 12, ["Samarbets-", "struktur"]),
    ("FÖRUTSÄTTNINGAR", 12, ["FÖRUTSÄTT-", "NINGAR"]),  # "ng" is one sound: not "NIN-GAR"
    ("vårdinformationsstöd", 10, ["vårdinfor-", "mations-", "stöd"]),
    ("Tarmcancerscreening", 12, ["Tarmcancer-", "screening"]),
]


@pytest.mark.parametrize(("word", "width", "pieces"), CASES, ids=[c[0] for c in CASES])
def test_split_word(word: str, width: int, pieces: list[str]) -> None:
    assert split_word(word, width) == pieces
    assert all(len(piece) <= width for piece in pieces)
    assert "".join(p.removesuffix("-") for p in pieces) == word


def test_no_piece_is_a_single_letter() -> None:
    for word, _, _ in CASES:
        assert all(1 < b < len(word) - 1 for b in breaks(word)), word


def test_a_word_without_breaks_is_cut_evenly() -> None:
    assert split_word("1234567890", 5) == ["1234-", "5678-", "90"]


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("Arbetssätt/processer", 12, ["Arbetssätt/", "processer"]),
        ("Arbetssätt/processer", 30, ["Arbetssätt/processer"]),
        ("a / b hälso- och sjukvård", 8, ["a / b", "hälso-", "och", "sjukvård"]),
        ("Ledarskapsakademi för chefer", 13, ["Ledarskaps-", "akademi för", "chefer"]),
        ("e-hälsa och 1177-tjänster", 8, ["e-hälsa", "och", "1177-", "tjänster"]),
        ("Ett samarbetsstrukturarbete", 11, ["Ett", "samarbets-", "struktur-", "arbete"]),
        ("", 10, [""]),
    ],
    ids=[
        "slash-split",
        "slash-kept",
        "spaced-slash",
        "long-word",
        "inner-hyphen",
        "pieces-not-rejoined",
        "empty",
    ],
)
def test_wrap_words(text: str, width: int, lines: list[str]) -> None:
    assert wrap_words(text, width) == lines
    assert all(len(line) <= width for line in lines)


def test_a_word_no_language_has_is_cut_evenly_and_fast() -> None:
    # Issue #10: patterns over the rest of a 100k-letter "word" for every line took minutes, and the
    # recursion ended in a RecursionError; `fhsplan map` hung on such a title.
    import time

    start = time.perf_counter()
    pieces = split_word("a" * 100_000, 10)
    assert time.perf_counter() - start < 2
    assert len(pieces) == 11_111 and pieces[0] == "aaaaaaaaa-"
    assert "".join(p.rstrip("-") for p in pieces) == "a" * 100_000
    assert wrap_words("Förändring " * 10_000, 20)[:2] == ["Förändring", "Förändring"]
