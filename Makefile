# Two entry points for a fresh machine with Python 3.11: `make demo` and `make test`.
# Both create .venv and install the package into it first; nothing else is needed.

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= demo-output

.PHONY: demo test lint typecheck unit docs bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## demo: a sample school group through the roadmap, its tasks allocated, the guides written to $(OUT)/
demo: $(STAMP)
	$(BIN)/ict-competence demo --out $(OUT) --force

## test: the whole gate CI holds us to
test: lint typecheck unit docs

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts docs/conf.py
	$(BIN)/ruff format --check src tests benchmarks scripts docs/conf.py
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	HYPOTHESIS_PROFILE=ci $(BIN)/coverage run -m pytest
	$(BIN)/coverage report

docs: $(STAMP)
	$(BIN)/sphinx-build -W -T --keep-going -q -b html docs docs/_build/html

## bench: speed and quality measurements (not part of the gate)
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) docs/_build .coverage .mypy_cache .pytest_cache .ruff_cache .hypothesis $(OUT)
