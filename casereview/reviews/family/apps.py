from django.apps import AppConfig


class ReviewsFamilyConfig(AppConfig):
    """The family's involvement, contacts and letters: an app only so that Django finds its
    templates in this folder. Its models are in reviews/models.py."""

    name = "casereview.reviews.family"
    label = "reviews_family"
