"""What every filtered list page shares: filtering, a 400 on bad filters, pagination, facet
counts, and CSV or JSON downloads of exactly the filtered rows."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F, QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from common.api import DownloadThrottle
from common.formats import plain_decimal

PAGE_SIZE = 50
FACET_SIZE = 12
# Past this many rows a list says "more than 10.000" instead of counting a million rows exactly,
# and its facet counts are cached for a while instead of being recounted on every request.
COUNT_CAP = 10_000
FACET_CACHE_SECONDS = 300


def estimated_count(rows: QuerySet[Any]) -> int:
    """An exact count up to COUNT_CAP; past it, PostgreSQL's estimate of the table's rows
    (what ANALYZE last saw), since an exact count of a million rows takes longer than a page."""
    exact = rows.order_by()[: COUNT_CAP + 1].count()
    if exact <= COUNT_CAP or connection.vendor != "postgresql":
        return exact if exact <= COUNT_CAP else rows.count()
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [rows.model._meta.db_table])
        (estimate,) = cursor.fetchone()
    return max(int(estimate), exact)


class CappedPaginator(Paginator):
    object_list: QuerySet[Any]

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: COUNT_CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    related: tuple[str, ...] = ()  # what a download selects with its rows for this column, as select_related


@dataclass(frozen=True)
class Facet:
    """Counts of the filtered rows by `field`, each linking to the list filtered by `param`."""

    label: str
    param: str
    field: str  # the value the filter takes (a choice or a slug)
    display: str = ""  # a field with the label to show, if not the value itself
    choices: dict[str, str] | None = None


def render_filtered_list(
    request: HttpRequest,
    filterset_class: type,
    queryset: QuerySet[Any],
    template: str,
    *,
    columns: list[Column],
    name: str,
    facets: Sequence[Facet] = (),
    **context: Any,
) -> HttpResponseBase:
    """Malformed filter values give a 400 with the form's errors and no rows; a page number past
    the end gives the last page; `?format=csv` or `?format=json` downloads all filtered rows."""
    filterset = filterset_class(request.GET, queryset=queryset)
    context["unit_names"] = filterset.unit_names()
    if filterset.errors:
        return render(request, template, {"filter": filterset, "page": None, **context}, status=400)
    rows = filterset.qs
    rows = rows.order_by(*rows.query.order_by, "pk")  # a total order: pages never repeat or skip a row
    download = request.GET.get("format")
    if download in {"csv", "json"}:
        return DownloadThrottle().throttled_response(request) or _download(rows, columns, name, download)
    page = CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)

    def count_facets() -> list[dict[str, Any]]:
        if connection.vendor == "postgresql" and len(facets) > 1 and not rows.query.distinct:
            return _facet_counts_in_one_scan(rows, facets, query)
        return [_facet_counts(rows, facet, query) for facet in facets]

    if facets and page.paginator.capped:  # type: ignore[attr-defined]  # a CappedPaginator's
        path = f"{request.path}?{query.urlencode()}@{get_language()}"
        key = "facets:" + hashlib.sha256(path.encode()).hexdigest()
        facet_counts = cache.get_or_set(key, count_facets, FACET_CACHE_SECONDS)
    else:
        facet_counts = count_facets()
    if not page.paginator.count:
        context.update(relax=_without_each(filterset, query), nearest=filterset.nearest_units(query.get("q", "")))
    context.update(
        filter=filterset,
        page=page,
        querystring=query.urlencode(),
        facets=facet_counts,
        download_csv=_with(query, format="csv"),
        download_json=_with(query, format="json"),
    )
    return render(request, template, context)


def _without_each(filterset: Any, query: Any) -> list[tuple[str, str]]:
    """For an empty result: each filter in use, with the query string of the same list without it."""
    relaxed = []
    for name, field in filterset.form.fields.items():
        keys = [key for key in query if key == name or key.startswith(f"{name}_")]
        if any(query.get(key) for key in keys):
            rest = query.copy()
            for key in keys:
                rest.pop(key)
            relaxed.append((str(field.label), rest.urlencode()))
    return relaxed


def _with(query: Any, **params: str) -> str:
    query = query.copy()
    for key, value in params.items():
        query[key] = value
    return query.urlencode()


def _facet_counts(rows: QuerySet[Any], facet: Facet, query: Any) -> dict[str, Any]:
    fields = [facet.field, facet.display] if facet.display else [facet.field]
    counts = (
        rows.order_by()
        .exclude(**{f"{facet.field}__isnull": True})
        .values(*fields)
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _facet_items(facet, [(row[facet.field], row[facet.display] if facet.display else None, row["n"])
                                for row in counts], query)


def _facet_counts_in_one_scan(rows: QuerySet[Any], facets: Sequence[Facet], query: Any) -> list[dict[str, Any]]:
    """The same counts as _facet_counts for every facet, from one scan of the filtered rows
    (PostgreSQL's GROUPING SETS) instead of one query per facet."""
    columns: dict[str, str] = {}  # an alias per field to read
    for facet in facets:
        for field in filter(None, (facet.field, facet.display)):
            columns.setdefault(field, f"f{len(columns)}")
    read = rows.order_by().values(**{alias: F(field) for field, alias in columns.items()})
    inner, params = read.query.sql_with_params()
    sets = [[columns[f] for f in filter(None, (facet.field, facet.display))] for facet in facets]
    keys = [columns[facet.field] for facet in facets]
    sql = (f"SELECT {', '.join(f'GROUPING({k})' for k in keys)}, {', '.join(columns.values())}, COUNT(*) "
           f"FROM ({inner}) t GROUP BY GROUPING SETS ({', '.join('(' + ', '.join(s) + ')' for s in sets)})")
    found: list[list[tuple[Any, Any, int]]] = [[] for _ in facets]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            grouping, values, n = row[:len(keys)], dict(zip(columns.values(), row[len(keys):-1], strict=True)), row[-1]
            i = grouping.index(0)  # the facet this row counts: the one grouped by
            facet = facets[i]
            value = values[keys[i]]
            if value is not None:
                found[i].append((value, values[columns[facet.display]] if facet.display else None, n))
    return [_facet_items(facet, items, query) for facet, items in zip(facets, found, strict=True)]


def _facet_items(facet: Facet, counts: list[tuple[Any, Any, int]], query: Any) -> dict[str, Any]:
    """A facet's FACET_SIZE largest items from (value, display label or None, count), largest count
    first, then by value."""
    items = []
    for value, display, n in sorted(counts, key=lambda count: (-count[2], str(count[0])))[:FACET_SIZE]:
        label = display if facet.display else (facet.choices or {}).get(value, value)
        if value in ("", None):
            label = _("none")
            value = "none"
        items.append({"label": label, "value": str(value), "count": n,
                      "query": _with(query, **{facet.param: str(value)}),
                      "selected": query.get(facet.param) == str(value)})
    return {"label": facet.label, "param": facet.param, "items": items}


def _download(rows: QuerySet[Any], columns: list[Column], name: str, fmt: str) -> StreamingHttpResponse:
    stamp = dt.date.today().isoformat()
    related = [field for column in columns for field in column.related]
    rows = rows.select_related(*related) if related else rows
    records = (
        {c.header: _plain(c.value(row)) for c in columns} for row in rows.iterator(chunk_size=2000)
    )
    if fmt == "csv":
        body: Iterator[str] = csv_lines(records, [c.header for c in columns])
        content_type = "text/csv; charset=utf-8"
    else:
        body = _json_lines(records)
        content_type = "application/json; charset=utf-8"
    response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    return response


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return plain_decimal(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class _Line:
    """A file-like object for csv.writer that hands back what was written."""

    def write(self, value: str) -> str:
        return value


def csv_lines(records: Iterable[dict[str, Any]], headers: list[str]) -> Iterator[str]:
    """A header line, with a byte-order mark so that spreadsheet programs read the Vietnamese
    text as UTF-8, then a line per record (keys not in `headers` left out)."""
    writer = csv.DictWriter(_Line(), fieldnames=headers, extrasaction="ignore")
    yield "\ufeff" + str(writer.writeheader())
    for record in records:
        yield str(writer.writerow({key: _inert(value) for key, value in record.items()}))


# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?")


def _inert(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, behind an apostrophe (OWASP's advice);
    a number stays a number."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def _json_lines(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    yield "["
    for i, record in enumerate(records):
        yield ("," if i else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield "\n]\n"
