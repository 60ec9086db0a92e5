"""The learning pages and the tracker keep their number of queries as actions grow."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casereview.audit.context import SYSTEM
from casereview.learning import services
from conftest import review_of, verified_client

from .helpers import action_of, lesson_of, recommendation_of


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _grow(world, review, n: int):
    for i in range(n):
        lesson = lesson_of(world, review, text=f"Lesson {i}")
        services.tag_lesson(
            lesson,
            actor=world.user("panel_chair"),
            context=SYSTEM,
            code="recording",
            span_start=0,
            span_end=3,
        )
        action_of(world, recommendation_of(world, review, lessons=[lesson]))


def test_pages_do_not_query_per_lesson_recommendation_or_action(world):
    client = verified_client(world.user("board_manager"))
    small, rich = review_of(world), review_of(world)
    _grow(world, small, 1)
    urls = lambda r: [  # noqa: E731
        reverse(name, args=[r.pk])
        for name in ("learning:lessons", "learning:recommendations", "learning:actions")
    ]
    for url in urls(small):
        _queries(client, url)  # warm the per-process caches
    few = [_queries(client, url) for url in urls(small)]
    _grow(world, rich, 5)
    many = [_queries(client, url) for url in urls(rich)]
    assert many == few
    tracker = reverse("learning:tracker", args=[world.board.pk])
    before = _queries(client, tracker)
    _grow(world, review_of(world), 4)
    assert _queries(client, tracker) == before


def test_the_tracker_shows_its_actions_a_page_at_a_time(world):
    from casereview.learning import tracker

    review = review_of(world)
    recommendation = recommendation_of(world, review)
    for _ in range(tracker.PAGE_SIZE + 3):
        action_of(world, recommendation)
    client = verified_client(world.user("board_manager"))
    url = reverse("learning:tracker", args=[world.board.pk])
    first = client.get(url).text
    assert f"{tracker.PAGE_SIZE + 3} actions" in first
    assert f"1 to {tracker.PAGE_SIZE} shown" in first and "Page 1 of 2" in first
    rows = lambda html: html.split('id="tracker"')[1].split("</table>")[0].count("<tr class")  # noqa: E731
    assert rows(first) == tracker.PAGE_SIZE + 1  # and the heading row
    second = client.get(url + "?page=2").text
    assert rows(second) == 3 + 1 and "Page 2 of 2" in second
    # The download holds every action the filters keep, whatever the page.
    link = re.search(r'href="([^"]*)">Download these actions', second)[1]
    assert "page=" not in link
