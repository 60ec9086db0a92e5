"""The demo's reviews, run through the review services to a spread of stages."""

from __future__ import annotations

import itertools

import pytest
from django.db import transaction
from django.utils import timezone

from casereview.accounts.models import User
from casereview.audit.models import AuditEvent
from casereview.cases.vocab import MINORITY_ETHNIC, Language, PersonKind
from casereview.demo import generator
from casereview.procedure.engine import evaluate
from casereview.reviews.lifecycle import MOVES
from casereview.reviews.models import (
    AgencyReport,
    Appointment,
    ExpertKind,
    FamilyContact,
    OutboundNotification,
    PanelDecision,
    PanelDecisionKind,
    PanelMember,
    ParallelProcess,
    ProcessKind,
    ReportStatus,
    Review,
    ReviewStatus,
    TermsOfReference,
    TermsStatus,
)


def _after(status: str, stage: str) -> bool:
    """The review's status is `stage` or later."""
    order = list(ReviewStatus.values)
    return order.index(status) >= order.index(stage)


@pytest.mark.django_db
def test_demo_reviews_are_spread_over_the_stages_with_their_history(demo):
    reviews = list(Review.objects.select_related("decision", "board"))
    statuses = {r.status for r in reviews}
    assert len(statuses) >= 4, statuses
    assert {ReviewStatus.DECIDED, ReviewStatus.AGENCY_REPORTS} <= statuses
    assert statuses & {ReviewStatus.MONITORING, ReviewStatus.CLOSED}
    # Older reviews are further on.
    eastbrook = sorted(
        (r for r in reviews if r.board.slug == "eastbrook"), key=lambda r: r.decision.decided_on
    )
    assert eastbrook[0].status in (ReviewStatus.MONITORING, ReviewStatus.CLOSED)
    assert eastbrook[-1].status in (ReviewStatus.DECIDED, ReviewStatus.SCOPING)
    now, today = timezone.now(), timezone.localdate()
    for review in reviews:
        # The history is a chain of allowed moves from "decided" to the current stage,
        # dated in order between the decision and now; one audit event per move.
        changes = list(review.status_changes.order_by("changed_at", "id"))
        assert changes[0].to_status == ReviewStatus.DECIDED
        assert changes[-1].to_status == review.status
        for before, after in itertools.pairwise(changes):
            assert after.from_status == before.to_status
            assert after.to_status in {m.to for m in MOVES[before.to_status]}
            assert before.changed_at <= after.changed_at <= now
        moves = AuditEvent.objects.filter(action="review.move", detail__to__isnull=False)
        assert moves.filter(object_id=str(review.pk)).count() == len(changes) - 1
        decided = review.decision.decided_on
        if review.status == ReviewStatus.DECIDED:
            assert not review.terms.exists() and not review.panel.exists()
            continue
        panel = list(review.panel.all())
        assert sum(m.independent_chair for m in panel) == 1
        assert review.meetings.exists()
        assert PanelDecision.objects.filter(
            review=review, kind=PanelDecisionKind.FAMILY_INVOLVEMENT_AGREED
        ).exists()
        terms = review.terms.get()
        assert terms.created_at.date() >= decided
        if _after(review.status, ReviewStatus.AGENCY_REPORTS):
            assert terms.status == TermsStatus.AGREED and decided <= terms.agreed_on <= today
            reports = list(review.agency_reports.all())
            assert {r.agency_id for r in reports} == set(
                review.notification.involvements.values_list("agency_id", flat=True)
            )
            for report in reports:
                assert decided <= report.requested_on <= today
                if report.submitted_on:
                    assert report.requested_on <= report.submitted_on <= today
                    assert report.senior_sign_off_name and report.lessons
        if _after(review.status, ReviewStatus.OVERVIEW_DRAFTING):
            assert {r.status for r in review.agency_reports.all()} == {ReportStatus.ACCEPTED}
        if _after(review.status, ReviewStatus.BOARD_SIGN_OFF):
            assert all(p.debriefed_on for p in review.professionals.all())
        for day in FamilyContact.objects.filter(review=review).values_list("on", flat=True):
            assert decided <= day <= today
    # The agency authors wrote their own agencies' reports.
    police = User.objects.get(username="police.author")
    assert AgencyReport.objects.filter(author=police).exists()
    assert (
        not AgencyReport.objects.exclude(author=None)
        .exclude(author=police)
        .exclude(author__username="health.author")
        .exists()
    )


