"""How fhsplan words things for people: counts with their plural, and "did you mean"."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fhsplan.models import Assessment, FollowUp, Indicator


def plural(n: int, word: str, many: str | None = None) -> str:
    """`1 milestone`, `2 milestones`; `many` for irregular plurals (`1 focus area`, `2 focus areas`)."""
    if n == 1:
        return f"{n} {word}"
    return f"{n} {many or word + 's'}"


def nearest(name: str, known: Iterable[object], n: int = 3, cutoff: float = 0.5) -> list[str]:
    """Up to `n` known names close to `name`: spelling first, then names that contain it."""
    import difflib  # only error paths need it; it costs 15 ms of start-up

    candidates = sorted({str(k) for k in known})
    close = difflib.get_close_matches(name, candidates, n=n, cutoff=cutoff)
    contained = [c for c in candidates if name and name in c and c not in close]
    return (close + contained)[:n]


def did_you_mean(name: str, known: Iterable[object]) -> str:
    """` (did you mean 'x'?)` for the one nearest spelling, or nothing."""
    close = nearest(name, known, n=1, cutoff=0.6)
    from fhsplan.i18n import _

    return _(" (did you mean {name}?)").format(name=repr(close[0])) if close and close[0] != name else ""


def indicator_text(indicator: Indicator) -> str:
    """`Andel … (procent), baseline 40 (2022), target 60 (2026); source: …`."""
    from fhsplan.i18n import _

    text = indicator.measure + (f" ({indicator.unit})" if indicator.unit else "")
    if indicator.baseline is not None:
        text += _(", baseline {value} ({year})").format(
            value=_value(indicator.baseline.value), year=indicator.baseline.year
        )
    if indicator.target is not None:
        text += _(", target {value} ({year})").format(
            value=_value(indicator.target.value), year=indicator.target.year
        )
    if indicator.data_source:
        text += _("; source: {source}").format(source=indicator.data_source)
    return text


def _value(value: float) -> str:
    """A measured value as `{:g}` writes it, with a decimal comma in Swedish."""
    from fhsplan import i18n

    text = f"{value:g}"
    return text.replace(".", ",") if i18n.language() == "sv" else text


def assessment_text(assessment: Assessment) -> str:
    """`2023: partly achieved, measured 52: Fler svarar.` (the revision, judgement, value, comment)."""
    from fhsplan.i18n import _
    from fhsplan.palette import judgement

    value = (
        _(", measured {value}").format(value=_value(assessment.value)) if assessment.value is not None else ""
    )
    comment = f": {assessment.comment}" if assessment.comment else ""
    return f"{assessment.revision}: {judgement(assessment.judgement)}{value}{comment}"


def followup_when(followup: FollowUp) -> str:
    """`2024-11-30, revision 2024` (`2024-11-30, revideringen 2024`), or whichever of the two it has."""
    from fhsplan.i18n import _

    date = followup.date.isoformat() if followup.date else ""
    revision = _("revision {revision}").format(revision=followup.revision) if followup.revision else ""
    return ", ".join(p for p in (date, revision) if p)
