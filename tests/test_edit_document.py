"""Splicing YAML text: only the lines an edit must change differ, whatever the file's style."""

from __future__ import annotations

import codecs
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from fhsplan.edit import Refused
from fhsplan.edit.document import At, YamlFile

ORDER = ("id", "title", "due", "status", "effects", "history", "followups", "source")
Edit = Callable[[YamlFile, At], None]


def edited(text: str, change: Edit, *, item: int | None = 0, data: bytes | None = None) -> str:
    """`text` after `change` on the root mapping or on item `item` of its `milestones`."""
    file = YamlFile(Path("f.yaml"), data if data is not None else text.encode(), "f.yaml")
    at = file.root
    if item is not None:
        milestones = file.get(at, "milestones")
        assert milestones is not None
        at = file.item(milestones, item)
    change(file, at)
    return file.result().decode("utf-8-sig")


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


BLOCK = dedent("""
    # head
    milestones:
      - id: a   # the first
        title: >-
          Long title
          folded

        due: 2024
        effects:
          - text: Effekt
        # about the source
        source: {document: d.pdf}

      - id: b
        title: B
""")


def test_a_scalar_is_replaced_in_its_span_and_its_comment_stays() -> None:
    after = edited(BLOCK, lambda f, m: f.put(m, "due", 2025, ORDER))
    assert after == BLOCK.replace("due: 2024", "due: 2025")


def test_a_folded_title_stays_a_folded_block_and_the_blank_line_after_it_stays() -> None:
    after = edited(BLOCK, lambda f, m: f.put(m, "title", "Ny: titel", ORDER))
    assert after == BLOCK.replace("Long title\n      folded\n", "Ny: titel\n")


def test_a_new_key_goes_after_the_key_before_it_in_the_order_and_before_the_comment() -> None:
    after = edited(BLOCK, lambda f, m: f.append(m, "history", {"kind": "added", "revision": 2024}, ORDER))
    assert after == BLOCK.replace(
        "      - text: Effekt\n",
        "      - text: Effekt\n    history:\n      - kind: added\n        revision: 2024\n",
    )


def test_a_new_key_of_the_last_pair_goes_before_the_blank_line() -> None:
    after = edited(BLOCK, lambda f, m: f.put(m, "status", "done", ORDER), item=1)
    assert after == BLOCK.replace("    title: B\n", "    title: B\n    status: done\n")


def test_two_new_keys_at_one_place_are_written_in_their_order() -> None:
    def change(f: YamlFile, m: At) -> None:
        f.append(m, "followups", {"revision": 2024, "status": "done"}, ORDER)
        f.append(m, "history", {"kind": "postponed", "revision": 2024, "from": 2023}, ORDER)

    after = edited(BLOCK, change, item=1)
    assert after.endswith(
        "    title: B\n    history:\n      - kind: postponed\n        revision: 2024\n        from: 2023\n"
        "    followups:\n      - revision: 2024\n        status: done\n"
    )


def test_an_item_is_appended_with_the_dash_prefix_and_style_of_the_last_one() -> None:
    text = dedent("""
        milestones:
          - id: a
            history:
            -   kind: added
                revision: 2023
            effects: []
    """)
    after = edited(text, lambda f, m: f.append(m, "history", {"kind": "postponed", "revision": 2024}, ORDER))
    assert after == text.replace(
        "        revision: 2023\n",
        "        revision: 2023\n    -   kind: postponed\n        revision: 2024\n",
    )


def test_flow_items_stay_flow_and_a_new_sequence_borrows_the_files_style() -> None:
    text = dedent("""
        milestones:
          - id: a
            history:
                - {kind: added, revision: 2023}
          - id: b
    """)

    def change(f: YamlFile, m: At) -> None:
        f.append(
            m, "history", {"kind": "postponed", "revision": 2024, "from": {"start": 2023, "end": 2024}}, ORDER
        )

    assert edited(text, change) == text.replace(
        "revision: 2023}\n",
        "revision: 2023}\n        - {kind: postponed, revision: 2024, from: {start: 2023, end: 2024}}\n",
    )
    assert edited(text, lambda f, m: f.append(m, "followups", {"status": "done"}, ORDER), item=1) == (
        text + "    followups:\n        - {status: done}\n"
    )


def test_a_flow_mapping_gets_its_new_key_in_place_and_its_value_in_flow_style() -> None:
    text = "milestones:\n  - {id: a, title: 'A: b', due: 2022, effects: [{text: x}]}  # end\n"

    def change(f: YamlFile, m: At) -> None:
        f.put(m, "title", "A's, new", ORDER)
        f.put(m, "due", {"start": 2023, "end": 2024}, ORDER)
        f.append(m, "followups", {"revision": 2024, "comment": "a, b"}, ORDER)

    assert edited(text, change) == (
        "milestones:\n  - {id: a, title: 'A''s, new', due: {start: 2023, end: 2024}, effects: [{text: x}], "
        'followups: [{revision: 2024, comment: "a, b"}]}  # end\n'
    )


def test_flow_sequences_get_items_before_the_bracket() -> None:
    text = "milestones:\n  - id: a\n    history: [{kind: added, revision: 2023}]\n    followups: []\n"

    def change(f: YamlFile, m: At) -> None:
        f.append(m, "history", {"kind": "removed", "revision": 2024}, ORDER)
        f.append(m, "followups", {"status": "cancelled"}, ORDER)
        f.append(m, "followups", {"status": "done"}, ORDER)

    assert edited(text, change) == (
        "milestones:\n  - id: a\n    history: [{kind: added, revision: 2023}, {kind: removed, revision: 2024}]\n"
        "    followups: [{status: cancelled}, {status: done}]\n"
    )


