"""The quoting rule: every value an edit writes reads back as itself, plain wherever it safely can."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fhsplan.edit.scalars import double_quoted, plain_reads_back, restyled, scalar
from fhsplan.escape import FORBIDDEN
from fhsplan.source import load_text

# Any text a value may hold: lone surrogates cannot be written as UTF-8 at all, and what
# escape.FORBIDDEN names the loader refuses in any spelling (edits refuse it before writing).
TEXTS = st.text(st.characters(exclude_categories=["Cs"]), max_size=40).filter(
    lambda t: not FORBIDDEN.search(t)
)


def read_back(yaml_text: str) -> object:
    doc = load_text(yaml_text, "f.yaml")
    assert doc.ok, [f.message for f in doc.findings]
    assert isinstance(doc.value, dict)
    return doc.value["k"]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Modell för invånarinvolvering", "Modell för invånarinvolvering"),
        ("https://example.org/a#b", "https://example.org/a#b"),
        ("2024-11-30", "2024-11-30"),  # a date is text to fhsplan's YAML 1.2 core resolver
        ("yes", "yes"),  # a boolean only in YAML 1.1; docs/plan-format.md says so
        ("1_000", "1_000"),
        ("C#", "C#"),
        ("2024", '"2024"'),
        ("0x1F", '"0x1F"'),
        ("1.5", '"1.5"'),
        ("null", '"null"'),
        ("~", '"~"'),
        ("true", '"true"'),
        (".inf", '".inf"'),
        ("", '""'),
        (" leading", '" leading"'),
        ("trailing ", '"trailing "'),
        ("Mål: en modell", '"Mål: en modell"'),
        ("slut:", '"slut:"'),
        ("en #kommentar", '"en #kommentar"'),
        ("- lista", '"- lista"'),
        ("#rubrik", '"#rubrik"'),
        ("'citat'", "\"'citat'\""),
        ('"citat"', '"\\"citat\\""'),
        ("[klammer", '"[klammer"'),
        ("{klammer", '"{klammer"'),
        ("&ankare", '"&ankare"'),
        ("*alias", '"*alias"'),
        ("!tagg", '"!tagg"'),
        ("|block", '"|block"'),
        (">block", '">block"'),
        ("%direktiv", '"%direktiv"'),
        ("@nämn", '"@nämn"'),
        ("`kod`", '"`kod`"'),
        ("två\nrader", '"två\\nrader"'),
        ("tab\there", '"tab\\there"'),
        ("back\\slash", "back\\slash"),
    ],
)
def test_plain_where_it_reads_back_else_double_quoted(text: str, written: str) -> None:
    assert scalar(text) == written
    assert read_back(f"k: {written}\n") == text


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("esc\x1b[31m", '"esc\\x1b[31m"'),
        ("bidi\u202e", "bidi\u202e"),  # printable to YAML; edits refuse it before writing (values.text)
        ("sep\u2028", '"sep\\u2028"'),
        ("bom\ufeff", '"bom\\ufeff"'),
    ],
)
def test_forbidden_characters_are_quoted_and_still_refused_on_reading(text: str, written: str) -> None:
    assert scalar(text) == written
    doc = load_text(f"k: {written}\n", "f.yaml")
    assert [f.code for f in doc.findings] == ["FHS103"]


@pytest.mark.parametrize(
    ("text", "written"),
    [("a, b", '"a, b"'), ("x]", '"x]"'), ("y{", '"y{"'), ("z}", '"z}"'), ("plain", "plain")],
)
def test_flow_collections_also_quote_their_indicators(text: str, written: str) -> None:
    assert scalar(text, flow=True) == written
    assert scalar(text) == text  # in a block mapping the same text is plain
    assert read_back(f"k: [{written}]\n") == [text]


def test_numbers_and_booleans_are_written_as_such() -> None:
    assert [scalar(2024), scalar(True), scalar(False)] == ["2024", "true", "false"]
    assert read_back("k: 2024\n") == 2024


@given(TEXTS)
def test_any_text_reads_back_in_a_block_mapping(text: str) -> None:
    assert read_back(f"k: {scalar(text)}\n") == text


@given(TEXTS)
def test_any_text_reads_back_in_a_flow_sequence(text: str) -> None:
    assert read_back(f"k: [{scalar(text, flow=True)}, next]\n") == [text, "next"]


@given(TEXTS)
def test_plain_only_when_it_reads_back(text: str) -> None:
    if plain_reads_back(text):
        assert read_back(f"k: {text}\n") == text
    if plain_reads_back(text, flow=True):
        assert read_back(f"k: [{text}]\n") == [text]


@given(TEXTS, st.sampled_from(["", "'", '"', ">", "|"]))
def test_a_replacement_in_any_old_style_reads_back(text: str, style: str) -> None:
    written = restyled(text, style, flow=False, indent="    ", newline="\n")
    assert read_back(f"k: {written}\n") == text


@pytest.mark.parametrize(
    ("style", "text", "written"),
    [
        (">", "En ny titel: med kolon", ">-\n    En ny titel: med kolon"),
        ("|", "Rad", ">-\n    Rad"),
        (">", "två\nrader", '"två\\nrader"'),  # a folded block would join the lines
        ("'", "Enkla 'citat'", "'Enkla ''citat'''"),
        ("'", "rad\nbrytning", '"rad\\nbrytning"'),
        ('"', "plain nog", '"plain nog"'),
        ("", "plain nog", "plain nog"),
        ("", "2024", '"2024"'),
    ],
)
def test_a_replacement_keeps_the_old_style_where_the_text_allows(style: str, text: str, written: str) -> None:
    assert restyled(text, style, flow=False, indent="    ", newline="\n") == written


def test_double_quotes_escape_what_would_end_or_break_them() -> None:
    assert double_quoted('a"b\\c\n\r\t\x00\x85') == '"a\\"b\\\\c\\n\\r\\t\\0\\x85"'
