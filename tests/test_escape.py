"""Each output language's escape function against the hostile corpus: inert output, clean text intact, sizes kept.

Every check reads the escaped text itself, most through a parser of that language (markdown-it,
ElementTree, html.parser, csv, a port of the Actions runner's command parser); rendering through
Graphviz is one check more, not the only one.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
import yaml
from graphviz.quoting import nohtml, quote  # type: ignore[import-untyped]
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from rich.text import Text

from fhsplan import escape, render
from fhsplan.escape import FORBIDDEN, INVISIBLE, WORD_JOINER
from hostile import CLEAN, HOSTILE, SHORT, Sample, params

# Format characters that are text: soft hyphen, the prepended concatenation marks (visible signs
# that join the digits after them), and the zero-width (non-)joiners of emoji and many scripts.
TEXT_FORMAT = frozenset("\u00ad\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2") | {
    "\U000110bd",
    "\U000110cd",
    "\u200c",
    "\u200d",
}


def _noncharacter(code: int) -> bool:
    return code & 0xFFFE == 0xFFFE or 0xFDD0 <= code <= 0xFDEF


def unsafe(text: str, allowed: str = "") -> list[str]:
    """The characters of `text` that no writer may emit raw, judged by unicodedata, not by escape.py."""
    found = []
    for char in set(text) - set(allowed):
        category = unicodedata.category(char)
        if (
            category in ("Cc", "Cs", "Zl", "Zp")
            or (category == "Cf" and char not in TEXT_FORMAT)
            or _noncharacter(ord(char))
            or INVISIBLE.match(char)
        ):
            found.append(f"U+{ord(char):04X}")
    return sorted(found)


_REVEALED = re.compile(r"\\(?:x([0-9a-f]{2})|u([0-9a-f]{4})|U([0-9a-f]{8})|([tnr]))")


def unreveal(text: str) -> str:
    """Read the escapes `reveal` writes back as characters (text that already had them is read too)."""

    def char(match: re.Match[str]) -> str:
        short = match.group(4)
        if short:
            return {"t": "\t", "n": "\n", "r": "\r"}[short]
        return chr(int(match.group(1) or match.group(2) or match.group(3), 16))

    return _REVEALED.sub(char, text)


# -- the character policy ------------------------------------------------------------------------


def test_policy_covers_every_control_format_separator_surrogate_and_noncharacter() -> None:
    missed = []
    for code in range(0x110000):
        char = chr(code)
        category = unicodedata.category(char)
        must_show = (
            (category == "Cc" and char not in "\t\n\r")
            or category in ("Cs", "Zl", "Zp")
            or (category == "Cf" and char not in TEXT_FORMAT)
            or _noncharacter(code)
        )
        if must_show and not (FORBIDDEN.match(char) or INVISIBLE.match(char)):
            missed.append(f"U+{code:04X}")
    assert missed == []


@pytest.mark.parametrize(
    "char",
    ["\x00", "\x1b", "\x7f", "\x85", "\x9b", "\u061c", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066",
     "\u2069", "\u2028", "\u2029", "\ufeff", "\ud800", "\ufffe", "\U0010ffff", "\U000e0041"],
)  # fmt: skip
def test_policy_forbids(char: str) -> None:
    assert FORBIDDEN.fullmatch(char)


@pytest.mark.parametrize("char", list("\t\n\r aåäöÅÄÖé€–\u00a0\u00ad\u200c\u200d\ufe0f😀"))
def test_policy_spares_text(char: str) -> None:
    assert not FORBIDDEN.match(char) and not INVISIBLE.match(char)


def test_policy_catches_what_yaml_escapes_decode_to() -> None:
    # The raw-text check cannot see these: they exist only after YAML decodes the double-quoted escapes.
    value = yaml.safe_load(r'title: "A\0B\e]52;c;SGFja2Vk\e\\ \u202e \ud800 \L"')["title"]
    assert [m.group() for m in FORBIDDEN.finditer(value)] == list("\x00\x1b\x1b\u202e\ud800\u2028")


@pytest.mark.parametrize("sample", params(HOSTILE))
def test_reveal_only_replaces_characters_by_their_escapes(sample: Sample) -> None:
    for keep in ("", "\t\n", "\t\n\r"):
        out = escape.reveal(sample.text, keep)
        assert unsafe(out, keep) == [] and not (set("\t\n\r") - set(keep)) & set(out)
        assert unreveal(out) == unreveal(sample.text)


def test_reveal_writes_yaml_escapes() -> None:
    assert escape.reveal("\x1b[2K\u202e\U000e0041\t\n") == "\\x1b[2K\\u202e\\U000e0041\\t\\n"


# -- terminal ------------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", params(HOSTILE))
def test_terminal_text_carries_no_control_sequence(sample: Sample) -> None:
    assert unsafe(escape.terminal(sample.text), "\t\n") == []
    assert unsafe(escape.terminal_line(sample.text)) == []
    assert unreveal(escape.terminal_line(sample.text)) == unreveal(sample.text)


def test_terminal_shows_the_issue_example() -> None:
    shown = escape.terminal("A\0B\x1b]52;c;SGFja2Vk\x1b\\ \x1b[8mHIDDEN\x1b[0m \x1b[1A\x1b[2K")
    assert shown == "A\\x00B\\x1b]52;c;SGFja2Vk\\x1b\\ \\x1b[8mHIDDEN\\x1b[0m \\x1b[1A\\x1b[2K"
    assert escape.terminal("one\r\ntwo\tthree") == "one\\r\ntwo\tthree"
    assert escape.terminal_line("one\ntwo") == "one\\ntwo"


@pytest.mark.parametrize("sample", params(SHORT))
def test_terminal_text_through_rich_carries_only_richs_own_colours(sample: Sample) -> None:
    from fhsplan.views.console import render as render_console

    out = render_console([Text(escape.terminal(sample.text), style="bold red")], 60, colour=True)
    assert "\x1b[" in out  # colour was on: what remains after rich's own SGR sequences is the text
    assert unsafe(re.sub(r"\x1b\[[0-9;]*m", "", out), "\n") == []


# -- Markdown ------------------------------------------------------------------------------------

_MD_RAW = frozenset("<>|`*_[]\\~$\n\r\t")
_MD_ENTITY = re.compile(r"&(?:amp|lt|gt|#[0-9]+);")
_MARKDOWN_IT = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def markdown_plain(text: str) -> str:
    """What a reader of the rendered comment sees: the text revealed, on one line."""
    return re.sub(r"[ \t\n\r]+", " ", escape.reveal(text, "\t\n\r")).strip(" ")


def assert_literal_markdown(out: str) -> None:
    assert not _MD_RAW & set(out)
    bare = _MD_ENTITY.sub("", out)
    assert "&" not in bare, "every & starts a whole entity"
    assert re.search(f"[@#](?!{WORD_JOINER})", bare) is None, "mentions and references are broken"
    assert re.search(r"://|www\.|gh-[0-9]", bare, re.IGNORECASE) is None, "no autolink"
    assert re.match(f"[-+=]|#(?!{WORD_JOINER})|[0-9]{{1,9}}[.)]", out) is None, "no block starts"
    assert unsafe(out, WORD_JOINER) == []


@pytest.mark.parametrize("sample", params(HOSTILE))
def test_markdown_is_literal(sample: Sample) -> None:
    out = escape.markdown(sample.text)
    assert_literal_markdown(out)
    assert html.unescape(out).replace(WORD_JOINER, "") == markdown_plain(sample.text)


class Collected(HTMLParser):
    """Tags, attributes and text of an HTML fragment, to see what a renderer would make of it."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: dict[str, str] = {}  # the text directly inside each kind of element
        self.other: list[str] = []
        self._open: list[str] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        tag = self._open[-1] if self._open else ""
        self.text[tag] = self.text.get(tag, "") + data

    def handle_comment(self, data: str) -> None:
        self.other.append(f"comment {data}")

    def handle_decl(self, decl: str) -> None:
        self.other.append(f"decl {decl}")

    def handle_pi(self, data: str) -> None:
        self.other.append(f"pi {data}")


