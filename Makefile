# `make run`: a working knowledge base of seeds/ on SQLite at http://127.0.0.1:8000/
# `make test`: the test suite on PostgreSQL and Redis, as in production (`make test-sqlite`: SQLite, no Redis)
VENV := .venv
PY := $(VENV)/bin/python
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/chiso
# Production's shared cache (throttle counts, cached counts); its own database number.
TEST_CACHE_URL ?= redis://127.0.0.1:6379/1

.PHONY: install run test test-sqlite score lint clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --editable ".[dev]"
	touch $@

# The Vietnamese and English interface texts (compiled with polib, not committed).
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(VENV)/.installed
	$(PY) scripts/compile-messages

install: $(VENV)/.installed $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

run: install
	$(PY) manage.py migrate
	$(PY) manage.py import_reports seeds
	$(PY) manage.py runserver 127.0.0.1:8000

test: install
	DATABASE_URL=$(TEST_DATABASE_URL) CACHE_URL=$(TEST_CACHE_URL) $(PY) -m pytest

test-sqlite: install
	DATABASE_URL=sqlite:///$(CURDIR)/test.sqlite3 $(PY) -m pytest

# Extraction quality on the seeds, against the hand-made key in ../shared (beside this checkout);
# fails below the floor (scripts/score-floor), as CI runs it.
SHARED ?= ../shared
SCORE_DB := sqlite:///$(CURDIR)/score.sqlite3
score: install
	@test -f $(SHARED)/eval/score.py || { echo "$(SHARED)/eval/score.py is missing: check out ../shared beside this repository, or set SHARED=path" >&2; exit 1; }
	rm -f score.sqlite3
	DATABASE_URL=$(SCORE_DB) $(PY) manage.py migrate --verbosity 0
	DATABASE_URL=$(SCORE_DB) $(PY) manage.py import_reports seeds
	DATABASE_URL=$(SCORE_DB) $(PY) manage.py export_kb --output score-export.json
	python3 $(SHARED)/eval/score.py --gold $(SHARED)/gold/seeds.json --export score-export.json
	python3 $(SHARED)/eval/score.py --gold $(SHARED)/gold/seeds.json --export score-export.json --json | python3 scripts/score-floor

# What CI checks besides the tests: lint and types.
lint: install
	$(PY) -m ruff check .
	$(PY) -m mypy

clean:
	rm -rf $(VENV) *.egg-info db.sqlite3 test.sqlite3 score.sqlite3 score-export.json staticfiles
