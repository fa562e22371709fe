# Jixiao — the two commands a newcomer needs are `make run` and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
SEED   := jixiao/demo/seed_287001_2021.txt

.PHONY: install run test lint fmt bench typecheck

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	$(VENV)/bin/jixiao show $(SEED)

lint: install
	$(VENV)/bin/ruff check jixiao tests bench
	$(VENV)/bin/ruff format --check jixiao tests bench

typecheck: install
	$(VENV)/bin/mypy

test: lint typecheck
	$(PY) -m pytest

fmt: install
	$(VENV)/bin/ruff format jixiao tests bench
	$(VENV)/bin/ruff check --fix jixiao tests bench

bench: install
	$(PY) bench/run.py
