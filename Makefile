# The two commands of the README: `make run` and `make test`. Everything else is a helper.
# Without DATABASE_URL both use the project's own PostgreSQL (cilegon_umkm/local_postgres/,
# data in .pgdata/), started when needed and stopped when the last command using it ends.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Tests on both cores, a database per worker; `make test WORKERS=0` runs them in one process.
WORKERS ?= 2
PYTEST := $(BIN)/pytest $(if $(filter 0,$(WORKERS)),,-n $(WORKERS) --dist loadgroup)
FAST := not e2e and not slow and not resilience

.PHONY: run test test-fast install lint typecheck format messages lock clean

## run: set up everything (venv, dependencies, database, demo data and users) and serve the portal
run: install
	@$(BIN)/python manage.py setup_demo
	@echo
	@echo "  Portal: http://$(HOST):$(PORT)/  (log in at http://$(HOST):$(PORT)/masuk/ with a demo user above)"
	@echo "  Admin:  http://$(HOST):$(PORT)/admin/"
	@echo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: the whole test suite, browser and resilience tests included
test: install
	$(PYTEST)

## test-fast: everything but browser (e2e), slow and resilience tests
test-fast: install
	$(PYTEST) -m "$(FAST)"

install: $(VENV)/.installed

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.lock
	touch $@

## lint: ruff on the Python, then djlint on the templates (rules, line length, layout)
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint
	$(BIN)/djlint templates --check

## typecheck: mypy over the services, selectors, stats and pure rules ([tool.mypy] in pyproject.toml)
typecheck: install
	$(BIN)/mypy

## format: ruff and djlint rewrite what they can; a template line still too long is broken by hand
format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djlint templates --reformat --warn  # --warn: a file it rewrote is no failure

## messages: refresh the Indonesian catalogue and compile it (needs gettext); commit both files
messages: install
	$(BIN)/python manage.py makemessages -l id --no-location --ignore=.venv --ignore=staticfiles
	$(BIN)/python manage.py compilemessages -l id --ignore=.venv

## lock: after changing pyproject.toml, pin both dependency sets again: production's
## (requirements.lock) and, constrained to the same versions, development's
lock: install
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
		-o requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url \
		--no-emit-find-links -c requirements.lock -o requirements-dev.lock pyproject.toml

## clean: stop the project's PostgreSQL and remove it with its data, the venv and build output
clean:
	-@[ -x $(BIN)/python ] && $(BIN)/python -m cilegon_umkm.local_postgres stop
	rm -rf .pgdata $(VENV) staticfiles .test-media test-artifacts
