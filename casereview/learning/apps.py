from django.apps import AppConfig


class LearningConfig(AppConfig):
    """From lessons to change (19.2): findings, recommendations, actions and their evidence."""

    name = "casereview.learning"
    label = "learning"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_save

        from casereview.cases.models import Decision
        from casereview.cases.signals import decided_again
        from casereview.reviews import kept, lifecycle
        from casereview.reviews.my_work import register_work_source
        from casereview.reviews.reminders import register_reminders

        from .closing import tell_referrer_of_decision, tell_referrer_of_new_decision
        from .closing_rule import move_rule
        from .models import Action, Lesson, Recommendation
        from .reminders import send_action_reminders, work_items

        # The 19.2 checks (learning/checks.py) read these: keep compliance current.
        kept.watch(Lesson, Recommendation, Action)
        m2m_changed.connect(
            kept.touch_m2m, sender=Recommendation.lessons.through, dispatch_uid="kept-rec-lessons"
        )
        register_reminders(send_action_reminders)
        # A review is closed only when every action's change is verified (or withdrawn).
        lifecycle.register_move_rule(move_rule)
        register_work_source(work_items)
        # Closing the loop: the referrer is told why a case gets no review.
        post_save.connect(
            tell_referrer_of_decision, sender=Decision, dispatch_uid="learning-no-review"
        )
        decided_again.connect(
            tell_referrer_of_new_decision, sender=Decision, dispatch_uid="learning-decided-again"
        )
