"""The family duties of 19.5 are met per person: everyone with parental responsibility and
each person given a legitimate interest is told, or the panel records why not (comply or
explain). Through the real pages and the compliance engine."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from casereview.audit.models import AuditEvent
from casereview.procedure.engine import evaluate, evaluate_many
from casereview.reviews.family import duties
from casereview.reviews.models import FamilyNotContacted
from conftest import date_fields, review_of, status_of, verified_client

from .helpers import person

TOLD = "family_informed_of_review"


def _tell(client, review, p, purposes=("told_of_review",)):
    response = client.post(
        reverse("reviews:family_contact_add", args=[review.pk]),
        {
            "person": str(p.pk),
            **date_fields("on", timezone.localdate()),
            "method": "letter",
            "language": p.preferred_language,
            "interpreter": "no",
            "purposes": list(purposes),
        },
    )
    assert response.status_code == 302


def _evidence(review, obligation_id):
    return next(r.evidence for r in evaluate(review) if r.obligation.id == obligation_id)


def _explain(client, review, p, **overrides):
    data = {
        "reason": "whereabouts_unknown",
        "detail": "Letters to the last known address came back; the police are searching",
        **date_fields("recorded_on", timezone.localdate()),
        **overrides,
    }
    return client.post(reverse("reviews:family_not_contacted", args=[review.pk, p.pk]), data)


def test_one_parent_told_is_not_the_family_told(world):
    review = review_of(world)
    mother = person(review)
    father = person(review, given_names="Lee", relationship="father")
    aunt = person(
        review, given_names="Jo", relationship="other_relative", parental_responsibility=False
    )
    client = verified_client(world.user("board_manager"))
    _tell(client, review, aunt)
    _tell(client, review, mother)
    assert status_of(review, TOLD) != "met"
    page = client.get(reverse("reviews:family", args=[review.pk])).text
    assert "Told of the review and its purpose: not yet" in page
    _tell(client, review, father)
    assert status_of(review, TOLD) == "met"
    evidence = _evidence(review, TOLD)
    assert evidence.label == "Family told of the review: 2 of 2 told"
    assert evidence.on == timezone.localdate()
    compliance = client.get(reverse("reviews:compliance", args=[review.pk])).text
    assert "Family told of the review: 2 of 2 told" in compliance


def test_each_duty_is_counted_on_its_own(world):
    review = review_of(world)
    mother = person(review)
    father = person(review, given_names="Lee", relationship="father")
    client = verified_client(world.user("board_manager"))
    _tell(client, review, mother, ("told_of_review", "process"))
    _tell(client, review, father, ("told_of_review",))
    assert status_of(review, TOLD) == "met"
    assert status_of(review, "family_informed_of_process") != "met"
    _tell(client, review, father, ("process", "publication"))
    assert status_of(review, "family_informed_of_process") == "met"
    assert status_of(review, "family_informed_of_publication") != "met"


def test_a_person_given_a_legitimate_interest_is_owed_the_duties(world):
    review = review_of(world)
    mother = person(review)
    gran = person(
        review,
        given_names="Gran",
        relationship="grandparent",
        parental_responsibility=False,
        legitimate_interest=True,
    )
    client = verified_client(world.user("board_manager"))
    _tell(client, review, mother)
    # Not owed until the board involves her on a legitimate interest.
    assert status_of(review, TOLD) == "met"
    response = client.post(
        reverse("reviews:family_involvement", args=[review.pk, gran.pk]),
        {
            "basis": "legitimate_interest",
            "involved": "yes",
            "extent": "Interviewed",
            "board_reason": "She cared for the child",
            "views_of_parents": "The mother agrees",
        },
    )
    assert response.status_code == 302
    assert status_of(review, TOLD) != "met"
    _tell(client, review, gran)
    assert _evidence(review, TOLD).label == "Family told of the review: 2 of 2 told"


def test_a_recorded_reason_explains_the_gap_and_can_be_withdrawn(world):
    review = review_of(world)
    mother = person(review)
    father = person(review, given_names="Lee", family_name="Absent", relationship="father")
    client = verified_client(world.user("board_manager"))
    _tell(client, review, mother, ("told_of_review", "process", "publication"))
    assert status_of(review, TOLD) != "met"
    last = AuditEvent.objects.order_by("-id").first().pk
    response = _explain(client, review, father)
    assert response.status_code == 302
    events = AuditEvent.objects.filter(pk__gt=last)
    assert [e.action for e in events] == ["family.not_contacted.create"]
    assert "Absent" not in str(events[0].detail)
    for duty in (TOLD, "family_informed_of_process", "family_informed_of_publication"):
        assert status_of(review, duty) == "met"
    label = _evidence(review, TOLD).label
    explained = "a reason not to contact is recorded for 1"
    assert label == f"Family told of the review: 1 of 2 told; {explained}"
    assert "Lee" not in label and "Absent" not in label
    page = client.get(reverse("reviews:family", args=[review.pk])).text
    assert "Not to be contacted" in page and "the police are searching" in page
    # A new reason keeps the earlier one, withdrawn.
    _explain(client, review, father, reason="custody_police_advice", detail="Remanded")
    assert FamilyNotContacted.objects.count() == 2
    assert FamilyNotContacted.objects.filter(withdrawn_on__isnull=True).get().detail == "Remanded"
    # The reason no longer holds: he is owed the duties again.
    response = client.post(
        reverse("reviews:family_not_contacted", args=[review.pk, father.pk]), {"withdraw": "1"}
    )
    assert response.status_code == 302
    assert status_of(review, TOLD) != "met"
    assert FamilyNotContacted.objects.filter(withdrawn_on__isnull=True).count() == 0
    assert AuditEvent.objects.filter(action="family.not_contacted.withdraw").count() == 1


def test_a_reason_needs_an_explanation_and_no_future_date(world):
    review = review_of(world)
    father = person(review, given_names="Lee", relationship="father")
    client = verified_client(world.user("board_manager"))
    response = _explain(client, review, father, detail="")
    assert "detail" in response.context["form"].errors
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = _explain(client, review, father, **date_fields("recorded_on", tomorrow))
    assert "recorded_on" in response.context["form"].errors
    assert not FamilyNotContacted.objects.exists()


def test_nobody_on_the_register_leaves_the_duty_open(world):
    review = review_of(world)
    assert status_of(review, TOLD) != "met"


def test_a_panel_member_may_not_record_a_reason(world):
    review = review_of(world)
    father = person(review, given_names="Lee", relationship="father")
    client = verified_client(world.user("panel_member"))
    assert _explain(client, review, father).status_code == 403
    assert not FamilyNotContacted.objects.exists()


@given(
    st.lists(
        st.tuples(st.booleans(), st.booleans(), st.booleans()),
        max_size=8,
    )
)
def test_a_duty_is_met_exactly_when_everyone_owed_it_is_told_or_explained(people):
    """(owed, told, explained) per person: met iff someone is owed it and each of them is
    told or explained; the counts never include people not owed it."""
    rows = duties.CaseDuties()
    day = date(2026, 3, 1)
    for i, (owed, told, explained) in enumerate(people):
        if owed:
            rows.owed.add(i)
        if told:
            rows.told[i] = {"told_of_review": day + timedelta(days=i)}
        if explained:
            rows.explained[i] = day
    progress = rows.progress("told_of_review")
    owed = [p for p in people if p[0]]
    assert progress.owed == len(owed)
    assert progress.met == (bool(owed) and all(t or e for _, t, e in owed))
    assert progress.told == sum(1 for _, t, _ in owed if t)
    assert progress.told + progress.explained <= progress.owed


def test_a_batch_of_cases_gives_each_the_duties_it_gives_alone(world):
    """In a batch the parents owed are read only for the cases where someone was told or a
    reason is recorded: every case's lines are those it has when evaluated on its own."""
    client = verified_client(world.user("board_manager"))
    all_told, one_of_two, explained, nobody_heard = (review_of(world) for _ in range(4))
    _tell(client, all_told, person(all_told))
    _tell(client, one_of_two, person(one_of_two))
    person(one_of_two, given_names="Lee", relationship="father")
    assert _explain(client, explained, person(explained)).status_code == 302
    person(nobody_heard)
    reviews = [all_told, one_of_two, explained, nobody_heard]
    together = evaluate_many([r.notification for r in reviews])
    duties_ = ("family_informed_of_review", "family_informed_of_process")
    for review in reviews:
        alone = [r for r in evaluate(review) if r.obligation.id in duties_]
        batch = [r for r in together[review.notification_id] if r.obligation.id in duties_]
        assert batch == alone
    met = [
        line.status == "met"
        for r in reviews
        for line in together[r.notification_id]
        if line.obligation.id == TOLD
    ]
    assert met == [True, False, True, False]
