# Two commands for everyone: `make run` opens the app, `make test` runs the whole suite headless.
# Each sets up .venv itself (again whenever pyproject.toml changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APP_STAMP := $(VENV)/.app-installed
TEST_STAMP := $(VENV)/.test-installed
FILE ?=

.PHONY: run test lint typecheck bench demo clean postgres office fonts browser

run: $(APP_STAMP) fonts
	$(BIN)/workshop $(FILE)

# The suite runs one test process per core (pytest-xdist).
test: $(TEST_STAMP) postgres office fonts browser
	QT_QPA_PLATFORM=offscreen MPLBACKEND=Agg $(BIN)/python -m pytest -n auto $(PYTEST_ARGS)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache --no-logo

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache --no-logo

bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/save_ballot.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/phone_ballots.py

# The shared-server tests start a throwaway PostgreSQL server; Debian's `postgresql` package provides it.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
	if [ "$$(id -u)" = 0 ]; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; \
	else \
		echo "The shared-server tests need PostgreSQL: run 'sudo apt-get install -y postgresql', or make test as root."; \
	fi

# The PDF shows every script the room writes in with fonts from Debian (about 25 MB to download): Noto for
# Devanagari, Arabic and Hebrew, Droid Sans Fallback for Chinese and Japanese, Nanum for Korean, Symbola for emoji.
FONT_PACKAGES := fonts-noto-core fonts-droid-fallback fonts-nanum fonts-symbola
fonts:
	@dpkg -s $(FONT_PACKAGES) >/dev/null 2>&1 || \
	if [ "$$(id -u)" = 0 ]; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(FONT_PACKAGES); \
	else \
		echo "The report needs fonts for every script: run 'sudo apt-get install -y $(FONT_PACKAGES)', or make as root."; \
	fi

# The phone ballot page is tested in a real browser: Debian's Chromium, headless, driven by its chromedriver.
browser:
	@[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || \
	if [ "$$(id -u)" = 0 ]; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
			chromium chromium-driver; \
	else \
		echo "The phone page tests need Chromium: run 'sudo apt-get install -y chromium chromium-driver', or make test as root."; \
	fi

# The deck and workbook tests open the files in LibreOffice Impress and Calc, headless (about a minute to
# install without the recommended extras, which the conversion to PDF does not need).
office:
	@command -v soffice >/dev/null 2>&1 || \
	if [ "$$(id -u)" = 0 ]; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
			libreoffice-impress libreoffice-calc; \
	else \
		echo "The deck and workbook tests need LibreOffice: run 'sudo apt-get install -y libreoffice-impress libreoffice-calc', or make test as root."; \
	fi

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
		{ echo "This app needs Python 3.11 or newer; '$(PYTHON)' is older. Run: make PYTHON=python3.11 ..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(APP_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(APP_STAMP)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
