"""config: finding fhsplan.toml or [tool.fhsplan], its settings, and settings in error at their place."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest

from conftest import MINI, loaded
from fhsplan import config
from fhsplan.config import as_of_date, find_config, plan_settings, project_settings
from fhsplan.configfile import TomlPlaces
from fhsplan.findings import Severity


@pytest.fixture(autouse=True)
def _fresh() -> None:
    config._read.cache_clear()  # each test writes its own files at the same kind of path


def repo(tmp_path: Path, files: dict[str, str]) -> Path:
    """A repository folder with the mini plan under plan/ and the given files; its plan folder."""
    (tmp_path / ".git").mkdir(parents=True)
    shutil.copytree(MINI, tmp_path / "plan" / "mini")
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path / "plan" / "mini"


def messages(folder: Path) -> list[str]:
    settings = project_settings(folder)
    return [f"{f.pos.line}:{f.pos.col} {f.code} {f.message}" for f in settings.findings]


def test_fhsplan_toml_beside_plan(tmp_path: Path) -> None:
    plan = repo(
        tmp_path,
        {"fhsplan.toml": 'disable = ["FHS601"]\nseverity = {FHS402 = "error"}\nas_of = "revision"\n'},
    )
    settings = project_settings(plan)
    assert settings.disabled == {"FHS601"}
    assert settings.severity == {"FHS402": Severity.error}
    assert settings.as_of == "revision" and settings.findings == ()


def test_pyproject_table_and_the_nearest_file_wins(tmp_path: Path) -> None:
    plan = repo(
        tmp_path, {"pyproject.toml": '[project]\nname = "x"\n\n[tool.fhsplan]\ndisable = ["FHS602"]\n'}
    )
    assert find_config(plan.resolve()) == (tmp_path / "pyproject.toml").resolve()
    assert project_settings(plan).disabled == {"FHS602"}
    (tmp_path / "plan" / "fhsplan.toml").write_text('disable = ["FHS601"]\n', encoding="utf-8")
    assert project_settings(plan).disabled == {"FHS601"}


@pytest.mark.parametrize(
    "text",
    ['[project]\nname = "fhsplan-plans"\n', '[project.scripts]\nfhsplan = "fhsplan.cli:main"\n[tool.ruff]\n'],
    ids=["named-so", "a-script-of-that-name"],
)
def test_a_pyproject_without_the_table_is_passed_over(tmp_path: Path, text: str) -> None:
    plan = repo(tmp_path, {"pyproject.toml": text})
    assert find_config(plan.resolve()) is None
    assert project_settings(plan) == config.Settings()


@pytest.mark.parametrize(
    "text",
    ['[tool.fhsplan]\ndisable = ["FHS602"]\n', '[tool]\nfhsplan = {disable = ["FHS602"]}\n',
     '[tool]\nfhsplan.disable = ["FHS602"]\n', "[tool.'fhsplan']\ndisable = ['FHS602']\n"],
    ids=["table", "inline-table", "dotted-key", "quoted"],
)  # fmt: skip
def test_every_spelling_of_the_table_is_found(tmp_path: Path, text: str) -> None:
    plan = repo(tmp_path, {"pyproject.toml": text})
    assert project_settings(plan).disabled == {"FHS602"}


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / "fhsplan.toml").write_text('disable = ["FHS601"]\n', encoding="utf-8")
    plan = repo(tmp_path / "inner", {})
    assert find_config(plan.resolve()) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'severty = {FHS402 = "error"}\n',
            ["1:1 FHS700 unknown setting 'severty' (did you mean 'severity'?)"],
            id="misspelt-setting",
        ),
        pytest.param(
            'disable = [\n  "FHS601",\n  "FHS106",\n]\n',
            ["3:3 FHS700 unknown rule 'FHS106' (did you mean 'FHS103'?)"],
            id="unknown-code-in-an-array",
        ),
        pytest.param(
            '[severity]\nFHS402 = "fatal"\nFHS100 = "warning"\n',
            ["2:10 FHS700 severity.FHS402: must be 'error' or 'warning'",
             "3:1 FHS700 FHS100 decides whether the plan loads and cannot be changed"],
            id="table-of-severities",
        ),
        pytest.param(
            '[per_path_ignores]\n"plan/*/areas/07-*.yaml" = ["FHS403", "FHS99"]\n',
            ["2:39 FHS700 per_path_ignores.plan/*/areas/07-*.yaml.1: not a rule code: FHS and three digits, e.g. FHS601 (docs/rules.md)"],
            id="bad-code-in-a-pattern",
        ),
        pytest.param(
            'as_of = "soon"\n',
            ["1:9 FHS700 as_of: must be 'revision', 'today' or a date like 2024-06-30"],
            id="bad-as-of",
        ),
        pytest.param(
            "severity.FHS700 = 'warning'\n",
            ["1:1 FHS700 FHS700 reports settings in error and cannot be changed"],
            id="dotted-key",
        ),
        pytest.param('disable = ["FHS601"\n', ["2:1 FHS700 not valid TOML: Unclosed array"], id="not-toml"),
    ],
)  # fmt: skip
def test_settings_in_error_are_located(tmp_path: Path, text: str, expected: list[str]) -> None:
    plan = repo(tmp_path, {"fhsplan.toml": text})
    assert messages(plan) == expected


def test_pyproject_positions_count_from_the_file(tmp_path: Path) -> None:
    plan = repo(
        tmp_path,
        {"pyproject.toml": '[project]\nname = "x"\n\n[tool.fhsplan]\nas_of = "revision"\ndisabel = []\n'},
    )
    assert messages(plan) == ["6:1 FHS700 unknown setting 'disabel' (did you mean 'disable'?)"]


def test_what_is_right_still_applies_beside_what_is_wrong(tmp_path: Path) -> None:
    plan = repo(
        tmp_path,
        {"fhsplan.toml": 'disable = ["FHS601", "FHS106"]\n[severity]\nFHS402 = "error"\nFHS403 = "x"\n'},
    )
    settings = project_settings(plan)
    assert settings.disabled == {"FHS601"} and settings.severity == {"FHS402": Severity.error}
    assert len(settings.findings) == 2


def test_a_plans_checks_add_to_the_projects(tmp_path: Path) -> None:
    plan = repo(
        tmp_path, {"fhsplan.toml": 'disable = ["FHS601"]\nseverity = {FHS402 = "error"}\nas_of = "today"\n'}
    )
    meta = plan / "plan.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8")
        + "checks:\n  disable: [FHS602]\n  severity: {FHS402: warning}\n  as_of: revision\n",
        encoding="utf-8",
    )
    settings = plan_settings(loaded(plan))
    assert settings.disabled == {"FHS601", "FHS602"}
    assert settings.severity == {"FHS402": Severity.warning} and settings.as_of == "revision"


def test_per_path_patterns_are_relative_to_where_they_are_written(tmp_path: Path) -> None:
    plan = repo(tmp_path, {"fhsplan.toml": '[per_path_ignores]\n"plan/mini/areas/*" = ["FHS601"]\n'})
    (ignore,) = project_settings(plan).ignores
    assert ignore.matches(str(plan / "areas" / "01-nara-vard.yaml"))
    assert not ignore.matches(str(plan / "plan.yaml"))
    assert str(ignore.pos).endswith("fhsplan.toml:2:1")


@pytest.mark.parametrize(
    ("revisions", "expected"),
    [
        pytest.param("[{year: 2023, date: 2023-02-15}]", dt.date(2023, 2, 15), id="decision-date"),
        pytest.param("[{year: 2023}]", dt.date(2023, 12, 31), id="end-of-its-year"),
        pytest.param("[{id: 2024-h2}]", dt.date(2024, 12, 31), id="year-of-its-id"),
    ],
)
def test_as_of_revision(tmp_path: Path, revisions: str, expected: dt.date) -> None:
    plan = repo(tmp_path, {})
    meta = plan / "plan.yaml"
    text = meta.read_text(encoding="utf-8")
    start = text.index("revisions:")
    end = text.index("\n", text.index("current_revision:"))
    current = "2024-h2" if "h2" in revisions else "2023"
    meta.write_text(
        f"{text[:start]}revisions: {revisions}\ncurrent_revision: {current}{text[end:]}", encoding="utf-8"
    )
    assert as_of_date("revision", loaded(plan)) == expected
    assert as_of_date("2020-01-02", None) == dt.date(2020, 1, 2)


def test_toml_places_find_inline_tables_and_arrays() -> None:
    text = 'a = 1\n[per_path_ignores]\n"x/*" = [\n  "FHS601", # why\n  "FHS602",\n]\n[severity]\n"FHS402" = "error"\n'
    places = TomlPlaces("f.toml", text)
    assert str(places.pos("per_path_ignores", "x/*", 1)) == "f.toml:5:3"
    assert str(places.pos("per_path_ignores", "x/*", key=True)) == "f.toml:3:1"
    assert str(places.pos("severity", "FHS402")) == "f.toml:8:12"
    assert str(places.pos("nothing", "here")) == "f.toml:1:1"
