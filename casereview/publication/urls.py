from django.urls import include, path

from . import report_urls, views

app_name = "publication"

urlpatterns = [
    path("reviews/<uuid:pk>/register/", views.register, name="register"),
    path("reviews/<uuid:pk>/register/build/", views.register_build, name="register_build"),
    path("reviews/<uuid:pk>/register/add/", views.term_add, name="term_add"),
    path(
        "reviews/<uuid:pk>/register/<uuid:item_pk>/correct/",
        views.term_correct,
        name="term_correct",
    ),
    path(
        "reviews/<uuid:pk>/register/<uuid:item_pk>/remove/", views.term_remove, name="term_remove"
    ),
    path("", include("casereview.publication.publish_urls")),
    # The report drafts, their sign-off and the quality self-assessment.
    path("", include(report_urls)),
]
