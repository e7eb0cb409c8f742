"""fhsplan's build backend: setuptools, after compiling the message catalogues (issue #15).

The `.po` sources in src/fhsplan/locale are what translators edit and git keeps; the `.mo` files
gettext reads are compiled here, whenever a wheel or an editable install is built, so an install
always carries catalogues that match their sources. Babel does the compiling (plural forms, fuzzy
entries and format checks as gettext's msgfmt would); it is a build requirement only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from setuptools import build_meta as _setuptools  # type: ignore[import-untyped, import-not-found, unused-ignore]
from setuptools.build_meta import *  # type: ignore[import-untyped, import-not-found, unused-ignore]  # noqa: F403  (the hooks not overridden here)

LOCALE = Path(__file__).resolve().parent.parent / "src" / "fhsplan" / "locale"


def compile_catalogues(locale: Path = LOCALE) -> list[Path]:
    """Compile every `<lang>/LC_MESSAGES/*.po` below `locale` into the `.mo` beside it."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for source in sorted(locale.glob("*/LC_MESSAGES/*.po")):
        with source.open("rb") as handle:
            catalogue = read_po(handle, locale=source.parent.parent.name)
        target = source.with_suffix(".mo")
        temporary = target.with_suffix(".mo.tmp")
        with temporary.open("wb") as handle:
            write_mo(handle, catalogue, use_fuzzy=False)
        temporary.replace(target)
        written.append(target)
    return written


def build_wheel(wheel_directory: str, config_settings: Any = None, metadata_directory: Any = None) -> str:
    compile_catalogues()
    return str(_setuptools.build_wheel(wheel_directory, config_settings, metadata_directory))


def build_editable(wheel_directory: str, config_settings: Any = None, metadata_directory: Any = None) -> str:
    compile_catalogues()
    return str(_setuptools.build_editable(wheel_directory, config_settings, metadata_directory))


if __name__ == "__main__":
    for path in compile_catalogues():
        print(path)
