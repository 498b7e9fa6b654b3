# pm-desktop — the two commands a newcomer needs are `make run` and `make test`.
# Both create .venv when missing and (re)install the project with its test extras when
# pyproject.toml or setup.py changed, so they work on a fresh clone with only Python 3.11+.

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint bench screenshots package clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "pm-desktop needs Python 3.11 or newer (python3.11 not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml setup.py | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	# The build backend's notes about editable installs are for packagers, not for a newcomer.
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/pm-desktop --demo

lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py

package: setup
	$(BIN)/python packaging/build.py

# Renders every view in every theme into build/screenshots, then refreshes the few that the
# README and the AppStream metainfo show (docs/screenshots keeps only those).
README_SHOTS := light-timeline light-evidence light-whys light-board dark-presentation-timeline \
	light-library-reviews light-library-followups light-library-trends \
	light-import-preview
screenshots: setup
	rm -rf build/screenshots
	QT_QPA_PLATFORM=offscreen $(BIN)/pm-desktop screenshot --demo --out build/screenshots --theme all --size 1600x1000
	for s in $(README_SHOTS); do cp build/screenshots/$$s.png docs/screenshots/; done

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .hypothesis
