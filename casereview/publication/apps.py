from django.apps import AppConfig


class PublicationConfig(AppConfig):
    """Reports made safe to publish (19.5): the anonymiser and the wording checks (19.2),
    the report drafts, their sign-off and the panel's quality self-assessment."""

    name = "casereview.publication"
    label = "publication"

    def ready(self):
        from casereview.reviews import compliance_panels, lifecycle

        from .compliance_panel import quality_panel
        from .report_signoff import move_rule

        lifecycle.register_move_rule(move_rule)
        compliance_panels.register_panel("publication.quality", quality_panel)
