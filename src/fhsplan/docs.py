"""Generate docs/rules.md from the rule docstrings: `python -m fhsplan.docs > docs/rules.md`."""

from __future__ import annotations

import sys

from fhsplan.rules import RULES

_HEADER = """\
# Rule catalogue

<!-- Generated from the rule docstrings by `make docs` (python -m fhsplan.docs); do not edit. -->

`fhsplan validate` reports each finding as `file:line:col: severity CODE message`. Errors fail
validation (exit 1); warnings fail it only with `--strict`. FHS1xx and FHS200 are checked while
the files load; a plan with such errors is not checked further until they are fixed.

| code | name | severity | rule |
|---|---|---|---|
"""


def render_rules() -> str:
    """The rule catalogue as Markdown."""
    rows = [
        f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.severity.value} | {r.summary} |"
        for r in RULES.values()
    ]
    sections = []
    for r in RULES.values():
        body = r.doc.split("\n", 1)[1].strip() if "\n" in r.doc else ""
        sections.append(f"## {r.code}\n\n**{r.summary}** (`{r.name}`, {r.severity.value})\n\n{body}\n")
    return _HEADER + "\n".join(rows) + "\n\n" + "\n".join(sections)


if __name__ == "__main__":
    sys.stdout.write(render_rules())
