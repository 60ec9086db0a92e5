"""The integrated chronology's page: what each reader sees (agency authors their own until
shared), filters, gaps, groups and conflicts, the chart, pagination and its queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casereview.audit.context import SYSTEM
from casereview.chronology import merge, panel, summary
from casereview.chronology.services import integrated
from casereview.chronology.timeline import PAGE_SIZE
from conftest import review_of, verified_client

from .timeline_helpers import entries, entry

D = date(2025, 3, 12)


@pytest.fixture
def review(world):
    review = review_of(world, agencies=[world.police, world.health])
    user = world.user("board_manager")
    entry(
        review,
        world.police,
        D,
        "Joint home visit with social worker",
        user=user,
        child_seen="yes",
        source_ref="POL-1",
    )
    entry(
        review,
        world.health,
        D,
        "Joint home visit with the social worker",
        user=user,
        child_seen="no",
        source_ref="HEA-1",
    )
    entry(
        review,
        world.health,
        D + timedelta(days=200),
        "Missed health visitor appointment",
        user=user,
        source_ref="HEA-2",
    )
    entry(
        review,
        world.police,
        date(2023, 1, 5),
        "Domestic abuse call-out before the period",
        user=user,
        source_ref="POL-0",
        is_context=True,
    )
    merge.rebuild(review, actor=user, context=SYSTEM)
    return review


def url(review, **query):
    base = reverse("chronology:integrated", args=[review.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_panel_sees_every_agency_the_group_the_conflict_the_gap_and_the_chart(world, review):
    page = verified_client(world.user("panel_chair")).get(url(review)).text
    for ref in ("POL-1", "HEA-1", "HEA-2", "POL-0"):
        assert f"Ref. {ref}" in page
    assert "also recorded by Eastbrook Health" in page
    assert "Child seen: no (Eastbrook Health), yes (Eastbrook Police)" in page
    # The gap before the missed appointment (and the long one after the context entry).
    assert "No agency contact from 13 March 2025 to 27 September 2025 (199 days)" in page
    assert 'id="contacts-chart"' in page and "Contacts per agency per month" in page
    assert "<caption" in page and "March 2025</th>" in page


def test_an_agency_author_sees_only_their_agency_until_the_panel_shares(world, review):
    author = verified_client(world.user("agency_author"))  # police
    page = author.get(url(review)).text
    assert "Ref. POL-1" in page and "Ref. HEA-1" not in page and "Ref. HEA-2" not in page
    assert "Eastbrook Health" not in page
    assert "Accounts differ" not in page
    assert "Save the significance" not in page and "Mark the episode" not in page
    chronology = integrated(review)
    panel.share(
        chronology,
        actor=world.user("panel_chair"),
        context=SYSTEM,
        lock_version=chronology.lock_version,
    )
    page = author.get(url(review)).text
    assert "Ref. HEA-1" in page and "also recorded by Eastbrook Health" in page
    assert "Child seen: no (Eastbrook Health), yes (Eastbrook Police)" in page


def test_an_author_of_an_agency_not_involved_does_not_reach_the_page(world, review):
    from casereview.accounts.models import Agency, AgencyKind, Membership

    school = Agency.objects.create(board=world.board, name="School", kind=AgencyKind.POLICE)
    from conftest import make_user

    stranger = make_user("school_author")
    Membership.objects.create(user=stranger, board=world.board, role="agency_author", agency=school)
    assert verified_client(stranger).get(url(review)).status_code == 404


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"child_seen": "no"}, ["HEA-1"], ["POL-1", "HEA-2", "POL-0"]),
        ({"context": "hidden"}, ["POL-1", "HEA-2"], ["POL-0"]),
        ({"context": "only"}, ["POL-0"], ["POL-1"]),
        ({"significance": "significant"}, [], ["POL-1", "HEA-1"]),
        (
            {"period_from_day": 1, "period_from_month": 6, "period_from_year": 2025},
            ["HEA-2"],
            ["POL-1", "POL-0"],
        ),
        (
            {"period_to_day": 1, "period_to_month": 1, "period_to_year": 2024},
            ["POL-0"],
            ["HEA-2"],
        ),
    ],
)
def test_the_filters(world, review, query, shown, hidden):
    page = verified_client(world.user("board_manager")).get(url(review, **query)).text
    for ref in shown:
        assert f"Ref. {ref}" in page
    for ref in hidden:
        assert f"Ref. {ref}" not in page


def test_the_agency_filter_and_a_wrong_period_says_so(world, review):
    client = verified_client(world.user("board_manager"))
    page = client.get(url(review, agency=world.health.pk)).text
    assert "Ref. HEA-1" in page and "Ref. POL-1" not in page
    bad = url(
        review,
        period_from_day=1,
        period_from_month=6,
        period_from_year=2025,
        period_to_day=1,
        period_to_month=1,
        period_to_year=2025,
    )
    assert "To must be the same as or after From" in client.get(bad).text


def test_the_filter_offers_the_readers_agencies_and_keeps_what_was_chosen(world, review):
    query = {"agency": world.health.pk, "child_seen": "no", "context": "hidden"}
    page = verified_client(world.user("board_manager")).get(url(review, **query)).text
    assert f'<option value="{world.health.pk}" selected>Eastbrook Health</option>' in page
    assert f'<option value="{world.police.pk}">Eastbrook Police</option>' in page
    assert '<option value="no" selected>No</option>' in page
    assert '<option value="hidden" selected>Hidden</option>' in page
    dated = url(review, period_from_day=1, period_from_month=6, period_from_year=2025)
    page = verified_client(world.user("board_manager")).get(dated).text
    assert 'name="period_from_month" value="6"' in page and "Ref. HEA-2" in page
    # Unfiltered, the agencies come from the merge's kept summary: the same ones.
    page = verified_client(world.user("board_manager")).get(url(review)).text
    assert summary.kept(integrated(review), 4).agencies == sorted(
        [world.police.pk, world.health.pk]
    )
    assert f'<option value="{world.health.pk}">Eastbrook Health</option>' in page
    assert f'<option value="{world.police.pk}">Eastbrook Police</option>' in page
    author = verified_client(world.user("agency_author")).get(url(review)).text  # police
    assert f'<option value="{world.police.pk}">' in author
    assert f'<option value="{world.health.pk}">' not in author


def test_every_text_of_a_row_is_escaped_and_its_lines_kept(world):
    review = review_of(world, agencies=[world.police, world.health])
    hostile = '<img src=x onerror="alert(1)">'
    entry(
        review,
        world.police,
        D,
        f"First line {hostile}\r\nSecond line & more",
        user=world.user("board_manager"),
        source_ref=f"REF{hostile}",
        practitioner_role=f"Role {hostile}",
        decision=f"Decided {hostile}",
        analysis=f"Analysed {hostile}",
    )
    page = verified_client(world.user("panel_chair")).get(url(review)).text
    assert "<img" not in page
    escaped = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    assert f"First line {escaped}<br>Second line &amp; more" in page
    for text in (f"Ref. REF{escaped}", f"Role {escaped}", f"Decided {escaped}"):
        assert text in page
    assert f"Analysed {escaped}" in page


def _big(world, review, n):
    user = world.user("board_manager")
    rows = [
        {
            "on": D + timedelta(days=i // 3),
            "event": f"Contact number {i}",
            "source_ref": f"BIG-{i}",
            "child_seen": "yes" if i % 2 else "unknown",
        }
        for i in range(n)
    ]
    entries(review, world.police if n % 2 else world.health, rows, user=user)


def _queries(client, address) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured)


def _period(start: date, end: date) -> dict:
    return {
        **{f"period_from_{k}": getattr(start, k) for k in ("day", "month", "year")},
        **{f"period_to_{k}": getattr(end, k) for k in ("day", "month", "year")},
    }


@pytest.mark.parametrize("role", ["board_manager", "agency_author"])
@pytest.mark.parametrize("narrowed", ["", "agency", "agency and period", "period"])
def test_the_page_makes_the_same_number_of_queries_whatever_the_size(world, role, narrowed):
    small = review_of(world, agencies=[world.police, world.health])
    large = review_of(world, agencies=[world.police, world.health])
    _big(world, small, 3)
    _big(world, small, 2)
    _big(world, large, 3 * PAGE_SIZE + 1)
    _big(world, large, 2 * PAGE_SIZE)
    user = world.user("board_manager")
    for r in (small, large):
        merge.rebuild(r, actor=user, context=SYSTEM)
    # The agency author's agency is the police; the period holds two pages of theirs.
    query = {
        "": {},
        "agency": {"agency": world.police.pk},
        "agency and period": {"agency": world.police.pk, **_period(D, D + timedelta(30))},
        "period": _period(D, D + timedelta(30)),
    }[narrowed]
    client = verified_client(world.user(role))
    _queries(client, url(small, **query))
    few = _queries(client, url(small, **query))
    many = _queries(client, url(large, page=2, **query))
    assert many <= few, f"{few} queries for 5 entries, {many} for {5 * PAGE_SIZE + 1}"


def test_pages_follow_the_integrated_order_without_losing_a_row(world):
    review = review_of(world, agencies=[world.police, world.health])
    _big(world, review, PAGE_SIZE + 7)
    client = verified_client(world.user("board_manager"))
    first = client.get(url(review)).text
    second = client.get(url(review, page=2)).text
    assert "page 1 of 2" in first and "page 2 of 2" in second
    seen = [f"Ref. BIG-{i}<" for i in range(PAGE_SIZE + 7)]
    assert all((ref in first) != (ref in second) for ref in seen)


@pytest.mark.parametrize("role", ["panel_member", "agency_author"])
def test_the_review_page_links_to_the_integrated_chronology(world, review, role):
    page = verified_client(world.user(role)).get(reverse("reviews:detail", args=[review.pk]))
    assert f'href="{url(review)}">Integrated chronology</a>' in page.text
