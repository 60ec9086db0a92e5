"""The procedure's anchors and checks over the review record, and the checks whose data
publication and national learning will record."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from casereview.cases.checks import decided_on as case_decided_on
from casereview.cases.models import Person, PersonKind
from casereview.procedure import catalogue, working_days
from casereview.procedure.clocks import Duration, deadline
from casereview.procedure.registry import (
    Clock,
    Evidence,
    anchor,
    awaiting,
    case_ids,
    check,
    ids_expression,
    link,
    pauses_for,
    predicate,
    shared,
)

from .batch_reviews import opened, review_ids
from .family import child as child_rules
from .family import duties
from .models import (
    AgencyReport,
    Appointment,
    AppointmentRole,
    ChildInvolvement,
    ContactPurpose,
    ExpertKind,
    ExpertNotAppointed,
    FamilyContact,
    FamilyInvolvement,
    InvolvementBasis,
    OutboundNotification,
    PanelDecision,
    PanelDecisionKind,
    PanelMember,
    Professional,
    RapidReview,
    Recipient,
    ReportStatus,
    Review,
    ReviewPlan,
    ReviewStatus,
    TermsOfReference,
    TermsStatus,
)

COMPLETED = (
    ReviewStatus.BOARD_SIGN_OFF,
    ReviewStatus.PUBLISHED,
    ReviewStatus.MONITORING,
    ReviewStatus.CLOSED,
)
PUBLISHED = (ReviewStatus.PUBLISHED, ReviewStatus.MONITORING, ReviewStatus.CLOSED)


def _review_page(name: str):
    """Where an obligation is recorded: the review's page `name` (a URL name)."""

    def where(case) -> str:
        review = getattr(case, "review", None)
        return link(name, review.pk) if review is not None else ""

    return where


def _case_or_review_page(review_page: str, case_anchor: str = ""):
    """The review's page `review_page` when the case has a review; otherwise the case's
    duties page (what comes before a review is recorded there)."""

    def where(case) -> str:
        review = getattr(case, "review", None)
        if review is not None:
            return link(review_page, review.pk)
        return link("reviews:case_duties", case.pk) + case_anchor

    return where


def _reviews(cases):
    return Review.objects.filter(pk__in=review_ids(cases))


@anchor("review_opened", "the review being opened")
def review_opened(cases) -> dict:
    return {case_id: on for case_id, (on, _, _) in opened(cases).items()}


@check(
    "review_opened",
    "A Serious Case Review is open for the case",
    where=lambda case: link("cases:decision", case.pk),
)
def review_opened_check(cases) -> dict:
    return {
        case_id: Evidence(on, f"Review {ref} opened", link("reviews:detail", pk))
        for case_id, (on, ref, pk) in opened(cases).items()
    }


def _reached(cases, statuses, label: str) -> dict:
    """Evidence for reviews whose history shows they reached one of `statuses`."""
    found: dict = {}
    # Several checks ask for the same statuses (publication): read once per batch.
    rows = shared(
        cases,
        f"reached:{','.join(sorted(statuses))}",
        lambda: list(
            _reviews(cases)
            .filter(status_changes__to_status__in=statuses)
            .values_list("notification_id", "pk", "status_changes__changed_at")
            .order_by("status_changes__changed_at")
        ),
    )
    for notification_id, review_id, at in rows:
        found.setdefault(
            notification_id,
            Evidence(timezone.localdate(at), label, link("reviews:detail", review_id)),
        )
    return found


@check("review_completed", "The board signed off the review's report")
def review_completed(cases) -> dict:
    """Met while the review stands at board sign-off or beyond, dated by its latest arrival
    there: when the board returns the report (a move back to drafting), it is no longer
    met, and the next sign-off dates it again."""
    found: dict = {}
    rows = (
        _reviews(cases)
        .filter(status__in=COMPLETED, status_changes__to_status=ReviewStatus.BOARD_SIGN_OFF)
        .values_list("notification_id", "pk", "status_changes__changed_at")
        .order_by("status_changes__changed_at")
    )
    for notification_id, review_id, at in rows:
        # The latest arrival at board sign-off wins.
        found[notification_id] = Evidence(
            timezone.localdate(at),
            "Report signed off by the board",
            link("reviews:detail", review_id),
        )
    return found