@pytest.mark.django_db
def test_demo_compliance_pages_show_met_and_overdue_obligations(demo):
    scoping_met, overdue = [], []
    for review in Review.objects.all():
        results = evaluate(review)
        scoping = [r for r in results if r.obligation.stage == "scoping"]
        if scoping and all(r.status in ("met", "not_applicable") for r in scoping):
            scoping_met.append(review)
        if any(r.status == "overdue" for r in results):
            overdue.append(review)
    assert scoping_met and overdue
    # Reviews of black and minority ethnic children in the demo board have their expert, the
    # community link and (once every report is in) the cultural sensitivity decision.
    bme = Review.objects.filter(
        board__slug="eastbrook",
        notification__people__kind=PersonKind.CHILD,
        notification__people__ethnicity__in=MINORITY_ETHNIC,
        status=ReviewStatus.OVERVIEW_DRAFTING,
    )
    assert bme.exists()
    for review in bme:
        assert Appointment.objects.filter(
            review=review, kind=ExpertKind.RACE_CULTURE, user__username="expert"
        ).exists()
        kinds = set(review.panel_decisions.values_list("kind", flat=True))
        assert {PanelDecisionKind.COMMUNITY_LINK, PanelDecisionKind.CULTURAL_SENSITIVITY} <= kinds
        assert review.expert_advice.filter(considered_by__isnull=False).exists()
    # Statutory notifications: mostly on time, one late.
    late = [
        r.obligation.id
        for review in Review.objects.filter(board__slug="eastbrook")
        for r in evaluate(review)
        if r.obligation.id.endswith(("_notified", "_sha")) and r.late
    ]
    assert late == ["inspectorate_notified"]
    # Decided long after 21 February 2011: no Government Office is told.
    assert not OutboundNotification.objects.filter(recipient="government_office").exists()
    assert OutboundNotification.objects.count() >= 3 * 10


@pytest.mark.django_db
def test_demo_has_the_polish_language_warning_and_the_paused_review(demo):
    wrong = FamilyContact.objects.filter(
        person__preferred_language=Language.POLISH, language=Language.ENGLISH, interpreter=False
    )
    assert wrong.count() == 1
    review = wrong.get().review
    result = next(r for r in evaluate(review) if r.obligation.id == "family_preferred_language")
    assert result.status != "met"
    # Everyone else was contacted in their preferred language or with an interpreter.
    others = FamilyContact.objects.exclude(pk=wrong.get().pk).select_related("person")
    assert all(c.language == c.person.preferred_language or c.interpreter for c in others)
    assert others.filter(interpreter=True).exists()

    criminal = ParallelProcess.objects.get(kind=ProcessKind.CRIMINAL)
    assert criminal.holds_publication and criminal.concluded_on is None
    held = criminal.review
    assert held.status == ReviewStatus.BOARD_SIGN_OFF
    assert held.notification.pauses.filter(ends_on__isnull=True).exists()
    assert any(r.status == "paused" for r in evaluate(held))
    assert (
        not TermsOfReference.objects.filter(status=TermsStatus.DRAFT)
        .filter(review__status__in=[ReviewStatus.AGENCY_REPORTS, ReviewStatus.OVERVIEW_DRAFTING])
        .exists()
    )
    assert PanelMember.objects.filter(independent_chair=True, user__username="panelchair").exists()


