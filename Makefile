# backcheck: every target installs what it needs (idempotent), so each works on a fresh machine.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BC     := $(VENV)/bin/backcheck
SHARED ?= ../shared

.PHONY: demo test bench eval venv apertium browser clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# the CPU build of torch first: a bare "torch" requirement would pull a CUDA build
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev,cluster]'
	touch $@

venv: $(VENV)/.installed

apertium:
	bash scripts/system-deps.sh apertium

browser:
	bash scripts/system-deps.sh browser

demo: venv apertium
	$(BC) check examples/article.json; test $$? -le 1

test: venv apertium browser
	$(PY) -m pytest

bench: venv apertium
	$(PY) benchmarks/run.py

eval: venv apertium
	$(PY) benchmarks/eval.py --shared $(SHARED)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
