"""Every URL pattern, tried as every role against another board's and another agency's
objects: none may succeed. A new URL fails here until it is classified below."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from casereview.accounts.models import Role
from casereview.audit.models import AuditEvent
from casereview.cases.references import review_reference
from conftest import make_notification, make_user, verified_client, with_review
from tests.matrix import ROUTES, all_url_names, csrf_token, kwargs_for, signed_in, valid_body

# URLs that show no single case object: open to any signed-in user (or to everyone for
# sign-in), each listing only what the permission layer allows.
NOT_OBJECT_URLS = {
    "home",
    "dashboard",
    "accessibility",
    "accounts:login",
    "accounts:stay_signed_in",
    "accounts:two_factor",
    "accounts:logout",
    "accounts:account",
    "audit:log",
    "audit:export",
    "audit:security",
    "audit:security_export",
    "audit:verify",
    "cases:list",
    "cases:notify",
    "reviews:list",
    "members:list",
    "members:add",
    # The system's working calendar and the procedure page: administrators of any board
    # (tests/test_bank_holidays.py tries every other role).
    "procedure:regimes",
    "procedure:bank_holidays",
    "procedure:remove_bank_holiday",
    "procedure:confirm_year",
    # The API's description and documentation (no case data), and the account's own API
    # tokens (each person sees and revokes only their own: casereview/api/tests).
    "api_openapi",
    "api_docs",
    "api_tokens:list",
    "api_tokens:new",
    # The national store: anonymised records, no case data; national analysts (and, for
    # timeliness, a board's manager and chair, their own board only): every other role gets
    # 403 (casereview/national/tests/test_national_access.py).
    "national:trends",
    "national:trends_csv",
    "national:timeliness",
}
# Public pages: no sign-in, the board named by its slug, and only what was published
# (casereview/publication/public_views.py; tried below and in
# casereview/publication/tests/test_publish.py).
PUBLIC_URLS = {"publication:public_board", "publication:public_download"}
# The API's operations (namespace "api") answer tokens, not sessions: their own matrix,
# casereview/api/tests/test_api_matrix.py, tries every operation of the OpenAPI schema as
# every role, and fails for an operation it cannot classify.
API_NAMESPACE = "api:"
# The national store's pages (namespace "national") answer national analysts of any board,
# and the child death pages the board's manager: their own matrix,
# casereview/national/tests/test_analysis_access.py, tries every one as every role, against
# another board's findings too, and fails for a URL it does not classify.
NATIONAL_NAMESPACE = "national:"
# How to fill each URL parameter with an object the user must not reach.
PARAMS = {
    "pk",
    "update_pk",
    "person_pk",
    "task_pk",
    "membership_pk",
    "board_pk",
    "item_pk",
    "version",
    "template",
    "document_pk",
    # An agency's chronology, its imports and entries (chronology/*_urls.py).
    "review_id",
    "chronology_id",
    "import_id",
    "entry_id",
}


OBJECT_URLS = sorted(
    name
    for name, _ in all_url_names()
    if name not in NOT_OBJECT_URLS | PUBLIC_URLS
    and not name.startswith((API_NAMESPACE, NATIONAL_NAMESPACE))
)


def test_every_url_is_classified():
    for name, pattern in all_url_names():
        if name.startswith((API_NAMESPACE, NATIONAL_NAMESPACE)):
            continue
        params = set(pattern.pattern.converters)
        if name in NOT_OBJECT_URLS:
            assert not params, f"{name} takes parameters: treat it as an object URL"
        elif name in PUBLIC_URLS:
            assert params <= {"board", "publication_pk"}, f"{name}: a public URL carries ids only"
        else:
            assert params and params <= PARAMS, f"{name}: add its parameters to PARAMS"


def _succeeded(response) -> bool:
    return response.status_code < 400


@pytest.fixture
def foreign(world):
    n = make_notification(world.other_board, world.outsider, agencies=[world.other_police])
    return with_review(n, world.outsider)


@pytest.mark.parametrize("name", OBJECT_URLS)
@pytest.mark.parametrize("role", Role.values)
def test_no_role_reaches_another_boards_objects(world, foreign, name, role):
    client = verified_client(world.user(role))
    url = reverse(name, kwargs=kwargs_for(name, foreign, world))
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    statuses = [getattr(client, method)(url).status_code for method in ("get", "post")]
    # 405: a POST-only URL refuses GET before anything is looked up.
    assert statuses in ([404, 404], [405, 404]), f"{role} {name}: {statuses}"
    denials = AuditEvent.objects.filter(pk__gt=last or 0).order_by("id")
    assert [(e.action, e.outcome) for e in denials] == [("deny", "not_found")] * statuses.count(404)
    # Each refusal is in the audit log of the board whose object was tried.
    assert {e.board_id for e in denials} == {foreign.board_id}, f"{role} {name}"


# Board pages an agency lead (agency author) opens, listing only their agency's rows: the
# board's action tracker (casereview/learning/tests/test_learning_pages.py shows that an
# agency lead sees their agency's actions only).
AGENCY_SCOPED_LISTS = {
    "learning:tracker",
    "learning:tracker_export",
    "learning:agency_actions",
}


@pytest.mark.parametrize("name", [n for n in OBJECT_URLS if n not in AGENCY_SCOPED_LISTS])
def test_an_agency_author_does_not_reach_another_agencys_case(world, name):
    other_agency_case = with_review(
        make_notification(world.board, world.user("board_manager"), agencies=[world.health]),
        world.user("board_chair"),
    )
    client = verified_client(world.user("agency_author"))  # police
    url = reverse(name, kwargs=kwargs_for(name, other_agency_case, world))
    statuses = [getattr(client, method)(url).status_code for method in ("get", "post")]
    assert statuses in ([404, 404], [405, 404]), f"{name}: {statuses}"


@pytest.mark.parametrize("name", OBJECT_URLS)
def test_anonymous_users_are_sent_to_sign_in(world, foreign, name):
    from django.test import Client

    url = reverse(name, kwargs=kwargs_for(name, foreign, world))
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "name", ["cases:list", "reviews:list", "home", "dashboard", "audit:log", "members:list"]
)
@pytest.mark.parametrize("role", Role.values)
def test_lists_show_no_foreign_rows(world, foreign, name, role):
    response = verified_client(world.user(role)).get(reverse(name))
    assert response.status_code in (200, 403)
    body = response.text
    assert foreign.reference not in body
    assert review_reference(foreign.reference) not in body
    assert foreign.child.family_name not in body
    assert world.outsider.username not in body


def test_public_pages_need_no_sign_in_and_show_only_what_is_published(world, foreign):
    """Anyone reaches a board's public page; a publication of the review that is not
    published (withdrawn), or of another board, is not served."""
    from django.test import Client
    from django.utils import timezone

    from casereview.publication.tests import matrix_publication

    kwargs = matrix_publication.ITEMS["publication:withdraw"](foreign.review, world)
    publication = foreign.review.reports.get().publications.get(pk=kwargs["item_pk"])
    anonymous = Client()
    page = anonymous.get(reverse("publication:public_board", args=[world.other_board.slug]))
    assert page.status_code == 200
    assert foreign.child.family_name not in page.text
    assert foreign.reference not in page.text
    url = reverse("publication:public_download", args=[world.other_board.slug, publication.pk])
    assert anonymous.get(url).status_code == 200
    wrong_board = reverse("publication:public_download", args=[world.board.slug, publication.pk])
    assert anonymous.get(wrong_board).status_code == 404
    assert anonymous.post(url).status_code == 405
    publication.withdrawn_at = timezone.now()
    publication.save()
    assert anonymous.get(url).status_code == 404


def test_a_user_without_roles_sees_nothing(world, notification):
    client = verified_client(world.no_roles)
    assert client.get(reverse("cases:detail", args=[notification.pk])).status_code == 404
    assert notification.reference not in client.get(reverse("cases:list")).text


# POST-only URLs outside the review's pages (their bodies are empty); the review's are in
# tests/test_section_matrix.py.
MEMBERSHIP_POSTS = {"members:remove", "members:disable"}


def board_post_body(name: str) -> dict | None:
    """A valid body for the board's POST forms (the letterhead, the logo, the retention
    policy of published reports, the letter
    translations: an upload and an approval, and the Word templates)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from casereview.documents.tests.corpus import office, png, word

    match name:
        case "reviews:board_letterhead":
            return {"address": "1 Fictional Row", "phone": "01632 960000", "email": "b@example.org"}
        case "reviews:board_logo":
            return {"file": SimpleUploadedFile("logo.png", png())}
        case "reviews:board_retention":
            return {"publication_retention_months": "24"}
        case "reviews:letter_translation_upload":
            return {
                "language": "pl",
                "template": "told_of_review",
                "file": SimpleUploadedFile("list.docx", office()),
            }
        case "reviews:word_template_upload":
            return {"file": SimpleUploadedFile("terms.docx", word("{{ board.name }}"))}
        case "reviews:word_template_revert" | "reviews:word_template_use":
            return {}
        case "reviews:letter_translation":
            today = date.today()
            return {
                "approved_by_name": "A registered interpreter",
                "approved_on_day": today.day,
                "approved_on_month": today.month,
                "approved_on_year": today.year,
            }
        case "reviews:case_notice_add":
            return {
                "recipient": "national_panel",
                "purpose": "Serious incident notification",
                **_today("sent_on"),
                "method": "Online form",
                "copy": "The text sent",
            }
        case "reviews:case_pause":
            return {**_today("starts_on"), "reason": "Criminal proceedings"}
        case "reviews:case_restart":
            return _today("ends_on")
        case "reviews:rapid_review":
            return {
                **_today("completed_on"),
                "participants": "Police, health, children's social care",
                "findings": "Synthetic findings",
                "local_review_recommended": "no",
                "recommendation_reasons": "The learning is captured by the rapid review",
            }
    return None


