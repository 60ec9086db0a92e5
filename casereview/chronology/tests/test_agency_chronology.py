"""An agency's chronology in the browser: the list of chronologies, entering, correcting and
withdrawing an entry with every wrong entry refused, submitting and reopening, who may do
what, and the audit trail."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casereview.accounts.roles import Role
from casereview.audit.models import AuditEvent
from casereview.chronology.entry_dates import SEEN_BEFORE_BIRTH
from casereview.chronology.models import ChronologyEntry, IntegratedChronology
from casereview.chronology.services import chronology_for
from casereview.reviews.models import TermsOfReference
from conftest import review_of

from .entry_helpers import entry_body, entry_of, page

TOMORROW = timezone.localdate() + timedelta(days=1)


@pytest.fixture
def review(world):
    return review_of(world, agencies=[world.police, world.health])


@pytest.fixture
def police(review, world):
    return chronology_for(review, world.police)


@pytest.fixture
def author(world, client_for):
    return client_for(world.user(Role.AGENCY_AUTHOR))  # police


def actions_since(last):
    return list(AuditEvent.objects.filter(id__gt=last).values_list("action", flat=True))


def last_event():
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_the_list_shows_each_agencys_count_and_an_author_only_their_own(world, review, client_for):
    entry_of(review, world.police, world.user(Role.AGENCY_AUTHOR), ref="P1")
    url = reverse("chronology:agencies", kwargs={"review_id": review.pk})
    manager = client_for(world.user(Role.BOARD_MANAGER)).get(url).text
    assert "Eastbrook Police" in manager and "Eastbrook Health" in manager
    own = client_for(world.user(Role.AGENCY_AUTHOR)).get(url).text
    assert "Eastbrook Police" in own and "Eastbrook Health" not in own


def test_an_author_adds_an_entry_and_sees_it_in_date_order(world, police, author):
    last = last_event()
    response = author.post(page("entry_add", police), entry_body(on=date(2025, 6, 3)))
    assert response.status_code == 302
    author.post(
        page("entry_add", police),
        entry_body(on=date(2025, 1, 9), source_ref="CN-0999", event="Earlier visit"),
    )
    entry = ChronologyEntry.objects.get(source_ref="CN-1001")
    assert (entry.precision, entry.source, entry.child_seen) == ("day", "browser", "yes")
    assert entry.entered_by == world.user(Role.AGENCY_AUTHOR)
    text = author.get(page("agency", police)).text
    assert text.index("Earlier visit") < text.index("Home visit; mother and baby seen")
    assert actions_since(last).count("chronology.entry.add") == 2


def test_a_month_and_an_approximate_period_are_kept_as_ranges(police, author):
    author.post(
        page("entry_add", police),
        entry_body(on=date(2019, 3, 14), precision="month", source_ref="M", child_seen="no"),
    )
    author.post(
        page("entry_add", police),
        entry_body(
            on=date(2019, 3, 1),
            precision="approximate",
            source_ref="A",
            date_as_written="approx. spring 2019",
            child_seen="no",
            occurred_to_day="31",
            occurred_to_month="5",
            occurred_to_year="2019",
        ),
    )
    author.post(page("entry_add", police), entry_body(source_ref="T", occurred_time="14:30"))
    month, approx, timed = (ChronologyEntry.objects.get(source_ref=r) for r in "MAT")
    assert (month.occurred_from, month.occurred_to) == (date(2019, 3, 1), date(2019, 3, 31))
    assert (approx.occurred_to, approx.precision) == (date(2019, 5, 31), "approximate")
    assert timed.precision == "datetime" and timed.occurred_time.hour == 14
    assert "approx. spring 2019" in author.get(page("agency", police)).text


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        (
            {
                "occurred_from_day": str(TOMORROW.day),
                "occurred_from_month": str(TOMORROW.month),
                "occurred_from_year": str(TOMORROW.year),
            },
            "occurred_from",
            "The date must be today or in the past",
        ),
        (
            {
                "precision": "approximate",
                "occurred_to_day": "1",
                "occurred_to_month": "1",
                "occurred_to_year": "2025",
            },
            "occurred_to",
            "The last day of the period must be on or after its first day (3 June 2025)",
        ),
        ({"precision": "approximate"}, "occurred_to", "Enter the last day the approximate"),
        ({"event": "  "}, "event", "Enter the event or contact"),
        ({"occurred_time": "25:99"}, "occurred_time", "Enter the time as hours and minutes"),
    ],
)
def test_every_wrong_entry_is_refused_at_its_field(police, author, overrides, field, message):
    last = last_event()
    response = author.post(page("entry_add", police), entry_body(**overrides))
    assert response.status_code == 200
    assert message in response.text
    assert field in response.context["form"].errors
    assert not ChronologyEntry.objects.exists()
    assert "chronology.entry.add" not in actions_since(last)


def test_the_child_is_not_seen_before_their_birth(world, police, author):
    # The walk of session 24: an entry of 1990 saying the child (born 2024) was seen was
    # saved. A contact before the birth is kept (an antenatal visit), but the child was not
    # seen then; the message names no date of birth.
    before = entry_body(on=date(2024, 5, 16), source_ref="ANTE")
    response = author.post(page("entry_add", police), before)
    assert response.status_code == 200
    assert response.context["form"].errors["child_seen"] == [SEEN_BEFORE_BIRTH]
    assert "2024" not in SEEN_BEFORE_BIRTH and not ChronologyEntry.objects.exists()
    assert author.post(page("entry_add", police), before | {"child_seen": "no"}).status_code == 302
    # The day of the birth, and a month that holds it, may say the child was seen.
    born = entry_body(on=date(2024, 5, 17), source_ref="BORN")
    assert author.post(page("entry_add", police), born).status_code == 302
    month = entry_body(on=date(2024, 5, 1), precision="month", source_ref="MAY")
    assert author.post(page("entry_add", police), month).status_code == 302
    # A correction is held to the same rule.
    entry = ChronologyEntry.objects.get(source_ref="ANTE")
    response = author.post(
        page("entry_edit", police, entry),
        before | {"child_seen": "yes", "lock_version": entry.lock_version},
    )
    assert response.context["form"].errors["child_seen"] == [SEEN_BEFORE_BIRTH]


def test_the_same_source_reference_twice_is_refused(world, police, author):
    entry_of(police.review, world.police, world.user(Role.AGENCY_AUTHOR), ref="CN-1001")
    response = author.post(page("entry_add", police), entry_body())
    assert response.status_code == 200
    assert "Eastbrook Police already has an entry with the source record reference CN-1001" in (
        response.text
    )
    assert ChronologyEntry.objects.count() == 1


def test_context_is_set_from_the_period_under_review(world, review, police, author):
    TermsOfReference.objects.create(
        review=review,
        version=1,
        status="agreed",
        period_start=date(2024, 1, 1),
        period_end=date(2025, 12, 31),
        family_involvement="Invited",
        created_by=world.user(Role.BOARD_MANAGER),
        created_at=timezone.now(),
    )
    author.post(
        page("entry_add", police),
        entry_body(on=date(2023, 5, 1), source_ref="OLD", child_seen="no"),
    )
    author.post(page("entry_add", police), entry_body(on=date(2025, 5, 1), source_ref="IN"))
    assert ChronologyEntry.objects.get(source_ref="OLD").is_context
    assert not ChronologyEntry.objects.get(source_ref="IN").is_context


def test_a_correction_made_meanwhile_is_not_overwritten(world, police, author, client_for):
    entry = entry_of(police.review, world.police, world.user(Role.AGENCY_AUTHOR), ref="R1")
    url = page("entry_edit", police, entry)
    stale = entry_body(source_ref="R1", lock_version=entry.lock_version, event="Mine")
    manager = client_for(world.user(Role.BOARD_MANAGER))
    first = manager.post(url, entry_body(source_ref="R1", lock_version=0, event="Theirs"))
    assert first.status_code == 302
    response = author.post(url, stale)
    assert response.status_code == 409
    assert "Someone else changed this entry while you were editing it" in response.text
    entry.refresh_from_db()
    assert entry.event == "Theirs" and entry.lock_version == 1


def test_a_correction_of_a_submitted_chronology_needs_a_reason(world, police, author):
    entry = entry_of(police.review, world.police, world.user(Role.AGENCY_AUTHOR), ref="R1")
    assert author.post(page("submit", police)).status_code == 302
    url = page("entry_edit", police, entry)
    body = entry_body(
        source_ref="R1",
        lock_version=0,
        event="Corrected",
        practitioner_role="",
        decision="",
        child_seen="unknown",
    )
    response = author.post(url, body)
    assert response.status_code == 200
    assert "Enter why you are changing an entry the panel already has" in response.text
    last = last_event()
    assert author.post(url, body | {"reason": "Wrong date copied"}).status_code == 302
    assert actions_since(last) == ["chronology.entry.correct"]
    event = AuditEvent.objects.get(id__gt=last)
    assert event.detail == {"fields": ["event"], "reason": True}


def test_withdrawing_needs_a_reason_and_keeps_the_entry(world, police, author):
    entry = entry_of(police.review, world.police, world.user(Role.AGENCY_AUTHOR), ref="R1")
    url = page("entry_withdraw", police, entry)
    response = author.post(url, {"lock_version": 0, "reason": ""})
    assert response.status_code == 200
    assert "Enter why you are withdrawing this entry" in response.text
    last = last_event()
    assert author.post(url, {"lock_version": 0, "reason": "Entered twice"}).status_code == 302
    entry.refresh_from_db()
    assert entry.withdrawn_reason == "Entered twice" and entry.withdrawn_at is not None
    assert actions_since(last) == ["chronology.entry.withdraw"]
    text = author.get(page("agency", police)).text
    assert "Home visit" not in text and "Withdrawn" in text
    # Its reference is free again.
    assert author.post(page("entry_add", police), entry_body(source_ref="R1")).status_code == 302


def test_submitting_needs_an_entry_and_the_panel_can_reopen(world, police, author, client_for):
    author.post(page("submit", police))
    police.refresh_from_db()
    assert police.status == "open"
    entry_of(police.review, world.police, world.user(Role.AGENCY_AUTHOR))
    last = last_event()
    author.post(page("submit", police))
    police.refresh_from_db()
    assert police.status == "submitted"
    chair = client_for(world.user(Role.PANEL_CHAIR))
    assert chair.post(page("reopen", police)).status_code == 302
    police.refresh_from_db()
    assert police.status == "open"
    assert actions_since(last) == ["chronology.submit", "chronology.reopen"]


def test_another_agencys_author_does_not_reach_the_chronology(world, police, client_for):
    entry = entry_of(police.review, world.police, world.user(Role.AGENCY_AUTHOR))
    health = client_for(world.health_author)
    for name, target in (("agency", None), ("entry_add", None), ("entry_edit", entry)):
        assert health.get(page(name, police, target)).status_code == 404
    assert health.post(page("entry_add", police), entry_body()).status_code == 404


def test_once_shared_another_agency_reads_but_cannot_correct(world, review, police, client_for):
    entry = entry_of(review, world.police, world.user(Role.AGENCY_AUTHOR))
    IntegratedChronology.objects.create(
        review=review, shared_at=timezone.now(), shared_by=world.user(Role.BOARD_MANAGER)
    )
    assert entry.involves_agency(world.health.pk)  # the health author may read it now
    health = client_for(world.health_author)
    response = health.post(
        page("entry_edit", police, entry), entry_body(lock_version=0, event="Changed")
    )
    assert response.status_code in (403, 404)
    entry.refresh_from_db()
    assert entry.event == "Home visit"
    assert health.post(page("submit", police)).status_code in (403, 404)


def test_an_auditor_reads_only(world, police, client_for):
    entry = entry_of(police.review, world.police, world.user(Role.AGENCY_AUTHOR))
    auditor = client_for(world.user(Role.AUDITOR))
    text = auditor.get(page("agency", police)).text
    assert "Home visit" in text and "Add an entry" not in text and "Correct" not in text
    last = last_event()
    assert auditor.post(page("entry_add", police), entry_body()).status_code == 403
    assert (
        auditor.post(
            page("entry_withdraw", police, entry), {"lock_version": 0, "reason": "x"}
        ).status_code
        == 403
    )
    assert actions_since(last) == ["deny", "deny"]


def test_entries_are_paged(world, police, author):
    actor = world.user(Role.AGENCY_AUTHOR)
    for n in range(55):
        entry_of(
            police.review, world.police, actor, on=date(2024, 1, 1) + timedelta(days=n), ref=f"R{n}"
        )
    first = author.get(page("agency", police))
    assert "page 1 of 2" in first.text and first.context["total"] == 55
    assert len(author.get(page("agency", police) + "?page=2").context["entries"]) == 5
