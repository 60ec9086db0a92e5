"""What the national records operations take and return (issue 16 item 1): the anonymised
record, its axes as codes of the national vocabulary (learning/vocabulary.py), months as
YYYY-MM. A separate module: the other schemas describe case data, these none."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from ninja import Schema
from pydantic import BeforeValidator, Field

from casereview.learning import vocabulary as vocab
from casereview.national import regions
from casereview.national.records import NOT_KNOWN_AGE

from .schemas import Body, choice, text

MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


def _month(value):
    if isinstance(value, date):
        return value.replace(day=1)
    if not isinstance(value, str) or not MONTH.fullmatch(value):
        raise ValueError("Enter a month as YYYY-MM")
    return date(int(value[:4]), int(value[5:7]), 1)


Month = Annotated[
    date,
    BeforeValidator(_month),
    Field(json_schema_extra={"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"}),
]
YES_NO = choice(vocab.codes(vocab.DISABILITY))


def codes(*axes: str):
    return tuple(c for axis in axes for c in vocab.codes(axis))


def code_list(*axes: str):
    return Annotated[list[choice(codes(*axes))], Field(max_length=30)]


class TimelinessIn(Body):
    decision_in_time: bool | None = None
    completed_in_time: bool | None = None
    published_on_time: bool | None = None


class NationalLessonIn(Body):
    text: text(5000)
    category: text(30) = "practice"
    themes: Annotated[list[choice(vocab.theme_codes())], Field(max_length=23)] = []
    highlighted: choice(("", "19.3", "19.4")) = ""


class NationalRecordIn(Body):
    """A board's national record of one signed-off review: already anonymised by the board's
    own instance (no name, address, date of birth or exact date)."""

    board: text(60) = Field(description="The board's code (its slug here)")
    reference: text(30) = Field(description="The review's reference at the board")
    region: choice(regions.CODES)
    regime: text(40)
    vocabulary_version: choice(tuple(v for v, _ in vocab.HISTORY)) = vocab.VERSION
    incident_month: Month
    notified_month: Month
    decided_month: Month | None = None
    completed_month: Month | None = None
    published_month: Month | None = None
    age_band: choice((*vocab.codes(vocab.AGE_BAND), NOT_KNOWN_AGE))
    sex: choice(vocab.codes(vocab.SEX))
    ethnicity_group: choice(vocab.codes(vocab.ETHNICITY))
    disability: YES_NO
    looked_after: YES_NO
    plan_status: choice(vocab.codes(vocab.PLAN_STATUS))
    outcome: choice(vocab.codes(vocab.INCIDENT_OUTCOME))
    death_category: choice(("", *vocab.codes(vocab.DEATH_CATEGORY))) = ""
    harm_types: code_list(vocab.NON_FATAL_HARM) = []
    family_risks: code_list(vocab.FAMILY_RISK, vocab.FAMILY_CIRCUMSTANCE) = []
    maltreatment: code_list(vocab.MALTREATMENT) = []
    practice_issues: code_list(vocab.PRACTICE, vocab.VULNERABILITY) = []
    recommendation_types: code_list(vocab.RECOMMENDATION_TYPE) = []
    timeliness: TimelinessIn = TimelinessIn()
    lessons: Annotated[list[NationalLessonIn], Field(max_length=50)] = []


class NationalLessonOut(Schema):
    position: int
    text: str
    category: str
    themes: list[str]
    highlighted: str


class NationalRecordOut(Schema):
    id: str
    source_key: str
    board_code: str
    board_name: str
    region: str
    regime: str
    vocabulary_version: str
    incident_month: str
    notified_month: str
    decided_month: str | None
    completed_month: str | None
    published_month: str | None
    age_band: str
    sex: str
    ethnicity_group: str
    disability: str
    looked_after: str
    plan_status: str
    outcome: str
    death_category: str
    harm_types: list[str]
    family_risks: list[str]
    maltreatment: list[str]
    practice_issues: list[str]
    recommendation_types: list[str]
    timeliness: dict[str, bool | None]
    submitted_via: str
    lessons: list[NationalLessonOut]
