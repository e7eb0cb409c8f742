"""Wrapping plan text into narrow cells, splitting long Swedish words where a hyphen may go.

Swedish compounds are long ("Förvaltningsöverskridande", "kompetensutveckling") and a map cell is
narrow. Where a word must be split, the break points come from the Swedish hyphenation patterns of
LibreOffice and TeX through pyphen (issue #9): a rule of our own split at syllable onsets and got
compounds wrong ("Ledarskap-sakademi", "medarbeta-renkät", "hems-jukvården"). The patterns are
loaded (about 60 ms) only when a word does not fit its line.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# A '/' inside a word ("Arbetssätt/processer") and a '-' ("e-hälsa") are breaks that need no hyphen.
_INNER_BREAK = re.compile(r"(?<=[^\s/-])([/-])(?=[^\s/-])")
VOWELS = frozenset("aeiouyåäöéüAEIOUYÅÄÖÉÜ")
# Never a single letter before a break, nor fewer than three letters after the last ("NING-AR").
MIN_LEFT, MIN_RIGHT = 2, 3
# Longer than any Swedish word ("Nordöstersjökustartilleriflygspaningssimulatoranläggningen...",
# the famous joke, has 130 letters): beyond this a "word" is cut evenly, without patterns.
LONGEST_WORD = 200


@cache
def _patterns(lang: str) -> Any:
    import pyphen  # type: ignore[import-untyped]

    return pyphen.Pyphen(lang=lang if lang in pyphen.LANGUAGES else "sv", left=MIN_LEFT, right=MIN_RIGHT)


def breaks(word: str, lang: str = "sv") -> list[int]:
    """Indexes inside `word` where a hyphen may go.

    The patterns sometimes allow both sides of one consonant ("Kultu-r-insatser", "vår-d-information");
    the later one is the boundary of a compound's parts ("Kultur-insatser"), so the earlier is dropped.
    """
    positions: list[int] = _patterns(lang).positions(word)
    found = set(positions)
    return [p for p in positions if p + 1 not in found]


def split_word(word: str, width: int, lang: str = "sv") -> list[str]:
    """A word as pieces no longer than `width`, each but the last ending in '-'.

    A break between a consonant and a vowel is where a compound's parts meet (a lone consonant
    otherwise goes with the vowel after it: "ma-te-ri-al"), so the last such break wins when it
    fills at least half the line ("Kultur-insatser", "Ledarskaps-akademi"); otherwise the
    last break that fills the line. A word without a usable break is cut evenly, and so is one
    longer than LONGEST_WORD, which is no word: patterns over the rest of a 100k-letter "word"
    for every line took minutes, and the recursion ended in a RecursionError (issue #10).
    """
    pieces: list[str] = []
    while len(word) > width:
        cut = width - 1
        if len(word) <= LONGEST_WORD:
            usable = [i for i in breaks(word, lang) if i <= width - 1]
            joints = [
                i for i in usable if word[i - 1] not in VOWELS and word[i] in VOWELS and i >= width // 2
            ]
            cut = max(joints or usable or [cut])
        pieces.append(word[:cut] + "-")
        word = word[cut:]
    return [*pieces, word]


def wrap_words(text: str, width: int, lang: str = "sv") -> list[str]:
    """Wrap at spaces and after a '/' or '-' inside a word; a word longer than a line is hyphenated."""
    width = max(4, width)
    # (piece, what joins it to the previous piece on one line; None: it starts a line)
    pieces: list[tuple[str, str | None]] = []
    for word in text.split():
        parts = _INNER_BREAK.split(word)
        # split() keeps the separators: ["Arbetssätt", "/", "processer"] -> "Arbetssätt/", "processer"
        joined = [parts[i] + (parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]
        for index, part in enumerate(joined):
            for i, chunk in enumerate(split_word(part, width, lang)):
                # The pieces of one hyphenated word each end a line: joined again they would read
                # "Sam-arbets-".
                pieces.append((chunk, (" " if index == 0 else "") if i == 0 else None))
    lines: list[str] = []
    for piece, glue in pieces:
        if lines and glue is not None and len(lines[-1]) + len(glue) + len(piece) <= width:
            lines[-1] += glue + piece
        else:
            lines.append(piece)
    return lines or [""]
