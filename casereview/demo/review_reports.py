"""The agencies' reports: asked for from the terms of reference, written by each agency's
author, submitted, sometimes returned once, and accepted by the panel."""

from __future__ import annotations

import random
from datetime import date, timedelta

from casereview.accounts.models import AgencyKind
from casereview.audit.context import SYSTEM
from casereview.cases.models import Task, TaskKind
from casereview.chronology import merge
from casereview.chronology.models import AgencyChronology, ChronologyStatus
from casereview.reviews.models import AgencyReport, PanelDecisionKind
from casereview.reviews.reports import services as reports_services

from . import chronologies
from .people import professional_name
from .review_panel import diversity_decisions, meeting_on
from .review_profile import RS, STAGE_ENTRY
from .review_run import ReviewRun

# What each kind of agency did, the lesson its report draws and what it recommends; the
# senior officer who signs the report off; the staff whose practice the review looks at.
AGENCY_WORK = {
    AgencyKind.POLICE: (
        "Officers attended the home {n} times after reports of domestic abuse and shared "
        "two notifications with children's social care.",
        "Domestic abuse notifications did not always record the children in the household "
        "or their ages.",
        "Officers attending domestic abuse incidents record every child present, and the "
        "notification reaches children's social care within 24 hours.",
        "Detective Superintendent, Head of Public Protection",
        ("Detective Constable, Child Abuse Investigation Unit", "Response Sergeant"),
    ),
    AgencyKind.CHILDRENS_SOCIAL_CARE: (
        "The service completed {n} assessments and held a strategy discussion; the case was "
        "closed to a social worker three months before the incident.",
        "Assessments relied on the mother's account and did not seek the views of the other "
        "adults in the household or of the other agencies involved.",
        "Team managers check that every assessment includes each adult in the household and "
        "the views of the other agencies before a case is closed.",
        "Assistant Director, Children's Social Care",
        ("Allocated Social Worker", "Team Manager, Assessment Team"),
    ),
    AgencyKind.HEALTH_PROVIDER: (
        "Staff saw {name} at {n} emergency department attendances and at one outpatient "
        "appointment.",
        "The attendances were not linked, and the safeguarding flag on the record was not "
        "checked at triage.",
        "Emergency department staff check earlier attendances and the child protection "
        "information system for every child under two.",
        "Chief Nurse and Executive Lead for Safeguarding",
        ("Emergency Department Staff Nurse", "Paediatric Registrar"),
    ),
    AgencyKind.PRIMARY_CARE_TRUST: (
        "The GP practice saw {name} {n} times and the health visiting service made four contacts.",
        "Missed appointments were not followed up, and the health visitor did not know of "
        "the police call-outs.",
        "GP practices code and review missed appointments for children on a plan, and "
        "health visitors receive domestic abuse notifications.",
        "Director of Nursing and Quality",
        ("Health Visitor", "General Practitioner"),
    ),
    AgencyKind.EDUCATION: (
        "The school recorded concerns about attendance and {name}'s presentation on {n} occasions.",
        "Low-level concerns were recorded but not brought together or referred.",
        "The designated safeguarding lead reviews each child's cumulative record every half term.",
        "Head of Education Safeguarding",
        ("Class Teacher", "Designated Safeguarding Lead"),
    ),
    AgencyKind.PROBATION: (
        "The trust supervised an adult in the household on licence and made {n} home visits.",
        "The offender manager did not check whether there were children in the household.",
        "Offender managers check with children's social care at the start of every order "
        "where the offender lives with or near children.",
        "Assistant Chief Officer, Public Protection",
        ("Offender Manager",),
    ),
    AgencyKind.HOUSING: (
        "Housing officers dealt with {n} reports of disrepair and two of noise at the address.",
        "Officers visiting the home did not see the children's living conditions as a "
        "safeguarding matter.",
        "Housing officers complete safeguarding training and know how to refer a concern.",
        "Director of Housing Services",
        ("Neighbourhood Housing Officer",),
    ),
    AgencyKind.VOLUNTARY: (
        "Family support workers met the mother {n} times at the children's centre.",
        "Workers were unsure whether they could share what the mother told them.",
        "The network's information-sharing guidance is rewritten with the board's help.",
        "Chief Executive",
        ("Family Support Worker",),
    ),
    AgencyKind.OTHER: (
        "The service had {n} contacts with the family.",
        "Information held by the service was not shared with the agencies leading the work.",
        "The service takes part in multi-agency meetings about the children it works with.",
        "Head of Service",
        ("Case Worker",),
    ),
    AgencyKind.STRATEGIC_HEALTH_AUTHORITY: (
        "The authority had {n} contacts about commissioning the family's health services.",
        "Commissioners did not check how safeguarding duties were met in the contracts.",
        "Contracts for children's health services include safeguarding standards.",
        "Director of Nursing",
        ("Commissioning Manager",),
    ),
}
AUTHOR_ROLES = (
    "Safeguarding Practice Lead",
    "Senior Manager, Quality Assurance",
    "Named Professional for Safeguarding Children",
)
RETURN_REASONS = (
    "The chronology stops at the strategy discussion; please extend it to the date of the "
    "incident and say what the agency knew of the other adults in the household.",
    "The analysis describes what happened but not why; please explain the decisions made "
    "and whether they were in line with the agency's procedures at the time.",
)


