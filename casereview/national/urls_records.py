from django.urls import path

from . import views_records

urlpatterns = [
    path("national/trends/", views_records.trends_page, name="trends"),
    path("national/trends/export/", views_records.trends_csv, name="trends_csv"),
    path("national/timeliness/", views_records.timeliness_page, name="timeliness"),
]
