# The two commands a fresh machine needs (see README):
#   make demo   run the platform with demo content on SQLite at http://127.0.0.1:8000
#   make test   run the whole test suite against real Elasticsearch (and PostgreSQL
#               when DATABASE_URL points at it, as in .ci/run)
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install --quiet --disable-pip-version-check -c requirements/constraints.txt

.PHONY: demo test lint install install-dev lock worker

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	scripts/system-packages.sh demo
	$(PIP) -e .
	npm ci --no-audit --no-fund

# npm and pip side by side: neither waits for the other's downloads.
install-dev: $(BIN)/python
	scripts/system-packages.sh test
	npm ci --no-audit --no-fund & npm=$$!; \
	$(PIP) -e ".[dev]" || { wait $$npm; exit 1; }; \
	wait $$npm

demo: install
	scripts/demo.sh

test: install-dev lint
	scripts/elasticsearch.sh start
	$(BIN)/pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

worker: install
	$(BIN)/python manage.py db_worker

lock: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]" --upgrade
	{ echo "# Exact versions of every Python package, for reproducible installs."; \
	  echo "# Regenerate with: make lock"; \
	  $(BIN)/pip freeze --exclude-editable | grep -v '^kennisbank'; } > requirements/constraints.txt
