"""The server error page: HTML for people, JSON for the API's clients."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views import defaults


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith(reverse("api:api-root")):
        return JsonResponse({"detail": "Server error. It has been logged."}, status=500)
    return defaults.server_error(request)
