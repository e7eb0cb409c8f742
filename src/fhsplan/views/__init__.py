"""Views of a plan index for people (rich text) and tools (JSON): map, status, show, list, export.

Views build plain data from the plan, then render it; none of them prints. The command line picks
the width and colour and writes the result.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from fhsplan.escape import json_text
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
        close = nearest(name, known)
        hint = f"; nearest: {', '.join(close)}" if close else ""
        super().__init__(f"no {kind} {name!r} in the plan{hint}")


def dump_json(document: object) -> str:
    """JSON as every view writes it: UTF-8 text (å ä ö intact), indented, keys in a fixed order.

    The one place views' JSON is written: C1 and bidi controls, invisible characters and lone
    surrogates become `\\u` escapes (`escape.json_text`), so the document is safe on a terminal and
    always encodes; the data read back the same.
    """
    return json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


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
