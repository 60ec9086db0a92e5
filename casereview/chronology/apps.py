from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    """The agency chronologies of a review and the integrated chronology built from them."""

    name = "casereview.chronology"
    label = "chronology"
