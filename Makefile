# dipkg: `make run` builds the sample graph, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
DIPKG := $(VENV)/bin/dipkg

.PHONY: run test bench install install-dev browser clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Reinstall when the packaging changes.
$(VENV)/.installed: setup.cfg pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[viz,server,notebook]'
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev browser

# Headless Chromium for the page tests (Debian package; needs root, as in CI).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "note: install Debian's chromium for the browser tests (apt-get install chromium)"; fi; }

run: install
	$(DIPKG) build data/articles -o out --store out/store

test: install-dev
	$(PY) -m pytest -q

bench: install-dev
	$(PY) bench/run.py

clean:
	rm -rf out .pytest_cache
