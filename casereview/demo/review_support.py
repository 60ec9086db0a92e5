"""Everything around the review's core work: statutory notifications to outside bodies,
independent experts and the overview author, parallel processes, and support and
debriefing for the professionals involved."""

from __future__ import annotations

from datetime import timedelta

from casereview.accounts.models import AgencyKind
from casereview.audit.context import SYSTEM
from casereview.cases.models import Outcome
from casereview.cases.services import pause_clocks
from casereview.cases.vocab import Sex
from casereview.procedure import catalogue
from casereview.procedure.engine import evaluate
from casereview.reviews.models import (
    AppointmentRole,
    ExpertKind,
    ExpertNotAppointed,
    ProcessKind,
    Recipient,
)
from casereview.reviews.support import services as support_services

from .people import professional_name
from .review_profile import ROLE_CRIMINAL, ROLE_LATE_NOTICE, ROLE_SUPPORT_GAP, RS
from .review_reports import AGENCY_WORK
from .review_run import ReviewRun

# The outside bodies told of the review, by the check that asks for each, and what each is
# sent and how.
RECIPIENT_BY_CHECK = {
    "pct_informed_sha": Recipient.SHA,
    "inspectorate_notified": Recipient.INSPECTORATE,
    "government_office_notified": Recipient.GOVERNMENT_OFFICE,
    "ofsted_notified": Recipient.OFSTED,
    "national_panel_notified": Recipient.NATIONAL_PANEL,
}
OUTBOUND = {
    Recipient.SHA: (
        "Case is the subject of a serious case review (Rotherham 19.1)",
        "Secure e-mail",
    ),
    Recipient.INSPECTORATE: ("Decision to hold a serious case review", "Secure e-mail"),
    Recipient.GOVERNMENT_OFFICE: (
        "Decision to hold a serious case review",
        "Letter and secure e-mail",
    ),
    Recipient.OFSTED: ("Decision to hold a serious case review", "Secure e-mail to Ofsted"),
    Recipient.NATIONAL_PANEL: ("Decision to hold a review", "Online notification form"),
}


def outbound(run: ReviewRun) -> None:
    # The notices the procedure asks of this review (the Government Office, for one, is told
    # only of decisions up to 21 February 2011).
    applicable = {
        r.obligation.satisfied_by
        for r in evaluate(run.review)
        if r.status != "not_applicable" and "review_held" in r.obligation.applies
    }
    regime = catalogue.version_of(run.review.regime, run.review.regime_version)
    recipients = [
        RECIPIENT_BY_CHECK[o.satisfied_by]
        for o in regime.obligations
        if o.satisfied_by in RECIPIENT_BY_CHECK and o.satisfied_by in applicable
    ]
    child = run.child
    for recipient in recipients:
        late = run.role == ROLE_LATE_NOTICE and recipient == Recipient.INSPECTORATE
        sent = run.decided + timedelta(
            days=run.rng.randint(12, 18) if late else run.rng.randint(1, 4)
        )
        if sent > run.today:
            continue
        purpose, method = OUTBOUND[recipient]
        sex = "girl" if child.sex == Sex.FEMALE else "boy"
        copy = (
            f"{run.review.board.name}: serious case review {run.review.reference}.\n"
            f"On {run.decided:%d %B %Y} the chair of the board decided to hold a serious "
            f"case review about a {sex} born in {child.date_of_birth:%Y}, after the "
            f"incident of {run.case.incident_date:%d %B %Y}. The panel will be appointed "
            "and the terms of reference agreed within a month; we will send the executive "
            "summary when the review is complete.\n"
            f"{run.manager.get_full_name()}, {run.manager.job_title}"
        )
        support_services.record_outbound(
            run.review,
            actor=run.manager,
            context=SYSTEM,
            recipient=recipient,
            purpose=purpose,
            sent_on=sent,
            method=method,
            copy=copy,
        )


def _explains_no_disability_expert(run: ReviewRun) -> bool:
    """In the first review of each board that 19.4 reaches, the panel appoints no disability
    expert and records why ("normal practice": comply or explain)."""
    if ExpertNotAppointed.objects.filter(review__board=run.review.board).exists():
        return False
    support_services.record_no_expert(
        run.review,
        actor=run.manager,
        context=SYSTEM,
        kind=ExpertKind.DISABILITY,
        reasons=(
            "The panel includes the board's designated lead for disabled children and "
            "adults, who knows the condition and the services for it and will advise the "
            "panel; an independent expert would add nothing the panel lacks."
        ),
        decided_on=run.on(10),
    )
    return True


def appoint_experts(run: ReviewRun) -> None:
    wanted = []
    if run.bme:
        wanted.append(ExpertKind.RACE_CULTURE)
    if run.disabled:
        wanted.append(ExpertKind.DISABILITY)
    for kind in wanted:
        if kind == ExpertKind.DISABILITY and _explains_no_disability_expert(run):
            continue
        user = run.staff.expert_for(kind)
        if user is None:
            continue
        support_services.appoint(
            run.review,
            actor=run.manager,
            context=SYSTEM,
            user=user,
            role=AppointmentRole.INDEPENDENT_EXPERT,
            kind=kind,
            appointed_on=run.on(run.rng.randint(8, 12)),
        )
        run.experts.append((kind, user))
    if run.staff.authors:
        support_services.appoint(
            run.review,
            actor=run.manager,
            context=SYSTEM,
            user=run.staff.authors[0],
            role=AppointmentRole.INDEPENDENT_AUTHOR,
            appointed_on=run.on(14),
        )


