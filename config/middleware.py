"""Request checks that hold for a whole part of the site."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.urls import reverse


class AdminRejectsNulBytes:
    """In the admin, a path or query string holding a NUL byte is a 400: PostgreSQL refuses such
    a string in any query, and the admin's filters and lookups pass them on as they are. (The
    public pages and the API check each parameter through their filters, naming the bad one.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(reverse("admin:index")) and (
            "\x00" in request.path or any("\x00" in key + str(value) for key, value in request.GET.items())
        ):
            raise BadRequest("NUL byte in the request")
        return self.get_response(request)
