"""The tracker's charts: SVG with a table of the same numbers, from real actions."""

from datetime import timedelta

from django.urls import reverse

from casereview.audit.context import SYSTEM
from casereview.learning import charts, services
from casereview.learning.models import Action, ActionStatus
from conftest import review_of

from .helpers import MADE_ON, TODAY, action_of, lesson_of, recommendation_of


def _board_actions(world):
    review = review_of(world, agencies=[world.police, world.health])
    rec = recommendation_of(world, review, lessons=[lesson_of(world, review)])
    started = action_of(world, rec, world.police)
    services.update_action(
        started,
        actor=world.user("board_manager"),
        context=SYSTEM,
        lock_version=0,
        status=ActionStatus.IN_PROGRESS,
        rag="amber",
        text="Started",
        on=TODAY,
    )
    late = action_of(world, rec, world.health)
    Action.objects.filter(pk=late.pk).update(target_date=TODAY - timedelta(days=1))
    done = action_of(world, rec, world.police)
    Action.objects.filter(pk=done.pk).update(
        status=ActionStatus.VERIFIED, verified_on=MADE_ON + timedelta(days=200)
    )
    return charts.facts(Action.objects.filter(review=review))


def test_the_charts_count_real_actions(world):
    actions = _board_actions(world)
    by_status, overdue, time = charts.charts(actions, TODAY, world.board.pk)
    this_month = by_status.bars[-1]
    assert {s.series: s.value for s in this_month.segments} == {
        "Not started": 1,
        "In progress": 1,
        "Completed": 0,
        "Change verified": 1,
    }
    assert [(b.label, b.total) for b in overdue.bars] == [("Eastbrook Health", 1)]
    assert {b.label: b.total for b in time.bars}["6 to 12 months"] == 1


def test_the_tracker_shows_each_chart_with_its_table(world, client_for):
    _board_actions(world)
    page = (
        client_for(world.user("board_manager"))
        .get(reverse("learning:tracker", args=[world.board.pk]))
        .text
    )
    for chart_id in ("by-status", "overdue", "time-to-change"):
        assert f'id="chart-{chart_id}"' in page
    assert page.count('<svg role="img"') == 3
    assert "Overdue actions by agency: the numbers" in page
    assert "style=" not in page.split('id="chart-by-status"')[1]
