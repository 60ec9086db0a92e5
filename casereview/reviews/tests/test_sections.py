"""Need-to-know inside a review: each section has its own readers, agency authors see their
own agency's rows, and experts and partner boards read what is shared with them."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from casereview.audit.models import AuditEvent
from casereview.cases.models import Person, PersonKind
from casereview.reviews.models import (
    AgencyReport,
    Appointment,
    FamilyContact,
    PanelMeeting,
    PartnerBoard,
    Professional,
    TermsOfReference,
)
from conftest import make_notification, verified_client, with_review


def _terms(review, world, version: int, status: str) -> TermsOfReference:
    return TermsOfReference.objects.create(
        review=review,
        version=version,
        period_start=date(2024, 5, 17),
        period_end=date(2026, 3, 1),
        family_involvement=f"Family involvement of version {version}",
        status=status,
        agreed_on=date(2026, 3, 15) if status == "agreed" else None,
        created_by=world.user("board_manager"),
        created_at=timezone.now(),
    )


@pytest.fixture
def review(world):
    notification = make_notification(
        world.board, world.user("board_manager"), agencies=[world.police, world.health]
    )
    review = with_review(notification, world.user("board_chair")).review
    for agency, name in ((world.police, "Pat Constable"), (world.health, "Hana Visitor")):
        Professional.objects.create(review=review, agency=agency, role="Officer", name=name)
        AgencyReport.objects.create(
            review=review,
            agency=agency,
            requested_on=date(2026, 3, 12),
            due_on=date(2026, 5, 12),
            context=f"Context written by {agency.name}",
        )
    mother = Person.objects.create(
        board=review.board,
        notification=review.notification,
        kind=PersonKind.FAMILY,
        given_names="Morgan",
        family_name="Contactmother",
        relationship="mother",
        parental_responsibility=True,
    )
    FamilyContact.objects.create(
        review=review,
        person=mother,
        on=date(2026, 3, 20),
        method="phone",
        language="en",
        note="Rang the mother at home",
    )
    PanelMeeting.objects.create(
        review=review, held_on=date(2026, 3, 20), minutes="Minutes: the panel discussed"
    )
    _terms(review, world, 1, "agreed")
    _terms(review, world, 2, "draft")
    return review


def url(name, review, **kwargs):
    return reverse(f"reviews:{name}", kwargs={"pk": review.pk, **kwargs})


def test_the_police_author_sees_only_the_polices_professionals_and_report(world, review):
    police = verified_client(world.user("agency_author"))
    staff = police.get(url("professionals", review))
    assert staff.status_code == 200
    assert "Pat Constable" in staff.text and "Hana Visitor" not in staff.text
    reports = police.get(url("reports", review))
    assert "Eastbrook Police" in reports.text and "Eastbrook Health" not in reports.text
    health_report = AgencyReport.objects.get(agency=world.health)
    assert police.get(url("report", review, item_pk=health_report.pk)).status_code == 404
    health_staff = Professional.objects.get(agency=world.health)
    assert police.get(url("professional_edit", review, item_pk=health_staff.pk)).status_code == 404


def test_the_police_author_is_refused_the_family_the_panel_and_draft_terms(world, review):
    police = verified_client(world.user("agency_author"))
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    for name in ("family", "panel", "experts", "notifications", "parallel", "partners"):
        response = police.get(url(name, review))
        assert response.status_code == 403, name
        assert "Contactmother" not in response.text and "Minutes:" not in response.text
    denials = AuditEvent.objects.filter(pk__gt=last, action="deny", outcome="denied")
    assert denials.count() == 6
    terms = police.get(url("terms", review))
    assert 'id="version-1"' in terms.text and 'id="version-2"' not in terms.text
    assert police.get(url("terms_document", review, version=2)).status_code == 403
    assert police.get(url("terms_document", review, version=1)).status_code == 200
    page = police.get(url("detail", review)).text
    for hidden in ("family", "panel", "experts", "notifications", "parallel", "partners"):
        assert url(hidden, review) not in page, hidden
    for shown in ("terms", "reports", "professionals", "compliance"):
        assert url(shown, review) in page, shown
    assert reverse("cases:access_log", args=[review.notification_id]) not in page


def test_the_manager_still_sees_everything(world, review):
    manager = verified_client(world.user("board_manager"))
    assert "Hana Visitor" in manager.get(url("professionals", review)).text
    reports = manager.get(url("reports", review)).text
    assert "Eastbrook Police" in reports and "Eastbrook Health" in reports
    assert "Contactmother" in manager.get(url("family", review)).text
    assert "Minutes: the panel discussed" in manager.get(url("panel", review)).text
    assert 'id="version-2"' in manager.get(url("terms", review)).text
    page = manager.get(url("detail", review)).text
    for name in ("family", "panel", "experts", "partners", "compliance"):
        assert url(name, review) in page, name
    assert reverse("cases:access_log", args=[review.notification_id]) in page


def _share(client, name, review, holder, sections):
    return client.post(
        url(name, review, item_pk=holder.pk), {f"share-{holder.pk}-sections": sections}
    )


def test_an_expert_reads_what_the_panel_shares_with_them(world, review):
    expert = world.user("independent_expert")
    appointment = Appointment.objects.create(
        review=review,
        user=expert,
        role="independent_expert",
        kind="race_culture",
        appointed_on=date(2026, 3, 11),
    )
    client = verified_client(expert)
    assert client.get(url("detail", review)).status_code == 200
    assert client.get(url("terms", review)).status_code == 200
    assert client.get(url("family", review)).status_code == 403
    assert client.get(url("terms_document", review, version=2)).status_code == 403
    assert url("family", review) not in client.get(url("detail", review)).text
    # An agency author may not share; the panel chair may.
    refused = _share(
        verified_client(world.user("agency_author")),
        "expert_sections",
        review,
        appointment,
        ["section.family"],
    )
    assert refused.status_code == 403
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    response = _share(
        verified_client(world.user("panel_chair")),
        "expert_sections",
        review,
        appointment,
        ["section.terms", "section.experts", "section.family"],
    )
    assert response.status_code == 302
    assert list(AuditEvent.objects.filter(pk__gt=last).values_list("action", flat=True)) == [
        "review.sections_shared"
    ]
    appointment.refresh_from_db()
    assert "section.family" in appointment.shared_sections
    client = verified_client(expert)
    assert "Contactmother" in client.get(url("family", review)).text
    assert url("family", review) in client.get(url("detail", review)).text
    assert client.get(url("panel", review)).status_code == 403


def test_a_partner_board_reads_what_the_lead_board_shares(world, review):
    partner = PartnerBoard.objects.create(review=review, board=world.other_board, reason="Moved")
    westmoor = verified_client(world.outsider)
    assert westmoor.get(url("terms", review)).status_code == 200
    assert westmoor.get(url("professionals", review)).status_code == 403
    # Sharing with a partner board is the lead board manager's, not the panel chair's.
    chair = verified_client(world.user("panel_chair"))
    assert (
        _share(chair, "partner_sections", review, partner, ["section.professionals"]).status_code
        == 403
    )
    manager = verified_client(world.user("board_manager"))
    assert f"share-{partner.pk}" in manager.get(url("partners", review)).text
    response = _share(manager, "partner_sections", review, partner, ["section.professionals"])
    assert response.status_code == 302
    westmoor = verified_client(world.outsider)
    assert "Hana Visitor" in westmoor.get(url("professionals", review)).text
    # The terms were not kept in the choice: shared no longer.
    assert westmoor.get(url("terms", review)).status_code == 403


def test_sharing_something_not_a_section_is_a_field_error(world, review):
    partner = PartnerBoard.objects.create(review=review, board=world.other_board, reason="Moved")
    manager = verified_client(world.user("board_manager"))
    response = _share(manager, "partner_sections", review, partner, ["section.access_log"])
    assert response.status_code == 200
    assert (
        "govuk-error-message" in response.text and f'id="share-{partner.pk}" open' in response.text
    )
    partner.refresh_from_db()
    assert partner.shared_sections == ["section.stage", "section.terms"]


def test_an_agency_author_reads_the_compliance_lines_their_agency_acts_on(world, review):
    police = verified_client(world.user("agency_author"))
    page = police.get(url("compliance", review))
    assert page.status_code == 200
    manager_page = verified_client(world.user("board_manager")).get(url("compliance", review))
    # The regime marks what each agency involved acts on (`agencies = true`): securing its
    # records and sending its report. The board's own duties stay with the board.
    for line in ("records_secured", "agency_reports_received"):
        assert line in page.text and line in manager_page.text
    for line in ("terms_of_reference_agreed", "family_informed_of_review"):
        assert line not in page.text
    assert page.text.count("govuk-tag") < manager_page.text.count("govuk-tag")


def test_the_regime_marks_only_agency_work_for_agency_authors():
    from casereview.procedure import catalogue

    for regime_id in ("rotherham_wt2006", "wt2010", "wt2013", "wt2018"):
        marked = {o.id for o in catalogue.current(regime_id).obligations if o.agencies}
        assert marked == {"records_secured", "agency_reports_received"}, regime_id
