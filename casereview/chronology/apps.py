from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    """The agency chronologies of a review and the integrated chronology built from them."""

    name = "casereview.chronology"
    label = "chronology"

    def ready(self):
        from casereview.reviews.reports.chronology_link import register_chronology_reader

        from .report_link import link_of

        register_chronology_reader(link_of)
