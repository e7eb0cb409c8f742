"""`fhsplan show`: one milestone in full, and the error for an unknown id (issue #4)."""

from __future__ import annotations

import json

from conftest import FIXTURES, run_fhsplan

DEMO = str(FIXTURES / "views" / "demo")


def test_unknown_id_names_the_nearest_and_exits_2() -> None:
    result = run_fhsplan("show", "virtuel-vard", "--plan", DEMO)
    assert result.returncode == 2
    assert (
        result.stderr
        == "fhsplan: no milestone 'virtuel-vard' in the plan; nearest: virtuell-vard, digital-vardcentral\n"
    )
    assert result.stdout == ""


def test_part_of_an_id_suggests_the_ids_containing_it() -> None:
    result = run_fhsplan("show", "digital", "--plan", DEMO)
    assert result.returncode == 2 and "digital-infrastruktur" in result.stderr


def test_text_has_every_part() -> None:
    result = run_fhsplan("show", "halsoutbud-identifierat", "--plan", DEMO, "--as-of", "2024-06-30")
    assert result.returncode == 0, result.stderr
    for part in ("✎ reformulated", "2023–2025", "invånarna (inv)", "Bättre upplevelse för invånare",
                 'previously "Hälsoutbud kartlagt"', "samverkansgrupp-etablerad", "uppfoljning-utvardering",
                 'the source shows "2023 |"', "baseline 41 (2022)", "target 60 (2025)",
                 "revision 2023: too early to judge: Modellerna prövas först 2024."):  # fmt: skip
        assert part in result.stdout


def test_json_is_the_export_record() -> None:
    result = run_fhsplan(
        "show", "samverkansgrupp-etablerad", "--plan", DEMO, "--as-of", "2024-06-30", "-f", "json"
    )
    data = json.loads(result.stdout)
    assert data["format_version"] == 2 and data["as_of"] == "2024-06-30"
    assert data["overdue"] is True and data["status"] == "started" and data["changes"] == ["postponed"]
    assert data["colour"] == "started" and data["owners"] == ["primarvard"]
    assert [(f["revision"], f["status"]) for f in data["followups"]] == [
        ("2022", "planned"),
        ("2023", "started"),
    ]
    assert data["depends_on"] == [
        {"milestone": "handlingsplan-beslutad", "reason": "Enligt handlingsplanen."}
    ]
    assert data["dependents"] == ["halsoutbud-identifierat", "virtuell-vard"]
    assert data["history"] == [
        {
            "kind": "postponed",
            "revision": "2023",
            "from": 2022,
            "from_year": None,
            "previous": None,
            "from_area": None,
            "note": None,
        }
    ]


def test_wrapped_effect_hangs_under_its_text(demo) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from fhsplan.views.console import render
    from fhsplan.views.show import find_milestone, render_milestone

    entry = find_milestone(demo, "halsoutbud-identifierat")
    lines = render(render_milestone(demo, entry, dt.date(2024, 6, 30)), 40, colour=False).splitlines()
    bullet = next(i for i, line in enumerate(lines) if "• " in line)
    text_column = lines[bullet].index("• ") + 2
    following = lines[bullet + 1]
    assert following[:text_column].strip() == "" and following[text_column] != " ", lines[bullet : bullet + 2]
