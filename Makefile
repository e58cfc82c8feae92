# The README's two commands: `make run` (set up, then the main job) and `make test` (the whole suite).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test lint bench clean

# With a terminal attached: a 45-minute mock interview. Without one (CI, pipes): the scripted demo.
run: $(VENV)/.runtime
	@if [ -t 0 ] && [ -t 1 ]; then $(BIN)/sdcoach interview feature-store; else $(BIN)/sdcoach interview feature-store --demo; fi

test: $(VENV)/.dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest -q -n auto --maxprocesses 4 --durations=15

bench: $(VENV)/.dev
	$(BIN)/python bench/reader_quality.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/grading.py
	$(BIN)/python bench/interview.py
	$(BIN)/python bench/drills.py
	$(BIN)/python bench/web_pages.py

$(VENV)/.runtime: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	touch $@

$(VENV)/.dev: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	touch $@ $(VENV)/.runtime

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
