# One command per job, the same on a laptop and in CI.
#   make run     set up, migrate, load the demo council, print the demo sign-ins, serve on :8000
#   make test    install what the tests need, then make check and the whole suite on SQLite and PostgreSQL
#   make check   ruff (format and lint), import contracts, migrations complete, mypy on rules and services
.PHONY: run test check setup frontend test-sqlite test-postgres bench-seed bench-directory bench-charging bench-ras bench-planning

PYTHON := .venv/bin/python
PYTEST_ARGS ?=
export DJANGO_SETTINGS_MODULE ?= config.settings.local

setup:
	@./scripts/bootstrap-python.sh requirements/test.txt
	@./scripts/build-frontend.sh

frontend:
	@./scripts/build-frontend.sh

run: setup
	@./scripts/install-system-packages.sh runtime
	@$(PYTHON) manage.py migrate --no-input -v 0
	@$(PYTHON) manage.py seed_demo --people 500 --seed 1 --if-empty
	@$(PYTHON) manage.py seed_directory_demo --services 300 --seed 1 --if-empty
	@$(PYTHON) manage.py seed_frontdoor_demo
	@$(PYTHON) manage.py allocation_load_default
	@$(PYTHON) manage.py charging_load_default
	@$(PYTHON) manage.py seed_charging_demo
	@$(PYTHON) manage.py planning_load_default
	@$(PYTHON) manage.py seed_planning_demo
	@$(PYTHON) manage.py demo_accounts
	@echo "FirstPerson is at http://127.0.0.1:8000/ (press Ctrl+C to stop)."
	@$(PYTHON) manage.py runserver 127.0.0.1:8000

check: setup
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -m ruff check .
	.venv/bin/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(PYTHON) manage.py makemigrations --check --dry-run
	.venv/bin/mypy

test:
	@./scripts/install-system-packages.sh
	@$(MAKE) --no-print-directory check
	@$(MAKE) --no-print-directory test-sqlite
	@$(MAKE) --no-print-directory test-postgres

test-sqlite: setup
	@echo "== Test suite on SQLite"
	DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL= $(PYTHON) -m pytest $(PYTEST_ARGS)

test-postgres: setup
	@echo "== Test suite on PostgreSQL"
	@url=$$(./scripts/postgres.sh start) && \
	  DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL=$$url $(PYTHON) -m pytest $(PYTEST_ARGS); \
	  status=$$?; ./scripts/postgres.sh stop; exit $$status

bench-seed: setup
	@./scripts/bench-seed.sh

bench-directory: setup
	@./scripts/install-system-packages.sh
	@./scripts/bench-directory.sh

# The RAS: pure rule, bulk recalculation on PostgreSQL and SQLite, numpy floor (N=1000000 RUNS=3).
bench-ras: setup
	@./scripts/install-system-packages.sh
	@./scripts/bench-ras.sh

bench-charging: setup
	@./scripts/install-system-packages.sh
	@./scripts/bench-charging.sh

# Support planning: the panel queue and a practitioner's caseload with 10,000 open plans (queries and server time).
bench-planning: setup
	@./scripts/install-system-packages.sh
	@bash scripts/bench-planning.sh
