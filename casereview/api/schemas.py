"""What the API takes and returns. Choices come from the models' own vocabularies."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, Field, StringConstraints

from casereview.cases.models import AbuseNeglect, DecisionOutcome, Outcome, Recommendation
from casereview.cases.vocab import Disability, Ethnicity, Sex
from casereview.learning import vocabulary as vocab
from casereview.reviews.models import ReportStatus, ReviewStatus


def choice(values):
    return Literal[tuple(values)]


# No NUL characters: PostgreSQL cannot store them, and no one types them.
def text(longest: int, shortest: int = 1):
    return Annotated[
        str,
        StringConstraints(min_length=shortest, max_length=longest, pattern=r"^[^\x00]*$"),
    ]


def _iso_date(value):
    # pydantic would also take a number of seconds or "0" as a date: only YYYY-MM-DD is one.
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError("Enter a date as YYYY-MM-DD")
    return date.fromisoformat(value)


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
Day = Annotated[date, BeforeValidator(_iso_date)]

Id = Annotated[int, Field(ge=1, le=2**31 - 1)]


class Body(Schema):
    """A request body: JSON types as the schema says (no "1" for 1, nor 0 for false), and
    no field the operation does not take (a misspelt `reasn` is refused on its name, never
    ignored as if it were not sent)."""

    model_config = ConfigDict(strict=True, extra="forbid")


class ChildIn(Body):
    given_names: text(150)
    family_name: text(150)
    date_of_birth: Day | None = None
    sex: choice(Sex.values) = Sex.NOT_KNOWN.value
    ethnicity: choice(Ethnicity.values) = "NK"
    disability: choice(Disability.values)
    address: text(1000)


class NotificationIn(Body):
    board: Id = Field(description="The board's id (one where you may notify)")
    referrer_name: text(150)
    referrer_role: text(150)
    referrer_contact: text(200)
    referrer_agency: Id | None = None
    incident_date: Day
    outcome: choice(Outcome.values)
    date_of_death: Day | None = None
    abuse_neglect: choice(AbuseNeglect.values)
    circumstances: text(10000)
    child: ChildIn
    agencies: list[Id] = Field(default_factory=list, max_length=50)
    different_incident: bool = Field(
        False, description="Confirm a different incident for a child already on the register"
    )


class NotificationCorrection(Body):
    """Corrects the notification's facts (kept as an amendment with its reason)."""

    reason: text(2000)
    incident_date: Day | None = None
    outcome: choice(Outcome.values) | None = None
    date_of_death: Day | None = None
    abuse_neglect: choice(AbuseNeglect.values) | None = None
    circumstances: text(10000) | None = None


class ChildOut(Schema):
    given_names: str
    family_name: str
    date_of_birth: date | None


class NotificationOut(Schema):
    id: UUID
    reference: str
    board: str
    status: str
    received_at: datetime
    incident_date: date
    outcome: str
    date_of_death: date | None
    abuse_neglect: str
    circumstances: str
    agencies: list[int]
    child: ChildOut | None
    regime: str
    regime_version: str


class Reason(Schema):
    citation: str
    text: str


class RecommendationOut(Schema):
    recommendation: str
    reasons: str
    recorded_at: datetime


class ScreeningOut(Schema):
    regime: str
    regime_version: str
    outcome: str
    label: str
    level: str
    citations: list[str]
    reasons: list[Reason]
    recommendation: RecommendationOut | None


class RecommendationIn(Body):
    recommendation: choice(Recommendation.values)
    reasons: text(5000)


class DecisionIn(Body):
    outcome: choice(DecisionOutcome.values)
    reasons: text(10000)
    dissent: text(10000, shortest=0) = ""
    decided_on: Day
    confirm_departure: bool = Field(
        False, description="Confirm a decision that departs from what the criteria require"
    )


class DecisionOut(Schema):
    outcome: str
    reasons: str
    dissent: str
    departs_from: str
    decided_on: date
    recorded_at: datetime
    review: UUID | None


class ReviewOut(Schema):
    id: UUID
    reference: str
    board: str
    status: str
    regime: str
    regime_version: str
    opened_at: datetime
    notification: UUID


class Evidence(Schema):
    on: date | None
    label: str
    url: str | None


class Obligation(Schema):
    id: str
    text: str
    citation: str
    stage: str
    severity: str
    responsible: str
    status: str
    due: date | None
    evidence: Evidence | None
    paused_days: int
    pause_reasons: list[str]
    waiting_for: str | None
    awaiting: str


class ComplianceOut(Schema):
    review: UUID
    regime: str
    regime_version: str
    obligations: list[Obligation]


class AgencyOut(Schema):
    id: int
    name: str


class AgencyReportOut(Schema):
    id: UUID
    review: UUID
    agency: AgencyOut
    status: str
    requested_on: date
    due_on: date
    submitted_on: date | None
    decided_on: date | None
    signed_off_on: date | None
    lock_version: int


REVIEW_STATUSES = choice(ReviewStatus.values)
REPORT_STATUSES = choice(ReportStatus.values)


class AgencyChronologyOut(Schema):
    id: UUID
    review: UUID
    agency: AgencyOut
    status: str
    submitted_at: datetime | None


class ChronologyEntryOut(Schema):
    id: UUID
    review: UUID
    chronology: UUID
    agency: AgencyOut
    occurred_from: date
    occurred_to: date
    occurred_time: str | None
    precision: str
    date_as_written: str
    source_ref: str
    practitioner_role: str
    event: str
    decision: str
    child_seen: str
    analysis: str
    is_context: bool
    significance: str
    source: str
    entered_at: datetime
    withdrawn_at: datetime | None
    withdrawn_reason: str
    lock_version: int


