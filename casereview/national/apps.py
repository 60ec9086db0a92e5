from django.apps import AppConfig


class NationalConfig(AppConfig):
    """National learning (19.6): anonymised records, themes, trends and overview reports."""

    name = "casereview.national"
    label = "national"

    def ready(self) -> None:
        from casereview.publication.signals import board_signed_off

        from .records import on_board_signed_off

        board_signed_off.connect(on_board_signed_off, dispatch_uid="national_record")
        from . import search_signals  # noqa: F401  (keeps the search index current)
