"""The project's configuration file, `fhsplan.toml` or `[tool.fhsplan]` in `pyproject.toml`: its
settings, validated by the same model as a plan's `checks:`, and the place of each key in its text.

Only runs that find such a file import this module (and tomllib with it).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from fhsplan.findings import Pos, Problem
from fhsplan.i18n import _
from fhsplan.models import Checks
from fhsplan.wording import did_you_mean

PYPROJECT = "pyproject.toml"


class ProjectFile(Checks):
    """The settings of `fhsplan.toml` or `[tool.fhsplan]`: a plan's `checks:` and project-wide ones."""

    rules_url: str | None = Field(
        None, description="The rule catalogue's address, for help links in SARIF (default: fhsplan's)."
    )


def has_table(text: bytes) -> bool:
    """Whether a pyproject.toml has a `[tool.fhsplan]` table (or, broken, looks as if it meant one)."""
    try:
        data = tomllib.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return b"[tool.fhsplan" in text  # broken but meant for us: `read` says why
    return isinstance(data.get("tool"), dict) and "fhsplan" in data["tool"]


def read(path: Path) -> tuple[ProjectFile, TomlPlaces | None, list[Problem]]:
    """The settings a file holds, where to find its keys, and what is wrong with it (no places when
    it cannot be read at all)."""
    from fhsplan.loader import display_path

    name = display_path(path)
    prefix: tuple[str, ...] = ("tool", "fhsplan") if path.name == PYPROJECT else ()
    try:
        text = path.read_text(encoding="utf-8")
        data: Any = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        why = _("cannot read {file}: {why}").format(file=path.name, why=getattr(exc, "strerror", None) or exc)
        return ProjectFile(), None, [Problem(why, Pos(name))]
    except tomllib.TOMLDecodeError as exc:
        line, col = _decode_position(str(exc), text)
        return (
            ProjectFile(),
            None,
            [Problem(_("not valid TOML: {why}").format(why=_decode_message(str(exc))), Pos(name, line, col))],
        )
    for part in prefix:
        data = data.get(part, {}) if isinstance(data, dict) else {}
    where = TomlPlaces(name, text, prefix)
    problems: list[Problem] = []
    return _validate(data, where, problems), where, problems


def _validate(data: Any, where: TomlPlaces, problems: list[Problem]) -> ProjectFile:
    """The file's settings; entries in error are reported and left out, so the rest still apply."""
    if not isinstance(data, dict):
        problems.append(Problem(_("expected a table of settings"), where.pos()))
        return ProjectFile()
    try:
        return ProjectFile.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_input=False, include_url=False, include_context=False)
    paths = []
    for err in errors:
        path = tuple(p for p in err["loc"] if p != "[key]")
        key = "[key]" in err["loc"] or err["type"] == "extra_forbidden"
        problems.append(Problem(_error_message(err, path), where.pos(*path, key=key)))
        paths.append(path)
    try:
        return ProjectFile.model_validate(_without(data, paths))
    except ValidationError:  # what is left cannot fail, but a setting in error must never stop a run
        return ProjectFile()


def _without(data: Any, paths: list[tuple[Any, ...]]) -> Any:
    """`data` without the entries at `paths` (a key, a table's entry or an array's item)."""
    if not paths:
        return data
    if any(not path for path in paths):
        return type(data)()
    inner: dict[Any, list[tuple[Any, ...]]] = {}
    dropped = set()
    for path in paths:
        if len(path) == 1:
            dropped.add(path[0])
        else:
            inner.setdefault(path[0], []).append(path[1:])
    if isinstance(data, dict):
        return {k: _without(v, inner.get(k, [])) for k, v in data.items() if k not in dropped}
    if isinstance(data, list):
        return [_without(v, inner.get(i, [])) for i, v in enumerate(data) if i not in dropped]
    return data


def _error_message(err: Any, path: tuple[Any, ...]) -> str:
    if err["type"] == "extra_forbidden":
        name = str(path[-1])
        return _("unknown setting {name}{hint}").format(
            name=repr(name), hint=did_you_mean(name, ProjectFile.model_fields)
        )
    label = ".".join(str(p) for p in path)
    message = str(err["msg"]).removeprefix("Value error, ").replace("Input should be", "must be")
    return f"{label}: {message}" if label else message


def _decode_position(message: str, text: str) -> tuple[int, int]:
    """Where tomllib says it gave up: `(at line 3, column 7)` or `(at end of document)`."""
    match = re.search(r"at line (\d+), column (\d+)", message)
    if match:
        return int(match[1]), int(match[2])
    if "end of document" in message:
        return text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1
    return 1, 1


def _decode_message(message: str) -> str:
    return re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message) or message


