"""Every page of a review, and every method it answers, tried as every role of the same
board (and an author of an agency not involved, an expert not appointed, a partner board):
each answer is the one the permission table gives (200/302, 403 or 404), and each refusal is
one audited denial.

Each URL starts with an owner control: a role the table allows makes the real request (a
POST with a valid CSRF token, read from a form page, and a valid body) and must succeed, so
that a refusal can never be a wrong address or a wrong method."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts.models import Agency, AgencyKind, Board, Membership, Role, User
from casereview.accounts.permissions import can
from casereview.audit.models import AuditEvent
from casereview.cases.models import ClockPause, Person, PersonKind
from casereview.reviews.models import (
    AgencyReport,
    Appointment,
    ExpertAdvice,
    PanelMeeting,
    ParallelProcess,
    PartnerBoard,
    Professional,
    Review,
    TermsOfReference,
)
from conftest import make_notification, make_user, with_review
from tests.test_access_matrix import all_url_names, kwargs_for

# --- What each URL and method needs ----------------------------------------------------------


@dataclass(frozen=True)
class Need:
    """All of `groups` (each: any of its actions) on the review, or on the URL's item."""

    groups: tuple[tuple[str, ...], ...]
    on_item: bool = False


def need(*actions: str | tuple[str, ...], on_item: bool = False) -> Need:
    return Need(tuple(a if isinstance(a, tuple) else (a,) for a in actions), on_item)


MANAGE = need("review.manage")
# URL name -> method -> what it needs. Pages that only show something are tried with GET.
ROUTES: dict[str, dict[str, Need]] = {
    "reviews:detail": {"get": need("section.stage")},
    "reviews:compliance": {"get": need("section.compliance")},
    "reviews:compliance_download": {"get": need("section.compliance")},
    "reviews:pause": {"post": need("clock.pause")},
    "reviews:restart": {"post": need("clock.pause")},
    "reviews:move": {"post": need("section.stage", "review.manage")},
    "reviews:panel": {"get": need("section.panel")},
    "reviews:panel_member_add": {"get": MANAGE, "post": MANAGE},
    "reviews:meeting_add": {"get": MANAGE, "post": MANAGE},
    "reviews:panel_decision_add": {"get": need("panel.decide"), "post": need("panel.decide")},
    "reviews:terms": {"get": need("section.terms")},
    "reviews:terms_new": {"get": MANAGE, "post": MANAGE},
    # The matrix's version is a draft.
    "reviews:terms_document": {"get": need("section.terms", "terms.drafts")},
    "reviews:terms_download": {"get": need("section.terms", "terms.drafts")},
    "reviews:terms_agree": {"post": need("review.manage", "terms.drafts")},
    "reviews:reports": {"get": need("section.reports")},
    "reviews:report_request": {"post": MANAGE},
    "reviews:report_request_from_terms": {"post": MANAGE},
    "reviews:report": {
        "get": need("section.reports", on_item=True),
        "post": need("report.write", on_item=True),
    },
    "reviews:report_submit": {"post": need("report.write", on_item=True)},
    "reviews:report_decide": {"post": need("report.decide", on_item=True)},
    "reviews:report_upload": {"post": need("report.write", on_item=True)},
    "reviews:report_document": {"get": need("section.reports", on_item=True)},
    "reviews:report_download": {"get": need("section.reports", on_item=True)},
    "reviews:experts": {"get": need("section.experts")},
    "reviews:expert_appoint": {"post": MANAGE},
    "reviews:author_appoint": {"post": MANAGE},
    "reviews:expert_sections": {"post": MANAGE},
    "reviews:expert_advice_add": {"get": need("expert.advise"), "post": need("expert.advise")},
    "reviews:expert_advice_considered": {
        "get": need("section.experts", ("review.manage", "panel.decide")),
        "post": need("section.experts", ("review.manage", "panel.decide")),
    },
    "reviews:family": {"get": need("section.family")},
    "reviews:family_involvement": {"get": MANAGE, "post": MANAGE},
    "reviews:child_involvement": {"get": MANAGE, "post": MANAGE},
    "reviews:family_contact_add": {"get": MANAGE, "post": MANAGE},
    "reviews:family_letter": {"get": MANAGE},
    "reviews:family_letter_download": {"get": MANAGE},
    "reviews:professionals": {"get": need("section.professionals")},
    "reviews:professional_add": {"get": MANAGE, "post": MANAGE},
    "reviews:professional_edit": {
        "get": need("section.professionals", "review.manage"),
        "post": need("section.professionals", "review.manage"),
    },
    "reviews:notifications": {"get": need("section.notifications")},
    "reviews:notification_add": {"get": MANAGE, "post": MANAGE},
    "reviews:parallel": {"get": need("section.processes")},
    "reviews:parallel_add": {"get": MANAGE, "post": MANAGE},
    "reviews:parallel_edit": {
        "get": need("section.processes", "review.manage"),
        "post": need("section.processes", "review.manage"),
    },
    "reviews:partners": {"get": need("section.partners")},
    "reviews:partner_add": {"post": MANAGE},
    "reviews:partner_sections": {"post": need("partner.share")},
}
# The review URLs that are not a section of one review (the board's settings).
NOT_SECTIONS = {
    "reviews:list",
    "reviews:board_settings",
    "reviews:board_letterhead",
    "reviews:board_logo",
    "reviews:board_emails",
}


