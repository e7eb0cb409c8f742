"""How fhsplan words things for people: counts with their plural, and "did you mean"."""

from __future__ import annotations

from collections.abc import Iterable


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
    return f" (did you mean {close[0]!r}?)" if close and close[0] != name else ""
