from django.apps import AppConfig


class PublicationConfig(AppConfig):
    """Reports made safe to publish (19.5): the anonymiser and the wording checks (19.2)."""

    name = "casereview.publication"
    label = "publication"
