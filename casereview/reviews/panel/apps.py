from django.apps import AppConfig


class ReviewsPanelConfig(AppConfig):
    """The panel, terms of reference and stage moves: an app only so that Django finds its
    templates in this folder. Its models are in reviews/models.py."""

    name = "casereview.reviews.panel"
    label = "reviews_panel"
