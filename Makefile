# Two commands do all the set-up on a fresh machine with Python 3.10+:
#   make run    build the environment, validate the graph and print what it holds
#   make test   build the environment and the test tools, then run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

# The ontology's profile test runs the OWL API's profile checkers (Debian package
# libowlapi-java, with a JDK to compile the small checker) and the HermiT reasoner
# (bundled with owlready2, a test dependency in pyproject.toml). Installing the
# Debian packages needs root, or sudo.
OWLAPI_JAR ?= /usr/share/java/owlapi-distribution.jar
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The JSON-LD tests read exports with a second processor, jsonld.js, run by node;
# `npm ci` installs the version pinned in tests/js/package-lock.json.
JS_DIR     ?= tests/js

# The web page's test drives Debian's chromium through chromium-driver (selenium);
# nothing downloads a browser build.
CHROMEDRIVER ?= /usr/bin/chromedriver

# The remote-engine tests start two real SPARQL servers: the oxigraph server (PyPI,
# in the test extra) and Virtuoso 7, the DBpedia engine (Debian's package).
VIRTUOSO ?= /usr/bin/virtuoso-t

.PHONY: run test install test-deps js-deps browser-deps engine-deps screenshot bench clean

$(BIN)/dngraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/dngraph

run: install
	$(BIN)/dngraph validate
	$(BIN)/dngraph stats

js-deps:
	@if ! command -v npm >/dev/null 2>&1; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends nodejs npm; \
	fi
	cd $(JS_DIR) && npm ci --no-audit --no-fund --silent

test-deps: install js-deps browser-deps engine-deps
	@if ! command -v javac >/dev/null 2>&1 || [ ! -f $(OWLAPI_JAR) ]; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends \
			default-jdk-headless libowlapi-java; \
	fi

browser-deps:
	@if [ ! -x $(CHROMEDRIVER) ] || ! command -v chromium >/dev/null 2>&1; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends \
			chromium chromium-driver; \
	fi

engine-deps:
	@if [ ! -x $(VIRTUOSO) ]; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends \
			virtuoso-opensource-7-bin; \
	fi

# Refresh docs/screenshot-{home,timeline,sources}.png from the browser test.
screenshot: test-deps
	DNGRAPH_SCREENSHOTS=docs $(BIN)/python -m pytest -q tests/test_serve_browser.py

test: test-deps
	$(BIN)/python -m pytest

# The benchmark (python -m bench): dngraph's steps at 10^3..10^6 triples beside their baselines,
# with the Rust baselines (reasonable, pyrudof) installed.
bench: install
	$(BIN)/python -m pip install --quiet reasonable pyrudof
	$(BIN)/python -m bench --json bench-latest.json

clean:
	rm -rf $(VENV) .dngraph-cache build dist $(JS_DIR)/node_modules
