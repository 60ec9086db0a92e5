"""A lesson's themes page: a theme added with evidence that must be words of the lesson,
suggestions from the registry confirmed or rejected (who and how sure kept), "no suggestions
available" when no tagger is registered, and confirmed tags as the tagger's extra examples."""

import pytest
from django.urls import reverse

from casereview.audit.models import AuditEvent
from casereview.cases.models import Amendment
from casereview.learning import suggestions
from casereview.learning.models import ThemeTag
from conftest import review_of

from .helpers import lesson_of

TEXT = "Nobody asked the child what life at home was like"


def _fake(text):
    start = text.find("asked the child")
    return [
        suggestions.Suggested("voice_of_child", 0.87, start, start + 15, "fake tagger 1"),
        suggestions.Suggested("neglect", 0.55, 0, 6, "fake tagger 1"),
    ]


@pytest.fixture
def only_fake(monkeypatch):
    monkeypatch.setattr(suggestions, "_suggesters", [_fake])


@pytest.fixture
def none_registered(monkeypatch):
    monkeypatch.setattr(suggestions, "_suggesters", [])


def _url(lesson, name="learning:lesson_themes"):
    return reverse(name, args=[lesson.review_id, lesson.pk])


def test_a_theme_needs_words_found_in_the_lesson(world, client_for, none_registered):
    lesson = lesson_of(world, review_of(world), text=TEXT)
    chair = client_for(world.user("panel_chair"))
    page = chair.get(_url(lesson)).text
    assert 'id="no-suggestions"' in page and "No suggestions available" in page
    wrong = chair.post(_url(lesson), {"code": "voice_of_child", "evidence": "the child spoke"})
    assert wrong.status_code == 200
    assert "not in the lesson" in wrong.context["form"].errors["evidence"][0]
    unknown = chair.post(_url(lesson), {"code": "not_a_theme", "evidence": "the child"})
    assert "code" in unknown.context["form"].errors
    done = chair.post(_url(lesson), {"code": "voice_of_child", "evidence": "ASKED  the child"})
    assert done.status_code == 302
    tag = ThemeTag.objects.get(lesson=lesson)
    assert TEXT[tag.span_start : tag.span_end] == "asked the child"
    assert tag.assigned_by == world.user("panel_chair") and tag.confirmed
    page = chair.get(_url(lesson)).text
    assert "“asked the child”" in page
    assert suggestions.confirmed_examples() == [(TEXT, ["voice_of_child"])]


def test_suggestions_are_confirmed_or_rejected_and_who_is_kept(world, client_for, only_fake):
    lesson = lesson_of(world, review_of(world), text=TEXT)
    chair = client_for(world.user("panel_chair"))
    page = chair.get(_url(lesson)).text
    assert 'id="suggestion-voice_of_child"' in page and "fake tagger 1, 0.87" in page
    decide = _url(lesson, "learning:lesson_theme_decide")
    assert chair.post(decide, {"code": "voice_of_child", "decision": "confirm"}).status_code == 302
    assert chair.post(decide, {"code": "neglect", "decision": "reject"}).status_code == 302
    confirmed = ThemeTag.objects.get(lesson=lesson, code="voice_of_child")
    assert confirmed.confirmed and confirmed.assigned_via == "fake tagger 1"
    assert str(confirmed.confidence) == "0.870" and confirmed.decided_by == world.user(
        "panel_chair"
    )
    rejected = ThemeTag.objects.get(lesson=lesson, code="neglect")
    assert rejected.rejected and not rejected.confirmed
    page = chair.get(_url(lesson)).text
    assert 'id="suggestion-' not in page  # decided: not suggested again
    assert "Rejected by" in page and "Tagger fake tagger 1" in page
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="lesson.tag_")] == [
        "lesson.tag_confirm",
        "lesson.tag_reject",
    ]
    # Only confirmed tags are training examples; deciding twice is refused.
    assert suggestions.confirmed_examples() == [(TEXT, ["voice_of_child"])]
    chair.post(decide, {"code": "neglect", "decision": "confirm"})
    assert not ThemeTag.objects.get(pk=rejected.pk).confirmed
    # A theme no tagger suggests cannot be "confirmed" from a forged form.
    chair.post(decide, {"code": "domestic_abuse", "decision": "confirm"})
    assert not ThemeTag.objects.filter(lesson=lesson, code="domestic_abuse").exists()
    assert client_for(world.user("agency_author")).post(
        decide, {"code": "neglect", "decision": "confirm"}
    ).status_code in (403, 404)


def test_a_theme_decided_in_error_is_changed_with_a_reason(world, client_for, only_fake):
    """A theme confirmed in error would stay in the national record and teach the tagger for
    good: the decision is changed with a reason (audited with the old and new state), and
    without one it is refused and kept."""
    lesson = lesson_of(world, review_of(world), text=TEXT)
    chair = client_for(world.user("panel_chair"))
    decide = _url(lesson, "learning:lesson_theme_decide")
    assert chair.post(decide, {"code": "voice_of_child", "decision": "confirm"}).status_code == 302
    page = chair.get(_url(lesson)).text
    assert 'id="change-voice_of_child"' in page and "Reason for changing the decision" in page
    assert suggestions.confirmed_examples() == [(TEXT, ["voice_of_child"])]

    no_reason = chair.post(decide, {"code": "voice_of_child", "decision": "reject"}, follow=True)
    assert "give the reason to change the decision" in no_reason.text
    assert ThemeTag.objects.get(lesson=lesson, code="voice_of_child").confirmed

    reason = "The lesson is about the mother's account, not the child's"
    changed = chair.post(decide, {"code": "voice_of_child", "decision": "reject", "reason": reason})
    assert changed.status_code == 302
    tag = ThemeTag.objects.get(lesson=lesson, code="voice_of_child")
    assert tag.rejected and not tag.confirmed
    assert suggestions.confirmed_examples() == []
    # Kept as a correction: the decision as it was, the reason, who; the audit event names the
    # fields changed, never the reason's text.
    amendment = Amendment.objects.get(record_id=str(tag.pk))
    assert amendment.reason == reason and amendment.before["confirmed"] is True
    assert amendment.after["rejected"] is True
    event = AuditEvent.objects.get(action="lesson.tag_correct")
    assert set(event.detail["fields"]) == {"confirmed", "rejected"}
    assert reason not in str(event.detail)
    # An agency author, who only reads the lesson, cannot change it.
    assert client_for(world.user("agency_author")).post(
        decide, {"code": "voice_of_child", "decision": "confirm", "reason": "x"}
    ).status_code in (403, 404)