def test_every_review_url_is_in_the_section_matrix():
    review_urls = {name for name, _ in all_url_names() if name.startswith("reviews:")}
    assert review_urls - NOT_SECTIONS == set(ROUTES)


# --- Valid bodies ------------------------------------------------------------------------------


def day(name: str, on: date) -> dict:
    return {f"{name}_day": on.day, f"{name}_month": on.month, f"{name}_year": on.year}


ON = date(2026, 3, 20)
# A due date still to come, whenever the suite runs.
LATER = date.today() + timedelta(days=60)


def _family_person(review) -> Person:
    return Person.objects.create(
        board=review.board,
        notification=review.notification,
        kind=PersonKind.FAMILY,
        given_names="Robin",
        family_name="Matrixfather",
        relationship="father",
        parental_responsibility=True,
        preferred_language="en",
    )


def _report_fields(report) -> dict:
    return {
        "lock_version": report.lock_version,
        "author_role": "Safeguarding lead",
        "author_independence": "Not involved with the family",
        **day("records_secured_on", date(2026, 3, 2)),
        **{
            name: "Synthetic text"
            for name in (
                "context",
                "methodology",
                "chronology_summary",
                "analysis",
                "lessons",
                "recommendations",
                "action_plan",
            )
        },
        "senior_sign_off_name": "Sam Senior",
        "senior_sign_off_role": "Director",
        **day("signed_off_on", date(2026, 3, 3)),
    }


def _someone(username: str, world):
    """The user the matrix made to be appointed, or (on another board) its manager."""
    return User.objects.filter(username=username).first() or world.outsider


def valid_body(name: str, review, world, kwargs: dict) -> dict:
    return _body(name, review, world, _item(name, review, kwargs))


