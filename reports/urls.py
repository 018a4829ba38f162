from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/<slug:slug>/", views.report_detail, name="report_detail"),
    path("figures/", views.metric_list, name="metric_list"),
    path("figures/<int:pk>/", views.metric_detail, name="metric_detail"),
]
