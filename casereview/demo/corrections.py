"""The demonstration's corrections (cases/amendments.py): one decision the chair made again
with a reason. A case the chair first decided needed no review is, after the panel met
again, sent to another learning process; the first decision stays in the case's history."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from casereview.audit.context import SYSTEM
from casereview.cases.corrections import redecide
from casereview.cases.models import Amendment, Decision, DecisionOutcome, Notification

from .boards import BoardContext
from .case_plans import CasePlan

REASONS = (
    "The panel met again after the agencies' chronologies arrived. They show missed chances "
    "to share information between health and children's social care; a learning event with "
    "the agencies involved is proportionate, though the criteria for a review are not met."
)
WHY = (
    "The first decision was made before the agencies' chronologies were received; the panel "
    "asked the chair to look at it again once they were."
)


def correct_a_decision(
    ctx: BoardContext, plans: list[CasePlan], written: list[Notification]
) -> Notification | None:
    """Re-decide the oldest 'no review' decision of the board as another learning process."""
    for plan, notification in zip(plans, written, strict=True):
        if not plan.decision or plan.decision[0] != DecisionOutcome.NO_REVIEW:
            continue
        _, _, dissent, decided_on, recorded = plan.decision
        again_on = min(decided_on + timedelta(days=14), timezone.localdate())
        redecide(
            notification,
            actor=ctx.chair,
            context=SYSTEM,
            outcome=DecisionOutcome.OTHER_LEARNING,
            reasons=REASONS,
            dissent=dissent,
            decided_on=again_on,
            reason=WHY,
        )
        # Post-date the timestamps the service stamped with now, as the generator does.
        at = min(recorded + timedelta(days=14), timezone.now())
        Decision.objects.filter(notification=notification).update(recorded_at=at)
        Amendment.objects.filter(notification=notification).update(amended_at=at)
        return notification
    return None
