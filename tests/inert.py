"""Checks that a writer's whole output is inert in its language (issue #10), one function per language.

Each reads the output as a reader of that language would (a terminal, markdown-it, a DOT scanner,
ElementTree, html.parser, csv, a port of the Actions runner's command parser) and fails with what
broke out. The end-to-end tests and the writers' own tests share them.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from typing import Any

from fhsplan.escape import WORD_JOINER
from test_escape import Collected, rendered, runner_command, runner_legacy_command, unsafe


def terminal_inert(out: str) -> None:
    """Text for a terminal (colour off): no control, bidi or invisible character, no ESC at all."""
    assert unsafe(out, "\n") == [], "a character a terminal would act on"
    assert "\x1b" not in out and "\r" not in out


def json_inert(out: str) -> Any:
    """One JSON document with nothing a terminal would act on; returns the data read back."""
    assert unsafe(out, "\n") == []
    out.encode("utf-8")  # no lone surrogate
    return json.loads(out)


def github_commands(out: str, findings: int) -> None:
    """`validate --format github`: one annotation per finding within GitHub's caps (10 errors, 10
    warnings), the rest as plain lines in one group, then lines that are no command."""
    assert "\r" not in out and out.endswith("\n")
    lines = out[:-1].split("\n")
    commands = [runner_command(line) for line in lines]
    annotations = [c for c in commands if c is not None and c[0] in ("error", "warning")]
    for parsed in annotations:
        assert set(parsed[1]) == {"file", "line", "col", "title"}
    assert sum(1 for c in annotations if c[0] == "error") <= 10
    assert sum(1 for c in annotations if c[0] == "warning") <= 10
    groups = [i for i, c in enumerate(commands) if c is not None and c[0] == "group"]
    listed = 0
    if groups:
        [start] = groups
        end = next(i for i, c in enumerate(commands) if c is not None and c[0] == "endgroup")
        listed = end - start - 1
        assert all(commands[i] is None for i in range(start + 1, end))
        plain = lines[end + 1 :]
    else:
        plain = lines[len(annotations) :]
    assert len(annotations) + listed == findings
    assert plain and all(
        runner_command(line) is None and runner_legacy_command(line) is None for line in plain
    )
    assert unsafe(out, "\n\t") == []


# What fhsplan's own Markdown makes; plan text adds nothing to it: no link, image, list or block.
MARKDOWN_TAGS = frozenset(
    [
        "h1",
        "h2",
        "h3",
        "h4",
        "p",
        "strong",
        "em",
        "code",
        "sub",
        "sup",
        "b",
        "br",
        "details",
        "summary",
        "blockquote",
        "ul",
        "ol",
        "li",
        "hr",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "pre",  # the picture: a ```mermaid block, checked as Mermaid below
    ]
)
MARKDOWN_ATTRIBUTES = frozenset(
    {
        ("open", None),
        ("style", "text-align:center"),
        ("style", "text-align:right"),
        ("class", "language-mermaid"),
    }
)


def markdown_inert(out: str, tags: frozenset[str] = MARKDOWN_TAGS) -> Collected:
    """Markdown as GitHub renders it: only the writer's own tags, nobody mentioned, nothing linked."""
    assert unsafe(out, "\n" + WORD_JOINER) == []
    page = rendered(out)
    used = {tag for tag, _ in page.tags}
    assert used <= tags, f"plan text made {sorted(used - tags)}"
    assert {a for _, attrs in page.tags for a in attrs} <= MARKDOWN_ATTRIBUTES
    assert page.other == [], "no comment, declaration or processing instruction"
    assert re.search(f"@(?!{WORD_JOINER})", out) is None, "nobody is mentioned"
    assert re.search(r"(?:https?|javascript):(?!\u2060)//", out, re.IGNORECASE) is None, "no autolink"
    for block in re.findall(r"^```mermaid\n(.*?)^```$", out, re.M | re.S):
        mermaid_inert(block)
    assert out.count("```") == 2 * len(re.findall(r"^```mermaid$", out, re.M)), "no other code fence"
    return page


def table_rows(out: str, cells: int) -> None:
    """Every row of every pipe table keeps its header's cells (`cells` in a milestone table, 3 in
    the table of changes to the plan itself): no pipe or line break of plan text adds one."""
    header: int | None = None
    for line in out.splitlines():
        if not line.startswith("|"):
            header = None
        elif line.startswith(("| ---", "|:-", "|---")):
            continue
        elif header is None:
            header = line.count(" | ") + 1
            assert header in (cells, 3), line[:200]
        else:
            assert line.count(" | ") == header - 1, line[:200]


_DOT_TOKEN = re.compile(
    r'"(?:[^"\\]|\\.)*"'  # a quoted string
    r"|//[^\n]*|/\*.*?\*/"  # comments
    r"|->|[\[\]{};,=]"  # punctuation
    r"|[A-Za-z_\x80-\uffff][A-Za-z_0-9\x80-\uffff]*|-?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)"  # IDs, numerals
    r"|<|\s+",
    re.DOTALL,
)

# The attributes fhsplan's DOT sets; an injected one (URL, href, target, …) is a breakout.
DOT_ATTRIBUTES = frozenset(
    [
        "label",
        "tooltip",
        "id",
        "class",
        "fillcolor",
        "color",
        "style",
        "shape",
        "fontsize",
        "fontname",
        "width",
        "height",
        "fixedsize",
        "pos",
        "margin",
        "rankdir",
        "labelloc",
        "labeljust",
        "nodesep",
        "ranksep",
        "bgcolor",
        "splines",
        "outputorder",
        "penwidth",
        "arrowsize",
        "comment",
        "href",  # only ever `#row-SLUG`, a link within the report (checked below)
    ]
)


