"""The terms of reference: versions, the agreed one never edited, the 19.3 and 19.4
questions pre-filled from the people register, and the printable document."""

from datetime import date, timedelta
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.cases.models import Person, PersonKind
from casereview.reviews.models import RequestedReport, TermsOfReference, TermsStatus
from casereview.reviews.panel import services as panel_services
from conftest import date_fields, review_of, status_of, verified_client

RACE = "Were assessments and services sensitive to the child's and family's race, culture"
LINK = "Who will link in with black and minority ethnic, voluntary, community and faith"
DISABILITY = "Were assessments and services appropriate to the disabled child or parent"


def terms_post(world, **overrides) -> dict:
    data = {
        **date_fields("period_start", date(2024, 5, 17)),
        **date_fields("period_end", date(2026, 3, 1)),
        f"report_{world.police.pk}": "on",
        **date_fields(f"due_{world.police.pk}", date(2026, 5, 1)),
        "family_involvement": "The mother and father are invited to meet the author.",
        "parallel_processes": "Criminal proceedings against the father.",
        "diversity_questions": "",
        "specific_questions": "Was the health visitor's referral acted on?",
    }
    data.update(overrides)
    return data


def draft(world, review, **overrides):
    client = verified_client(world.user("board_manager"))
    response = client.post(
        reverse("reviews:terms_new", args=[review.pk]), terms_post(world, **overrides)
    )
    assert response.status_code == 302, response.text
    return client


def agree(client, review, version, on=date(2026, 3, 25)):
    return client.post(
        reverse("reviews:terms_agree", args=[review.pk, version]), date_fields("agreed_on", on)
    )


def test_the_first_draft_is_version_1_with_the_reports_asked_for(world):
    review = review_of(world)
    draft(world, review)
    terms = TermsOfReference.objects.get()
    assert (terms.version, terms.status, terms.period_end) == (1, "draft", date(2026, 3, 1))
    assert [(r.agency, r.due_on) for r in RequestedReport.objects.all()] == [
        (world.police, date(2026, 5, 1))
    ]
    assert AuditEvent.objects.filter(action="terms.draft").count() == 1


def test_the_first_form_starts_from_the_case(world):
    review = review_of(world)
    page = verified_client(world.user("board_manager")).get(
        reverse("reviews:terms_new", args=[review.pk])
    )
    assert page.status_code == 200 and "Draft version 1" in page.text
    # The period runs from the child's birth (17 May 2024) to the incident (1 March 2026).
    assert 'name="period_start_year" value="2024"' in page.text
    assert 'name="period_end_month" value="3"' in page.text


def test_a_draft_is_changed_in_place(world):
    review = review_of(world)
    client = draft(world, review)
    draft(
        world, review, specific_questions="A changed question", **{f"report_{world.police.pk}": ""}
    )
    terms = TermsOfReference.objects.get()
    assert terms.version == 1 and terms.specific_questions == "A changed question"
    assert not RequestedReport.objects.exists()
    assert AuditEvent.objects.filter(action="terms.edit").count() == 1
    assert client.get(reverse("reviews:terms", args=[review.pk])).status_code == 200


def test_agreeing_a_version_meets_the_obligation_and_it_is_never_edited(world):
    review = review_of(world)
    client = draft(world, review)
    assert status_of(review, "terms_of_reference_agreed") != "met"
    assert agree(client, review, 1).status_code == 302
    v1 = TermsOfReference.objects.get()
    assert (v1.status, v1.agreed_on) == (TermsStatus.AGREED, date(2026, 3, 25))
    assert AuditEvent.objects.filter(action="terms.agree").count() == 1
    assert status_of(review, "terms_of_reference_agreed") == "met"

    # The next form starts from version 1 and saving makes version 2, a draft.
    form = client.get(reverse("reviews:terms_new", args=[review.pk])).text
    assert "Draft version 2" in form and "invited to meet the author" in form
    draft(world, review, specific_questions="Another question", reason="A question was missing")
    v1.refresh_from_db()
    assert v1.specific_questions == "Was the health visitor's referral acted on?"
    assert v1.status == TermsStatus.AGREED
    v2 = TermsOfReference.objects.get(version=2)
    assert v2.status == TermsStatus.DRAFT and v2.specific_questions == "Another question"
    assert v2.requested_reports.count() == 1 and v1.requested_reports.count() == 1


def test_an_agreed_version_cannot_be_agreed_again(world):
    review = review_of(world)
    client = draft(world, review)
    agree(client, review, 1)
    response = agree(client, review, 1, on=date(2026, 3, 30))
    assert response.status_code == 200 and "Version 1 is already agreed" in response.text
    assert TermsOfReference.objects.get().agreed_on == date(2026, 3, 25)
    with pytest.raises(ValidationError):
        panel_services.agree_terms(
            TermsOfReference.objects.get(),
            actor=world.user("panel_chair"),
            context=SYSTEM,
            agreed_on=date(2026, 3, 30),
        )
    assert AuditEvent.objects.filter(action="terms.agree").count() == 1


