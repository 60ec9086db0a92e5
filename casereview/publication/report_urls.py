"""URL patterns of the report drafts, their sign-off and the quality self-assessment
(joined into the publication: namespace)."""

from django.urls import path

from . import quality_views, report_views

D = "reviews/<uuid:pk>/drafts/<uuid:item_pk>/"

urlpatterns = [
    path("reviews/<uuid:pk>/drafts/", report_views.drafts, name="drafts"),
    path("reviews/<uuid:pk>/drafts/start/", report_views.draft_start, name="draft_start"),
    path(D, report_views.draft, name="draft"),
    path(f"{D}reassemble/", report_views.draft_reassemble, name="draft_reassemble"),
    path(f"{D}changes/", report_views.draft_diff, name="draft_diff"),
    path(f"{D}comments/", report_views.draft_comment, name="draft_comment"),
    path(f"{D}comments/resolve/", report_views.draft_comment_resolve, name="draft_comment_resolve"),
    path(f"{D}sign-off/", report_views.signoff, name="signoff"),
    path(f"{D}sign-off/panel/", report_views.sign_panel, name="sign_panel"),
    path(f"{D}sign-off/board/", report_views.sign_board, name="sign_board"),
    path(f"{D}sign-off/withdraw/", report_views.signoff_withdraw, name="signoff_withdraw"),
    path("reviews/<uuid:pk>/quality/", quality_views.quality_page, name="quality"),
]
