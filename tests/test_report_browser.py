"""The report in a real browser: headless Chromium (Debian's `chromium`) through Playwright (issue #14).

Each report is written by the installed `fhsplan report`, opened from disk, and must: log no error,
fetch nothing but itself, draw one map element per milestone of its revision in that revision's
colours, list every milestone in the area tables, fit the map to an A4 page, and print to a
sensible number of A4 pages.

Where Chromium or Playwright is missing these tests skip and say how to install them; under CI
(`CI` set, as .ci/run is run) they fail instead, so a green CI always means they ran. `make test`
installs Chromium first where it can (`make browser`).
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

from conftest import DEMO, ROOT, loaded, run_fhsplan
from fhsplan.palette import COLOURS
from fhsplan.plan import Plan
from fhsplan.views import report_html
from fhsplan.views.report import build_report
from hostile import SHORT
from test_report_render import AS_OF, poisoned

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog, Page

EMBEDDED = ROOT / "plan" / "skane-fhs"
# The flags the brief of issue #14 names: no sandbox (root in CI), no GPU, and nothing the browser
# would fetch on its own (component updates, first-run pages, background networking).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
INSTALL = "apt-get install -y chromium (as root, `make browser` does it)"
MM = 96 / 25.4  # CSS pixels per millimetre
# The page the print stylesheet lays out: A4 less its margins.
TOP, RIGHT, BOTTOM, LEFT = report_html.PAGE_MARGINS_MM
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210 - LEFT - RIGHT, 297 - TOP - BOTTOM
# A printed A4 page holds at least this many table rows: the tallest row of the embedded plan (four
# effects) takes under a third of a page, and a row is never cut (break-inside: avoid).
MIN_ROWS_PER_PAGE = 2


def chromium() -> str | None:
    """The browser to run: FHSPLAN_CHROMIUM (a path or command) alone if set, else Debian's `chromium`."""
    override = os.environ.get("FHSPLAN_CHROMIUM")
    if override:
        return shutil.which(override)
    return shutil.which("chromium") or shutil.which("/usr/bin/chromium")


def unavailable(why: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"{why}; CI must run the browser tests", pytrace=False)
    pytest.skip(why)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed: pip install -e '.[test]'")
    path = chromium()
    if path is None:
        unavailable(f"Chromium is not installed: {INSTALL}")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclasses.dataclass
class Opened:
    """A page with everything it logged, threw, fetched and asked."""

    page: Page
    url: str
    console: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    errors: list[str] = dataclasses.field(default_factory=list)
    requests: list[str] = dataclasses.field(default_factory=list)
    dialogs: list[str] = dataclasses.field(default_factory=list)

    def answer(self, dialog: Dialog) -> None:
        """An alert, confirm or prompt: hostile text ran script. Noted and dismissed."""
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def open_file(browser: Browser, path: Path, width: int = 1280) -> Opened:
    page = browser.new_page(viewport={"width": width, "height": 900})
    opened = Opened(page, path.as_uri())
    page.on("console", lambda m: opened.console.append((m.type, m.text)))
    page.on("pageerror", lambda e: opened.errors.append(str(e)))
    page.on("request", lambda r: opened.requests.append(r.url))
    page.on("dialog", lambda d: opened.answer(d))
    page.goto(opened.url, wait_until="load")
    return opened


@dataclasses.dataclass(frozen=True)
class Case:
    """A report to write: which plan, which revision."""

    folder: Path
    revision: str | None = None
    lang: str | None = None  # the report in Swedish: longer words, the same page (issue #15)

    def plan(self) -> Plan:
        index = loaded(self.folder)
        return index.at(self.revision) if self.revision else index


CASES = {
    "embedded": Case(EMBEDDED),
    "demo": Case(DEMO),
    "demo-revision-2022": Case(DEMO, "2022"),
    "embedded-sv": Case(EMBEDDED, lang="sv"),
}


