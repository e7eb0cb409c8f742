"""`fhsplan diff` and the PR comment in Swedish (issue #15): the same cases as tests/test_diff.py,
rendered with Swedish scaffolding, the budget holding for longer sentences, JSON unchanged.

Golden files: tests/golden/diff/<case>.sv.md (and .sv.txt); FHSPLAN_UPDATE_GOLDEN=1 rewrites them.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest

from conftest import check_golden, run_fhsplan
from fhsplan import gitrev, i18n
from fhsplan.escape import utf16_len
from fhsplan.views import diff_markdown, diff_text
from hostile import HOSTILE, Sample, params
from test_diff import CASES, DIGI, NARA, hostile_diff, plan_areas, plan_revision, plan_vocabularies, synthetic
from test_diff_repo import FILES, PLAN, commit, diff_revisions, edit, git, make_repo

# Words of the comment's and the table's own English that must not be left in Swedish output.
ENGLISH = (
    "Plan changes", "Comparing", "Milestone", "Change", "Before", "After", "Needs attention",
    "milestones changed", "milestone changed", "No milestone changed", "focus area", "postponed",
    "brought forward", "reformulated", "added", "removed", "Colours as in the plan document",
    "Made by", "Picture", "changed milestones", "The plan itself", "not shown", "Shortened",
    "working tree", "due ", "no timetable", "need attention", "needs attention",
)  # fmt: skip


def english_left(text: str, words: tuple[str, ...] = ENGLISH) -> list[str]:
    """The English scaffolding words in `text` (whole words, case as written), leaving out what
    stays English on purpose: the history entry to paste into YAML (`{kind: reformulated, …}`) and
    the rules' own messages (`**FHS602** …`, translated with the rules)."""
    text = re.sub(r"\{[^{}]*\}", "", text)
    text = "\n".join(line for line in text.splitlines() if not re.search(r"\bFHS\d{3}\b", line))
    return [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


@pytest.mark.usefixtures("swedish")
@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_swedish_markdown_for_each_kind_of_change(tmp_path: Path, case: str) -> None:
    repo = make_repo(tmp_path)
    CASES[case](repo)
    diff = diff_revisions(repo / PLAN, "main", None)
    check_golden(f"diff/{case}.sv.md", diff_markdown.render(diff))


@pytest.mark.usefixtures("swedish")
def test_swedish_plan_level_changes_in_text_and_markdown(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    plan_revision(repo)
    plan_vocabularies(repo)
    plan_areas(repo)
    commit(repo, "a revision, codes and areas")
    diff = diff_revisions(repo / PLAN, "main~1", "main")
    check_golden("diff/plan-level.sv.md", diff_markdown.render(diff))
    check_golden("diff/plan-level-80.sv.txt", diff_text.render(diff, 80, colour=False))
    check_golden("diff/plan-level-120.sv.txt", diff_text.render(diff, 120, colour=False))


@pytest.mark.usefixtures("swedish")
@pytest.mark.parametrize("width", [80, 120])
def test_swedish_text_diff_of_a_postponement(tmp_path: Path, width: int) -> None:
    repo = make_repo(tmp_path)
    CASES["postponed"](repo)
    CASES["reformulated-unrecorded"](repo)
    diff = diff_revisions(repo / PLAN, "main", None)
    text = diff_text.render(diff, width, colour=False)
    check_golden(f"diff/postponed-{width}.sv.txt", text)
    assert english_left(text) == []


@pytest.mark.usefixtures("swedish")
def test_swedish_head_that_does_not_load(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    edit(repo, NARA, "name: Nära vård", "name: Nära vård\nnamn: typo")
    edit(repo, DIGI, "status: done", "status: klar")
    commit(repo, "broken")
    diff = diff_revisions(repo / PLAN, "main~1", "main")
    check_golden("diff/head-does-not-load.sv.md", diff_markdown.render(diff))
    check_golden("diff/head-does-not-load.sv.txt", diff_text.render(diff, 100, colour=False))


@pytest.mark.usefixtures("swedish")
@pytest.mark.parametrize("case", ["postponed", "postponed-unrecorded", "added", "removed", "plan-areas"])
def test_no_english_scaffolding_is_left_in_the_swedish_comment(tmp_path: Path, case: str) -> None:
    repo = make_repo(tmp_path)
    CASES[case](repo)
    text = diff_markdown.render(diff_revisions(repo / PLAN, "main", None))
    assert english_left(text) == []
    assert "Ändringar i planen: " in text and "Färger som i plandokumentet: " in text


@pytest.mark.usefixtures("swedish")
def test_no_english_is_left_in_a_cut_swedish_comment() -> None:
    diff = synthetic(40, 60)
    text = diff_markdown.render(diff, 3_000)
    assert english_left(text) == []
    shown = text.count("| framflyttad |")
    left = i18n.number(40 * 60 - shown)
    assert f"{left} ändringar (Område " in text
    assert "GitHubs gräns på 65\u202f536 tecken" in text
    assert text.endswith("Skapad av <code>fhsplan diff</code>.</sub>\n")


def test_json_is_the_same_in_both_languages(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    edit(repo, "plan.yaml", "owner: Region Test", "owner: Region Test\nlanguage: sv")
    commit(repo, "a Swedish plan")
    CASES["postponed-unrecorded"](repo)
    CASES["withdrawn"](repo)
    plan_areas(repo)
    english = run_fhsplan("diff", "main", "-f", "json", "--lang", "en", cwd=repo)
    swedish = run_fhsplan("diff", "main", "-f", "json", "--lang", "sv", cwd=repo)
    # With no setting at all, a Swedish plan (`language: sv`) still gets English JSON.
    unset = run_fhsplan(
        "diff", "main", "-f", "json", cwd=repo, env={"FHSPLAN_LANG": "", "LANG": "sv_SE.UTF-8"}
    )
    assert english.returncode == swedish.returncode == unset.returncode == 0, swedish.stderr
    assert swedish.stdout == english.stdout == unset.stdout
    assert '"label": "postponed +2 years"' in english.stdout
    # ... while the same plan's comment follows its language.
    comment = run_fhsplan("diff", "main", "-f", "markdown", cwd=repo, env={"FHSPLAN_LANG": ""})
    assert "framflyttad +2 år" in comment.stdout and english_left(comment.stdout) == []


def test_the_command_speaks_swedish_with_lang_sv(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    CASES["postponed"](repo)
    done = run_fhsplan("diff", "main", "-f", "markdown", "--lang", "sv", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert english_left(done.stdout) == []
    assert "framflyttad +1 år" in done.stdout and "<code>arbetskatalogen</code>" in done.stdout
    failed = run_fhsplan("diff", "nope", "--lang", "sv", cwd=repo)
    assert failed.stderr == "fhsplan: okänd revision 'nope' (ingen gren, tagg eller incheckning här)\n"


# -- the budget holds in Swedish (longer sentences, the same reserves) ---------------------------


@pytest.mark.usefixtures("swedish")
@pytest.mark.parametrize("budget", [diff_markdown.MIN_BUDGET, 3_000, 20_000, diff_markdown.DEFAULT_BUDGET])
def test_swedish_comment_stays_within_budget(budget: int) -> None:
    text = diff_markdown.render(synthetic(40, 60), budget)
    assert utf16_len(text) <= budget
    assert "visas inte" in text


@pytest.mark.usefixtures("swedish")
@pytest.mark.parametrize("chosen", [False, True])
def test_swedish_cut_note_at_its_longest_fits_its_reserve(chosen: bool) -> None:
    cut = diff_markdown.Cut(changes=12_345, areas=["<" * 400], notices=1_234, plan=99, picture=True)
    note = diff_markdown._cut_note(cut, 65_000, chosen)
    assert utf16_len(note) <= diff_markdown._CUT_NOTE_ROOM


@pytest.mark.usefixtures("swedish")
@pytest.mark.parametrize("budget", [diff_markdown.MIN_BUDGET, diff_markdown.DEFAULT_BUDGET])
@pytest.mark.parametrize("sample", params([s for s in HOSTILE if s.category == "long"]))
def test_swedish_long_text_is_capped_and_the_budget_holds(sample: Sample, budget: int) -> None:
    diff = hostile_diff(sample.text, rows=6, areas=3)
    diff.notices *= 40
    text = diff_markdown.render(diff, budget)
    assert utf16_len(text) <= budget
    heading = text.split("\n", 1)[0]
    assert utf16_len(heading) <= len("### Ändringar i planen: ") + diff_markdown.TITLE_LIMIT


@pytest.mark.usefixtures("swedish")
@pytest.mark.parametrize("sample", params([s for s in HOSTILE if s.category != "long"]))
def test_swedish_hostile_comment_for_many_plans_stays_within_budget(sample: Sample) -> None:
    sections = [
        diff_markdown.PlanSection(f"plan/{sample.text}", removed=True),
        diff_markdown.PlanSection(f"plan/{sample.text}x", error=sample.text),
        *(
            diff_markdown.PlanSection(f"plan/{sample.text}{i}", diff=hostile_diff(sample.text))
            for i in range(60)
        ),
    ]
    text = diff_markdown.render_comment(sections, 20_000)
    assert utf16_len(text) <= 20_000
    assert "planer till har ändrats men visas inte" in text


@pytest.mark.usefixtures("swedish")
def test_sixty_swedish_plans_stay_under_githubs_limit() -> None:
    sections = [diff_markdown.PlanSection(f"plan/p{i:02}", diff=synthetic(3, 40)) for i in range(60)]
    text = diff_markdown.render_comment(sections, diff_markdown.DEFAULT_BUDGET)
    assert utf16_len(text) <= diff_markdown.DEFAULT_BUDGET
    shown = text.count("### Ändringar i planen: ")
    assert f"✂️ {60 - shown} planer till har ändrats men visas inte" in text
    assert english_left(text) == []


@pytest.mark.usefixtures("swedish")
def test_swedish_pr_comment_parts() -> None:
    assert diff_markdown.render_comment([]) == "Ingen plan har ändrats.\n"
    removed = diff_markdown.render_comment([diff_markdown.PlanSection("plan/demo", removed=True)])
    assert removed == "### Planen har tagits bort: <code>plan/demo</code>\n\n"
    failed = diff_markdown.render_comment([diff_markdown.PlanSection("plan/demo", error="fel")])
    assert (
        failed
        == "### <code>plan/demo</code>: ingen jämförelse\n\nfhsplan kunde inte jämföra den här planen: fel\n\n"
    )


def test_the_swedish_pr_comment_of_a_postponement_reads_as_swedish(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    for rel, text in FILES.items():
        path = repo / "plan" / "gone" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).replace("default: true", "default: false"), encoding="utf-8")
    commit(repo, "a second plan")
    CASES["postponed"](repo)
    shutil.rmtree(repo / "plan" / "gone")
    commit(repo, "postpone, and remove the second plan")
    done = run_fhsplan("pr-comment", "main~1...main", "--lang", "sv", cwd=repo)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    headings = [line for line in done.stdout.split("\n") if line.startswith("### ")]
    assert headings == [
        "### Ändringar i planen: Förändringsplan för granskning",
        "### Planen har tagits bort: <code>plan/gone</code>",
    ]
    assert "| framflyttad +1 år | 2024 | 2025 |" in done.stdout
    assert english_left(done.stdout) == []


@pytest.mark.usefixtures("swedish")
def test_git_errors_in_swedish(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    edit(repo, "plan.yaml", "Region Test", "Region Ändrad")
    commit(repo, "second")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    with pytest.raises(gitrev.GitError) as raised:
        gitrev.rev_parse("HEAD~1", shallow)
    assert str(raised.value) == (
        "okänd revision 'HEAD~1' i den här grunda klonen: dess historik saknas; hämta den med "
        "`git fetch --unshallow` (i GitHub Actions: actions/checkout med `fetch-depth: 0`)"
    )
    with pytest.raises(
        gitrev.GitError, match=r"^okänd revision 'HEAD~5' \(ingen gren, tagg eller incheckning här\)$"
    ):
        gitrev.rev_parse("HEAD~5", repo)
    with pytest.raises(gitrev.GitError, match=r"^'-x' är ingen revision$"):
        gitrev.rev_parse("-x", repo)
