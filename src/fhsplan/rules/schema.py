"""FHS200: the shape of the data. Enforced by the pydantic models while loading."""

from __future__ import annotations

from fhsplan.rules.base import load_time_rule

SCHEMA_VIOLATION = load_time_rule(
    "FHS200",
    "schema",
    """
    Schema violation: missing or unknown field, wrong type or value.

    Every plan file is checked against the models in `fhsplan.models` (also exported as JSON
    Schema in `schemas/`). An unknown field names the nearest known one; a missing field points
    at the record that lacks it; a wrong value points at the value.

    Bad:

    ```yaml
    - id: Nära vård
      titel: Nära vård
      due: 2023-26
    ```

    Good:

    ```yaml
    - id: nara-vard
      title: Nära vård
      due: {start: 2023, end: 2026}
    ```
    """,
)

RULES = (SCHEMA_VIOLATION,)