# full_report_published, executive_summary_published, overview_sent_to_ofsted and
# panel_told_before_publication are registered by casereview/publication/checks.py, from the
# publications and the notices; they use `reached` below for reviews published before.


def reached(cases, label: str) -> dict:
    """Evidence for reviews whose history shows they reached publication."""
    return _reached(cases, PUBLISHED, label)


def _by_case(queryset, case_field: str, date_field: str, label: str, where: str) -> dict:
    """Evidence per case from the first matching row."""
    found: dict = {}
    for case_id, on, review_id in queryset.values_list(
        case_field, date_field, "review_id" if case_field.startswith("review__") else case_field
    ).order_by(date_field):
        if case_id not in found:
            url = link(where, review_id) if where else ""
            found[case_id] = Evidence(on, label, url)
    return found


def _rows(model, cases, **filters):
    return model.objects.filter(review_id__in=review_ids(cases), **filters)


@check("panel_appointed", "Panel members are recorded", where=_review_page("reviews:panel"))
def panel_appointed(cases) -> dict:
    return _first_member(cases, "Panel appointed", chair=False)


def _first_member(cases, label: str, chair: bool) -> dict:
    """Evidence per case from the first panel member to join (the first independent chair
    when `chair`): the panel is read once per batch for both checks."""
    members = shared(
        cases,
        "panel_members",
        lambda: list(
            _rows(PanelMember, cases)
            .values_list("review__notification_id", "joined_on", "review_id", "independent_chair")
            .order_by("joined_on")
        ),
    )
    found: dict = {}
    for case_id, on, review_id, independent_chair in members:
        if case_id not in found and (independent_chair or not chair):
            found[case_id] = Evidence(on, label, link("reviews:panel", review_id))
    return found


@check(
    "independent_chair_appointed",
    "An independent panel chair is recorded",
    where=_review_page("reviews:panel"),
)
def independent_chair_appointed(cases) -> dict:
    return _first_member(cases, "Independent chair appointed", chair=True)


@check(
    "terms_of_reference_agreed",
    "A version of the terms of reference is agreed",
    where=_review_page("reviews:terms"),
)
def terms_of_reference_agreed(cases) -> dict:
    return _by_case(
        _rows(TermsOfReference, cases, status=TermsStatus.AGREED),
        "review__notification_id",
        "agreed_on",
        "Terms of reference agreed",
        "reviews:terms",
    )


def _expert(kind: str, label: str):
    """Met by an appointed expert of that kind or, as 19.3 and 19.4 make an expert normal
    practice rather than a must, by the panel's recorded reasons for appointing none."""

    def fn(cases) -> dict:
        # Both kinds of expert are read once per batch, in the order `_by_case` would use.
        appointed = shared(
            cases,
            "experts_appointed",
            lambda: list(
                _rows(Appointment, cases, role=AppointmentRole.INDEPENDENT_EXPERT)
                .values_list("kind", "review__notification_id", "appointed_on", "review_id")
                .order_by("appointed_on")
            ),
        )
        found: dict = {}
        for row_kind, case_id, on, review_id in appointed:
            if row_kind == kind and case_id not in found:
                found[case_id] = Evidence(on, label, link("reviews:experts", review_id))
        not_appointed = shared(
            cases,
            "experts_not_appointed",
            lambda: list(_rows(ExpertNotAppointed, cases).select_related("review")),
        )
        for row in not_appointed:
            if row.kind != kind:
                continue
            case_id = row.review.notification_id
            if case_id not in found:
                found[case_id] = Evidence(
                    row.decided_on,
                    f"Not appointed: {row.summary}",
                    link("reviews:experts", row.review_id),
                )
        return found

    return fn


