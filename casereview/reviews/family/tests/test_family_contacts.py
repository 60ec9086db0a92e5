from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from casereview.audit.models import AuditEvent
from casereview.reviews.models import FamilyContact
from conftest import review_of, status_of, verified_client

from .helpers import person


def _url(review):
    return reverse("reviews:family_contact_add", args=[review.pk])


def _data(p, **overrides) -> dict:
    today = timezone.localdate()
    data = {
        "person": str(p.pk),
        "on_day": str(today.day),
        "on_month": str(today.month),
        "on_year": str(today.year),
        "method": "letter",
        "language": p.preferred_language,
        "interpreter": "no",
        "purposes": ["told_of_review"],
        "note": "",
    }
    data.update(overrides)
    return data


def test_a_contact_is_logged_with_one_event(world):
    review = review_of(world)
    mother = person(review)
    client = verified_client(world.user("board_manager"))
    last = AuditEvent.objects.order_by("-id").first().pk
    response = client.post(_url(review), _data(mother, note="Letter sent first class"))
    assert response.status_code == 302
    contact = FamilyContact.objects.get()
    assert contact.person == mother and contact.purposes == ["told_of_review"]
    assert [e.action for e in AuditEvent.objects.filter(pk__gt=last)] == ["family.contact.create"]
    page = client.get(reverse("reviews:family", args=[review.pk])).text
    assert "Letter sent first class" in page


def test_contacts_tell_the_family_of_the_review_the_process_and_publication(world):
    review = review_of(world)
    mother = person(review)
    ids = ("family_informed_of_review", "family_informed_of_process")
    ids += ("family_informed_of_publication",)
    assert all(status_of(review, i) != "met" for i in ids)
    client = verified_client(world.user("board_manager"))
    client.post(_url(review), _data(mother, purposes=["told_of_review", "process"]))
    assert status_of(review, "family_informed_of_review") == "met"
    assert status_of(review, "family_informed_of_process") == "met"
    assert status_of(review, "family_informed_of_publication") != "met"
    client.post(_url(review), _data(mother, method="meeting", purposes=["publication"]))
    assert all(status_of(review, i) == "met" for i in ids)


def test_preferred_language_is_met_only_when_every_contact_was_in_it_or_interpreted(world):
    review = review_of(world)
    mother = person(review, preferred_language="ur")
    father = person(review, given_names="Fahd", relationship="father", preferred_language="en")
    client = verified_client(world.user("board_manager"))
    client.post(_url(review), _data(mother))  # in Urdu
    client.post(_url(review), _data(father))  # in English
    assert status_of(review, "family_preferred_language") == "met"
    client.post(_url(review), _data(mother, language="en", interpreter="yes"))
    assert status_of(review, "family_preferred_language") == "met"
    response = client.post(_url(review), _data(mother, language="en", interpreter="no"))
    assert response.status_code == 302
    assert status_of(review, "family_preferred_language") != "met"
    page = client.get(reverse("reviews:family", args=[review.pk])).text
    assert "not in their preferred language (Rotherham 19.3)" in page


def test_bad_input_shows_field_errors_and_saves_nothing(world):
    review = review_of(world)
    mother = person(review)
    client = verified_client(world.user("board_manager"))
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        _url(review),
        _data(
            mother,
            person="",
            language="",
            method="",
            purposes=["not_a_purpose"],
            on_day=str(tomorrow.day),
            on_month=str(tomorrow.month),
            on_year=str(tomorrow.year),
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"person", "language", "method", "purposes"} <= set(errors)
    assert not FamilyContact.objects.exists()


def test_only_family_of_this_case_can_be_chosen(world):
    review = review_of(world)
    stranger = person(review_of(world))
    response = verified_client(world.user("board_manager")).post(_url(review), _data(stranger))
    assert "person" in response.context["form"].errors
    assert not FamilyContact.objects.exists()


def test_the_person_link_preselects_them_and_their_language(world):
    review = review_of(world)
    mother = person(review, preferred_language="cy")
    page = verified_client(world.user("board_manager")).get(_url(review) + f"?person={mother.pk}")
    form = page.context["form"]
    assert form.initial == {"on": timezone.localdate(), "person": str(mother.pk), "language": "cy"}


def test_only_those_who_manage_the_review_may_log_contacts(world):
    review = review_of(world)
    mother = person(review)
    for role in ("panel_member", "agency_author", "auditor"):
        client = verified_client(world.user(role))
        assert client.post(_url(review), _data(mother)).status_code == 403, role
    assert verified_client(world.outsider).post(_url(review), _data(mother)).status_code == 404
    assert not FamilyContact.objects.exists()
