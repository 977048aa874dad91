# Two commands do everything from a fresh clone: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run serve test test-slow lint setup bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

setup: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	PORT=$(PORT) $(PY) manage.py load_demo_content
	$(PY) manage.py create_demo_accounts

# The development server and the scheduler (scheduled publishing) side by side.
run: setup
	@echo "Serving on http://127.0.0.1:$(PORT)/ (stop with Ctrl-C)"
	PORT=$(PORT) $(PY) -m serving.launch dev

# Production: gunicorn (WEB_CONCURRENCY workers on PORT) and the scheduler, after migrate and
# collectstatic, with the production settings read from the environment (see .env.example).
serve: $(VENV)/.installed
	PORT=$(PORT) $(PY) -m serving.launch serve

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

test: lint
	$(PY) -m pytest -m "not slow"

# Tests that start real servers and tools (marked `slow`); .ci/run runs them on PostgreSQL.
test-slow: $(VENV)/.installed node_modules/.installed
	$(PY) -m pytest -m slow || [ $$? -eq 5 ]  # 5: no slow test collected

# Lighthouse, the Nu HTML Checker and openapi-typescript, pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Requests per second through gunicorn and wrk, cold and warm, at the demo size and with 10,000
# articles per language (a corpus built once in .bench/); then response times and query counts
# of the main pages and API calls in process, uncached, both sizes side by side with ratios.
bench: setup
	$(PY) manage.py benchmark_server
	$(PY) manage.py benchmark --compare sqlite:///$(CURDIR)/.bench/articles-10000.sqlite3 --requests 120 --turns 20

clean:
	rm -rf $(VENV) node_modules db.sqlite3 media .test-media static_collected .cache .bench
