from django.apps import AppConfig


class PublicationConfig(AppConfig):
    """Reports made safe to publish (19.5): the anonymiser and the wording checks (19.2),
    the report drafts, their sign-off and the panel's quality self-assessment, rendering, the
    publication gate and the public pages."""

    name = "casereview.publication"
    label = "publication"

    def ready(self) -> None:
        from casereview.reviews import compliance_panels, kept, lifecycle

        from .compliance_panel import quality_panel
        from .models import Publication, Report, SignOff
        from .report_signoff import move_rule

        # The sign-off moves need the report's sign-off; publishing goes through the gate.
        lifecycle.register_move_rule(move_rule)
        compliance_panels.register_panel("publication.quality", quality_panel)
        # The publication checks (publication/checks.py) read these: keep compliance current.
        kept.watch(Report, SignOff, Publication)