def rendered(markdown: str) -> Collected:
    return Collected(_MARKDOWN_IT.render(markdown))


def tag_names(page: Collected) -> list[str]:
    return [tag for tag, _ in page.tags]


@pytest.mark.parametrize("sample", params(SHORT))
def test_markdown_stays_one_literal_cell_heading_item_and_summary(sample: Sample) -> None:
    out, plain = escape.markdown(sample.text), markdown_plain(sample.text)
    table = rendered(f"| | Milestone |\n|:-:|---|\n| 🔴 | {out} |\n")
    assert tag_names(table) == ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td"]
    assert table.text.get("td", "").replace(WORD_JOINER, "").removeprefix("🔴") == plain
    heading = rendered(f"### Plan changes: {out}\n")
    assert tag_names(heading) == ["h3"]
    assert heading.text["h3"].replace(WORD_JOINER, "") == f"Plan changes: {plain}".strip()
    item = rendered(f"- {out}\n")
    assert tag_names(item) == ["ul", "li"] and item.text.get("li", "").replace(WORD_JOINER, "") == plain
    block = rendered(f"<details><summary><b>{out}</b> · 3 changes</summary>\n\nx\n</details>\n")
    assert tag_names(block) == ["details", "summary", "b", "p"] and block.other == []
    assert block.text.get("b", "").replace(WORD_JOINER, "") == plain


