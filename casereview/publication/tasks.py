"""Background tasks of publication (Django's tasks API; django-tasks-db in production)."""

from __future__ import annotations

from django.tasks import task

from . import rendering as rendering_service
from .models import Rendering


@task()
def render_report(rendering_id: str) -> str:
    """Render one report version; the outcome is on the Rendering row."""
    row = Rendering.objects.select_related("version__report__review__board").get(pk=rendering_id)
    return rendering_service.run(row).status
