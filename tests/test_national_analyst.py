"""National analysts read national records and never case data: every URL of a case or a
review answers them 403 or 404, even for a case of the board they are a member of."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.urls import reverse

from casereview.accounts.models import Role
from conftest import make_notification, with_review
from tests.matrix import all_url_names, kwargs_for

CASE_URLS = sorted(
    name
    for name, pattern in all_url_names()
    if pattern.pattern.converters
    and not name.startswith(("api", "national:", "api_tokens:", "members:"))
    # The board's public page of published reports: public, with no case data.
    and not name.startswith("publication:public_")
)


def _case(world):
    return with_review(
        make_notification(world.board, world.user("board_manager"), agencies=[world.police]),
        world.user("board_chair"),
    )


def _url(name, case, world):
    """The URL with real objects of `case`, or of a new case when that case already holds
    the item the URL needs (some items are one per review)."""
    try:
        with transaction.atomic():
            return reverse(name, kwargs=kwargs_for(name, case, world)), case
    except IntegrityError:
        case = _case(world)
        return reverse(name, kwargs=kwargs_for(name, case, world)), case


def test_a_national_analyst_reaches_no_case_page_even_in_their_own_board(world, client_for):
    analyst = world.user(Role.NATIONAL_ANALYST)  # a member of board A, whose cases these are
    case = first = _case(world)
    client = client_for(analyst)
    assert len(CASE_URLS) > 50
    for name in CASE_URLS:
        url, case = _url(name, case, world)
        status = client.get(url).status_code
        assert status in (403, 404, 405), f"{name}: {status}"
    for name in ("cases:list", "reviews:list"):
        body = client.get(reverse(name)).text
        assert first.reference not in body and first.child.family_name not in body
