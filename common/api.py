"""What every endpoint of the read-only JSON API shares: throttling, pagination, content
negotiation, the viewset base, documented errors, and the links objects carry.

Both apps' endpoints (units.api, reports.api) build on it; it imports neither."""

from __future__ import annotations

import re
import sys
from typing import Any, cast

from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.exceptions import MethodNotAllowed, NotFound, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, BaseThrottle
from rest_framework.utils.urls import remove_query_param, replace_query_param

SLUG = r"[-a-zA-Z0-9_]+"
_WHOLE = re.compile(r"[0-9]+")


# Plumbing ------------------------------------------------------------------------------------


class AnonThrottle(AnonRateThrottle):
    """Requests per IP address, at the rate of REST_FRAMEWORK's DEFAULT_THROTTLE_RATES["anon"]
    (API_ANON_RATE), read on each request: DRF's own class keeps the rates it saw at import."""

    def get_rate(self) -> str | None:
        return cast(str | None, api_settings.DEFAULT_THROTTLE_RATES.get(self.scope or ""))


def client_address(request: Any) -> str:
    """The client's IP address: the connection's, or the one the NUM_PROXIES trusted proxies in
    front of the app forwarded. The one rule for the throttles and the admin's login lockout."""
    return BaseThrottle().get_ident(request)


class DownloadThrottle(AnonThrottle):
    """Downloads of whole lists (CSV, JSON), per IP address, at DOWNLOAD_ANON_RATE: each may be
    tens of megabytes and hold a server process for as long as it streams."""

    scope = "download"

    def throttled_response(self, request: Any) -> HttpResponse | None:
        """For a plain Django view: None to go on, or the 429 to answer."""
        if self.allow_request(request, None):  # type: ignore[arg-type]  # no DRF view: the rate needs none
            return None
        wait = self.wait()
        response = HttpResponse(
            "Too many downloads: try again later.\n", status=429, content_type="text/plain; charset=utf-8"
        )
        if wait is not None:
            response["Retry-After"] = str(max(1, round(wait)))
        return response


def _page_number(raw: str, name: str) -> int:
    """A whole number >= 1 (any size: past the end is an empty page), or a 400."""
    if not _WHOLE.fullmatch(raw) or not raw.lstrip("0"):
        raise ValidationError({name: ["Enter a whole number of at least 1."]})
    digits = raw.lstrip("0")
    return int(digits) if len(digits) < 19 else sys.maxsize


class Pagination(PageNumberPagination):
    """50 rows a page, `page_size` up to 500. A page past the last one is empty (200 with
    `results: []`, the real `count` and `next: null`), so a client can page until `next` is
    null; a `page` or `page_size` that is not a whole number in range is a 400."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = _page_number(raw, self.page_size_query_param)
        if size > self.max_page_size:
            raise ValidationError({self.page_size_query_param: [f"Ask for at most {self.max_page_size} rows."]})
        return size

    def get_page_number(self, request: Request, paginator: Any = None) -> int:
        return _page_number(request.query_params.get(self.page_query_param, "1"), self.page_query_param)

    def check_params(self, request: Request) -> None:
        """A 400 for a malformed `page` or `page_size`, also where they do not apply (a download)."""
        self.get_page_size(request)
        self.get_page_number(request)

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any]:
        """The page's rows; a view with `page_rows` reads them its own way (the figures' list with
        `.values()`), counting the rows of the queryset as given."""
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        number = self.get_page_number(request)
        self.page = Page([], number, paginator) if number > paginator.num_pages else paginator.page(number)
        read = getattr(view, "page_rows", None)
        return list(read(self.page.object_list) if read and isinstance(self.page.object_list, QuerySet) else self.page)

    def get_previous_link(self) -> str | None:
        assert self.page is not None and self.request is not None, "called after paginate_queryset"
        paginator = self.page.paginator
        if self.page.number <= paginator.num_pages:
            return super().get_previous_link()
        url = self.request.build_absolute_uri()  # past the end: back to the last page
        if paginator.num_pages == 1:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, paginator.num_pages)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        params = super().get_schema_operation_parameters(view)
        for param in params:
            if param["name"] == self.page_query_param:
                param["schema"]["minimum"] = 1
                param["description"] = "A page number (from 1). A page past the last one is empty, not an error."
            elif param["name"] == self.page_size_query_param:
                param["schema"].update(minimum=1, maximum=self.max_page_size)
                param["description"] = f"Rows per page, {self.page_size} unless asked, at most {self.max_page_size}."
        return params


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


BAD_FILTER = OpenApiResponse(
    OpenApiTypes.OBJECT, description="A filter, page or page size that is not valid: each one with its messages."
)
NOT_FOUND = OpenApiResponse(DetailSerializer, description="No such object.")
THROTTLED = OpenApiResponse(DetailSerializer, description="Too many requests: see the Retry-After header.")


def key_parameter(view: type[ReadOnlyViewSet]) -> OpenApiParameter:
    """A detail's key as the schema shows it: a slug, or a whole number for an id."""
    if view.lookup_field == "pk":
        return OpenApiParameter("id", int, OpenApiParameter.PATH, required=True)
    return OpenApiParameter(view.lookup_field, str, OpenApiParameter.PATH, required=True, pattern=f"^{SLUG}$")


