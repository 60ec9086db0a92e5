from django.apps import AppConfig


class NationalConfig(AppConfig):
    """National learning (19.6): anonymised records, themes, trends and overview reports."""

    name = "casereview.national"
    label = "national"

    def ready(self):
        # Learning sits below national: it asks for theme suggestions through its registry.
        from casereview.learning.suggestions import register_suggester

        from .themes.tagger import suggest_for_lesson

        register_suggester(suggest_for_lesson)
