from django.apps import AppConfig


class ReviewsSupportConfig(AppConfig):
    """Experts, professionals, notifications, parallel processes and partner boards: an app
    only so that Django finds its templates in this folder. Its models are in
    reviews/models.py."""

    name = "casereview.reviews.support"
    label = "reviews_support"
