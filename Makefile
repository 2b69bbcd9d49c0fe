# ExChange: Care and Education – every command a contributor needs.
# `make build` and `make test` set everything up on a fresh machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup build serve check test test-fast system-deps new-case-study clean
.PHONY: check-deps node-deps node-dev-deps links links-external html check-site check-all
.PHONY: bench-search search-precision
.PHONY: bench lighthouse bench-preview

help:
	@echo "make build            set up and build the site into site/ (strict)"
	@echo "make serve            live preview on http://127.0.0.1:8000"
	@echo "make check            run every content check (built site included: links, HTML)"
	@echo "make check-all        make check, and the accessibility tests on every page"
	@echo "make links            check every link and anchor between the site's pages (offline)"
	@echo "make links-external   check links to other sites (online); report in .cache/link-report.md"
	@echo "make test             set up (Debian packages included) and run all tests"
	@echo "make new-case-study   write a new case study in both languages from the template"
	@echo "make bench            build times, memory, output and page weight at 100/500/1,000 case studies; Lighthouse"
	@echo "make lighthouse       Lighthouse (mobile) scores of every page type in both languages"
	@echo "make bench-preview    how long an edited case study takes to show under make serve (1,000 case studies)"

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is needed (found %d.%d): set PYTHON=python3.11" % sys.version_info[:2])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

# The search index reads the Welsh dictionary (npm dictionary-cy): node-deps installs it.
build: $(STAMP) check-deps node-deps
	$(BIN)/mkdocs build --strict --clean

serve: $(STAMP) check-deps node-deps
	$(BIN)/mkdocs serve --strict --dirty --dev-addr 127.0.0.1:8000

check: $(STAMP) check-deps node-deps
	$(BIN)/python scripts/check_case_studies.py
	$(BIN)/python scripts/check_resources.py
	$(BIN)/python scripts/check_news.py
	$(BIN)/python scripts/check_events.py
	$(BIN)/python scripts/check_translations.py
	$(BIN)/python scripts/check_contacts.py
	$(BIN)/python scripts/check_glossary.py
	$(BIN)/python scripts/check_easy_read.py
	$(BIN)/python scripts/check_statistics.py
	$(BIN)/python scripts/check_safety.py
	@$(MAKE) --no-print-directory check-site

# The built site's checks (part of `make check`): links and anchors, valid HTML, unique titles,
# no live code (an event attribute, a script address, an inline script the page's policy does not allow).
check-site: build check-deps node-deps
	$(BIN)/python scripts/check_links.py site
	$(BIN)/python scripts/check_html.py site
	$(BIN)/python scripts/check_safety.py site

links: build
	$(BIN)/python scripts/check_links.py site

# Online, politely (two requests at a time per host, a pause between them), with a cache in
# .cache/lychee; a weekly GitHub workflow runs it and opens an issue with the report.
links-external: build
	@mkdir -p .cache
	$(BIN)/python scripts/check_links.py --external site --report .cache/link-report.md

html: build check-deps node-deps
	$(BIN)/python scripts/check_html.py site

# Every content check, and axe on every page of the site (`make test` runs it on one page of
# each page type).
check-all: check system-deps
	EXCHANGE_AXE_ALL_PAGES=1 $(BIN)/python -m pytest tests/quality/test_accessibility.py

# npm packages the checks use (package-lock.json pins them): the Welsh Hunspell dictionary and
# the Nu HTML Checker. --ignore-scripts: vnu-jar's install script would download a Java of
# its own; Debian's is used instead (check-deps).
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# Lighthouse (a devDependency, about 200 MB) only for the benchmarks.
NODE_DEV_STAMP := node_modules/.installed-dev
$(NODE_DEV_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP) $(NODE_DEV_STAMP)

node-dev-deps: $(NODE_DEV_STAMP)

node-deps: $(NODE_STAMP)

# Debian packages the content checks need: Hunspell (Welsh spelling; its British English
# dictionary tells English left on a Welsh page from a misspelling), Java (the HTML checker),
# npm (the two npm packages above).
check-deps:
	@missing=""; \
	command -v hunspell >/dev/null 2>&1 || missing="$$missing hunspell"; \
	[ -f /usr/share/hunspell/en_GB.dic ] || missing="$$missing hunspell-en-gb"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

# Debian packages the browser tests need. CI runs as root on a fresh machine.
system-deps: check-deps
	@if ! command -v chromium >/dev/null 2>&1; then \
	  echo "Installing Debian packages: chromium"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

test: $(STAMP) system-deps node-deps
	$(BIN)/python -m pytest

test-fast: $(STAMP) node-deps
	$(BIN)/python -m pytest -m "not browser"

# Search figures (exchange/search/index.py). bench-search: transfer and latency on a site with 1,000
# case studies (a part of `make bench`, whose other parts belong to the site's own benchmark);
# search-precision: precision of the Welsh search on real queries, per folding strategy.
bench-search: $(STAMP) system-deps node-deps
	$(BIN)/python scripts/bench_search.py

search-precision: $(STAMP) check-deps node-deps
	$(BIN)/python scripts/search_precision.py

# Performance and scale (scripts/bench.py, exchange/quality/page_weight.py). bench: synthetic sites of
# 100, 500 and 1,000 case studies in both languages built from clean (medians of 3 builds; the
# default way of the stack once per size, for the ratio), then Lighthouse on every page type.
# About 15 minutes on 2 cores; e.g. `make bench BENCH_ARGS="--sizes 100 --repeat 1"`.
# Times are only measured here; the deterministic budgets are tests (tests/quality/test_budgets.py).
bench: $(STAMP) system-deps node-dev-deps
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)
	$(BIN)/python scripts/lighthouse.py

lighthouse: $(STAMP) system-deps node-dev-deps
	$(BIN)/python scripts/lighthouse.py $(LIGHTHOUSE_ARGS)

bench-preview: $(STAMP)
	$(BIN)/python scripts/bench_preview.py

new-case-study: $(STAMP)
	$(BIN)/python scripts/new_case_study.py

clean:
	rm -rf site .pytest_cache
