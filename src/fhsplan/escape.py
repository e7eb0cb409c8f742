"""Plan text as output text: one function per output language, each closing that language's doors.

Plan text is untrusted: it arrives in pull requests (issue #10). Every writer turns it into output
through exactly one function here, picked by where the text lands:

    terminal (rich, stderr messages)      terminal, terminal_line
    GitHub Markdown (cells, headings, …)  markdown, markdown_code
    GitHub workflow commands, log lines   workflow_data, workflow_property, log_line
    Graphviz DOT                          dot_html, dot_escstring, dot_string
    Mermaid                               mermaid
    CSV opened in a spreadsheet           csv_cell
    HTML                                  html_text, html_attr
    JSON that may reach a terminal        json_text
    CSS (a string in a stylesheet)        css_string
    any of them, within a size            fit

A character no plan text may carry (`FORBIDDEN`), or one that is invisible (`INVISIBLE`), is never
written as it is: `reveal` shows it as the escape a YAML double-quoted string would use (`\\x1b`,
`\\u202e`, `\\U000e0041`), so the reader sees that something is there and can find it in the file.
Backslashes are not doubled: text that already reads `\\x1b` looks the same as a revealed ESC, which
can alarm a reader but never hide anything.

It needs only `re` and `functools`, since it sits on the hot path of every writer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

# Code points plan text may never carry, raw or decoded from a YAML escape: C0 controls except TAB,
# LF and CR (YAML's own whitespace), DEL and C1 (0x9B is an 8-bit CSI, 0x85 a YAML line break), the
# bidi controls that reorder what a reviewer reads (Trojan Source, CVE-2021-42574), the deprecated
# format controls, the line and paragraph separators YAML breaks lines at, a BOM inside text,
# interlinear annotations, lone surrogates (YAML's "\ud800" decodes to one; UTF-8 cannot encode it),
# non-characters, and the tag characters that smuggle invisible ASCII. The loader can search raw
# text and decoded scalars alike with it: TAB, LF and CR are left to each output language.
_FORBIDDEN_BMP_CLASS = (
    r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u206a-\u206f\u2028\u2029"
    r"\ud800-\udfff\ufdd0-\ufdef\ufeff\ufff9-\ufffb\ufffe\uffff"
)
_FORBIDDEN_CLASS = (
    _FORBIDDEN_BMP_CLASS
    + "".join(rf"\U{plane:04x}fffe\U{plane:04x}ffff" for plane in range(1, 17))
    + r"\U000e0000-\U000e007f"
)
FORBIDDEN = re.compile(f"[{_FORBIDDEN_CLASS}]")
_FORBIDDEN_BMP = re.compile(f"[{_FORBIDDEN_BMP_CLASS}]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def find_forbidden(text: str) -> re.Match[str] | None:
    """`FORBIDDEN.search(text)`, ten times faster on text with no character beyond U+FFFF (most
    plans): with the astral ranges in its class, re tests every character slowly (0.24 s against
    0.02 s over the 7.7 MB of a 10k-milestone plan)."""
    if _ASTRAL.search(text) is None:
        return _FORBIDDEN_BMP.search(text)
    return FORBIDDEN.search(text)


# Allowed in plan text but invisible, so writers show them: zero-width space, word joiner and the
# invisible math operators, the Mongolian vowel separator, Hangul fillers (blank "names"), shorthand
# and musical format controls, Egyptian hieroglyph format controls, and the variation selectors
# supplement (it can carry hidden bytes). Zero-width (non-)joiners, the soft hyphen and the emoji
# variation selectors stay: Swedish hyphenation and emoji need them.
_INVISIBLE_CLASS = (
    r"\u115f\u1160\u180e\u200b\u2060-\u2064\u3164\uffa0"
    r"\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0100-\U000e01ef"
)
INVISIBLE = re.compile(f"[{_INVISIBLE_CLASS}]")

# Inserted where GitHub would otherwise link or notify: after "@" (mentions, e-mail), after "#"
# (issue references, headings), inside "://", "www." and "GH-1". It is invisible in the rendered comment.
WORD_JOINER = "\u2060"
ELLIPSIS = "…"

_SHORT_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


@lru_cache(maxsize=1024)
def _shown_char(char: str) -> str:
    code = ord(char)
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _shown(match: re.Match[str]) -> str:
    return "".join(map(_shown_char, match.group()))


@lru_cache(maxsize=8)
def _revealer(keep: str) -> re.Pattern[str]:
    whitespace = "".join(re.escape(c) for c in "\t\n\r" if c not in keep)
    return re.compile(f"[{_FORBIDDEN_CLASS}{_INVISIBLE_CLASS}{whitespace}]+")


def reveal(text: str, keep: str = "") -> str:
    """Every forbidden or invisible character, and TAB, LF and CR unless in `keep`, as a visible escape.

    `keep` holds the white space the output language copes with itself; other characters in it
    make no difference.
    """
    return _revealer(keep).sub(_shown, text)


def terminal(text: str) -> str:
    """Text for a terminal: no control or bidi character reaches it (no CSI, OSC 52/8, cursor moves).

    Lines and tabs stay (descriptions have them); a bare CR is shown, since it would return the
    cursor and let the rest of the line overwrite what came before.
    """
    return reveal(text, "\t\n")


def terminal_line(text: str) -> str:
    """`terminal` for one line (a file name, a table title): line breaks and tabs are shown too."""
    return reveal(text)


_MARKDOWN = str.maketrans(
    {
        "&": "&amp;", "<": "&lt;", ">": "&gt;", "\\": "&#92;", "`": "&#96;", "*": "&#42;", "_": "&#95;",
        "[": "&#91;", "]": "&#93;", "|": "&#124;", "~": "&#126;", "$": "&#36;",
        "@": "@" + WORD_JOINER, "#": "#" + WORD_JOINER,
    }
)  # fmt: skip
_MARKDOWN_SPACE = re.compile(r"[ \t\n\r]+")
_MARKDOWN_LINKS = re.compile(r"(?<=:)(?=//)|(?<=\bwww)(?=\.)|(?<=\bgh)(?=-[0-9])", re.IGNORECASE)
# What would open a block when the text starts a list item: a bullet, a setext line, "2023." or "1)".
_MARKDOWN_LEAD = re.compile(r"\A(?:[-+=]|[0-9]{1,9}[.)])")
_LEAD_ENTITIES = {"-": "&#45;", "+": "&#43;", "=": "&#61;", ".": "&#46;", ")": "&#41;"}


def _lead(match: re.Match[str]) -> str:
    text = match.group()
    return text[:-1] + _LEAD_ENTITIES[text[-1]]


def markdown(text: str) -> str:
    """Literal GitHub Markdown for a table cell, heading, list item or the text of an HTML block.

    No markup, HTML, entity, table pipe, code span, math, line break or block start survives: each
    is written as a character reference, which CommonMark and HTML both show as the plain character.
    Mentions, issue references and autolinks get a word joiner, so nobody is pinged and no link
    appears (a repository's own custom autolink prefixes are not known here).
    """
    out = _MARKDOWN_SPACE.sub(" ", reveal(text, "\t\n\r")).strip(" ")
    out = _MARKDOWN_LINKS.sub(WORD_JOINER, out.translate(_MARKDOWN))
    return _MARKDOWN_LEAD.sub(_lead, out, count=1)


def markdown_code(text: str) -> str:
    """`markdown` in a `<code>` element: a code span that no backtick or pipe can end, in a cell too."""
    return f"<code>{markdown(text)}</code>"


def workflow_data(text: str) -> str:
    """A workflow command's message, escaped as @actions/core's escapeData: `%`, CR and LF.

    The runner splits its log into lines at CR and LF only, so the command cannot end early; other
    control characters are shown first, since the log viewer interprets ANSI sequences.
    """
    return reveal(text, "\t\n\r").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A workflow command's property value, as @actions/core's escapeProperty: also `:` and `,`."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")


_LEGACY_COMMAND = re.compile(r"##\[")


def log_line(text: str) -> str:
    """Text for a plain log line of a GitHub Actions job, which must not be read as a command.

    The runner takes a line as a command when it starts with `::` after leading white space, or
    when `##[` appears anywhere in it (the legacy form). Line breaks are shown, so no new line can
    start; the `::` and `##[` that would begin a command get one percent-escape, as the toolkit's.
    """
    line = _LEGACY_COMMAND.sub("##%5B", reveal(text, "\t"))
    start = len(line) - len(line.lstrip())
    if line.startswith("::", start):
        line = f"{line[:start]}%3A{line[start + 1 :]}"
    return line


_XML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_DOT_HTML = str.maketrans({**_XML, "\t": " ", "\n": " ", "\r": " "})


def dot_html(text: str) -> str:
    """Text inside a Graphviz HTML-like label (`<...>`): no tag, attribute or entity of its own.

    Line breaks become spaces (the label's own `<BR/>` breaks lines) and control characters are
    shown: Graphviz parses these labels as XML, which refuses them and fails the whole graph.
    """
    return reveal(text, "\t\n\r").translate(_DOT_HTML)


_DOT_ESCSTRING = str.maketrans({"\\": "\\\\", '"': '\\"', "&": "&amp;", "\n": "\\n", "\t": " ", "\r": " "})


def dot_escstring(text: str) -> str:
    """The inside of a double-quoted DOT string: no quote ends it, no `\\N`, `\\G`, `\\l` expands.

    Graphviz also decodes HTML entities in every string (`&#0;` would put a NUL into the SVG and
    break it), so `&` is written `&amp;`. A line break becomes Graphviz's own `\\n`. The `graphviz`
    package adds the quotes itself but takes any value shaped `<...>` for an HTML label: give it
    `graphviz.nohtml(dot_escstring(text))`.
    """
    return reveal(text, "\t\n\r").translate(_DOT_ESCSTRING)


def dot_string(text: str) -> str:
    """A whole double-quoted DOT string, for DOT written by hand: an ID or attribute value."""
    return f'"{dot_escstring(text)}"'


_MERMAID = str.maketrans(
    {
        "#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "%": "#37;",
        "[": "#91;", "]": "#93;", "(": "#40;", ")": "#41;", "{": "#123;", "}": "#125;",
        "|": "#124;", "`": "#96;", "\ufb02": "#64258;", "\xb6": "#182;",
        "\t": " ", "\n": " ", "\r": " ",
    }
)  # fmt: skip


def mermaid(text: str) -> str:
    """Text inside a double-quoted Mermaid label (`["..."]`), written with Mermaid's entity codes.

    No quote ends the label, no bracket ends the node, no line break starts a statement (`end`,
    `click`, `style`), no `%%{init}%%` directive is found, no HTML tag or Markdown string (backtick)
    opens. "ﬂ" and "¶" are escaped too: Mermaid's entity placeholders are built from them.
    """
    return reveal(text, "\t\n\r").translate(_MERMAID)


# OWASP "CSV injection": a spreadsheet runs a cell starting with these as a formula; the full-width
# forms are included because some spreadsheets fold them to ASCII.
_FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: a cell that could start a formula gets a leading `'`.

    White space before the formula character counts too, since importers may trim it. Line breaks
    stay (the csv module quotes the cell), CR becomes LF, other control characters are shown.
    """
    cell = reveal(text.replace("\r\n", "\n").replace("\r", "\n"), "\t\n")
    if cell[:1] in _FORMULA_START or cell.lstrip()[:1] in _FORMULA_START:
        return "'" + cell
    return cell


_HTML_TEXT = str.maketrans(_XML)
_HTML_ATTR = str.maketrans({**_XML, "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"})


def html_text(text: str) -> str:
    """Text content of an HTML element: no tag, entity or comment opens; control characters shown."""
    return reveal(text, "\t\n").translate(_HTML_TEXT)


def html_attr(text: str) -> str:
    """A quoted HTML attribute value (either quote): nothing ends it; line breaks as references."""
    return reveal(text, "\t\n\r").translate(_HTML_ATTR)


_JSON_UNSAFE = re.compile(f"[{_FORBIDDEN_CLASS}{_INVISIBLE_CLASS}]")


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_text(dumped: str) -> str:
    """`json.dumps(..., ensure_ascii=False)` output with forbidden and invisible characters as `\\u` escapes.

    The data stay the same; only what a terminal would act on (C1 controls such as U+009B, bidi
    controls) or could not encode (a lone surrogate) is written as an escape. json.dumps already
    escapes C0 controls inside strings, so the TAB and LF left are its own layout.
    """
    return _JSON_UNSAFE.sub(_json_escape, dumped)


# Inside a CSS string in a <style> element: the quotes and backslash would end or bend the string,
# and `<`, `>`, `&` would let `</style>` or `<!--` close the element around it (the HTML parser
# reads a style element's text raw, without CSS's escapes). Each is written as a hex escape, whose
# trailing space CSS consumes.
_CSS_STRING = str.maketrans({char: f"\\{ord(char):x} " for char in "\\\"'<>&"})


def css_string(text: str) -> str:
    """A whole double-quoted CSS string (`content: ...` of a print header): nothing ends it or the
    style element; line breaks and control characters are shown."""
    return '"' + reveal(text).translate(_CSS_STRING) + '"'


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, as GitHub and JavaScript count it: an emoji counts two."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


# A cut must not part a letter from its combining marks (å written as a + U+030A), a joiner from
# what it joins, or a character from its variation selector or skin tone.
_CLINGS = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u200c\u200d\ufe00-\ufe0f"
    "\U0001f3fb-\U0001f3ff\U000e0100-\U000e01ef]"
)


def fit(
    text: str,
    limit: int,
    escape: Callable[[str], str],
    *,
    size: Callable[[str], int] = len,
    ellipsis: str = ELLIPSIS,
) -> str:
    """`escape(text)` if its `size` is at most `limit`, else `escape` of the longest prefix plus `ellipsis`.

    The size is measured after escaping, and every candidate is escaped whole, so no escape or
    entity is ever cut in half. Raises ValueError when not even the ellipsis fits.

    Every escape function here writes a text at least as long as it writes any prefix of it (each
    character is escaped on its own; `markdown` only folds runs of white space), so a prefix that
    does not fit decides without escaping the rest: a 100k-character text cut to 1,000 costs a few
    short escapes, not one of 100k characters per call (issue #10: a diff of such rows took 45 s).
    """
    probe = 2 * limit + 64
    overflow = len(text) > probe and size(escape(text[:probe])) > limit
    if not overflow:
        whole = escape(text)
        if size(whole) <= limit:
            return whole

    def fits(length: int) -> bool:
        return size(escape(text[:length] + ellipsis)) <= limit

    if not fits(0):
        raise ValueError(f"a limit of {limit} cannot hold even {escape(ellipsis)!r}")
    # Gallop from the start, then halve: `low` always fits, nothing past `high` does.
    low, high, step = 0, (probe if overflow else len(text)) - 1, max(limit, 1)
    while low + step <= high:
        if not fits(low + step):
            high = low + step - 1
            break
        low, step = low + step, step * 2
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    while low > 0 and (_CLINGS.match(text, low) or text[low - 1] == "\u200d"):
        low -= 1
    return escape(text[:low] + ellipsis)
