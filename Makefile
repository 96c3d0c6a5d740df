# cartmine: the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
OUT ?= out/sample

.PHONY: run test venv install install-dev lint clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

install: $(VENV)/bin/activate
	$(PIP) install -q -e .

# torch is pinned to the CPU wheel (2.13.0); an unpinned torch would pull CUDA packages
install-dev: $(VENV)/bin/activate
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e ".[dev,dask,transformers]"

## Extract records from the bundled sample corpus, then aggregate them and draw the report.
run: install
	$(VENV)/bin/cartmine extract corpora/sample/articles.jsonl -o $(OUT)/ --jsonl --overwrite
	$(VENV)/bin/cartmine aggregate $(OUT) -o $(OUT)/summary.csv
	$(VENV)/bin/cartmine report $(OUT) -o $(OUT)/report.html
	@echo "records: $(OUT)/records/  results: $(OUT)/results/  summary: $(OUT)/summary.csv  report: $(OUT)/report.html"

## Install everything (dev extras, CPU torch) and run the test suite.
test: install-dev
	$(VENV)/bin/ruff check cartmine scripts tests
	$(PY) -m pytest -q -p no:cacheprovider

lint: $(VENV)/bin/activate
	$(VENV)/bin/ruff check cartmine scripts tests

clean:
	rm -rf $(VENV) out build dist *.egg-info