class EntryIn(Body):
    """One entry as a row of the chronology file: the date as the agency writes it
    (YYYY-MM-DD, 03/06/2025, June 2025, approx. spring 2019...)."""

    date: text(100) = Field(description="The date as written (same rules as the file import)")
    source_ref: text(100, shortest=0) = Field(
        "",
        description="The agency's record reference: an entry already imported with it is skipped",
    )
    practitioner_role: text(150, shortest=0) = ""
    event: text(10000)
    decision: text(10000, shortest=0) = ""
    child_seen: choice(("yes", "no", "unknown")) = "unknown"
    analysis: text(10000, shortest=0) = ""


class EntriesIn(Body):
    entries: list[EntryIn] = Field(min_length=1, max_length=200)


class SkippedEntry(Schema):
    index: int
    source_ref: str


class EntriesImported(Schema):
    created: int
    skipped: int
    context: int
    skipped_entries: list[SkippedEntry]


class LessonOut(Schema):
    id: UUID
    review: UUID
    text: str
    category: str
    themes: list[str]
    recorded_at: datetime
    agreed_at: datetime | None
    withdrawn_at: datetime | None
    withdrawn_reason: str
    lock_version: int


class LearningRecommendationOut(Schema):
    id: UUID
    review: UUID
    number: int
    text: str
    level: str
    kind: str
    agency: AgencyOut | None
    lessons: list[UUID]
    types: list[str] = Field(
        description="Codes of the vocabulary's recommendation_type axis (GET /themes)"
    )
    made_on: date
    response: str | None
    withdrawn_at: datetime | None
    withdrawn_reason: str


class ProgressOut(Schema):
    id: UUID
    on: date
    status: str
    text: str
    written_at: datetime
    withdrawn_at: datetime | None = None
    withdrawn_reason: str = ""


class ActionOut(Schema):
    id: UUID
    review: UUID
    recommendation: UUID
    owner_agency: AgencyOut
    owner: str
    description: str
    expected_change: str
    measure: str
    evidence_required: str
    target_date: date
    status: str
    rag: str
    completed_on: date | None
    verified_on: date | None
    withdrawn_at: datetime | None
    progress: list[ProgressOut]
    lock_version: int


class EvidenceOut(Schema):
    id: UUID
    name: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime
    uploaded_by: str
    download: str


class ProgressIn(Body):
    status: choice(("not_started", "in_progress", "completed"))
    rag: choice(("", "red", "amber", "green")) = ""
    text: text(10000)
    on: Day


class TermOut(Schema):
    axis: str
    code: str
    label: str
    since: str
    retired: str | None


class VocabularyOut(Schema):
    version: str
    fingerprint: str
    items: list[TermOut]


class ThemeTagOut(Schema):
    code: str
    label: str
    evidence: str
    assigned_by: str
    confidence: float
    confirmed: bool
    rejected: bool


class ThemeTagIn(Body):
    code: text(64)
    evidence: text(2000)


class CodeOut(Schema):
    code: str
    label: str


class IncidentCodingOut(Schema):
    review: UUID
    outcome: str = Field(
        description="The incident's outcome (death, serious_harm, other): a death takes a "
        "death category, any other outcome harm types"
    )
    vocabulary_version: str
    death_category: CodeOut | None
    harm_types: list[CodeOut]
    maltreatment: list[CodeOut]
    recorded_by: str | None
    recorded_at: datetime | None
    signed_off: bool = Field(
        description="The board has signed the review off: a change needs a reason and "
        "replaces the review's national record"
    )
    lock_version: int


def _given(what: str, none: str):
    """A PUT replaces the whole coding: null is refused (rather than read as "none"), and
    so are an empty code or a code given twice, which a script sends only by mistake."""

    def check(value):
        if value is None:
            raise ValueError(f"null is not {what}: send {none} for none")
        if isinstance(value, list):
            if any(v == "" for v in value):
                raise ValueError('"" is not a code: leave it out')
            counted = Counter(v for v in value if isinstance(v, str))
            twice = sorted(v for v, n in counted.items() if n > 1)
            if twice:
                verb = "is" if len(twice) == 1 else "are"
                raise ValueError(f"Give each code once ({', '.join(twice)} {verb} given twice)")
        return value

    return BeforeValidator(check)


def _codes(axis: str):
    """Codes of one axis of the vocabulary, each once. The schema lists them; the service
    (learning/coding.py) refuses any other, naming it and the axis it belongs to."""
    known = vocab.codes(axis)
    item = Annotated[
        str, StringConstraints(max_length=64), Field(json_schema_extra={"enum": list(known)})
    ]
    return Annotated[
        list[item],
        _given("a list", "[]"),
        Field(max_length=len(known), json_schema_extra={"uniqueItems": True}),
    ]


class IncidentCodingIn(Body):
    """The whole coding (a PUT replaces it): every field is required; [] and "" say none.
    A field of another name is refused, not ignored (a misspelt `reason` would be lost)."""

    death_category: Annotated[
        str,
        StringConstraints(max_length=64),
        _given("a death category", '""'),
        Field(json_schema_extra={"enum": ["", *vocab.codes(vocab.DEATH_CATEGORY)]}),
    ]
    harm_types: _codes(vocab.NON_FATAL_HARM)
    maltreatment: _codes(vocab.MALTREATMENT)
    reason: text(2000, shortest=0) = Field(
        "", description="Required once the board has signed the review off (a correction)"
    )


class RecommendationTypesIn(Body):
    """A recommendation's types corrected, with the reason (the web's correction page; its
    other fields are kept as they are)."""

    types: _codes(vocab.RECOMMENDATION_TYPE)
    reason: text(2000)