@pytest.mark.parametrize("sample", params(SHORT))
def test_markdown_code_is_one_code_element(sample: Sample) -> None:
    out = escape.markdown_code(sample.text)
    assert out == f"<code>{escape.markdown(sample.text)}</code>"
    cell = rendered(f"| a | b |\n|---|---|\n| {out} | x |\n")
    assert tag_names(cell) == ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", "code", "td"]
    assert cell.text.get("code", "").replace(WORD_JOINER, "") == markdown_plain(sample.text)


def test_markdown_breaks_mentions_references_and_links() -> None:
    out = escape.markdown("@octocat #12 GH-3 https://x.example www.x.example a@b.example")
    assert out == (
        "@\u2060octocat #\u206012 GH\u2060-3 https:\u2060//x.example www\u2060.x.example a@\u2060b.example"
    )
    assert escape.markdown("- 2023. Ny") == "&#45; 2023. Ny"
    assert escape.markdown("2023. Ny") == "2023&#46; Ny"


# -- GitHub workflow commands --------------------------------------------------------------------

# The runner's command names (actions/runner, ActionCommandManager); the ports below accept any name,
# which is stricter still.
_DATA_UNESCAPES = (("%0D", "\r"), ("%0A", "\n"), ("%25", "%"))
_PROPERTY_UNESCAPES = (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%"))


def _unescape(value: str, mappings: tuple[tuple[str, str], ...]) -> str:
    for escaped, char in mappings:
        value = value.replace(escaped, char)
    return value


def runner_command(line: str) -> tuple[str, dict[str, str], str] | None:
    """A port of the runner's ActionCommand.TryParseV2 (`::name k=v,k=v::data`), for any name."""
    message = line.lstrip()
    if not message.startswith("::"):
        return None
    end = message.find("::", 2)
    if end < 0:
        return None
    info = message[2:end]
    name, _, props = info.partition(" ")
    properties = {}
    for item in (p for p in props.strip().split(",") if p):
        pair = [part for part in item.split("=", 1) if part]
        if len(pair) == 2:
            properties[pair[0]] = _unescape(pair[1], _PROPERTY_UNESCAPES)
    return name, properties, _unescape(message[end + 2 :], _DATA_UNESCAPES)


def runner_legacy_command(line: str) -> str | None:
    """A port of the runner's ActionCommand.TryParse (`##[name k=v;]data` anywhere in a line)."""
    start = line.find("##[")
    if start < 0 or line.find("]", start) < 0:
        return None
    return line[start + 3 : line.find("]", start)].partition(" ")[0]


def toolkit_data(value: str) -> str:
    """@actions/core's escapeData (packages/core/src/command.ts)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def toolkit_property(value: str) -> str:
    """@actions/core's escapeProperty."""
    return toolkit_data(value).replace(":", "%3A").replace(",", "%2C")


@pytest.mark.parametrize("sample", params(HOSTILE + CLEAN))
def test_workflow_escaping_is_the_toolkits_after_revealing_controls(sample: Sample) -> None:
    shown = escape.reveal(sample.text, "\t\n\r")
    assert escape.workflow_data(sample.text) == toolkit_data(shown)
    assert escape.workflow_property(sample.text) == toolkit_property(shown)


@pytest.mark.parametrize("sample", params(HOSTILE))
def test_annotation_stays_one_command_with_its_own_properties(sample: Sample) -> None:
    prop, data = escape.workflow_property(sample.text), escape.workflow_data(sample.text)
    line = f"::error file={prop},title={prop},line=3::{data}"
    assert "\n" not in line and "\r" not in line
    shown = escape.reveal(sample.text, "\t\n\r")
    assert runner_command(line) == ("error", {"file": shown, "title": shown, "line": "3"}, shown)


@pytest.mark.parametrize("sample", params(HOSTILE))
def test_log_line_is_never_a_command(sample: Sample) -> None:
    out = escape.log_line(sample.text)
    assert unsafe(out, "\t") == [] and "\n" not in out and "\r" not in out
    for line in (out, f"0 errors, 0 warnings in 1 plan ({out}), 3 files checked"):
        assert runner_command(line) is None and runner_legacy_command(line) is None


def test_log_line_escapes_command_starts_as_the_toolkit_would() -> None:
    assert escape.log_line(" ::stop-commands::x") == " %3A:stop-commands::x"
    assert escape.log_line("a ##[error]b\n::c") == "a ##%5Berror]b\\n::c"


# -- Graphviz DOT --------------------------------------------------------------------------------


def dot_plain(text: str, newline: str = " ") -> str:
    return escape.reveal(text, "\t\n\r").replace("\t", " ").replace("\r", " ").replace("\n", newline)


@pytest.mark.parametrize("sample", params(HOSTILE))
def test_dot_html_is_plain_text_of_a_label(sample: Sample) -> None:
    out = escape.dot_html(sample.text)
    assert not set("<>\"'\n\r") & set(out) and unsafe(out) == []
    cell = ET.fromstring(f"<TD>{out}</TD>")  # Graphviz reads HTML-like labels as XML
    assert len(cell) == 0 and (cell.text or "") == dot_plain(sample.text)


_DOT_QUOTED = re.compile(r'"(?:[^"\\\n\r]|\\.)*"')


def dot_unquote(token: str) -> str:
    """A double-quoted DOT string's value as Graphviz's scanner reads it: only `\\"` is an escape."""
    return re.sub(r'\\(["\\])', lambda m: '"' if m.group(1) == '"' else "\\\\", token[1:-1])


def escstring_value(value: str) -> str:
    """An escString as Graphviz shows it, for values that hold only `\\\\` and `\\n` escapes."""
    assert re.fullmatch(r"(?:[^\\]|\\[\\n])*", value), "no \\N, \\G, \\l or other expansion"
    return html.unescape(re.sub(r"\\([\\n])", lambda m: "\\" if m.group(1) == "\\" else "\n", value))


@pytest.mark.parametrize("sample", params(HOSTILE))
def test_dot_string_is_one_quoted_string_that_expands_nothing(sample: Sample) -> None:
    token = escape.dot_string(sample.text)
    assert _DOT_QUOTED.fullmatch(token) and unsafe(token) == []
    assert re.search(r"&(?!amp;)", token) is None, "Graphviz would decode an entity"
    assert escstring_value(dot_unquote(token)) == dot_plain(sample.text, newline="\n")


@pytest.mark.parametrize("sample", params(HOSTILE))
def test_graphviz_package_quotes_nohtml_escstring_as_dot_string(sample: Sample) -> None:
    inner = escape.dot_escstring(sample.text)
    quoted = quote(nohtml(inner))
    assert quoted == escape.dot_string(sample.text) or (quoted == inner and re.fullmatch(r"\w+", inner))


SVG, XLINK = "{http://www.w3.org/2000/svg}", "{http://www.w3.org/1999/xlink}"


def test_hostile_labels_render_to_well_formed_svg_without_links() -> None:
    program = render.bundled_executable()
    assert program is not None, "graphviz-pure is a dependency; reinstall with `make test`"
    lines = ["digraph {"]
    for i, sample in enumerate(SHORT):
        label = escape.dot_html(sample.text)
        lines.append(f"n{i} [label=<{label}> tooltip={escape.dot_string(sample.text)}];")
        lines.append(f"t{i} [label={escape.dot_string(sample.text)}];")
    svg = render.render("\n".join([*lines, "}"]), "svg", 2 * len(SHORT), render.Renderer(program, "bundled"))
    root = ET.fromstring(svg)
    nodes = [g for g in root.iter(f"{SVG}g") if g.get("class") == "node"]
    assert len(nodes) == 2 * len(SHORT)
    assert not [el.attrib for el in root.iter() if any(k.endswith("href") for k in el.attrib)]
    titles = [a.get(f"{XLINK}title", "") for a in root.iter(f"{SVG}a")]
    # graphviz-pure 0.2.2 expands \N, \G and \L even after "\\" (dot does not): text either way, but
    # only tooltips without a backslash read back exactly. Runs of spaces come back as no-break spaces.
    shown = {i: t.replace("\xa0", " ") for i, t in enumerate(titles) if "\\" not in SHORT[i].text}
    assert shown == {i: dot_plain(SHORT[i].text, newline="\n").replace("\xa0", " ") for i in shown}


# -- Mermaid -------------------------------------------------------------------------------------

_MM_ENTITIES = {"quot": '"', "lt": "<", "gt": ">", "amp": "&"}
_MM_ENTITY = re.compile(r"#(quot|lt|gt|amp|[0-9]+);")


def mermaid_decode(out: str) -> str:
    return _MM_ENTITY.sub(lambda m: _MM_ENTITIES.get(m.group(1)) or chr(int(m.group(1))), out)


@pytest.mark.parametrize("sample", params(HOSTILE))
def test_mermaid_label_cannot_be_left(sample: Sample) -> None:
    out = escape.mermaid(sample.text)
    assert not set('"[](){}<>|`%&\n\r\t\ufb02\xb6') & set(out) and unsafe(out) == []
    assert "#" not in _MM_ENTITY.sub("", out), "every # starts a whole entity code"
    assert re.fullmatch(r'  m_a\["[^"]*"\]:::done', f'  m_a["{out}"]:::done')
    assert mermaid_decode(out) == dot_plain(sample.text)


# -- CSV -----------------------------------------------------------------------------------------

_FORMULA = frozenset("=+-@\t\r＝＋－＠")


@pytest.mark.parametrize("sample", params(HOSTILE))
def test_csv_cell_reads_back_as_text(sample: Sample) -> None:
    cell = escape.csv_cell(sample.text)
    shown = escape.reveal(sample.text.replace("\r\n", "\n").replace("\r", "\n"), "\t\n")
    assert unsafe(cell, "\t\n") == [] and "\r" not in cell
    starts_formula = shown[:1] in _FORMULA or shown.lstrip()[:1] in _FORMULA
    assert cell == ("'" + shown if starts_formula else shown)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([cell, "next"])
    limit = csv.field_size_limit(max(csv.field_size_limit(), 2 * len(cell) + 2))  # the long samples
    try:
        assert list(csv.reader(io.StringIO(buffer.getvalue(), newline=""))) == [[cell, "next"]]
    finally:
        csv.field_size_limit(limit)


@pytest.mark.parametrize("sample", params([s for s in HOSTILE if s.category == "csv"]))
def test_csv_formulas_get_a_quote(sample: Sample) -> None:
    expected = sample.id == "csv-quotes-commas"
    assert escape.csv_cell(sample.text).startswith("'") is not expected


# -- HTML ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", params(HOSTILE))
def test_html_text_and_attributes_stay_inside(sample: Sample) -> None:
    text, attr = escape.html_text(sample.text), escape.html_attr(sample.text)
    assert not set("<>\"'") & (set(text) | set(attr)) and not set("\t\n\r") & set(attr)
    assert unsafe(text, "\t\n") == [] and unsafe(attr) == []
    page = Collected(f"<p title=\"{attr}\" data-x='{attr}'>{text}</p>")
    shown = escape.reveal(sample.text, "\t\n\r")
    assert page.tags == [("p", [("title", shown), ("data-x", shown)])] and page.other == []
    assert page.text.get("p", "") == escape.reveal(sample.text, "\t\n")


# -- JSON ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", params(HOSTILE))
def test_json_text_keeps_the_data_and_nothing_raw(sample: Sample) -> None:
    document = {"title": sample.text, sample.text[:50]: [sample.text[:10]]}
    out = escape.json_text(json.dumps(document, ensure_ascii=False, indent=2))
    assert unsafe(out, "\n") == [] and json.loads(out) == document
    out.encode("utf-8")  # a lone surrogate would fail here


# -- CSS -----------------------------------------------------------------------------------------

_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6}) ?|(.))", re.DOTALL)


