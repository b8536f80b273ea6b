# Developer and CI entry points. `make run` and `make test` set up everything they need first:
# the virtualenv (.venv, reinstalled only when pyproject.toml changes), the Debian packages and the
# front-end libraries of the web application (node_modules, from package-lock.json by `npm ci`).
# `make test` runs the suite on SQLite, then the web application's tests again on a PostgreSQL server
# of their own (scripts/with-postgres.sh: made in a temporary directory, removed at the end).

PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed

ASSETS := node_modules/.package-lock.json

.PHONY: venv system assets run demo test test-postgres worker lint bench docs clean

venv: $(STAMP)

# The stamp is newer than pyproject.toml once the install has succeeded, so a second `make venv` is a no-op.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -e '.[dev]'
	touch $@

# the benchmarks' extra tools (locust for bench_load.py), beside the development ones
$(BENCH_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --disable-pip-version-check -e '.[dev,bench]'
	touch $@

system:
	bash scripts/setup-system.sh

assets: $(ASSETS)

# npm ci installs exactly what package-lock.json pins (htmx, ECharts); redone only when the lock changes.
$(ASSETS): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# The web application on http://127.0.0.1:8000/ with the demo region (JIXIAO_DATA, DATABASE_URL,
# HOST/PORT to change where; see README).
HOST ?= 127.0.0.1
PORT ?= 8000
run: venv system assets
	$(BIN)/jixiao web --host $(HOST) --port $(PORT)

# The command-line walk-through: import, check, score and render the example report.
demo: venv system
	$(BIN)/jixiao demo

# both passes run whatever the first gives; the exit status is the worse of the two
test: venv system assets
	status=0; $(BIN)/python -m pytest -q || status=$$?; $(MAKE) test-postgres || status=$$?; exit $$status

# the database tests (tests/web, but the browser walk-through) against a PostgreSQL server made for them
test-postgres: venv system assets
	bash scripts/with-postgres.sh --fast $(BIN)/python -m pytest -q tests/web --ignore=tests/web/test_browser.py

# a background worker for the web application's jobs (bulk upload, PDFs, exports); as many as you like
worker: venv
	$(BIN)/jixiao worker

lint: venv
	$(BIN)/ruff check jixiao tests scripts bench
	$(BIN)/mypy jixiao/core

bench: venv system assets $(BENCH_STAMP)
	$(BIN)/python bench/bench_import.py
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench_score.py
	$(BIN)/python bench/bench_render.py
	$(BIN)/python bench/bench_web.py
	$(BIN)/python bench/bench_batch.py
	$(BIN)/python bench/bench_load.py
	$(BIN)/python bench/bench_growth.py

docs: venv
	$(BIN)/jixiao check --catalogue > docs/rules.md
	DJANGO_SETTINGS_MODULE=jixiao.web.settings.test $(BIN)/python -m jixiao.web open_data_schema > docs/open-data.md

clean:
	rm -rf $(VENV) out build node_modules *.egg-info .pytest_cache .hypothesis .ruff_cache .mypy_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
