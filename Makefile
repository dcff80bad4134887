# Every target sets up .venv first (pinned by constraints.txt) when it is missing or stale.
# `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings
LAB_OVERRIDES := {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}

.DEFAULT_GOAL := help
.PHONY: help venv notebook-filter reports test test-fast lab validate sample-data benchmark benchmark-quick lint lock clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@# The venv's own kernelspec, for JupyterLab and plain papermill, on IPC (pipeline/notebook/kernelspec.py).
	@# `python -m pipeline build` never looks kernels up: pipeline/build/kernel.py.
	$(PY) -m pipeline.notebook.kernelspec >/dev/null
	@# JupyterLab's settings for this venv: no "get Jupyter news?" toast, no update check (offline).
	mkdir -p $(LAB_SETTINGS)
	echo '$(LAB_OVERRIDES)' > $(LAB_SETTINGS)/overrides.json
	$(MAKE) --no-print-directory notebook-filter
	touch $(STAMP)

notebook-filter: ## commit notebooks without outputs: install nbstripout as this clone's git filter
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
	  $(VENV)/bin/nbstripout --install --attributes .gitattributes && echo "git filter nbstripout installed"; \
	else echo "not a git clone: no notebook filter installed"; fi

venv: $(STAMP) ## create .venv with the pinned dependencies

reports: $(STAMP) ## build the report of every district and year under data/raw into outputs/
	$(PY) -m pipeline build

test: $(STAMP) ## run the whole test suite
	$(PY) -m pytest

test-fast: $(STAMP) ## the unit tests only, no build, property tests on fewer examples (under a minute)
	$(PY) -m pytest tests/unit -m "not slow" -q --hypothesis-profile=quick

lab: $(STAMP) ## open JupyterLab in the venv, at the project's root, on the report notebook
	JUPYTER_PATH=$(CURDIR)/$(VENV)/share/jupyter $(VENV)/bin/jupyter lab $(LAB_ARGS) \
	  --ServerApp.root_dir=$(CURDIR) --LabApp.default_url=/lab/tree/notebooks/district_report.ipynb

validate: $(STAMP) ## check every district's score sheets and list all problems
	$(PY) -m pipeline validate

sample-data: $(STAMP) ## regenerate the sample score sheets in data/raw
	$(PY) -m pipeline sample

benchmark: $(STAMP) ## build vs plain papermill + nbconvert + WeasyPrint (the old engine), medians of 3, and a generated country; writes docs/benchmarks.md (~16 min)
	$(PY) benchmarks/run.py

benchmark-quick: $(STAMP) ## the same, one run on subsets (< 5 min); writes benchmarks/work/quick.md
	$(PY) benchmarks/run.py --quick

lint: $(STAMP) ## ruff check and ruff format --check
	$(VENV)/bin/ruff check pipeline tests benchmarks
	$(VENV)/bin/ruff format --check pipeline tests benchmarks

lock: ## re-pin the whole dependency tree into constraints.txt (after editing pyproject.toml)
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check '.[dev]'
	.lock-venv/bin/pip freeze --exclude-editable | grep -v '^cchc-report' | LC_ALL=C sort -f > constraints.txt
	rm -rf .lock-venv build

clean: ## remove outputs and processed data (raw data is never touched)
	find outputs data/processed -mindepth 1 -not -name .gitkeep -delete
