"""The anonymised national record of a review (19.6, DOMAIN.md §5): built when the board signs
the review off, or submitted through the API by a board that runs its own instance. Either
way it goes through `store`, idempotent by its source key (the board's code and the review's
reference): the same content again changes nothing; different content replaces the record
and its lessons (the national store keeps the board's latest word, not a history)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import record as audit
from casereview.learning import vocabulary as vocab
from casereview.learning.models import IncidentCoding, Recommendation
from casereview.learning.models import Lesson as ReviewLesson
from casereview.publication.anonymiser.engine import Anonymiser
from casereview.publication.models import Publication
from casereview.publication.services import terms_of
from casereview.reviews import kept

from . import revision
from .models import NationalLesson, NationalRecord, Submission
from .regions import region_of
from .themes import rules

# The people register's codes that differ from the vocabulary's.
_PLANS = {"none": "none", "cin": "child_in_need", "cpp": "child_protection"}
# The obligations whose results are the three timeliness measures (item 5), by what
# satisfies them in every regime file (casereview/procedure/regimes/*.toml).
TIMELINESS = {
    "decision_in_time": ("decision_made",),
    "completed_in_time": ("review_completed",),
    "published_on_time": ("executive_summary_published", "full_report_published"),
}
NOT_KNOWN_AGE = "not_known"


@dataclass(frozen=True)
class Lesson:
    text: str
    category: str = "practice"
    themes: tuple[str, ...] = ()
    # "19.3" (working with communities) or "19.4" (disability), else "".
    highlighted: str = ""


@dataclass(frozen=True)
class Coding:
    """The review's coding on the axes recorded by people rather than read from case data."""

    death_category: str = ""
    harm_types: tuple[str, ...] = ()
    family_risks: tuple[str, ...] = ()
    maltreatment: tuple[str, ...] = ()
    practice_issues: tuple[str, ...] = ()
    recommendation_types: tuple[str, ...] = ()


def _agreed_lessons(review):
    return (
        ReviewLesson.objects.filter(
            review=review, agreed_at__isnull=False, withdrawn_at__isnull=True
        )
        .prefetch_related("tags")
        .order_by("recorded_at", "pk")
    )


def _confirmed_codes(lesson) -> tuple[str, ...]:
    return tuple(sorted({t.code for t in lesson.tags.all() if t.confirmed and not t.rejected}))


def lessons_of(review) -> list[Lesson]:
    """The review's lessons the panel agreed (learning app), with their confirmed theme tags;
    19.3 and 19.4 lessons highlighted by their category."""
    highlighted = {"communities": "19.3", "disability": "19.4"}
    return [
        Lesson(
            text=lesson.text,
            category=lesson.category,
            themes=_confirmed_codes(lesson),
            highlighted=highlighted.get(lesson.category, ""),
        )
        for lesson in _agreed_lessons(review)
    ]


def coding_of(review) -> Coding:
    """The review's coding from what people recorded (learning/coding.py): the incident
    coding the panel recorded on the learning pages (a death category only for a death,
    harm types only otherwise, should the outcome have been corrected since), the types of
    its live recommendations, and, as practice issues and family risks, the confirmed theme
    tags of its agreed lessons."""
    codes: set[str] = set()
    for lesson in _agreed_lessons(review):
        codes.update(_confirmed_codes(lesson))
    incident = IncidentCoding.objects.filter(review=review).first()
    died = review.notification.outcome == "death"
    types = {
        code
        for rec_types in Recommendation.objects.filter(
            review=review, withdrawn_at__isnull=True
        ).values_list("types", flat=True)
        for code in rec_types
    }
    return Coding(
        death_category=incident.death_category if incident and died else "",
        harm_types=tuple(incident.harm_types) if incident and not died else (),
        maltreatment=tuple(incident.maltreatment) if incident else (),
        practice_issues=tuple(sorted(c for c in codes if vocab.is_code(c, axis=vocab.PRACTICE))),
        family_risks=tuple(sorted(c for c in codes if vocab.is_code(c, axis=vocab.FAMILY_RISK))),
        recommendation_types=tuple(sorted(types)),
    )


