"""What the API takes and returns. Choices come from the models' own vocabularies."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, Field, StringConstraints

from casereview.cases.models import AbuseNeglect, DecisionOutcome, Outcome, Recommendation
from casereview.cases.vocab import Disability, Ethnicity, Sex
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
    """A request body: JSON types as the schema says (no "1" for 1, nor 0 for false)."""

    model_config = ConfigDict(strict=True)


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
