"""The chronology import's pages: upload, status of one import, the XLSX template."""

from django.urls import path

from . import import_views

BASE = "reviews/<uuid:review_id>/chronology/agencies/<uuid:chronology_id>/"

urlpatterns = [
    path(f"{BASE}import/", import_views.upload, name="import"),
    path(f"{BASE}imports/<uuid:import_id>/", import_views.status, name="import_status"),
    path(
        f"{BASE}imports/<uuid:import_id>/restart/",
        import_views.restart,
        name="import_restart",
    ),
    path(f"{BASE}template.xlsx", import_views.template, name="template"),
]