@pytest.fixture(scope="module", params=list(CASES))
def case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Case, Path]:
    chosen = CASES[request.param]
    out = tmp_path_factory.mktemp("report") / "rapport.html"
    revision = ["--revision", chosen.revision] if chosen.revision else []
    lang = ["--lang", chosen.lang] if chosen.lang else []
    result = run_fhsplan(
        "report", "--plan", str(chosen.folder), *revision, *lang, "--as-of", AS_OF.isoformat(), "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    return chosen, out


def test_no_console_errors_and_no_request_but_the_file(browser: Browser, case: tuple[Case, Path]) -> None:
    opened = open_file(browser, case[1])
    assert [m for m in opened.console if m[0] == "error"] == [] and opened.errors == []
    assert [u for u in opened.requests if not u.startswith("data:")] == [opened.url]
    opened.page.close()


def test_the_map_draws_each_milestone_of_the_revision_in_its_colour(
    browser: Browser, case: tuple[Case, Path]
) -> None:
    opened = open_file(browser, case[1])
    nodes = opened.page.eval_on_selector_all(
        "figure.map svg [id^='milestone-']", "els => els.map(e => [e.id, e.getAttribute('class')])"
    )
    opened.page.close()
    plan = case[0].plan()
    assert sorted(i for i, _ in nodes) == sorted(f"milestone-{e.id}" for e in plan.entries)
    classes = dict(nodes)
    for entry in plan.entries:
        assert f"colour-{plan.colour(entry).value}" in classes[f"milestone-{entry.id}"].split()


def test_the_area_tables_hold_every_milestone(browser: Browser, case: tuple[Case, Path]) -> None:
    opened = open_file(browser, case[1])
    rows = opened.page.eval_on_selector_all(
        "section.area tr[data-milestone]", "els => els.map(e => [e.dataset.milestone, e.innerText])"
    )
    opened.page.close()
    plan = case[0].plan()
    assert [i for i, _ in rows] == [e.id for a in plan.areas for e in plan.in_area(a.id)]
    titles = {e.id: " ".join(e.model.title.split()) for e in plan.entries}
    assert all(titles[i] in " ".join(text.split()) for i, text in rows)


def test_a_click_on_a_box_of_the_map_goes_to_its_row(browser: Browser, case: tuple[Case, Path]) -> None:
    opened = open_file(browser, case[1])
    targets = opened.page.eval_on_selector_all(
        "figure.map svg g.milestone a",
        """els => els.map(a => {
            const href = a.getAttribute('xlink:href') || a.getAttribute('href');
            const row = document.getElementById(href.slice(1));
            return [a.closest('g.milestone').id, row ? row.dataset.milestone : null];
        })""",
    )
    plan = case[0].plan()
    assert sorted(targets) == sorted([f"milestone-{e.id}", e.id] for e in plan.entries)
    first = plan.entries[0].id
    opened.page.click(f"figure.map svg g#milestone-{first} a", force=True)
    assert opened.page.evaluate("location.hash") == f"#row-{first}"
    assert opened.requests == [opened.url]  # a fragment: nothing fetched, the page not left
    opened.page.close()


def test_the_map_is_scaled_to_one_page_in_print(browser: Browser, case: tuple[Case, Path]) -> None:
    opened = open_file(browser, case[1], width=round(PAGE_WIDTH_MM * MM))
    opened.page.emulate_media(media="print")
    size = "e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; }"
    picture = opened.page.eval_on_selector("figure.map svg", size)
    section = opened.page.eval_on_selector("section.map", size)
    opened.page.close()
    assert picture[0] <= PAGE_WIDTH_MM * MM + 1 and picture[1] <= report_html.MAP_MAX_HEIGHT_MM * MM + 1
    assert max(picture) > 0.5 * PAGE_WIDTH_MM * MM  # scaled to the page, not shrunk to a stamp
    assert section[1] <= PAGE_HEIGHT_MM * MM  # heading, map, caption and legend on one page


def pdf_pages(pdf: bytes) -> int:
    """How many pages a PDF has: its page objects (Chromium's Skia writes them uncompressed)."""
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def test_print_to_pdf_gives_a_sensible_page_count(browser: Browser, case: tuple[Case, Path]) -> None:
    opened = open_file(browser, case[1])
    pdf = opened.page.pdf(format="A4")
    opened.page.close()
    assert pdf.startswith(b"%PDF-")
    report = build_report(case[0].plan(), AS_OF)
    # Every one of these starts a page: the header with the summary, the map, each focus area, and
    # the changes (knock-on effects and undated milestones follow them).
    starts = 1 + 1 + len(report.areas) + 1
    rows = (
        len(report.rows)
        + sum(len(a.changes) for a in report.changes)
        + len(report.knock_on)
        + len(report.untimed)
    )
    assert starts <= pdf_pages(pdf) <= starts + math.ceil(rows / MIN_ROWS_PER_PAGE)


def test_the_plan_documents_colours_reach_the_page(browser: Browser, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert run_fhsplan("report", "--plan", str(DEMO), "-o", str(out)).returncode == 0
    opened = open_file(browser, out)
    colours = opened.page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('ul.legend .swatch')].map("
        "e => [e.className, getComputedStyle(e).backgroundColor]))"
    )
    opened.page.close()
    expected = {f"swatch colour-{c.value}": _rgb(look.fill) for c, look in COLOURS.items()}
    assert colours == expected


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


_BY_CATEGORY: dict[str, list[str]] = {}
for _sample in SHORT:
    _BY_CATEGORY.setdefault(_sample.category, []).append(_sample.text)


@pytest.mark.parametrize("category", sorted(_BY_CATEGORY))
def test_hostile_plan_text_runs_nothing_and_fetches_nothing(
    browser: Browser, demo: Plan, tmp_path: Path, category: str
) -> None:
    text = " | ".join(_BY_CATEGORY[category])
    map_svg = '<svg id="map"><g id="milestone-x" class="node milestone"><title>x</title></g></svg>'
    out = tmp_path / "hostile.html"
    out.write_text(report_html.render(poisoned(build_report(demo, AS_OF), text), map_svg), encoding="utf-8")
    opened = open_file(browser, out)
    scripts = opened.page.evaluate(
        "() => document.querySelectorAll('script, iframe, object, embed, img').length"
    )
    heading = opened.page.inner_text("h1")
    opened.page.close()
    assert (opened.dialogs, opened.errors, scripts) == ([], [], 0)
    assert [m for m in opened.console if m[0] == "error"] == []
    assert [u for u in opened.requests if not u.startswith("data:")] == [opened.url]
    assert heading.strip()  # the title is there, as text
