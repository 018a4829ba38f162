# `make run`: a working knowledge base of seeds/ on SQLite at http://127.0.0.1:8000/
# `make test`: the test suite on PostgreSQL and Redis, as in production (`make test-sqlite`: SQLite, no Redis)
VENV := .venv
PY := $(VENV)/bin/python
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/chiso
# Production's shared cache (throttle counts, cached counts); its own database number.
TEST_CACHE_URL ?= redis://127.0.0.1:6379/1

.PHONY: install run test test-sqlite score clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --editable ".[dev]"
	touch $@

# The Vietnamese and English interface texts (compiled, not committed).
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	msgfmt --check -o $@ $<

install: $(VENV)/.installed $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

run: install
	$(PY) manage.py migrate
	$(PY) manage.py import_reports seeds
	$(PY) manage.py runserver 127.0.0.1:8000

test: install
	DATABASE_URL=$(TEST_DATABASE_URL) CACHE_URL=$(TEST_CACHE_URL) $(PY) -m pytest

test-sqlite: install
	DATABASE_URL=sqlite:///$(CURDIR)/test.sqlite3 $(PY) -m pytest

# Extraction quality on the seeds, against the hand-made key in ../shared.
score: install
	rm -f /tmp/chiso-score.sqlite3
	DATABASE_URL=sqlite:////tmp/chiso-score.sqlite3 $(PY) manage.py migrate --verbosity 0
	DATABASE_URL=sqlite:////tmp/chiso-score.sqlite3 $(PY) manage.py import_reports seeds
	DATABASE_URL=sqlite:////tmp/chiso-score.sqlite3 $(PY) manage.py export_kb --output /tmp/chiso-export.json
	python3 ../shared/eval/score.py --gold ../shared/gold/seeds.json --export /tmp/chiso-export.json

clean:
	rm -rf $(VENV) *.egg-info db.sqlite3 test.sqlite3 staticfiles
