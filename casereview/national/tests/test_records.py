"""The national record of a review: built at the board's sign-off, anonymised, idempotent."""

from __future__ import annotations

from datetime import date

import pytest

from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.learning import services as learning
from casereview.learning.tests.helpers import lesson_of
from casereview.learning.themes import add_tag
from casereview.national import records
from casereview.national.models import BoardRegion, NationalLesson, NationalRecord
from casereview.publication.models import Report
from casereview.publication.services import add_term, build_from_people, terms_of
from casereview.publication.signals import board_signed_off
from conftest import review_of

LESSONS = [
    records.Lesson(
        "Nobody asked Ada Testchild what life at 1 Example Street was like: the voice of "
        "the child was not heard, and the health visitor did not share what she knew.",
        "practice",
    ),
    records.Lesson(
        "Staff at Brookside Primary School did not challenge the father's account; "
        "professional curiosity was missing.",
        "practice",
        highlighted="19.3",
    ),
]


@pytest.fixture
def review(world, monkeypatch):
    review = review_of(
        world,
        given_names="Ada",
        family_name="Testchild",
        date_of_birth=date(2025, 9, 2),
        school="Brookside Primary School",
        looked_after=True,
        plan="cpp",
    )
    BoardRegion.objects.create(board=world.board, region="north_west")
    build_from_people(review, actor=world.user("board_manager"), context=SYSTEM)
    add_term(
        review,
        actor=world.user("board_manager"),
        context=SYSTEM,
        kind="address",
        value="1 Example Street",
        role="child",
        aliases="",
    )
    monkeypatch.setattr(records, "lessons_of", lambda r: LESSONS)
    return review


def sign_off(review, actor):
    board_signed_off.send(sender=Report, review=review, report=None, actor=actor)
    return NationalRecord.objects.get(source_key=f"{review.board.slug}/{review.reference}")


def every_value(record: NationalRecord) -> str:
    fields = [str(getattr(record, f.attname)) for f in NationalRecord._meta.concrete_fields]
    fields += [
        f"{lesson.text} {lesson.category} {lesson.themes} {lesson.highlighted}"
        for lesson in record.lessons.all()
    ]
    return "\n".join(fields).casefold()


def test_the_board_sign_off_stores_an_anonymised_record(world, review):
    record = sign_off(review, world.user("board_manager"))
    assert record.board_code == "eastbrook" and record.region == "north_west"
    assert record.incident_month == date(2026, 3, 1)
    assert record.notified_month == date(2026, 3, 1)
    assert record.decided_month == date(2026, 3, 1)
    assert record.age_band == "under_1"
    assert (record.sex, record.ethnicity_group, record.disability) == ("female", "W1", "no")
    assert (record.looked_after, record.plan_status, record.outcome) == (
        "yes",
        "child_protection",
        "death",
    )
    assert record.submitted_via == "sign_off"
    assert set(record.timeliness) == {"decision_in_time", "completed_in_time", "published_on_time"}
    # From the procedure engine: the chair decided 8 days after the notification; the review
    # is not completed nor published in the engine's eyes yet (no answer, not a failure).
    assert record.timeliness["decision_in_time"] is True
    assert record.timeliness["published_on_time"] is None
    lessons = list(record.lessons.all())
    assert [lesson.highlighted for lesson in lessons] == ["", "19.3"]
    assert "Child A" in lessons[0].text
    # The lessons' themes (the transparent rules) feed the record's practice issues.
    assert "voice_of_child" in lessons[0].themes
    assert "voice_of_child" in record.practice_issues
    assert AuditEvent.objects.filter(action="national_record.create").count() == 1


def test_no_register_term_of_the_review_is_anywhere_in_the_record(world, review):
    record = sign_off(review, world.user("board_manager"))
    text = every_value(record)
    terms = terms_of(review)
    assert {t.kind for t in terms} >= {"person", "dob", "address", "school"}
    for term in terms:
        for value in (term.value, *term.aliases):
            assert value.casefold() not in text, (term.kind, value)
    # Names of the child, word by word, and the exact birth date in other spellings.
    for word in ("ada", "testchild", "brookside", "2025-09-02", "02/09/2025"):
        assert word not in text


def test_a_repeated_sign_off_changes_nothing_and_new_content_replaces(world, review, monkeypatch):
    first = sign_off(review, world.user("board_manager"))
    again = sign_off(review, world.user("board_manager"))
    assert again.pk == first.pk and again.submitted_at == first.submitted_at
    assert NationalRecord.objects.count() == 1
    assert AuditEvent.objects.filter(action__startswith="national_record.").count() == 1
    monkeypatch.setattr(records, "lessons_of", lambda r: LESSONS[:1])
    replaced = sign_off(review, world.user("board_manager"))
    assert replaced.pk == first.pk and replaced.content_hash != first.content_hash
    assert NationalLesson.objects.filter(record=replaced).count() == 1
    assert AuditEvent.objects.filter(action="national_record.replace").count() == 1


@pytest.mark.parametrize(
    ("born", "unborn", "band"),
    [
        (None, True, "unborn"),
        (date(2025, 6, 1), False, "under_1"),
        (date(2025, 3, 1), False, "age_1_5"),
        (date(2020, 3, 2), False, "age_1_5"),
        (date(2019, 3, 1), False, "age_6_10"),
        (date(2014, 3, 1), False, "age_11_15"),
        (date(2009, 3, 1), False, "age_16_17"),
        (None, False, "not_known"),
    ],
)
def test_age_band_at_the_incident(born, unborn, band):
    class Child:
        date_of_birth = born

    Child.unborn = unborn
    assert records.age_band(Child, date(2026, 3, 1)) == band


