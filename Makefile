# Developer and CI entry points. `make run` and `make test` set up everything they need first:
# the virtualenv (.venv, reinstalled only when pyproject.toml changes) and the Debian packages.

PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv system run test lint bench docs clean

venv: $(STAMP)

# The stamp is newer than pyproject.toml once the install has succeeded, so a second `make venv` is a no-op.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -e '.[dev]'
	touch $@

system:
	bash scripts/setup-system.sh

run: venv system
	$(BIN)/jixiao demo

test: venv system
	$(BIN)/python -m pytest -q

lint: venv
	$(BIN)/ruff check jixiao tests scripts bench
	$(BIN)/mypy jixiao/core

bench: venv system
	$(BIN)/python bench/bench_import.py
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench_score.py
	$(BIN)/python bench/bench_render.py
	$(BIN)/python bench/bench_growth.py

docs: venv
	$(BIN)/jixiao check --catalogue > docs/rules.md

clean:
	rm -rf $(VENV) out build *.egg-info .pytest_cache .hypothesis .ruff_cache .mypy_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
