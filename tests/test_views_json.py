"""dump_json: the same text as json.dumps(indent=2), faster (issue #13)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from fhsplan.escape import json_text
from fhsplan.views import dump_json

SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
KEYS = st.text() | st.integers() | st.booleans()
DOCUMENTS = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.tuples(children, children)
        | st.dictionaries(KEYS, children, max_size=4)
    ),
    max_leaves=30,
)


@given(DOCUMENTS)
def test_dump_json_is_json_dumps_indented(document: object) -> None:
    # What json.dumps gives, with the controls a terminal would act on written as \\u escapes.
    assert dump_json(document) == json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def test_plan_text_stays_readable() -> None:
    assert dump_json({"title": 'Nära vård "A"\n', "due": [2024, 2.5, None, True]}) == (
        '{\n  "title": "Nära vård \\"A\\"\\n",\n  "due": [\n    2024,\n    2.5,\n    null,\n    true\n  ]\n}\n'
    )
