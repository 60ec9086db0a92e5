"""URL patterns of the review's panel pages (joined into the reviews: namespace)."""

from django.urls import path

from .. import correction_views
from . import downloads, views

urlpatterns: list = [
    path("reviews/<uuid:pk>/panel/", views.panel, name="panel"),
    path("reviews/<uuid:pk>/panel/members/new/", views.member_add, name="panel_member_add"),
    path("reviews/<uuid:pk>/panel/meetings/new/", views.meeting_add, name="meeting_add"),
    path(
        "reviews/<uuid:pk>/panel/meetings/<uuid:item_pk>/decisions/new/",
        views.decision_add,
        name="panel_decision_add",
    ),
    path(
        "reviews/<uuid:pk>/panel/meetings/<uuid:item_pk>/correct/",
        correction_views.meeting_correct,
        name="meeting_correct",
    ),
    path(
        "reviews/<uuid:pk>/panel/decisions/<uuid:item_pk>/withdraw/",
        correction_views.panel_decision_withdraw,
        name="panel_decision_withdraw",
    ),
    path("reviews/<uuid:pk>/terms/", views.terms, name="terms"),
    path("reviews/<uuid:pk>/terms/new/", views.terms_new, name="terms_new"),
    path("reviews/<uuid:pk>/terms/<int:version>/", views.terms_document, name="terms_document"),
    path(
        "reviews/<uuid:pk>/terms/<int:version>/download/",
        downloads.terms_download,
        name="terms_download",
    ),
    path("reviews/<uuid:pk>/terms/<int:version>/agree/", views.terms_agree, name="terms_agree"),
    path("reviews/<uuid:pk>/move/", views.move, name="move"),
]
