"""Values as a strategist writes them, on the command line or in a worksheet, checked before any edit.

Each function returns the value as the plan file holds it, or raises `Refused` with a message
that names what could not be read (the worksheet puts its row number in front).
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Collection

from fhsplan import when
from fhsplan.edit import Refused
from fhsplan.escape import FORBIDDEN
from fhsplan.i18n import N_, _, pgettext
from fhsplan.lifecycle import Status

# A span on the command line: `2023..2026` (both ends any year, quarter, month or day). A worksheet
# may also say `2023–2026` or `2023-2026`, as documents write spans of years.
SPAN = ".."
_YEARS = re.compile(r"([0-9]{4})\s*[-–—]\s*([0-9]{4})")
_POINT_SHAPE = re.compile(r"[0-9]{4}|" + when.POINT_PATTERN.strip("^$"))
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_REVISION = re.compile(r"[0-9a-z]+(-[0-9a-z]+)*")
_SLUG_LENGTH = 60  # derived ids are cut at a word, well under the model's 80
_SHOWN = 40
DUE_FORMS = N_("2025, 2025-Q3, 2025-06, 2025-06-30 or a span 2023..2026")

Due = int | str | dict[str, int | str]

# Status words of the plan's language, beside the English ones (issue #14); issue #15 will move
# every word of fhsplan's into gettext catalogues.
STATUS_WORDS: dict[str, dict[str, Status]] = {
    "sv": {
        "klar": Status.done, "klart": Status.done, "genomförd": Status.done, "genomfört": Status.done,
        "igångsatt": Status.started, "påbörjad": Status.started, "påbörjat": Status.started,
        "pågår": Status.started, "pågående": Status.started,
        "planerad": Status.planned, "planerat": Status.planned,
        "framflyttad": Status.postponed, "framflyttat": Status.postponed, "senarelagd": Status.postponed,
        "avbruten": Status.cancelled, "avbrutet": Status.cancelled, "utgått": Status.cancelled,
        "utgår": Status.cancelled, "struken": Status.cancelled,
        "okänd": Status.unknown, "okänt": Status.unknown,
        "status ej angiven": Status.unknown, "ej angiven": Status.unknown, "ej angivet": Status.unknown,
    },
}  # fmt: skip


def shown(value: str) -> str:
    """A value quoted for a message: control characters escaped (repr), long text cut."""
    return repr(value if len(value) <= _SHOWN else value[:_SHOWN] + "…")


def due(value: str) -> Due:
    """A due as the plan file holds it: a year (int), a quarter, month or day (text), or a span."""
    text = value.strip()
    start, separator, end = text.partition(SPAN)
    years = _YEARS.fullmatch(text)
    if years:
        start, separator, end = years.group(1), SPAN, years.group(2)
    parts = [start.strip(), end.strip()] if separator else [text]
    if not all(_POINT_SHAPE.fullmatch(part) for part in parts):
        raise Refused(
            _("cannot read {value} as a due; write {forms}").format(value=shown(value), forms=_(DUE_FORMS))
        )
    try:
        if not separator:
            return _point(text)
        first, last = _point(parts[0]), _point(parts[1])
        when.span(first, last)
    except ValueError as exc:  # a day the calendar lacks, a span that ends before it starts
        raise Refused(_("{value} is not a due: {error}").format(value=shown(value), error=exc)) from None
    return {"start": first, "end": last}


def _point(text: str) -> int | str:
    if text.isdigit() and len(text) == 4:
        return int(text)
    when.point(text)
    return text


def period(value: Due) -> when.Period:
    """The period of days a due value stands for."""
    if isinstance(value, dict):
        return when.span(value["start"], value["end"])
    return when.point(value)


def status(word: str, language: str | None = None) -> Status:
    """A status from its English name or a word of the plan's language (`klar`, `igångsatt`), any case."""
    key = unicodedata.normalize("NFC", word.strip()).casefold()
    words = {s.value: s for s in Status} | _local_words(language)
    if key in words:
        return words[key]
    from fhsplan.wording import did_you_mean

    local = _first_words(language)
    english = ", ".join(s.value for s in Status)
    if local:
        said = _("unknown status {word}{suggestion} (say {english}; or {local})")
    else:
        said = _("unknown status {word}{suggestion} (say {english})")
    raise Refused(
        said.format(
            word=shown(word), suggestion=did_you_mean(key, words), english=english, local=", ".join(local)
        )
    )


