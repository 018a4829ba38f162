from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = admin.site.site_title = _("Chỉ Số: editors")
# Room for the review queue's sentences at 1366 px: the breadcrumbs and the home page lead around.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("config.api_urls")),
    path("", include("reports.urls")),
    path("", include("units.urls")),
]

handler500 = "config.errors.server_error"
