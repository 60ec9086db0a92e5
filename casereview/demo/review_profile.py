"""How far each of a board's reviews has got: the stages of the demonstration's reviews by
how long ago each was decided, the part some play in the demonstration, and the pace at
which each moved so that its stage fits its age."""

from __future__ import annotations

import random

from casereview.reviews.models import ReviewStatus

RS = ReviewStatus
STAGE_ORDER = list(ReviewStatus.values)

# Parts a review plays in the demonstration.
ROLE_POLISH = "polish"  # told of the review in English, without the interpreter she needs
ROLE_CRIMINAL = "criminal"  # criminal proceedings hold publication; the clocks are paused
ROLE_SLOW_TERMS = "slow_terms"  # the terms of reference are still a draft after a month
ROLE_LATE_NOTICE = "late_notice"  # the inspectorate was told late
ROLE_SUPPORT_GAP = "support_gap"  # one professional has not been offered support

# The demonstration's reviews from the newest decision to the oldest: (stage, fewest and
# most days since the chair's decision, part played). Older reviews are further on; a
# board with fewer or more reviews takes the rows in proportion (`review_profile`).
REVIEW_PROFILE = (
    (RS.DECIDED, 1, 6, ""),
    (RS.DECIDED, 4, 10, ""),
    (RS.SCOPING, 18, 30, ""),
    (RS.SCOPING, 36, 48, ROLE_SLOW_TERMS),
    (RS.AGENCY_REPORTS, 55, 80, ""),
    (RS.AGENCY_REPORTS, 75, 110, ROLE_POLISH),
    (RS.AGENCY_REPORTS, 100, 140, ROLE_SUPPORT_GAP),
    (RS.AGENCY_REPORTS, 130, 170, ""),
    (RS.OVERVIEW_DRAFTING, 150, 200, ROLE_LATE_NOTICE),
    (RS.OVERVIEW_DRAFTING, 180, 230, ""),
    (RS.OVERVIEW_DRAFTING, 210, 260, ""),
    (RS.PANEL_SIGN_OFF, 240, 320, ""),
    (RS.BOARD_SIGN_OFF, 300, 420, ROLE_CRIMINAL),
    (RS.MONITORING, 420, 700, ""),
    (RS.CLOSED, 620, 1000, ""),
)

# Nominal days after the decision on which a review enters each stage; each review runs
# at its own pace (`pace`), so that its stage fits how long ago it was decided.
STAGE_ENTRY = {
    RS.DECIDED: 0,
    RS.SCOPING: 5,
    RS.AGENCY_REPORTS: 28,
    RS.OVERVIEW_DRAFTING: 90,
    RS.PANEL_SIGN_OFF: 120,
    RS.BOARD_SIGN_OFF: 140,
    RS.PUBLISHED: 165,
    RS.MONITORING: 175,
    RS.CLOSED: 300,
}
# Scoping takes the month the regime gives it whatever the pace (`ReviewRun.on`).
SCOPING_DAYS = 28
MOVE_REASONS = {
    RS.SCOPING: "Panel being appointed; scoping has begun",
    RS.AGENCY_REPORTS: "Terms of reference agreed; agencies asked for their reports",
    RS.OVERVIEW_DRAFTING: "Every agency report accepted; the overview author has started",
    RS.PANEL_SIGN_OFF: "Draft overview report and executive summary sent to the panel",
    RS.BOARD_SIGN_OFF: "The panel signed off the overview report",
    RS.PUBLISHED: "Executive summary published on the board's website",
    RS.MONITORING: "Action plan monitored by the learning and improvement group",
    RS.CLOSED: "Every action in the plan completed and evidenced",
}


def review_profile(count: int) -> list[tuple[str, int, int, str]]:
    """The stage, timing and part of each of `count` reviews, newest decision first. The
    parts are played once, on a board with at least a full profile of reviews."""
    full = len(REVIEW_PROFILE)
    rows, seen = [], set()
    for i in range(count):
        stage, low, high, role = REVIEW_PROFILE[i * full // count]
        if role and (count < full or role in seen):
            role = ""
        seen.add(role)
        rows.append((stage, low, high, role))
    return rows


def pace(rng: random.Random, stage: str, days: int) -> float:
    """How fast a review decided `days` ago moved, so that it is in `stage` today: it
    entered the stage, and (until board sign-off) would enter the next about now."""
    index = STAGE_ORDER.index(stage)
    if stage == RS.DECIDED:
        return 1.0
    entry = STAGE_ENTRY[stage]
    fixed = SCOPING_DAYS
    if index < STAGE_ORDER.index(RS.BOARD_SIGN_OFF):
        following = STAGE_ENTRY[STAGE_ORDER[index + 1]]
        pace = min(max((days - fixed) / ((entry + following) / 2 - fixed), 0.5), 1.6)
    else:
        pace = rng.uniform(0.55, 1.0)
    if entry > fixed:
        pace = min(pace, (days - fixed - 1) / (entry - fixed))
    return max(pace, 0.1)
