# Integration portal Peine. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3.13
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
LOCAL := .local
export SECRET_KEY_FILE ?= $(CURDIR)/$(LOCAL)/secret_key

.DEFAULT_GOAL := help
.PHONY: help serve-packages test-packages install db run stop test lint format messages migrations demo check-deploy bench scaleout-check wrk clean
.PHONY: backup restore

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.13 (pyenv install 3.13.0)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	touch $(STAMP)

serve-packages: # the system packages serving needs (scripts/system-packages.sh), when missing
	@scripts/system-packages.sh serve

test-packages: # the same and what the tests need (Chromium, poppler-utils)
	@scripts/system-packages.sh test

install: $(STAMP) ## Create .venv from the lock file (requirements.lock)

$(SECRET_KEY_FILE):
	@mkdir -p $(LOCAL)
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@chmod 600 $@

db: install ## Start the project's own PostgreSQL (unless DATABASE_URL is set)
	@if [ -z "$$DATABASE_URL" ]; then $(BIN)/python peine/lib/localdb.py start; fi

# The compiled catalogue is committed; it is rebuilt when gettext's msgfmt is there.
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	@if command -v msgfmt >/dev/null; then msgfmt --check -o $@ $<; else touch $@; fi

run: serve-packages install db $(SECRET_KEY_FILE) locale/de/LC_MESSAGES/django.mo ## Set up and serve the portal with demo data on http://127.0.0.1:8000
	HTTPS=false $(BIN)/python manage.py migrate --no-input
	HTTPS=false $(BIN)/python manage.py load_demo_data
	HTTPS=false $(BIN)/python manage.py collectstatic --no-input -v 0
	@echo ""
	@echo "  Integration portal Peine: http://127.0.0.1:$(PORT)/  (stop with Ctrl-C; 'make stop' stops the database)"
	@echo ""
	HTTPS=false ALLOWED_HOSTS=127.0.0.1,localhost EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend $(BIN)/gunicorn peine.wsgi --bind 127.0.0.1:$(PORT) --config deploy/gunicorn.conf.py --workers 2

stop: ## Stop the project's own PostgreSQL (and a gunicorn left running)
	-@pkill -f "gunicorn peine.wsgi --bind 127.0.0.1:$(PORT)" || true
	@$(BIN)/python peine/lib/localdb.py stop

test: test-packages install db locale/de/LC_MESSAGES/django.mo ## Run lint, the import contracts and every test (unit, view, browser)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python manage.py makemigrations --check --dry-run >/dev/null || { echo "Model changes without migration"; exit 1; }
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install ## ruff check, format check and the import contracts (pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## Update the German translation catalogue (locale/de)
	$(BIN)/python manage.py makemessages -l de --ignore=.venv --ignore=staticfiles --ignore=tests --no-obsolete --add-location file
	msgfmt --check -o locale/de/LC_MESSAGES/django.mo locale/de/LC_MESSAGES/django.po

migrations: install db ## Make migrations (name them: make migrations NAME=add_x APP=stakeholders)
	$(BIN)/python manage.py makemigrations $(APP) $(if $(NAME),--name $(NAME))

check-deploy: install ## Django's deployment checks with production settings
	SECRET_KEY=$$($(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))") DATABASE_URL=$${DATABASE_URL:-postgres://localhost/peine} ALLOWED_HOSTS=integration.peine.de $(BIN)/python manage.py check --deploy --fail-level WARNING

wrk: # wrk (Debian package) for make bench; installed with apt-get when we are root
	@command -v wrk >/dev/null || { if [ "$$(id -u)" = 0 ]; then apt-get install -y -q wrk; \
		else echo "wrk is missing: run 'sudo apt-get install wrk', then make bench again"; exit 1; fi; }

backup: install db $(SECRET_KEY_FILE) ## Back up the database into BACKUP_DIR (pg_dump -Fc, mode 0600); deletes backups older than BACKUP_KEEP_DAYS
	$(BIN)/python manage.py backup

restore: install db $(SECRET_KEY_FILE) ## Restore a backup into an EMPTY database: make restore FILE=/path/to/peine-....dump
	@if [ -z "$(FILE)" ]; then echo "Name the backup: make restore FILE=/path/to/backup.dump"; exit 1; fi
	$(BIN)/python manage.py restore "$(FILE)"

bench: install db wrk $(SECRET_KEY_FILE) ## Load test at 100k rows per table next to Django's ceiling and admin (BENCH_SCALE=10 for less; SCALEOUT=1 via nginx)
	$(if $(SCALEOUT),$(BIN)/python scripts/scaleout.py --bench,$(BIN)/python scripts/bench.py)

scaleout-check: install db $(SECRET_KEY_FILE) ## Two gunicorns behind nginx on one database: sessions, CSRF, uploads, drafts, caches
	$(BIN)/python scripts/scaleout.py

clean: stop ## Remove the virtual environment, local database and built files
	rm -rf $(VENV) .pgdata $(LOCAL) staticfiles
