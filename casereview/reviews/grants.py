"""Per-case grants: appointments to a review and partner boards of a cross-boundary review.
Registered with the permission layer, which imports no higher app."""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from casereview.accounts.models import Membership
from casereview.accounts.permissions import (
    ALWAYS_SHARED,
    BOARD_READERS,
    PARTNER_READER,
    SHARED_READERS,
    Grant,
)

from . import kept
from .models import Appointment, PartnerBoard


def _sections(role: str, shared) -> frozenset[str] | None:
    """The sections a per-case grant reads: what was shared, for the roles that read only
    that (an overview author reads every section its role allows)."""
    return ALWAYS_SHARED | frozenset(shared or ()) if role in SHARED_READERS else None


def review_grants(user) -> list[Grant]:
    # An appointment counts only while its holder still has the role that allowed it in the
    # review's board (an appointment's role is named as the membership's role).
    live_role = Membership.objects.filter(
        user=user, board_id=OuterRef("review__board_id"), role=OuterRef("role")
    )
    grants = [
        Grant(board, None, role, case_id=case, sections=_sections(role, shared))
        for board, role, case, shared in Appointment.objects.filter(
            Exists(live_role), user=user, ended_on__isnull=True
        ).values_list("review__board_id", "role", "review__notification_id", "shared_sections")
    ]
    reader_boards = Membership.objects.filter(user=user, role__in=BOARD_READERS).values("board_id")
    grants += [
        Grant(board, None, PARTNER_READER, case_id=case, sections=_sections(PARTNER_READER, shared))
        for board, case, shared in PartnerBoard.objects.filter(
            board_id__in=reader_boards
        ).values_list("review__board_id", "review__notification_id", "shared_sections")
    ]
    return grants


def end_appointments_of_removed_role(sender, *, membership: Membership, **kwargs) -> int:
    """The role is gone, so are the appointments to the board's reviews it allowed; they are
    marked ended and kept (they are the record that an expert was involved)."""
    ended = Appointment.objects.filter(
        user_id=membership.user_id,
        review__board_id=membership.board_id,
        role=membership.role,
        ended_on__isnull=True,
    )
    # An update sends no signals: the cases' stored compliance is marked stale here.
    kept.touch(ended.values_list("review__notification_id", flat=True))
    return ended.update(ended_on=timezone.localdate())
