# fhsplan developer tasks. `make run` and `make test` are the README's Quickstart.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test pytest lint typecheck schema docs docs-map bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## run: set up and run the main job on the embedded plan
run: $(STAMP)
	$(BIN)/fhsplan validate
	$(BIN)/fhsplan map

## test: set up and run the whole test suite: lint, formatting, types, then pytest
test: lint typecheck pytest

pytest: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy src tests benchmarks

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

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
