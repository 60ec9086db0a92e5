from django.apps import AppConfig


class ReviewsReportsConfig(AppConfig):
    """Agency reports: an app only so that Django finds its templates in this folder. Its
    models are in reviews/models.py."""

    name = "casereview.reviews.reports"
    label = "reviews_reports"
