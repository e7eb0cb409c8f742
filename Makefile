# fhsplan developer tasks. `make run` and `make test` are the README's Quickstart.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test browser pytest lint typecheck messages schema docs docs-map bench bench-report bench-diff bench-startup clean

CATALOGUES := $(wildcard src/fhsplan/locale/*/LC_MESSAGES/*.po)

$(STAMP): pyproject.toml $(CATALOGUES)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## run: set up and run the main job on the embedded plan
run: $(STAMP)
	$(BIN)/fhsplan validate
	$(BIN)/fhsplan map

## test: set up and run the whole test suite: lint, formatting, types, then pytest
test: browser lint typecheck pytest

## browser: Debian's chromium for the report's browser tests, installed when missing and we may (root, apt-get);
## elsewhere those tests skip and say how to install it (under CI they fail instead)
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "make browser: installing Debian's chromium for the browser tests"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      chromium fonts-liberation; } || echo "make browser: could not install chromium; the browser tests will say so"; \
	else \
	  echo "make browser: chromium is missing; the browser tests skip (install it: apt-get install -y chromium)"; \
	fi

pytest: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks build_support
	$(BIN)/ruff format --check src tests benchmarks build_support

typecheck: $(STAMP)
	$(BIN)/mypy src tests benchmarks build_support

## messages: extract the messages to translate into fhsplan.pot and merge them into every .po
messages: $(STAMP)
	$(BIN)/pybabel -q extract -w 100 --no-location --sort-output --omit-header -k _ -k ngettext:1,2 -k pgettext:1c,2 \
	  -k N_ -o src/fhsplan/locale/fhsplan.pot src/fhsplan
	$(BIN)/pybabel -q update --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date -w 100 -d src/fhsplan/locale -D fhsplan \
	  -i src/fhsplan/locale/fhsplan.pot

## schema: regenerate schemas/ from the models
schema: $(STAMP)
	$(BIN)/fhsplan schema

## docs: regenerate the generated docs (rule catalogue, strategic map)
docs: $(STAMP) docs-map
	$(BIN)/python -m fhsplan.docs > docs/rules.md.tmp && mv docs/rules.md.tmp docs/rules.md

## docs-map: draw the embedded plan's strategic map into docs/ (the DOT source is what the test compares)
docs-map: $(STAMP)
	$(BIN)/fhsplan graph --plan skane-fhs --format dot -o docs/strategic-map.dot
	$(BIN)/fhsplan graph --plan skane-fhs --format svg -o docs/strategic-map.svg

## bench: time validate on synthetic plans (see benchmarks/README.md)
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_validate.py

## bench-report: time `fhsplan report` on the embedded plan (see benchmarks/README.md)
bench-report: $(STAMP)
	$(BIN)/python benchmarks/bench_report.py

## bench-diff: time `fhsplan diff` and `export` on large synthetic plans in git (see benchmarks/README.md)
bench-diff: $(STAMP)
	$(BIN)/python benchmarks/bench_diff.py

## bench-startup: start-up of --help and validate in English and in Swedish (the catalogue's cost)
bench-startup: $(STAMP)
	$(BIN)/python benchmarks/bench_startup.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