def _body(name: str, review, world, item) -> dict:
    """A valid body for the POST of `name`: what the URL's own form would send."""
    match name:
        case "reviews:pause":
            return {**day("starts_on", ON), "reason": "Criminal proceedings"}
        case "reviews:restart":
            return day("ends_on", ON)
        case "reviews:move":
            return {"to": "scoping", "reason": "Scoping starts"}
        case "reviews:panel_member_add":
            return {
                "name": "Pat Member",
                "role_title": "Head of safeguarding",
                **day("joined_on", ON),
            }
        case "reviews:meeting_add":
            return {**day("held_on", ON), "minutes": "Minutes"}
        case "reviews:panel_decision_add":
            return {"kind": "other", "text": "Decided"}
        case "reviews:terms_new":
            return {
                **day("period_start", date(2024, 5, 17)),
                **day("period_end", date(2026, 3, 1)),
                "family_involvement": "The parents are invited",
            }
        case "reviews:terms_agree":
            return day("agreed_on", ON)
        case "reviews:report_request":
            return {"agency": world.police.pk, **day("due_on", LATER)}
        case "reviews:report_request_from_terms":
            return {}
        case "reviews:report" | "reviews:report_submit":
            return _report_fields(item)
        case "reviews:report_decide":
            return {"decision": "return", "reasons": "More analysis"}
        case "reviews:report_upload":
            return {"file": SimpleUploadedFile("note.txt", b"A note\n")}
        case "reviews:expert_appoint":
            return {
                "expert-user": _someone("expert_not_appointed", world).pk,
                "expert-kind": "disability",
                **day("expert-appointed_on", ON),
            }
        case "reviews:author_appoint":
            return {
                "author-user": _someone("author_not_appointed", world).pk,
                **day("author-appointed_on", ON),
            }
        case "reviews:expert_sections" | "reviews:partner_sections":
            return {f"share-{item.pk}-sections": ["section.terms", "section.family"]}
        case "reviews:expert_advice_add":
            return {"about": "Scope", "advice": "Consider language.", **day("given_on", ON)}
        case "reviews:expert_advice_considered":
            return {**day("held_on", ON), "text": "Considered"}
        case "reviews:family_involvement":
            return {"basis": "parental_responsibility", "involved": "yes", "extent": "Interviewed"}
        case "reviews:child_involvement":
            return {"involved": "no", "reason_not": "Too young", **day("recorded_on", ON)}
        case "reviews:family_contact_add":
            person = _family_person(review)
            return {
                "person": str(person.pk),
                **day("on", ON),
                "method": "letter",
                "language": "en",
                "interpreter": "no",
                "purposes": ["told_of_review"],
            }
        case "reviews:professional_add" | "reviews:professional_edit":
            return {
                "agency": world.police.pk,
                "role": "Social worker",
                "support_taken_up": "yes",
                **day("support_offered_on", ON),
            }
        case "reviews:notification_add":
            return {
                "recipient": "inspectorate",
                "purpose": "Told of the review",
                **day("sent_on", ON),
                "method": "Secure e-mail",
                "copy": "The text sent",
            }
        case "reviews:parallel_add" | "reviews:parallel_edit":
            return {"kind": "inquest", "holds_publication": "no", **day("started_on", ON)}
        case "reviews:partner_add":
            board, _ = Board.objects.get_or_create(
                slug="southdale", defaults={"name": "Southdale SCB", "area": "Southdale"}
            )
            return {"board": board.pk, "reason": "The child lived there"}
    raise AssertionError(f"no body for {name}")


# --- The people tried -------------------------------------------------------------------------


def _item(name: str, review, kwargs: dict):
    """The object inside the review that the URL names, if any."""
    if "version" in kwargs:
        return TermsOfReference.objects.get(review=review, version=kwargs["version"])
    pk = kwargs.get("item_pk")
    if pk is None:
        return None
    for model in (
        AgencyReport,
        PanelMeeting,
        Appointment,
        ExpertAdvice,
        Professional,
        ParallelProcess,
        Person,
    ):
        found = model.objects.filter(pk=pk).first() if not isinstance(pk, int) else None
        if found is not None:
            return found
    return PartnerBoard.objects.get(pk=pk)


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


def signed_in(user) -> Client:
    """A client that checks CSRF tokens as a browser's requests are checked."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, defaults={"confirmed": True})
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_token(client, page: str) -> str:
    """The token of the form on `page` (or, for a page the user may not see, of the form
    every page has: signing out)."""
    for url in (page, reverse("accounts:account")):
        found = TOKEN.search(client.get(url).text)
        if found:
            return found.group(1)
    raise AssertionError("no form with a CSRF token")


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
WRITES_A_DRAFT = {"reviews:report", "reviews:report_submit", "reviews:report_upload"}

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
    item = _item(name, review, kwargs)
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
            data.update(_body(name, review, world, item))
        last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
        return getattr(client, method)(url, data), last

    for method, rule in ROUTES[name].items():
        owner = next((w for w in OWNERS if expected(users[w].pk, review, item, rule) == "ok"), None)
        assert owner is not None, f"{method.upper()} {name}: nobody may"
        response, _ = send(owner, method)
        assert response.status_code == (200 if method == "get" else 302), (
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
