"""URL patterns of the review's family pages (joined into the reviews: namespace)."""

from django.urls import path

from . import downloads, translation_views, views

urlpatterns: list = [
    path("reviews/<uuid:pk>/family/", views.family, name="family"),
    path(
        "reviews/<uuid:pk>/family/<uuid:item_pk>/involvement/",
        views.involvement,
        name="family_involvement",
    ),
    path(
        "reviews/<uuid:pk>/family/<uuid:item_pk>/not-contacted/",
        views.not_contacted,
        name="family_not_contacted",
    ),
    path("reviews/<uuid:pk>/family/child/", views.child_involvement, name="child_involvement"),
    path("reviews/<uuid:pk>/family/contacts/add/", views.contact_add, name="family_contact_add"),
    path(
        "reviews/<uuid:pk>/family/<uuid:item_pk>/letter/<slug:template>/",
        views.letter,
        name="family_letter",
    ),
    path(
        "reviews/<uuid:pk>/family/<uuid:item_pk>/letter/<slug:template>/download/",
        downloads.letter_download,
        name="family_letter_download",
    ),
    path(
        "boards/<int:board_pk>/letters/",
        translation_views.translation_list,
        name="letter_translations",
    ),
    path(
        "boards/<int:board_pk>/letters/english/<slug:template>/",
        translation_views.english_letter,
        name="letter_english",
    ),
    path(
        "boards/<int:board_pk>/letters/upload/",
        translation_views.translation_upload,
        name="letter_translation_upload",
    ),
    path(
        "boards/<int:board_pk>/letters/<uuid:item_pk>/",
        translation_views.translation_detail,
        name="letter_translation",
    ),
    path(
        "boards/<int:board_pk>/letters/<uuid:item_pk>/file/",
        translation_views.translation_file,
        name="letter_translation_file",
    ),
]
