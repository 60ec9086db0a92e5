"""The case page reads its "Owed now" lines from the kept state (reviews/kept.py, registered
in cases/obligation_lines.py) instead of evaluating the case on every view: the same lines
as a fresh evaluation, today and later, for far fewer queries."""

from __future__ import annotations

import re
from datetime import timedelta

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casereview.cases import obligation_lines
from casereview.reviews import kept
from casereview.reviews.case_lines import case_lines
from casereview.reviews.models import KeptCase
from conftest import review_of, verified_client

OWED = re.compile(r'<ul class="govuk-list" id="owed">.*?</ul>', re.S)


def _page(client, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.text, len(captured)


def _owed(text: str) -> str:
    found = OWED.search(text)
    return found.group(0) if found else ""


def _evaluated(client, url: str) -> tuple[str, int]:
    obligation_lines.register_lines_reader(None)
    try:
        return _page(client, url)
    finally:
        obligation_lines.register_lines_reader(case_lines)


def test_the_case_page_shows_the_lines_of_a_fresh_evaluation(world, notification):
    url = reverse("cases:detail", args=[notification.pk])
    for days in (0, 3, 40):
        with time_machine.travel(timezone.now() + timedelta(days=days)):
            client = verified_client(world.user("board_manager"))  # signed in that day
            kept.refresh()  # the nightly task (the tests' transactions run no on_commit)
            assert KeptCase.objects.get(case_id=notification.pk).computed_on == (
                timezone.localdate()
            )
            kept_page, _ = _page(client, url)
            fresh_page, _ = _evaluated(client, url)
            assert _owed(kept_page) == _owed(fresh_page)
    assert _owed(kept_page), "the notification owes something: the comparison saw lines"


def test_the_case_page_of_a_review_does_not_evaluate_the_case(world):
    review = review_of(world)
    client = verified_client(world.user("board_manager"))
    url = reverse("cases:detail", args=[review.notification_id])
    kept.refresh_cases([review.notification_id])  # as the write's commit does
    kept_page, read = _page(client, url)
    fresh_page, evaluated = _evaluated(client, url)
    assert _owed(kept_page) == _owed(fresh_page)
    assert read + 15 <= evaluated, f"{read} queries reading the kept lines, {evaluated} evaluating"


def test_a_case_behind_is_evaluated_and_the_case_page_stores_nothing(world, notification):
    client = verified_client(world.user("board_manager"))
    url = reverse("cases:detail", args=[notification.pk])
    kept.refresh_cases([notification.pk])
    KeptCase.objects.filter(case_id=notification.pk).update(stale=True)
    stale_page, _ = _page(client, url)
    assert KeptCase.objects.get(case_id=notification.pk).stale  # a GET wrote nothing
    fresh_page, _ = _evaluated(client, url)
    assert _owed(stale_page) == _owed(fresh_page)
