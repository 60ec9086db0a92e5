"""Running the board's reviews (demo and board scales): each is taken through the review
services, step by step in the order it happened, to the stage its profile gives it."""

from __future__ import annotations

import random
from collections.abc import Iterator

from django.utils import timezone

from casereview.cases.models import Notification
from casereview.reviews.models import ContactPurpose, Review

from . import review_family, review_learning, review_panel, review_reports, review_support
from .boards import BoardContext
from .case_plans import CasePlan
from .review_profile import ROLE_CRIMINAL, ROLE_SLOW_TERMS, RS, STAGE_ENTRY
from .review_run import BoardStaff, ReviewRun


def run_reviews(
    ctx: BoardContext, plans: list[CasePlan], written: list[Notification], rng: random.Random
) -> Iterator[Review]:
    """Take each of the board's reviews through the workflow to its planned stage, yielding
    each when it is done."""
    staff = BoardStaff.of(ctx)
    today = timezone.localdate()
    for plan, notification in zip(plans, written, strict=True):
        if plan.review_stage:
            run = ReviewRun(ctx, staff, plan, notification, rng, today)
            story(run)
            yield run.review


def story(run: ReviewRun) -> None:
    """The review's story to its planned stage; each step at its (paced) day."""
    entry = STAGE_ENTRY
    review_support.outbound(run)
    if run.reached(RS.SCOPING) or run.happened(6):
        review_family.tell_family(run, 6, [ContactPurpose.TOLD_OF_REVIEW])
    if not run.reached(RS.SCOPING):
        return
    run.move(RS.SCOPING, entry[RS.SCOPING])
    review_panel.appoint_panel(run)
    review_support.parallel_processes(run)
    review_support.appoint_experts(run)
    review_panel.first_meeting(run)
    review_family.involve_family(run)
    review_support.offer_support(run)
    terms = review_panel.draft_terms(run)
    if run.reached(RS.AGENCY_REPORTS) or run.happened(18):
        review_family.tell_family(run, 18, [ContactPurpose.PROCESS, ContactPurpose.INVITED])
    agree = run.reached(RS.AGENCY_REPORTS) or (
        run.role != ROLE_SLOW_TERMS and run.happened(26) and run.rng.random() < 0.5
    )
    if agree:
        review_panel.agree_terms(run, terms)
    if not run.reached(RS.AGENCY_REPORTS):
        return
    run.move(RS.AGENCY_REPORTS, entry[RS.AGENCY_REPORTS])
    review_reports.agency_reports(run)
    review_support.expert_advice(run)
    if run.reached(RS.OVERVIEW_DRAFTING) or run.happened(50):
        review_panel.family_progress_meeting(run)
    if not run.reached(RS.OVERVIEW_DRAFTING):
        return
    run.move(RS.OVERVIEW_DRAFTING, entry[RS.OVERVIEW_DRAFTING])
    if run.reached(RS.PANEL_SIGN_OFF) or run.happened(entry[RS.OVERVIEW_DRAFTING] + 15):
        review_panel.overview_meeting(run)
    if not run.reached(RS.PANEL_SIGN_OFF):
        return
    run.move(RS.PANEL_SIGN_OFF, entry[RS.PANEL_SIGN_OFF])
    review_learning.learning(run)
    if not run.reached(RS.BOARD_SIGN_OFF):
        return
    signed_off = entry[RS.BOARD_SIGN_OFF]
    run.move(RS.BOARD_SIGN_OFF, signed_off)
    review_family.tell_family(
        run, signed_off + 4, [ContactPurpose.SHOWN_REPORT, ContactPurpose.PUBLICATION]
    )
    review_support.debrief(run, signed_off + 10, signed_off + 20)
    if run.role == ROLE_CRIMINAL:
        review_support.hold_for_criminal_proceedings(run, signed_off + 2)
    if not run.reached(RS.PUBLISHED):
        return
    review_support.conclude_processes(run, entry[RS.PUBLISHED] - 10)
    run.move(RS.PUBLISHED, entry[RS.PUBLISHED], actor=run.ctx.chair)
    for stage in (RS.MONITORING, RS.CLOSED):
        if run.reached(stage):
            run.move(stage, entry[stage])