def agency_reports(run: ReviewRun) -> None:
    """Ask for the reports, then write, submit and accept them by real dates: each
    agency has about two months; a report may be returned once. A review still in
    this stage has one report not yet submitted."""
    requested = run.on(28)
    agency_chronologies(run, requested)
    reports = reports_services.request_from_terms(run.review, actor=run.manager, context=SYSTEM)
    AgencyReport.objects.filter(review=run.review).update(requested_on=requested)
    reports.sort(key=lambda r: r.agency.name)
    finished = run.reached(RS.OVERVIEW_DRAFTING)
    # A finished stage fits before the move to the overview; one in progress takes the
    # time it takes.
    span = (run.on(STAGE_ENTRY[RS.OVERVIEW_DRAFTING]) - requested).days if finished else 90
    late = None if finished else run.rng.choice(reports)
    returned = None
    if len(reports) >= 3 and run.rng.random() < 0.5:
        returned = run.rng.choice([r for r in reports if r is not late])
    meeting_on = requested + timedelta(days=round(span * 0.85))
    secured = dict(
        Task.objects.filter(notification=run.case, kind=TaskKind.RECORDS_SECURED)
        .exclude(done_on=None)
        .values_list("agency_id", "done_on")
    )
    accepted = []
    for report in reports:
        report.requested_on = requested
        author = run.staff.agency_authors.get(report.agency_id, run.manager)
        fields = report_fields(run, report, author, secured.get(report.agency_id))
        share = run.rng.uniform(0.3, 0.45) if report is returned else run.rng.uniform(0.4, 0.7)
        submitted = requested + timedelta(days=round(span * share))
        if report is late or submitted > run.today:
            started = requested + timedelta(days=round(span * 0.3))
            if started <= run.today:
                wanted = ("author_role", "context", "methodology")
                reports_services.save_report(
                    report,
                    actor=author,
                    context=SYSTEM,
                    fields={k: fields[k] for k in wanted},
                    lock_version=report.lock_version,
                )
            continue
        submit(run, report, author, fields, submitted)
        if report is returned:
            sent_back = submitted + timedelta(days=round(span * 0.12))
            if sent_back > run.today:
                continue
            reports_services.decide_report(
                report,
                actor=run.panel_chair,
                context=SYSTEM,
                decision="return",
                reasons=run.rng.choice(RETURN_REASONS),
            )
            AgencyReport.objects.filter(pk=report.pk).update(decided_on=sent_back)
            again = sent_back + timedelta(days=round(span * 0.15))
            if again > run.today or not finished:
                continue
            submit(run, report, author, fields, again)
        if meeting_on <= run.today:
            accepted.append(report)
    if accepted:
        accept(run, accepted, meeting_on)


