"""The panel page: members, meetings and the panel's decisions, which are the evidence for
the obligations the panel owes."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from casereview.audit.models import AuditEvent
from casereview.reviews.models import PanelDecision, PanelMeeting, PanelMember
from conftest import date_fields, review_of, status_of, verified_client


def events(action: str):
    return AuditEvent.objects.filter(action=action)


def member_post(world, **overrides) -> dict:
    data = {
        "name": "Priya Chair",
        "role_title": "Independent chair",
        "agency": "",
        "independent_chair": "on",
        "user": world.user("panel_chair").pk,
        **date_fields("joined_on", date(2026, 3, 12)),
    }
    data.update(overrides)
    return data


def a_meeting(review, on=date(2026, 3, 20)) -> PanelMeeting:
    return PanelMeeting.objects.create(review=review, held_on=on)


def test_every_board_reader_sees_the_panel(world):
    review = review_of(world)
    PanelMember.objects.create(
        review=review,
        name="Sam Police",
        role_title="DI",
        agency=world.police,
        joined_on=date(2026, 3, 12),
    )
    url = reverse("reviews:panel", args=[review.pk])
    for role in ("panel_member", "auditor", "board_chair"):
        page = verified_client(world.user(role)).get(url)
        assert page.status_code == 200, role
        assert "Sam Police" in page.text and "Eastbrook Police" in page.text
        assert "Add a member" not in page.text  # only the manager and the panel chair
    # An agency author reads the review, not its panel and minutes.
    assert verified_client(world.user("agency_author")).get(url).status_code == 403


def test_an_author_of_an_agency_not_involved_does_not_see_the_panel(world):
    review = review_of(world)
    page = verified_client(world.health_author).get(reverse("reviews:panel", args=[review.pk]))
    assert page.status_code == 404


def test_the_manager_adds_the_independent_chair_and_the_panel_obligations_turn_met(world):
    review = review_of(world)
    assert status_of(review, "panel_appointed") != "met"
    client = verified_client(world.user("board_manager"))
    form = client.get(reverse("reviews:panel_member_add", args=[review.pk]))
    assert form.status_code == 200 and "Eastbrook Police" in form.text
    assert "Westmoor Police" not in form.text
    response = client.post(
        reverse("reviews:panel_member_add", args=[review.pk]), member_post(world)
    )
    assert response.status_code == 302
    member = PanelMember.objects.get()
    assert (member.name, member.independent_chair, member.user) == (
        "Priya Chair",
        True,
        world.user("panel_chair"),
    )
    assert events("panel.member_add").count() == 1
    assert status_of(review, "panel_appointed") == "met"
    page = client.get(reverse("reviews:panel", args=[review.pk])).text
    assert "Priya Chair" in page and "Independent chair" in page


def test_bad_member_input_shows_field_errors_and_saves_nothing(world):
    review = review_of(world)
    client = verified_client(world.user("board_manager"))
    future = timezone.localdate() + timedelta(days=3)
    response = client.post(
        reverse("reviews:panel_member_add", args=[review.pk]),
        member_post(world, name="", **date_fields("joined_on", future)),
    )
    assert response.status_code == 200
    assert "Enter full name" in response.text
    response = client.post(
        reverse("reviews:panel_member_add", args=[review.pk]),
        member_post(world, **date_fields("joined_on", future)),
    )
    assert response.status_code == 200 and "must be today or in the past" in response.text
    response = client.post(
        reverse("reviews:panel_member_add", args=[review.pk]),
        member_post(world, agency=world.other_police.pk, user=world.outsider.pk),
    )
    assert response.status_code == 200 and "Select a valid choice" in response.text
    assert not PanelMember.objects.exists()
    assert not events("panel.member_add").exists()


def test_a_panel_member_may_not_add_members_or_meetings(world):
    review = review_of(world)
    client = verified_client(world.user("panel_member"))
    for name in ("reviews:panel_member_add", "reviews:meeting_add"):
        url = reverse(name, args=[review.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, member_post(world)).status_code == 403
    assert not PanelMember.objects.exists() and not PanelMeeting.objects.exists()


def test_the_panel_chair_records_a_meeting_and_who_attended(world):
    review = review_of(world)
    a = PanelMember.objects.create(
        review=review, name="Ann A", role_title="Health", joined_on=date(2026, 3, 12)
    )
    PanelMember.objects.create(
        review=review, name="Ben B", role_title="Police", joined_on=date(2026, 3, 12)
    )
    client = verified_client(world.user("panel_chair"))
    url = reverse("reviews:meeting_add", args=[review.pk])
    assert "Ben B" in client.get(url).text
    response = client.post(
        url, {**date_fields("held_on", date(2026, 3, 20)), "attendees": [a.pk], "minutes": "Met."}
    )
    assert response.status_code == 302
    meeting = PanelMeeting.objects.get()
    assert list(meeting.attendees.all()) == [a] and meeting.minutes == "Met."
    assert events("panel.meeting_add").count() == 1
    page = client.get(reverse("reviews:panel", args=[review.pk])).text
    assert "Meeting of 20 March 2026" in page and "Record a decision" in page


def test_a_meeting_needs_a_date_and_members_of_this_panel(world):
    review = review_of(world)
    other = review_of(world)
    stranger = PanelMember.objects.create(
        review=other, name="Zed", role_title="X", joined_on=date(2026, 3, 12)
    )
    client = verified_client(world.user("board_manager"))
    url = reverse("reviews:meeting_add", args=[review.pk])
    response = client.post(url, {"held_on_day": "", "held_on_month": "", "held_on_year": ""})
    assert response.status_code == 200 and "Enter date of the meeting" in response.text
    response = client.post(
        url, {**date_fields("held_on", date(2026, 3, 20)), "attendees": [stranger.pk]}
    )
    assert response.status_code == 200 and "Select a valid choice" in response.text
    assert not PanelMeeting.objects.exists()


def test_a_panel_members_decisions_turn_the_obligations_met(world):
    review = review_of(world, ethnicity="B2")  # 19.3 applies: a community link is owed
    meeting = a_meeting(review)
    client = verified_client(world.user("panel_member"))
    url = reverse("reviews:panel_decision_add", args=[review.pk, meeting.pk])
    assert client.get(url).status_code == 200
    for obligation in ("family_involvement_agreed", "community_link_decided"):
        assert status_of(review, obligation) != "met"
    for kind, text in [
        ("family_agreed", "Both parents are invited to meet the overview author."),
        ("community_link", "The chair links with the local mosque and the community forum."),
    ]:
        assert client.post(url, {"kind": kind, "text": text}).status_code == 302
    assert events("panel.decision").count() == 2
    assert status_of(review, "family_involvement_agreed") == "met"
    assert status_of(review, "community_link_decided") == "met"
    page = client.get(reverse("reviews:panel", args=[review.pk])).text
    assert "the local mosque" in page
    assert "Extent of family involvement agreed (Rotherham 19.5)" in page


def test_a_decision_needs_its_kind_and_text(world):
    review = review_of(world)
    meeting = a_meeting(review)
    response = verified_client(world.user("panel_chair")).post(
        reverse("reviews:panel_decision_add", args=[review.pk, meeting.pk]),
        {"kind": "", "text": "  "},
    )
    assert response.status_code == 200
    assert "Select what the panel decided" in response.text
    assert "Enter the decision, as minuted" in response.text
    assert not PanelDecision.objects.exists() and not events("panel.decision").exists()


def test_only_the_panel_records_decisions(world):
    review = review_of(world)
    meeting = a_meeting(review)
    url = reverse("reviews:panel_decision_add", args=[review.pk, meeting.pk])
    for role in ("agency_author", "board_manager", "auditor"):
        client = verified_client(world.user(role))
        assert client.post(url, {"kind": "other", "text": "x"}).status_code == 403, role
    assert not PanelDecision.objects.exists()


def test_a_meeting_of_another_review_is_not_found(world):
    review, other = review_of(world), review_of(world)
    meeting = a_meeting(other)
    response = verified_client(world.user("panel_chair")).post(
        reverse("reviews:panel_decision_add", args=[review.pk, meeting.pk]),
        {"kind": "other", "text": "x"},
    )
    assert response.status_code == 404
    assert not PanelDecision.objects.exists()
