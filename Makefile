# The two commands: `make run` (set up everything, run web + worker) and `make test`.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# WeasyPrint's libraries and a base font, and redis-server for the embedded broker.
RUNTIME_APT := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core \
	redis-server
# A docker client without the compose plugin gets Debian's docker-compose to check the file.
COMPOSE_APT := $(shell command -v docker >/dev/null 2>&1 && \
	! docker compose version >/dev/null 2>&1 && echo docker-compose)
TEST_APT := $(RUNTIME_APT) chromium poppler-utils $(COMPOSE_APT)

.PHONY: run test lint typecheck compose-check system-deps test-system-deps clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Storygen needs Python 3.11 or newer ($(PYTHON) is older)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

system-deps:
	@APT="$(RUNTIME_APT)" sh .ci/apt-ensure

test-system-deps:
	@APT="$(TEST_APT)" sh .ci/apt-ensure

# The first start writes .env (a new secret key; never over an existing file), which manage.py
# reads too, so every command run from this folder later finds the same settings.
# STORYGEN_LOCAL_RUN: plain http on this computer, production otherwise (no debug pages);
# `DJANGO_DEBUG=true make run` for Django's debug pages.
run: system-deps $(VENV)/.runtime
	@mkdir -p var
	@$(BIN)/python -m storygen.envfile
	@export STORYGEN_LOCAL_RUN="$${STORYGEN_LOCAL_RUN:-true}"; \
	$(BIN)/python manage.py migrate --noinput -v 0 && \
	$(BIN)/python manage.py ensure_demo_user && \
	$(BIN)/python manage.py active_provider && \
	exec $(BIN)/python -m storygen.embedded "$(HOST):$(PORT)"

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(VENV)/.dev
	$(BIN)/mypy

# docker-compose.yml must stay valid. `docker compose config` (or the standalone
# docker-compose) needs only the client, no daemon; it reads a throwaway .env made from
# .env.example, never the real one.
compose-check:
	@if ! command -v docker >/dev/null 2>&1; then \
		echo "compose-check skipped: no docker client on this machine."; exit 0; \
	elif docker compose version >/dev/null 2>&1; then \
		compose="docker compose"; \
	elif command -v docker-compose >/dev/null 2>&1; then \
		compose="docker-compose"; \
	else \
		echo "compose-check: install the docker compose plugin or docker-compose."; exit 1; \
	fi; \
	tmp=$$(mktemp -d) && \
	sed 's/^POSTGRES_PASSWORD=$$/POSTGRES_PASSWORD=compose-check/' .env.example > "$$tmp/.env" && \
	$$compose --project-directory "$$tmp" -f docker-compose.yml config -q; \
	status=$$?; rm -rf "$$tmp"; \
	if [ $$status -eq 0 ]; then echo "compose-check: docker-compose.yml is valid ($$compose)."; fi; \
	exit $$status

# Tests run in parallel (pytest-xdist, one process per core, at most four): most of them wait
# on a browser, a worker or the database rather than on the processor.
test: test-system-deps $(VENV)/.dev lint typecheck compose-check
	$(BIN)/python -m pytest -n auto --maxprocesses=4

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .import_linter_cache .grimp_cache
