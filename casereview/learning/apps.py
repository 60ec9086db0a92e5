from django.apps import AppConfig


class LearningConfig(AppConfig):
    """From lessons to change (19.2): findings, recommendations, actions and their evidence."""

    name = "casereview.learning"
    label = "learning"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed

        from casereview.reviews import kept

        from . import closing  # noqa: F401  (registers its e-mail kind)
        from .models import Action, Lesson, Recommendation

        # The 19.2 checks (learning/checks.py) read these: keep compliance current.
        kept.watch(Lesson, Recommendation, Action)
        m2m_changed.connect(
            kept.touch_m2m, sender=Recommendation.lessons.through, dispatch_uid="kept-rec-lessons"
        )