class TomlPlaces:
    """Line and column of a key or value in a TOML file, found in its text: tomllib gives no positions.

    It knows what fhsplan's settings need: tables (`[tool.fhsplan.severity]`), dotted keys, inline
    tables and arrays; anything it cannot find falls back to the nearest enclosing key it found.
    """

    def __init__(self, file: str, text: str, prefix: tuple[str, ...] = ()) -> None:
        self.file, self.text, self.prefix = file, text, prefix

    def pos(self, *path: Any, key: bool = False) -> Pos:
        offset = self._find(self.prefix + tuple(path), key)
        line = self.text.count("\n", 0, offset) + 1
        return Pos(self.file, line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1)

    def _find(self, path: tuple[Any, ...], key: bool) -> int:
        best, depth = 0, -1
        table: tuple[str, ...] = ()
        for start, line in _lines(self.text):
            header = _HEADER.match(line)
            if header:
                table = _key_parts(header["name"])
                if table == path[: len(table)] and len(table) > depth:
                    best, depth = start + header.start("name"), len(table)
                continue
            found = _KEY.match(line)
            if not found:
                continue
            full = table + _key_parts(found["key"])
            if full != path[: len(full)] or len(full) <= depth:
                continue
            value = start + found.end()
            value += len(self.text[value:]) - len(self.text[value:].lstrip(" \t"))
            if len(full) == len(path):
                return start + found.start("key") if key else value
            best, depth = start + found.start("key"), len(full)
            inner = _descend(self.text, value, path[len(full) :], key)
            if inner is not None:
                return inner
        return best


_BARE = r"[A-Za-z0-9_-]+|\"[^\"\n]*\"|'[^'\n]*'"
_HEADER = re.compile(rf"[ \t]*\[\[?[ \t]*(?P<name>(?:{_BARE})(?:[ \t]*\.[ \t]*(?:{_BARE}))*)[ \t]*\]\]?")
_KEY = re.compile(rf"[ \t]*(?P<key>(?:{_BARE})(?:[ \t]*\.[ \t]*(?:{_BARE}))*)[ \t]*=[ \t]*")
_PART = re.compile(_BARE)


def _key_parts(dotted: str) -> tuple[str, ...]:
    return tuple(p.strip("\"'") for p in _PART.findall(dotted))


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line that starts outside a multi-line value, with its offset."""
    offset, depth = 0, 0
    for line in text.splitlines(keepends=True):
        if depth == 0:
            yield offset, line
        for _at, char, _depth in _scan(line, 0, len(line)):
            if char in "[{":
                depth += 1
            elif char in "]}":
                depth = max(0, depth - 1)
        offset += len(line)


def _scan(text: str, start: int, end: int) -> Iterator[tuple[int, str, int]]:
    """(offset, character, bracket depth) of the characters outside strings and comments."""
    i, depth, quote = start, 0, ""
    while i < end:
        char = text[i]
        if quote:
            if char == "\\" and quote == '"':
                i += 2
                continue
            if char == quote or char == "\n":
                quote = ""
        elif char in "\"'":
            quote = char
            yield i, char, depth
        elif char == "#":
            newline = text.find("\n", i)
            i = end if newline < 0 else newline
            continue
        else:
            if char in "]}":
                depth -= 1
            yield i, char, depth
            if char in "[{":
                depth += 1
        i += 1


def _descend(text: str, offset: int, rest: tuple[Any, ...], key: bool) -> int | None:
    """The offset of `rest` (keys of inline tables, indexes of arrays) inside the value at `offset`."""
    for n, part in enumerate(rest):
        last = n == len(rest) - 1
        if isinstance(part, int):
            found = _item(text, offset, part)
        else:
            found = _inline_key(text, offset, str(part), key and last)
        if found is None:
            return None
        offset = found
    return offset


def _item(text: str, offset: int, index: int) -> int | None:
    """Where the index-th item of the array at `offset` starts."""
    if text[offset : offset + 1] != "[":
        return None
    count, expect = 0, True
    for at, char, depth in _scan(text, offset + 1, len(text)):
        if depth < 0:
            return None
        if depth == 0 and char == ",":
            count, expect = count + 1, True
        elif expect and not char.isspace():
            if count == index:
                return at
            expect = False
    return None


def _inline_key(text: str, offset: int, name: str, key: bool) -> int | None:
    """Where `name = value` of the inline table at `offset` has its key (or its value)."""
    if text[offset : offset + 1] != "{":
        return None
    end = _closing(text, offset)
    pattern = re.compile(
        rf"(?:\"{re.escape(name)}\"|'{re.escape(name)}'|(?<![\w\"'-]){re.escape(name)})[ \t]*=[ \t]*"
    )
    for at, _key, depth in _scan(text, offset + 1, end):
        if depth == 0:
            match = pattern.match(text, at)
            if match:
                return at if key else match.end()
    return None


def _closing(text: str, offset: int) -> int:
    for at, char, depth in _scan(text, offset + 1, len(text)):
        if depth < 0 and char in "]}":
            return at
    return len(text)
