"""WT2018: the death of a looked-after child is also told to the Secretary of State and
Ofsted (issue 9 item 11), whether or not abuse or neglect is suspected. The predicate
reads the notification (cases), the check the statutory notifications (reviews)."""

from django.utils import timezone

from casereview.accounts.models import Board
from casereview.procedure.engine import evaluate
from casereview.reviews.models import OutboundNotification, Recipient
from conftest import make_notification


def status(notification) -> str:
    results = {r.obligation.id: r for r in evaluate(notification)}
    return results["looked_after_death_notified"].status


def under_wt2018(world, **fields):
    Board.objects.filter(pk=world.board.pk).update(default_regime="wt2018")
    world.board.refresh_from_db()
    # Notified today, so that the five working days are still running.
    return make_notification(world.board, world.user("board_manager"), received_at=None, **fields)


def tell(notification, recipient):
    OutboundNotification.objects.create(
        board=notification.board,
        notification=notification,
        recipient=recipient,
        purpose="Death of a looked-after child",
        sent_on=timezone.localdate(),
        method="Secure email",
        copy="Synthetic copy.",
    )


def test_a_looked_after_childs_death_is_owed_to_both_and_met_when_both_are_told(world):
    n = under_wt2018(world, abuse_neglect="not", child={"looked_after": True})
    assert status(n) == "due"
    tell(n, Recipient.OFSTED)
    assert status(n) == "due"
    tell(n, Recipient.SECRETARY_OF_STATE)
    assert status(n) == "met"


def test_it_does_not_apply_to_a_child_not_looked_after_or_who_survived(world):
    assert status(under_wt2018(world)) == "not_applicable"
    harmed = under_wt2018(
        world, outcome="serious_harm", date_of_death=None, child={"looked_after": True}
    )
    assert status(harmed) == "not_applicable"