def test_a_block_span_keeps_its_layout_and_a_scalar_can_replace_it() -> None:
    text = "milestones:\n  - id: a\n    due:\n      start: 2023\n      end: 2025\n    status: done\n"

    def span(f: YamlFile, m: At) -> None:
        due = f.get(m, "due")
        assert due is not None
        f.put(due, "start", 2024, ("start", "end"))
        f.put(due, "end", "2026-Q2", ("start", "end"))

    assert edited(text, span) == text.replace("start: 2023", "start: 2024").replace(
        "end: 2025", "end: 2026-Q2"
    )
    assert edited(text, lambda f, m: f.put(m, "due", 2026, ORDER)) == (
        "milestones:\n  - id: a\n    due: 2026\n    status: done\n"
    )


def test_an_empty_or_null_value_is_filled_in_its_place() -> None:
    text = "milestones:\n  - id: a\n    history:\n    followups: ~  # none yet\n    due: 2024\n"

    def change(f: YamlFile, m: At) -> None:
        f.append(m, "history", {"kind": "added", "revision": 2024}, ORDER)
        f.append(m, "followups", {"status": "done"}, ORDER)

    assert edited(text, change) == (
        "milestones:\n  - id: a\n    history:\n      - kind: added\n        revision: 2024\n"
        "    followups:\n      - status: done  # none yet\n    due: 2024\n"
    )


def test_crlf_line_breaks_and_a_byte_order_mark_survive() -> None:
    data = codecs.BOM_UTF8 + BLOCK.replace("\n", "\r\n").encode()
    file = YamlFile(Path("f.yaml"), data, "f.yaml")
    milestones = file.get(file.root, "milestones")
    assert milestones is not None
    first = file.item(milestones, 0)
    file.put(first, "title", "Ny titel", ORDER)
    file.append(first, "history", {"kind": "reformulated", "revision": 2024}, ORDER)
    result = file.result()
    assert result.startswith(codecs.BOM_UTF8)
    text = result[3:].decode()
    assert text.count("\n") == text.count("\r\n")
    assert text.replace("\r\n", "\n") == BLOCK.replace("Long title\n      folded\n", "Ny titel\n").replace(
        "      - text: Effekt\n",
        "      - text: Effekt\n    history:\n      - kind: reformulated\n        revision: 2024\n",
    )


def test_a_file_without_a_final_line_break_gets_one_before_new_lines() -> None:
    text = "milestones:\n  - id: a\n    due: 2024"
    after = edited(text, lambda f, m: f.append(m, "history", {"kind": "added", "revision": 2024}, ORDER))
    assert after == text + "\n    history:\n      - kind: added\n        revision: 2024"


def test_a_new_item_at_the_end_of_a_root_sequence() -> None:
    text = "id: x\nrevisions:\n  - year: 2022\n    note: >-\n      Text\n\n# tail comment\n"

    def change(f: YamlFile, root: At) -> None:
        f.append(
            root, "revisions", {"id": 2024, "date": "2024-02-15"}, ("id", "revisions", "current_revision")
        )

    assert edited(text, change, item=None) == text.replace(
        "      Text\n", "      Text\n  - id: 2024\n    date: 2024-02-15\n"
    )


def test_nothing_changed_gives_the_same_bytes() -> None:
    data = codecs.BOM_UTF8 + BLOCK.replace("\n", "\r\n").encode()
    file = YamlFile(Path("f.yaml"), data, "f.yaml")
    assert not file.changed()
    assert file.result() == data


@pytest.mark.parametrize(
    "text", ["a: !!python/object:os.system x\n", "a: [\n", "- a\n", "a: 1\na: 2\n", "x: &a [*a]\n"]
)
def test_a_file_the_hardened_loader_refuses_is_not_edited(text: str) -> None:
    with pytest.raises(Refused):
        YamlFile(Path("f.yaml"), text.encode(), "f.yaml")


def test_a_key_that_is_not_a_list_is_refused() -> None:
    with pytest.raises(Refused, match="is not a list"):
        edited("milestones:\n  - id: a\n    history: text\n", lambda f, m: f.append(m, "history", {}, ORDER))


@pytest.mark.parametrize(
    ("text", "item", "key"),
    [
        (
            "milestones:\n  - id: a\n    history: &h\n      - {kind: added}\n  - id: b\n    history: *h\n",
            0,
            "history",
        ),
        (
            "milestones:\n  - id: a\n    history: &h\n      - {kind: added}\n  - id: b\n    history: *h\n",
            1,
            "history",
        ),
        ("milestones:\n  - &m {id: a, due: 2024}\n  - id: b\n", 0, "due"),
        ("d: &d 2024\nmilestones:\n  - id: a\n    due: *d\n", 0, "due"),
        ("milestones:\n  - id: a\n    due: &d 2024\n", 0, "due"),
    ],
    ids=["anchored-list", "aliased-list", "anchored-milestone", "aliased-scalar", "anchored-scalar"],
)
def test_what_an_anchor_shares_is_not_edited_in_one_place(text: str, item: int, key: str) -> None:
    def change(f: YamlFile, m: At) -> None:
        if key == "history":
            f.append(m, "history", {"kind": "postponed"}, ORDER)
        else:
            f.put(m, key, 2025, ORDER)

    with pytest.raises(Refused, match=f"`{key}` is shared through a YAML anchor or alias; edit it by hand"):
        edited(text, change, item=item)


def test_a_milestone_beside_an_anchor_is_edited_as_usual() -> None:
    text = "milestones:\n  - id: a\n    effects: &e [{text: x}]\n  - id: b\n    effects: *e\n    due: 2024\n"
    assert edited(text, lambda f, m: f.put(m, "due", 2025, ORDER), item=1) == text.replace("2024", "2025")
