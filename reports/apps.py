from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports and figures")

    def ready(self) -> None:
        from common.choices import invalidate_on_write
        from reports.models import Indicator

        invalidate_on_write(Indicator)  # the figures list's indicator filter
