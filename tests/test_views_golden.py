"""Golden files of the terminal views at 80 and 120 columns with NO_COLOR (issue #4).

FHSPLAN_UPDATE_GOLDEN=1 rewrites the files; review the diff before committing it.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, GOLDEN, ROOT, check_golden, run_fhsplan

DEMO = (FIXTURES / "views" / "demo").relative_to(ROOT).as_posix()
AS_OF = "--as-of=2024-06-30"

CASES = {
    "map": ["map"],
    "map-year-2024": ["map", "--year", "2024"],
    "map-year-2024-area": ["map", "--year", "2024", "--area", "digitalisering"],
    "map-year-empty": ["map", "--year", "2030"],
    "map-year-2025-removed": ["map", "--year", "2025", "--area", "medarbetare"],
    "map-revision-2022": ["map", "--revision", "2022"],
    "map-ids": ["map", "--ids"],
    "status-by-year": ["status", AS_OF],
    "status-by-area": ["status", AS_OF, "--by", "area"],
    "show-reformulated": ["show", "halsoutbud-identifierat", AS_OF],
    "show-overdue": ["show", "samverkansgrupp-etablerad", AS_OF],
    "list": ["list", AS_OF],
    "list-filtered": ["list", AS_OF, "--beneficiary", "inv", "--status", "planned"],
    "list-changed": ["list", AS_OF, "--changed-in", "2023"],
    "show-follow-ups": ["show", "samverkansgrupp-etablerad", AS_OF],
}


LANGUAGES = {
    "en": "",
    "sv": ".sv",
}  # the English goldens keep their names; Swedish ones sit beside them (issue #15)


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("name", list(CASES))
def test_golden(name: str, width: int, lang: str) -> None:
    result = run_fhsplan(*CASES[name], "--plan", DEMO, "--lang", lang, env={"COLUMNS": str(width)})
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout  # NO_COLOR: not a single escape sequence
    assert max(len(line) for line in result.stdout.splitlines()) <= width
    assert "…" not in _headers(result.stdout)  # no column header cut short, in either language
    check_golden(f"views/{name}-{width}{LANGUAGES[lang]}.txt", result.stdout)


def _headers(output: str) -> str:
    """The lines of a table's header: those above its rule of '─'."""
    lines = output.splitlines()
    rule = next((i for i, line in enumerate(lines) if line.strip().startswith("───")), 0)
    return "\n".join(lines[max(0, rule - 2) : rule])


def test_every_case_has_golden_files() -> None:
    expected = {
        f"{name}-{width}{suffix}.txt"
        for name in CASES
        for width in (80, 120)
        for suffix in LANGUAGES.values()
    }
    assert {p.name for p in (GOLDEN / "views").glob("*.txt")} == expected
