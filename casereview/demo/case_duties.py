"""The duties that come before a review, recorded on the notification (boards under the
later regimes): the notices asked at once (Ofsted under WT2013, the national Panel under
WT2018), the notice of a decision not to review (WT2013) and the rapid review (WT2018).
Most are on time, a few late and about one in ten not yet, so that the dashboard shows
cases decided against a review that still owe something.

Each case draws on a random stream of its own, so that the other cases and the reviews
come out the same whatever is recorded here."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from casereview.audit.context import SYSTEM
from casereview.cases.models import DecisionOutcome, Notification
from casereview.procedure.engine import evaluate
from casereview.reviews.case_duties import record_notice, record_rapid_review
from casereview.reviews.models import RapidReview, Recipient

from .case_plans import CasePlan

NOTICES = {
    "ofsted_notified": (
        Recipient.OFSTED,
        "Serious incident notification",
        "Secure e-mail to Ofsted",
    ),
    "national_panel_notified": (
        Recipient.NATIONAL_PANEL,
        "Serious child safeguarding incident notification",
        "Online notification form",
    ),
    "national_panel_informed_of_no_review": (
        Recipient.NATIONAL_PANEL,
        "Decision not to hold a serious case review, with the reasons",
        "Secure e-mail",
    ),
}
RAPID_FINDINGS = (
    "Agencies shared information promptly once the incident was known; earlier contacts "
    "were not joined up, and the health visitor did not know of the police call-outs.",
    "The chronology shows missed appointments that no agency followed up; the family's "
    "move between areas interrupted the child protection plan.",
)


def record(notification: Notification, plan: CasePlan) -> None:
    if not plan.decision:
        return
    rng = random.Random(f"duties-{notification.board_id}-{notification.reference}")
    today = timezone.localdate()
    received = timezone.localdate(plan.received_at)
    outcome, _, _, decided_on, _ = plan.decision
    notification.received_at = plan.received_at
    manager = plan.ctx.manager
    for result in evaluate(notification):
        o = result.obligation
        if result.status in ("met", "not_applicable") or "review_held" in o.applies:
            continue
        if rng.random() < 0.1:
            continue  # not done yet: the case stays on the dashboard
        if o.satisfied_by in NOTICES:
            recipient, purpose, method = NOTICES[o.satisfied_by]
            start = decided_on if o.anchor == "decided" else received
            late = rng.random() < 0.12
            sent = start + timedelta(days=rng.randint(8, 15) if late else rng.randint(1, 4))
            if sent > today:
                continue
            record_notice(
                notification,
                actor=manager,
                context=SYSTEM,
                recipient=recipient,
                purpose=purpose,
                sent_on=sent,
                method=method,
                copy=(
                    f"{notification.board.name}: {purpose.lower()} about a child whose case "
                    f"the board learned of on {received:%d %B %Y}.\n"
                    f"{manager.get_full_name()}, {manager.job_title}"
                ),
            )
        elif o.satisfied_by == "rapid_review_completed":
            completed = min(received + timedelta(days=rng.randint(8, 20)), decided_on, today)
            review = outcome == DecisionOutcome.HOLD_REVIEW
            rapid = record_rapid_review(
                notification,
                actor=manager,
                context=SYSTEM,
                completed_on=completed,
                participants="Police detective inspector; named nurse; children's social "
                "care team manager; designated doctor",
                findings=rng.choice(RAPID_FINDINGS),
                local_review_recommended=review,
                recommendation_reasons=(
                    "The case may show how agencies must work together better: a local "
                    "child safeguarding practice review should follow."
                    if review
                    else "The learning is identified by the rapid review and is being acted "
                    "on by the agencies; a local review would add little."
                ),
            )
            RapidReview.objects.filter(pk=rapid.pk).update(recorded_at=plan.decision[4])
