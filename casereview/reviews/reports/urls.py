"""URL patterns of the review's reports pages (joined into the reviews: namespace)."""

from django.urls import path

from . import downloads, views

urlpatterns = [
    path("reviews/<uuid:pk>/reports/", views.report_list, name="reports"),
    path("reviews/<uuid:pk>/reports/request/", views.report_request, name="report_request"),
    path(
        "reviews/<uuid:pk>/reports/request-from-terms/",
        views.report_request_from_terms,
        name="report_request_from_terms",
    ),
    path("reviews/<uuid:pk>/reports/<uuid:item_pk>/", views.report_detail, name="report"),
    path(
        "reviews/<uuid:pk>/reports/<uuid:item_pk>/download/",
        downloads.report_download,
        name="report_download",
    ),
    path(
        "reviews/<uuid:pk>/reports/<uuid:item_pk>/autosave/",
        views.report_autosave,
        name="report_autosave",
    ),
    path(
        "reviews/<uuid:pk>/reports/<uuid:item_pk>/submit/",
        views.report_submit,
        name="report_submit",
    ),
    path(
        "reviews/<uuid:pk>/reports/<uuid:item_pk>/decide/",
        views.report_decide,
        name="report_decide",
    ),
    path(
        "reviews/<uuid:pk>/reports/<uuid:item_pk>/documents/",
        views.report_upload,
        name="report_upload",
    ),
    path(
        "reviews/<uuid:pk>/reports/<uuid:item_pk>/documents/<uuid:document_pk>/",
        views.report_document,
        name="report_document",
    ),
]
