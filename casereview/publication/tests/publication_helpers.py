"""Reports, versions and sign-offs made directly (drafting builds them through its pages),
for the rendering, gate and publication tests."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from casereview.audit.context import SYSTEM
from casereview.cases.models import Person
from casereview.publication import rendering, services
from casereview.publication.models import Report, ReportVersion, SignOff
from casereview.reviews.models import FamilyContact, Review
from conftest import review_of

CHILD = "Kai-Leigh Nowak"
MOTHER = "Paula Nowak"

SECTIONS = [
    {
        "key": "circumstances",
        "title": "Circumstances of the review",
        "text": "Kai-Leigh Nowak was taken to hospital in March 2026.\n\n"
        "Paula Nowak told the health visitor that Kai-Leigh had been unwell.",
        "assembled": True,
    },
    {
        "key": "lessons",
        "title": "Lessons",
        "text": "Agencies did not share what they knew about Kai's school attendance at "
        "Heron Primary School.",
        "assembled": False,
    },
]


def ready_review(world, regime: str = "", **child) -> Review:
    """A review of board A at board sign-off (under `regime`, else the board's default): the
    child and the mother (with parental responsibility) on the people register and in the
    identifier register, the mother told of the timing and publication."""
    if regime:
        world.board.default_regime = regime
        world.board.save(update_fields=["default_regime"])
    review = review_of(
        world,
        given_names="Kai-Leigh",
        family_name="Nowak",
        aliases="Kai",
        school="Heron Primary School",
        **child,
    )
    mother = Person.objects.create(
        board=review.board,
        notification=review.notification,
        kind="family",
        relationship="mother",
        given_names="Paula",
        family_name="Nowak",
        parental_responsibility=True,
    )
    services.build_from_people(review, actor=world.user("board_manager"), context=SYSTEM)
    FamilyContact.objects.create(
        review=review,
        person=mother,
        on=date(2026, 9, 1),
        method="visit",
        language="en",
        purposes=["publication"],
    )
    Review.objects.filter(pk=review.pk).update(status="board_sign_off")
    review.refresh_from_db()
    return review


def report_of(
    world, review, kind="executive_summary", sections=None, signed=("panel", "board")
) -> ReportVersion:
    report, _ = Report.objects.get_or_create(review=review, kind=kind)
    number = report.versions.count() + 1
    version = ReportVersion.objects.create(
        report=report,
        number=number,
        sections=SECTIONS if sections is None else sections,
        created_by=world.user("panel_chair"),
        created_at=timezone.now(),
    )
    for by in signed:
        sign(world, version, by)
    return version


def published_rendering(world, review, kind="executive_summary", fmt="pdf"):
    """A signed-off version rendered (the background task run in place)."""
    version = report_of(world, review, kind=kind)
    row = rendering.request(version, fmt, actor=world.user("board_manager"), context=SYSTEM)
    return rendering.run(row)


def sign(world, version, by: str) -> SignOff:
    return SignOff.objects.create(
        report=version.report,
        version=version,
        by=by,
        signed_by=world.user("board_chair" if by == "board" else "panel_chair"),
        signed_on=date(2026, 9, 1),
        recorded_at=timezone.now(),
    )
