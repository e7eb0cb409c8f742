"""The views in Swedish (issue #15): no English label left around the embedded plan's Swedish text,
the status table's numbers as Swedish readers write them, and machine output the same in both."""

from __future__ import annotations

import re

import pytest
from rich.table import Table

from conftest import run_fhsplan
from fhsplan.lifecycle import Status
from fhsplan.views.console import render
from fhsplan.views.status import Tally, _cells
from fhsplan.when import point, span, spoken

SKANE = ("--plan", "skane-fhs", "--as-of", "2024-06-30")
PLAN = SKANE[:2]  # `map` judges nothing by a date

# The English of every label these views print; each must be gone in Swedish. Whole words, case
# kept: the plan's Swedish text has none of them.
ENGLISH = [
    "Focus area", "OTHER AREAS", "Legend", "status not stated", "Due before", "Due after", "No timetable",
    "no timetable", "in revision", "revision", "Status by", "Counts by", "total", "Total", "done", "overdue",
    "undated", "milestone", "milestones", "started", "planned", "postponed", "cancelled", "reformulated",
    "added", "removed", "needs", "unlocks", "nothing", "due", "area", "owners", "follow-up", "follow-ups",
    "map group", "effects", "description", "source", "uncertain", "changes", "the source shows", "not done",
    "No longer pursued", "for", "indicator",
]  # fmt: skip

CASES = {
    "map": ["map", *PLAN],
    "map-year": ["map", "--year", "2024", *PLAN],
    "map-ids": ["map", "--ids", *PLAN],
    "status-by-year": ["status", *SKANE],
    "status-by-area": ["status", "--by", "area", *SKANE],
    "show": ["show", "regional-samverkansgrupp-halsa", *SKANE],
    "list": ["list", *SKANE],
}


def english_left(output: str, labels: list[str]) -> list[str]:
    return [label for label in labels if re.search(rf"(?<![\w-]){re.escape(label)}(?![\w-])", output)]


def labels_of(output: str) -> str:
    """The output without the plan's own notes: in `show`, the rows `note` (notering) and `uncertain`
    (osäkert) quote the plan's English remarks on its source, which are plan text."""
    kept, skipping = [], False
    for line in output.splitlines():
        if re.match(r"^\S", line):
            skipping = line.startswith(("notering", "osäkert"))
            if skipping:
                kept.append(line.split()[0])
        if not skipping:
            kept.append(line)
    return "\n".join(kept)


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("name", list(CASES))
def test_swedish_views_have_no_english_label(name: str, width: int) -> None:
    result = run_fhsplan(*CASES[name], "--lang", "sv", env={"COLUMNS": str(width)})
    assert result.returncode == 0, result.stderr
    assert english_left(labels_of(result.stdout), ENGLISH) == []
    assert max(len(line) for line in result.stdout.splitlines()) <= width


def test_english_is_still_english() -> None:
    result = run_fhsplan("status", *SKANE, "--lang", "en", env={"COLUMNS": "100"})
    assert "Status by year as of 2024-06-30" in result.stdout and "Legend:" in result.stdout
    assert english_left(result.stdout, ["Teckenförklaring", "totalt", "försenade", "revideringen"]) == []


def test_the_plan_language_chooses_swedish_without_a_flag() -> None:
    # skane-fhs says `language: sv`; only FHSPLAN_LANG (set to en for the tests) is taken away.
    result = run_fhsplan("status", *SKANE, env={"COLUMNS": "100", "FHSPLAN_LANG": "", "LANG": "C.UTF-8"})
    assert "Status per år den 2024-06-30" in result.stdout


def _row_text(tally: Tally) -> str:
    grid = Table.grid(padding=(0, 1))
    cells = _cells(tally, by_area=True, changes=[])
    for _cell in cells:
        grid.add_column(no_wrap=True)
    grid.add_row(*cells)
    return render([grid], 200, colour=False)


def test_status_numbers_are_written_as_swedish_readers_write_them(swedish: None) -> None:
    tally = Tally("total", "Totalt")
    tally.counts[Status.done] = 12_345
    tally.counts[Status.planned] = 37_035
    tally.overdue, tally.untimed = 10_001, 7
    row = _row_text(tally)
    assert "12\u202f345" in row and "49\u202f380" in row  # a narrow no-break space in thousands
    assert "25\u00a0%" in row  # a no-break space before the percent sign
    assert "10\u202f001" in row and " 7" in row


def test_status_numbers_stay_english_in_english() -> None:
    tally = Tally("total", "Total")
    tally.counts[Status.done] = 12_345
    tally.counts[Status.planned] = 37_035
    row = _row_text(tally)
    assert "12,345" in row and "25%" in row


def test_a_quarter_reads_as_swedish_readers_write_it(swedish: None) -> None:
    assert spoken(point("2025-Q3")) == "kv. 3 2025"
    assert spoken(span("2024-Q4", "2025-Q2")) == "kv. 4 2024–kv. 2 2025"
    assert spoken(point("2025-06")) == "2025-06" and spoken(point("2020-06-30")) == "2020-06-30"
    assert spoken(span(2023, 2026)) == "2023–2026"


def test_a_quarter_stays_as_written_in_english() -> None:
    assert spoken(point("2025-Q3")) == "2025-Q3"


@pytest.mark.parametrize(
    "command", [["export", "-f", "json"], ["export", "-f", "csv"], ["status", "-f", "json"]]
)
def test_machine_output_is_the_same_in_both_languages(command: list[str]) -> None:
    english = run_fhsplan(*command, *SKANE, "--lang", "en")
    swedish = run_fhsplan(*command, *SKANE, "--lang", "sv")
    assert english.returncode == swedish.returncode == 0, swedish.stderr
    assert swedish.stdout == english.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["map", "-f", "json", *PLAN],
        ["map", "-y", "2024", "-f", "json", *PLAN],
        ["list", "-f", "json", *SKANE],
    ],
)
def test_view_json_is_the_same_in_both_languages(command: list[str]) -> None:
    swedish = run_fhsplan(*command, "--lang", "sv")
    assert swedish.returncode == 0, swedish.stderr
    assert swedish.stdout == run_fhsplan(*command, "--lang", "en").stdout
