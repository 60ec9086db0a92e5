from django.urls import path

from . import analysis_views as views

urlpatterns = [
    path("national/report/", views.report, name="report"),
    path("national/report/runs/<uuid:pk>/", views.report_run, name="report_run"),
    path("national/report/runs/<uuid:pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path(
        "national/report/runs/<uuid:pk>/<slug:table>.csv", views.report_table, name="report_table"
    ),
    path("national/issues/", views.issues, name="issues"),
    path("national/issues/propose/", views.issues_propose, name="issues_propose"),
    path("national/issues/<uuid:pk>/", views.issue, name="issue"),
    path("national/records/<uuid:pk>/lessons/", views.record_lessons, name="record_lessons"),
    path("national/search/", views.search_page, name="search"),
    path("national/child-deaths/", views.theme_across, name="theme_across"),
    path("boards/<int:board_pk>/child-deaths/", views.board_child_deaths, name="child_deaths"),
    path(
        "boards/<int:board_pk>/child-deaths/<uuid:pk>/correct/",
        views.child_death_correct,
        name="child_death_correct",
    ),
    path(
        "boards/<int:board_pk>/child-deaths/<uuid:pk>/withdraw/",
        views.child_death_withdraw,
        name="child_death_withdraw",
    ),
]