def _today(name: str) -> dict:
    from django.utils import timezone

    on = timezone.localdate()
    return {f"{name}_day": on.day, f"{name}_month": on.month, f"{name}_year": on.year}


@pytest.mark.parametrize("name", OBJECT_URLS)
def test_the_matrix_uses_real_objects_that_their_own_board_reaches(world, foreign, name):
    """A control: the same URLs answer the other board's own people, making the real
    request (a POST with a valid CSRF token and body), with neither 404 nor 405 nor 403, so
    the refusals above are refusals, not wrong addresses or wrong methods."""
    from casereview.accounts.models import Membership
    from casereview.reviews.models import Appointment

    for role in Role.values:
        agency = world.other_police if role == Role.AGENCY_AUTHOR else None
        Membership.objects.get_or_create(
            user=world.outsider, board=world.other_board, role=role, agency=agency
        )
    Appointment.objects.create(
        review=foreign.review,
        user=world.outsider,
        role="independent_expert",
        kind="disability",
        appointed_on=date(2026, 3, 11),
    )
    kwargs = kwargs_for(name, foreign, world)
    url = reverse(name, kwargs=kwargs)
    if name in MEMBERSHIP_POSTS:
        # Another administrator of that board removes the manager's role or account.
        admin = make_user("westmoor_admin")
        Membership.objects.create(user=admin, board=world.other_board, role=Role.ADMINISTRATOR)
        client = signed_in(admin)
        status = client.post(url, {"csrfmiddlewaretoken": csrf_token(client, "/")}).status_code
        assert status == 302, f"POST {name}: {status}"
        return
    client = signed_in(world.outsider)
    if name == "reviews:case_restart":
        # Restarting needs clocks that are paused.
        from django.utils import timezone

        from casereview.audit.context import SYSTEM
        from casereview.cases.services import pause_clocks

        pause_clocks(
            foreign,
            actor=world.outsider,
            context=SYSTEM,
            starts_on=timezone.localdate(),
            reason="Criminal proceedings",
        )
    body = board_post_body(name)
    if body is not None:
        body["csrfmiddlewaretoken"] = csrf_token(client, "/")
        assert client.post(url, body).status_code == 302, f"POST {name}"
        return
    status = client.get(url).status_code
    methods = ROUTES.get(name, {})
    if "get" in methods or not methods:
        assert status not in (403, 404, 405), f"GET {name}: {status}"
    if not methods:
        assert status != 405, f"{name} takes POST only: give the control a body"
    if "post" in methods:
        data = {"csrfmiddlewaretoken": csrf_token(client, url if "get" in methods else "/")}
        data.update(valid_body(name, foreign.review, world, kwargs))
        status = client.post(url, data).status_code
        assert status not in (403, 404, 405), f"POST {name}: {status}"