def submit(run: ReviewRun, report: AgencyReport, author, fields: dict, on: date) -> None:
    # Every section is needed to submit: an agency whose "records secured" task was never
    # ticked on the case secured them for its report within a week of the request.
    secured = fields.get("records_secured_on") or min(report.requested_on + timedelta(days=7), on)
    fields = dict(
        fields,
        records_secured_on=secured,
        signed_off_on=max(on - timedelta(days=2), report.requested_on),
    )
    reports_services.submit_report(
        report,
        actor=author,
        context=SYSTEM,
        fields=fields,
        lock_version=report.lock_version,
    )
    AgencyReport.objects.filter(pk=report.pk).update(submitted_on=on)
    report.submitted_on = on
    # The agency's chronology goes to the panel with its report.
    AgencyChronology.objects.filter(review=report.review_id, agency=report.agency_id).update(
        status=ChronologyStatus.SUBMITTED, submitted_at=run.moment(on), submitted_by=author
    )


def agency_chronologies(run: ReviewRun, on: date) -> None:
    """Each agency's chronology, tens to a few hundred entries in all, given as the reports
    are asked for. Its own random stream (from the reference) leaves the rest of the review
    as it was."""
    rng = random.Random(run.review.reference)
    made = chronologies.chronologies_of(run.review, sorted(run.agencies, key=lambda a: a.name))
    chronologies.write(
        chronologies.entries_for(
            rng,
            made,
            run.period(),
            rng.randint(20, 250),
            run.manager,
            run.moment(on),
            born=run.child.date_of_birth,
        )
    )
    # As the entry pages and the import do: the same event from two agencies is grouped.
    merge.rebuild(run.review, actor=None, context=SYSTEM)


def accept(run: ReviewRun, reports: list[AgencyReport], on: date) -> None:
    for report in reports:
        reports_services.decide_report(
            report,
            actor=run.panel_chair,
            context=SYSTEM,
            decision="accept",
            reasons="",
        )
        AgencyReport.objects.filter(pk=report.pk).update(decided_on=on)
    decisions = [
        (PanelDecisionKind.AGENCY_REPORT, f"The report of {r.agency.name} was accepted.")
        for r in reports
    ]
    if len(reports) == len(run.agencies):
        decisions += diversity_decisions(run)
    meeting_on(
        run, on, "The panel considered the agency reports with their authors present.", decisions
    )


def report_fields(run: ReviewRun, report: AgencyReport, author, secured: date | None) -> dict:
    kind = report.agency.kind
    did, lesson, recommendation, senior, _staff = AGENCY_WORK.get(
        kind, AGENCY_WORK[AgencyKind.OTHER]
    )
    start, _ = run.period()
    # The draw the free-text chronology summary made: the rest of the demo stays as it was.
    run.rng.randint(12, 60)
    name = run.first_name
    role = author.job_title if author != run.manager else run.rng.choice(AUTHOR_ROLES)
    return {
        "author_role": role,
        "author_independence": "Had no involvement with the family and does not manage "
        "anyone who did.",
        "records_secured_on": secured,
        "context": f"{report.agency.name} knew {name} and the family from "
        f"{start:%B %Y} until the incident. {did.format(n=run.rng.randint(3, 9), name=name)}",
        "methodology": "Records were read in full; the author interviewed the staff "
        "involved and their managers, and checked the practice against the agency's "
        "procedures at the time.",
        "analysis": f"Staff were committed to the family, but the agency did not see the "
        f"pattern in what it knew. {lesson}",
        "lessons": lesson,
        "recommendations": recommendation,
        "action_plan": f"{recommendation} Lead: {senior}. Progress reported to the panel "
        "every quarter.",
        "senior_sign_off_name": professional_name(run.rng),
        "senior_sign_off_role": senior,
    }
