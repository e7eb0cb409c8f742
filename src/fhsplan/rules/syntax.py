"""FHS1xx: the YAML itself. Enforced by the loader (`fhsplan.source`), documented here."""

from __future__ import annotations

from fhsplan.rules.base import load_time_rule

SYNTAX_ERROR = load_time_rule(
    "FHS100",
    "yaml-syntax",
    """
    YAML syntax error.

    The file is not well-formed YAML: an unclosed bracket or quote, a bad indentation, a tab
    used for indentation. The finding points at the place where the parser gave up.

    Bad:

    ```yaml
    milestones:
      - id: modell-invanarinvolvering
        title: "Modell för invånarinvolvering
    ```

    Good:

    ```yaml
    milestones:
      - id: modell-invanarinvolvering
        title: "Modell för invånarinvolvering"
    ```
    """,
)

DUPLICATE_KEY = load_time_rule(
    "FHS101",
    "duplicate-key",
    """
    Duplicate mapping key.

    YAML parsers silently keep the last of two equal keys, so the first value is lost without a
    word. fhsplan reports the second key and names the line of the first.

    Bad:

    ```yaml
    - id: ledarskapsakademi-etablerad
      due: 2023
      due: 2024
    ```

    Good:

    ```yaml
    - id: ledarskapsakademi-etablerad
      due: 2024
    ```
    """,
)

FORBIDDEN_FEATURE = load_time_rule(
    "FHS102",
    "yaml-feature",
    """
    YAML feature not allowed in plan files.

    Tags (`!!python/object`, `!!int`, `!custom`), merge keys (`<<`), more than 25 aliases of a
    mapping or sequence, nesting deeper than 100 levels, several documents in one file and files
    over 32 MiB are refused: they are how hostile YAML makes parsers run code, hang or eat memory,
    and a plan never needs them.

    Bad:

    ```yaml
    a: &a [x, x, x, x, x, x, x, x, x]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    ```

    Good:

    ```yaml
    milestones:
      - id: ledarskapsakademi-etablerad
        title: Ledarskapsakademi är etablerad
    ```
    """,
)

NOT_UTF8 = load_time_rule(
    "FHS103",
    "encoding",
    """
    File is not UTF-8 text.

    Plan files are UTF-8 (a byte-order mark is allowed). Other encodings, control characters
    (C0 but tab and line breaks, DEL, C1), bidirectional controls (U+202A–U+202E, U+2066–U+2069,
    U+200E, U+200F, U+061C), the separators U+0085, U+2028 and U+2029 (which YAML counts as line
    breaks but editors do not show) and non-characters are refused with the line and column of
    the first one: plan text reaches terminals, pull-request comments and pictures, where these
    characters hide or rearrange text. The same characters written as escapes in double quotes
    (`"\\e[8m"`, `"\\u202e"`) are refused at the value that holds them. A plan folder without its
    `plan.yaml` is reported under this code too, and so is a plan file that is a symbolic link
    leading out of the plan folder (`areas/x.yaml -> /etc/passwd`, an `areas` link, a plan folder
    that links elsewhere): fhsplan does not read it, and the plan does not load. Links to files
    inside the plan folder are read as usual.

    Bad: `title: Nära vård` saved as Latin-1 (`N\\xe4ra v\\xe5rd`).

    Good: the same line saved as UTF-8.
    """,
)

RULES = (SYNTAX_ERROR, DUPLICATE_KEY, FORBIDDEN_FEATURE, NOT_UTF8)