def documented_errors(view: type[ReadOnlyViewSet]) -> type[ReadOnlyViewSet]:
    """The errors a read-only viewset answers, in its schema."""
    return extend_schema_view(
        list=extend_schema(responses={200: view.serializer_class, 400: BAD_FILTER, 429: THROTTLED}),
        retrieve=extend_schema(
            parameters=[key_parameter(view)],
            responses={200: view.detail_serializer_class or view.serializer_class, 404: NOT_FOUND, 429: THROTTLED},
        ),
    )(view)


class FormatNegotiation(DefaultContentNegotiation):
    """An unknown `?format=` is a 400 naming the formats there are (DRF answers 404)."""

    def select_renderer(self, request: Request, renderers: Any, format_suffix: str | None = None) -> Any:
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            formats = ", ".join(renderer.format for renderer in renderers)
            raise ValidationError({self.settings.URL_FORMAT_OVERRIDE: [f"Ask for one of: {formats}."]}) from None


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """A list filtered by `filterset_class` in a total order (the queryset's order, then the
    primary key, so pages never overlap or skip a row), and a detail by slug: any other key,
    however odd, is a JSON 404."""

    lookup_field = "slug"
    lookup_value_regex = "[^/]+"
    lookup_pattern = re.compile(SLUG)
    pagination_class = Pagination
    throttle_classes = [AnonThrottle]
    content_negotiation_class = FormatNegotiation
    detail_serializer_class: type[serializers.Serializer] | None = None  # if the detail shows more

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Any]]:
        if self.action == "retrieve" and self.detail_serializer_class:
            return self.detail_serializer_class
        return super().get_serializer_class()

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # A method the view does not answer is a 405 before anything else (a `?format=` the
        # view lacks would otherwise make it a 400).
        method = (request.method or "").lower()
        if method not in self.http_method_names or not hasattr(self, method):
            raise MethodNotAllowed(method.upper())
        super().initial(request, *args, **kwargs)

    def get_object(self) -> Any:
        if not self.lookup_pattern.fullmatch(self.kwargs[self.lookup_url_kwarg or self.lookup_field]):
            raise NotFound()
        return super().get_object()

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.action != "list":  # the filters are the list's; a detail is found by its key alone
            return queryset
        rows = super().filter_queryset(queryset)
        order = list(rows.query.order_by) or list(rows.model._meta.ordering)
        return rows.order_by(*order, "pk")


def document_filters(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """A drf-spectacular hook: the list filters as the FilterSets take them. An empty value means
    "no filter" (as on the HTML lists, whose forms send every field), an empty `format` JSON; a yes/no filter is a
    boolean, not a boolean with string choices; a decimal filter takes any number Python's
    Decimal reads ("1e6", "1_000"), not only the model field's pattern."""
    for path in result.get("paths", {}).values():
        for param in path.get("get", {}).get("parameters", []):
            if param.get("in") != "query" or param["name"] in {"page", "page_size"}:
                continue
            param["allowEmptyValue"] = True  # for `format` too: an empty one is the default, JSON
            schema = param.get("schema", {})
            if schema.get("type") == "boolean":
                schema.pop("enum", None)
            if schema.get("format") == "decimal":
                schema.pop("pattern", None)
    return result


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.ReadOnlyField):
    """The object's page on the site, as an absolute URL."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", **kwargs)

    def to_representation(self, value: Any) -> str:
        url = value.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


def api_url(basename: str, lookup: str = "slug") -> serializers.HyperlinkedIdentityField:
    return serializers.HyperlinkedIdentityField(view_name=f"api:{basename}-detail", lookup_field=lookup)
