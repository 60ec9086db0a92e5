"""An agency's chronology: its entries entered and corrected in the browser."""

from django.urls import path

from . import entry_views as views

AGENCY = "reviews/<uuid:review_id>/chronology/agencies/<uuid:chronology_id>/"

urlpatterns = [
    path("reviews/<uuid:review_id>/chronology/agencies/", views.agencies, name="agencies"),
    path(AGENCY, views.agency, name="agency"),
    path(f"{AGENCY}entries/add/", views.entry_add, name="entry_add"),
    path(f"{AGENCY}entries/<uuid:entry_id>/", views.entry_edit, name="entry_edit"),
    path(
        f"{AGENCY}entries/<uuid:entry_id>/withdraw/",
        views.entry_withdraw,
        name="entry_withdraw",
    ),
    path(f"{AGENCY}submit/", views.submit, name="submit"),
    path(f"{AGENCY}reopen/", views.reopen, name="reopen"),
]
