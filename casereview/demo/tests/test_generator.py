"""The synthetic data generator behind `casereview seed`."""

from __future__ import annotations

import itertools
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts.models import Agency, AgencyKind, Board, Membership, Role, User
from casereview.audit.models import AuditEvent
from casereview.cases.models import (
    Decision,
    DecisionOutcome,
    KeyDate,
    Notification,
    NotificationAgency,
    NotificationStatus,
    PanelRecommendation,
    Person,
    Task,
    TaskKind,
)
from casereview.cases.screening import screen_notification
from casereview.cases.vocab import MINORITY_ETHNIC, Ethnicity, Language, PersonKind
from casereview.demo import generator
from casereview.demo.boards import DEMO_PASSWORD, DEMO_USERS, SECOND_BOARD_USERS
from casereview.demo.names import HERITAGES, mixed_ethnicity
from casereview.demo.people import age_phrase, ascii_fold
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
    StatusChange,
    TermsOfReference,
    TermsStatus,
)

FICTIONAL_POSTCODE = re.compile(r"^ZZ99 \d[A-Z]{2}$")
# Anything shaped like a UK postcode, real or not.
POSTCODE_SHAPE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b")


def postcodes_in(text: str) -> list[str]:
    return POSTCODE_SHAPE.findall(text)


@pytest.fixture
def demo(db):
    return generator.generate_demo()


@pytest.mark.django_db
def test_demo_has_every_role_agency_kind_and_documented_login(demo):
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    for slug in ("eastbrook", "westmoor"):
        kinds = set(Agency.objects.filter(board__slug=slug).values_list("kind", flat=True))
        assert kinds == set(AgencyKind.values), slug

    expected = {username: role for username, role, *_ in DEMO_USERS}
    for username, role in expected.items():
        membership = Membership.objects.select_related("board", "agency").get(
            user__username=username
        )
        assert membership.role == role
        assert membership.board.slug == "eastbrook"
        assert membership.user.get_full_name() and membership.user.job_title
    assert Membership.objects.get(user__username="police.author").agency.kind == "police"
    assert Membership.objects.get(user__username="health.author").agency.kind == "health_provider"
    westmoor = Membership.objects.get(user__username="westmoor.manager")
    assert (westmoor.board.slug, westmoor.role) == ("westmoor", Role.BOARD_MANAGER)

    manager = User.objects.get(username="manager")
    assert check_password(DEMO_PASSWORD, manager.password)
    # One hash for everybody: hashed once.
    assert User.objects.values("password").distinct().count() == 1
    assert TOTPDevice.objects.filter(confirmed=True).count() == User.objects.count()
    assert not Membership.objects.filter(role=Role.AGENCY_AUTHOR, agency__isnull=True).exists()

    assert Board.objects.get(slug="eastbrook").default_regime == "rotherham_wt2006"
    assert [login[0] for login in demo.logins] == [
        *(u[0] for u in DEMO_USERS),
        *(u[0] for u in SECOND_BOARD_USERS),
    ]


@pytest.mark.django_db
def test_demo_people_are_diverse(demo):
    children = Person.objects.filter(kind=PersonKind.CHILD)
    assert children.filter(ethnicity__in=MINORITY_ETHNIC).exists()
    assert Person.objects.filter(disabled=True).exclude(disability_description="").exists()
    assert children.filter(looked_after=True).exists()
    assert Person.objects.exclude(preferred_language=Language.ENGLISH).exists()
    assert Person.objects.filter(interpreter_needed=True).exists()
    assert children.filter(plan="cpp").exists() and children.filter(plan="cin").exists()
    assert len(set(children.values_list("ethnicity", flat=True))) >= 5
    # Every person's ethnicity and language is in the vocabularies.
    assert set(Person.objects.values_list("ethnicity", flat=True)) <= set(Ethnicity.values)
    assert set(Person.objects.values_list("preferred_language", flat=True)) <= set(Language.values)


@pytest.mark.django_db
def test_demo_cases_follow_the_rules(demo):
    eastbrook = Board.objects.get(slug="eastbrook")
    assert Notification.objects.filter(board=eastbrook).count() == 40
    assert Notification.objects.filter(board__slug="westmoor").count() == 10
    assert Review.objects.filter(board=eastbrook).count() == 15
    statuses = set(Notification.objects.values_list("status", flat=True))
    assert statuses == set(NotificationStatus.values)

    now = timezone.now()
    for n in Notification.objects.prefetch_related("people"):
        assert sum(p.kind == PersonKind.CHILD for p in n.people.all()) == 1
        # Received within 72 hours of the incident, in the last three years.
        assert n.received_at <= now
        assert (n.received_at.date() - n.incident_date).days <= 3
        assert n.incident_date >= (now - timedelta(days=3 * 366)).date()
        assert n.reference.startswith(
            f"{n.board.reference_prefix}-N{timezone.localdate(n.received_at).year}-"
        )
    for rec in PanelRecommendation.objects.select_related("notification"):
        assert rec.criteria_result == screen_notification(rec.notification).recommendation
        assert rec.recorded_at >= rec.notification.received_at
    for decision in Decision.objects.select_related("notification__panel_recommendation"):
        assert decision.recorded_at >= decision.notification.panel_recommendation.recorded_at
        if decision.notification.panel_recommendation.criteria_result == "review_required":
            assert decision.outcome == DecisionOutcome.HOLD_REVIEW
    for review in Review.objects.select_related("decision", "board", "notification"):
        assert review.decision.outcome == DecisionOutcome.HOLD_REVIEW
        assert review.regime == review.board.default_regime
        assert review.reference == review.notification.reference.replace("-N", "-R", 1)
        assert review.opened_at == review.decision.recorded_at
    # Cross-boundary cases name the other seeded board.
    notes = Notification.objects.exclude(cross_boundary_note="")
    assert notes.exists()
    names = set(Board.objects.values_list("name", flat=True))
    for n in notes.select_related("board"):
        assert any(name in n.cross_boundary_note for name in names - {n.board.name})
    assert Task.objects.filter(completed_at__isnull=False).exists()


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
    assert late == ["government_office_notified"]
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