@dataclass
class RecordData:
    """What a national record holds: the same fields from a sign-off or from the API."""

    source_key: str
    board_code: str
    board_name: str
    region: str
    regime: str
    incident_month: date
    notified_month: date
    decided_month: date | None
    completed_month: date | None
    published_month: date | None
    age_band: str
    sex: str
    ethnicity_group: str
    disability: str
    looked_after: str
    plan_status: str
    outcome: str
    death_category: str = ""
    harm_types: list[str] = field(default_factory=list)
    family_risks: list[str] = field(default_factory=list)
    maltreatment: list[str] = field(default_factory=list)
    practice_issues: list[str] = field(default_factory=list)
    recommendation_types: list[str] = field(default_factory=list)
    timeliness: dict = field(default_factory=dict)
    lessons: list[Lesson] = field(default_factory=list)
    vocabulary_version: str = vocab.VERSION

    def content_hash(self) -> str:
        data = asdict(self)
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


# The months of a record in the order the events happen: the notification follows the
# incident, the decision the notification, then completion and publication.
MONTH_ORDER = (
    "incident_month",
    "notified_month",
    "decided_month",
    "completed_month",
    "published_month",
)


def month_problems(months: dict[str, date | None], *, today: date) -> dict[str, str]:
    """{field: message} for each month of a record that cannot be true: in the future, or
    before a month it must follow (MONTH_ORDER; months not given are skipped)."""
    this_month = today.replace(day=1)
    problems = {}
    previous = None
    for name in MONTH_ORDER:
        value = months.get(name)
        if value is None:
            continue
        if value > this_month:
            problems[name] = "The month must be this month or earlier"
        elif previous and value < months[previous]:
            problems[name] = f"The month must not be before {previous}"
        previous = name
    return problems


def outcome_problems(outcome: str, death_category: str, harm_types) -> dict[str, str]:
    """{field: message} where a record's coding contradicts its outcome, as the review's own
    coding page refuses it (learning/coding.py): a death category is for a child who died,
    non-fatal harm types for one who did not."""
    problems = {}
    if outcome != "death" and death_category:
        problems["death_category"] = "A death category is for a child who died"
    if outcome == "death" and harm_types:
        problems["harm_types"] = "Non-fatal harm types are for a child who did not die"
    return problems


def month(value) -> date | None:
    if value is None:
        return None
    if hasattr(value, "date") and callable(value.date):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.replace(day=1)


def age_band(child, on: date) -> str:
    if child is None:
        return NOT_KNOWN_AGE
    if child.unborn:
        return "unborn"
    born = child.date_of_birth
    if born is None:
        return NOT_KNOWN_AGE
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    if years < 1:
        return "under_1"
    for top, band in ((5, "age_1_5"), (10, "age_6_10"), (15, "age_11_15")):
        if years <= top:
            return band
    return "age_16_17"


def source_key(board_code: str, reference: str) -> str:
    return f"{board_code}/{reference}"


def timeliness_of(review, today: date | None = None) -> dict:
    """The three measures from the kept compliance state: True (met in time), False (met
    late, or overdue), None (not applicable, not yet due, or not in the regime)."""
    results = kept.current([review.notification], today).get(review.notification.pk, [])
    out: dict = {}
    for measure, satisfied_by in TIMELINESS.items():
        found = next((r for r in results if r.obligation.satisfied_by in satisfied_by), None)
        if found is None or found.status in ("not_applicable", "undecided", "waiting", "due"):
            out[measure] = None
        elif found.status == "met":
            out[measure] = not found.late
        elif found.status == "overdue":
            out[measure] = False
        else:
            out[measure] = None
    return out


def _themes(text: str) -> tuple[str, ...]:
    return tuple(sorted(rules.match(text)))


def _split(themes: set[str]) -> tuple[set[str], set[str]]:
    risks = set(vocab.theme_codes(vocab.FAMILY_RISK))
    return themes & risks, themes - risks


