# TIP Monitor task runner. `make run` and `make test` are all a newcomer needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3

.PHONY: help run test check lint typecheck migrations-check pytest bench vendor clean messages

help: ## List the targets
	@grep -E '^[a-z-]+:.*?## ' $(MAKEFILE_LIST) | awk -F':.*?## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(BIN)/python:
	@scripts/bootstrap-venv.sh "$(PYTHON)" "$(VENV)"

$(VENV)/.runtime: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.dev: pyproject.toml $(VENV)/.runtime
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

run: $(VENV)/.runtime messages ## Set up from nothing, load the bundled data, serve on http://127.0.0.1:8000
	$(BIN)/tipmon migrate --noinput
	$(BIN)/tipmon collectstatic --noinput --verbosity 0
	$(BIN)/tipmon data load
	$(BIN)/tipmon assistance import-grants
	$(BIN)/tipmon site seed
	$(BIN)/tipmon councils seed
	@echo
	@echo "TIP Monitor is starting on http://$(HOST):$(PORT)/"
	@echo "Create an administrator for /admin/ with:  $(BIN)/tipmon createadmin"
	@echo "Stop with Ctrl-C."
	@echo
	exec $(BIN)/gunicorn tipmon.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile - --forwarded-allow-ips=""

test: check pytest ## Install what the tests need and run lint, types, migrations check and the whole suite

check: lint typecheck migrations-check ## Static checks only

lint: $(VENV)/.dev ## ruff
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(VENV)/.dev ## mypy --strict on src/
	$(BIN)/mypy src

migrations-check: $(VENV)/.dev ## Fail when models and migrations drift
	$(BIN)/tipmon makemigrations --check --dry-run

pytest: $(VENV)/.dev messages ## The test suite (needs Debian chromium for the browser tests)
	@scripts/ensure-debian-packages.sh pdf browser
	$(BIN)/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

bench: $(VENV)/.dev ## Benchmarks: endpoints, trends pages, tier engine, report, targeting, load (wrk, nginx)
	@scripts/ensure-debian-packages.sh load ceiling
	$(BIN)/python benchmarks/country_endpoints.py
	$(BIN)/python benchmarks/tier_engine.py
	$(BIN)/python benchmarks/report_build.py
	$(BIN)/python benchmarks/trends_pages.py
	$(BIN)/python benchmarks/api_lists.py
	$(BIN)/python benchmarks/targeting.py
	$(BIN)/python benchmarks/evidence_pipeline.py
	$(BIN)/python benchmarks/model_documents.py
	$(BIN)/python benchmarks/cms_pages.py
	$(BIN)/python benchmarks/load_api.py
	$(BIN)/python benchmarks/load_pages.py

messages: $(VENV)/.runtime ## Compile the site chrome's translation catalogs (.po to .mo) with Babel
	$(BIN)/pybabel compile --domain django --directory src/tipmon/locale --statistics

vendor: ## Refresh vendored front-end assets from npm (needs node and npm)
	npm ci
	node scripts/vendor_assets.mjs

clean: ## Remove the virtualenv and everything under var/
	rm -rf $(VENV) var
