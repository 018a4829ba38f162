from __future__ import annotations

import logging
from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from simple_history.signals import post_create_historical_record

audit = logging.getLogger("chiso.audit")


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Units and officials")

    def ready(self) -> None:
        # Every change an editor makes to a unit, official, report or figure, in the log too.
        post_create_historical_record.connect(_log_change, dispatch_uid="chiso-audit")
        from common.choices import invalidate_on_write
        from units.models import Province, Unit

        invalidate_on_write(Province, Unit)  # the filter forms' lists of provinces and departments


def _log_change(sender: Any, instance: Any, history_instance: Any, history_user: Any, **kwargs: Any) -> None:
    if history_user is None:
        return  # an import, which logs its own summary
    action = {"+": "created", "~": "changed", "-": "deleted"}.get(history_instance.history_type, "changed")
    changed = ""
    if action == "changed" and history_instance.prev_record is not None:
        fields = history_instance.diff_against(history_instance.prev_record).changed_fields
        changed = f" [{', '.join(fields)}]"
    reason = history_instance.history_change_reason
    audit.info("%s %s %s %s%s%s", history_user or "(import)", action, instance._meta.model_name, instance.pk, changed,
               f": {reason}" if reason else "")
