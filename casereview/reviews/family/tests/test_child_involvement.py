"""The child's involvement asks the right question for the child's age and whether the
child died (reviews/family/child.py), through the real page and the compliance engine."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from casereview.audit.models import AuditEvent
from casereview.cases.models import Person, PersonKind
from casereview.reviews.models import ChildInvolvement
from conftest import make_notification, review_of, status_of, verified_client, with_review

RECORDED = {"recorded_on_day": "12", "recorded_on_month": "3", "recorded_on_year": "2026"}


def _harmed_review(world, born: date | None):
    n = make_notification(
        world.board,
        world.user("board_manager"),
        agencies=[world.police],
        child={"date_of_birth": born},
        outcome="serious_harm",
        date_of_death=None,
    )
    return with_review(n, world.user("board_chair")).review


def _url(review):
    return reverse("reviews:child_involvement", args=[review.pk])


def _years_ago(years: int) -> date:
    today = timezone.localdate()
    return date(today.year - years, 1, 1)


def test_a_child_who_died_is_represented_not_asked(world):
    review = review_of(world)  # Ada died, aged 1
    client = verified_client(world.user("board_manager"))
    page = client.get(_url(review)).text
    assert "How are Ada&#x27;s lived experience and voice represented in the review?" in page
    assert "Ada died and cannot be asked" in page
    form = client.get(_url(review)).context["form"]
    assert set(form.fields) == {"how", "recorded_on"}
    response = client.post(_url(review), {"involved": "no", "reason_not": "Too young", **RECORDED})
    assert "how" in response.context["form"].errors
    assert not ChildInvolvement.objects.exists()
    assert status_of(review, "child_involved") != "met"
    last = AuditEvent.objects.order_by("-id").first().pk
    how = "The health visitor's notes of Ada's play; her nursery key worker is interviewed"
    response = client.post(_url(review), {"how": how, **RECORDED})
    assert response.status_code == 302
    row = ChildInvolvement.objects.get()
    assert row.question == "represented" and row.how == how and row.involved
    assert [e.action for e in AuditEvent.objects.filter(pk__gt=last)] == [
        "family.child_involvement.create"
    ]
    assert status_of(review, "child_involved") == "met"
    family = client.get(reverse("reviews:family", args=[review.pk])).text
    assert how.replace("'", "&#x27;") in family
    assert "lived experience and voice are represented" in family


def test_a_young_living_child_is_heard_through_an_advocate(world):
    review = _harmed_review(world, _years_ago(5))
    client = verified_client(world.user("board_manager"))
    page = client.get(_url(review)).text
    assert "Is Ada heard through an appropriate adult or advocate?" in page
    assert "Ada is under 8" in page
    response = client.post(_url(review), {"involved": "no", **RECORDED})
    assert "reason_not" in response.context["form"].errors
    response = client.post(_url(review), {"involved": "yes", **RECORDED})
    assert "how" in response.context["form"].errors
    assert not ChildInvolvement.objects.exists()
    response = client.post(
        _url(review),
        {"involved": "yes", "how": "Her foster carer and an advocate speak for her", **RECORDED},
    )
    assert response.status_code == 302
    assert ChildInvolvement.objects.get().question == "through_advocate"
    assert status_of(review, "child_involved") == "met"


def test_a_child_whose_date_of_birth_is_not_known_is_heard_through_an_advocate(world):
    review = _harmed_review(world, None)
    page = verified_client(world.user("board_manager")).get(_url(review)).text
    assert "heard through an appropriate adult or advocate" in page


def test_an_older_child_is_offered_the_chance_to_contribute(world):
    review = _harmed_review(world, _years_ago(12))
    client = verified_client(world.user("board_manager"))
    page = client.get(_url(review)).text
    assert "Has Ada been offered the chance to contribute to the review?" in page
    assert "may choose not to take part" in page
    response = client.post(
        _url(review),
        {"involved": "no", "reason_not": "Her social worker advises waiting", **RECORDED},
    )
    assert response.status_code == 302
    row = ChildInvolvement.objects.get()
    assert row.question == "offered" and not row.involved
    assert status_of(review, "child_involved") == "met"


def test_an_answer_to_a_question_the_facts_no_longer_ask_does_not_meet_the_duty(world):
    review = _harmed_review(world, _years_ago(12))
    client = verified_client(world.user("board_manager"))
    client.post(_url(review), {"involved": "yes", "how": "She wrote to the panel", **RECORDED})
    assert status_of(review, "child_involved") == "met"
    # The date of birth is corrected: she was 5, so the question is another.
    Person.objects.filter(notification=review.notification, kind=PersonKind.CHILD).update(
        date_of_birth=_years_ago(5)
    )
    assert status_of(review, "child_involved") != "met"
    family = client.get(reverse("reviews:family", args=[review.pk])).text
    assert "now ask a different question" in family
    form = client.get(_url(review)).context["form"]
    assert "advocate" in form.fields["involved"].label


def test_answers_recorded_before_the_questions_get_the_question_the_facts_asked(world):
    """The migration's data step, on answers saved without a question."""
    import importlib

    from django.apps import apps

    step = importlib.import_module("casereview.reviews.migrations.0007_family_duties_letters")
    died = review_of(world)
    young = _harmed_review(world, date(2024, 5, 17))
    older = _harmed_review(world, date(2010, 1, 1))
    for review in (died, young, older):
        ChildInvolvement.objects.create(
            review=review, involved=False, reason_not="Old answer", recorded_on=date(2026, 3, 12)
        )
    step.set_child_questions(apps, None)
    found = {r.review_id: r for r in ChildInvolvement.objects.all()}
    assert found[died.pk].question == "represented"
    assert found[died.pk].how == "Old answer" and found[died.pk].involved
    assert found[young.pk].question == "through_advocate"
    assert found[older.pk].question == "offered"
    assert status_of(died, "child_involved") == "met"
