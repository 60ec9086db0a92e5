from django.apps import AppConfig


class PublicationConfig(AppConfig):
    """Reports made safe to publish (19.5): the anonymiser and the wording checks (19.2)."""

    name = "casereview.publication"
    label = "publication"

    def ready(self) -> None:
        from casereview.reviews import lifecycle
        from casereview.reviews.models import ReviewStatus

        # Published only through the publication page, which runs the gate (gate.py).
        lifecycle.made_elsewhere(
            ReviewStatus.PUBLISHED,
            "Publish from the review's publication page: it checks that no identifier is "
            "left in the file, that the panel and the board have signed off, that the family "
            "has been told of the publication (19.5) and that no parallel process holds it",
        )
