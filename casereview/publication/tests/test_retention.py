"""How long a publication stays public at least: the regime's minimum where it sets one
(WT2013 chapter 4: 12 months), else the board's retention policy, and every page that shows
the period says which of the two it is."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.procedure import clocks
from casereview.publication import publishing, rules
from casereview.publication.models import RetentionBasis
from casereview.publication.tests.publication_helpers import published_rendering, ready_review

BOARD = "the board's policy: the regime sets no minimum"
REGIME = "the regime's minimum: WT2013 chapter 4"


def _publish(world, review):
    return publishing.publish(
        published_rendering(world, review),
        title="Child A: executive summary",
        summary="",
        actor=world.user("board_manager"),
        context=SYSTEM,
    )


@pytest.mark.parametrize("regime", ["rotherham_wt2006", "wt2010", "wt2018"])
def test_where_the_regime_sets_no_minimum_the_boards_policy_applies(world, regime):
    world.board.publication_retention_months = 30
    world.board.save()
    review = ready_review(world, regime=regime)
    retention = rules.retention_for(review)
    assert (retention.period, retention.basis, retention.clause) == (
        "30 months",
        RetentionBasis.BOARD,
        "",
    )
    assert retention.source == BOARD


def test_under_wt2013_the_regimes_twelve_months_apply_whatever_the_boards_policy(world):
    world.board.publication_retention_months = 30
    world.board.save()
    retention = rules.retention_for(ready_review(world, regime="wt2013"))
    assert (retention.period, retention.basis) == ("12 months", RetentionBasis.REGIME)
    assert retention.source == REGIME


def test_a_board_that_never_set_a_policy_keeps_twelve_months(world):
    assert world.board.publication_retention_months == 12
    assert rules.retention_for(ready_review(world)).period == "12 months"


def test_one_month_reads_as_one_month(world):
    world.board.publication_retention_months = 1
    world.board.save()
    assert rules.retention_for(ready_review(world)).duration == clocks.Duration.parse("1 month")


def test_publishing_keeps_the_date_and_why_as_they_stood(world):
    world.board.publication_retention_months = 24
    world.board.save()
    review = ready_review(world)
    publication = _publish(world, review)
    today = publication.published_at.date()
    assert publication.keep_until == clocks.add(today, clocks.Duration.parse("24 months"))
    assert publication.retention_basis == RetentionBasis.BOARD
    assert publication.retention_source == BOARD
    event = AuditEvent.objects.get(action="report.publish")
    assert event.detail["kept_for"] == "24 months" and event.detail["kept_by"] == "board"
    # A later change of the policy does not move a date already given.
    world.board.publication_retention_months = 6
    world.board.save()
    publication.refresh_from_db()
    assert publication.keep_until == clocks.add(today, clocks.Duration.parse("24 months"))


def test_the_pages_say_which_period_it_is(world, client_for, client):
    review = ready_review(world, regime="wt2013")
    manager = client_for(world.user("board_manager"))
    row = published_rendering(world, review)
    publish_page = manager.get(f"/reviews/{review.pk}/publication/files/{row.pk}/publish/")
    assert f"12 months ({REGIME})" in publish_page.content.decode().replace("&#x27;", "'")
    publication = publishing.publish(
        row, title="Child A", summary="", actor=world.user("board_manager"), context=SYSTEM
    )
    pages = [
        manager.get(f"/reviews/{review.pk}/publication/"),
        manager.get(f"/reviews/{review.pk}/publication/published/{publication.pk}/withdraw/"),
        client.get(f"/published/{world.board.slug}/"),
    ]
    for page in pages:
        assert page.status_code == 200
        assert REGIME in page.content.decode().replace("&#x27;", "'")


def test_the_public_page_says_when_it_is_the_boards_policy(world, client):
    _publish(world, ready_review(world))
    text = client.get(f"/published/{world.board.slug}/").content.decode().replace("&#x27;", "'")
    assert f"kept here for at least 12 months ({BOARD})" in text


def test_an_expired_publication_stays_on_the_public_page(world, client):
    publication = _publish(world, ready_review(world))
    type(publication).objects.filter(pk=publication.pk).update(keep_until=date(2020, 1, 1))
    text = client.get(f"/published/{world.board.slug}/").content.decode()
    assert "Child A: executive summary" in text


# --- The board's policy on its settings page ---------------------------------------------


def _retention(client, world, value):
    return client.post(
        reverse("reviews:board_retention", args=[world.board.pk]),
        {"publication_retention_months": value},
    )


def test_the_board_manager_sets_the_policy(world, client_for):
    client = client_for(world.user("board_manager"))
    page = client.get(reverse("reviews:board_settings", args=[world.board.pk])).content.decode()
    assert "How long published reports stay public" in page
    assert _retention(client, world, "36").status_code == 302
    world.board.refresh_from_db()
    assert world.board.publication_retention_months == 36
    event = AuditEvent.objects.get(action="board.retention")
    assert event.detail == {"from": 12, "to": 36}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Enter the number of months, like 12"),
        ("twelve", "Enter the number of months as a whole number, like 12"),
        ("1.5", "Enter the number of months as a whole number, like 12"),
        ("0", "Enter at least 1 month"),
        ("-6", "Enter at least 1 month"),
        ("241", "Enter 240 months (20 years) or fewer"),
        ("99999999999999999999", "Enter 240 months (20 years) or fewer"),
    ],
)
def test_nonsense_is_refused_on_the_field(world, client_for, value, message):
    response = _retention(client_for(world.user("board_manager")), world, value)
    assert response.status_code == 200
    text = response.content.decode()
    # On the field, not only in the summary at the top.
    hidden = '<span class="govuk-visually-hidden">Error:</span>'
    assert f'class="govuk-error-message">{hidden} {message}' in text
    world.board.refresh_from_db()
    assert world.board.publication_retention_months == 12
    assert not AuditEvent.objects.filter(action="board.retention").exists()


def test_the_panel_chair_cannot_set_the_policy(world, client_for):
    assert _retention(client_for(world.user("panel_chair")), world, "36").status_code == 403
    world.board.refresh_from_db()
    assert world.board.publication_retention_months == 12