def css_unquote(literal: str) -> str:
    """A CSS string token read back as CSS Syntax (4.3.5) reads it: hex escapes and escaped characters."""
    assert literal[:1] == literal[-1:] == '"' and len(literal) >= 2
    return _CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), literal[1:-1])


@pytest.mark.parametrize("sample", params(HOSTILE))
def test_css_string_stays_one_string_inside_its_style_element(sample: Sample) -> None:
    literal = escape.css_string(sample.text)
    # No quote or line break ends the string; no `<`, `>` or `&` can make `</style>` or `<!--`.
    assert not set("\"'<>&\n\r\f") & set(literal[1:-1])
    assert unsafe(literal) == []
    assert css_unquote(literal) == escape.reveal(sample.text)


def test_css_string_escapes_what_would_close_the_style_element() -> None:
    assert escape.css_string('</style><script>"\\') == '"\\3c /style\\3e \\3c script\\3e \\22 \\5c "'


# -- clean text and letters ----------------------------------------------------------------------

UNCHANGING: dict[str, Callable[[str], str]] = {
    "terminal": escape.terminal, "terminal_line": escape.terminal_line, "markdown": escape.markdown,
    "workflow_data": escape.workflow_data, "workflow_property": escape.workflow_property,
    "log_line": escape.log_line, "dot_html": escape.dot_html, "dot_escstring": escape.dot_escstring,
    "mermaid": escape.mermaid, "csv_cell": escape.csv_cell, "html_text": escape.html_text,
    "html_attr": escape.html_attr, "json_text": escape.json_text,
}  # fmt: skip


