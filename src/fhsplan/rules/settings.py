"""FHS70x: how a plan is checked: the configuration and the suppressions. Enforced by the runner."""

from __future__ import annotations

from fhsplan.findings import Severity
from fhsplan.rules.base import load_time_rule

CONFIGURATION = load_time_rule(
    "FHS700",
    "configuration",
    """
    Configuration fhsplan cannot use.

    `fhsplan.toml`, `[tool.fhsplan]` in `pyproject.toml`, a plan's `checks:` and a milestone's
    `ignore:` may name only rules of this catalogue, and only settings fhsplan knows (the nearest
    one is suggested). The rules that decide whether a plan loads at all (FHS1xx, FHS200) and this
    one cannot be turned off, changed or ignored. A setting in error is left out; the rest apply.
    A misspelt field in `plan.yaml`'s `checks:` is a schema violation (FHS200), like any other.

    Bad (`fhsplan.toml`):

    ```toml
    disable = ['FHS106']
    severty = {FHS402 = 'error'}
    ```

    Good:

    ```toml
    disable = ['FHS601']
    severity = {FHS402 = 'error'}
    ```
    """,
)

UNUSED_SUPPRESSION = load_time_rule(
    "FHS701",
    "unused-suppression",
    """
    A milestone's `ignore:` entry silences nothing.

    An `ignore` entry says why one rule's finding on this milestone does not apply. When the rule
    finds nothing there any more (the milestone was fixed, or the rule is disabled), the entry is
    dead weight that would silence a future finding nobody has looked at: remove it.

    Bad (the milestone has an effect, so FHS601 finds nothing):

    ```yaml
    - id: patientkontrakt
      title: Patientkontrakt erbjuds
      due: 2024
      effects: [{text: Tryggare patient, beneficiaries: [inv]}]
      ignore: [{code: FHS601, reason: Effekterna beskrivs i handlingsplanen}]
    ```

    Good:

    ```yaml
    - id: patientkontrakt
      title: Patientkontrakt erbjuds
      due: 2024
      ignore: [{code: FHS601, reason: Effekterna beskrivs i handlingsplanen}]
    ```
    """,
    Severity.warning,
)

RULES = (CONFIGURATION, UNUSED_SUPPRESSION)