check(
    "independent_expert_race",
    "An independent race and culture expert is appointed",
    where=_review_page("reviews:experts"),
)(_expert(ExpertKind.RACE_CULTURE, "Race and culture expert appointed"))
check(
    "independent_expert_disability",
    "An independent disability expert is appointed",
    where=_review_page("reviews:experts"),
)(_expert(ExpertKind.DISABILITY, "Disability expert appointed"))


def _panel_decision(kind: str, label: str):
    def fn(cases) -> dict:
        rows = shared(
            cases,
            "panel_decisions",
            lambda: list(
                _rows(PanelDecision, cases)
                .values_list("review__notification_id", "kind", "meeting__held_on", "review_id")
                .order_by("meeting__held_on")
            ),
        )
        found: dict = {}
        for case_id, row_kind, on, review_id in rows:
            if row_kind == kind and case_id not in found:
                found[case_id] = Evidence(on, label, link("reviews:panel", review_id))
        return found

    return fn


for _name, _kind, _label in [
    ("community_link_decided", PanelDecisionKind.COMMUNITY_LINK, "Panel decided who links in"),
    (
        "cultural_sensitivity_considered",
        PanelDecisionKind.CULTURAL_SENSITIVITY,
        "Panel considered cultural sensitivity",
    ),
    (
        "disability_judgement_made",
        PanelDecisionKind.DISABILITY_JUDGEMENT,
        "Panel made its disability judgement",
    ),
    (
        "family_involvement_agreed",
        PanelDecisionKind.FAMILY_INVOLVEMENT_AGREED,
        "Panel agreed the family's involvement",
    ),
    (
        "family_involvement_reviewed",
        PanelDecisionKind.FAMILY_INVOLVEMENT_REVIEWED,
        "Panel reviewed the family's involvement",
    ),
]:
    check(_name, _label, where=_review_page("reviews:panel"))(_panel_decision(_kind, _label))


def _told(purpose: str, label: str):
    """Met when everyone the family duties are owed to was told, or has a recorded reason
    not to be contacted (reviews/family/duties.py); the evidence counts, never names."""

    def fn(cases) -> dict:
        found: dict = {}
        for case_id, rows in duties.by_case(cases).items():
            if not (rows.told or rows.explained):
                continue  # nobody told and no reason recorded: not met, whoever is owed
            progress = rows.progress(purpose)
            if progress.met:
                found[case_id] = Evidence(
                    progress.last,
                    f"{label}: {progress.summary()}",
                    link("reviews:family", rows.review_id),
                )
        return found

    return fn


for _name, _purpose, _label in [
    ("family_informed_of_review", ContactPurpose.TOLD_OF_REVIEW, "Family told of the review"),
    ("family_informed_of_process", ContactPurpose.PROCESS, "Family told about the process"),
    (
        "family_informed_of_publication",
        ContactPurpose.PUBLICATION,
        "Family told of the timing and publication",
    ),
]:
    check(_name, _label, where=_review_page("reviews:family"))(_told(_purpose, _label))


@check(
    "preferred_language_used",
    "Every contact with the family was in their preferred language or with an interpreter",
    where=_review_page("reviews:family"),
)
def preferred_language_used(cases) -> dict:
    contacts: dict = {}
    rows = _rows(FamilyContact, cases).values_list(
        "review__notification_id",
        "on",
        "language",
        "interpreter",
        "person__preferred_language",
        "review_id",
    )
    # Met from the first contact, as long as every contact so far kept to the language.
    for case_id, on, language, interpreter, preferred, review_id in rows:
        ok = language == preferred or interpreter
        previous = contacts.get(case_id, (True, None, review_id))
        first = min(filter(None, [previous[1], on]))
        contacts[case_id] = (previous[0] and ok, first, review_id)
    return {
        case_id: Evidence(on, "Contacts in the preferred language", link("reviews:family", rid))
        for case_id, (ok, on, rid) in contacts.items()
        if ok
    }


@check(
    "child_involvement_recorded",
    "The child's involvement, or why not, is recorded",
    where=_review_page("reviews:family"),
)
def child_involvement_recorded(cases) -> dict:
    """Met by an answer to the question the child's age and whether the child died ask
    today (reviews/family/child.py): after a correction of the facts that changes the
    question, the answer must be given again."""
    involvements = list(
        _rows(ChildInvolvement, cases).values_list(
            "review__notification_id",
            "review__notification__outcome",
            "question",
            "recorded_on",
            "review_id",
        )
    )
    if not involvements:
        return {}
    # The children's dates of birth, of the cases with an answer only.
    born = dict(
        Person.objects.filter(
            notification_id__in=ids_expression(list({row[0] for row in involvements})),
            kind=PersonKind.CHILD,
        ).values_list("notification_id", "date_of_birth")
    )
    found: dict = {}
    for case_id, outcome, question, on, review_id in involvements:
        if question == child_rules.question_for(outcome, born.get(case_id), on):
            found[case_id] = Evidence(
                on, "Child's involvement recorded", link("reviews:family", review_id)
            )
    return found


@check(
    "legitimate_interest_views_taken",
    "For each person with a legitimate interest, the board's reason and the parents' views",
    where=_review_page("reviews:family"),
)
def legitimate_interest_views_taken(cases) -> dict:
    complete: dict = {}
    rows = _rows(FamilyInvolvement, cases, basis=InvolvementBasis.LEGITIMATE_INTEREST)
    for case_id, reason, views, review_id in rows.values_list(
        "review__notification_id", "board_reason", "views_of_parents", "review_id"
    ):
        done = bool(reason.strip() and views.strip())
        complete[case_id] = (complete.get(case_id, (True,))[0] and done, review_id)
    return {
        case_id: Evidence(None, "Reasons and views recorded", link("reviews:family", rid))
        for case_id, (done, rid) in complete.items()
        if done
    }


@check(
    "staff_support_in_place",
    "Support is offered to every professional involved",
    where=_review_page("reviews:professionals"),
)
def staff_support_in_place(cases) -> dict:
    return _all_professionals(cases, "support_offered_on", "Support offered to all staff involved")


@check(
    "staff_debriefed",
    "Every professional involved is debriefed and given feedback",
    where=_review_page("reviews:professionals"),
)
def staff_debriefed(cases) -> dict:
    debriefed = _all_professionals(cases, "debriefed_on", "Staff debriefed")
    feedback = _all_professionals(cases, "feedback_on", "Staff debriefed and given feedback")
    return {case_id: ev for case_id, ev in feedback.items() if case_id in debriefed}


def _all_professionals(cases, field: str, label: str) -> dict:
    # The three dates are read once per batch for the three checks.
    rows = shared(
        cases,
        "professionals",
        lambda: list(
            _rows(Professional, cases).values_list(
                "review__notification_id",
                "support_offered_on",
                "debriefed_on",
                "feedback_on",
                "review_id",
            )
        ),
    )
    column = {"support_offered_on": 1, "debriefed_on": 2, "feedback_on": 3}[field]
    state: dict = {}
    for row in rows:
        case_id, on, review_id = row[0], row[column], row[4]
        done, last, _ = state.get(case_id, (True, None, review_id))
        state[case_id] = (
            done and on is not None,
            max(filter(None, [last, on]), default=None),
            review_id,
        )
    return {
        case_id: Evidence(last, label, link("reviews:professionals", rid))
        for case_id, (done, last, rid) in state.items()
        if done
    }


def _reports(statuses, label: str, date_field: str):
    def fn(cases) -> dict:
        state: dict = {}
        rows = shared(
            cases,
            "agency_reports",
            lambda: list(
                _rows(AgencyReport, cases).values_list(
                    "review__notification_id",
                    "status",
                    "requested_on",
                    "submitted_on",
                    "decided_on",
                    "review_id",
                )
            ),
        )
        column = {"requested_on": 2, "submitted_on": 3, "decided_on": 4}[date_field]
        for row in rows:
            case_id, status, on, review_id = row[0], row[1], row[column], row[5]
            done, last, _ = state.get(case_id, (True, None, review_id))
            ok = status in statuses
            state[case_id] = (done and ok, max(filter(None, [last, on]), default=None), review_id)
        return {
            case_id: Evidence(last, label, link("reviews:reports", rid))
            for case_id, (done, last, rid) in state.items()
            if done
        }

    return fn


_ANY = set(ReportStatus.values)
check(
    "agency_reports_requested",
    "Reports are requested from the agencies",
    where=_review_page("reviews:reports"),
)(_reports(_ANY, "Agency reports requested", "requested_on"))
check(
    "agency_reports_received",
    "Every requested report is received",
    where=_review_page("reviews:reports"),
)(
    _reports(
        {ReportStatus.SUBMITTED, ReportStatus.ACCEPTED},
        "All agency reports received",
        "submitted_on",
    )
)
check(
    "agency_reports_accepted",
    "The panel accepted every report",
    where=_review_page("reviews:reports"),
)(_reports({ReportStatus.ACCEPTED}, "All agency reports accepted", "decided_on"))


def outbound(cases) -> list:
    """The batch's notices sent, by date: (case, recipient, sent_on, review id, reviewers),
    read once for every check about them (publication's too)."""
    return shared(
        cases,
        "outbound",
        lambda: list(
            OutboundNotification.objects.filter(notification_id__in=case_ids(cases))
            .values_list(
                "notification_id", "recipient", "sent_on", "notification__review__id", "reviewers"
            )
            .order_by("sent_on")
        ),
    )


def _notice_url(case_id, review_id) -> str:
    if review_id:
        return link("reviews:notifications", review_id)
    return link("reviews:case_duties", case_id) + "#notices"


def _sent(recipient: str, label: str, after_decision: bool = False):
    """The first notice to `recipient`; with `after_decision`, one sent on or after the
    chair's decision (a notice of the decision cannot come before it)."""

    def fn(cases) -> dict:
        decided = _decided_on(cases) if after_decision else {}
        found: dict = {}
        for case_id, sent_to, on, review_id, _ in outbound(cases):
            if sent_to != recipient:
                continue
            if after_decision and (case_id not in decided or on < decided[case_id]):
                continue
            found.setdefault(case_id, Evidence(on, label, _notice_url(case_id, review_id)))
        return found

    return fn


for _name, _recipient, _label, _after in [
    ("pct_informed_sha", Recipient.SHA, "The PCT informed the SHA", False),
    ("inspectorate_notified", Recipient.INSPECTORATE, "Inspectorate told", False),
    ("government_office_notified", Recipient.GOVERNMENT_OFFICE, "Government Office told", False),
    ("ofsted_notified", Recipient.OFSTED, "Ofsted told", False),
    ("national_panel_notified", Recipient.NATIONAL_PANEL, "National panel told", False),
    (
        "national_panel_informed_of_no_review",
        Recipient.NATIONAL_PANEL,
        "National panel told of the decision",
        True,
    ),
]:
    check(
        _name,
        _label,
        where=_case_or_review_page("reviews:notifications", "#notices"),
    )(_sent(_recipient, _label, _after))


_sos = _sent(Recipient.SECRETARY_OF_STATE, "Secretary of State told")
_ofsted = _sent(Recipient.OFSTED, "Ofsted told")


@check(
    "secretary_of_state_and_ofsted_notified",
    "The Secretary of State and Ofsted were both told",
    where=_case_or_review_page("reviews:notifications", "#notices"),
)
def secretary_of_state_and_ofsted_notified(cases) -> dict:
    """Met when both were told, on the later of the two dates (WT2018: the death of a
    looked-after child)."""
    told_sos, told_ofsted = _sos(cases), _ofsted(cases)
    return {
        pk: Evidence(
            max(told_sos[pk].on, told_ofsted[pk].on),
            "Secretary of State and Ofsted told",
            told_sos[pk].url,
        )
        for pk in told_sos.keys() & told_ofsted.keys()
    }


@check(
    "decision_notice_names_reviewers",
    "A notice of the decision to hold a review, naming the reviewers, was sent",
    where=_case_or_review_page("reviews:notifications", "#notices"),
)
def decision_notice_names_reviewers(cases) -> dict:
    decided = _decided_on(cases)
    found: dict = {}
    for case_id, _, on, review_id, reviewers in outbound(cases):
        if reviewers and case_id in decided and on >= decided[case_id]:
            found.setdefault(
                case_id,
                Evidence(
                    on,
                    "Notice of the decision sent, naming the reviewers",
                    _notice_url(case_id, review_id),
                ),
            )
    return found


@check(
    "rapid_review_completed",
    "The rapid review is recorded",
    where=lambda case: link("reviews:rapid_review", case.pk),
)
def rapid_review_completed(cases) -> dict:
    """The rapid review recorded on the notification; a rapid review minuted as a panel
    decision of an open review (before it could be recorded on the notification) counts
    too."""
    found: dict = {
        case_id: Evidence(on, "Rapid review completed", link("reviews:case_duties", case_id))
        for case_id, on in RapidReview.objects.filter(
            notification_id__in=case_ids(cases)
        ).values_list("notification_id", "completed_on")
    }
    minuted = (
        _rows(PanelDecision, cases, kind=PanelDecisionKind.RAPID_REVIEW)
        .values_list("review__notification_id", "meeting__held_on", "review_id")
        .order_by("meeting__held_on")
    )
    for case_id, on, review_id in minuted:
        found.setdefault(
            case_id, Evidence(on, "Rapid review completed", link("reviews:panel", review_id))
        )
    return found


# --- The review's timescale: agreed, revised and planned (ReviewPlan) -------------------


def _latest_plans(cases) -> dict:
    """{case: (completion_on, publication_on, recorded_at, review_id)} of the latest plan."""

    def load() -> dict:
        latest: dict = {}
        for row in (
            ReviewPlan.objects.filter(review_id__in=review_ids(cases))
            .values_list(
                "review__notification_id",
                "completion_on",
                "publication_on",
                "recorded_at",
                "review_id",
            )
            .order_by("recorded_at")
        ):
            latest[row[0]] = row[1:]
        return latest

    return shared(cases, "latest_plans", load)


def _decided_on(cases) -> dict:
    """{case: decided_on}, from the decisions the case checks read once per batch (four
    checks ask)."""
    return case_decided_on(cases)


def _setting(case, name: str) -> str | None:
    return catalogue.version_of(case.regime, case.regime_version).settings.get(name)


def _calendar(cases):
    """The working calendar in force (administrators' one-off days included), read once."""
    return shared(cases, "calendar", working_days.current)


def _completion_within(cases) -> dict:
    """{(regime, version): its completion period (`completion_within`), or None}."""

    def load() -> dict:
        periods: dict = {}
        for case in cases:
            key = (case.regime, case.regime_version)
            if key not in periods:
                within = _setting(case, "completion_within")
                periods[key] = Duration.parse(within) if within is not None else None
        return periods

    return shared(cases, "completion_within", load)


def _completion_deadlines(cases) -> dict:
    """{case: the regime's completion deadline from the decision (None while a pause stops
    the clock)} for every decided case whose regime sets one: worked out once per batch for
    the anchor, the overrun and the revised plan."""

    def load() -> dict:
        decided, pauses = _decided_on(cases), pauses_for(cases)
        periods, calendar = _completion_within(cases), _calendar(cases)
        # The unpaused deadlines by regime and decision day (a Duration in the key would be
        # hashed and compared in Python for every case).
        unpaused: dict = {}
        dues: dict = {}
        for case in cases:
            pk = case.pk
            regime = (case.regime, case.regime_version)
            on, period = decided.get(pk), periods[regime]
            if on is None or period is None:
                continue
            paused = pauses.get(pk)
            if paused:
                dues[pk] = deadline(on, period, paused, calendar).due
                continue
            due = unpaused.get((regime, on), unpaused)
            if due is unpaused:
                due = unpaused[regime, on] = deadline(on, period, (), calendar).due
            dues[pk] = due
        return dues

    return shared(cases, "completion_deadlines", load)


@anchor(
    "completion_agreed",
    "the completion date agreed with the Government Office (by default, the regime's "
    "completion period from the decision)",
)
def completion_agreed(cases) -> dict:
    plans = _latest_plans(cases)
    decided = _decided_on(cases)
    periods = _completion_within(cases)
    dates: dict = {}
    # One Clock per regime and decision day, shared by the cases decided that day.
    clocks: dict = {}
    for case in cases:
        pk = case.pk
        plan = plans.get(pk)
        if plan is not None:
            dates[pk] = plan[0]
            continue
        regime = (case.regime, case.regime_version)
        within = periods[regime]
        on = decided.get(pk)
        if within is not None and on is not None:
            clock = clocks.get((regime, on))
            if clock is None:
                clock = clocks[regime, on] = Clock(on, within)
            dates[pk] = clock
    return dates


def _working_days_before(on: date, n: int, calendar) -> date:
    day = on
    while n:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


@anchor(
    "before_planned_publication",
    "the review's planned publication date being recorded (the report is due a set number "
    "of working days before it)",
)
def before_planned_publication(cases) -> dict:
    plans = _latest_plans(cases)
    dates: dict = {}
    for case in cases:
        plan = plans.get(case.pk)
        if plan is None or plan[1] is None:
            continue
        notice = _setting(case, "report_before_publication")
        if notice is None:
            continue
        dates[case.pk] = _working_days_before(
            plan[1], Duration.parse(notice).amount, _calendar(cases)
        )
    return dates


@predicate("completion_overrun", "The review has run past its completion deadline unfinished")
def completion_overrun(cases) -> set:
    today = timezone.localdate()
    dues = _completion_deadlines(cases)
    completed = review_completed(cases)
    reviewed = opened(cases)
    overrun = set()
    for pk, due in dues.items():
        if due is None or pk not in reviewed:
            continue
        finished = completed.get(pk)
        if (finished is None and today > due) or (finished and finished.on and finished.on > due):
            overrun.add(pk)
    return overrun


@anchor("completion_deadline", "the review's completion deadline passing")
def completion_deadline(cases) -> dict:
    return {pk: due for pk, due in _completion_deadlines(cases).items() if due is not None}


@check(
    "revised_plan_recorded",
    "A revised plan with a new completion date is recorded",
    where=_review_page("reviews:plan"),
)
def revised_plan_recorded(cases) -> dict:
    dues = _completion_deadlines(cases)
    found: dict = {}
    for pk, plan in _latest_plans(cases).items():
        due = dues.get(pk)
        if due is not None and plan[0] > due:
            found[pk] = Evidence(
                timezone.localdate(plan[2]),
                f"Revised plan: completion by {plan[0]:%-d %b %Y}",
                link("reviews:plan", plan[3]),
            )
    return found


# The 19.2 lessons obligations are registered by casereview/learning/checks.py, the
# publication ones by casereview/publication/checks.py.
awaiting(["themes_submitted"], "national learning")