@pytest.mark.parametrize("sample", params(CLEAN))
def test_clean_swedish_text_passes_unchanged(sample: Sample) -> None:
    changed = {name: fn(sample.text) for name, fn in UNCHANGING.items() if fn(sample.text) != sample.text}
    assert changed == {}
    assert escape.dot_string(sample.text) == f'"{sample.text}"'
    assert escape.markdown_code(sample.text) == f"<code>{sample.text}</code>"
    assert escape.css_string(sample.text) == f'"{sample.text}"'


@pytest.mark.parametrize("sample", params(SHORT))
def test_words_survive_every_escape(sample: Sample) -> None:
    words = [w for w in re.findall(r"[A-Za-zåäöÅÄÖ]+", sample.text) if len(w) >= 3]
    for name, fn in UNCHANGING.items():
        out = fn(sample.text)
        assert [w for w in words if w not in out] == [], name


# -- size limits ---------------------------------------------------------------------------------

# Each language with a check that a half-cut escape or entity would fail.


def check_terminal(out: str) -> None:
    assert unsafe(out) == []
    assert re.search(r"\\(?:x(?![0-9a-f]{2})|u(?![0-9a-f]{4})|U(?![0-9a-f]{8}))", out) is None


def check_markdown_code(out: str) -> None:
    assert out.startswith("<code>") and out.endswith("</code>")
    assert_literal_markdown(out.removeprefix("<code>").removesuffix("</code>"))


