"""`fhsplan report --lang sv`: a Swedish committee report, no English label left (issue #15)."""

from __future__ import annotations

import re

import pytest

from conftest import DEMO, ROOT, run_fhsplan
from test_report_render import Shape

DEMO_ARG = DEMO.relative_to(ROOT).as_posix()
# The labels the report says itself, the changes' names (compare.py, as `fhsplan diff` says them)
# and the map's words (views/graph.py).
ENGLISH = (
    "reformulated", "postponed +1 year", "status changed", "followed up", "no longer pursued",
    "prerequisite added", "effect assessed", "Legend", "status not stated", "started or postponed",
    "Follow-up report", "Owner", "Decided by", "Contents", "Summary", "Stated status", "Milestones",
    "Total", "Done:", "Overdue", "Strategic map", "Focus area", "Due", "Latest follow-up",
    "Effects, indicator", "no timetable", "Indicator", "baseline", "target", "Changes since",
    "Before", "After", "Knock-on", "Needs", "Why", "without a timetable", "Timetable note", "Made by",
    "the date asked for", "its prerequisite", "Page", "not stated",
)  # fmt: skip
SWEDISH = (
    "Uppföljningsrapport", "Sammanfattning", "Strategisk karta", "Insatsområde", "Milstolpe",
    "Klar senast", "Ansvarig", "Senaste uppföljning", "Effekter, indikator och bedömning",
    "Ändringar sedan revideringen 2022", "Klara: 3 av 12 milstolpar som fortfarande drivs (25\u00a0%)",
)  # fmt: skip


def _report(fmt: str, lang: str) -> str:
    result = run_fhsplan("report", "--plan", DEMO_ARG, "--as-of=2024-06-30", "--format", fmt, "--lang", lang)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _words(text: str, label: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(label)}(?![\w-])", text) is not None


def test_the_html_report_says_it_is_swedish() -> None:
    document = _report("html", "sv")
    assert '<html lang="sv">' in document
    assert '<html lang="en">' in _report("html", "en")


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_no_english_label_is_left_in_swedish(fmt: str) -> None:
    document = _report(fmt, "sv")
    # The map's words are its SVG's <text> elements (tooltips hold plan text and ids).
    pictured = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", document))
    assert (fmt == "md") == (pictured == ""), "the HTML report draws its map"
    document = re.sub(r"<svg.*</svg>", "", document, flags=re.DOTALL)
    text = ("".join(Shape(document).text) if fmt == "html" else document) + " " + pictured
    text = text.replace("fhsplan report", "").replace("fhsplan graph", "")
    assert [label for label in ENGLISH if _words(text, label)] == []
    assert [label for label in SWEDISH if label not in text] == []
    assert [label for label in SWEDISH if label in _report(fmt, "en")] == []
