"""The integrated chronology's routes (chronology: namespace): the timeline, the panel's work
on it and its downloads."""

from django.urls import path

from . import timeline_views as views

R = "reviews/<uuid:review_id>/chronology/"

urlpatterns = [
    path(R, views.integrated_view, name="integrated"),
    path(f"{R}download/", views.download_view, name="integrated_download"),
    path(f"{R}merge/", views.rebuild_view, name="integrated_merge"),
    path(f"{R}gap/", views.gap_view, name="integrated_gap"),
    path(f"{R}share/", views.share_view, name="integrated_share"),
    path(f"{R}unshare/", views.unshare_view, name="integrated_unshare"),
    path(
        f"{R}entries/<uuid:item_pk>/significance/",
        views.significance_view,
        name="entry_significance",
    ),
    path(f"{R}conflicts/<uuid:item_pk>/", views.resolve_view, name="conflict"),
    path(f"{R}episodes/", views.episode_add_view, name="episode_add"),
    path(f"{R}episodes/<uuid:item_pk>/", views.episode_edit_view, name="episode"),
    path(
        f"{R}episodes/<uuid:item_pk>/withdraw/",
        views.episode_withdraw_view,
        name="episode_withdraw",
    ),
]