def _first_words(language: str | None) -> list[str]:
    """One word of the plan's language per status, the first the table gives, for a message."""
    first: dict[Status, str] = {}
    for word, status in _local_words(language).items():
        first.setdefault(status, word)
    return list(first.values())


def _local_words(language: str | None) -> dict[str, Status]:
    """The plan's language's status words; a plan that does not say its language gets all we know."""
    if language is not None:
        return STATUS_WORDS.get(language, {})
    return {word: status for words in STATUS_WORDS.values() for word, status in words.items()}


def date(value: str) -> str:
    """An ISO date (2024-11-30), as the plan file holds it."""
    text = value.strip()
    try:
        parsed: _dt.date | None = _dt.date.fromisoformat(text) if _DAY.fullmatch(text) else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise Refused(_("cannot read {value} as a date (write it as 2024-11-30)").format(value=shown(value)))
    return parsed.isoformat()


def text(value: str, what: str) -> str:
    """Text for a plan field: not empty, and without the characters no plan text may carry."""
    cleaned = value.strip()
    if not cleaned:
        raise Refused(_("the {what} is empty").format(what=field_name(what)))
    bad = FORBIDDEN.search(cleaned)
    if bad:
        raise Refused(
            _("the {what} holds the character U+{code}, which no plan text may carry").format(
                what=field_name(what), code=f"{ord(bad.group()):04X}"
            )
        )
    return cleaned


def field_name(what: str) -> str:
    """A field as a refusal names it: the English word, the definite form in Swedish (`titeln`)."""
    names = {
        "title": pgettext("field", "title"),
        "description": pgettext("field", "description"),
        "reason": pgettext("field", "reason"),
        "decision": pgettext("field", "decision"),
        "decision body": pgettext("field", "decision body"),
        "note": pgettext("field", "note"),
        "comment": pgettext("field", "comment"),
        "evidence": pgettext("field", "evidence"),
        "reporter": pgettext("field", "reporter"),
    }
    return names.get(what, what)


def slug(value: str, what: str = "id") -> str:
    """An id as given: lowercase letters a-z, digits and single hyphens."""
    if not _SLUG.fullmatch(value) or len(value) > 80:
        raise Refused(
            _("{value} is not an {what}: use lowercase letters a-z, digits and single hyphens").format(
                value=shown(value), what=what
            )
        )
    return value


def revision_id(value: str) -> str:
    """A revision's id: a year (2024), a date (2024-06-30) or a slug (2024-h2)."""
    if not _REVISION.fullmatch(value) or len(value) > 40:
        raise Refused(
            _("{value} is not a revision id: write a year (2024), a date or a slug (2024-h2)").format(
                value=shown(value)
            )
        )
    return value


def revision_value(revision: str) -> int | str:
    """A revision id as the plan file writes it: a year unquoted (`revision: 2024`), else the text."""
    return int(revision) if revision.isdigit() and not revision.startswith("0") else revision


def slug_of(title: str, taken: Collection[str]) -> str:
    """An id made from a title (å ä → a, ö → o, other marks dropped), cut at a word, unique in `taken`."""
    letters = unicodedata.normalize("NFKD", title.casefold())
    ascii_text = "".join(c for c in letters if not unicodedata.combining(c))
    words = re.findall(r"[a-z0-9]+", ascii_text)
    base = ""
    for word in words:
        if base and len(base) + 1 + len(word) > _SLUG_LENGTH:
            break
        base = f"{base}-{word}" if base else word[:_SLUG_LENGTH]
    if not base:
        raise Refused(_("cannot make an id from the title; give one with --id"))
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
