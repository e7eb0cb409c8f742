"""`fhsplan diff`: each kind of change as the exact Markdown a reviewer reads (issue #6).

Golden files live in tests/golden/diff/; FHSPLAN_UPDATE_GOLDEN=1 rewrites them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import check_golden
from fhsplan.compare import AreaDiff, Change, Notice, PlanDiff, summary
from fhsplan.escape import WORD_JOINER, utf16_len
from fhsplan.lifecycle import Colour, Status
from fhsplan.views import diff_markdown
from hostile import HOSTILE, Sample, params
from test_diff_repo import FILES, PLAN, append, commit, diff_revisions, edit, make_repo, write
from test_escape import rendered, unsafe

NARA, DIGI = "areas/01-nara-vard.yaml", "areas/02-digitalisering.yaml"

Edit = Callable[[Path], None]


SAMVERKAN = (
    "  - id: samverkan\n"
    "    title: Regional samverkansgrupp etablerad\n"
    "    description: Gruppen samordnar insatserna.\n"
    "    due: 2023\n"
    "    status: started\n"
    "    depends_on:\n"
    "      - {milestone: handlingsplan}\n"
    "    effects:\n"
    "      - {text: Samordnade insatser för invånarna, beneficiaries: [inv, sys]}\n"
)

VARDSYSTEM = (
    "  - id: vardsystem\n"
    "    title: Digitalt vårdsystem införs\n"
    "    timetable_note: För tillfället saknas tidplan.\n"
    "    depends_on:\n"
    "      - {milestone: infrastruktur}\n"
)


def added(repo: Path) -> None:
    append(repo, DIGI, (
        "  - id: virtuell-vard\n"
        "    title: Samarbetsstruktur för virtuell vård etablerad\n"
        "    due: 2025\n"
        "    history:\n"
        "      - {kind: added, revision: 2023}\n"
        "    effects:\n"
        "      - {text: Vård på distans, beneficiaries: [inv]}\n"
    ))  # fmt: skip


def removed(repo: Path) -> None:
    edit(repo, DIGI, VARDSYSTEM, "")


def renamed(repo: Path) -> None:
    # The dependent follows the new id: that is part of the rename, not a change of prerequisites.
    edit(repo, NARA, "id: samverkan", "id: samverkansgrupp")
    edit(repo, NARA, "{milestone: samverkan}", "{milestone: samverkansgrupp}")


def postponed(repo: Path) -> None:
    edit(
        repo,
        NARA,
        "due: 2024",
        "due: 2025\n    history:\n      - {kind: postponed, revision: 2023, from: 2024}",
    )


def postponed_unrecorded(repo: Path) -> None:
    edit(repo, NARA, "due: 2024", "due: 2026")


def postponed_past_dependent(repo: Path) -> None:
    edit(
        repo,
        NARA,
        "due: 2023",
        "due: 2025\n    history:\n      - {kind: postponed, revision: 2023, from: 2023}",
    )


def brought_forward(repo: Path) -> None:
    edit(
        repo,
        NARA,
        "due: 2024",
        "due: 2023\n    history:\n      - {kind: advanced, revision: 2023, from: 2024}",
    )


def timetable(repo: Path) -> None:
    edit(repo, DIGI, "timetable_note: För tillfället saknas tidplan.", "due: {start: 2024, end: 2026}")


def reformulated(repo: Path) -> None:
    edit(repo, NARA, "    title: Modeller för hälsoutbud är identifierade\n", (
        "    title: Olika modeller för hälsoutbud är beslutade\n"
        "    history:\n"
        "      - {kind: reformulated, revision: 2023, previous: Modeller för hälsoutbud är identifierade}\n"
    ))  # fmt: skip


def reformulated_unrecorded(repo: Path) -> None:
    edit(repo, DIGI, "Digitalt vårdsystem införs", "Digitalt vårdsystem är infört")


def described(repo: Path) -> None:
    edit(repo, NARA, "Gruppen samordnar insatserna.", "Gruppen samordnar insatserna i hela regionen.")


def status(repo: Path) -> None:
    edit(repo, NARA, "status: started", "status: done")


def withdrawn(repo: Path) -> None:
    # Removed by a revision but kept for the record: in plan words, not a deleted milestone.
    edit(
        repo,
        NARA,
        "status: started",
        "status: cancelled\n    history:\n      - {kind: removed, revision: 2023, note: Ingår i Vårdsamverkan Skåne}",
    )


def effects(repo: Path) -> None:
    edit(
        repo,
        NARA,
        "{text: Gemensam riktning, beneficiaries: [sys]}",
        "{text: Gemensam riktning, beneficiaries: [sys, vsh]}",
    )
    edit(repo, NARA, "Samordnade insatser för invånarna", "Samordnade insatser för alla invånare")
    edit(
        repo, NARA, "    effects:\n      - {text: Bättre upplevelse för invånare, beneficiaries: [inv]}\n", ""
    )
    edit(
        repo,
        DIGI,
        "status: done\n",
        "status: done\n    effects:\n      - {text: Säkrare hantering av data}\n",
    )


def prerequisites(repo: Path) -> None:
    edit(repo, NARA, "      - {milestone: samverkan}\n", "      - {milestone: handlingsplan}\n")
    edit(
        repo,
        DIGI,
        "      - {milestone: infrastruktur}\n",
        "      - {milestone: infrastruktur}\n      - {milestone: samverkan}\n",
    )


def moved(repo: Path) -> None:
    edit(repo, DIGI, VARDSYSTEM, "")
    append(repo, NARA, VARDSYSTEM)


def nothing(repo: Path) -> None:
    edit(repo, NARA, "due: 2024", "due: 2024  # a comment is not a change")


def escaped(repo: Path) -> None:
    edit(
        repo,
        DIGI,
        "Digitalt vårdsystem införs",
        "Vårdsystem <b>A|B</b> *införs*\n    history:\n      - {kind: reformulated, revision: 2023}",
    )


def added_unrecorded(repo: Path) -> None:
    append(repo, DIGI, "  - id: journal\n    title: Journal på nätet\n    due: 2025\n")


def removed_prerequisite(repo: Path) -> None:
    # halsoutbud still names samverkan in depends_on: FHS302 at HEAD, said in the diff's terms.
    edit(repo, NARA, SAMVERKAN, "")


def renamed_prerequisite(repo: Path) -> None:
    # The rename is recognised, but the dependent was not updated.
    edit(repo, NARA, "id: samverkan", "id: samverkansgrupp")


def plan_revision(repo: Path) -> None:
    edit(repo, "plan.yaml", "  - {year: 2023, decision: 2023-TEST-002}\n", (
        "  - {year: 2023, decision: 2023-TEST-002}\n"
        "  - {year: 2024, decision: 2024-TEST-003, decided_by: Regionstyrelsen, date: 2024-02-15}\n"
    ))  # fmt: skip
    edit(repo, "plan.yaml", "current_revision: 2023", "current_revision: 2024")
    edit(repo, "plan.yaml", "period: {start: 2022, end: 2026}", "period: {start: 2022, end: 2027}")
    edit(
        repo,
        "plan.yaml",
        "title: Förändringsplan för granskning",
        "title: Förändringsplan för granskning 2024",
    )


def plan_vocabularies(repo: Path) -> None:
    # A beneficiary code renamed (its effects follow), one renamed in words, one added; a goal added.
    edit(repo, "plan.yaml", "{id: inv, name: invånarna}", "{id: inb, name: invånarna}")
    edit(repo, "plan.yaml", "{id: sys, name: systemet}", "{id: sys, name: hälsosystemet}")
    append(
        repo,
        "plan.yaml",
        "  - {id: nar, name: närstående}\ngoals:\n  - {id: jamlik-vard, name: Jämlik vård}\n",
    )
    edit(repo, NARA, "beneficiaries: [inv, sys]", "beneficiaries: [inb, sys]")
    edit(repo, NARA, "beneficiaries: [inv]", "beneficiaries: [inb]")


def plan_areas(repo: Path) -> None:
    # Digitalisering first and renamed in words; Nära vård's id renamed; a new, empty area last.
    (repo / PLAN / NARA).rename(repo / PLAN / "areas/02-nara-vard.yaml")
    (repo / PLAN / DIGI).rename(repo / PLAN / "areas/01-digitalisering.yaml")
    edit(repo, "areas/02-nara-vard.yaml", "id: nara-vard", "id: nara")
    edit(repo, "areas/01-digitalisering.yaml", "name: Digitalisering", "name: Digitalisering och data")
    write(repo, "areas/03-kompetens.yaml", "id: kompetens\nname: Kompetensförsörjning\nmilestones: []\n")


CASES: dict[str, Edit] = {f.__name__.replace("_", "-"): f for f in (
    added, removed, renamed, postponed, postponed_unrecorded, postponed_past_dependent, brought_forward,
    timetable, reformulated, reformulated_unrecorded, described, status, withdrawn, effects, prerequisites,
    moved, nothing, escaped, added_unrecorded, removed_prerequisite, renamed_prerequisite, plan_revision,
    plan_vocabularies, plan_areas,
)}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_markdown_for_each_kind_of_change(tmp_path: Path, case: str) -> None:
    repo = make_repo(tmp_path)
    CASES[case](repo)
    diff = diff_revisions(repo / PLAN, "main", None)
    check_golden(f"diff/{case}.md", diff_markdown.render(diff))


def test_a_head_that_does_not_load_says_why_in_every_format(tmp_path: Path) -> None:
    from fhsplan.views import diff_json, diff_text

    repo = make_repo(tmp_path)
    edit(repo, NARA, "name: Nära vård", "name: Nära vård\nnamn: typo")
    edit(repo, DIGI, "status: done", "status: klar")
    commit(repo, "broken")
    diff = diff_revisions(repo / PLAN, "main~1", "main")
    assert not diff.loads and diff.changed and diff.areas == [] and diff.notices == []
    check_golden("diff/head-does-not-load.md", diff_markdown.render(diff))
    check_golden("diff/head-does-not-load.txt", diff_text.render(diff, 100, colour=False))
    check_golden("diff/head-does-not-load.json", diff_json.render(diff))


def test_only_the_first_findings_of_a_head_that_does_not_load_are_listed(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    for n in range(16):
        append(repo, DIGI, f"  - id: trasig-{n}\n    title: Trasig\n    due: 2024\n    status: klar\n")
    diff = diff_revisions(repo / PLAN, "main", None)
    text = diff_markdown.render(diff)
    assert len(diff.unloadable) == 16
    assert text.count("**FHS200**") == diff_markdown.FIRST_FINDINGS
    assert "- … and 6 more findings\n" in text


def test_plan_level_changes_in_text_and_json(tmp_path: Path) -> None:
    from fhsplan.views import diff_json, diff_text

    repo = make_repo(tmp_path)
    plan_revision(repo)
    plan_vocabularies(repo)
    plan_areas(repo)
    edit(repo, "areas/02-nara-vard.yaml", SAMVERKAN.replace("[inv, sys]", "[inb, sys]"), "")
    commit(repo, "a revision, codes, areas and a removed prerequisite")
    diff = diff_revisions(repo / PLAN, "main~1", "main")
    check_golden("diff/plan-level.md", diff_markdown.render(diff))
    check_golden("diff/plan-level.txt", diff_text.render(diff, 120, colour=False))
    check_golden("diff/plan-level.json", diff_json.render(diff))


def test_between_two_commits_and_merge_base(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    postponed(repo)
    commit(repo, "postpone")
    edit(repo, NARA, "status: planned", "status: started")  # uncommitted: not part of main..HEAD
    by_commits = diff_revisions(repo / PLAN, "main~1", "main")
    by_merge_base = diff_revisions(repo / PLAN, "main~1...main", None)
    assert [c.kind for c in by_commits.changes()] == ["postponed"]
    assert [c.kind for c in by_merge_base.changes()] == ["postponed"]
    assert by_merge_base.base.startswith("main~1...main (")


def test_plan_new_at_head_is_all_added(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"../other/plan.yaml": "id: other\n"})
    for rel, text in FILES.items():
        write(repo, rel, text)
    diff = diff_revisions(repo / PLAN, "main", None)
    assert diff.counts() == {"added": 5}
    # Everything in a new plan is new, its findings too: the two milestones without effects.
    assert [(n.code, n.milestone) for n in diff.notices] == [
        ("FHS601", "infrastruktur"),
        ("FHS601", "vardsystem"),
    ]


def synthetic(areas: int, rows: int) -> PlanDiff:
    """A diff with `areas` areas of `rows` postponed milestones each, no git needed."""
    diff = PlanDiff("demo", "Förändringsplan", "main (abc1234)", "working tree", "2023", areas_total=areas)
    for a in range(areas):
        changes = tuple(
            Change(
                "postponed",
                f"m{a}-{r:03}",
                f"Milstolpe {a}.{r} är genomförd",
                "2024",
                "2025",
                Colour.started,
                Status.started,
            )
            for r in range(rows)
        )
        diff.areas.append(AreaDiff(f"a{a}", f"Område {a}", changes))
    return diff


def test_long_area_is_collapsed_and_short_one_is_open() -> None:
    text = diff_markdown.render(synthetic(1, diff_markdown.OPEN_ROWS + 1))
    assert "<details><summary><b>Område 0</b> · 9 changes</summary>\n\n| | Milestone |" in text
    assert "#### Område 0" in diff_markdown.render(synthetic(1, diff_markdown.OPEN_ROWS))


@pytest.mark.parametrize("budget", [3_000, 20_000, diff_markdown.DEFAULT_BUDGET])
def test_comment_stays_within_budget_and_says_what_was_cut(budget: int) -> None:
    diff = synthetic(40, 60)
    text = diff_markdown.render(diff, budget)
    assert utf16_len(text) <= budget
    shown = text.count("| postponed |")
    assert 0 < shown < 40 * 60
    assert f"{40 * 60 - shown:,} changes (Område " in text
    assert "65,536-character comment limit" in text
    assert text.endswith("Made by <code>fhsplan diff</code>.</sub>\n")


def test_notices_take_at_most_half_the_comment() -> None:
    diff = synthetic(2, 3)
    diff.notices = [
        Notice("warning", f"m{i}", f"“Milstolpe {i}” is postponed " + "x" * 200) for i in range(400)
    ]
    text = diff_markdown.render(diff, 20_000)
    assert utf16_len(text) <= 20_000
    assert "<details open><summary><b>Needs attention (400)</b></summary>" in text
    assert text.count("| postponed |") == 6
    shown = text.count("- ⚠️ ")
    assert (
        f"Shortened to stay under GitHub's 65,536-character comment limit: {400 - shown} notices not shown."
        in text
    )


def test_comment_that_fits_is_not_cut() -> None:
    text = diff_markdown.render(synthetic(3, 5))
    assert "not shown" not in text and "Shortened" not in text


def test_summary_counts_milestones_per_kind(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    effects(repo)
    prerequisites(repo)
    described(repo)
    diff = diff_revisions(repo / PLAN, "main", None)
    assert summary(diff) == (
        "5 milestones changed in 2 of 2 focus areas: 1 description changed, 4 effects changed, "
        "2 prerequisites changed; 2 need attention."
    )


def test_terminal_table_is_capped_with_a_note() -> None:
    from fhsplan.views import diff_text

    text = diff_text.render(synthetic(1, diff_text.MAX_ROWS + 5), 120, colour=False)
    assert f"m0-{diff_text.MAX_ROWS - 1:03}" in text and f"m0-{diff_text.MAX_ROWS:03}" not in text
    assert "… 5 more changes in Område 0; --format markdown or json lists them all" in text


def test_notices_are_findings_new_at_head_not_old_ones(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    postponed_past_dependent(repo)
    commit(repo, "postpone past its dependent")
    # The FHS401 error existed at BASE already: a later, unrelated change does not repeat it.
    edit(repo, NARA, "status: planned", "status: started")
    diff = diff_revisions(repo / PLAN, "main", None)
    assert [c.kind for c in diff.changes()] == ["status"]
    assert diff.notices == []
    # Against the revision before the postponement, it is new.
    diff = diff_revisions(repo / PLAN, "main~1", None)
    assert [(n.severity, n.code, n.milestone) for n in diff.notices] == [("error", "FHS401", "halsoutbud")]


def test_a_renamed_milestone_keeps_its_old_findings(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    postponed_past_dependent(repo)
    commit(repo, "postpone past its dependent")
    renamed(repo)  # samverkan -> samverkansgrupp: the FHS401 about it is the same finding
    diff = diff_revisions(repo / PLAN, "main", None)
    assert [c.kind for c in diff.changes()] == ["renamed"]
    assert diff.notices == []


def test_docs_name_every_kind_of_change() -> None:
    """docs/ci.md lists every kind of milestone change (it once lacked five of them)."""
    import re

    from conftest import ROOT
    from fhsplan.compare import KINDS

    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    # "effect added, removed, changed" in a table row names three kinds.
    expanded = re.sub(
        r"(\w+) added, removed(, changed)?",
        lambda m: f"{m[1]} added {m[1]} removed {m[1]} changed" if m[2] else f"{m[1]} added {m[1]} removed",
        text,
    )
    missing = [label for label in KINDS.values() if label not in expanded]
    assert missing == []


# -- hostile plan text (issue #10) ---------------------------------------------------------------

# What the comment's own Markdown makes; plan text must add nothing to it (no link, image, mention).
COMMENT_TAGS = {
    "h3", "h4", "p", "strong", "em", "code", "sub", "b", "details", "summary", "blockquote", "ul", "li",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def hostile_diff(text: str, rows: int = 2, areas: int = 2) -> PlanDiff:
    """A diff with `text` in every place plan text goes: title, area names, cells, notices."""
    diff = PlanDiff("demo", text, text, text, "2023", areas_total=areas)
    for a in range(areas):
        changes = tuple(
            Change("reformulated", f"m{a}-{r}", text, text, text, Colour.changed, Status.started, note=text)
            for r in range(rows)
        )
        diff.areas.append(AreaDiff(f"a{a}", text, changes))
    diff.notices = [Notice("warning", "m0-0", text, code="FHS401"), Notice("error", "m0-1", text)]
    return diff


def rendered_tags(markdown_text: str) -> tuple[set[str], list[tuple[str, str | None]]]:
    page = rendered(markdown_text)
    return {tag for tag, _ in page.tags}, [a for _, attrs in page.tags for a in attrs]


@pytest.mark.parametrize("sample", params(HOSTILE))
def test_hostile_text_stays_literal_in_every_part_of_the_comment(sample: Sample) -> None:
    text = diff_markdown.render(hostile_diff(sample.text), 20_000)
    assert utf16_len(text) <= 20_000
    tags, attrs = rendered_tags(text)
    assert tags <= COMMENT_TAGS and set(attrs) <= {("open", None), ("style", "text-align:center")}
    assert unsafe(text, "\n" + WORD_JOINER) == []
    assert re.search(f"@(?!{WORD_JOINER})", text) is None, "nobody is mentioned"
    assert re.search(r"https?:(?!\u2060)//", text, re.IGNORECASE) is None, "no autolink"
    # Every table row keeps its five cells: no pipe or line break of the text splits one.
    assert {
        line.count(" | ") for line in text.splitlines() if line.startswith("| ") and "---" not in line
    } == {4}


def test_twenty_areas_of_angle_brackets_stay_under_githubs_limit() -> None:
    # Issue #10, item 4: names cut before escaping grew 4-5 times: 65,823 characters.
    diff = synthetic(20, 200)
    diff.areas = [AreaDiff(a.id, "<" * 100, a.changes) for a in diff.areas]
    text = diff_markdown.render(diff)
    assert utf16_len(text) <= diff_markdown.DEFAULT_BUDGET < diff_markdown.GITHUB_LIMIT
    assert "not shown" in text


@pytest.mark.parametrize("budget", [diff_markdown.MIN_BUDGET, diff_markdown.DEFAULT_BUDGET])
@pytest.mark.parametrize("sample", params([s for s in HOSTILE if s.category == "long"]))
def test_long_text_is_capped_everywhere_and_the_budget_holds(sample: Sample, budget: int) -> None:
    diff = hostile_diff(sample.text, rows=6, areas=3)
    text = diff_markdown.render(diff, budget)
    assert utf16_len(text) <= budget
    heading = text.split("\n", 1)[0]
    assert utf16_len(heading) <= len("### Plan changes: ") + diff_markdown.TITLE_LIMIT
    for line in text.splitlines():
        if line.startswith("| ") and "---" not in line:
            assert utf16_len(line) <= 4 * diff_markdown.CELL_LIMIT + 200, "one cell cannot eat the comment"


def test_the_plan_title_is_shortened() -> None:
    diff = synthetic(1, 1)
    diff.title = "Förändring " * 1000
    heading = diff_markdown.render(diff).split("\n", 1)[0]
    assert heading.endswith("…") and utf16_len(heading) <= 18 + diff_markdown.TITLE_LIMIT


# -- one comment for every changed plan (the CI workflow, issue #10) -------------------------------


def test_sixty_changed_plans_stay_under_githubs_limit_and_the_rest_are_named() -> None:
    # More than 32 plans overflowed the limit through the workflow's 2,000-character minimum each.
    sections = [diff_markdown.PlanSection(f"plan/p{i:02}", diff=synthetic(3, 40)) for i in range(60)]
    text = diff_markdown.render_comment(sections, diff_markdown.DEFAULT_BUDGET)
    assert utf16_len(text) <= diff_markdown.DEFAULT_BUDGET
    shown = text.count("### Plan changes: ")
    assert 25 <= shown < 60
    assert f"✂️ {60 - shown} more plans changed but are not shown" in text
    assert f"limit: plan/p{shown:02}, plan/p{shown + 1:02}," in text and text.endswith("for each.\n")


def test_a_few_plans_share_the_whole_budget() -> None:
    small = diff_markdown.PlanSection("plan/small", diff=synthetic(1, 2))
    big = diff_markdown.PlanSection("plan/big", diff=synthetic(20, 200))
    text = diff_markdown.render_comment([small, big], 30_000)
    assert utf16_len(text) <= 30_000 and "not shown" in text  # the big one is cut at rows, not left out
    assert text.count("### Plan changes: ") == 2 and "more plans changed" not in text
    assert utf16_len(text) > 25_000, "what the small plan did not use went to the big one"


def test_no_changed_plan_says_so() -> None:
    assert diff_markdown.render_comment([]) == "No plan changed.\n"


@pytest.mark.parametrize("sample", params([s for s in HOSTILE if s.category != "long"]))
def test_folder_names_and_errors_are_escaped_markdown(sample: Sample) -> None:
    # The workflow printf'ed folder names and git's last stderr line into the comment raw.
    sections = [
        diff_markdown.PlanSection(f"plan/{sample.text}", removed=True),
        diff_markdown.PlanSection(
            f"plan/{sample.text}x", error=f"unknown revision {sample.text!r}: {sample.text}"
        ),
        diff_markdown.PlanSection(f"plan/{sample.text}y", diff=hostile_diff(sample.text)),
    ]
    text = diff_markdown.render_comment(sections, 20_000)
    assert utf16_len(text) <= 20_000
    tags, attrs = rendered_tags(text)
    assert tags <= COMMENT_TAGS and set(attrs) <= {("open", None), ("style", "text-align:center")}
    assert unsafe(text, "\n" + WORD_JOINER) == []
    assert re.search(f"@(?!{WORD_JOINER})", text) is None
    headings = [line for line in text.split("\n") if line.startswith("#")]
    assert len([h for h in headings if h.startswith("### ")]) == 3, "no line of the text became a heading"
