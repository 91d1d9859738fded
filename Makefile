PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SEED   := fixtures/articles/seed-lavrov-blinken.txt
WHEELS := $(VENV)/wheelhouse

.PHONY: demo test docs wheelhouse fuzz bench typecheck clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(MAKE) --no-print-directory wheelhouse
	touch $@

# Wheels of cleaner's dependencies and of its build backend, so that the packaging
# tests (a fresh virtual environment, pre-commit) install offline: PIP_NO_INDEX, PIP_FIND_LINKS.
wheelhouse: | $(BIN)/python
	$(BIN)/python -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb")); print("\n".join(p["project"]["dependencies"] + p["build-system"]["requires"]))' > $(VENV)/wheelhouse.txt
	$(BIN)/python -m pip wheel --quiet --wheel-dir $(WHEELS) -r $(VENV)/wheelhouse.txt

demo: $(VENV)/.installed
	@echo "== cleaner check $(SEED)"
	-@$(BIN)/cleaner check $(SEED)
	@echo
	@echo "== cleaner fix --diff $(SEED)"
	-@$(BIN)/cleaner fix --diff $(SEED)

test: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m mypy --strict cleaner
	$(BIN)/python -m pytest -q --doctest-modules cleaner tests

# The generated files: the rule reference (docs/rules/) and the rule-file schema beside the
# shipped packs, whose first line points to it. Run after changing a pack or a kind's options.
docs: $(VENV)/.installed
	$(BIN)/cleaner schema > rules/rules.schema.json
	@for f in rules/*.yaml; do head -1 $$f | grep -q '^# yaml-language-server:' || sed -i '1i # yaml-language-server: $$schema=rules.schema.json' $$f; done
	$(BIN)/cleaner rules --format markdown --no-default-rules --rules rules --output-dir docs/rules

fuzz: $(VENV)/.installed
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_properties.py tests/test_rulebook_fuzz.py

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache
