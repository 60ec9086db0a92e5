"""Synthetic data for demonstrations, tests and benchmarks (`casereview seed`).

Three scales:

- ``demo``: the Eastbrook board (40 notifications, about 15 reviews) and the Westmoor board
  (10 notifications), with the documented demo logins. Written through the real services
  (`create_notification`, `save_person`, `complete_task`, `record_panel_recommendation`,
  `record_decision`), so every row has its audit event and every rule is applied.
- ``board``: one board (Eastbrook, with the demo logins) with 40 reviews out of about 120
  notifications, also through the services.

At these two scales the reviews are then run (`run_reviews`) through the review services
(`lifecycle.move`, the panel, terms of reference, agency report, family and support
services) to a spread of stages that fits how long ago each was decided (`REVIEW_PROFILE`):
one or two just decided, some in scoping, several in agency reports or overview drafting,
and older ones signed off, monitored or closed. Each has the workflow data its stage
implies, with some obligations genuinely overdue. With a full profile (15 or more
reviews) the board also has the demonstration's cases: a Polish-speaking mother first
written to in English without an interpreter (the 19.3 warning), a review held at board
sign-off by criminal proceedings with its clocks paused, terms of reference still in draft
after a month, a late notification to the Government Office and a professional not yet
offered support.
- ``national``: 150 boards, 600 agencies, 3,000 users, 20,000 notifications and 3,000
  reviews, written with ``bulk_create`` in batches (see `generate_national`).

Everything is deterministic for a given ``seed`` (one `random.Random`), apart from
primary keys, TOTP keys and the audit events' own timestamps. Names, places, postcodes
(``ZZ99``), telephone numbers (Ofcom drama ranges) and e-mail domains (``.example``) are
fictional: see `names` and `places`.

Because the services stamp `timezone.now()`, the generator afterwards moves the business
timestamps (received, completed, recorded, opened; a review's status changes, terms of
reference drafted, reports requested, submitted and decided) back to plausible dates with
queryset ``.update()``. Audit events are append-only and are never touched: they keep the time the
data was loaded.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.db import reset_queries, transaction
from django.utils import timezone

from casereview.accounts.models import Agency, AgencyKind, Board, Membership, Role, User
from casereview.audit.models import AuditEvent
from casereview.cases.checks import child_is_bme, child_or_parent_disabled
from casereview.cases.models import (
    Decision,
    DecisionOutcome,
    KeyDate,
    Notification,
    NotificationAgency,
    NotificationStatus,
    Outcome,
    PanelRecommendation,
    Person,
    Task,
    TaskKind,
)
from casereview.cases.screening import screen
from casereview.cases.services import (
    pause_clocks,
)
from casereview.cases.vocab import Language, PersonKind, Sex
from casereview.procedure import catalogue
from casereview.reviews import (
    family_services,
    lifecycle,
    panel_services,
    reports_services,
    support_services,
)
from casereview.reviews.models import (
    AgencyReport,
    AppointmentRole,
    ContactMethod,
    ContactPurpose,
    ExpertKind,
    FamilyContact,
    InvolvementBasis,
    PanelDecisionKind,
    PanelMeeting,
    ProcessKind,
    Recipient,
    Review,
    ReviewStatus,
    StatusChange,
    TermsOfReference,
)

from .boards import (
    DEMO_BOARD,
    DEMO_PASSWORD,
    DEMO_USERS,
    SECOND_BOARD_USERS,
    BoardContext,
    UserMaker,
    create_boards,
)
from .case_plans import CaseFactory, CasePlan, at, references
from .notifications import TASK_NOTES_RECORDS, renumber, write_via_services
from .people import NUMBER_WORDS, professional_name, years_between
from .review_profile import (
    MOVE_REASONS,
    ROLE_CRIMINAL,
    ROLE_LATE_NOTICE,
    ROLE_POLISH,
    ROLE_SLOW_TERMS,
    ROLE_SUPPORT_GAP,
    RS,
    SCOPING_DAYS,
    STAGE_ENTRY,
    STAGE_ORDER,
    pace,
)

SCALES = ("demo", "board", "national")

# The scale QUALITY.md names.
NATIONAL_BOARDS = 150
NATIONAL_AGENCIES_PER_BOARD = 4
NATIONAL_USERS_PER_BOARD = 20
NATIONAL_NOTIFICATIONS = 20_000
NATIONAL_REVIEWS = 3_000
NATIONAL_AGENCY_KINDS = (
    AgencyKind.POLICE,
    AgencyKind.CHILDRENS_SOCIAL_CARE,
    AgencyKind.HEALTH_PROVIDER,
    AgencyKind.PRIMARY_CARE_TRUST,
)

Progress = Callable[[str, int, int], None]


def _no_progress(label: str, done: int, total: int) -> None:
    return None


def already_loaded() -> bool:
    """Seeded data is recognised by the demo board, which every scale creates."""
    return Board.objects.filter(slug=DEMO_BOARD).exists()


@dataclass
class SeedResult:
    scale: str
    counts: dict[str, int]
    logins: list[tuple[str, str, str, str]] = field(default_factory=list)


def _spread(total: int, parts: int, index: int) -> int:
    return total // parts + (1 if index < total % parts else 0)


# --------------------------------------------------------------------------------------
# Running the reviews (demo and board scales)
# --------------------------------------------------------------------------------------

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

# Who sits on the panel for an agency involved: (role title, agency kinds), in order.
PANEL_SEATS = (
    (AgencyKind.CHILDRENS_SOCIAL_CARE, "Head of Safeguarding and Quality Assurance"),
    (AgencyKind.POLICE, "Detective Chief Inspector, Public Protection"),
    (AgencyKind.PRIMARY_CARE_TRUST, "Designated Nurse for Safeguarding Children"),
    (AgencyKind.HEALTH_PROVIDER, "Named Doctor for Safeguarding Children"),
    (AgencyKind.EDUCATION, "Head of Inclusion"),
    (AgencyKind.PROBATION, "Assistant Chief Officer"),
)

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
SPECIFIC_QUESTIONS = (
    "How well did agencies share information about the risks to {name}, and was it acted on?",
    "Were {name}'s own experiences and daily life seen and heard by the professionals?",
    "How did agencies assess and respond to the adults in the household, including any new "
    "partner?",
    "Were missed appointments and non-engagement recognised as a risk and followed up?",
    "Did supervision and management oversight help practitioners to see the whole picture?",
    "Were thresholds for referral and assessment applied consistently across agencies?",
)


@dataclass
class BoardStaff:
    """The board's people the reviews need, looked up once per board."""

    panel_members: list[User]
    experts: list[User]
    authors: list[User]
    agency_authors: dict[int, User]  # agency pk -> its author

    @classmethod
    def of(cls, ctx: BoardContext) -> BoardStaff:
        by_role = defaultdict(list)
        for m in (
            Membership.objects.filter(board=ctx.board)
            .select_related("user")
            .order_by("user__username")
        ):
            by_role[m.role].append(m.user)
        return cls(
            panel_members=by_role[Role.PANEL_MEMBER],
            experts=by_role[Role.INDEPENDENT_EXPERT],
            authors=by_role[Role.INDEPENDENT_AUTHOR],
            agency_authors={a.pk: ctx.authors[id(a)] for a in ctx.agencies if id(a) in ctx.authors},
        )

    def expert_for(self, kind: str) -> User | None:
        """The expert whose title names the subject, else the first (the demo's `expert`)."""
        word = "Disability" if kind == ExpertKind.DISABILITY else "Race"
        titled = [u for u in self.experts if word in u.job_title]
        return (titled or self.experts or [None])[0]


def run_reviews(
    ctx: BoardContext, plans: list[CasePlan], written: list[Notification], rng: random.Random
) -> Iterator[Review]:
    """Take each of the board's reviews through the workflow to its planned stage, yielding
    each when it is done."""
    staff = BoardStaff.of(ctx)
    today = timezone.localdate()
    for plan, notification in zip(plans, written, strict=True):
        if plan.review_stage:
            runner = ReviewRunner(ctx, staff, plan, notification, rng, today)
            runner.run()
            yield runner.review


class ReviewRunner:
    """Writes one review's workflow through the services, in the order it happened, then
    moves the dates the services stamp with today back to when it happened."""

    def __init__(self, ctx, staff, plan, notification, rng, today):
        self.ctx, self.staff, self.plan, self.rng, self.today = ctx, staff, plan, rng, today
        self.now = timezone.now()
        self.review = Review.objects.select_related("notification", "decision", "board").get(
            notification=notification
        )
        self.case = self.review.notification
        self.decided = self.review.decision.decided_on
        self.decided_at = self.review.decision.recorded_at
        self.stage = plan.review_stage
        self.role = plan.review_role
        self.pace = pace(rng, self.stage, (today - self.decided).days)
        people = sorted(
            Person.objects.filter(notification=notification),
            key=lambda p: (p.kind, p.relationship, p.family_name, p.given_names),
        )
        self.child = next(p for p in people if p.kind == PersonKind.CHILD)
        self.first_name = self.child.given_names.split()[0]
        self.family = [
            p
            for p in people
            if p.kind == PersonKind.FAMILY and (p.parental_responsibility or p.legitimate_interest)
        ]
        self.family.sort(key=lambda p: not p.parental_responsibility)
        self.reachable = [p for p in self.family if p.contact_details != "Deceased"]
        self.agencies = list(plan.agencies)
        self.bme = bool(child_is_bme([self.case]))
        self.disabled = bool(child_or_parent_disabled([self.case]))
        self.manager, self.panel_chair = ctx.manager, ctx.panel_chair
        self.members: list = []
        self.experts: list = []
        self.professionals: list = []
        self.last_move = self.decided_at

    # -- time -------------------------------------------------------------------------

    def _offset(self, nominal: float) -> int:
        if nominal <= SCOPING_DAYS:
            return round(nominal)
        return round(SCOPING_DAYS + (nominal - SCOPING_DAYS) * self.pace)

    def happened(self, nominal: float) -> bool:
        return self.decided + timedelta(days=self._offset(nominal)) <= self.today

    def on(self, nominal: float) -> date:
        return min(self.decided + timedelta(days=self._offset(nominal)), self.today)

    def moment(self, day: date) -> datetime:
        """A time in the working day of `day`, after the decision and not in the future."""
        when = at(day, self.rng, 9, 17)
        return max(min(when, self.now - timedelta(minutes=5)), self.decided_at)

    def reached(self, stage: str) -> bool:
        return STAGE_ORDER.index(self.stage) >= STAGE_ORDER.index(stage)

    # -- the story --------------------------------------------------------------------

    def run(self) -> None:
        """The review's story to its planned stage; each step at its (paced) day."""
        entry = STAGE_ENTRY
        self.outbound()
        if self.reached(RS.SCOPING) or self.happened(6):
            self.tell_family(6, [ContactPurpose.TOLD_OF_REVIEW])
        if not self.reached(RS.SCOPING):
            return
        self.move(RS.SCOPING, entry[RS.SCOPING])
        self.appoint_panel()
        self.parallel_processes()
        self.appoint_experts()
        self.first_meeting()
        self.involve_family()
        self.offer_support()
        terms = self.draft_terms()
        if self.reached(RS.AGENCY_REPORTS) or self.happened(18):
            self.tell_family(18, [ContactPurpose.PROCESS, ContactPurpose.INVITED])
        agree = self.reached(RS.AGENCY_REPORTS) or (
            self.role != ROLE_SLOW_TERMS and self.happened(26) and self.rng.random() < 0.5
        )
        if agree:
            self.agree_terms(terms)
        if not self.reached(RS.AGENCY_REPORTS):
            return
        self.move(RS.AGENCY_REPORTS, entry[RS.AGENCY_REPORTS])
        self.agency_reports()
        self.expert_advice()
        if self.reached(RS.OVERVIEW_DRAFTING) or self.happened(50):
            self.meeting(
                50,
                "The panel reviewed the family's involvement and the progress of the agency "
                "reports.",
                [(PanelDecisionKind.FAMILY_INVOLVEMENT_REVIEWED, self.family_reviewed_text())],
            )
        if not self.reached(RS.OVERVIEW_DRAFTING):
            return
        self.move(RS.OVERVIEW_DRAFTING, entry[RS.OVERVIEW_DRAFTING])
        if self.reached(RS.PANEL_SIGN_OFF) or self.happened(entry[RS.OVERVIEW_DRAFTING] + 15):
            self.overview_meeting()
        if not self.reached(RS.PANEL_SIGN_OFF):
            return
        self.move(RS.PANEL_SIGN_OFF, entry[RS.PANEL_SIGN_OFF])
        if not self.reached(RS.BOARD_SIGN_OFF):
            return
        signed_off = entry[RS.BOARD_SIGN_OFF]
        self.move(RS.BOARD_SIGN_OFF, signed_off)
        self.tell_family(signed_off + 4, [ContactPurpose.SHOWN_REPORT, ContactPurpose.PUBLICATION])
        self.debrief(signed_off + 10, signed_off + 20)
        if self.role == ROLE_CRIMINAL:
            pause_clocks(
                None,
                self.case,
                actor=self.manager,
                starts_on=self.on(signed_off + 2),
                reason="Criminal proceedings: the trial of the mother's partner is awaited; "
                "the executive summary will not be published until it concludes.",
            )
        if not self.reached(RS.PUBLISHED):
            return
        self.conclude_processes(entry[RS.PUBLISHED] - 10)
        self.move(RS.PUBLISHED, entry[RS.PUBLISHED], actor=self.ctx.chair)
        for stage in (RS.MONITORING, RS.CLOSED):
            if self.reached(stage):
                self.move(stage, entry[stage])

    # -- stages -----------------------------------------------------------------------

    def move(self, to: str, nominal: float, actor=None) -> None:
        change = lifecycle.move(
            None, self.review, to=to, actor=actor or self.manager, reason=MOVE_REASONS[to]
        )
        # Moves made on the same day keep their order.
        self.last_move = max(self.moment(self.on(nominal)), self.last_move + timedelta(minutes=7))
        StatusChange.objects.filter(pk=change.pk).update(changed_at=self.last_move)

    # -- statutory notifications ------------------------------------------------------

    def outbound(self) -> None:
        regime = catalogue.version_of(self.review.regime, self.review.regime_version)
        recipients = [
            RECIPIENT_BY_CHECK[o.satisfied_by]
            for o in regime.obligations
            if o.satisfied_by in RECIPIENT_BY_CHECK and "review_held" in o.applies
        ]
        child = self.child
        for recipient in recipients:
            late = self.role == ROLE_LATE_NOTICE and recipient == Recipient.GOVERNMENT_OFFICE
            sent = self.decided + timedelta(
                days=self.rng.randint(12, 18) if late else self.rng.randint(1, 4)
            )
            if sent > self.today:
                continue
            purpose, method = OUTBOUND[recipient]
            sex = "girl" if child.sex == Sex.FEMALE else "boy"
            copy = (
                f"{self.review.board.name}: serious case review {self.review.reference}.\n"
                f"On {self.decided:%d %B %Y} the chair of the board decided to hold a serious "
                f"case review about a {sex} born in {child.date_of_birth:%Y}, after the "
                f"incident of {self.case.incident_date:%d %B %Y}. The panel will be appointed "
                "and the terms of reference agreed within a month; we will send the executive "
                "summary when the review is complete.\n"
                f"{self.manager.get_full_name()}, {self.manager.job_title}"
            )
            support_services.record_outbound(
                None,
                self.review,
                actor=self.manager,
                recipient=recipient,
                purpose=purpose,
                sent_on=sent,
                method=method,
                copy=copy,
            )

    # -- the panel --------------------------------------------------------------------

    def appoint_panel(self) -> None:
        chair = self.panel_chair
        self.members.append(
            panel_services.add_member(
                None,
                self.review,
                actor=self.manager,
                name=chair.get_full_name(),
                role_title=chair.job_title or "Independent Review Panel Chair",
                joined_on=self.on(3),
                independent_chair=True,
                user=chair,
            )
        )
        involved = {a.kind: a for a in reversed(self.agencies)}
        seats = [(involved[kind], title) for kind, title in PANEL_SEATS if kind in involved]
        for agency, title in seats[:5]:
            user = None
            if agency.kind == AgencyKind.CHILDRENS_SOCIAL_CARE and self.staff.panel_members:
                user = self.staff.panel_members[0]
            name = user.get_full_name() if user else professional_name(self.rng)
            self.members.append(
                panel_services.add_member(
                    None,
                    self.review,
                    actor=self.manager,
                    name=name,
                    role_title=f"{title}, {agency.name}",
                    joined_on=self.on(self.rng.randint(4, 7)),
                    agency=agency,
                    user=user,
                )
            )

    def meeting(self, nominal: float, minutes: str, decisions: list[tuple[str, str]]):
        return self.meeting_on(self.on(nominal), minutes, decisions)

    def meeting_on(self, held_on: date, minutes: str, decisions: list[tuple[str, str]]):
        attendees = [m for m in self.members if m.independent_chair or self.rng.random() < 0.85]
        meeting = panel_services.add_meeting(
            None,
            self.review,
            actor=self.manager,
            held_on=held_on,
            attendees=attendees,
            minutes=minutes,
        )
        for kind, text in decisions:
            panel_services.record_decision(
                None, meeting, actor=self.panel_chair, kind=kind, text=text
            )
        return meeting

    def first_meeting(self) -> None:
        decisions = [(PanelDecisionKind.FAMILY_INVOLVEMENT_AGREED, self.family_agreed_text())]
        if self.bme:
            decisions.append((PanelDecisionKind.COMMUNITY_LINK, self.community_link_text()))
        decisions.append(
            (
                PanelDecisionKind.OTHER,
                f"The review will cover the period from {self.period()[0]:%d %B %Y} to the "
                f"incident. {len(self.agencies)} agencies will be asked for reports; each "
                "has confirmed that its records are secured.",
            )
        )
        self.meeting(
            12,
            "First meeting of the panel. Members declared any involvement in the case; none "
            "had line-managed the staff involved. The panel discussed the scope of the review, "
            "the family's part in it and the support for the staff involved.",
            decisions,
        )

    def diversity_decisions(self) -> list[tuple[str, str]]:
        """What the panel decides about 19.3 and 19.4 once it has read every report."""
        decisions = []
        if self.bme:
            decisions.append(
                (
                    PanelDecisionKind.CULTURAL_SENSITIVITY,
                    "Having read the agency reports and the independent adviser's advice, the "
                    "panel considered whether assessments and services were sensitive to the "
                    "family's race, culture, language and religion. It found that no agency "
                    "had asked about the family's faith or what it meant for their daily "
                    "life, and that interpreters were used for appointments but not for home "
                    "visits. The overview report will say so.",
                )
            )
        if self.disabled:
            decisions.append(
                (
                    PanelDecisionKind.DISABILITY_JUDGEMENT,
                    "The panel judged that assessments did not take enough account of the "
                    "disability in the family: communication needs were not met at two "
                    "assessments, and the family's need for practical support was seen as "
                    "reluctance to engage. This disadvantaged the family.",
                )
            )
        return decisions

    def overview_meeting(self) -> None:
        self.meeting(
            STAGE_ENTRY[RS.OVERVIEW_DRAFTING] + 15,
            "The panel met to consider the independent author's first draft.",
            [
                (
                    PanelDecisionKind.OTHER,
                    "The panel discussed the first draft of the overview report and asked for "
                    "the analysis of information sharing between health and children's social "
                    "care to be strengthened.",
                )
            ],
        )

    # -- experts and the overview author ---------------------------------------------

    def appoint_experts(self) -> None:
        wanted = []
        if self.bme:
            wanted.append(ExpertKind.RACE_CULTURE)
        if self.disabled:
            wanted.append(ExpertKind.DISABILITY)
        for kind in wanted:
            user = self.staff.expert_for(kind)
            if user is None:
                continue
            support_services.appoint(
                None,
                self.review,
                actor=self.manager,
                user=user,
                role=AppointmentRole.INDEPENDENT_EXPERT,
                kind=kind,
                appointed_on=self.on(self.rng.randint(8, 12)),
            )
            self.experts.append((kind, user))
        if self.staff.authors:
            support_services.appoint(
                None,
                self.review,
                actor=self.manager,
                user=self.staff.authors[0],
                role=AppointmentRole.INDEPENDENT_AUTHOR,
                appointed_on=self.on(14),
            )

    def expert_advice(self) -> None:
        for kind, user in self.experts:
            if not (self.reached(RS.OVERVIEW_DRAFTING) or self.happened(45)):
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
                None, self.review, actor=user, about=about, advice=advice, given_on=self.on(45)
            )
            if self.reached(RS.OVERVIEW_DRAFTING) or self.happened(55):
                support_services.record_advice_considered(
                    None,
                    item,
                    actor=self.panel_chair,
                    held_on=self.on(55),
                    text=f"The panel considered the advice of {user.get_full_name()} and asked "
                    "the agencies to answer the questions it raises in their reports.",
                )

    # -- parallel processes -----------------------------------------------------------

    def parallel_processes(self) -> None:
        incident = self.case.incident_date
        key = self.plan.fields["circumstances"]
        if self.role == ROLE_CRIMINAL:
            support_services.save_process(
                None,
                self.review,
                None,
                actor=self.manager,
                kind=ProcessKind.CRIMINAL,
                started_on=incident + timedelta(days=1),
                concluded_on=None,
                status_note="The mother's partner is charged with murder; trial listed at "
                "Crown Court",
                holds_publication=True,
            )
        if self.case.outcome == Outcome.DEATH:
            support_services.save_process(
                None,
                self.review,
                None,
                actor=self.manager,
                kind=ProcessKind.INQUEST,
                started_on=incident + timedelta(days=self.rng.randint(3, 10)),
                concluded_on=None,
                status_note="Opened and adjourned",
                holds_publication=False,
            )
        if "domestic homicide review" in key:
            support_services.save_process(
                None,
                self.review,
                None,
                actor=self.manager,
                kind=ProcessKind.DOMESTIC_HOMICIDE,
                started_on=self.on(10),
                concluded_on=None,
                status_note="Community safety partnership; the two reviews share chronologies",
                holds_publication=False,
            )

    def conclude_processes(self, nominal: float) -> None:
        for process in self.review.parallel.order_by("kind"):
            fields = {name: getattr(process, name) for name in support_services.PROCESS_FIELDS}
            fields["concluded_on"] = max(self.on(nominal), process.started_on or self.decided)
            fields["status_note"] = "Concluded"
            support_services.save_process(None, self.review, process, actor=self.manager, **fields)

    # -- terms of reference -----------------------------------------------------------

    def period(self) -> tuple[date, date]:
        incident = self.case.incident_date
        born = self.child.date_of_birth or incident
        return max(born, incident - timedelta(days=2 * 365)), incident

    def draft_terms(self) -> TermsOfReference:
        start, end = self.period()
        processes = "\n".join(
            f"{p.get_kind_display()}: {p.status_note}" for p in self.review.parallel.all()
        )
        questions = self.rng.sample(SPECIFIC_QUESTIONS, 3)
        due = self.on(28) + timedelta(days=56)
        terms = panel_services.save_terms(
            None,
            self.review,
            actor=self.panel_chair,
            fields={
                "period_start": start,
                "period_end": end,
                "family_involvement": self.family_agreed_text(),
                "parallel_processes": processes,
                "diversity_questions": "\n".join(
                    panel_services.diversity_questions_for(self.review)
                ),
                "specific_questions": "\n".join(q.format(name=self.first_name) for q in questions),
            },
            reports=[(agency, due) for agency in self.agencies],
        )
        TermsOfReference.objects.filter(pk=terms.pk).update(created_at=self.moment(self.on(16)))
        return terms

    def agree_terms(self, terms: TermsOfReference) -> None:
        panel_services.agree_terms(None, terms, actor=self.panel_chair, agreed_on=self.on(26))
        self.meeting(
            26,
            "The panel went through the draft terms of reference line by line.",
            [
                (
                    PanelDecisionKind.TERMS_AGREED,
                    f"Version {terms.version} of the terms of reference agreed; reports asked "
                    f"of {len(self.agencies)} agencies.",
                )
            ],
        )

    # -- agency reports ---------------------------------------------------------------

    def agency_reports(self) -> None:
        """Ask for the reports, then write, submit and accept them by real dates: each
        agency has about two months; a report may be returned once. A review still in
        this stage has one report not yet submitted."""
        requested = self.on(28)
        reports = reports_services.request_from_terms(None, self.review, actor=self.manager)
        AgencyReport.objects.filter(review=self.review).update(requested_on=requested)
        reports.sort(key=lambda r: r.agency.name)
        finished = self.reached(RS.OVERVIEW_DRAFTING)
        # A finished stage fits before the move to the overview; one in progress takes the
        # time it takes.
        span = (self.on(STAGE_ENTRY[RS.OVERVIEW_DRAFTING]) - requested).days if finished else 90
        late = None if finished else self.rng.choice(reports)
        returned = None
        if len(reports) >= 3 and self.rng.random() < 0.5:
            returned = self.rng.choice([r for r in reports if r is not late])
        meeting_on = requested + timedelta(days=round(span * 0.85))
        secured = dict(
            Task.objects.filter(notification=self.case, kind=TaskKind.RECORDS_SECURED)
            .exclude(done_on=None)
            .values_list("agency_id", "done_on")
        )
        accepted = []
        for report in reports:
            report.requested_on = requested
            author = self.staff.agency_authors.get(report.agency_id, self.manager)
            fields = self.report_fields(report, author, secured.get(report.agency_id))
            share = (
                self.rng.uniform(0.3, 0.45) if report is returned else self.rng.uniform(0.4, 0.7)
            )
            submitted = requested + timedelta(days=round(span * share))
            if report is late or submitted > self.today:
                started = requested + timedelta(days=round(span * 0.3))
                if started <= self.today:
                    wanted = ("author_role", "context", "methodology", "chronology_summary")
                    reports_services.save_report(
                        None,
                        report,
                        actor=author,
                        fields={k: fields[k] for k in wanted},
                        lock_version=report.lock_version,
                    )
                continue
            self.submit(report, author, fields, submitted)
            if report is returned:
                sent_back = submitted + timedelta(days=round(span * 0.12))
                if sent_back > self.today:
                    continue
                reports_services.decide_report(
                    None,
                    report,
                    actor=self.panel_chair,
                    decision="return",
                    reasons=self.rng.choice(RETURN_REASONS),
                )
                AgencyReport.objects.filter(pk=report.pk).update(decided_on=sent_back)
                again = sent_back + timedelta(days=round(span * 0.15))
                if again > self.today or not finished:
                    continue
                self.submit(report, author, fields, again)
            if meeting_on <= self.today:
                accepted.append(report)
        if accepted:
            self.accept(accepted, meeting_on)

    def submit(self, report: AgencyReport, author, fields: dict, on: date) -> None:
        fields = dict(fields, signed_off_on=max(on - timedelta(days=2), report.requested_on))
        reports_services.submit_report(
            None, report, actor=author, fields=fields, lock_version=report.lock_version
        )
        AgencyReport.objects.filter(pk=report.pk).update(submitted_on=on)
        report.submitted_on = on

    def accept(self, reports: list[AgencyReport], on: date) -> None:
        for report in reports:
            reports_services.decide_report(
                None, report, actor=self.panel_chair, decision="accept", reasons=""
            )
            AgencyReport.objects.filter(pk=report.pk).update(decided_on=on)
        decisions = [
            (PanelDecisionKind.AGENCY_REPORT, f"The report of {r.agency.name} was accepted.")
            for r in reports
        ]
        if len(reports) == len(self.agencies):
            decisions += self.diversity_decisions()
        self.meeting_on(
            on, "The panel considered the agency reports with their authors present.", decisions
        )

    def report_fields(self, report: AgencyReport, author, secured: date | None) -> dict:
        kind = report.agency.kind
        did, lesson, recommendation, senior, _staff = AGENCY_WORK.get(
            kind, AGENCY_WORK[AgencyKind.OTHER]
        )
        start, end = self.period()
        name = self.first_name
        role = author.job_title if author != self.manager else self.rng.choice(AUTHOR_ROLES)
        return {
            "author_role": role,
            "author_independence": "Had no involvement with the family and does not manage "
            "anyone who did.",
            "records_secured_on": secured,
            "context": f"{report.agency.name} knew {name} and the family from "
            f"{start:%B %Y} until the incident. {did.format(n=self.rng.randint(3, 9), name=name)}",
            "methodology": "Records were read in full; the author interviewed the staff "
            "involved and their managers, and checked the practice against the agency's "
            "procedures at the time.",
            "chronology_summary": f"{self.rng.randint(12, 60)} entries from {start:%d %B %Y} "
            f"to {end:%d %B %Y}; the full chronology is attached to the review file.",
            "analysis": f"Staff were committed to the family, but the agency did not see the "
            f"pattern in what it knew. {lesson}",
            "lessons": lesson,
            "recommendations": recommendation,
            "action_plan": f"{recommendation} Lead: {senior}. Progress reported to the panel "
            "every quarter.",
            "senior_sign_off_name": professional_name(self.rng),
            "senior_sign_off_role": senior,
        }

    # -- the family -------------------------------------------------------------------

    def family_names(self) -> str:
        names_ = [
            f"{p.given_names.split()[0]} ({p.get_relationship_display().lower()})"
            for p in self.reachable
        ]
        return ", ".join(names_) or "the family"

    def family_agreed_text(self) -> str:
        return (
            f"{self.family_names()} will be told of the review and its purpose, invited to "
            "meet the independent author and contribute their views, and told of the findings "
            "and the timing of publication before the executive summary is published."
        )

    def family_reviewed_text(self) -> str:
        return (
            "The family's involvement continues as agreed. The independent author has met "
            "the family; a further meeting will be offered when the draft overview report is "
            "ready."
        )

    def community_link_text(self) -> str:
        voluntary = [a.name for a in self.ctx.agencies if a.kind == AgencyKind.VOLUNTARY]
        who = (
            f"{self.experts[0][1].get_full_name()}, the independent adviser,"
            if self.experts
            else "The board business manager"
        )
        groups = " and ".join(voluntary[-2:]) if voluntary else "local community groups"
        return (
            f"{who} will link in with {groups}, the family's place of worship and other "
            "black and minority ethnic community organisations the family used."
        )

    def involve_family(self) -> None:
        parents = ", ".join(
            p.given_names.split()[0] for p in self.family if p.parental_responsibility
        )
        for person in self.family:
            if person.contact_details == "Deceased":
                continue
            if person.parental_responsibility:
                basis, reason, views = InvolvementBasis.PARENTAL_RESPONSIBILITY, "", ""
            else:
                basis = InvolvementBasis.LEGITIMATE_INTEREST
                reason = (
                    f"{person.given_names.split()[0]} cared for {self.first_name} for long "
                    "periods and knows the family's history; the panel believes their account "
                    "is in the child's interests."
                )
                views = f"{parents or 'The parents'} agreed to their involvement."
            extent = "Told of the review, invited to meet the independent author and shown "
            extent += "the findings before publication."
            if person.contact_details.startswith(("In custody", "Detained")):
                extent = "Told of the review in writing; a meeting will be offered when the "
                extent += "criminal or mental health proceedings allow."
            family_services.record_involvement(
                None,
                self.review,
                person,
                actor=self.manager,
                basis=basis,
                involved=True,
                extent=extent,
                board_reason=reason,
                views_of_parents=views,
            )
        child = self.child
        born = child.date_of_birth or self.case.incident_date
        age = years_between(born, self.today)
        if self.case.outcome == Outcome.DEATH:
            involved, how, reason_not = False, "", f"{self.first_name} died."
        elif age < 8:
            involved, how = False, ""
            old = f"{NUMBER_WORDS[age]} years old" if age > 1 else "a baby" if age == 0 else "one"
            reason_not = f"{self.first_name} is {old}, too young to take part; the review "
            reason_not += "describes their experience through the records and their carers."
        else:
            involved, reason_not = True, ""
            how = "Met the independent author with a trusted adult present; their views are "
            how += "recorded in their own words in the overview report."
        family_services.record_child_involvement(
            None,
            self.review,
            actor=self.manager,
            involved=involved,
            how=how,
            reason_not=reason_not,
            recorded_on=self.on(12),
        )

    def tell_family(self, nominal: float, purposes: list[str]) -> None:
        # The demonstration's mistake: the first letter to the Polish-speaking mother went
        # in English, without an interpreter (Rotherham 19.3).
        wrong = None
        if self.role == ROLE_POLISH and purposes[0] == ContactPurpose.TOLD_OF_REVIEW:
            wrong = next(
                (p for p in self.reachable if p.preferred_language == Language.POLISH), None
            )
        for person in self.reachable:
            on = self.on(nominal + self.rng.randint(0, 3))
            self.contact(person, on, purposes, person is wrong)

    def contact(self, person: Person, on: date, purposes: list[str], wrong: bool) -> None:
        language = person.preferred_language
        label = Language(language).label
        first = purposes[0]
        what = {
            ContactPurpose.TOLD_OF_REVIEW: "explained that a serious case review is being held "
            "and why",
            ContactPurpose.PROCESS: "explained how the review works and invited them to meet "
            "the independent author",
            ContactPurpose.SHOWN_REPORT: "went through the findings and told them when the "
            "executive summary will be published",
        }[first]
        interpreter = False
        if wrong:
            method, language = ContactMethod.LETTER, Language.ENGLISH
            note = "Standard letter sent in English; no translation or interpreter arranged."
        elif person.contact_details.startswith(("In custody", "Detained")):
            method = ContactMethod.LETTER
            interpreter = language not in (Language.ENGLISH, Language.WELSH)
            note = f"Letter sent through their solicitor: {what}."
        elif language in (Language.ENGLISH, Language.WELSH):
            method = ContactMethod.LETTER if first == ContactPurpose.TOLD_OF_REVIEW else None
            method = method or self.rng.choice((ContactMethod.VISIT, ContactMethod.MEETING))
            how = f"Letter in {label}" if method == ContactMethod.LETTER else method.label
            note = f"{how}: {what}."
        else:
            method = self.rng.choice((ContactMethod.VISIT, ContactMethod.MEETING))
            interpreter = True
            who = "an interpreter" if language == Language.OTHER else f"a {label} interpreter"
            if label[0] in "AEIOU":
                who = f"an {label} interpreter"
            note = f"{ContactMethod(method).label}, with {who}: {what}."
        family_services.record_contact(
            None,
            self.review,
            actor=self.manager,
            person=person,
            on=on,
            method=method,
            language=language,
            interpreter=interpreter,
            purposes=purposes,
            note=note,
        )

    # -- professionals ----------------------------------------------------------------

    def offer_support(self) -> None:
        self.professionals = []
        offered = self.on(14)
        for agency in self.agencies:
            staff = AGENCY_WORK.get(agency.kind, AGENCY_WORK[AgencyKind.OTHER])[4]
            for role in staff[: 2 if agency.kind == AgencyKind.CHILDRENS_SOCIAL_CARE else 1]:
                fields = {
                    "agency": agency,
                    "role": role,
                    "name": professional_name(self.rng) if self.rng.random() < 0.5 else "",
                    "support_offered_on": offered,
                    "support_taken_up": self.rng.random() < 0.45,
                    "debriefed_on": None,
                    "feedback_on": None,
                }
                self.professionals.append(
                    (
                        support_services.save_professional(
                            None, self.review, None, actor=self.manager, **fields
                        ),
                        fields,
                    )
                )
        if self.role == ROLE_SUPPORT_GAP and self.agencies:
            support_services.save_professional(
                None,
                self.review,
                None,
                actor=self.manager,
                agency=self.agencies[-1],
                role="Locum Social Worker (left the agency)",
                name="",
                support_offered_on=None,
                support_taken_up=False,
                debriefed_on=None,
                feedback_on=None,
            )

    def debrief(self, debrief: float, feedback: float) -> None:
        if not (self.reached(RS.PUBLISHED) or self.happened(debrief)):
            return
        debriefed = self.on(debrief)
        fed_back = self.reached(RS.PUBLISHED) or self.happened(feedback)
        feedback = self.on(feedback) if fed_back else None
        for professional, fields in self.professionals:
            support_services.save_professional(
                None,
                self.review,
                professional,
                actor=self.manager,
                **dict(fields, debriefed_on=debriefed, feedback_on=feedback),
            )


def _generate_with_services(
    *,
    seed: int,
    boards: list[tuple[int, int]],
    users_per_board: int,
    progress: Progress,
) -> list[BoardContext]:
    """`boards` holds (notifications, reviews) for each board, demo boards first."""
    rng = random.Random(seed)
    now = timezone.now()
    password_hash = make_password(DEMO_PASSWORD)
    with transaction.atomic():
        contexts = create_boards(
            rng, len(boards), agency_kinds=AgencyKind.values, extra_agencies=True
        )
        users = UserMaker(rng, password_hash)
        for i, ctx in enumerate(contexts):
            if i == 0:
                users.add_listed(ctx, DEMO_USERS)
            elif i == 1:
                users.add_listed(ctx, SECOND_BOARD_USERS)
            users.add_generated(ctx, users_per_board)
        users.save()
        factory = CaseFactory(rng, now)
        total = sum(n for n, _ in boards)
        done = 0
        boards_written = []
        for ctx, (n, reviews) in zip(contexts, boards, strict=True):
            plans = factory.board_plans(ctx, n, reviews, undecided_share=0.2, showcase=True)
            written = []
            for plan in plans:
                written.append(write_via_services(plan, rng))
                done += 1
                progress("notifications", done, total)
            renumber(
                ctx, list(zip(written, references(plans, ctx.board.reference_prefix), strict=True))
            )
            boards_written.append((ctx, plans, written))
        # The reviews draw on a random stream of their own, so that the cases stay the same
        # whatever the workflow does with its draws.
        review_rng = random.Random(f"reviews-{seed}")
        total = sum(bool(p.review_stage) for _, plans, _ in boards_written for p in plans)
        done = 0
        for ctx, plans, written in boards_written:
            for _ in run_reviews(ctx, plans, written, review_rng):
                done += 1
                progress("reviews", done, total)
    return contexts


def generate_demo(
    *,
    seed: int = 1,
    notifications: tuple[int, int] = (40, 10),
    reviews: tuple[int, int] = (15, 3),
    progress: Progress = _no_progress,
) -> SeedResult:
    """Eastbrook (40 notifications, 15 reviews) and Westmoor (10 notifications)."""
    _generate_with_services(
        seed=seed,
        boards=list(zip(notifications, reviews, strict=True)),
        users_per_board=0,
        progress=progress,
    )
    return SeedResult("demo", counts(), demo_logins())


def generate_board(
    *,
    seed: int = 1,
    notifications: int = 120,
    reviews: int = 40,
    progress: Progress = _no_progress,
) -> SeedResult:
    """One board, Eastbrook, with the demo logins and 40 reviews."""
    _generate_with_services(
        seed=seed,
        boards=[(notifications, reviews)],
        users_per_board=20,
        progress=progress,
    )
    return SeedResult("board", counts(), demo_logins(boards=1))


# --------------------------------------------------------------------------------------
# National scale: bulk loading
# --------------------------------------------------------------------------------------


def generate_national(
    *,
    seed: int = 1,
    boards: int = NATIONAL_BOARDS,
    agencies_per_board: int = NATIONAL_AGENCIES_PER_BOARD,
    users_per_board: int = NATIONAL_USERS_PER_BOARD,
    notifications_per_board: int | None = None,
    reviews_per_board: int | None = None,
    batch_size: int = 2000,
    progress: Progress = _no_progress,
) -> SeedResult:
    """The national data set, written with bulk_create in batches of about `batch_size`
    notifications (memory stays bounded).

    Rows are written directly rather than through the services: audit events are not
    needed for bulk synthetic loading (nobody did these things), and the per-object
    services with their audit chain would take far too long for 20,000 notifications.
    The same plans as at the smaller scales keep the rows consistent: one child per
    notification, a task per involved agency, a recommendation before every decision and
    a review with its first status change for every decision to hold one.
    """
    rng = random.Random(seed)
    now = timezone.now()
    kinds = list(NATIONAL_AGENCY_KINDS)[:agencies_per_board]
    if agencies_per_board > len(kinds):
        kinds += [k for k in AgencyKind.values if k not in kinds][: agencies_per_board - len(kinds)]
    with transaction.atomic():
        contexts = create_boards(rng, boards, agency_kinds=kinds, extra_agencies=False)
        users = UserMaker(rng, make_password(DEMO_PASSWORD))
        for i, ctx in enumerate(contexts):
            if i == 0:
                users.add_listed(ctx, DEMO_USERS)
            elif i == 1:
                users.add_listed(ctx, SECOND_BOARD_USERS)
            users.add_generated(ctx, users_per_board, analyst=i % 25 == 0)
        progress("users", 0, len(users.users))
        users.save()
        progress("users", len(users.users), len(users.users))

    factory = CaseFactory(rng, now)
    sizes = []
    for i in range(boards):
        n = (
            notifications_per_board
            if notifications_per_board is not None
            else _spread(NATIONAL_NOTIFICATIONS, boards, i)
        )
        r = (
            reviews_per_board
            if reviews_per_board is not None
            else _spread(NATIONAL_REVIEWS, boards, i)
        )
        sizes.append((n, r))
    total = sum(n for n, _ in sizes)
    done = 0
    progress("notifications", 0, total)
    buffer: list[tuple[CasePlan, str]] = []
    for ctx, (n, r) in zip(contexts, sizes, strict=True):
        plans = factory.board_plans(ctx, n, r, undecided_share=0.06)
        buffer.extend(zip(plans, references(plans, ctx.board.reference_prefix), strict=True))
        if len(buffer) >= batch_size:
            _bulk_write(buffer, rng)
            done += len(buffer)
            progress("notifications", done, total)
            buffer = []
    if buffer:
        _bulk_write(buffer, rng)
        done += len(buffer)
        progress("notifications", done, total)
    return SeedResult("national", counts(), demo_logins(boards=min(boards, 2)))


def _bulk_write(batch: list[tuple[CasePlan, str]], rng: random.Random) -> None:
    notifications, people, involvements, key_dates, tasks = [], [], [], [], []
    recommendations, decisions, decision_plans = [], [], []
    for plan, reference in batch:
        ctx = plan.ctx
        board = ctx.board
        status = NotificationStatus.NOTIFIED
        if plan.decision:
            status = NotificationStatus.DECIDED
        elif plan.recommendation:
            status = NotificationStatus.RECOMMENDED
        regime = catalogue.start(board.default_regime)
        n = Notification(
            board=board,
            reference=reference,
            status=status,
            received_at=plan.received_at,
            created_by=plan.creator,
            regime=regime.id,
            regime_version=regime.version,
            **plan.fields,
        )
        notifications.append(n)
        people.append(Person(board=board, notification=n, kind=PersonKind.CHILD, **plan.child))
        people.extend(Person(board=board, notification=n, **p) for p in plan.family)
        key_dates.extend(KeyDate(notification=n, date=d, description=t) for d, t in plan.key_dates)
        done = plan.other_children_done
        tasks.append(
            Task(
                board=board,
                notification=n,
                kind=TaskKind.OTHER_CHILDREN,
                due_at=plan.received_at,
                completed_at=done,
                completed_by=ctx.manager if done else None,
                done_on=timezone.localdate(done) if done else None,
                note=plan.other_children_note if done else "",
            )
        )
        for agency in plan.agencies:
            involvements.append(NotificationAgency(notification=n, agency=agency))
            secured = plan.records_done[id(agency)]
            tasks.append(
                Task(
                    board=board,
                    notification=n,
                    kind=TaskKind.RECORDS_SECURED,
                    agency=agency,
                    due_at=plan.received_at,
                    completed_at=secured,
                    completed_by=ctx.authors.get(id(agency), ctx.manager) if secured else None,
                    done_on=timezone.localdate(secured) if secured else None,
                    note=rng.choice(TASK_NOTES_RECORDS) if secured else "",
                )
            )
        if plan.recommendation:
            recommendation, reasons, recorded = plan.recommendation
            criteria = screen(
                outcome=n.outcome,
                abuse_neglect=n.abuse_neglect,
                considerations=n.considerations,
            ).recommendation
            recommendations.append(
                PanelRecommendation(
                    notification=n,
                    board=board,
                    criteria_result=criteria,
                    recommendation=recommendation,
                    reasons=reasons,
                    recorded_by=ctx.panel_chair,
                    recorded_at=recorded,
                )
            )
        if plan.decision:
            outcome, reasons, dissent, decided_on, recorded = plan.decision
            decisions.append(
                Decision(
                    notification=n,
                    board=board,
                    outcome=outcome,
                    reasons=reasons,
                    dissent=dissent,
                    decided_on=decided_on,
                    decided_by=ctx.chair,
                    recorded_at=recorded,
                )
            )
            decision_plans.append(plan)
    with transaction.atomic():
        Notification.objects.bulk_create(notifications, batch_size=500)
        Person.objects.bulk_create(people, batch_size=500)
        NotificationAgency.objects.bulk_create(involvements, batch_size=1000)
        KeyDate.objects.bulk_create(key_dates, batch_size=1000)
        Task.objects.bulk_create(tasks, batch_size=500)
        PanelRecommendation.objects.bulk_create(recommendations, batch_size=500)
        Decision.objects.bulk_create(decisions, batch_size=500)
        reviews, changes = [], []
        for decision, plan in zip(decisions, decision_plans, strict=True):
            if decision.outcome != DecisionOutcome.HOLD_REVIEW:
                continue
            n = decision.notification
            review = Review(
                board=n.board,
                notification=n,
                decision=decision,
                reference=n.reference.replace("-N", "-R", 1),
                regime=n.regime,
                regime_version=n.regime_version,
                opened_at=decision.recorded_at,
            )
            reviews.append(review)
            changes.append(
                StatusChange(
                    review=review,
                    to_status=ReviewStatus.DECIDED,
                    reason="The board chair decided to hold a serious case review",
                    changed_by=plan.ctx.chair,
                    changed_at=decision.recorded_at,
                )
            )
        Review.objects.bulk_create(reviews, batch_size=500)
        StatusChange.objects.bulk_create(changes, batch_size=1000)
    # With DEBUG on, Django keeps the last 9,000 statements: bulk inserts are large.
    reset_queries()