def check_dot_html(out: str) -> None:
    ET.fromstring(f"<TD>{out}</TD>")


def check_dot_string(out: str) -> None:
    assert _DOT_QUOTED.fullmatch(out) and re.search(r"&(?!amp;)", out) is None
    escstring_value(dot_unquote(out))


def check_mermaid(out: str) -> None:
    assert "#" not in _MM_ENTITY.sub("", out)


def check_html_text(out: str) -> None:
    assert re.search(r"&(?!(?:amp|lt|gt|quot|#39);)", out) is None


def check_workflow_data(out: str) -> None:
    assert re.search(r"%(?!25|0D|0A)", out) is None and not set("\r\n") & set(out)


def check_csv_cell(out: str) -> None:
    assert out[:1] == "'" or (out[:1] not in _FORMULA and out.lstrip()[:1] not in _FORMULA)


FITTING: dict[str, tuple[Callable[[str], str], Callable[[str], None]]] = {
    "markdown": (escape.markdown, assert_literal_markdown),
    "markdown_code": (escape.markdown_code, check_markdown_code),
    "terminal": (escape.terminal_line, check_terminal),
    "dot_html": (escape.dot_html, check_dot_html),
    "dot_string": (escape.dot_string, check_dot_string),
    "mermaid": (escape.mermaid, check_mermaid),
    "html_text": (escape.html_text, check_html_text),
    "workflow_data": (escape.workflow_data, check_workflow_data),
    "csv_cell": (escape.csv_cell, check_csv_cell),
}


