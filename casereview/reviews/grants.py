"""Per-case grants: appointments to a review and partner boards of a cross-boundary review.
Registered with the permission layer, which imports no higher app."""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from casereview.accounts.models import Membership
from casereview.accounts.permissions import BOARD_READERS, PARTNER_READER, Grant

from .models import Appointment, PartnerBoard


def review_grants(user) -> list[Grant]:
    # An appointment counts only while its holder still has the role that allowed it in the
    # review's board (an appointment's role is named as the membership's role).
    live_role = Membership.objects.filter(
        user=user, board_id=OuterRef("review__board_id"), role=OuterRef("role")
    )
    grants = [
        Grant(board, None, role, case_id=case)
        for board, role, case in Appointment.objects.filter(
            Exists(live_role), user=user, ended_on__isnull=True
        ).values_list("review__board_id", "role", "review__notification_id")
    ]
    reader_boards = Membership.objects.filter(user=user, role__in=BOARD_READERS).values("board_id")
    grants += [
        Grant(board, None, PARTNER_READER, case_id=case)
        for board, case in PartnerBoard.objects.filter(board_id__in=reader_boards).values_list(
            "review__board_id", "review__notification_id"
        )
    ]
    return grants


def end_appointments_of_removed_role(sender, *, membership: Membership, **kwargs) -> int:
    """The role is gone, so are the appointments to the board's reviews it allowed; they are
    marked ended and kept (they are the record that an expert was involved)."""
    return Appointment.objects.filter(
        user_id=membership.user_id,
        review__board_id=membership.board_id,
        role=membership.role,
        ended_on__isnull=True,
    ).update(ended_on=timezone.localdate())
