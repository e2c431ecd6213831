# Two commands do all the set-up on a fresh machine with Python 3.10+:
#   make run    build the environment, validate the graph and print what it holds
#   make test   build the environment and run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: run test install bench clean

$(BIN)/dngraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/dngraph

run: install
	$(BIN)/dngraph validate
	$(BIN)/dngraph stats

test: install
	$(BIN)/python -m pytest

# The benchmark (python -m bench): dngraph's steps at 10^3..10^6 triples beside their baselines,
# with the Rust baselines (reasonable, pyrudof) installed.
bench: install
	$(BIN)/python -m pip install --quiet reasonable pyrudof
	$(BIN)/python -m bench --json bench-latest.json

clean:
	rm -rf $(VENV) .dngraph-cache build dist
