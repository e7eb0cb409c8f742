"""Views of a plan index for people (rich text) and tools (JSON): map, status, show, list, export.

Views build plain data from the plan, then render it; none of them prints. The command line picks
the width and colour and writes the result.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

# Every JSON document a view emits says its shape's version; bump it when a field changes meaning
# or disappears (adding fields keeps the version). See docs/export.md.
FORMAT_VERSION = 1


class NotInPlan(LookupError):
    """A name given on the command line (milestone, area, beneficiary) that the plan lacks."""

    def __init__(self, kind: str, name: str, known: Iterable[str]) -> None:
        close = nearest(name, known)
        hint = f"; nearest: {', '.join(close)}" if close else ""
        super().__init__(f"no {kind} {name!r} in the plan{hint}")


def nearest(name: str, known: Iterable[str], n: int = 3) -> list[str]:
    """Up to `n` known names close to `name`: spelling first, then names that contain it."""
    import difflib  # only an error path needs it; it costs 15 ms of start-up

    candidates = sorted(set(known))
    close = difflib.get_close_matches(name, candidates, n=n, cutoff=0.5)
    contained = [c for c in candidates if name and name in c and c not in close]
    return (close + contained)[:n]


def dump_json(document: object) -> str:
    """JSON as every view writes it: UTF-8 text (å ä ö intact), indented, keys in a fixed order."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