def _workflow_for(seed: int) -> list[tuple]:
    with transaction.atomic():
        generator.generate_demo(seed=seed, notifications=(16, 4), reviews=(8, 2))
        rows = sorted(
            (
                r.reference,
                r.status,
                r.panel.count(),
                r.meetings.count(),
                tuple(sorted(r.agency_reports.values_list("status", "submitted_on"))),
                tuple(sorted(r.family_contacts.values_list("on", "language", "method"))),
            )
            for r in Review.objects.all()
        )
        transaction.set_rollback(True)
    return rows


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_reviews():
    first = _workflow_for(3)
    assert len({row[1] for row in first}) >= 3
    assert first == _workflow_for(3)


@pytest.mark.django_db
def test_demo_people_give_real_answers_and_one_panel_explains_no_expert(demo):
    from casereview.cases.models import ChildConsidered, Person
    from casereview.cases.vocab import Disability
    from casereview.reviews.models import ExpertNotAppointed

    answers = set(Person.objects.values_list("disability", flat=True))
    assert answers <= set(Disability.values) and Disability.NOT_KNOWN in answers
    assert Person.objects.exclude(religion="").exists()
    # 19.1: the siblings of a case whose first step is done were each considered.
    assert ChildConsidered.objects.filter(action="strategy", assessment="not_at_risk").exists()
    # 19.4 "normal practice": one panel records why it appoints no disability expert, and
    # the compliance line shows the reasons as its evidence.
    explained = ExpertNotAppointed.objects.get(
        review__board__slug="eastbrook", kind=ExpertKind.DISABILITY
    )
    assert not Appointment.objects.filter(
        review=explained.review, kind=ExpertKind.DISABILITY
    ).exists()
    line = next(
        r for r in evaluate(explained.review) if r.obligation.id == "independent_expert_disability"
    )
    assert line.status == "met" and line.evidence.label.startswith("Not appointed: The panel")


@pytest.mark.django_db
def test_demo_family_duties_are_met_or_explained_person_by_person(demo):
    from casereview.reviews.family import child as child_rules
    from casereview.reviews.models import ChildInvolvement, FamilyNotContacted

    missing = FamilyNotContacted.objects.filter(reason="whereabouts_unknown")
    # One a board.
    assert missing.exists()
    assert len({m.review.board_id for m in missing}) == missing.count()
    review = missing.first().review
    result = next(r for r in evaluate(review) if r.obligation.id == "family_informed_of_review")
    assert result.status == "met"
    assert "a reason not to contact is recorded for 1" in result.evidence.label
    # After the letter in English, the board had its first letter approved in Polish.
    from casereview.reviews.family import services as family_services
    from casereview.reviews.models import LetterTranslation

    polish = LetterTranslation.objects.get(language="pl", approved_on__isnull=False)
    assert polish.template == "told_of_review" and polish.approved_by_name
    mother = FamilyContact.objects.get(
        person__preferred_language=Language.POLISH, language=Language.ENGLISH
    ).person
    outcome = family_services.letter_for(
        mother.notification.review, mother, "told_of_review", sender=polish.uploaded_by
    )
    assert outcome.letter is None and outcome.translation == polish
    # Every answer about the child answers the question the facts ask.
    rows = ChildInvolvement.objects.select_related("review__notification")
    assert rows.exists()
    for row in rows:
        asked = child_rules.question_of(row.review.notification, row.recorded_on)
        assert row.question == asked


def test_demo_boards_use_their_own_terms_of_reference_template(demo):
    from casereview.reviews import word_templates
    from casereview.reviews.models import WordTemplate

    boards = {t.review.board for t in TermsOfReference.objects.select_related("review__board")}
    assert boards
    for board in boards:
        template = WordTemplate.objects.get(board=board, kind="terms_of_reference")
        assert template.in_force
        assert isinstance(word_templates.template_for(board, "terms_of_reference"), bytes)