# --------------------------------------------------------------------------------------
# Entry point and summary
# --------------------------------------------------------------------------------------


def seed(scale: str, *, seed: int = 1, progress: Progress = _no_progress) -> SeedResult:
    if scale == "demo":
        return generate_demo(seed=seed, progress=progress)
    if scale == "board":
        return generate_board(seed=seed, progress=progress)
    if scale == "national":
        return generate_national(seed=seed, progress=progress)
    raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")


def counts() -> dict[str, int]:
    decisions = Counter(Decision.objects.values_list("outcome", flat=True))
    stages = Counter(Review.objects.values_list("status", flat=True))
    tasks = Task.objects.count()
    return {
        "boards": Board.objects.count(),
        "agencies": Agency.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "notifications": Notification.objects.count(),
        "people": Person.objects.count(),
        "tasks": tasks,
        "tasks done": Task.objects.filter(completed_at__isnull=False).count(),
        "panel recommendations": PanelRecommendation.objects.count(),
        "decisions": sum(decisions.values()),
        "decisions: hold a review": decisions[DecisionOutcome.HOLD_REVIEW],
        "decisions: other learning": decisions[DecisionOutcome.OTHER_LEARNING],
        "decisions: no review": decisions[DecisionOutcome.NO_REVIEW],
        "reviews": Review.objects.count(),
        **{
            f"reviews: {label.lower()}": stages[value]
            for value, label in ReviewStatus.choices
            if stages[value]
        },
        "panel meetings": PanelMeeting.objects.count(),
        "agency reports": AgencyReport.objects.count(),
        "family contacts": FamilyContact.objects.count(),
        "audit events": AuditEvent.objects.count(),
    }


def demo_logins(boards: int = 2) -> list[tuple[str, str, str, str]]:
    """(username, name, role, board) of the documented demo accounts."""
    listed = DEMO_USERS + (SECOND_BOARD_USERS if boards > 1 else ())
    wanted = [u[0] for u in listed]
    rows = defaultdict(list)
    for m in Membership.objects.filter(user__username__in=wanted).select_related(
        "user", "board", "agency"
    ):
        role = m.get_role_display()
        if m.agency_id:
            role = f"{role} ({m.agency.name})"
        rows[m.user.username].append((m.user.get_full_name(), role, m.board.name))
    return [(username, *rows[username][0]) for username in wanted if rows.get(username)]
