from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def _load_settings(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
         "print(settings.DATABASES['default']['ENGINE'], settings.DEBUG)"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
    )


def test_a_fresh_clone_runs_on_sqlite_in_debug():
    result = _load_settings()

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True"]


def test_database_url_selects_postgresql():
    result = _load_settings(DATABASE_URL="postgres://postgres@127.0.0.1:5432/chiso")

    assert result.stdout.split()[0] == "django.db.backends.postgresql"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean"),
        ({"DEBUG": "false", "ALLOWED_HOSTS": "example.vn"}, "SECRET_KEY must be set"),
        ({"DEBUG": "false", "SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS must be set"),
        ({"DATABASE_URL": "mysql://root@localhost/x"}, "only SQLite and PostgreSQL"),
        ({"DATABASE_URL": "nonsense"}, "DATABASE_URL is not a valid database URL"),
        ({"ALLOWED_HOSTS": " , "}, "ALLOWED_HOSTS is set but lists nothing"),
        ({"CACHE_URL": "memcached://127.0.0.1"}, "CACHE_URL='memcached://127.0.0.1': use redis://"),
        ({"NUM_PROXIES": "-1"}, "NUM_PROXIES=-1 cannot be negative"),
        ({"DOWNLOAD_ANON_RATE": "lots"}, "DOWNLOAD_ANON_RATE='lots' is not a rate"),
        ({"LOG_LEVEL": "loud"}, "LOG_LEVEL='LOUD' is not one of"),
    ],
)
def test_bad_settings_fail_loudly(env, message):
    result = _load_settings(**env)

    assert result.returncode != 0
    assert message in result.stderr


def test_production_settings_pass_the_deployment_checks():
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}}
    env = {**clean, "DEBUG": "false", "SECRET_KEY": "k" * 64 + "-production-like-secret", "ALLOWED_HOSTS": "chiso.example.vn"}

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_errors_never_show_a_stack_trace(client, settings):
    from django.test import Client

    settings.DEBUG = False
    from unittest import mock

    with mock.patch("reports.views.Report.objects.count", side_effect=RuntimeError("secret detail")):
        response = Client(raise_request_exception=False).get("/")

    assert response.status_code == 500
    assert b"secret detail" not in response.content
    assert b"Traceback" not in response.content


def test_cache_url_selects_djangos_redis_cache():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
         "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'])"],
        cwd=ROOT, env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "CACHE_URL": "redis://127.0.0.1:6379/3"},
        capture_output=True, text=True,
    )

    assert result.stdout.split() == ["django.core.cache.backends.redis.RedisCache", "redis://127.0.0.1:6379/3"]
