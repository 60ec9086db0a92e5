"""Every page of a review, and every method it answers, tried as every role of the same
board (and an author of an agency not involved, an expert not appointed, a partner board):
each answer is the one the permission table gives (200/302, 403 or 404), and each refusal is
one audited denial.

Each URL starts with an owner control: a role the table allows makes the real request (a
POST with a valid CSRF token, read from a form page, and a valid body) and must succeed, so
that a refusal can never be a wrong address or a wrong method."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from casereview.accounts.models import Agency, AgencyKind, Membership, Role, User
from casereview.accounts.permissions import can
from casereview.audit.models import AuditEvent
from casereview.cases.models import ClockPause
from casereview.reviews.models import (
    AgencyReport,
    Appointment,
    PartnerBoard,
    Review,
)
from conftest import make_notification, make_user, with_review
from tests.matrix import (
    ON,
    REVIEW_NAMESPACES,
    ROUTES,
    Need,
    all_url_names,
    body_for,
    csrf_token,
    item_of,
    kwargs_for,
    signed_in,
)

# What each URL and method needs, and valid bodies, are in tests/matrix.py.

# The review URLs that are not a section of one review (the board's settings).
NOT_SECTIONS = {
    "reviews:list",
    "reviews:board_settings",
    "reviews:board_letterhead",
    "reviews:board_logo",
    "reviews:board_retention",
    "reviews:board_emails",
    "reviews:letter_translations",
    "reviews:letter_english",
    "reviews:letter_translation_upload",
    "reviews:letter_translation",
    "reviews:letter_translation_file",
    "reviews:word_template",
    "reviews:word_template_default",
    "reviews:word_template_upload",
    "reviews:word_template_revert",
    "reviews:word_template_file",
    "reviews:word_template_use",
    # What a case owes before and without a review: on the notification (tests/matrix.py
    # CASE_URLS), classified in tests/test_access_matrix.py.
    "reviews:case_duties",
    "reviews:case_notice_add",
    "reviews:rapid_review",
    "reviews:case_pause",
    "reviews:case_restart",
    # The board's action tracker across reviews (tests/test_access_matrix.py).
    "learning:tracker",
    "learning:tracker_export",
    # The board's public page of published reports: no sign-in (tests/test_access_matrix.py).
    "publication:public_board",
    "publication:public_download",
    "learning:agency_actions",
}


def test_every_review_url_is_in_the_section_matrix():
    review_urls = {name for name, _ in all_url_names() if name.startswith(REVIEW_NAMESPACES)}
    assert review_urls - NOT_SECTIONS == set(ROUTES)


# --- The people tried -------------------------------------------------------------------------


def _visible(user, obj) -> bool:
    return type(obj).objects.visible_to(user).filter(pk=obj.pk).exists()


def expected(user_pk: int, review, item, rule: Need) -> str:
    """What the permission table gives: 'ok', 403 or 404 (computed from fresh grants)."""
    user = User.objects.get(pk=user_pk)
    if not _visible(user, review) or (item is not None and not _visible(user, item)):
        return "404"
    target = item if rule.on_item else review
    if all(any(can(user, a, target) for a in group) for group in rule.groups):
        return "ok"
    return "403"


@pytest.fixture
def people(world):
    """The review (of a case that involves the police and health) and everyone tried."""
    schools = Agency.objects.create(
        board=world.board, name="Eastbrook Schools", kind=AgencyKind.EDUCATION
    )
    notification = make_notification(
        world.board, world.user("board_manager"), agencies=[world.police, world.health]
    )
    review = with_review(notification, world.user("board_chair")).review
    for role in (Role.INDEPENDENT_EXPERT, Role.INDEPENDENT_AUTHOR):
        Appointment.objects.create(
            review=review,
            user=world.user(role),
            role=role,
            kind="race_culture" if role == Role.INDEPENDENT_EXPERT else "",
            appointed_on=ON,
        )
    schools_author = make_user("schools_author")
    Membership.objects.create(
        user=schools_author, board=world.board, role=Role.AGENCY_AUTHOR, agency=schools
    )
    expert_not_appointed = make_user("expert_not_appointed")
    Membership.objects.create(
        user=expert_not_appointed, board=world.board, role=Role.INDEPENDENT_EXPERT
    )
    author_not_appointed = make_user("author_not_appointed")
    Membership.objects.create(
        user=author_not_appointed, board=world.board, role=Role.INDEPENDENT_AUTHOR
    )
    PartnerBoard.objects.create(review=review, board=world.other_board, reason="Lived there")
    users = {
        **{role: world.user(role) for role in Role.values},
        "agency_author (police)": world.user(Role.AGENCY_AUTHOR),
        "agency_author (health)": world.health_author,
        "agency_author (not involved)": schools_author,
        "expert not appointed": expert_not_appointed,
        "overview author not appointed": author_not_appointed,
        "partner board": world.outsider,
    }
    users.pop(Role.AGENCY_AUTHOR)
    return review, users


# The matrix's report is submitted (for the panel's decision); the URLs that write it get
# it back as a draft.
WRITES_A_DRAFT = {
    "reviews:report",
    "reviews:report_submit",
    "reviews:report_upload",
    "reviews:report_autosave",
}
# POSTs that answer in JSON (200) rather than redirecting (302).
ANSWERS_JSON = {"reviews:report_autosave"}
# POSTs refused by a rule beyond permissions (200: the page again, saying why): the matrix's
# review is not signed off, so the publication gate blocks (casereview/publication/gate.py).
REFUSED_BY_THE_GATE = {"publication:publish"}

# Who makes the owner control: the first of these that the table allows.
OWNERS = (
    "board_manager",
    "panel_chair",
    "panel_member",
    "board_chair",
    "agency_author (health)",
    "independent_expert",
)


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_each_section_answers_every_role_as_the_table_says(world, people, name):
    review, users = people
    notification = review.notification
    kwargs = kwargs_for(name, notification, world)
    review = Review.objects.get(pk=review.pk)
    item = item_of(name, review, kwargs)
    url = reverse(name, kwargs=kwargs)
    clients: dict[str, Client] = {}
    if name in WRITES_A_DRAFT:
        AgencyReport.objects.filter(pk=item.pk).update(status="draft")
    if name == "reviews:restart":  # something to restart
        ClockPause.objects.create(
            board=review.board,
            notification=notification,
            starts_on=date(2026, 3, 15),
            reason="Criminal proceedings",
            recorded_by=world.user("board_manager"),
        )

    def send(who: str, method: str):
        """The request, and the last audit event before it."""
        client = clients.setdefault(who, signed_in(users[who]))
        data = {}
        if method == "post":
            page = url if "get" in ROUTES[name] else reverse("reviews:detail", args=[review.pk])
            data["csrfmiddlewaretoken"] = csrf_token(client, page)
            if item is not None:
                item.refresh_from_db()
            data.update(body_for(name, review, world, item))
        last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
        return getattr(client, method)(url, data), last

    for method, rule in ROUTES[name].items():
        owner = next((w for w in OWNERS if expected(users[w].pk, review, item, rule) == "ok"), None)
        assert owner is not None, f"{method.upper()} {name}: nobody may"
        response, _ = send(owner, method)
        ok = 200 if method == "get" or name in ANSWERS_JSON | REFUSED_BY_THE_GATE else 302
        assert response.status_code == ok, (
            f"owner control {owner} {method.upper()} {name}: {response.status_code}"
        )
        for who, user in users.items():
            want = expected(user.pk, review, item, rule)
            response, last = send(who, method)
            status = response.status_code
            got = "ok" if status in (200, 302) else str(status)
            assert got == want, f"{who} {method.upper()} {name}: {status}, the table says {want}"
            if want != "ok":
                denials = AuditEvent.objects.filter(pk__gt=last or 0).values_list(
                    "action", "outcome"
                )
                outcome = "not_found" if want == "404" else "denied"
                assert list(denials) == [("deny", outcome)], f"{who} {method.upper()} {name}"
