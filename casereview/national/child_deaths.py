"""Child deaths as a second source (issue 16, item 9): the board's child death overview panel
findings in the national store's anonymised form (month, age band, sex, ethnicity group, the
category of death, whether modifiable and the modifiable factors as theme codes), recorded by
the board's manager, corrected or withdrawn with a reason (the old row kept), and analysed
beside the reviews: a theme's counts per year in each source, small cells suppressed."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from casereview.audit.services import record as audit
from casereview.learning import vocabulary
from casereview.lib.date_rules import DateRule, check_dates

from .models import ChildDeathFinding, FindingStatus, NationalLesson, NationalRecord
from .suppression import suppress

# The categories of the child death analysis form (England, 2018 statutory guidance).
CATEGORIES = (
    ("deliberate_harm", "Deliberately inflicted injury, abuse or neglect"),
    ("suicide_self_harm", "Suicide or deliberate self-inflicted harm"),
    (
        "trauma_external",
        "Trauma and other external factors, including medical or surgical complications or error",
    ),
    ("malignancy", "Malignancy"),
    ("acute_medical", "Acute medical or surgical condition"),
    ("chronic_medical", "Chronic medical condition"),
    ("chromosomal_congenital", "Chromosomal, genetic and congenital anomalies"),
    ("perinatal_neonatal", "Perinatal or neonatal event"),
    ("infection", "Infection"),
    ("sudden_unexplained", "Sudden unexpected, unexplained death"),
)
MODIFIABLE = (
    ("yes", "Modifiable factors identified"),
    ("no", "No modifiable factors identified"),
    ("not_known", "Insufficient information"),
)
# The month of death is in the past (no future month), as every recorded event is.
FINDING_DATES = {"death_month": DateRule("The month of death")}
FIELDS = (
    "death_month",
    "age_band",
    "sex",
    "ethnicity_group",
    "category_of_death",
    "modifiable",
    "modifiable_factors",
)


def _check(values: dict) -> None:
    check_dates({"death_month": values["death_month"]}, FINDING_DATES)


def _new(board, values: dict, actor) -> ChildDeathFinding:
    factors = sorted(values["modifiable_factors"]) if values["modifiable"] == "yes" else []
    return ChildDeathFinding.objects.create(
        source_key=f"{board.slug}/CDOP-{uuid.uuid4().hex[:12]}",
        board=board,
        board_name=board.name,
        region=getattr(board, "region", "") or "not_known",
        death_month=values["death_month"].replace(day=1),
        age_band=values["age_band"],
        sex=values["sex"],
        ethnicity_group=values["ethnicity_group"],
        category_of_death=values["category_of_death"],
        modifiable=values["modifiable"],
        modifiable_factors=factors,
        themes=factors,
        recorded_at=timezone.now(),
        recorded_by=actor,
    )


@transaction.atomic
def record_finding(board, *, actor, context, **values) -> ChildDeathFinding:
    _check(values)
    finding = _new(board, values, actor)
    audit("child_death.record", finding, actor=actor, context=context)
    return finding


class StaleFinding(Exception):
    pass


def _current(finding_id, lock_version: int) -> ChildDeathFinding:
    finding = ChildDeathFinding.objects.select_for_update().get(pk=finding_id)
    if finding.status != FindingStatus.CURRENT or finding.lock_version != lock_version:
        raise StaleFinding
    return finding


@transaction.atomic
def correct_finding(
    finding_id, *, reason: str, lock_version: int, actor, context, **values
) -> ChildDeathFinding:
    """A new row with the corrected values; the old one kept, corrected, with the reason."""
    _check(values)
    old = _current(finding_id, lock_version)
    new = _new(old.board, values, actor)
    old.status = FindingStatus.CORRECTED
    old.reason = reason
    old.replaced_by = new
    old.changed_at = timezone.now()
    old.lock_version += 1
    old.save()
    audit("child_death.correct", old, actor=actor, context=context, detail={"by": str(new.pk)})
    return new


@transaction.atomic
def withdraw_finding(finding_id, *, reason: str, lock_version: int, actor, context):
    finding = _current(finding_id, lock_version)
    finding.status = FindingStatus.WITHDRAWN
    finding.reason = reason
    finding.changed_at = timezone.now()
    finding.lock_version += 1
    finding.save()
    audit("child_death.withdraw", finding, actor=actor, context=context)
    return finding


# --- A theme across both sources ---


@dataclass(frozen=True)
class YearRow:
    year: int
    reviews: int | None  # suppressed under 5
    child_deaths: int | None


def theme_across_sources(code: str) -> list[YearRow]:
    """Per year: the reviews (national records with a lesson or practice issue of the theme,
    by incident year) and the current child death findings with it as a modifiable factor
    (by year of death). Counts of distinct reviews and findings, suppressed under 5."""
    reviews: Counter[int] = Counter()
    seen: set = set()
    lessons = NationalLesson.objects.values_list("record_id", "record__incident_month", "themes")
    for record_id, month, themes in lessons:
        if code in themes and record_id not in seen:
            seen.add(record_id)
            reviews[month.year] += 1
    for record_id, month, issues, risks in NationalRecord.objects.values_list(
        "id", "incident_month", "practice_issues", "family_risks"
    ):
        if record_id not in seen and (code in issues or code in risks):
            seen.add(record_id)
            reviews[month.year] += 1
    deaths: Counter[int] = Counter()
    current = ChildDeathFinding.objects.filter(status=FindingStatus.CURRENT)
    for month, themes in current.values_list("death_month", "themes"):
        if code in themes:
            deaths[month.year] += 1
    years = sorted(set(reviews) | set(deaths))
    return [YearRow(y, suppress(reviews[y]), suppress(deaths[y])) for y in years]


def theme_choices() -> list[tuple[str, str]]:
    return [(c, vocabulary.label(c)) for c in vocabulary.theme_codes()]


def month_of(year: int, month: int) -> date:
    return date(year, month, 1)
