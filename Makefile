# One definition of every task; `make help` lists them. Everything installs into .venv from requirements.lock.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
ADDR ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help setup docs build serve test check golden lint format bench lock clean new status hooks stamp browser-deps shots

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{ printf "  %-12s %s\n", $$1, $$2 }'

$(INSTALLED): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

setup: $(INSTALLED) ## create .venv from the pinned, hashed requirements.lock

# npm ci --ignore-scripts: vnu-jar's install script would download a Java runtime; Debian's is used instead.
$(NODE_INSTALLED): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

browser-deps: $(INSTALLED) $(NODE_INSTALLED) ## install what the browser tests need: Chromium, CJK fonts, Java, npm checkers
	bash scripts/install-system-deps.sh

docs: $(INSTALLED) ## convert seeds/ into Markdown pages under docs/articles/
	$(PY) scripts/build.py

new: $(INSTALLED) ## add an article: make new FILE=source.txt (or paste into standard input)
	$(PY) scripts/new.py $(if $(FILE),"$(FILE)")

stamp: $(INSTALLED) ## record that a translation matches its original now: make stamp FILE=seeds/<seed>.en.txt
	$(if $(FILE),,$(error give the translation to stamp: make stamp FILE=seeds/<seed>.en.txt))
	$(PY) scripts/status.py --stamp "$(FILE)"

status: $(INSTALLED) ## list every article's original language and the state of each language
	$(PY) scripts/status.py

hooks: ## install a git pre-commit hook that runs `make check` when seeds/ changes
	mkdir -p .git/hooks && printf '#!/bin/sh\n# Installed by `make hooks`: check the archive before a commit that touches seeds/.\ngit diff --cached --name-only | grep -q "^seeds/" || exit 0\nexec make check\n' > .git/hooks/pre-commit
	chmod +x .git/hooks/pre-commit

check: $(INSTALLED) ## validate seeds, metadata, translations and tags without writing anything
	$(PY) scripts/build.py --check

build: $(INSTALLED) ## build docs/ and the static site into site/: both languages and the search at once (warnings are errors)
	$(PY) scripts/build_site.py site

serve: docs ## build the pages and serve the archive at http://$(ADDR)/
	$(VENV)/bin/mkdocs serve --dev-addr $(ADDR)

test: build browser-deps ## build the site, then run every test, browser checks included
	SITE_DIR=site $(PY) -m pytest

shots: build browser-deps ## save PNGs of the checked pages at phone and laptop size (OUT=/tmp/shots)
	$(PY) scripts/screenshots.py --out $(or $(OUT),/tmp/shots)

golden: $(INSTALLED) ## regenerate tests/golden/ from the five founding seeds (review the diff like code)
	env -u SITE_URL $(PY) tests/golden_build.py

lint: $(INSTALLED) ## lint and check formatting
	$(VENV)/bin/ruff check scripts tests
	$(VENV)/bin/ruff format --check scripts tests

format: $(INSTALLED) ## format the code
	$(VENV)/bin/ruff format scripts tests
	$(VENV)/bin/ruff check --fix scripts tests

bench: $(INSTALLED) ## time the build script per article on a synthetic archive (N=articles)
	$(PY) scripts/bench.py --articles $(or $(N),1000)

lock: ## re-pin requirements.lock from requirements.in (needs network to PyPI)
	$(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet pip-tools==7.6.2
	.venv-lock/bin/pip-compile --quiet --generate-hashes --strip-extras --no-emit-index-url --output-file requirements.lock requirements.in
	rm -rf .venv-lock

clean: ## remove generated pages, the built site, the virtual environment and node_modules
	rm -rf docs/articles site $(VENV) node_modules
