"""Per-case grants: appointments to a review and partner boards of a cross-boundary review.
Registered with the permission layer, which imports no higher app."""

from casereview.accounts.models import Membership
from casereview.accounts.permissions import BOARD_READERS, PARTNER_READER, Grant

from .models import Appointment, PartnerBoard


def review_grants(user) -> list[Grant]:
    grants = [
        Grant(board, None, role, case_id=case)
        for board, role, case in Appointment.objects.filter(
            user=user, ended_on__isnull=True
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
