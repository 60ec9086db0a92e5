from django.urls import reverse

from casereview.audit.models import AuditEvent
from casereview.reviews.models import FamilyInvolvement
from conftest import review_of, status_of, verified_client

from .helpers import person


def _url(review, p):
    return reverse("reviews:family_involvement", args=[review.pk, p.pk])


def _grandparent(review):
    return person(
        review,
        given_names="Gran",
        family_name="Nan",
        relationship="grandparent",
        parental_responsibility=False,
        legitimate_interest=True,
    )


def test_a_legitimate_interest_needs_the_boards_reason_and_the_parents_views(world):
    review = review_of(world)
    gran = _grandparent(review)
    client = verified_client(world.user("board_manager"))
    last = AuditEvent.objects.order_by("-id").first().pk
    response = client.post(
        _url(review, gran),
        {"basis": "legitimate_interest", "involved": "yes", "extent": "Interviewed"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "board_reason" in form.errors and "views_of_parents" in form.errors
    assert "There is a problem" in response.text
    assert not FamilyInvolvement.objects.exists()
    assert not AuditEvent.objects.filter(pk__gt=last).exclude(action="read").exists()


def test_with_reason_and_views_it_is_saved_with_one_event_and_the_obligation_is_met(world):
    review = review_of(world)
    gran = _grandparent(review)
    assert status_of(review, "legitimate_interest_views") != "met"
    client = verified_client(world.user("board_manager"))
    last = AuditEvent.objects.order_by("-id").first().pk
    response = client.post(
        _url(review, gran),
        {
            "basis": "legitimate_interest",
            "involved": "yes",
            "extent": "Interviewed by the overview author",
            "board_reason": "She cared for the child every weekend",
            "views_of_parents": "The mother agrees",
        },
    )
    assert response.status_code == 302
    involvement = FamilyInvolvement.objects.get()
    assert involvement.person == gran and involvement.involved
    events = AuditEvent.objects.filter(pk__gt=last)
    assert [e.action for e in events] == ["family.involvement.create"]
    assert status_of(review, "legitimate_interest_views") == "met"
    page = client.get(reverse("reviews:family", args=[review.pk])).text
    assert "She cared for the child every weekend" in page


def test_saving_again_updates_the_same_record(world):
    review = review_of(world)
    mother = person(review)
    client = verified_client(world.user("panel_chair"))
    for extent in ("Interviewed", "Interviewed and shown the report"):
        response = client.post(
            _url(review, mother),
            {"basis": "parental_responsibility", "involved": "yes", "extent": extent},
        )
        assert response.status_code == 302
    assert FamilyInvolvement.objects.get().extent == "Interviewed and shown the report"


def test_the_basis_must_match_the_people_register(world):
    review = review_of(world)
    gran = _grandparent(review)
    response = verified_client(world.user("board_manager")).post(
        _url(review, gran),
        {"basis": "parental_responsibility", "involved": "no"},
    )
    assert "basis" in response.context["form"].errors
    assert not FamilyInvolvement.objects.exists()


def test_involved_needs_the_extent(world):
    review = review_of(world)
    mother = person(review)
    response = verified_client(world.user("board_manager")).post(
        _url(review, mother), {"basis": "parental_responsibility", "involved": "yes"}
    )
    assert "extent" in response.context["form"].errors
    assert not FamilyInvolvement.objects.exists()


def test_only_those_who_manage_the_review_may_record_involvement(world):
    review = review_of(world)
    mother = person(review)
    for role in ("panel_member", "auditor", "agency_author", "board_chair"):
        client = verified_client(world.user(role))
        assert client.get(_url(review, mother)).status_code == 403, role
        data = {"basis": "parental_responsibility", "involved": "no"}
        assert client.post(_url(review, mother), data).status_code == 403, role
    assert not FamilyInvolvement.objects.exists()
    assert verified_client(world.outsider).get(_url(review, mother)).status_code == 404


def test_someone_outside_the_family_of_this_case_is_not_found(world):
    review = review_of(world)
    other = review_of(world)
    stranger = person(other)
    lodger = person(review, parental_responsibility=False, relationship="household")
    client = verified_client(world.user("board_manager"))
    assert client.get(_url(review, stranger)).status_code == 404
    assert client.get(_url(review, lodger)).status_code == 404
    assert client.get(_url(review, review.notification.child)).status_code == 404


# --- The child --------------------------------------------------------------------------


def _child_url(review):
    return reverse("reviews:child_involvement", args=[review.pk])


def test_a_panel_member_may_not_record_the_childs_involvement(world):
    review = review_of(world)
    client = verified_client(world.user("panel_member"))
    assert client.get(_child_url(review)).status_code == 403