@pytest.mark.parametrize("limit", [40, 1000])
@pytest.mark.parametrize("sample", params(HOSTILE))
def test_fit_holds_the_limit_without_cutting_an_escape(sample: Sample, limit: int) -> None:
    for name, (fn, check) in FITTING.items():
        out = escape.fit(sample.text, limit, fn, size=escape.utf16_len)
        assert escape.utf16_len(out) <= limit, name
        check(out)
        whole = fn(sample.text)
        if escape.utf16_len(whole) <= limit:
            assert out == whole, name
        else:
            assert out.count(escape.ELLIPSIS) == whole.count(escape.ELLIPSIS) + 1, name


def test_fit_uses_the_room() -> None:
    out = escape.fit("<" * 100_000, 1000, escape.markdown)
    assert out == "&lt;" * 249 + "…"
    assert len(escape.fit("😀" * 1000, 101, escape.terminal, size=escape.utf16_len)) == 51
    assert escape.fit("kort", 10, escape.markdown) == "kort"


def test_fit_does_not_part_a_letter_from_its_marks() -> None:
    assert escape.fit("a\u030a" * 1000, 102, escape.terminal) == "a\u030a" * 50 + "…"
    assert escape.fit("👩\u200d💻" * 100, 5, escape.terminal) == "👩\u200d💻…"


def test_fit_refuses_a_limit_that_cannot_hold_the_ellipsis() -> None:
    with pytest.raises(ValueError, match="cannot hold"):
        escape.fit("x" * 100, 10, escape.markdown_code)


def test_twenty_cut_area_names_stay_within_their_share() -> None:
    # Issue #10: names were cut before escaping, which grew them 4-5 times past GitHub's limit.
    names = [escape.fit("<" * 100, 300, escape.markdown) for _ in range(20)]
    assert sum(escape.utf16_len(n) for n in names) <= 20 * 300


def test_import_is_light() -> None:
    import subprocess
    import sys

    code = "import sys, fhsplan.escape; print(sorted(m for m in sys.modules if m.split('.')[0] in {'rich', 'pydantic', 'yaml', 'typer', 'graphviz', 'html'}))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_fit_of_a_long_text_escapes_a_prefix_not_the_whole() -> None:
    # A diff with 100k-character cells took 45 s when every fit escaped the whole text first.
    escaped: list[int] = []

    def counting(text: str) -> str:
        escaped.append(len(text))
        return escape.markdown(text)

    out = escape.fit("\u202e" * 100_000, 1000, counting, size=escape.utf16_len)
    assert escape.utf16_len(out) <= 1000 and out.endswith(escape.ELLIPSIS)
    assert max(escaped) < 5_000 and sum(escaped) < 40_000
    assert escape.fit("\n" * 100_000 + "kort", 1000, escape.markdown) == "kort"  # white space folds away


@given(st.text(alphabet=st.characters(codec=None), max_size=12))
def test_find_forbidden_finds_what_the_whole_class_finds(text: str) -> None:
    # The fast path (no character beyond U+FFFF) must find the same first character, or none.
    from fhsplan.escape import FORBIDDEN, find_forbidden

    found, whole = find_forbidden(text), FORBIDDEN.search(text)
    assert (found.start() if found else None) == (whole.start() if whole else None)
