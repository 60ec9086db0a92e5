from django.urls import path

from . import public_views, publish_views

urlpatterns = [
    path("reviews/<uuid:pk>/publication/", publish_views.page, name="publish_page"),
    path(
        "reviews/<uuid:pk>/publication/reports/<uuid:item_pk>/render/",
        publish_views.render_request,
        name="render",
    ),
    path(
        "reviews/<uuid:pk>/publication/files/<uuid:item_pk>/",
        publish_views.rendering_download,
        name="rendering_download",
    ),
    path(
        "reviews/<uuid:pk>/publication/files/<uuid:item_pk>/publish/",
        publish_views.publish,
        name="publish",
    ),
    path(
        "reviews/<uuid:pk>/publication/published/<uuid:item_pk>/withdraw/",
        publish_views.withdraw,
        name="withdraw",
    ),
    # The board's public page: no sign-in (public_views.py).
    path("published/<slug:board>/", public_views.board_page, name="public_board"),
    path(
        "published/<slug:board>/<uuid:publication_pk>/",
        public_views.download,
        name="public_download",
    ),
]
