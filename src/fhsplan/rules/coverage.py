"""FHS60x: completeness: effects and areas."""

from __future__ import annotations

from collections.abc import Iterator

from fhsplan.findings import Problem, Severity
from fhsplan.i18n import _
from fhsplan.plan import Plan
from fhsplan.rules.base import Context, load_time_rule, problem, rule


@rule("FHS601", "missing-effect", Severity.warning)
def missing_effect(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """Milestone with no effect; effect with no beneficiary.

    A milestone is in the plan for its effects; the plan document gives each short-term effects
    for citizens, the system or operations. When the plan declares beneficiary codes, each
    effect should name at least one. Removed and cancelled milestones are not checked.

    Bad:

    ```yaml
    - id: patientkontrakt
      title: Patientkontrakt erbjuds
      due: 2024
      effects:
        - text: Tryggare patient
    ```

    Good:

    ```yaml
    - id: patientkontrakt
      title: Patientkontrakt erbjuds
      due: 2024
      effects:
        - {text: Tryggare patient, beneficiaries: [inv]}
    ```
    """
    codes = bool(plan.meta.beneficiaries)
    for entry in plan.entries:
        if not entry.active:  # removed or cancelled: kept for the record, not for its effects
            continue
        if not entry.model.effects:
            message = _("{milestone} has no effect").format(milestone=entry.id)
            yield problem(message, entry.where.pos("id"), about=(entry.id,))
        elif codes:
            for i, effect in enumerate(entry.model.effects):
                if not effect.beneficiaries:
                    yield problem(
                        _("{milestone}: effect {effect} names no beneficiary").format(
                            milestone=entry.id, effect=repr(effect.text[:40])
                        ),
                        entry.where.pos("effects", i, "text"),
                        about=(entry.id, effect.text),
                    )


@rule("FHS602", "empty-area", Severity.warning)
def empty_area(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """Focus area with no milestone.

    An area without milestones shows as an empty row on the map; either its milestones are
    missing or the area does not belong in this plan.

    Bad:

    ```yaml
    id: fysisk-infrastruktur
    name: Fysisk infrastruktur
    milestones: []
    ```

    Good:

    ```yaml
    id: fysisk-infrastruktur
    name: Fysisk infrastruktur
    milestones:
      - {id: lokalforsorjningsplan, title: Lokalförsörjningsplan beslutad, due: 2024}
    ```
    """
    for area in plan.areas:
        if not area.model.milestones:
            message = _("focus area {area} has no milestone").format(area=area.id)
            yield problem(message, area.where.pos("id"), about=(area.id,))


UNREAD_FILE = load_time_rule(
    "FHS604",
    "unread-file",
    """
    File in a plan folder that fhsplan does not read.

    A plan is `plan.yaml` and the `.yaml` or `.yml` files directly in `areas/`. Anything else in
    the plan's folder is not part of the plan: a focus area saved as `.txt` or `.yaml.bak`, moved
    into a subfolder, or a plan file named `plan.yml` would silently drop out of every check and
    view. Hidden files (names starting with `.`, such as editors' swap files) are not counted. Move
    notes elsewhere, or ignore them with `per_path_ignores` (docs/ci.md).

    Bad:

    ```
    plan/skane-fhs/areas/08-lakemedel.yaml.txt
    plan/skane-fhs/areas/gamla/01-personcentrerat-arbetssatt.yaml
    ```

    Good:

    ```
    plan/skane-fhs/areas/08-lakemedel.yaml
    ```
    """,
    Severity.warning,
)

RULES = (missing_effect, empty_area, UNREAD_FILE)
