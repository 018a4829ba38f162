"""Server errors: logged with their traceback, answered as JSON to the API's clients."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from reports import views
from reports.api import MetricViewSet

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("the disk is on fire")

    monkeypatch.setattr(MetricViewSet, "list", fail)
    monkeypatch.setattr(views, "render", fail)
    return Client(raise_request_exception=False)


def test_an_api_error_is_a_json_500_and_logged_with_its_traceback(broken, caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = broken.get("/api/metrics/")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert "logged" in response.json()["detail"]
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info and "the disk is on fire" in str(record.exc_info[1])


def test_a_page_error_is_an_html_500(broken, caplog):
    response = broken.get("/")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