@pytest.mark.django_db
def test_every_address_and_contact_is_fictional(demo):
    for text in Person.objects.values_list("address", flat=True):
        found = postcodes_in(text)
        assert found, text
        assert all(FICTIONAL_POSTCODE.match(code) for code in found), text
    for contact in Notification.objects.values_list("referrer_contact", flat=True):
        assert "01632 960" in contact and contact.endswith(".example")
    for text in Person.objects.exclude(contact_details="").values_list(
        "contact_details", flat=True
    ):
        assert not postcodes_in(text)
        assert text.startswith("07700 900") or not any(c.isdigit() for c in text)
    assert all(e.endswith(".example") for e in User.objects.values_list("email", flat=True))


@pytest.mark.django_db
def test_seed_command_runs_once_and_prints_the_logins():
    out, err = StringIO(), StringIO()
    call_command("seed", scale="demo", stdout=out, stderr=err)
    text = out.getvalue()
    assert "police.author" in text and DEMO_PASSWORD in text
    assert "CASEREVIEW_DEMO=1" in text
    assert "100%" in err.getvalue()
    before = {m: m.objects.count() for m in (Notification, Person, User, Review, Agency)}

    out = StringIO()
    call_command("seed", scale="demo", stdout=out, stderr=StringIO())
    assert "demo data already loaded" in out.getvalue()
    assert {m: m.objects.count() for m in before} == before


def _names_for(seed: int) -> list[str]:
    """Generate a small demo inside a transaction that is rolled back afterwards."""
    with transaction.atomic():
        generator.generate_demo(seed=seed, notifications=(6, 3), reviews=(2, 1))
        names = sorted(
            f"{p.given_names} {p.family_name} {p.date_of_birth:%m-%d}" for p in Person.objects.all()
        )
        transaction.set_rollback(True)
    return names


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_people():
    first = _names_for(7)
    assert first == _names_for(7)
    assert first != _names_for(8)


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
def test_national_bulk_path_writes_consistent_rows():
    result = generator.generate_national(
        boards=3, notifications_per_board=5, reviews_per_board=2, users_per_board=20, batch_size=4
    )
    assert result.counts["boards"] == 3
    assert Agency.objects.count() == 12
    assert set(Agency.objects.values_list("kind", flat=True)) == set(
        generator.NATIONAL_AGENCY_KINDS
    )
    assert User.objects.count() == 60
    assert TOTPDevice.objects.filter(confirmed=True).count() == 60
    assert Notification.objects.count() == 15
    assert Review.objects.count() == 6

    for n in Notification.objects.prefetch_related("people", "involvements", "tasks"):
        assert sum(p.kind == PersonKind.CHILD for p in n.people.all()) == 1
        agencies = {i.agency_id for i in n.involvements.all()}
        records = [t for t in n.tasks.all() if t.kind == TaskKind.RECORDS_SECURED]
        assert {t.agency_id for t in records} == agencies and len(records) == len(agencies)
        assert sum(t.kind == TaskKind.OTHER_CHILDREN for t in n.tasks.all()) == 1
        has_rec = PanelRecommendation.objects.filter(notification=n).exists()
        has_decision = Decision.objects.filter(notification=n).exists()
        assert n.status == (
            NotificationStatus.DECIDED
            if has_decision
            else NotificationStatus.RECOMMENDED
            if has_rec
            else NotificationStatus.NOTIFIED
        )
        assert has_rec or not has_decision
    for review in Review.objects.select_related("decision"):
        assert review.decision.outcome == DecisionOutcome.HOLD_REVIEW
        assert review.decision.notification_id == review.notification_id
        assert StatusChange.objects.filter(review=review, to_status="decided").count() == 1
    assert (
        Decision.objects.filter(outcome=DecisionOutcome.HOLD_REVIEW).count()
        == Review.objects.count()
    )
    assert not Membership.objects.filter(role=Role.AGENCY_AUTHOR, agency__isnull=True).exists()
    for m in Membership.objects.filter(agency__isnull=False).select_related("agency"):
        assert m.agency.board_id == m.board_id
    for text in Person.objects.values_list("address", flat=True):
        assert all(FICTIONAL_POSTCODE.match(code) for code in postcodes_in(text))
    assert KeyDate.objects.exists() and NotificationAgency.objects.exists()
    assert result.counts["audit events"] == 0
    assert generator.already_loaded()


def test_helpers():
    assert age_phrase(20) == "a two-week-old"
    assert age_phrase(250) == "an eight-month-old"
    assert age_phrase(11 * 365 + 10) == "an eleven-year-old"
    assert mixed_ethnicity("W1", "B1") == "M1"
    assert mixed_ethnicity("B2", "W5") == "M2"
    assert mixed_ethnicity("W1", "A2") == "M3"
    assert mixed_ethnicity("A2", "B1") == "M4"
    assert mixed_ethnicity("W1", "W2") == "W1"
    assert ascii_fold("Łukasz Wiśniewski") == "Lukasz Wisniewski"
    for h in HERITAGES:
        assert h.ethnicity in Ethnicity.values
        assert all(code in Language.values for code, _ in h.languages)
    keys = {h.key for h in HERITAGES}
    assert {"polish", "somali", "roma", "traveller", "eritrean", "kurdish"} <= keys