GARBAGE = {
    "to": "nowhere",
    "on_day": "31",
    "on_month": "2",
    "on_year": "20x6",
    "due_on_day": "99",
    "agency": "not-a-number",
    "person": "00000000-0000-0000-0000-000000000000",
    "kind": "<script>",
    "recipient": "moon",
    "role": "emperor",
    "lock_version": "-1",
    "default_regime": "wt1999",
    "purposes": ["nonsense"],
    "version": "abc",
}


# Too large for any date part or database integer (date() raised OverflowError on it).
HUGE = "99999999999999999999"


def _subclasses(cls) -> set[type]:
    found = set(cls.__subclasses__())
    return found.union(*(_subclasses(c) for c in found))


def date_part_names() -> set[str]:
    """The boxes of every date field of the project's forms (for URLs that only take
    posts from a form shown on another page)."""
    from django.forms import BaseForm

    from casereview.lib.forms import GovukDateField

    return {
        f"{name}_{part}"
        for form in _subclasses(BaseForm)
        for name, field in getattr(form, "base_fields", {}).items()
        if isinstance(field, GovukDateField)
        for part in ("day", "month", "year")
    }


def huge_values(page: str) -> dict:
    """Every field the page shows, every date of every form and the fields of GARBAGE, given
    a number too large for any date part or integer; a date's year keeps 4 digits so that
    its day and month are read."""
    names = set(re.findall(r'name="([^"]+)"', page)) | set(GARBAGE) | date_part_names()
    names.discard("csrfmiddlewaretoken")
    data = {name: HUGE for name in names}
    data.update({name: "2026" for name in names if name.endswith("_year")})
    data["key_dates"] = f"14/02/2026 Seen\n{HUGE}/{HUGE}/2026 Too large"
    return data


