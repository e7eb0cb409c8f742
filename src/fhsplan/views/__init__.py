"""Views of a plan index for people (rich text) and tools (JSON): map, status, show, list, export.

Views build plain data from the plan, then render it; none of them prints. The command line picks
the width and colour and writes the result.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from fhsplan.escape import json_text
from fhsplan.i18n import N_
from fhsplan.wording import nearest

if TYPE_CHECKING:
    import datetime as _dt

    from fhsplan.plan import Plan

# Every JSON document a view emits says its shape's version; bump it when a field changes meaning
# or disappears (adding fields keeps the version). See docs/export.md. 2: `status` is the stated
# status, `changes` and `colour` replace `shown_status`, `due` is a period of dates (issue #12).
FORMAT_VERSION = 2


class NotInPlan(LookupError):
    """A name given on the command line (milestone, area, beneficiary) that the plan lacks."""

    def __init__(self, kind: str, name: str, known: Iterable[str]) -> None:
        from fhsplan.i18n import _

        close = nearest(name, known)
        sentence = _(_MISSING.get(kind, N_("no {kind} {name} in the plan")))
        message = sentence.format(kind=kind, name=repr(name))
        hint = _("; nearest: {names}").format(names=", ".join(close)) if close else ""
        super().__init__(message + hint)


# One whole sentence per kind of name, so that each reads right in every language.
_MISSING = {
    "milestone": N_("no milestone {name} in the plan"),
    "focus area": N_("no focus area {name} in the plan"),
    "beneficiary": N_("no beneficiary {name} in the plan"),
    "owner": N_("no owner {name} in the plan"),
    "revision": N_("no revision {name} in the plan"),
}


def dump_json(document: object) -> str:
    """JSON as every view writes it: UTF-8 text (å ä ö intact), indented, keys in a fixed order.

    The one place views' JSON is written: C1 and bidi controls, invisible characters and lone
    surrogates become `\\u` escapes (`escape.json_text`), so the document is safe on a terminal and
    always encodes; the data read back the same.
    """
    try:
        text = _indented(document)
    except _Unusual:
        text = json.dumps(document, ensure_ascii=False, indent=2)
    return json_text(text) + "\n"


class _Unusual(Exception):
    """A value `_indented` leaves to json.dumps: a key that is not text, NaN, another type."""


_WORDS = {None: "null", True: "true", False: "false"}


def _indented(document: object) -> str:
    """What `json.dumps(document, ensure_ascii=False, indent=2)` gives, for documents of dicts with
    text keys, lists, text, numbers, booleans and None, in half the time.

    json.dumps indents only in pure Python, through generators: 0.75 s of the 2.6 million values
    an export of 10k milestones has (issue #13). Strings go through the same C function it uses.
    """
    from json.encoder import encode_basestring

    out: list[str] = []
    put = out.append

    def walk(value: object, pad: str) -> None:
        # The order of json.encoder's own checks: str, None, bool, int, float, then containers.
        if isinstance(value, str):
            put(encode_basestring(value))
        elif value is None or isinstance(value, bool):
            put(_WORDS[value])
        elif isinstance(value, int):
            put(int.__repr__(value))
        elif isinstance(value, float) and value - value == 0:  # finite: NaN and inf are json's
            put(float.__repr__(value))
        elif isinstance(value, (list, tuple)):
            array(value, pad)
        elif isinstance(value, dict):
            mapping(value, pad)
        else:
            raise _Unusual

    def array(values: Sequence[object], pad: str) -> None:
        if not values:
            put("[]")
            return
        inner = pad + "  "
        between = ",\n" + inner
        put("[\n" + inner)
        for index, item in enumerate(values):
            if index:
                put(between)
            if type(item) is str:  # most values: no call for them
                put(encode_basestring(item))
            else:
                walk(item, inner)
        put("\n" + pad + "]")

    def mapping(values: dict[object, object], pad: str) -> None:
        if not values:
            put("{}")
            return
        inner = pad + "  "
        between = ",\n" + inner
        put("{\n" + inner)
        for index, (key, item) in enumerate(values.items()):
            if type(key) is not str:
                raise _Unusual
            put((between if index else "") + encode_basestring(key) + ": ")
            if type(item) is str:
                put(encode_basestring(item))
            elif item is None:
                put("null")
            else:
                walk(item, inner)
        put("\n" + pad + "}")

    walk(document, "")
    return "".join(out)


# Every view renders as text for people or as JSON for tools.
VIEW_FORMATS = ("text", "json")


def _export_json(plan: Plan, as_of: _dt.date) -> str:
    from fhsplan.views.export import export_json

    return export_json(plan, as_of)


def _export_csv(plan: Plan, as_of: _dt.date) -> str:
    from fhsplan.views.export import export_csv

    return export_csv(plan, as_of)


# `fhsplan export --format` choices; each imports its writer when called, so listing them is cheap.
EXPORTERS: dict[str, Callable[[Plan, _dt.date], str]] = {"json": _export_json, "csv": _export_csv}