def build(review, *, completed_on: date | None = None) -> RecordData:
    """The national record of `review`: no name, address, date of birth or exact date; its
    lessons passed through the anonymiser with the review's identifier register."""
    n = review.notification
    child = n.child
    coding = coding_of(review)
    anonymiser = Anonymiser(terms_of(review))
    lessons = []
    for lesson in lessons_of(review):
        text = anonymiser.run(lesson.text).text
        lessons.append(
            Lesson(text, lesson.category, tuple(lesson.themes) or _themes(text), lesson.highlighted)
        )
    lesson_risks, lesson_issues = _split({t for lesson in lessons for t in lesson.themes})
    published = (
        Publication.objects.filter(report__review=review, withdrawn_at__isnull=True)
        .order_by("published_at")
        .first()
    )
    return RecordData(
        source_key=source_key(review.board.slug, review.reference),
        board_code=review.board.slug,
        board_name=review.board.name,
        region=region_of(review.board),
        regime=review.regime,
        incident_month=month(n.incident_date),
        notified_month=month(n.received_at),
        decided_month=month(review.decision.decided_on),
        completed_month=month(completed_on or timezone.localdate()),
        published_month=month(published.published_at) if published else None,
        age_band=age_band(child, n.incident_date),
        sex=child.sex if child else "not_known",
        ethnicity_group=child.ethnicity if child else "NK",
        disability=child.disability if child else "not_known",
        looked_after=("yes" if child.looked_after else "no") if child else "not_known",
        plan_status=_PLANS.get(child.plan, "not_known") if child else "not_known",
        outcome=n.outcome,
        death_category=coding.death_category,
        harm_types=sorted(coding.harm_types),
        family_risks=sorted(set(coding.family_risks) | lesson_risks),
        maltreatment=sorted(coding.maltreatment),
        practice_issues=sorted(set(coding.practice_issues) | lesson_issues),
        recommendation_types=sorted(coding.recommendation_types),
        timeliness=timeliness_of(review),
        lessons=lessons,
    )


CREATED, REPLACED, UNCHANGED = "created", "replaced", "unchanged"


def store(
    data: RecordData, *, via: str, actor, context: RequestContext
) -> tuple[NationalRecord, str]:
    """Keep `data` in the national store: created, replaced (new content under the same
    source key: the record and its lessons are rewritten) or unchanged (same content)."""
    digest = data.content_hash()
    fields = asdict(data)
    lessons = [Lesson(**lesson) for lesson in fields.pop("lessons")]
    key = fields.pop("source_key")
    with transaction.atomic():
        existing = NationalRecord.objects.select_for_update().filter(source_key=key).first()
        if existing is not None and existing.content_hash == digest:
            return existing, UNCHANGED
        values = {
            **fields,
            "content_hash": digest,
            "submitted_via": via,
            "submitted_at": timezone.now(),
        }
        if existing is None:
            rec = NationalRecord.objects.create(source_key=key, **values)
            outcome = CREATED
        else:
            for name, value in values.items():
                setattr(rec := existing, name, value)
            rec.save()
            rec.lessons.all().delete()
            outcome = REPLACED
        NationalLesson.objects.bulk_create(
            NationalLesson(
                record=rec,
                position=i,
                text=lesson.text,
                category=lesson.category,
                themes=list(lesson.themes),
                highlighted=lesson.highlighted,
            )
            for i, lesson in enumerate(lessons, 1)
        )
        revision.bump()
        audit(
            f"national_record.{'create' if outcome == CREATED else 'replace'}",
            rec,
            actor=actor,
            context=context,
            detail={"via": via, "lessons": len(lessons)},
        )
    return rec, outcome


def on_board_signed_off(sender, review, actor=None, context=None, **kwargs) -> None:
    """The board signed the review off: its national record goes to the store."""
    from casereview.audit.context import SYSTEM

    store(build(review), via=Submission.SIGN_OFF, actor=actor, context=context or SYSTEM)


def on_coding_corrected(sender, review, actor=None, context=None, **kwargs) -> None:
    """The review's coding was corrected after the board's sign-off: its record from the
    sign-off is built again (its month of completion kept) and replaces the stored one.
    A review with no record from a sign-off here (none yet, or a board's own instance's
    through the API) has nothing to replace."""
    from casereview.audit.context import SYSTEM

    key = source_key(review.board.slug, review.reference)
    stored = NationalRecord.objects.filter(
        source_key=key, submitted_via=Submission.SIGN_OFF
    ).first()
    if stored is None:
        return
    data = build(review, completed_on=stored.completed_month)
    store(data, via=Submission.SIGN_OFF, actor=actor, context=context or SYSTEM)
