from django.apps import AppConfig


class NationalConfig(AppConfig):
    """National learning (19.6): anonymised records, themes, trends and overview reports."""

    name = "casereview.national"
    label = "national"

    def ready(self) -> None:
        from . import search_signals  # noqa: F401  (keeps the search index current)
