# `make serve` and `make test` do all set-up on a fresh machine (`make setup`).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install setup system-packages serve test lint bench bench-data soak clean

# Python packages: reinstalled only when pyproject.toml changes.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first: pip takes the CPU wheel from local disk; any other pulls a CUDA build.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Debian packages (Chromium, Tesseract and its languages, antiword): checked every time, fast.
system-packages:
	bash scripts/setup-system.sh

install: $(STAMP)

setup: $(STAMP) system-packages

serve: setup
	$(BIN)/letters serve

test: setup
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

# BENCH_SIZES=1000,10000 by default; `make bench-data` first lets `make bench BENCH_SIZES=100000`
# reuse a 100k-paragraph corpus and index built once in data/bench/.
BENCH_SIZES ?= 1000,10000
bench: setup
	$(BIN)/python scripts/bench.py --sizes $(BENCH_SIZES) --cache data/bench

bench-data: $(STAMP)
	$(BIN)/python scripts/bench.py --sizes 100000 --cache data/bench --build-only

# Load, load during an ingest, SIGKILLed ingests (long: ~10 min); tests/test_soak.py runs a
# short variant in the suite.
soak: $(STAMP)
	$(BIN)/python scripts/soak.py

clean:
	rm -rf $(VENV) data/index
