from django.urls import reverse

from casereview.audit.models import AuditEvent
from casereview.reviews.models import FamilyContact
from conftest import review_of, verified_client

from .helpers import person


def test_it_lists_the_family_with_parental_responsibility_or_a_legitimate_interest(world):
    review = review_of(world)
    person(review, given_names="Mona", family_name="Mother")
    person(
        review,
        given_names="Gran",
        family_name="Nan",
        relationship="grandparent",
        parental_responsibility=False,
        legitimate_interest=True,
    )
    person(
        review,
        given_names="Lodger",
        family_name="Nobody",
        relationship="household",
        parental_responsibility=False,
    )
    page = verified_client(world.user("board_manager")).get(
        reverse("reviews:family", args=[review.pk])
    )
    assert page.status_code == 200
    text = page.text
    assert "Mona Mother" in text and "Gran Nan" in text
    assert "Lodger Nobody" not in text
    assert "Record involvement" in text and "Record a contact" in text
    assert 'id="obligation-family_informed_of_review"' in text


def test_a_panel_member_reads_the_page_without_the_links_to_change_it(world):
    review = review_of(world)
    person(review)
    page = verified_client(world.user("panel_member")).get(
        reverse("reviews:family", args=[review.pk])
    )
    assert page.status_code == 200
    assert "Sam Parent" in page.text
    assert "Record involvement" not in page.text and "Record a contact" not in page.text


def test_reading_the_page_is_one_audit_event(world):
    review = review_of(world)
    client = verified_client(world.user("panel_chair"))
    last = AuditEvent.objects.order_by("-id").first().pk
    client.get(reverse("reviews:family", args=[review.pk]))
    events = AuditEvent.objects.filter(pk__gt=last)
    assert [(e.action, e.object_type) for e in events] == [("read", "reviews.review")]


def test_another_board_gets_not_found(world):
    review = review_of(world)
    response = verified_client(world.outsider).get(reverse("reviews:family", args=[review.pk]))
    assert response.status_code == 404


def test_the_log_warns_of_a_contact_not_in_the_preferred_language(world):
    review = review_of(world)
    mother = person(review, preferred_language="pl")
    FamilyContact.objects.create(
        review=review,
        person=mother,
        on=review.opened_at.date(),
        method="phone",
        language="en",
        interpreter=False,
        purposes=["told_of_review"],
    )
    text = (
        verified_client(world.user("board_manager"))
        .get(reverse("reviews:family", args=[review.pk]))
        .text
    )
    assert "govuk-warning-text" in text
    assert "not in their preferred language (Rotherham 19.3)" in text
    assert "they prefer Polish; it was in English without an interpreter" in text


def test_no_warning_when_an_interpreter_was_used(world):
    review = review_of(world)
    mother = person(review, preferred_language="pl")
    FamilyContact.objects.create(
        review=review,
        person=mother,
        on=review.opened_at.date(),
        method="visit",
        language="en",
        interpreter=True,
        purposes=[],
    )
    text = (
        verified_client(world.user("board_manager"))
        .get(reverse("reviews:family", args=[review.pk]))
        .text
    )
    assert "not in their preferred language" not in text
    assert "English, with an interpreter" in text


def test_a_preferred_language_not_known_is_asked_for_not_treated_as_a_language(world):
    """ "Not known" is no language to write in: the page asks for it to be recorded rather
    than saying the contact was not in "Not known" or that there is no "Not known" letter."""
    review = review_of(world)
    mother = person(review, preferred_language="nk")
    FamilyContact.objects.create(
        review=review,
        person=mother,
        on=review.opened_at.date(),
        method="visit",
        language="en",
        interpreter=False,
        purposes=["publication"],
    )
    text = (
        verified_client(world.user("board_manager"))
        .get(reverse("reviews:family", args=[review.pk]))
        .text
    )
    assert "was in English, but their preferred language is not recorded (Rotherham 19.3)" in text
    assert "Preferred language not recorded" in text
    assert "Their preferred language is not recorded. Record it in the people register" in text
    assert "they prefer Not known" not in text
    assert "no approved Not known letter" not in text


def test_recording_a_contact_when_the_language_is_not_known_says_to_record_it(world):
    review = review_of(world)
    mother = person(review, preferred_language="nk")
    response = verified_client(world.user("board_manager")).post(
        reverse("reviews:family_contact_add", args=[review.pk]),
        {
            "person": str(mother.pk),
            "on_day": review.opened_at.day,
            "on_month": review.opened_at.month,
            "on_year": review.opened_at.year,
            "method": "visit",
            "language": "en",
            "interpreter": "no",
            "purposes": ["publication"],
        },
        follow=True,
    )
    assert FamilyContact.objects.filter(person=mother).exists()
    assert "Their preferred language is not recorded: record it in the people register" in (
        response.text
    )
    assert "not in their preferred language (Not known)" not in response.text


def test_the_family_pages_cite_the_clauses_of_the_reviews_own_regime(world):
    world.board.default_regime = "wt2018"
    world.board.save(update_fields=["default_regime"])
    review = review_of(world)
    assert review.regime == "wt2018"
    mother = person(review)
    client = verified_client(world.user("board_manager"))
    pages = [
        reverse("reviews:family", args=[review.pk]),
        reverse("reviews:family_involvement", args=[review.pk, mother.pk]),
        reverse("reviews:family_contact_add", args=[review.pk]),
    ]
    for url in pages:
        text = client.get(url).text
        assert "Rotherham" not in text, url
        assert "WT2018 chapter 4" in text, url
