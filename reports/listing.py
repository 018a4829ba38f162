"""What every filtered list page shares: filtering, a 400 on bad filters, pagination."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

PAGE_SIZE = 50


def render_filtered_list(
    request: HttpRequest, filterset_class: type, queryset: QuerySet[Any], template: str, **context: Any
) -> HttpResponse:
    """Malformed filter values give a 400 with the form's errors and no rows; a page number
    past the end gives the last page."""
    filterset = filterset_class(request.GET, queryset=queryset)
    status = 400 if filterset.errors else 200
    rows = filterset.qs if status == 200 else queryset.none()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context.update(filter=filterset, page=page, query=query.urlencode())
    return render(request, template, context, status=status)
