"""National records for the demonstration: the national scale's synthetic store, drawn to
follow the published figures of DOMAIN.md §6, and the demo board's own signed-off reviews
built as the board's sign-off builds them (national/records.py).

The shares drawn (each a probability per review; casereview/demo/tests/test_national_records.py
checks a generated sample against them within TOLERANCE):

- age band: under 1 47% and 11 or over 25% (Brandon et al. 2008); the rest split 1 to 5 17%,
  6 to 10 8%, unborn 3%;
- outcome: death 50%, serious harm 45%, other 5% (DfE notifications, 2020 to 21 and 2023 to 24);
- neglect 60% (Brandon et al. 2012), a current child protection plan 12%, parental alcohol
  misuse 37% and drug misuse 38% (Sidebotham et al. 2016). The vocabulary has one theme for
  both (parental_substance_misuse): drawn together (drug misuse in 60% of the alcohol
  cases), either is 53%;
- domestic abuse 55% and parental mental ill-health 53%: not in §6; about half, the order
  of the triennial analyses.
"""

from __future__ import annotations

import random
from datetime import date

from django.utils import timezone

from casereview.audit.context import SYSTEM
from casereview.learning import vocabulary as vocab
from casereview.national import records, revision
from casereview.national.models import BoardRegion, NationalLesson, NationalRecord, Submission
from casereview.national.regions import CODES as REGION_CODES
from casereview.reviews.models import ReviewStatus

AGE_BANDS = (
    ("unborn", 0.03),
    ("under_1", 0.47),
    ("age_1_5", 0.17),
    ("age_6_10", 0.08),
    ("age_11_15", 0.18),
    ("age_16_17", 0.07),
)
OUTCOMES = (("death", 0.50), ("serious_harm", 0.45), ("other", 0.05))
NEGLECT = 0.60
CHILD_PROTECTION_PLAN = 0.12
ALCOHOL = 0.37
DRUG = 0.38
DRUG_WITH_ALCOHOL = 0.60
DRUG_WITHOUT_ALCOHOL = (DRUG - ALCOHOL * DRUG_WITH_ALCOHOL) / (1 - ALCOHOL)
SUBSTANCE = ALCOHOL + (1 - ALCOHOL) * DRUG_WITHOUT_ALCOHOL  # 0.53
DOMESTIC_ABUSE = 0.55
MENTAL_HEALTH = 0.53
TARGETS = {
    "under_1": 0.47,
    "over_11": 0.25,
    "death": 0.50,
    "neglect": NEGLECT,
    "child_protection": CHILD_PROTECTION_PLAN,
    "parental_substance_misuse": SUBSTANCE,
    "domestic_abuse": DOMESTIC_ABUSE,
    "parental_mental_health": MENTAL_HEALTH,
}
TOLERANCE = 0.04  # absolute, on a sample of 2,000 (about 3.5 standard errors at 50%)
YEARS = tuple(range(2019, 2026))
DEATH_CATEGORIES = (
    ("infanticide_covert_homicide", 0.10),
    ("severe_physical_assault", 0.25),
    ("extreme_neglect", 0.08),
    ("overt_homicide", 0.12),
    ("sudden_unexpected_infant_death", 0.20),
    ("suicide", 0.15),
    ("accident", 0.10),
)
PRACTICE = tuple(t.code for t in vocab.THEMES if t.axis == vocab.PRACTICE)
LESSONS = {
    "information_sharing": "Agencies held pieces of the picture but did not share them.",
    "voice_of_child": "Nobody asked the child what life at home was like.",
    "invisible_men_fathers": "The mother's partner was never seen or assessed by any agency.",
    "professional_curiosity_challenge": (
        "Explanations were accepted without professional curiosity."
    ),
    "assessment_quality": "The assessment did not bring the history together.",
    "supervision_management": "Supervision did not challenge the drift in the plan.",
}


def _pick(rng: random.Random, weighted) -> str:
    x = rng.random()
    for value, p in weighted:
        x -= p
        if x < 0:
            return value
    return weighted[-1][0]


def assign_regions(boards) -> None:
    """Each board a region of England or Wales, in turn."""
    regions = [c for c in REGION_CODES if c != "not_known"]
    BoardRegion.objects.bulk_create(
        [BoardRegion(board=b, region=regions[i % len(regions)]) for i, b in enumerate(boards)],
        ignore_conflicts=True,
    )


