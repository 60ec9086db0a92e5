"""The learning pages: the review's (under /reviews/<id>/learning/) and the board's tracker."""

from django.urls import path

from . import agency_view, coding_views, evidence_views, theme_views, tracker, views
from . import correction_views as fix

app_name = "learning"

R = "reviews/<uuid:pk>/learning/"

urlpatterns = [
    path(R, views.lessons, name="lessons"),
    path(f"{R}lessons/add/", views.lesson_add, name="lesson_add"),
    path(f"{R}lessons/agree/", views.lessons_agree, name="lessons_agree"),
    path(f"{R}lessons/<uuid:item_pk>/", views.lesson_edit, name="lesson"),
    path(f"{R}lessons/<uuid:item_pk>/withdraw/", views.lesson_withdraw, name="lesson_withdraw"),
    path(
        f"{R}lessons/<uuid:item_pk>/themes/",
        theme_views.lesson_themes,
        name="lesson_themes",
    ),
    path(
        f"{R}lessons/<uuid:item_pk>/themes/decide/",
        theme_views.lesson_theme_decide,
        name="lesson_theme_decide",
    ),
    path(f"{R}recommendations/", views.recommendations, name="recommendations"),
    path(f"{R}recommendations/add/", views.recommendation_add, name="recommendation_add"),
    path(
        f"{R}recommendations/<uuid:item_pk>/respond/",
        views.recommendation_respond,
        name="recommendation_respond",
    ),
    path(
        f"{R}recommendations/<uuid:item_pk>/correct/",
        fix.recommendation_correct,
        name="recommendation_correct",
    ),
    path(
        f"{R}recommendations/<uuid:item_pk>/withdraw/",
        fix.recommendation_withdraw,
        name="recommendation_withdraw",
    ),
    path(
        f"{R}recommendations/<uuid:item_pk>/response/",
        fix.response_correct,
        name="response_correct",
    ),
    path(f"{R}coding/", coding_views.coding, name="coding"),
    path(f"{R}actions/", views.actions, name="actions"),
    path(f"{R}actions/add/", views.action_add, name="action_add"),
    path(f"{R}actions/<uuid:item_pk>/", views.action_detail, name="action"),
    path(f"{R}actions/<uuid:item_pk>/verify/", views.action_verify, name="action_verify"),
    path(f"{R}actions/<uuid:item_pk>/correct/", fix.action_correct, name="action_correct"),
    path(f"{R}actions/<uuid:item_pk>/withdraw/", fix.action_withdraw, name="action_withdraw"),
    path(
        f"{R}actions/<uuid:item_pk>/updates/<uuid:update_pk>/withdraw/",
        fix.update_withdraw,
        name="update_withdraw",
    ),
    path(
        f"{R}actions/<uuid:item_pk>/updates/<uuid:update_pk>/evidence/<uuid:document_pk>/",
        evidence_views.update_evidence,
        name="update_evidence",
    ),
    path(
        f"{R}actions/<uuid:item_pk>/verification/withdraw/",
        fix.verification_withdraw,
        name="verification_withdraw",
    ),
    path("boards/<int:board_pk>/actions/", tracker.tracker, name="tracker"),
    path(
        "boards/<int:board_pk>/actions/agency/",
        agency_view.agency_actions,
        name="agency_actions",
    ),
    path("boards/<int:board_pk>/actions/export/", tracker.export, name="tracker_export"),
]
