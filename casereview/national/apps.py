from django.apps import AppConfig


class NationalConfig(AppConfig):
    """National learning (19.6): anonymised records, themes, trends and overview reports."""

    name = "casereview.national"
    label = "national"

    def ready(self) -> None:
        from casereview.learning.signals import coding_corrected
        from casereview.learning.suggestions import register_suggester
        from casereview.publication.signals import board_signed_off
        from casereview.reviews.my_work import register_work_source

        from . import search_signals  # noqa: F401  (keeps the search index current)
        from .records import on_board_signed_off, on_coding_corrected
        from .themes.tagger import suggest_for_lesson
        from .work import work_items

        # The board's sign-off builds the review's anonymised national record.
        board_signed_off.connect(on_board_signed_off, dispatch_uid="national_record")
        # A correction of its coding after the sign-off replaces the record.
        coding_corrected.connect(on_coding_corrected, dispatch_uid="national_record_coding")
        # Learning sits below national: it asks for theme suggestions through its registry.
        register_suggester(suggest_for_lesson)
        # The analyst's home lists the recurring issues waiting for a review.
        register_work_source(work_items)
