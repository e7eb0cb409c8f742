"""Output in the reader's language: gettext catalogues, and numbers and dates as Swedish readers write them.

Human-facing text is written in English in the code, wrapped in `_()` (or `ngettext()` for a count),
and translated through the catalogue of the chosen language: `src/fhsplan/locale/<lang>/LC_MESSAGES/
fhsplan.po`, compiled to `.mo` when the package is built or installed (build_support/backend.py).
Machine output (JSON, SARIF, CSV keys, rule codes) never goes through here.

The language is chosen, first match wins: `--lang`, `FHSPLAN_LANG`, the plan's own `language`, the
locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), English. This module is light (gettext only), so choosing
the language costs nothing measurable at start-up.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

DOMAIN = "fhsplan"
LOCALE_DIR = Path(__file__).with_name("locale")
LANGUAGES = ("en", "sv")  # English is the source language: its "catalogue" is the code itself
DEFAULT = "en"
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_current: _gettext.NullTranslations = _gettext.NullTranslations()
_language = DEFAULT
# Whether --lang or FHSPLAN_LANG chose the language: then a plan's own `language` does not.
_settled = False


def choose(flag: str | None = None, plan: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language to speak: `--lang`, else FHSPLAN_LANG, else the plan's, else the locale's, else English.

    Values that name no language fhsplan has are passed over, so `LANG=C.UTF-8` means English.
    """
    env = os.environ if environ is None else environ
    candidates = [
        flag,
        env.get("FHSPLAN_LANG"),
        plan,
        *(_locale_language(env.get(v)) for v in _LOCALE_VARIABLES),
    ]
    return next((c for c in (_normal(c) for c in candidates) if c), DEFAULT)


def _locale_language(value: str | None) -> str | None:
    """`sv_SE.UTF-8` → `sv`; POSIX's `C` and `POSIX` say nothing about a language."""
    if not value or value in ("C", "POSIX") or value.startswith(("C.", "POSIX.")):
        return None
    return value.split(".")[0].split("@")[0].split("_")[0]


def _normal(value: str | None) -> str | None:
    language = (value or "").strip().lower().replace("-", "_").split("_")[0]
    return language if language in LANGUAGES else None


def start(flag: str | None = None, environ: Mapping[str, str] | None = None) -> None:
    """Choose the language before any plan is read: `--lang`, FHSPLAN_LANG, the locale, English.

    A plan read later may still choose (`follow_plan`), unless `--lang` or FHSPLAN_LANG did.
    """
    global _settled
    env = os.environ if environ is None else environ
    _settled = bool(_normal(flag) or _normal(env.get("FHSPLAN_LANG")))
    use(choose(flag, None, env))


def follow_plan(plan_language: str | None, environ: Mapping[str, str] | None = None) -> None:
    """Speak the plan's `language`, unless `--lang` or FHSPLAN_LANG said otherwise."""
    if not _settled and _normal(plan_language):
        use(choose(None, plan_language, environ))


def machine_output() -> None:
    """JSON, SARIF and other formats for programs speak English, whatever was chosen, and a plan
    read later does not change that."""
    global _settled
    _settled = True
    use(DEFAULT)


def flag_in(argv: Sequence[str]) -> str | None:
    """The value of `--lang X` or `--lang=X` in a command line, read before it is parsed, so that
    `--help` and the usage errors are already in that language; the last one wins, as click's."""
    found = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    return found


def use(language: str) -> None:
    """Speak `language` from now on (a language fhsplan has; English otherwise)."""
    global _current, _language
    _language = language if language in LANGUAGES else DEFAULT
    _current = _catalogue(_language)


@cache
def _catalogue(language: str) -> _gettext.NullTranslations:
    if language == DEFAULT:
        return _gettext.NullTranslations()
    # fallback: a catalogue that was not compiled (a checkout run without installing) reads as English
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def language() -> str:
    """The language being spoken."""
    return _language


def _(message: str) -> str:
    """`message` in the language being spoken."""
    return _current.gettext(message)


def N_(message: str) -> str:
    """Mark `message` for the catalogue where it is defined (a table); translate it with `_()` where
    it is shown, in the language chosen by then."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted phrase that fits `n` (Swedish and English both have one and many)."""
    return _current.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` translated in `context`, for words that read differently in different places."""
    return _current.pgettext(context, message)


def number(n: int) -> str:
    """An integer as the reader writes it: 12 345 in Swedish (a narrow no-break space), 12,345 in English."""
    if _language == "sv":
        return f"{n:,}".replace(",", "\u202f") if abs(n) >= 10_000 else str(n)
    return f"{n:,}"


def decimal(x: float, places: int = 1) -> str:
    """A decimal number: 0,5 in Swedish, 0.5 in English."""
    text = f"{x:,.{places}f}"
    if _language == "sv":
        whole, _sep, fraction = text.partition(".")
        whole = whole.replace(",", "\u202f") if abs(x) >= 10_000 else whole.replace(",", "")
        return f"{whole},{fraction}" if fraction else whole
    return text


def percent(share: float) -> str:
    """A share as a percentage: 25 % in Swedish (with a no-break space), 25% in English."""
    value = round(share * 100)
    return f"{value}\u00a0%" if _language == "sv" else f"{value}%"


def join(words: Sequence[str]) -> str:
    """`a, b and c` / `a, b och c`."""
    if len(words) <= 1:
        return "".join(words)
    return _("{first} and {last}").format(first=", ".join(words[:-1]), last=words[-1])
