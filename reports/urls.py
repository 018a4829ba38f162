from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/<slug:slug>/", views.report_detail, name="report_detail"),
    path("figures/", views.metric_list, name="metric_list"),
    path("figures/<int:pk>/", views.metric_detail, name="metric_detail"),
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/<slug:slug>/", views.indicator_detail, name="indicator_detail"),
    path("method/", views.method, name="method"),
]
