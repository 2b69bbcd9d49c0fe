# ExChange: Care and Education – every command a contributor needs.
# `make build` and `make test` set everything up on a fresh machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup build serve check test test-fast system-deps new-case-study clean

help:
	@echo "make build            set up and build the site into site/ (strict)"
	@echo "make serve            live preview on http://127.0.0.1:8000"
	@echo "make check            run every content check"
	@echo "make test             set up (Debian packages included) and run all tests"
	@echo "make new-case-study   write a new case study in both languages from the template"

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is needed (found %d.%d): set PYTHON=python3.11" % sys.version_info[:2])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

build: $(STAMP)
	$(BIN)/mkdocs build --strict --clean

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

check: $(STAMP)
	$(BIN)/python scripts/check_case_studies.py
	$(BIN)/python scripts/check_contacts.py
	$(BIN)/python scripts/check_glossary.py
	$(BIN)/python scripts/check_easy_read.py

# Debian packages the browser tests need. CI runs as root on a fresh machine.
system-deps:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  echo "Installing Debian packages: chromium"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

test: $(STAMP) system-deps
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser"

new-case-study: $(STAMP)
	$(BIN)/python scripts/new_case_study.py

clean:
	rm -rf site .pytest_cache
