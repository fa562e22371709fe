# Jixiao — the two commands a newcomer needs are `make run` and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
DATA   ?= data
PORT   ?= 8000

.PHONY: install system-deps run test test-sqlite test-postgres lint fmt bench typecheck corpus

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# What the tests need from Debian: Chromium (browser tests), poppler-utils (pdffonts/pdftotext/pdftoppm),
# PostgreSQL 15 (a throw-away cluster), nginx (the single-server deployment test; Debian does not start the
# service where policy-rc.d forbids it, and the test runs its own nginx on loopback). Installed only when missing.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v pdffonts >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing="$$missing postgresql-15"; \
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$$missing nginx-light"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

run: install
	JIXIAO_DATA_DIR=$(DATA) $(VENV)/bin/jixiao serve --demo --port $(PORT)

lint: install
	$(VENV)/bin/ruff check jixiao tests bench
	$(VENV)/bin/ruff format --check jixiao tests bench
	$(VENV)/bin/lint-imports

typecheck: install
	$(VENV)/bin/mypy

test-sqlite: install system-deps
	$(PY) -m pytest

# The suite again on PostgreSQL 15: every test that touches the database runs on a throw-away cluster.
test-postgres: install system-deps
	$(PY) -m tests.pgcluster $(PY) -m pytest -m "django_db or browser"

test: lint typecheck test-sqlite test-postgres

fmt: install
	$(VENV)/bin/ruff format jixiao tests bench
	$(VENV)/bin/ruff check --fix jixiao tests bench

bench: install
	$(PY) bench/run.py
	$(PY) -m tests.corpus.harness

# Reading accuracy on the corpus of real documents (tests/corpus): figures per field, family and kind (docs/reading.md)
corpus: install
	$(PY) -m tests.corpus.harness --documents
