# One command to set up and run the main job, one to set up and run the tests.
#   make serve   build the graph from the bundled corpus and serve the API on http://127.0.0.1:8000/
#   make test    run the whole test suite (what CI runs)
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup serve build test bench lint clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/.installed

build: setup
	$(BIN)/bestuursgraaf build

serve: build
	$(BIN)/bestuursgraaf serve --host $(HOST) --port $(PORT)

test: setup
	(command -v chromium && command -v chromedriver) >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null)
	command -v virtuoso-t >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends virtuoso-opensource >/dev/null 2>&1) \
		|| echo "virtuoso-opensource could not be installed: the Virtuoso tests will skip"
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python benchmarks/store_compare.py

lint: setup
	$(BIN)/ruff check bestuursgraaf graph api tests benchmarks evaluation

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
