# ExChange: Care and Education – every command a contributor needs.
# `make build` and `make test` set everything up on a fresh machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup build serve check test test-fast system-deps new-case-study clean lock
.PHONY: check-deps test-fast-deps node-deps node-dev-deps links links-external html check-site check-all
.PHONY: bench-search search-precision
.PHONY: bench lighthouse bench-preview
.PHONY: translation-export translation-import bench-translation

help:
	@echo "make build            set up and build the site into site/ (strict)"
	@echo "make serve            live preview on http://127.0.0.1:8000 (DEV_ADDR=0.0.0.0:8000 in a container)"
	@echo "make lock             pin requirements.in's packages with hashes into requirements.txt"
	@echo "make check            run every content check (built site included: links, HTML)"
	@echo "make check-all        make check, and the accessibility tests on every page"
	@echo "make links            check every link and anchor between the site's pages (offline)"
	@echo "make links-external   check links to other sites (online); report in .cache/link-report.md"
	@echo "make test             set up (Debian packages included) and run all tests"
	@echo "make new-case-study   write a new case study in both languages from the template"
	@echo "make translation-export  what waits for Welsh, as XLIFF (+ glossary TBX, TMX) in translations/out/"
	@echo "make translation-import FILE=...  write a translated XLIFF file into the Welsh files, then check them"
	@echo "make bench-translation  the translation package on the real pages: units, words, times, fidelity"
	@echo "make bench            build times, memory, output and page weight at 100/500/1,000 case studies; Lighthouse"
	@echo "make lighthouse       Lighthouse (mobile) scores of every page type in both languages"
	@echo "make bench-preview    how long an edited case study takes to show under make serve (1,000 case studies)"

# Python 3.11 or newer (scripts/check_python.py says so plainly to an older one). Every package
# comes from requirements.txt, pinned with the hashes of its files (`make lock` writes it from
# requirements.in); the project itself is installed without dependencies.
$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) scripts/check_python.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

# Build and preview need only Python, Node/npm and Git, and no root: the search index reads the
# Welsh dictionary (npm dictionary-cy), which node-deps installs.
build: $(STAMP) node-deps
	$(BIN)/mkdocs build --strict --clean

# DEV_ADDR: where the preview listens. 127.0.0.1 (this computer only) by default; the dev
# container (.devcontainer/) uses 0.0.0.0:8000 so that its forwarded port reaches it.
DEV_ADDR ?= 127.0.0.1:8000
serve: $(STAMP) node-deps
	$(BIN)/mkdocs serve --strict --dirty --dev-addr $(DEV_ADDR)

# requirements.txt from requirements.in: every package pinned with its hashes, for Python 3.11
# to 3.13 on every system (uv's universal resolution). Needs PyPI; keeps the versions already
# in requirements.txt unless requirements.in asks for others (UPGRADE=1: the newest allowed).
lock: $(STAMP)
	$(BIN)/uv pip compile requirements.in --universal --python-version 3.11 --generate-hashes \
	  --custom-compile-command "make lock" --quiet $(if $(UPGRADE),--upgrade) -o requirements.txt

check: $(STAMP) check-deps node-deps
	$(BIN)/python scripts/check_case_studies.py
	$(BIN)/python scripts/check_resources.py
	$(BIN)/python scripts/check_news.py
	$(BIN)/python scripts/check_events.py
	$(BIN)/python scripts/check_translations.py
	$(BIN)/python scripts/check_contacts.py
	$(BIN)/python scripts/check_glossary.py
	$(BIN)/python scripts/check_organisation_names.py
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
$(NODE_STAMP): package.json package-lock.json | $(STAMP)
	@$(BIN)/python -m exchange.core.system_packages build
	npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# Lighthouse (a devDependency, about 200 MB) only for the benchmarks.
NODE_DEV_STAMP := node_modules/.installed-dev
$(NODE_DEV_STAMP): package.json package-lock.json | $(STAMP)
	@$(BIN)/python -m exchange.core.system_packages build
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP) $(NODE_DEV_STAMP)

node-dev-deps: $(NODE_DEV_STAMP)

node-deps: $(NODE_STAMP)

# Programs from outside Python and npm, installed only by the targets that use them: Hunspell and
# its British English dictionary (the Welsh spell check; the dictionary tells English left on a
# Welsh page from a misspelling) and Java (the HTML checker) for the checks; Chromium too for
# the browser tests. With apt-get and root (CI, the dev container) they are installed;
# otherwise exchange/core/system_packages.py names the package for Debian/Ubuntu, macOS and Fedora.
check-deps: $(STAMP)
	@$(BIN)/python -m exchange.core.system_packages check

system-deps: $(STAMP)
	@$(BIN)/python -m exchange.core.system_packages test

test-fast-deps: $(STAMP)
	@$(BIN)/python -m exchange.core.system_packages test-fast

test: $(STAMP) system-deps node-deps
	$(BIN)/python -m pytest

test-fast: $(STAMP) test-fast-deps node-deps
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

# Welsh translation in the translator's own tool (exchange/welsh/translation_package.py; see
# "Translating in your own tool" in CONTRIBUTING.md). translations/out/ is not committed.
translation-export: $(STAMP)
	$(BIN)/python scripts/translation_export.py

# The spelling check of what was imported needs the Welsh dictionary (node-deps, check-deps).
translation-import: $(STAMP) check-deps node-deps
	$(BIN)/python scripts/translation_import.py $(FILE)

# The package on the project's real pages: every Welsh file exported, filled with its real
# Welsh and imported in a temporary copy; units, words, times, and how much comes back identical.
bench-translation: $(STAMP)
	$(BIN)/python scripts/bench_translation.py

clean:
	rm -rf site .pytest_cache
