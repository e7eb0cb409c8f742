"""Output in the reader's language: the catalogues are complete and faithful, the language is chosen
in the documented order, and numbers read as Swedish readers write them (issue #15)."""

from __future__ import annotations

import gettext
import io
import re
from collections.abc import Iterator

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from conftest import ROOT
from fhsplan import i18n

SOURCE = ROOT / "src" / "fhsplan"
LOCALE = SOURCE / "locale"
KEYWORDS = {"_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "N_": None}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def extracted() -> Catalog:
    """The messages the code asks to translate now, as `make messages` extracts them."""
    catalog = Catalog()
    for _file, _line, message, comments, context in extract_from_dir(
        str(SOURCE), keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        catalog.add(message, None, [], auto_comments=comments, context=context)
    return catalog


def translations(language: str) -> Catalog:
    with (LOCALE / language / "LC_MESSAGES" / "fhsplan.po").open("rb") as handle:
        return read_po(handle, locale=language)


def messages(catalog: Catalog) -> Iterator[Message]:
    return (m for m in catalog if m.id)


def test_the_template_is_up_to_date_with_the_code() -> None:
    with (LOCALE / "fhsplan.pot").open("rb") as handle:
        committed = {
            (m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in messages(read_po(handle))
        }
    now = {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in messages(extracted())}
    assert now == committed, "the messages changed: run `make messages` and translate what is new"


def forms(value: object) -> list[str]:
    """A message's id or string as its forms: one for a plain message, two or more for a plural."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", [lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT])
def test_every_message_has_a_translation_that_keeps_its_placeholders(language: str) -> None:
    catalogue = translations(language)
    missing, broken = [], []
    for message in messages(extracted()):
        ids = forms(message.id)
        found = catalogue.get(message.id, message.context)
        strings = forms(found.string) if found is not None else []
        if found is None or found.fuzzy or not strings or not all(strings):
            missing.append(ids[0])
            continue
        wanted = {p for i in ids for p in PLACEHOLDER.findall(i)}
        for string in strings:
            used = set(PLACEHOLDER.findall(string))
            # Every placeholder the translation uses must exist; the last (plural) form needs them all.
            if used - wanted or (string is strings[-1] and used != wanted):
                broken.append((ids[0], string))
    assert not missing, f"{len(missing)} messages have no {language} translation, e.g. {missing[:5]}"
    assert not broken, f"translations that lost or invented a placeholder: {broken[:5]}"


def test_the_catalogue_writes_back_the_same() -> None:
    # A .po that Babel would rewrite differently has been edited by hand in a way gettext may misread.
    catalogue = translations("sv")
    out = io.BytesIO()
    write_po(out, catalogue, width=100, ignore_obsolete=True)
    assert read_po(io.BytesIO(out.getvalue()), locale="sv").num_plurals == 2


def test_the_installed_package_carries_the_compiled_catalogue() -> None:
    found = gettext.find(i18n.DOMAIN, str(i18n.LOCALE_DIR), languages=["sv"])
    assert found is not None, "no compiled catalogue: reinstall (pip install -e .) to compile the .po files"


@pytest.mark.parametrize(
    ("flag", "plan", "environ", "expected"),
    [
        ("en", "sv", {"FHSPLAN_LANG": "sv", "LANG": "sv_SE.UTF-8"}, "en"),
        (None, "en", {"FHSPLAN_LANG": "sv"}, "sv"),
        (None, "sv", {"LANG": "en_GB.UTF-8"}, "sv"),
        (None, None, {"LC_ALL": "sv_SE.UTF-8", "LANG": "en_US.UTF-8"}, "sv"),
        (None, None, {"LC_MESSAGES": "sv_FI", "LANG": "en_US.UTF-8"}, "sv"),
        (None, None, {"LANG": "sv_SE.UTF-8"}, "sv"),
        (None, None, {"LANG": "C.UTF-8"}, "en"),
        (None, "de", {"LANG": "de_DE.UTF-8"}, "en"),  # a language fhsplan does not have: English
        ("SV", None, {}, "sv"),
        (None, None, {}, "en"),
    ],
    ids=["flag", "env", "plan", "lc-all", "lc-messages", "lang", "posix", "unknown", "upper-case", "nothing"],
)
def test_the_language_is_chosen_in_the_documented_order(
    flag: str | None, plan: str | None, environ: dict[str, str], expected: str
) -> None:
    assert i18n.choose(flag, plan, environ) == expected


def test_swedish_numbers(swedish: None) -> None:
    assert (i18n.number(999), i18n.number(12_345), i18n.number(1_234_567)) == (
        "999",
        "12\u202f345",
        "1\u202f234\u202f567",
    )
    assert (i18n.decimal(0.5), i18n.decimal(12_345.25, 2)) == ("0,5", "12\u202f345,25")
    assert i18n.percent(0.25) == "25\u00a0%"
    assert i18n.join(["a", "b", "c"]) == "a, b och c"


def test_english_numbers() -> None:
    assert (i18n.number(12_345), i18n.decimal(0.5), i18n.percent(0.25)) == ("12,345", "0.5", "25%")
    assert i18n.join(["a", "b"]) == "a and b"
