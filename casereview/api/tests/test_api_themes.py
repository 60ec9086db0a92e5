"""The national vocabulary and a lesson's theme tags through the API: any token reads the
vocabulary; a lesson's tags show their evidence and who assigned them; a tag is added with
a quote from the lesson (422 pointing at /evidence when the quote is not in it)."""

from __future__ import annotations

from casereview.accounts.models import Role
from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.learning import vocabulary
from casereview.learning.models import ThemeTag
from casereview.learning.services import tag_lesson
from casereview.learning.tests.helpers import lesson_of
from conftest import review_of

from .helpers import Api, api_for

PROBLEM = "application/problem+json"


def test_any_token_reads_the_vocabulary_and_no_token_gets_401(world):
    for role in (Role.AGENCY_AUTHOR, Role.NATIONAL_ANALYST):
        answer = api_for(world.user(role), scope="read").get("/themes")
        assert answer.status_code == 200
        data = answer.json()
        assert data["version"] == vocabulary.VERSION
        codes = {(t["axis"], t["code"]) for t in data["items"]}
        assert ("practice_issue", "information_sharing") in codes
        assert ("ethnicity", "W1") in codes
    only = api_for(world.user("panel_member")).get("/themes", axis="family_risk").json()
    assert {t["axis"] for t in only["items"]} == {"family_risk"}
    assert len(only["items"]) == len(vocabulary.codes("family_risk", current=False))
    assert api_for(world.user("panel_member")).get("/themes", axis="nonsense").status_code == 422
    assert Api(None).get("/themes").status_code == 401


def test_a_lessons_tags_show_evidence_and_who_assigned_them(world):
    review = review_of(world)
    lesson = lesson_of(world, review, text="Agencies did not share the referral with health")
    tag_lesson(
        lesson,
        actor=None,
        context=SYSTEM,
        code="health_agencies",
        span_start=36,
        span_end=47,
        confidence=0.72,
        assigned_via="keywords-1",
    )
    path = f"/reviews/{review.pk}/lessons/{lesson.pk}/themes"
    tags = api_for(world.user("panel_member"), scope="read").get(path).json()
    assert tags == [
        {
            "code": "health_agencies",
            "label": "Health agencies",
            "evidence": "with health",
            "assigned_by": "tagger (keywords-1)",
            "confidence": 0.72,
            "confirmed": False,
            "rejected": False,
        }
    ]


def test_a_tag_is_added_with_a_quote_from_the_lesson(world):
    review = review_of(world)
    lesson = lesson_of(world, review, text="Agencies did not share the referral with health")
    path = f"/reviews/{review.pk}/lessons/{lesson.pk}/themes"
    chair = api_for(world.user("panel_chair"))

    missing = chair.call("post", path, {"code": "information_sharing", "evidence": "not here"})
    assert missing.status_code == 422 and missing["Content-Type"] == PROBLEM
    assert [e["pointer"] for e in missing.json()["errors"]] == ["/evidence"]
    unknown = chair.call("post", path, {"code": "made_up", "evidence": "share the referral"})
    assert [e["pointer"] for e in unknown.json()["errors"]] == ["/code"]
    assert not ThemeTag.objects.exists()

    done = chair.call(
        "post", path, {"code": "information_sharing", "evidence": "did NOT share  the referral"}
    )
    assert done.status_code == 201, done.content
    [tag] = done.json()
    assert tag["evidence"] == "did not share the referral"
    assert tag["assigned_by"] == (
        world.user("panel_chair").get_full_name() or world.user("panel_chair").username
    )
    assert tag["confirmed"] is True
    assert AuditEvent.objects.filter(action="lesson.tag", object_id=str(lesson.pk)).exists()


def test_adding_a_tag_needs_learning_write_and_a_write_token(world):
    review = review_of(world)
    lesson = lesson_of(world, review, text="Agencies did not share the referral")
    path = f"/reviews/{review.pk}/lessons/{lesson.pk}/themes"
    body = {"code": "information_sharing", "evidence": "share the referral"}
    assert api_for(world.user("board_chair")).call("post", path, body).status_code == 403
    assert (
        api_for(world.user("panel_chair"), scope="read").call("post", path, body).status_code == 403
    )
    assert not ThemeTag.objects.exists()
