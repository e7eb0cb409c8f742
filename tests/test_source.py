"""The hardened loader: values, positions, YAML 1.2 resolution, and hostile input."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from fhsplan.source import MAX_ALIASES, MAX_BYTES, load_bytes, load_for_edit, load_text, locate, resolve_plain


def codes(text: str) -> list[tuple[str, int, int]]:
    return [(f.code, f.pos.line, f.pos.col) for f in load_text(text, "f.yaml").findings]


@pytest.mark.parametrize(
    ("plain", "value"),
    [
        pytest.param("no", "no", id="no-stays-text"),
        pytest.param("yes", "yes", id="yes-stays-text"),
        pytest.param("on", "on", id="on-stays-text"),
        pytest.param("true", True, id="true"),
        pytest.param("False", False, id="False"),
        pytest.param("~", None, id="tilde-null"),
        pytest.param("", None, id="empty-null"),
        pytest.param("2024", 2024, id="int"),
        pytest.param("-7", -7, id="negative-int"),
        pytest.param("0o17", 15, id="octal-1.2"),
        pytest.param("0777", 777, id="leading-zero-is-decimal"),
        pytest.param("0x1F", 31, id="hex"),
        pytest.param("1.5", 1.5, id="float"),
        pytest.param("2024-01-01", "2024-01-01", id="date-stays-text"),
        pytest.param("1_000", "1_000", id="underscore-stays-text"),
        pytest.param("1:30", "1:30", id="sexagesimal-stays-text"),
        pytest.param("2023-26", "2023-26", id="span-text"),
        pytest.param("9" * 5000, "9" * 5000, id="huge-int-stays-text"),
    ],
)
def test_plain_scalars_follow_yaml_1_2_core(plain: str, value: object) -> None:
    assert resolve_plain(plain) == value


def test_quoted_scalars_are_text() -> None:
    doc = load_text("a: '2024'\nb: \"true\"\n", "f.yaml")
    assert doc.value == {"a": "2024", "b": "true"}


def test_positions_of_nested_values() -> None:
    doc = load_text("id: a\nmilestones:\n  - id: m\n    due: 2024\n  - {id: n, due: 2025}\n", "f.yaml")
    assert doc.ok
    assert locate(doc.positions, ("milestones", 0, "due")) == (4, 10)
    assert locate(doc.positions, ("milestones", 1, "due")) == (5, 18)
    assert locate(doc.positions, ("milestones", 1, "due"), key=True) == (5, 13)
    # A missing field falls back to its nearest existing ancestor, never to nothing.
    assert locate(doc.positions, ("milestones", 1, "title")) == (5, 5)
    assert locate(doc.positions, ("nothing", 3)) == (1, 1)


def test_duplicate_key_names_both_lines() -> None:
    doc = load_text("a: 1\nb: 2\na: 3\n", "f.yaml")
    (finding,) = doc.findings
    assert (finding.code, finding.pos.line, finding.pos.col) == ("FHS101", 3, 1)
    assert "line 1" in finding.message
    assert finding.related[0].line == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a: !!python/object/apply:os.system [ls]\n", [("FHS102", 1, 4)], id="python-tag"),
        pytest.param("a: !!binary aGVsbG8=\n", [("FHS102", 1, 4)], id="binary-tag"),
        pytest.param("a: !!timestamp x\n", [("FHS102", 1, 4)], id="bad-timestamp-tag"),
        pytest.param("a: !!str 2024\n", [("FHS102", 1, 4)], id="str-tag"),
        pytest.param("a: !local {}\n", [("FHS102", 1, 4)], id="local-tag"),
        pytest.param("<<: {a: 1}\n", [("FHS102", 1, 1)], id="merge-key"),
        pytest.param("a: 1\n---\nb: 2\n", [("FHS102", 2, 1)], id="two-documents"),
        pytest.param("? [a, b]\n: c\n", [("FHS102", 1, 3)], id="complex-key"),
        pytest.param("a: &a [*a]\n", [("FHS102", 1, 4)], id="recursive-alias"),
        pytest.param("a: [1, 2\n", [("FHS100", 2, 1)], id="unclosed-flow"),
        pytest.param("a: *missing\n", [("FHS100", 1, 4)], id="undefined-alias"),
        pytest.param("a:\n\t- b\n", [("FHS100", 2, 1)], id="tab-indent"),
        pytest.param("a: b\x07\n", [("FHS103", 1, 5)], id="bell-character"),
        pytest.param("a: b\u0085c\n", [("FHS103", 1, 5)], id="nel-line-break"),
    ],
)
def test_hostile_or_broken_yaml_is_a_located_finding(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert codes(text) == expected


def test_billion_laughs_stops_at_the_alias_limit() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    doc = load_text("\n".join(lines) + "\n", "f.yaml")
    assert [f.code for f in doc.findings] == ["FHS102"]
    assert f"more than {MAX_ALIASES} aliases" in doc.findings[0].message


def test_merge_bomb_is_refused_at_compose_time() -> None:
    text = "a: &a {x: 1, y: 2}\n" + "".join(
        f"b{i}: &b{i}\n  <<: [*{'a' if i == 0 else f'b{i - 1}'}]\n" for i in range(30)
    )
    assert [f.code for f in load_text(text, "f.yaml").findings] == ["FHS102"]


@pytest.mark.parametrize("opener", ["[", "{a: ", "- "])
def test_very_deep_nesting_is_refused_without_crashing(opener: str) -> None:
    # libyaml's own composer segfaults near 20k levels; the loader must stop long before.
    closer = {"[": "]", "{a: ": "}", "- ": ""}[opener]
    text = opener * 50_000 + "x" + closer * 50_000 + "\n"
    (finding,) = load_text(text, "f.yaml").findings
    assert finding.code in ("FHS102", "FHS100")


def test_invalid_utf8_is_located() -> None:
    doc = load_bytes("id: a\nname: Nära\n".encode("latin-1"), "f.yaml")
    (finding,) = doc.findings
    assert (finding.code, finding.pos.line, finding.pos.col) == ("FHS103", 2, 8)


def test_utf16_is_named() -> None:
    (finding,) = load_bytes("id: a\n".encode("utf-16"), "f.yaml").findings
    assert finding.code == "FHS103" and "UTF-16" in finding.message


def test_utf8_bom_is_accepted() -> None:
    assert load_bytes("\ufeffid: å\n".encode(), "f.yaml").value == {"id": "å"}


def test_empty_file_is_none() -> None:
    doc = load_text("# only a comment\n", "f.yaml")
    assert doc.ok and doc.value is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_loads_or_gives_located_findings(text: str) -> None:
    doc = load_text(text, "f.yaml")
    for finding in doc.findings:
        assert finding.pos.line >= 1 and finding.pos.col >= 1
        assert finding.code.startswith("FHS1")


_yamlish = st.lists(
    st.sampled_from(
        [
            "a:",
            " b:",
            "- ",
            "  - ",
            "[",
            "]",
            "{",
            "}",
            ",",
            ": ",
            "&x ",
            "*x",
            "!!str ",
            "? ",
            "'",
            '"',
            "\n",
            "  ",
            "2024",
            "no",
            "~",
            "#c",
            "---\n",
            "<<: ",
            "é",
            "\t",
            "|\n",
            "  x\n",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_yamlish)
def test_yaml_like_text_never_raises(text: str) -> None:
    doc = load_text(text, "f.yaml")
    assert doc.ok or all(f.pos.line >= 1 for f in doc.findings)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_load_or_give_located_findings(data: bytes) -> None:
    doc = load_bytes(data, "f.yaml")
    assert doc.ok or all(f.pos.line >= 1 and f.pos.col >= 1 for f in doc.findings)


def test_load_for_edit_gives_the_node_graph_with_marks_that_index_the_text() -> None:
    text = "# åäö\nid: ö😀\nmilestones: [{id: a, title: 'Ä'}]\r\nx: 1\n"
    doc, node = load_for_edit(text, "f.yaml")
    assert doc.ok and doc.value == {"id": "ö😀", "milestones": [{"id": "a", "title": "Ä"}], "x": 1}
    assert isinstance(node, yaml.MappingNode)
    spans = [text[v.start_mark.index : v.end_mark.index] for _, v in node.value]
    assert spans == ["ö😀", "[{id: a, title: 'Ä'}]", "1"]


@pytest.mark.parametrize("text", ["a: !!str x\n", "a: 1\na: 2\n", "<<: {a: 1}\n", "a: [\n", "a: \x1b\n"])
def test_load_for_edit_gives_no_node_where_the_loader_refuses(text: str) -> None:
    doc, node = load_for_edit(text, "f.yaml")
    assert (doc.ok, node) == (False, None)
    assert doc.findings == load_text(text, "f.yaml").findings


def test_aliased_values_are_placed_at_their_anchor_and_keys_at_themselves() -> None:
    doc = load_text("a: &e [x, {y: 1}]\nb:\n  c: *e\nd: [*e]\ns: &s t\nu: *s\n", "f.yaml")
    assert doc.value == {
        "a": ["x", {"y": 1}],
        "b": {"c": ["x", {"y": 1}]},
        "d": [["x", {"y": 1}]],
        "s": "t",
        "u": "t",
    }
    assert locate(doc.positions, ("b", "c")) == (1, 4)
    assert locate(doc.positions, ("b", "c"), key=True) == (3, 3)
    assert locate(doc.positions, ("b", "c", 1, "y")) == (1, 15)
    assert locate(doc.positions, ("d", 0)) == (1, 4)
    assert locate(doc.positions, ("u",)) == (5, 4)
    assert locate(doc.positions, ("u",), key=True) == (6, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a: &a [*a]\n", ("FHS102", 1, 4), id="alias-inside-its-anchor"),
        pytest.param("a: &a [[x], *a]\n", ("FHS102", 1, 8), id="alias-after-a-sibling"),
        pytest.param("a: &a [[*a]]\n", ("FHS102", 1, 8), id="alias-two-levels-down"),
        pytest.param("&k a: 1\n*k : 2\n", ("FHS101", 1, 1), id="alias-as-duplicate-key"),
        pytest.param("a: &m {b: 1}\n*m : 2\n", ("FHS102", 1, 4), id="alias-of-mapping-as-key"),
        pytest.param("a: &x 1\nb: &x 2\n", ("FHS100", 2, 4), id="anchor-defined-twice"),
        pytest.param("a: 1\na: 2\nb: [\n", ("FHS100", 4, 1), id="syntax-error-after-duplicate-named-first"),
        pytest.param("a: 1\na: 2\nb: *nothing\n", ("FHS100", 3, 4), id="undefined-alias-after-duplicate"),
        pytest.param("a: 1\na: 2\n---\nb: 3\n", ("FHS102", 3, 1), id="second-document-after-duplicate"),
        pytest.param("a: 1\na: 2\nb: !!str x\n", ("FHS102", 3, 4), id="tag-after-duplicate"),
    ],
)
def test_what_is_named_first(text: str, expected: tuple[str, int, int]) -> None:
    # One finding a file: syntax errors, tags and second documents come before the document's
    # shape (keys, aliases, depth), as when the file was parsed whole before it was judged.
    assert codes(text) == [expected]


def test_alias_expansion_counts_towards_the_depth_limit() -> None:
    # 15 levels aliased under 89 (at depth 90): the 11th level of the anchor reaches depth 100.
    deep = "[" * 15 + "x" + "]" * 15
    assert codes(f"a: &d {deep}\nb: {'[' * 89}*d{']' * 89}\n") == [("FHS102", 1, 17)]
    assert load_text(f"a: &d {deep}\nb: {'[' * 84}*d{']' * 84}\n", "f.yaml").ok


def test_non_specific_tag_is_plain_yaml() -> None:
    assert load_text("a: ! [x]\nb: ! 2024\n", "f.yaml").value == {"a": ["x"], "b": 2024}


def test_a_long_line_keeps_its_columns_and_the_lines_after_it() -> None:
    doc = load_text("a: [" + "1, " * 400_000 + "2]\nb: 3\n", "f.yaml")
    assert locate(doc.positions, ("a", 400_000)) == (1, 1_200_005)
    assert locate(doc.positions, ("b",)) == (2, 4)


def test_text_over_the_size_cap_is_refused() -> None:
    (finding,) = load_text(" " * (MAX_BYTES + 1), "f.yaml").findings
    assert finding.code == "FHS102" and "larger than" in finding.message