def expert_advice(run: ReviewRun) -> None:
    for kind, user in run.experts:
        if not (run.reached(RS.OVERVIEW_DRAFTING) or run.happened(45)):
            continue
        if kind == ExpertKind.RACE_CULTURE:
            about = "Assessments of the family's culture, faith and language"
            advice = (
                "The assessments describe the family's ethnicity but not what their culture "
                "and faith meant for how they brought up the children, or how racism they "
                "experienced locally affected their trust in services. I advise the panel "
                "to ask each agency how it found out about the family's own view of their "
                "needs, and whether interpreters were used at every contact."
            )
        else:
            about = "Assessments of the disabled family member's needs"
            advice = (
                "No assessment asked how the disability affected day-to-day care or what "
                "adjustments the family needed to take part in meetings. I advise the "
                "panel to consider whether the family was disadvantaged by that, and to "
                "ask for the agencies' policies on reasonable adjustments."
            )
        item = support_services.add_advice(
            run.review,
            actor=user,
            context=SYSTEM,
            about=about,
            advice=advice,
            given_on=run.on(45),
        )
        if run.reached(RS.OVERVIEW_DRAFTING) or run.happened(55):
            support_services.record_advice_considered(
                item,
                actor=run.panel_chair,
                context=SYSTEM,
                held_on=run.on(55),
                text=f"The panel considered the advice of {user.get_full_name()} and asked "
                "the agencies to answer the questions it raises in their reports.",
            )


def parallel_processes(run: ReviewRun) -> None:
    incident = run.case.incident_date
    key = run.plan.fields["circumstances"]
    if run.role == ROLE_CRIMINAL:
        support_services.save_process(
            run.review,
            None,
            actor=run.manager,
            context=SYSTEM,
            kind=ProcessKind.CRIMINAL,
            started_on=incident + timedelta(days=1),
            concluded_on=None,
            status_note="The mother's partner is charged with murder; trial listed at Crown Court",
            holds_publication=True,
        )
    if run.case.outcome == Outcome.DEATH:
        support_services.save_process(
            run.review,
            None,
            actor=run.manager,
            context=SYSTEM,
            kind=ProcessKind.INQUEST,
            started_on=incident + timedelta(days=run.rng.randint(3, 10)),
            concluded_on=None,
            status_note="Opened and adjourned",
            holds_publication=False,
        )
    if "domestic homicide review" in key:
        support_services.save_process(
            run.review,
            None,
            actor=run.manager,
            context=SYSTEM,
            kind=ProcessKind.DOMESTIC_HOMICIDE,
            started_on=run.on(10),
            concluded_on=None,
            status_note="Community safety partnership; the two reviews share chronologies",
            holds_publication=False,
        )


def hold_for_criminal_proceedings(run: ReviewRun, nominal: float) -> None:
    """Pause the review's clocks until the trial (the demonstration's paused review)."""
    pause_clocks(
        run.case,
        actor=run.manager,
        context=SYSTEM,
        starts_on=run.on(nominal),
        reason="Criminal proceedings: the trial of the mother's partner is awaited; "
        "the executive summary will not be published until it concludes.",
    )


def conclude_processes(run: ReviewRun, nominal: float) -> None:
    for process in run.review.parallel.order_by("kind"):
        fields = {name: getattr(process, name) for name in support_services.PROCESS_FIELDS}
        fields["concluded_on"] = max(run.on(nominal), process.started_on or run.decided)
        fields["status_note"] = "Concluded"
        support_services.save_process(
            run.review, process, actor=run.manager, context=SYSTEM, **fields
        )


def offer_support(run: ReviewRun) -> None:
    run.professionals = []
    offered = run.on(14)
    for agency in run.agencies:
        staff = AGENCY_WORK.get(agency.kind, AGENCY_WORK[AgencyKind.OTHER])[4]
        for role in staff[: 2 if agency.kind == AgencyKind.CHILDRENS_SOCIAL_CARE else 1]:
            fields = {
                "agency": agency,
                "role": role,
                "name": professional_name(run.rng) if run.rng.random() < 0.5 else "",
                "support_offered_on": offered,
                "support_taken_up": run.rng.random() < 0.45,
                "debriefed_on": None,
                "feedback_on": None,
            }
            run.professionals.append(
                (
                    support_services.save_professional(
                        run.review,
                        None,
                        actor=run.manager,
                        context=SYSTEM,
                        **fields,
                    ),
                    fields,
                )
            )
    if run.role == ROLE_SUPPORT_GAP and run.agencies:
        support_services.save_professional(
            run.review,
            None,
            actor=run.manager,
            context=SYSTEM,
            agency=run.agencies[-1],
            role="Locum Social Worker (left the agency)",
            name="",
            support_offered_on=None,
            support_taken_up=False,
            debriefed_on=None,
            feedback_on=None,
        )


def debrief(run: ReviewRun, debrief: float, feedback: float) -> None:
    if not (run.reached(RS.PUBLISHED) or run.happened(debrief)):
        return
    debriefed = run.on(debrief)
    fed_back = run.reached(RS.PUBLISHED) or run.happened(feedback)
    feedback = run.on(feedback) if fed_back else None
    for professional, fields in run.professionals:
        support_services.save_professional(
            run.review,
            professional,
            actor=run.manager,
            context=SYSTEM,
            **dict(fields, debriefed_on=debriefed, feedback_on=feedback),
        )
