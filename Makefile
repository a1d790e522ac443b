# dockercli: `make demo` runs the main job, `make test` runs the tests. Both set up .venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-dev
# The package alone: what the demo and the engine commands need.
PKG_STAMP := $(VENV)/.installed
ENGINE_ROOT ?= /tmp/dockercli-engine

.PHONY: test test-slow test-slow-parsers test-slow-ownership test-compat check demo engine engine-stop bench fmt exports clean

define new_venv
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
endef

$(STAMP): pyproject.toml
	$(new_venv)
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

$(PKG_STAMP): pyproject.toml
	$(new_venv)
	$(PY) -m pip install -q -e .
	touch $@

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

FUZZ_STAMP := $(VENV)/.installed-fuzz

$(FUZZ_STAMP): $(STAMP)
	$(PY) -m pip install -q -e '.[dev,fuzz]'
	touch $@

# The long runs: Hypothesis (at least 10,000 examples per parser; `make test` runs 200 each),
# atheris's coverage-guided fuzzing of the same parsers, and the ownership state machine
# (at least 2,000 operations on the fake). Two halves of about equal length, which CI runs
# side by side (`make -j2 test-slow` does too).
test-slow: test-slow-parsers test-slow-ownership

test-slow-parsers: $(FUZZ_STAMP)
	$(PY) -m pytest -m slow -p no:cacheprovider tests/unit/test_parser_properties.py tests/fuzz

test-slow-ownership: $(STAMP)
	$(PY) -m pytest -m slow -p no:cacheprovider tests/contract/test_ownership_property.py

# The tests that need no engine on Python 3.9 and 3.13 (pyenv's), each in .venv-<version>,
# the fake under that Python too (tests/fake on the first version only: .ci/compat).
COMPAT_PYTHONS ?= 3.9 3.13
test-compat:
	bash .ci/compat $(COMPAT_PYTHONS)

check: $(STAMP)
	$(PY) -m ruff check lib tests bench examples tools
	$(PY) -m ruff format --check lib tests bench examples tools
	$(PY) -m mypy --strict lib tests tools

# The export lists (dockercli, .options, .models, .parsers) and the README's option
# tables, from the definitions: run after adding an option class, a model or a parser.
exports: $(STAMP)
	$(PY) tools/exports.py
	$(PY) -m tests.docs.options_table --write

fmt: $(STAMP)
	$(PY) -m ruff format lib tests bench examples tools
	$(PY) -m ruff check --fix lib tests bench examples tools

demo: $(PKG_STAMP)
	$(PY) examples/demo.py

engine: $(PKG_STAMP)
	@$(PY) -m dockercli.testing.engine start --root $(ENGINE_ROOT)

engine-stop: $(PKG_STAMP)
	@$(PY) -m dockercli.testing.engine stop --root $(ENGINE_ROOT)

BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install -q -e '.[dev,bench]'
	touch $@

bench: $(BENCH_STAMP)
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .venv-* .pytest_cache .mypy_cache .ruff_cache .hypothesis
