from django.apps import AppConfig


class LearningConfig(AppConfig):
    """From lessons to change (19.2): findings, recommendations, actions and their evidence."""

    name = "casereview.learning"
    label = "learning"
