"""The generator's renumbering of references by year of receipt leaves the board's counters
where the references are, so that the next notification follows the highest of them."""

from __future__ import annotations

from datetime import date

import time_machine

from casereview.cases.models import ReferenceCounter
from casereview.demo.boards import BoardContext
from casereview.demo.notifications import renumber
from conftest import make_notification, with_review


@time_machine.travel(date(2026, 6, 1))
def test_the_next_notification_follows_the_highest_renumbered_reference(world):
    written = [make_notification(world.board, world.user("board_manager")) for _ in range(3)]
    reviewed = with_review(written[2], world.user("board_chair"))
    ctx = BoardContext(board=world.board, place="Eastbrook", towns=(), region="")
    renumber(
        ctx,
        list(zip(written, ["SCR-N2025-0001", "SCR-N2025-0002", "SCR-N2026-0001"], strict=True)),
    )

    counters = dict(
        ReferenceCounter.objects.filter(board=world.board).values_list("year", "last_number")
    )
    assert counters == {2025: 2, 2026: 1}
    reviewed.refresh_from_db()
    assert reviewed.review.reference == "SCR-R2026-0001"
    nxt = make_notification(world.board, world.user("board_manager"))
    assert nxt.reference == "SCR-N2026-0002"
    with time_machine.travel(date(2025, 12, 1)):
        earlier = make_notification(
            world.board,
            world.user("board_manager"),
            received_at=None,
            incident_date=date(2025, 11, 1),
            date_of_death=date(2025, 11, 2),
        )
    assert earlier.reference == "SCR-N2025-0003"