def draw(rng: random.Random, board, region: str, serial: int) -> tuple[NationalRecord, list]:
    """One synthetic national record (unsaved) and its lessons."""
    year = rng.choice(YEARS)
    incident = date(year, rng.randint(1, 12), 1)
    age = _pick(rng, AGE_BANDS)
    outcome = _pick(rng, OUTCOMES)
    alcohol = rng.random() < ALCOHOL
    drug = rng.random() < (DRUG_WITH_ALCOHOL if alcohol else DRUG_WITHOUT_ALCOHOL)
    neglect = rng.random() < NEGLECT
    risks = [
        code
        for code, present in (
            ("domestic_abuse", rng.random() < DOMESTIC_ABUSE),
            ("parental_mental_health", rng.random() < MENTAL_HEALTH),
            ("parental_substance_misuse", alcohol or drug),
            ("neglect", neglect),
            ("young_parents", rng.random() < 0.15),
        )
        if present
    ]
    issues = sorted(rng.sample(PRACTICE, rng.randint(1, 4)))
    if age in ("unborn", "under_1"):
        issues.append("vulnerability_of_babies")
    elif age in ("age_11_15", "age_16_17") and rng.random() < 0.5:
        issues.append("adolescents_extra_familial_risk")
    maltreatment = sorted({"neglect"} if neglect else set()) + (
        ["physical"] if rng.random() < 0.45 else []
    )
    month = lambda first, months: _add_months(first, months)  # noqa: E731
    decided = month(incident, rng.randint(0, 2))
    completed = month(decided, rng.randint(5, 14))
    published = month(completed, rng.randint(0, 6)) if rng.random() < 0.8 else None
    today = timezone.localdate().replace(day=1)
    completed = completed if completed <= today else None
    published = published if published and completed and published <= today else None
    record = NationalRecord(
        source_key=f"{board.slug}/NAT-{serial:06d}",
        board_code=board.slug,
        board_name=board.name,
        region=region,
        regime="wt2018" if year >= 2019 else "wt2013",
        vocabulary_version=vocab.VERSION,
        incident_month=incident,
        notified_month=month(incident, rng.randint(0, 1)),
        decided_month=decided,
        completed_month=completed,
        published_month=published,
        age_band=age,
        sex=rng.choice(("female", "male")),
        ethnicity_group=_pick(
            rng,
            (("W1", 0.74), ("M1", 0.06), ("A2", 0.06), ("B2", 0.06), ("W5", 0.04), ("NK", 0.04)),
        ),
        disability="yes" if rng.random() < 0.10 else "no",
        looked_after="yes" if rng.random() < 0.07 else "no",
        plan_status=_pick(
            rng,
            (
                ("child_protection", CHILD_PROTECTION_PLAN),
                ("child_in_need", 0.20),
                ("none", 0.60),
                ("not_known", 0.08),
            ),
        ),
        outcome=outcome,
        death_category=_pick(rng, DEATH_CATEGORIES) if outcome == "death" else "",
        harm_types=[] if outcome == "death" else [rng.choice(("physical", "neglect", "sexual"))],
        family_risks=sorted(risks),
        maltreatment=maltreatment,
        practice_issues=sorted(set(issues)),
        recommendation_types=sorted(rng.sample(vocab.codes(vocab.RECOMMENDATION_TYPE), 2)),
        timeliness={
            "decision_in_time": rng.random() < 0.85,
            "completed_in_time": (rng.random() < 0.45) if completed else None,
            "published_on_time": (rng.random() < 0.6) if published else None,
        },
        submitted_via=Submission.SIGN_OFF,
        submitted_at=timezone.now(),
        content_hash=f"synthetic-{serial}",
    )
    lessons = [
        NationalLesson(
            record=record, position=i, text=LESSONS[code], category="practice", themes=[code]
        )
        for i, code in enumerate((c for c in issues if c in LESSONS), 1)
    ]
    return record, lessons


def _add_months(first: date, months: int) -> date:
    total = first.year * 12 + first.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def sample(rng: random.Random, boards, n: int) -> list[NationalRecord]:
    """`n` records spread over `boards` ((board, region) pairs), unsaved (for the tests)."""
    return [draw(rng, *boards[i % len(boards)], i + 1)[0] for i in range(n)]


def write(rng: random.Random, boards, n: int, batch: int = 1000) -> int:
    """Write `n` synthetic records and their lessons in batches."""
    regions = dict(BoardRegion.objects.values_list("board_id", "region"))
    pairs = [(b, regions.get(b.pk, "not_known")) for b in boards]
    done = 0
    while done < n:
        drawn = [
            draw(rng, *pairs[i % len(pairs)], i + 1) for i in range(done, min(n, done + batch))
        ]
        NationalRecord.objects.bulk_create([r for r, _ in drawn])
        NationalLesson.objects.bulk_create([lesson for _, ls in drawn for lesson in ls])
        revision.bump()
        done += len(drawn)
    return done


SIGNED_OFF = (ReviewStatus.PUBLISHED, ReviewStatus.MONITORING, ReviewStatus.CLOSED)


def signed_off_records(board) -> int:
    """The national records of the board's reviews past the board's sign-off, built and
    stored as at a sign-off."""
    stored = 0
    for review in board.reviews.filter(status__in=SIGNED_OFF).select_related("decision", "board"):
        moved = (
            review.status_changes.filter(to_status__in=SIGNED_OFF)
            .order_by("changed_at")
            .values_list("changed_at", flat=True)
            .first()
        )
        completed = timezone.localtime(moved).date() if moved else None
        records.store(
            records.build(review, completed_on=completed),
            via=Submission.SIGN_OFF,
            actor=None,
            context=SYSTEM,
        )
        stored += 1
    return stored
