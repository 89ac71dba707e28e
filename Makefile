# SIAMO ERP — the README's commands.
SHELL := /bin/bash
PYTHON ?= python3
export PYTHON

.PHONY: test test-tier1 test-tier2 deps run lint

## make test: tier 1 (pure core, static checks, lint) then tier 2 (Odoo tests) when Odoo is importable
test: deps
	@$(PYTHON) tools/run_tests.py

test-tier1: deps
	@$(PYTHON) tools/run_tests.py --tier 1

test-tier2: deps
	@$(PYTHON) tools/run_tests.py --tier 2

## make deps: Debian packages and Python requirements (idempotent)
deps:
	@bash tools/install_deps.sh

## make run: create the demo database "siamo" if missing, then serve on 127.0.0.1:8069
run: deps
	@$(PYTHON) tools/run_server.py

lint:
	@ruff check . && ruff format --check .
