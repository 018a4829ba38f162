from django.urls import path

from units import views

app_name = "units"
urlpatterns = [
    path("units/", views.unit_list, name="unit_list"),
    path("units/<slug:slug>/", views.unit_detail, name="unit_detail"),
    path("officials/", views.official_list, name="official_list"),
    path("officials/<slug:slug>/", views.official_detail, name="official_detail"),
    path("provinces/", views.province_list, name="province_list"),
    path("provinces/<slug:slug>/", views.province_detail, name="province_detail"),
]