def _html_string(source: str, start: int) -> int:
    """The end of the HTML string `<...>` that starts at `start`: angle brackets nest."""
    depth, index = 0, start
    while True:
        char = source[index]
        depth += (char == "<") - (char == ">")
        index += 1
        if depth == 0:
            return index


def dot_inert(source: str) -> list[tuple[str, str]]:
    """DOT as Graphviz scans it: one graph, only fhsplan's attributes, every string below 16,384
    characters; returns the (attribute, value) pairs."""
    tokens: list[str] = []
    index = 0
    while index < len(source):
        if source[index] == "<":
            end = _html_string(source, index)
            tokens.append(source[index:end])
            index = end
            continue
        match = _DOT_TOKEN.match(source, index)
        assert match is not None, f"not DOT at {index}: {source[index : index + 80]!r}"
        if not match.group().isspace() and not match.group().startswith(("//", "/*")):
            tokens.append(match.group())
        index = match.end()
    assert tokens[:1] == ["digraph"] and tokens.count("digraph") == 1 and tokens[-1] == "}"
    assert tokens.count("{") == tokens.count("}") == 1, "one graph, no subgraph of the plan's making"
    pairs = [(tokens[i - 1], tokens[i + 1]) for i, token in enumerate(tokens) if token == "="]
    assert {key for key, _ in pairs} <= DOT_ATTRIBUTES, {key for key, _ in pairs} - DOT_ATTRIBUTES
    assert max(len(value) for _, value in pairs) < 16_384, "Graphviz refuses longer strings"
    for key, value in pairs:
        if value.startswith("<"):
            assert key == "label", f"{key} is an HTML label"
            ET.fromstring(f"<x>{value[1:-1]}</x>")  # Graphviz reads HTML-like labels as XML
        if key == "href":
            assert re.fullmatch(r'"#row-[a-z0-9]+(?:-[a-z0-9]+)*"', value), value
    return pairs


SVG = "{http://www.w3.org/2000/svg}"


def svg_inert(svg: bytes | str) -> ET.Element:
    """SVG a browser can open: well-formed, no script, no event handler, no link out of the page
    (a milestone links to its row in the report, `#row-SLUG`)."""
    root = ET.fromstring(svg)
    for element in root.iter():
        assert not element.tag.endswith(("script", "foreignObject")), element.tag
        for key, value in element.attrib.items():
            assert not key.lower().startswith("on"), (key, value[:80])
            if key.endswith("href"):
                assert re.fullmatch(r"#row-[a-z0-9]+(?:-[a-z0-9]+)*", value), (key, value[:80])
    return root


def html_inert(document: str) -> Collected:
    """The report's HTML: no script, no event handler, links only within the page."""
    page = Collected(document)
    for tag, attrs in page.tags:
        assert tag not in ("script", "iframe", "object", "embed", "foreignobject"), tag
        for key, value in attrs:
            assert not key.startswith("on"), (tag, key)
            if key in ("href", "xlink:href", "src"):
                assert (value or "").startswith("#"), (tag, key, value)
    return page


_MERMAID_LINE = re.compile(
    r"flowchart LR"
    r'|  subgraph m_[a-z0-9_]+\["[^"\n]*"\]'
    r'|(?:  |    )m_[a-z0-9_]+\["[^"\n]*"\]:::[a-z]+'
    r"|  end"
    r"|  m_[a-z0-9_]+ (?:-->|-\.->|-\. still named \.->) m_[a-z0-9_]+"
    r"|  classDef [a-z]+ fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6},color:#000000(?:,stroke-dasharray:4 3)?"
    # A diff's picture: changed milestones framed, arrows a removed prerequisite leaves in red.
    r"|  class m_[a-z0-9_]+(?:,m_[a-z0-9_]+)* focus"
    r"|  classDef focus stroke-width:3px"
    r"|  linkStyle [0-9]+(?:,[0-9]+)* stroke:#c0392b,stroke-width:2px"
)
# Inside a label, only fhsplan's own markup: line breaks, small type, strike-through.
_MERMAID_MARKUP = re.compile(r"</?(?:br/|small|s)>")


def mermaid_inert(source: str) -> None:
    """Every line is one of the statements fhsplan writes; labels hold no quote, tag or `%%`."""
    assert unsafe(source, "\n") == []
    for line in source.rstrip("\n").split("\n"):
        assert _MERMAID_LINE.fullmatch(line), line[:200]
        label = line.partition('["')[2].rpartition('"]')[0]
        assert not set("<>`%") & set(_MERMAID_MARKUP.sub("", label)), label[:200]


_FORMULA = tuple("=+-@\t\r＝＋－＠")


def csv_inert(text: str, rows: int, columns: int) -> list[list[str]]:
    """CSV a spreadsheet opens as text: the right shape, no cell that would run as a formula."""
    limit = csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    try:
        read = list(csv.reader(io.StringIO(text, newline="")))
    finally:
        csv.field_size_limit(limit)
    assert len(read) == rows + 1 and {len(r) for r in read} == {columns}
    # A spreadsheet runs a cell whose first character, or first after white space it trims, starts
    # a formula (TAB and CR count at the very start).
    assert [
        c[:40] for r in read for c in r if c.startswith(_FORMULA) or c.lstrip().startswith(_FORMULA)
    ] == []
    assert unsafe(text, "\t\n\r") == [] and "\r" not in text.replace("\r\n", "")
    return read
