"""The review's lessons, recommendations, actions and agency chronologies lists as CSV and
XLSX (`?format=`): the rows the page shows and no others, formula-like cells neutralised,
each download audited as the list's `list` event, and no download past the permission
check."""

from __future__ import annotations

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from casereview.audit.models import AuditEvent
from conftest import make_notification, review_of, verified_client, with_review

from .helpers import acted_review, lesson_of


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_learning_lists_download_with_formulas_neutralised_and_audited(world):
    review = review_of(world, agencies=[world.police, world.health])
    lesson, rec, action = acted_review(world, review)
    lesson_of(world, review, text='=HYPERLINK("http://example.invalid") was clicked')
    manager = verified_client(world.user("board_manager"))

    rows = _csv(manager.get(reverse("learning:lessons", args=[review.pk]), {"format": "csv"}))
    assert rows[0][:2] == ["Lesson", "Category"]
    texts = sorted(r[0] for r in rows[1:])
    assert texts == sorted([lesson.text, '\'=HYPERLINK("http://example.invalid") was clicked'])

    rows = _csv(
        manager.get(reverse("learning:recommendations", args=[review.pk]), {"format": "csv"})
    )
    assert [(r[0], r[1]) for r in rows[1:]] == [(str(rec.number), rec.text)]

    response = manager.get(reverse("learning:actions", args=[review.pk]), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:2] == ["Recommendation", "Action"]
    assert [v[1] for v in values[1:]] == [action.description]

    exports = AuditEvent.objects.filter(action="list").exclude(detail__export=None)
    assert sorted((e.detail["export"], e.detail["count"]) for e in exports) == [
        ("csv", 1),
        ("csv", 2),
        ("xlsx", 1),
    ]
    assert {e.board_id for e in exports} == {review.board_id}
    # The page itself is unchanged and offers the downloads.
    page = manager.get(reverse("learning:actions", args=[review.pk]))
    assert page.status_code == 200 and b"?format=csv" in page.content


def test_a_download_holds_only_what_the_page_shows(world):
    review = review_of(world, agencies=[world.police, world.health])
    _, _, action = acted_review(world, review)
    health = verified_client(world.health_author)
    rows = _csv(health.get(reverse("learning:actions", args=[review.pk]), {"format": "csv"}))
    assert rows[1:] == []  # the police's action is not the health author's
    police = verified_client(world.user("agency_author"))
    rows = _csv(police.get(reverse("learning:actions", args=[review.pk]), {"format": "csv"}))
    assert [r[1] for r in rows[1:]] == [action.description]

    rows = _csv(police.get(reverse("chronology:agencies", args=[review.pk]), {"format": "csv"}))
    assert [r[0] for r in rows[1:]] == [world.police.name]
    manager = verified_client(world.user("board_manager"))
    rows = _csv(manager.get(reverse("chronology:agencies", args=[review.pk]), {"format": "csv"}))
    assert sorted(r[0] for r in rows[1:]) == sorted([world.police.name, world.health.name])
    assert rows[0] == ["Agency", "Entries", "Of which context", "Status", "Submitted"]


def test_no_download_of_another_boards_review(world):
    other = with_review(
        make_notification(world.other_board, world.outsider, agencies=[world.other_police]),
        world.outsider,
    ).review
    lesson_of(world, other, text="A lesson of another board")
    manager = verified_client(world.user("board_manager"))
    for name in ("learning:lessons", "learning:recommendations", "learning:actions"):
        response = manager.get(reverse(name, args=[other.pk]), {"format": "csv"})
        assert response.status_code == 404, name
        assert b"another board" not in response.content
    response = manager.get(reverse("chronology:agencies", args=[other.pk]), {"format": "xlsx"})
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="list").exclude(detail__export=None).exists()