def test_a_future_agreement_date_is_refused(world):
    review = review_of(world)
    client = draft(world, review)
    response = agree(client, review, 1, on=timezone.localdate() + timedelta(days=2))
    assert response.status_code == 200 and "must be today or in the past" in response.text
    assert TermsOfReference.objects.get().status == TermsStatus.DRAFT


def test_bad_terms_show_field_errors_and_save_nothing(world):
    review = review_of(world)
    client = verified_client(world.user("board_manager"))
    url = reverse("reviews:terms_new", args=[review.pk])
    bad = terms_post(
        world,
        family_involvement="",
        **date_fields("period_end", date(2020, 1, 1)),
        **{
            f"due_{world.police.pk}_day": "",
            f"due_{world.police.pk}_month": "",
            f"due_{world.police.pk}_year": "",
        },
    )
    response = client.post(url, bad)
    assert response.status_code == 200
    text = response.text
    assert "Enter how the family will be involved" in text
    assert "The end of the period must be after its start" in text
    assert "Enter the date Eastbrook Police&#x27;s report is due" in text
    assert not TermsOfReference.objects.exists()


def test_only_the_manager_and_the_panel_chair_draft_and_agree(world):
    review = review_of(world)
    draft(world, review)
    for role in ("panel_member", "board_chair", "agency_author"):
        client = verified_client(world.user(role))
        assert client.get(reverse("reviews:terms", args=[review.pk])).status_code == 200, role
        assert client.get(reverse("reviews:terms_new", args=[review.pk])).status_code == 403
        assert agree(client, review, 1).status_code == 403
    assert TermsOfReference.objects.get().status == TermsStatus.DRAFT
    assert agree(verified_client(world.user("panel_chair")), review, 1).status_code == 302


def _prefill(world, review) -> str:
    return unescape(
        verified_client(world.user("board_manager"))
        .get(reverse("reviews:terms_new", args=[review.pk]))
        .text
    )


def test_no_diversity_questions_are_prefilled_when_the_register_does_not_call_for_them(world):
    review = review_of(world, ethnicity="W1")
    Person.objects.create(
        board=world.board,
        notification=review.notification,
        kind=PersonKind.FAMILY,
        given_names="Uncle",
        family_name="Test",
        disability="yes",
        parental_responsibility=False,
    )
    text = _prefill(world, review)
    assert RACE not in text and LINK not in text and DISABILITY not in text


def test_a_minority_ethnic_child_brings_the_19_3_questions(world):
    review = review_of(world, ethnicity="B2")
    text = _prefill(world, review)
    assert RACE in text and LINK in text and "(Rotherham 19.3)" in text
    assert DISABILITY not in text
    assert "a black or minority ethnic child" in text


def test_a_disabled_parent_brings_the_19_4_questions(world):
    review = review_of(world, ethnicity="W1")
    Person.objects.create(
        board=world.board,
        notification=review.notification,
        kind=PersonKind.FAMILY,
        given_names="Mum",
        family_name="Test",
        disability="yes",
        parental_responsibility=True,
    )
    text = _prefill(world, review)
    assert DISABILITY in text and RACE not in text


def test_a_disabled_child_brings_the_19_4_questions(world):
    review = review_of(world, ethnicity="W1", disability="yes")
    assert DISABILITY in _prefill(world, review)


def test_a_new_version_keeps_the_previous_questions_and_adds_missing_ones(world):
    review = review_of(world, ethnicity="B2")
    client = draft(world, review, diversity_questions="Our own question")
    agree(client, review, 1)
    text = _prefill(world, review)
    assert "Our own question" in text and RACE in text


def test_the_document_shows_a_version_for_printing(world):
    review = review_of(world, ethnicity="B2")
    initial, _ = panel_services.terms_initial(review)
    client = draft(world, review, diversity_questions=initial["diversity_questions"])
    agree(client, review, 1)
    page = verified_client(world.user("agency_author")).get(
        reverse("reviews:terms_document", args=[review.pk, 1])
    )
    assert page.status_code == 200
    text = page.text
    assert "Agreed on 25 March 2026" in text
    assert "From 17 May 2024 to 1 March 2026" in text
    assert "Eastbrook Police" in text and "1 May 2026" in text
    assert text.count("<li>") >= 4 and LINK in text
    missing = client.get(reverse("reviews:terms_document", args=[review.pk, 7]))
    assert missing.status_code == 404
