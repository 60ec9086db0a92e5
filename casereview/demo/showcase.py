"""Two cases the demonstration needs that chance would rarely give (demo board only):

- a child killed at home by a parent, where a review is required (Rotherham 19.1), but the
  chair decides on another learning process: the joint domestic homicide review already
  under way. The chair confirms the departure and gives substantive reasons, as the
  decision guard asks (cases/decision_guard.py), so the departure shows on the dashboard
  and on the case's pages;
- a notification about an unborn child: a pre-birth incident, recorded with the expected
  date of birth instead of a date of birth (`Person.unborn`).

Each is planned from a random stream of its own and takes the place of a planned case at
the same stage (a decision of another learning process; a notification not yet screened),
so the board keeps its number of cases and reviews and the other cases come out the same."""

from __future__ import annotations

import random
from datetime import timedelta

from casereview.cases.models import DecisionOutcome
from casereview.cases.vocab import Disability

from .boards import BoardContext
from .case_plans import STAGE_DECIDED, STAGE_NOTIFIED, CaseFactory, CasePlan
from .scenarios import PRE_BIRTH_ASSAULT, SCENARIO_BY_KEY

DEPARTURE_REASONS = (
    "A domestic homicide review was commissioned by the community safety partnership "
    "within days of the deaths, and its terms cover the agencies' work with the children "
    "as well as with their mother. A separate serious case review would ask the same "
    "agencies the same questions, twice, while the family grieve. The board will take "
    "part in the domestic homicide review as a joint review: the panel's vice-chair sits "
    "on its panel, its terms of reference include the safeguarding of the children, and "
    "its report comes to the board for the learning to be acted on."
)
UNBORN_GIVEN_NAMES = "Unborn baby"


def _replace(plans: list[CasePlan], new: CasePlan, wanted) -> bool:
    """Put `new` in place of the latest plan `wanted` accepts (not one of the showcase's
    reviews); the plans stay in order of receipt."""
    for i in range(len(plans) - 1, -1, -1):
        if not plans[i].review_role and not plans[i].review_stage and wanted(plans[i]):
            plans[i] = new
            plans.sort(key=lambda p: p.received_at)
            return True
    return False


def departure_plan(factory: CaseFactory, ctx: BoardContext) -> CasePlan:
    plan = factory.plan(
        ctx,
        STAGE_DECIDED,
        "required",
        DecisionOutcome.OTHER_LEARNING,
        SCENARIO_BY_KEY["domestic_homicide"],
    )
    outcome, _, _, decided_on, recorded = plan.decision
    plan.decision = (outcome, DEPARTURE_REASONS, "", decided_on, recorded)
    plan.confirm_departure = True
    return plan


def unborn_plan(factory: CaseFactory, ctx: BoardContext) -> CasePlan:
    plan = factory.plan(ctx, STAGE_NOTIFIED, "consider", None, PRE_BIRTH_ASSAULT)
    incident = plan.fields["incident_date"]
    plan.child.update(
        given_names=UNBORN_GIVEN_NAMES,
        aliases="",
        date_of_birth=None,
        unborn=True,
        expected_date_of_birth=incident + timedelta(weeks=factory.rng.randint(6, 9)),
        school="",
        looked_after=False,
        # Nothing is known yet of a disability of a child not yet born.
        disability=Disability.NOT_KNOWN,
        disability_description="",
    )
    return plan


def add_showcase_cases(
    ctx: BoardContext, plans: list[CasePlan], *, seed: int, now
) -> list[CasePlan]:
    """The board's plans with the departure and the unborn child in place of two others."""
    factory = CaseFactory(random.Random(f"showcase-{seed}"), now)
    plans = list(plans)
    _replace(
        plans,
        departure_plan(factory, ctx),
        lambda p: p.decision is not None and p.decision[0] == DecisionOutcome.OTHER_LEARNING,
    )
    _replace(plans, unborn_plan(factory, ctx), lambda p: p.recommendation is None)
    return plans
