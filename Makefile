# Two commands on a fresh machine:  make run  (the assistant)  and  make test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test setup setup-test bench clean

run: setup
	$(BIN)/openup $(ARGS)

test: setup-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

setup: $(VENV)/.installed-run
setup-test: $(VENV)/.installed-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	scripts/system-deps.sh run
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	scripts/system-deps.sh test
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed-run

bench: setup-test
	$(BIN)/python bench/intents.py

clean:
	rm -rf $(VENV) build *.egg-info
