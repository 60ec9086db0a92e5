"""Case plans: everything about one notification, decided before anything is written.

A plan holds the notification's fields, the child and family, the agencies involved, when
each step happened, and (for a decided case) the panel's recommendation and the chair's
decision; `notifications` writes it through the services, `national` in bulk."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from casereview.accounts.models import Agency, AgencyKind, User
from casereview.cases.models import AbuseNeglect, DecisionOutcome, Outcome, Recommendation
from casereview.cases.screening import Facts, screen
from casereview.cases.vocab import Language, Plan, Relationship, Sex
from casereview.procedure import catalogue

from . import households, names, places
from .boards import BoardContext
from .people import NUMBER_WORDS, age_phrase, landline, professional_name
from .review_profile import ROLE_CRIMINAL, ROLE_POLISH, review_profile
from .scenarios import SCENARIO_BY_KEY, Scenario, Y, pick_scenario


def at(day: date, rng: random.Random, earliest: int = 8, latest: int = 18) -> datetime:
    """A time during the working day on `day`, in the current time zone."""
    moment = datetime.combine(day, time(rng.randint(earliest, latest), rng.randint(0, 59)))
    return timezone.make_aware(moment)


@dataclass
class CasePlan:
    ctx: BoardContext
    creator: User
    fields: dict
    child: dict
    family: list[dict]
    agencies: list[Agency]
    key_dates: list[tuple[date, str]]
    received_at: datetime
    other_children_done: datetime | None
    other_children_note: str
    records_done: dict[int, datetime | None]  # id(agency) -> when records were secured
    recommendation: tuple[str, str, datetime] | None = None
    decision: tuple[str, str, str, date, datetime] | None = None
    # Demo and board scales: the stage the review has reached, and a part it plays in the
    # demonstration (see REVIEW_PROFILE); empty at the national scale.
    review_stage: str = ""
    review_role: str = ""
    # The chair confirms a decision against a required review (demo/showcase.py).
    confirm_departure: bool = False


STAGE_NOTIFIED, STAGE_RECOMMENDED, STAGE_DECIDED = "notified", "recommended", "decided"


def _stage_mix(rng: random.Random, n: int, reviews: int, undecided_share: float):
    """(stage, criteria kind, decision outcome) for each of `n` notifications, so that
    exactly `reviews` are decided as hold_review (when n allows)."""
    undecided = min(round(n * undecided_share), max(0, n - reviews))
    notified = undecided // 2
    recommended = undecided - notified
    decided = n - undecided
    reviews = min(reviews, decided)
    mix = []
    for _ in range(reviews):
        kind = "required" if rng.random() < 0.55 else "consider"
        mix.append((STAGE_DECIDED, kind, DecisionOutcome.HOLD_REVIEW))
    for _ in range(decided - reviews):
        if rng.random() < 0.5:
            outcome = (
                DecisionOutcome.OTHER_LEARNING if rng.random() < 0.8 else DecisionOutcome.NO_REVIEW
            )
            mix.append((STAGE_DECIDED, "consider", outcome))
        else:
            outcome = (
                DecisionOutcome.NO_REVIEW if rng.random() < 0.7 else DecisionOutcome.OTHER_LEARNING
            )
            mix.append((STAGE_DECIDED, "not_met", outcome))
    for stage, count in ((STAGE_NOTIFIED, notified), (STAGE_RECOMMENDED, recommended)):
        for _ in range(count):
            kind = rng.choices(("required", "consider", "not_met"), weights=(3, 4.5, 2.5))[0]
            mix.append((stage, kind, None))
    return mix


def _circumstances(
    ctx: BoardContext, scenario: Scenario, household: dict, sex: str, age_days: int
) -> tuple[str, dict[str, str]]:
    """The scenario's story told of this child, and the child's pronouns."""
    child = household["child"]
    hospital = ctx.first(AgencyKind.HEALTH_PROVIDER)
    pronouns = (
        {"he": "she", "his": "her", "him": "her"}
        if sex == Sex.FEMALE
        else {"he": "he", "his": "his", "him": "him"}
    )
    text = scenario.text.format(
        name=child["given_names"].split()[0],
        age=age_phrase(age_days),
        hospital=hospital.name if hospital else "the local hospital",
        town=household["town"],
        school=child["school"] or "school",
        He=pronouns["he"].capitalize(),
        **pronouns,
    )
    return text, pronouns


class CaseFactory:
    """Plans cases from one random stream, dated back from `now`."""

    def __init__(self, rng: random.Random, now: datetime):
        self.rng = rng
        self.now = now.replace(microsecond=0)
        self.today = timezone.localdate(now)

    # -- timeline ---------------------------------------------------------------------

    def _received(self, stage: str) -> datetime:
        rng = self.rng
        if stage == STAGE_NOTIFIED:
            ago = timedelta(minutes=rng.randint(6 * 60, 12 * 24 * 60))
        elif stage == STAGE_RECOMMENDED:
            ago = timedelta(days=rng.randint(12, 50), minutes=rng.randint(0, 24 * 60))
        else:
            ago = timedelta(days=rng.randint(45, 3 * 365 - 5), minutes=rng.randint(0, 24 * 60))
        return self.now - ago

    def _clamp(self, moment: datetime) -> datetime:
        return min(moment, self.now - timedelta(minutes=30))

    # -- one case ---------------------------------------------------------------------

    def plan(
        self,
        ctx: BoardContext,
        stage: str,
        kind: str,
        outcome: str | None,
        scenario: Scenario | None = None,
        *,
        received: datetime | None = None,
        heritage: names.Heritage | None = None,
    ) -> CasePlan:
        """One case. `received` and `heritage` (the mother's background) fix what chance
        would otherwise choose, for the demonstration's reviews."""
        rng = self.rng
        scenario = scenario or pick_scenario(rng, kind)
        received = received or self._received(stage)
        incident_at = received - timedelta(minutes=rng.randint(2 * 60, 70 * 60))
        incident = timezone.localdate(incident_at)
        age_days = rng.randint(scenario.min_days, scenario.max_days)
        sex = rng.choice((Sex.FEMALE, Sex.MALE))
        household = households.household(rng, ctx, incident, age_days, sex, scenario, heritage)
        child = household["child"]
        agencies = self._agencies(ctx, scenario, age_days, child["looked_after"])
        referrer_agency = self._referrer_agency(agencies, scenario)
        fields = self._fields(
            ctx, scenario, household, sex, age_days, incident, received, referrer_agency
        )
        key_dates = self._key_dates(incident, fields["date_of_death"], child["plan"], received)
        creator = ctx.manager
        if (
            referrer_agency is not None
            and id(referrer_agency) in ctx.authors
            and rng.random() < 0.3
        ):
            creator = ctx.authors[id(referrer_agency)]
        other_done, other_note = self._other_children(received, stage, household)
        records = {id(a): self._records_secured(received, stage) for a in agencies}
        plan = CasePlan(
            ctx=ctx,
            creator=creator,
            fields=fields,
            child=child,
            family=household["family"],
            agencies=agencies,
            key_dates=key_dates,
            received_at=received,
            other_children_done=other_done,
            other_children_note=other_note,
            records_done=records,
        )
        first = child["given_names"].split()[0]
        abuse = fields["abuse_neglect"]
        if stage in (STAGE_RECOMMENDED, STAGE_DECIDED):
            self._recommend(plan, scenario, abuse, outcome, first)
        if stage == STAGE_DECIDED:
            self._decide(plan, scenario, abuse, outcome, first)
        return plan

    def _fields(
        self,
        ctx: BoardContext,
        scenario: Scenario,
        household: dict,
        sex: str,
        age_days: int,
        incident: date,
        received: datetime,
        referrer_agency: Agency | None,
    ) -> dict:
        """The notification's own fields: the referrer, the incident and its criteria."""
        rng = self.rng
        text, pronouns = _circumstances(ctx, scenario, household, sex, age_days)
        date_of_death = None
        if scenario.outcome == Outcome.DEATH:
            latest = (timezone.localdate(received) - incident).days
            date_of_death = incident + timedelta(days=min(rng.choice((0, 0, 0, 1, 2)), latest))
        abuse = rng.choice(scenario.abuse)
        return {
            "referrer_name": self._professional_name(),
            "referrer_role": rng.choice(places.REFERRER_ROLES[referrer_agency.kind])
            if referrer_agency
            else "Member of the public",
            "referrer_agency": referrer_agency,
            "referrer_contact": self._contact(ctx, referrer_agency),
            "incident_date": incident,
            "outcome": scenario.outcome,
            "date_of_death": date_of_death,
            "abuse_neglect": abuse,
            "consider_life_threatening": "a" in scenario.criteria,
            "consider_sexual_abuse": "b" in scenario.criteria,
            "consider_parent_murdered": "c" in scenario.criteria,
            "consider_killed_by_mentally_ill_parent": "d" in scenario.criteria,
            "consider_interagency_concerns": "e" in scenario.criteria
            or (scenario.kind == "consider" and rng.random() < 0.3),
            "circumstances": text,
            "whereabouts_and_carer": household["whereabouts"].format(**pronouns),
            "cross_boundary_note": household["cross_boundary"],
        }

    def _other_children(self, received: datetime, stage: str, household) -> tuple:
        rng = self.rng
        siblings = household["siblings"]
        if stage == STAGE_NOTIFIED and rng.random() < 0.4:
            return None, ""
        done = self._clamp(received + timedelta(minutes=rng.randint(60, 40 * 60)))
        if siblings == 0:
            note = "No other children in the household; no other children in contact identified."
        else:
            word = NUMBER_WORDS[siblings]
            note = (
                f"Strategy discussion held. {word.capitalize()} other "
                f"{'child' if siblings == 1 else 'children'} in the household seen and assessed "
                "as safe with protective adults; section 47 enquiries continue."
            )
        return done, note

    def _records_secured(self, received: datetime, stage: str) -> datetime | None:
        rng = self.rng
        if stage == STAGE_NOTIFIED and rng.random() < 0.5:
            return None
        if stage == STAGE_RECOMMENDED and rng.random() < 0.15:
            return None
        return self._clamp(received + timedelta(minutes=rng.randint(2 * 60, 7 * 24 * 60)))

    def _recommend(self, plan: CasePlan, scenario: Scenario, abuse, outcome, name) -> None:
        rng = self.rng
        criteria = screen(
            catalogue.current(plan.ctx.board.default_regime),
            Facts(scenario.outcome, abuse, frozenset(scenario.criteria)),
        ).recommendation
        letters = ", ".join(f"({c})" for c in scenario.criteria) or "(e)"
        if criteria == Recommendation.REVIEW_REQUIRED:
            recommendation = Recommendation.REVIEW_REQUIRED
            how = "known" if abuse == AbuseNeglect.KNOWN else "suspected"
            reasons = (
                f"{name} died and abuse or neglect is {how} to be a factor. Rotherham 19.1 "
                "requires a serious case review; the panel recommends that one is held."
            )
        elif criteria == Recommendation.REVIEW_TO_CONSIDER:
            if outcome == DecisionOutcome.HOLD_REVIEW or (outcome is None and rng.random() < 0.5):
                recommendation = Recommendation.REVIEW_REQUIRED
                reasons = (
                    f"Criterion {letters} of Rotherham 19.1 applies and the agencies' initial "
                    "information shows important lessons about how they worked together. The "
                    "panel recommends that a serious case review is held."
                )
            else:
                recommendation = Recommendation.REVIEW_TO_CONSIDER
                reasons = (
                    f"Criterion {letters} of Rotherham 19.1 applies, but the initial "
                    "information suggests the lessons are mainly for single agencies. The panel "
                    "recommends a proportionate learning process instead of a full review."
                )
        else:
            recommendation = Recommendation.CRITERIA_NOT_MET
            reasons = (
                "None of the criteria of Rotherham 19.1 applies and no concerns about "
                "inter-agency working have been identified."
            )
        base = plan.other_children_done or plan.received_at
        recorded = self._clamp(
            base + timedelta(days=rng.randint(5, 21), minutes=rng.randint(0, 6 * 60))
        )
        plan.recommendation = (recommendation, reasons, recorded)

    def _decide(self, plan: CasePlan, scenario: Scenario, abuse, outcome, name) -> None:
        rng = self.rng
        recommended_at = plan.recommendation[2]
        delay = rng.randint(1, 12) if rng.random() < 0.9 else rng.randint(20, 40)
        decided_on = min(timezone.localdate(recommended_at) + timedelta(days=delay), self.today)
        recorded = self._clamp(max(at(decided_on, rng, 9, 17), recommended_at))
        decided_on = timezone.localdate(recorded)
        if outcome == DecisionOutcome.HOLD_REVIEW:
            if scenario.kind == "required":
                reasons = (
                    f"{name} died and abuse or neglect is known or suspected to be a factor: a "
                    "serious case review must be held (Rotherham 19.1). Terms of reference to "
                    "be drafted by the panel."
                )
            else:
                reasons = (
                    "I accept the panel's recommendation. The case gives rise to significant "
                    "lessons about how agencies worked together to safeguard the child, and a "
                    "serious case review will be held."
                )
        elif outcome == DecisionOutcome.OTHER_LEARNING:
            reasons = rng.choice(
                (
                    "The learning will be gained more proportionately through single-agency "
                    "reviews, reported to the panel within three months.",
                    "A multi-agency case audit will be carried out instead of a serious case "
                    "review; its findings will go to the board's learning and improvement "
                    "group.",
                    "The case will be reviewed through a partnership learning event with the "
                    "practitioners involved.",
                )
            )
        else:
            reasons = rng.choice(
                (
                    "The criteria are not met and no concerns about inter-agency working have "
                    "been identified. The child death overview panel will consider the case.",
                    "The criteria are not met. Agencies will consider any single-agency "
                    "learning through their own processes.",
                )
            )
        dissent = ""
        if rng.random() < 0.1:
            dissent = rng.choice(
                (
                    "The police representative considered that a full review was needed because "
                    "of concerns about information sharing.",
                    "The designated nurse considered that a single-agency review by the health "
                    "provider would be sufficient.",
                    "The education representative asked that the school's involvement be "
                    "examined more closely.",
                )
            )
        plan.decision = (outcome, reasons, dissent, decided_on, recorded)

    def _professional_name(self) -> str:
        return professional_name(self.rng)

    def _contact(self, ctx: BoardContext, agency: Agency | None) -> str:
        kind = agency.kind if agency else "other"
        domain = f"{ctx.board.slug}-{places.AGENCY_DOMAINS[kind]}.example"
        mailbox = self.rng.choice(("safeguarding", "referrals", "mash", "duty"))
        return f"{landline(self.rng)}, {mailbox}@{domain}"

    def _agencies(
        self, ctx: BoardContext, scenario: Scenario, age_days: int, looked_after: bool
    ) -> list[Agency]:
        rng = self.rng
        chance = {
            AgencyKind.CHILDRENS_SOCIAL_CARE: 1.0 if looked_after else 0.85,
            AgencyKind.POLICE: 0.95 if scenario.abuse != (AbuseNeglect.NOT,) else 0.5,
            AgencyKind.HEALTH_PROVIDER: 0.85,
            AgencyKind.PRIMARY_CARE_TRUST: 0.6,
            AgencyKind.EDUCATION: 0.75 if age_days >= 4 * Y else 0.1,
            AgencyKind.PROBATION: 0.15,
            AgencyKind.HOUSING: 0.2,
            AgencyKind.VOLUNTARY: 0.15,
            AgencyKind.OTHER: 0.1,
            AgencyKind.STRATEGIC_HEALTH_AUTHORITY: 0.05,
        }
        chosen = [a for a in ctx.agencies if rng.random() < chance.get(a.kind, 0.1)]
        if not chosen and ctx.agencies:
            chosen = [ctx.first(AgencyKind.CHILDRENS_SOCIAL_CARE) or ctx.agencies[0]]
        return chosen

    def _referrer_agency(self, agencies: list[Agency], scenario: Scenario) -> Agency | None:
        if not agencies:
            return None
        preferred = (
            (AgencyKind.POLICE, AgencyKind.CHILDRENS_SOCIAL_CARE)
            if scenario.outcome == Outcome.DEATH
            else (AgencyKind.CHILDRENS_SOCIAL_CARE, AgencyKind.HEALTH_PROVIDER)
        )
        candidates = [a for a in agencies if a.kind in preferred]
        if candidates and self.rng.random() < 0.8:
            return self.rng.choice(candidates)
        return self.rng.choice(agencies)

    def _key_dates(
        self, incident: date, death: date | None, plan: str, received: datetime
    ) -> list[tuple[date, str]]:
        rng = self.rng
        dates = [(incident, "Incident")]
        if death is not None and death != incident:
            dates.append((death, "Date of death"))
        if plan == Plan.CHILD_PROTECTION:
            dates.append(
                (incident - timedelta(days=rng.randint(40, 500)), "Child protection plan started")
            )
        elif plan == Plan.CHILD_IN_NEED and rng.random() < 0.5:
            dates.append(
                (incident - timedelta(days=rng.randint(30, 400)), "Child in need plan started")
            )
        strategy = min(incident + timedelta(days=rng.randint(0, 2)), timezone.localdate(received))
        dates.append((strategy, "Strategy discussion held"))
        return sorted(dates)

    def board_plans(
        self,
        ctx: BoardContext,
        n: int,
        reviews: int,
        undecided_share: float,
        *,
        showcase: bool = False,
    ) -> list[CasePlan]:
        """The board's cases in order of receipt. `showcase` (demo and board scales) spreads
        the reviews over the stages of REVIEW_PROFILE, timing each decision to suit its
        stage, and makes sure a demo board has the cases the demonstration needs: a
        looked-after child, and (with a full profile) a Polish-speaking family and a
        review held up by criminal proceedings, which chance alone might leave out."""
        mix = _stage_mix(self.rng, n, reviews, undecided_share)
        if not showcase:
            plans = [self.plan(ctx, stage, kind, outcome) for stage, kind, outcome in mix]
            plans.sort(key=lambda p: p.received_at)
            return plans
        slots = [
            i for i, (_s, _k, outcome) in enumerate(mix) if outcome == DecisionOutcome.HOLD_REVIEW
        ]
        profile = review_profile(len(slots))
        placement = next(
            (i for i, slot in enumerate(slots) if mix[slot][1] == "consider" and not profile[i][3]),
            None,
        )
        plans = []
        review_of = {slot: i for i, slot in enumerate(slots)}
        for index, (stage, kind, outcome) in enumerate(mix):
            i = review_of.get(index)
            if i is None:
                plans.append(self.plan(ctx, stage, kind, outcome))
                continue
            review_stage, low, high, role = profile[i]
            scenario = None
            if i == placement:
                scenario = SCENARIO_BY_KEY["injured_in_placement"]
            elif role == ROLE_CRIMINAL:
                scenario = SCENARIO_BY_KEY["infant_head_injury"]
            elif role == ROLE_POLISH:
                scenario = SCENARIO_BY_KEY["chronic_neglect"]
            # The decision comes about three weeks after the notification (see _decide).
            days = self.rng.randint(low, high) + 19
            received = self.now - timedelta(days=days, minutes=self.rng.randint(0, 24 * 60))
            heritage = POLISH if role == ROLE_POLISH else None
            plan = self.plan(
                ctx, stage, kind, outcome, scenario, received=received, heritage=heritage
            )
            if role == ROLE_POLISH:
                _polish_speaking_mother(plan)
            plan.review_stage, plan.review_role = review_stage, role
            plans.append(plan)
        plans.sort(key=lambda p: p.received_at)
        return plans


POLISH = next(h for h in names.HERITAGES if h.key == "polish")


def _polish_speaking_mother(plan: CasePlan) -> None:
    """The demonstration's family whose mother prefers Polish and needs an interpreter."""
    for person in plan.family:
        if person.get("relationship") == Relationship.MOTHER:
            person["preferred_language"] = Language.POLISH
            person["interpreter_needed"] = True


def references(plans: list[CasePlan], prefix: str) -> list[str]:
    """Per-year references in order of receipt, as `next_reference` numbers them."""
    seen: Counter = Counter()
    refs = []
    for plan in plans:
        year = timezone.localdate(plan.received_at).year
        seen[year] += 1
        refs.append(f"{prefix}-N{year}-{seen[year]:04d}")
    return refs
