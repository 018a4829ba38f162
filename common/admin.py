"""The admin's history pages, shared by both apps' admins: django-simple-history's, made to hold
and to read as the rest of the admin."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import router, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from common.templatetags.numbers import num


class _ChangeValues(HistoricalRecordContextHelper):
    """A history page's old and new values as the rest of the admin shows them: a choice by its
    label, a number in Vietnamese style, a time in the site's time zone, nothing as "—"."""

    def prepare_delta_change_value(self, change: Any, value: Any) -> Any:
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if isinstance(value, DeletedObject):
            return "—" if value.pk is None else gettext("deleted (id %(pk)s)") % {"pk": value.pk}
        if value is None or value == "":
            return "—"
        if getattr(field, "choices", None):
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return gettext("yes") if value else gettext("no")
        if isinstance(value, dt.datetime):
            return date_format(timezone.localtime(value), "d/m/Y H:i")
        if isinstance(value, Decimal | int | float):
            return num(value)
        return value


class HistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's admin, made to hold: a revert from the History page runs in a
    transaction, as Django's own change form does (a form may lock the row it checks), and an id
    that is not a number is a 404, not an error. Its values read as the rest of the admin's."""

    def get_historical_record_context_helper(self, request: HttpRequest, historical_record: Any) -> Any:
        return _ChangeValues(self.model, historical_record)

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> HttpResponse:
        _whole_or_404(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
                          ) -> HttpResponse:
        _whole_or_404(object_id, version_id)
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)


def _whole_or_404(*ids: str) -> None:
    if not all(str(i).isascii() and str(i).isdigit() for i in ids):
        raise Http404
