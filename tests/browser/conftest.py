"""Browser tests: pytest-playwright drives Debian's Chromium (/usr/bin/chromium) against
pytest-django's live server, with the three seed reports imported.

Playwright's own browser downloads are never used (no `playwright install`): CI installs the
`chromium` Debian package (.ci/run). If it is missing, these tests fail and say so.

They run after every other test (see pytest_collection_modifyitems). Each leaves a full-page
screenshot in artifacts/screenshots/ (gitignored).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SEEDS = ROOT / "seeds"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    # Without these Chromium keeps calling Google services, which floods a closed network.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _is_browser_test(item: pytest.Item) -> bool:
    return HERE in item.path.parents


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> Iterator[None]:
    """Every test here gets the `browser` marker (`-m "not browser"` leaves them out) and a
    transactional database, since the live server answers from another thread. The provinces and
    indicators come from data migrations and a transactional test flushes the tables after it, so
    serialized_rollback puts them back for the next one.

    Once every plugin has ordered the tests (pytest-django: transactional ones last; pytest:
    grouped by session-scoped parameters), these go last of all: the tables they leave flushed
    and the Playwright session they leave running then meet no other test."""
    for item in items:
        if _is_browser_test(item):
            item.add_marker(pytest.mark.browser)
            if item.get_closest_marker("django_db") is None:
                item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
    result = yield
    items.sort(key=_is_browser_test)  # a stable sort: the order within each part stays
    return result


@pytest.fixture(scope="session")
def _serialized_databases(django_db_setup: None) -> dict[str, str]:
    """The test databases as pytest-django serialized them after migrating (provinces, indicators)."""
    from django.db import connections

    return {
        conn.alias: conn._test_serialized_contents
        for conn in connections.all()
        if getattr(conn, "_test_serialized_contents", None) is not None
    }


@pytest.fixture(scope="session")
def playwright(_serialized_databases: dict[str, str], playwright: Any) -> Iterator[Any]:
    """pytest-playwright's Playwright, made to live with Django's ORM in the same thread.

    While Playwright's sync API runs, its event loop counts as running in this thread, so Django
    would refuse synchronous ORM calls (the seed import, pytest-django's flush) without
    DJANGO_ALLOW_ASYNC_UNSAFE. It is set here, not at import, so that it never reaches the other
    tests (`manage.py check --deploy` rejects it), which all run before these.

    The tests also run in another contextvars context then, where Django (asgiref.local) hands out
    new connection objects; pytest-django's serialized_rollback looks for the serialized database
    on the connection, so it is carried over to them."""
    from django.db import connections

    unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    for alias, contents in _serialized_databases.items():
        connections[alias]._test_serialized_contents = contents  # type: ignore[attr-defined]
    yield playwright
    connections.close_all()  # this context's connections, before the test databases are dropped
    if unsafe is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = unsafe


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"The browser tests need Chromium at {CHROMIUM}, and it is not there. Install Debian's "
            "package (apt-get install chromium), or point the CHROMIUM environment variable at a "
            "Chromium binary. Do not run `playwright install`: these tests use the system Chromium.",
            pytrace=False,
        )
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server: Any) -> str:
    """Pages are visited as page.goto("/figures/"), on pytest-django's live server."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # A reader in Viet Nam: Vietnamese first (headless Chromium would otherwise ask for en-US).
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


@pytest.fixture
def seeds(playwright: Any) -> None:
    """The three seed reports, imported (after checking the migrated provinces are there)."""
    from django.core.management import call_command

    from units.models import Province

    assert Province.objects.filter(slug="nghe-an").exists(), (
        "the provinces of the data migration are missing: the browser tests need "
        "django_db(transaction=True, serialized_rollback=True)"
    )
    call_command("import_reports", str(SEEDS), stdout=io.StringIO())


def screenshot_path(name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"


@pytest.fixture
def screenshot() -> Callable[[Any, str], Path]:
    """`screenshot(page, name)` saves a full-page screenshot of the page as it is now."""

    def take(page: Any, name: str) -> Path:
        path = screenshot_path(name)
        page.screenshot(path=path, full_page=True)
        return path

    return take


@pytest.fixture
def user(page: Any, seeds: None, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A browser page on the live server with the seeds imported. Whatever happens, the test
    leaves a screenshot named after it (on a failure: what the user saw then), and fails on a
    JavaScript error or a server error (5xx) on the way."""
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"JavaScript error: {exc}"))
    page.on(
        "response",
        lambda response: errors.append(f"{response.status} for {response.url}") if response.status >= 500 else None,
    )
    yield page
    if not page.is_closed():
        page.screenshot(path=screenshot_path(request.node.originalname), full_page=True)
    assert not errors, errors