def test_the_record_carries_the_agreed_lessons_of_the_learning_app(world):
    """No stand-in: the lessons the panel agreed, anonymised, with their confirmed themes."""
    review = review_of(world, given_names="Ada", family_name="Testchild")
    build_from_people(review, actor=world.user("board_manager"), context=SYSTEM)
    chair = world.user("panel_chair")
    text = "Nobody asked Ada what she wanted; the voice of the child was not heard."
    lesson = lesson_of(world, review, category="communities", text=text)
    lesson_of(world, review, text="A lesson withdrawn later")
    add_tag(
        lesson,
        actor=chair,
        context=SYSTEM,
        code="voice_of_child",
        evidence="the voice of the child was not heard",
    )
    learning.agree_lessons(review, actor=chair, context=SYSTEM)
    withdrawn = review.lessons.get(text="A lesson withdrawn later")
    learning.withdraw_lesson(withdrawn, actor=chair, context=SYSTEM, reason="Entered twice")

    sign_off(review, world.user("board_chair"))
    record = NationalRecord.objects.get()
    (kept,) = record.lessons.all()
    assert "Ada" not in kept.text and "voice of the child" in kept.text
    assert kept.highlighted == "19.3" and "voice_of_child" in kept.themes
    assert "voice_of_child" in record.practice_issues


def _coded_review(world):
    """A death with its incident coding, two live recommendations and a withdrawn one."""
    from casereview.learning import coding, corrections
    from casereview.learning.tests.helpers import recommendation_of

    review = review_of(world)
    chair = world.user("panel_chair")
    coding.record_coding(
        review,
        actor=chair,
        context=SYSTEM,
        death_category="extreme_neglect",
        maltreatment=["neglect", "emotional"],
    )
    recommendation_of(world, review, types=["training", "audit"])
    recommendation_of(world, review, types=["supervision"])
    withdrawn = recommendation_of(world, review, types=["structural"])
    corrections.withdraw_recommendation(withdrawn, actor=chair, context=SYSTEM, reason="Twice")
    return review


def test_the_record_carries_the_coding_the_panel_recorded(world):
    review = _coded_review(world)
    record = sign_off(review, world.user("board_chair"))
    assert record.death_category == "extreme_neglect"
    assert record.maltreatment == ["emotional", "neglect"]
    assert record.harm_types == []
    # The live recommendations' types, each once; the withdrawn one's left out.
    assert record.recommendation_types == ["audit", "supervision", "training"]


def test_a_coding_corrected_after_the_sign_off_replaces_the_record(world):
    from casereview.learning import coding
    from casereview.reviews.models import Review

    review = _coded_review(world)
    first = sign_off(review, world.user("board_chair"))
    NationalRecord.objects.filter(pk=first.pk).update(completed_month=date(2026, 5, 1))
    Review.objects.filter(pk=review.pk).update(status="board_sign_off")
    review.refresh_from_db()
    coding.record_coding(
        review,
        actor=world.user("board_manager"),
        context=SYSTEM,
        death_category="severe_physical_assault",
        maltreatment=["physical"],
        reason="The criminal trial's finding",
    )
    record = NationalRecord.objects.get()
    assert (record.death_category, record.maltreatment) == ("severe_physical_assault", ["physical"])
    # The month the review was completed stays the sign-off's.
    assert record.completed_month == date(2026, 5, 1)
    assert AuditEvent.objects.filter(action="national_record.replace").count() == 1


def test_a_correction_with_no_record_from_a_sign_off_stores_nothing(world):
    from casereview.learning import coding
    from casereview.reviews.models import Review

    review = _coded_review(world)
    Review.objects.filter(pk=review.pk).update(status="board_sign_off")
    review.refresh_from_db()
    coding.record_coding(
        review,
        actor=world.user("board_manager"),
        context=SYSTEM,
        death_category="accident",
        reason="Corrected",
    )
    assert not NationalRecord.objects.exists()


def test_a_lesson_withdrawn_or_tagged_after_the_sign_off_replaces_the_record(world):
    from casereview.learning import services
    from casereview.learning.tests.helpers import lesson_of
    from casereview.reviews.models import Review

    review = review_of(world)
    chair = world.user("panel_chair")
    kept = lesson_of(world, review, text="Referrals were not followed up by the duty team")
    wrong = lesson_of(world, review, text="A lesson recorded against the wrong review")
    services.agree_lessons(review, actor=chair, context=SYSTEM)
    first = sign_off(review, world.user("board_chair"))
    assert first.lessons.count() == 2
    Review.objects.filter(pk=review.pk).update(status="board_sign_off")
    review.refresh_from_db()
    wrong.review = review
    services.withdraw_lesson(wrong, actor=chair, context=SYSTEM, reason="Wrong review")
    record = NationalRecord.objects.get()
    assert [lesson.text for lesson in record.lessons.all()] == [
        "Referrals were not followed up by the duty team"
    ]
    services.tag_lesson(
        kept, actor=chair, context=SYSTEM, code="information_sharing", span_start=0, span_end=9
    )
    assert "information_sharing" in NationalRecord.objects.get().lessons.get().themes