def _page_text(response) -> str:
    if response.status_code != 200 or getattr(response, "streaming", False):
        return ""
    return response.text


@pytest.mark.parametrize("name", OBJECT_URLS + sorted(NOT_OBJECT_URLS - {"accounts:logout"}))
@pytest.mark.parametrize("payload", ["empty", "garbage", "huge"])
def test_bad_input_never_raises_a_server_error(world, foreign, name, payload):
    """Every URL, posted empty, with nonsense or with numbers too large, by people who may
    use it, answers with a page or a refusal, never a 500."""
    from casereview.accounts.models import Membership, Role

    for role in (Role.AUDITOR, Role.ADMINISTRATOR, Role.BOARD_CHAIR, Role.PANEL_CHAIR):
        Membership.objects.get_or_create(user=world.outsider, board=world.other_board, role=role)
    url = (
        reverse(name, kwargs=kwargs_for(name, foreign, world))
        if name in OBJECT_URLS
        else (reverse(name))
    )
    client = verified_client(world.outsider)
    client.raise_request_exception = False
    data = {"empty": {}, "garbage": GARBAGE}.get(payload)
    if payload == "huge":
        data = huge_values(_page_text(client.get(url)))
    for method in ("get", "post"):
        response = getattr(client, method)(url, data)
        assert response.status_code < 500, f"{method.upper()} {name}: {response.status_code}"
