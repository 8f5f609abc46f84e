# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint format messages lock clean

## run: set up everything (venv, dependencies, database, demo data and users) and serve the portal
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo
	@echo "  Portal: http://$(HOST):$(PORT)/  (log in at http://$(HOST):$(PORT)/masuk/ with a demo user above)"
	@echo "  Admin:  http://$(HOST):$(PORT)/admin/"
	@echo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: the whole test suite (SQLite by default; PostgreSQL when DATABASE_URL is set)
test: install
	$(BIN)/pytest

install: $(VENV)/.installed

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## messages: refresh the Indonesian catalogue and compile it (needs gettext); commit both files
messages: install
	$(BIN)/python manage.py makemessages -l id --no-location --ignore=.venv --ignore=staticfiles
	$(BIN)/python manage.py compilemessages -l id --ignore=.venv

## lock: after changing pyproject.toml, pin the whole dependency tree again (needs pip-tools)
lock:
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url \
		--no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) staticfiles .test-media test-artifacts db.sqlite3
