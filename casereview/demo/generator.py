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
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import reset_queries, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts.models import Agency, AgencyKind, Board, Membership, Role, User
from casereview.audit.models import AuditEvent
from casereview.cases.checks import child_is_bme, child_or_parent_disabled
from casereview.cases.models import (
    AbuseNeglect,
    Decision,
    DecisionOutcome,
    KeyDate,
    Notification,
    NotificationAgency,
    NotificationStatus,
    Outcome,
    PanelRecommendation,
    Person,
    Recommendation,
    Task,
    TaskKind,
)
from casereview.cases.screening import screen
from casereview.cases.services import (
    complete_task,
    create_notification,
    pause_clocks,
    record_decision,
    record_panel_recommendation,
    save_person,
)
from casereview.cases.vocab import Language, PersonKind, Plan, Relationship, Sex
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

from . import names, places

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - the documented demo password
DEMO_BOARD = "eastbrook"
SECOND_BOARD = "westmoor"
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

# (username, role, agency kind for agency authors, given name, family name, job title)
DEMO_USERS = (
    ("manager", Role.BOARD_MANAGER, None, "Joanne", "Pritchard", "Board Business Manager"),
    ("chair", Role.BOARD_CHAIR, None, "Malcolm", "Ainsworth", "Independent Chair of the Board"),
    (
        "panelchair",
        Role.PANEL_CHAIR,
        None,
        "Nasreen",
        "Chaudhry",
        "Independent Review Panel Chair",
    ),
    (
        "panelmember",
        Role.PANEL_MEMBER,
        None,
        "Gareth",
        "Llewellyn",
        "Head of Safeguarding, Children's Social Care",
    ),
    (
        "police.author",
        Role.AGENCY_AUTHOR,
        AgencyKind.POLICE,
        "Claire",
        "Doherty",
        "Detective Inspector, Public Protection Unit",
    ),
    (
        "health.author",
        Role.AGENCY_AUTHOR,
        AgencyKind.HEALTH_PROVIDER,
        "Adebayo",
        "Ogunleye",
        "Named Nurse for Safeguarding Children",
    ),
    (
        "independent.author",
        Role.INDEPENDENT_AUTHOR,
        None,
        "Margaret",
        "Fairbairn",
        "Independent Overview Author",
    ),
    (
        "expert",
        Role.INDEPENDENT_EXPERT,
        None,
        "Kwame",
        "Mensah",
        "Independent Adviser on Race and Culture",
    ),
    (
        "analyst",
        Role.NATIONAL_ANALYST,
        None,
        "Priya",
        "Raval",
        "Senior Research Analyst, National Analysis Team",
    ),
    ("auditor", Role.AUDITOR, None, "Tomasz", "Nowak", "Information Governance Auditor"),
    ("admin", Role.ADMINISTRATOR, None, "Rachel", "Gill", "Systems Administrator"),
)
SECOND_BOARD_USERS = (
    ("westmoor.manager", Role.BOARD_MANAGER, None, "Fiona", "MacLeod", "Board Business Manager"),
    ("westmoor.chair", Role.BOARD_CHAIR, None, "Robert", "Hale", "Independent Chair of the Board"),
    (
        "westmoor.panelchair",
        Role.PANEL_CHAIR,
        None,
        "Shabana",
        "Akhtar",
        "Independent Review Panel Chair",
    ),
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


# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------

NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "twenty-one", "twenty-two", "twenty-three",
)  # fmt: skip


def ascii_fold(text: str) -> str:
    text = text.translate(names.ASCII_FOLD)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isascii() and (c.isalnum() or c in " -"))


def _slug_part(text: str) -> str:
    return ascii_fold(text).lower().replace(" ", "").replace("-", "")


def postcode(rng: random.Random) -> str:
    letters = places.POSTCODE_LETTERS
    inward = f"{rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
    return f"{places.POSTCODE_OUTWARD} {inward}"


def landline(rng: random.Random) -> str:
    return f"01632 960{rng.randint(0, 999):03d}"


def mobile(rng: random.Random) -> str:
    return f"07700 900{rng.randint(0, 999):03d}"


def age_phrase(days: int) -> str:
    """'a six-week-old', 'an eight-month-old', 'a seven-year-old'."""
    if days < 8 * 7:
        n, unit = max(1, days // 7), "week"
    elif days < 24 * 30:
        n, unit = max(2, days // 30), "month"
    else:
        n, unit = days // 365, "year"
    word = NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else str(n)
    article = "an" if word[0] in "aeiou" else "a"
    return f"{article} {word}-{unit}-old"


def _years_between(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _at(day: date, rng: random.Random, earliest: int = 8, latest: int = 18) -> datetime:
    """A time during the working day on `day`, in the current time zone."""
    moment = datetime.combine(day, time(rng.randint(earliest, latest), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def _spread(total: int, parts: int, index: int) -> int:
    return total // parts + (1 if index < total % parts else 0)


# --------------------------------------------------------------------------------------
# Boards, agencies and users
# --------------------------------------------------------------------------------------


@dataclass
class BoardContext:
    """A board with what the case generator needs to know about it."""

    board: Board
    place: str
    towns: tuple[str, ...]
    region: str
    agencies: list[Agency] = field(default_factory=list)
    gp_practices: tuple[str, ...] = ()
    manager: User | None = None
    chair: User | None = None
    panel_chair: User | None = None
    authors: dict[int, User] = field(default_factory=dict)
    others: list[BoardContext] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Agency]:
        return [a for a in self.agencies if a.kind == kind]

    def first(self, kind: str) -> Agency | None:
        found = self.of_kind(kind)
        return found[0] if found else None


def _place_names(rng: random.Random) -> list[str]:
    combos = [
        p + s
        for p in places.PLACE_PREFIXES
        for s in places.PLACE_SUFFIXES
        if p[-1] != s[0] and p + s not in places.REAL_PLACES and p + s not in places.DEMO_PLACES
    ]
    rng.shuffle(combos)
    return combos


def board_specs(rng: random.Random, count: int) -> list[dict]:
    """Names, prefixes, regimes and towns of `count` boards; the demo boards come first."""
    specs = []
    for slug, place, prefix, regime, towns in places.DEMO_BOARDS[:count]:
        specs.append(
            {
                "slug": slug,
                "place": place,
                "prefix": prefix,
                "regime": regime,
                "towns": towns,
                "area": f"Borough of {place}",
            }
        )
    pool = _place_names(rng)
    board_names, town_pool = pool[: count - len(specs)], pool[count - len(specs) :]
    for place in board_names:
        suffix = next(s for s in places.PLACE_SUFFIXES if place.endswith(s))
        specs.append(
            {
                "slug": place.lower(),
                "place": place,
                "prefix": f"{place[0]}{suffix[0].upper()}SCB",
                "regime": rng.choice(("rotherham_wt2006", "wt2010", "wt2013", "wt2018")),
                "towns": (place, *rng.sample(town_pool, 3)),
                "area": rng.choice(places.AREA_FORMS).format(place),
            }
        )
    return specs


def create_boards(
    rng: random.Random, count: int, *, agency_kinds: Iterable[str], extra_agencies: bool
) -> list[BoardContext]:
    kinds = list(agency_kinds)
    contexts: list[BoardContext] = []
    boards = []
    for i, spec in enumerate(board_specs(rng, count)):
        board = Board(
            slug=spec["slug"],
            name=f"{spec['place']} Safeguarding Children Board",
            area=spec["area"],
            default_regime=spec["regime"],
            reference_prefix=spec["prefix"],
        )
        boards.append(board)
        contexts.append(
            BoardContext(
                board=board,
                place=spec["place"],
                towns=tuple(spec["towns"]),
                region=places.REGIONS[i % len(places.REGIONS)],
            )
        )
    Board.objects.bulk_create(boards)
    agencies = []
    for ctx in contexts:
        fmt = {"area": ctx.place, "region": ctx.region}
        wanted = [(k, places.AGENCY_NAMES[k]) for k in kinds]
        if extra_agencies:
            wanted += list(places.EXTRA_AGENCIES)
        for kind, pattern in wanted:
            agency = Agency(board=ctx.board, name=pattern.format(**fmt), kind=kind)
            ctx.agencies.append(agency)
            agencies.append(agency)
        ctx.gp_practices = tuple(
            rng.choice(
                (
                    f"{rng.choice(places.STREET_STEMS)} Road Surgery",
                    f"{town} Medical Centre",
                    f"{town} Health Centre",
                    f"The {rng.choice(places.STREET_STEMS)} Practice",
                )
            )
            for town in ctx.towns
            for _ in range(2)
        )
        ctx.others = [c for c in contexts if c is not ctx]
    Agency.objects.bulk_create(agencies)
    return contexts


class UserMaker:
    """Builds users, memberships and confirmed TOTP devices, saved in bulk by `save()`.

    The password is hashed once and the hash reused: Argon2 is deliberately slow.
    """

    def __init__(self, rng: random.Random, password_hash: str):
        self.rng = rng
        self.password_hash = password_hash
        self.users: list[User] = []
        self.memberships: list[Membership] = []
        self.taken: set[str] = set()

    def add(
        self,
        ctx: BoardContext,
        username: str,
        role: str,
        given: str,
        family: str,
        job_title: str,
        agency: Agency | None = None,
    ) -> User:
        self.taken.add(username)
        domain = f"{ctx.board.slug}-scb.example"
        if agency is not None:
            domain = f"{ctx.board.slug}-{places.AGENCY_DOMAINS[agency.kind]}.example"
        user = User(
            username=username,
            first_name=given,
            last_name=family,
            email=f"{_slug_part(given)}.{_slug_part(family)}@{domain}",
            job_title=job_title,
            password=self.password_hash,
        )
        self.users.append(user)
        self.memberships.append(Membership(user=user, board=ctx.board, agency=agency, role=role))
        if role == Role.BOARD_MANAGER and ctx.manager is None:
            ctx.manager = user
        elif role == Role.BOARD_CHAIR and ctx.chair is None:
            ctx.chair = user
        elif role == Role.PANEL_CHAIR and ctx.panel_chair is None:
            ctx.panel_chair = user
        if role == Role.AGENCY_AUTHOR and agency is not None:
            ctx.authors.setdefault(id(agency), user)
        return user

    def add_listed(self, ctx: BoardContext, listed) -> None:
        for username, role, kind, given, family, title in listed:
            agency = ctx.first(kind) if kind else None
            self.add(ctx, username, role, given, family, title, agency)

    def add_generated(self, ctx: BoardContext, count: int, *, analyst: bool = False) -> None:
        """Pad the board to `count` users with a realistic mix of roles."""
        existing = sum(1 for m in self.memberships if m.board is ctx.board)
        roles = [
            Role.BOARD_MANAGER,
            Role.BOARD_CHAIR,
            Role.PANEL_CHAIR,
            Role.INDEPENDENT_AUTHOR,
            Role.INDEPENDENT_EXPERT,
            Role.AUDITOR,
            Role.ADMINISTRATOR,
        ]
        if analyst:
            roles.append(Role.NATIONAL_ANALYST)
        # One business manager, chair and panel chair per board.
        single = {
            Role.BOARD_MANAGER: ctx.manager,
            Role.BOARD_CHAIR: ctx.chair,
            Role.PANEL_CHAIR: ctx.panel_chair,
        }
        roles = [r for r in roles if single.get(r) is None]
        author_slots = [a for a in ctx.agencies for _ in range(2)]
        plan: list[tuple[str, Agency | None]] = [(r, None) for r in roles]
        plan += [(Role.AGENCY_AUTHOR, a) for a in author_slots]
        plan += [(Role.PANEL_MEMBER, None)] * max(0, count)
        for role, agency in plan[: max(0, count - existing)]:
            h = pick_heritage(self.rng)
            sex = self.rng.choice((Sex.FEMALE, Sex.MALE))
            given = given_name(self.rng, h, sex, adult=True, middle=False)
            family = family_name(self.rng, h, sex)
            base = f"{_slug_part(given)}.{_slug_part(family)}"
            username, n = base, 1
            while username in self.taken:
                n += 1
                username = f"{base}{n}"
            title = self.rng.choice(places.JOB_TITLES[role])
            if agency is not None:
                title = f"{title}, {agency.name}"
            self.add(ctx, username, role, given, family, title, agency)

    def save(self) -> None:
        User.objects.bulk_create(self.users, batch_size=500)
        # bulk_create copies the users' new primary keys into the memberships' foreign keys.
        Membership.objects.bulk_create(self.memberships, batch_size=500)
        # Every account has a confirmed second factor, as the login requires. The keys are
        # random (the model's default); the demo shortcut shows the current code.
        TOTPDevice.objects.bulk_create(
            (TOTPDevice(user=u, name="Authenticator app", confirmed=True) for u in self.users),
            batch_size=500,
        )


# --------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------

_HERITAGE_WEIGHTS = [h.weight for h in names.HERITAGES]

CHILD_DISABILITIES = (
    "Cerebral palsy; uses a wheelchair",
    "Autism spectrum condition",
    "Down's syndrome",
    "Global developmental delay",
    "Profound and multiple learning disabilities",
    "Epilepsy and a learning disability",
    "Visual impairment",
    "Attention deficit hyperactivity disorder and a learning disability",
    "Complex health needs; fed by gastrostomy tube",
)
INFANT_DISABILITIES = (
    "Complex health needs; fed by gastrostomy tube",
    "Cerebral palsy",
    "Hearing impairment identified at newborn screening",
    "Down's syndrome",
)
DEAF_BSL = "Deaf; uses British Sign Language"
PARENT_DISABILITIES = (
    "Learning disability",
    DEAF_BSL,
    "Wheelchair user following a spinal injury",
    "Visual impairment",
    "Long-term mental health condition (bipolar disorder)",
    "Acquired brain injury",
    "Multiple sclerosis",
)


def pick_heritage(rng: random.Random, *, exclude: names.Heritage | None = None) -> names.Heritage:
    while True:
        h = rng.choices(names.HERITAGES, weights=_HERITAGE_WEIGHTS)[0]
        if h is not exclude:
            return h


def given_name(
    rng: random.Random, h: names.Heritage, sex: str, *, adult: bool, middle: bool = True
) -> str:
    if sex == Sex.FEMALE:
        name = rng.choice(h.adult_female() if adult else h.female)
        extra = h.female_middle
    else:
        name = rng.choice(h.adult_male() if adult else h.male)
        extra = h.male_middle
    if middle and extra and rng.random() < h.middle_share:
        name = f"{name} {extra}"
    return name


def gendered(surname: str, h: names.Heritage | None, sex: str) -> str:
    if h is None or not h.gendered_surnames or sex != Sex.FEMALE:
        return surname
    for masculine, feminine in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
        if surname.endswith(masculine):
            return surname[: -len(masculine)] + feminine
    return surname


def family_name(rng: random.Random, h: names.Heritage, sex: str) -> str:
    return gendered(rng.choice(h.family), h, sex)


def professional_name(rng: random.Random) -> str:
    h = pick_heritage(rng)
    sex = rng.choice((Sex.FEMALE, Sex.MALE))
    return f"{given_name(rng, h, sex, adult=True, middle=False)} {family_name(rng, h, sex)}"


def language_for(rng: random.Random, h: names.Heritage) -> str:
    roll = rng.random()
    for code, share in h.languages:
        if roll < share:
            return code
        roll -= share
    return Language.ENGLISH


def address(rng: random.Random, ctx: BoardContext, town: str | None = None) -> str:
    town = town or rng.choice(ctx.towns)
    street = f"{rng.choice(places.STREET_STEMS)} {rng.choice(places.STREET_TYPES)}"
    if rng.random() < 0.2:
        first = rng.choice(places.FLAT_FORMS).format(
            n=rng.randint(1, 40), house=rng.choice(places.HOUSE_NAMES)
        )
        lines = [first, street]
    else:
        lines = [f"{rng.randint(1, 160)} {street}"]
    lines.append(town)
    if town != ctx.place:
        lines.append(ctx.place)
    lines.append(postcode(rng))
    return "\n".join(lines)


def school_for(rng: random.Random, age_years: int, town: str) -> str:
    if age_years < 2:
        return ""
    if age_years < 4:
        return (
            f"{rng.choice(('Little Acorns', 'Rainbow', 'Busy Bees', 'Ladybird'))} Nursery, {town}"
        )
    if age_years < 11:
        return rng.choice(
            (
                f"{town} Primary School",
                f"{rng.choice(places.SCHOOL_PATRONS)} C of E Primary School, {town}",
                f"{rng.choice(places.STREET_STEMS)} Road Primary Academy",
                f"{town} Infant and Junior School",
            )
        )
    if age_years < 16:
        return rng.choice(
            (
                f"{town} High School",
                f"{town} Academy",
                f"{rng.choice(places.SCHOOL_PATRONS)} Catholic High School",
                f"{rng.choice(places.STREET_STEMS)} Park School",
            )
        )
    return f"{town} College"


# --------------------------------------------------------------------------------------
# Scenarios
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    key: str
    kind: str  # "required", "consider" or "not_met": what the criteria say
    outcome: str
    abuse: tuple[str, ...]
    criteria: str  # letters of Rotherham 19.1 (a)-(e) that apply
    min_days: int
    max_days: int
    text: str
    weight: float = 1.0
    mother_note: str = ""
    father_note: str = ""
    # Who the text mentions, so the household must include them: "father", "partner",
    # "foster" (foster carers rather than a children's home).
    needs: str = ""
    # Chance that the child is looked after (only where the text allows it).
    looked_after: float = 0.0
    plan: str = ""  # the child's plan when the text fixes it


K, S, N = AbuseNeglect.KNOWN, AbuseNeglect.SUSPECTED, AbuseNeglect.NOT
DEATH, HARM = Outcome.DEATH, Outcome.SERIOUS_HARM
Y = 365

SCENARIOS = (
    Scenario(
        "infant_head_injury", "required", DEATH, (S, K), "", 30, 330,
        "{name}, {age} baby, was taken by ambulance to {hospital} after {his} mother's partner "
        "called 999 to say {he} had stopped breathing. Scans showed bleeding around the brain "
        "and behind the eyes, and {he} died two days later. Police have arrested the mother's "
        "partner on suspicion of murder. The family had been known to children's social care "
        "because of domestic abuse.",
        weight=2,
        needs="partner",
    ),
    Scenario(
        "extreme_neglect", "required", DEATH, (K, S), "", 1 * Y, 6 * Y,
        "{name}, {age}, was found dead at the family home in {town}. The post-mortem "
        "examination found severe malnutrition and untreated infections. Health visiting "
        "contact had lapsed after several missed appointments, and the family had moved twice "
        "in the previous year.",
    ),
    Scenario(
        "sudi_alcohol", "required", DEATH, (S,), "", 20, 240,
        "{name}, {age} baby, died after sleeping on a sofa with {his} father, who had been "
        "drinking heavily that evening. Police are investigating. {name} had been the subject "
        "of a child protection plan for neglect that ended three months earlier.",
        weight=1.5,
        needs="father",
        plan=Plan.NONE,
    ),
    Scenario(
        "domestic_homicide", "required", DEATH, (K,), "c", 2 * Y, 12 * Y,
        "{name}, {age}, and {his} mother were killed at their home in {town} by {his} father, "
        "who had been released on bail a fortnight earlier after assaulting her. A domestic "
        "homicide review is being initiated alongside this notification.",
        weight=0.5,
        mother_note="Deceased",
        father_note="In custody, remanded",
        needs="father",
    ),
    Scenario(
        "parent_mental_illness", "required", DEATH, (K,), "d", 180, 10 * Y,
        "{name}, {age}, was killed by {his} mother during an acute psychotic episode. She had "
        "been assessed by the crisis team and discharged to the care of her GP a week before. "
        "She is detained in hospital under the Mental Health Act.",
        weight=0.5,
        mother_note="Detained in hospital under the Mental Health Act",
    ),
    Scenario(
        "exploitation_suicide", "required", DEATH, (S,), "e", 14 * Y, 17 * Y + 300,
        "{name}, {age}, took {his} own life. {He} had been reported missing eleven times in six "
        "months and was believed to be criminally exploited by a drug-dealing network "
        "operating in {town}. Police, the youth offending service and {his} school each held "
        "information that was not brought together.",
        looked_after=0.5,
    ),
    Scenario(
        "infant_fractures", "consider", HARM, (S,), "a", 30, 300,
        "{name}, {age} baby, was admitted to intensive care at {hospital} with a skull "
        "fracture and rib fractures of different ages. The explanation given by the parents "
        "does not account for the injuries. {name} has been discharged to the care of {his} "
        "maternal grandmother under an interim care order.",
        weight=2,
    ),
    Scenario(
        "scalds", "consider", HARM, (S, K), "a", 1 * Y, 5 * Y,
        "{name}, {age}, suffered full-thickness scalds to the legs and buttocks. Medical "
        "opinion is that the pattern is consistent with forced immersion in hot water. Three "
        "earlier attendances at the emergency department with minor injuries had not been "
        "linked.",
    ),
    Scenario(
        "sexual_abuse_family_friend", "consider", HARM, (K,), "b", 6 * Y, 15 * Y,
        "{name}, {age}, told a teacher at {school} that {he} had been sexually abused over two "
        "years by a family friend who had a previous conviction for sexual offences against "
        "children. The friend had been living in the household for part of that time.",
    ),
    Scenario(
        "sexual_exploitation", "consider", HARM, (K,), "be", 12 * Y, 15 * Y + 300,
        "{name}, {age}, was groomed online and sexually exploited by a group of adult men over "
        "several months. {He} had been reported missing from home repeatedly and had disclosed "
        "some of the abuse to a youth worker.",
        looked_after=0.5,
    ),
    Scenario(
        "mother_murdered", "consider", HARM, (K,), "c", 2 * Y, 15 * Y,
        "{name}'s mother was killed at home by her former partner while {name}, {age}, was in "
        "the house. {He} is now living with relatives. A domestic homicide review is being "
        "initiated.",
        weight=0.6,
        mother_note="Deceased",
    ),
    Scenario(
        "chronic_neglect", "consider", HARM, (K,), "ae", 100, 4 * Y,
        "{name}, {age}, was admitted to {hospital} with severe dehydration and faltering "
        "growth. Over eighteen months several agencies had recorded concerns about neglect, "
        "poor home conditions and missed health appointments, but no agency had drawn them "
        "together.",
        weight=1.5,
    ),
    Scenario(
        "induced_illness", "consider", HARM, (S,), "a", 1 * Y, 8 * Y,
        "Paediatricians at {hospital} have concluded that the repeated admissions of {name}, "
        "{age}, over two years were caused by a carer inducing illness. {name} underwent "
        "several invasive investigations.",
        weight=0.5,
    ),
    Scenario(
        "injured_in_placement", "consider", HARM, (S,), "ae", 1 * Y, 12 * Y,
        "{name}, {age}, was admitted to {hospital} with a fractured thigh bone and extensive "
        "bruising while living with foster carers in {town}. The carers' explanation does not "
        "account for the injuries. Statutory visits to the placement had been missed during a "
        "period of staff shortages.",
        weight=0.7,
        looked_after=1.0,
        needs="foster",
    ),
    Scenario(
        "asthma_death", "consider", DEATH, (N,), "e", 6 * Y, 15 * Y,
        "{name}, {age}, died of a severe asthma attack at home. The school and the GP practice "
        "had both been worried about missed medical appointments and prescriptions that were "
        "not collected, but the concerns had not been shared.",
        weight=0.6,
        looked_after=0.15,
    ),
    Scenario(
        "road_collision", "not_met", HARM, (N,), "", 2 * Y, 16 * Y,
        "{name}, {age}, was seriously injured in a road traffic collision while travelling "
        "with {his} family. Police found no evidence of neglect, and the family was not known "
        "to children's services.",
    ),
    Scenario(
        "sudi_no_concerns", "not_met", DEATH, (N,), "", 14, 300,
        "{name}, {age} baby, died suddenly and unexpectedly at home. The joint agency response "
        "found no concerns about the care {he} received; the death is being considered by the "
        "child death overview panel.",
        weight=1.5,
    ),
    Scenario(
        "medical_death", "not_met", DEATH, (N,), "", 2 * Y, 16 * Y,
        "{name}, {age}, died in hospital from complications of a long-term health condition. "
        "A referral was made because of earlier missed appointments; enquiries found these "
        "explained and the family fully engaged with services.",
    ),
    Scenario(
        "teenage_fall", "not_met", HARM, (N,), "", 14 * Y, 17 * Y + 300,
        "{name}, {age}, was seriously injured in a fall while climbing on a disused building "
        "with friends. There is no indication of abuse or neglect, and {he} was not known to "
        "children's services.",
        weight=0.7,
    ),
)  # fmt: skip
SCENARIOS_BY_KIND = {
    kind: [s for s in SCENARIOS if s.kind == kind] for kind in ("required", "consider", "not_met")
}


SCENARIO_BY_KEY = {s.key: s for s in SCENARIOS}


def pick_scenario(rng: random.Random, kind: str) -> Scenario:
    options = SCENARIOS_BY_KIND[kind]
    return rng.choices(options, weights=[s.weight for s in options])[0]


# --------------------------------------------------------------------------------------
# Case plans: everything about one notification, decided before anything is written
# --------------------------------------------------------------------------------------


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


class CaseFactory:
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
        household = self._household(ctx, incident, age_days, sex, scenario, heritage)
        child = household["child"]
        agencies = self._agencies(ctx, scenario, age_days, child["looked_after"])
        referrer_agency = self._referrer_agency(agencies, scenario)
        hospital = ctx.first(AgencyKind.HEALTH_PROVIDER)
        pron = (
            {"he": "she", "his": "her", "him": "her"}
            if sex == Sex.FEMALE
            else {"he": "he", "his": "his", "him": "him"}
        )
        first = child["given_names"].split()[0]
        text = scenario.text.format(
            name=first,
            age=age_phrase(age_days),
            hospital=hospital.name if hospital else "the local hospital",
            town=household["town"],
            school=child["school"] or "school",
            He=pron["he"].capitalize(),
            **pron,
        )
        date_of_death = None
        if scenario.outcome == Outcome.DEATH:
            latest = (timezone.localdate(received) - incident).days
            date_of_death = incident + timedelta(days=min(rng.choice((0, 0, 0, 1, 2)), latest))
        abuse = rng.choice(scenario.abuse)
        fields = {
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
            "whereabouts_and_carer": household["whereabouts"].format(**pron),
            "cross_boundary_note": household["cross_boundary"],
        }
        key_dates = self._key_dates(incident, date_of_death, child["plan"], received)
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
        if stage in (STAGE_RECOMMENDED, STAGE_DECIDED):
            self._recommend(plan, scenario, abuse, outcome, first)
        if stage == STAGE_DECIDED:
            self._decide(plan, scenario, abuse, outcome, first)
        return plan

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
            outcome=scenario.outcome,
            abuse_neglect=abuse,
            considerations={k: k in scenario.criteria for k in "abcde"},
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
        recorded = self._clamp(max(_at(decided_on, rng, 9, 17), recommended_at))
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

    # -- people -----------------------------------------------------------------------

    def _adult(
        self,
        h: names.Heritage,
        sex: str,
        born: date,
        relationship: str,
        addr: str,
        *,
        pr: bool = False,
        interest: bool = False,
        family: str | None = None,
        note: str = "",
        disabled_rate: float = 0.04,
    ) -> dict:
        rng = self.rng
        language = language_for(rng, h)
        disabled = rng.random() < disabled_rate
        description = rng.choice(PARENT_DISABILITIES) if disabled else ""
        if description == DEAF_BSL:
            language = Language.BSL
        interpreter = language == Language.BSL or (
            language not in (Language.ENGLISH, Language.WELSH) and rng.random() < 0.6
        )
        contact = note or mobile(rng)
        return {
            "kind": PersonKind.FAMILY,
            "given_names": given_name(rng, h, sex, adult=True),
            "family_name": family or family_name(rng, h, sex),
            "aliases": "",
            "date_of_birth": born,
            "sex": sex,
            "ethnicity": h.ethnicity,
            "disabled": disabled,
            "disability_description": description,
            "address": addr,
            "relationship": relationship,
            "parental_responsibility": pr,
            "legitimate_interest": interest,
            "preferred_language": language,
            "interpreter_needed": interpreter,
            "contact_details": contact,
        }

    def _household(
        self,
        ctx: BoardContext,
        incident: date,
        age_days: int,
        sex: str,
        scenario: Scenario,
        heritage: names.Heritage | None = None,
    ) -> dict:
        rng = self.rng
        born = incident - timedelta(days=age_days)
        age = _years_between(born, incident)
        h_mother = heritage or pick_heritage(rng)
        h_father = h_mother if rng.random() < 0.92 else pick_heritage(rng, exclude=h_mother)
        father_known = rng.random() < 0.9 or "father" in scenario.needs
        town = rng.choice(ctx.towns)
        home = address(rng, ctx, town)
        family: list[dict] = []

        # Mother.
        mother_born = born - timedelta(days=rng.randint(17 * Y, 42 * Y))
        mother = self._adult(
            h_mother,
            Sex.FEMALE,
            mother_born,
            Relationship.MOTHER,
            home,
            pr=True,
            note=scenario.mother_note,
        )
        # Father.
        father = None
        together = False
        if father_known:
            father_born = mother_born - timedelta(days=rng.randint(-3 * Y, 10 * Y))
            together = rng.random() < 0.55 and "partner" not in scenario.needs
            father_address = home if together else address(rng, ctx)
            father = self._adult(
                h_father,
                Sex.MALE,
                father_born,
                Relationship.FATHER,
                father_address,
                pr=together or rng.random() < 0.7,
                note=scenario.father_note,
            )
            if together and not h_father.patronymic and rng.random() < 0.5:
                maiden = mother["family_name"]
                mother["family_name"] = gendered(father["family_name"], h_father, Sex.FEMALE)
                if maiden != mother["family_name"]:
                    mother["aliases"] = f"Previously known as {mother['given_names']} {maiden}"
        # The child's names and ethnicity.
        name_heritage = h_father if (father and rng.random() < 0.5) else h_mother
        if father and h_father.patronymic:
            child_family = father["given_names"].split()[0]
        elif father and rng.random() < 0.6:
            child_family = gendered(father["family_name"], h_father, sex)
        else:
            child_family = gendered(mother["family_name"], h_mother, sex)
        ethnicity = names.mixed_ethnicity(h_mother.ethnicity, h_father.ethnicity)
        if not father_known and h_father is not h_mother and rng.random() < 0.5:
            ethnicity = h_mother.ethnicity
        if rng.random() < 0.03:
            ethnicity = "NK"
        given = given_name(rng, name_heritage, sex, adult=False)
        aliases = ""
        nickname = names.NICKNAMES.get(given)
        if nickname and rng.random() < 0.5:
            aliases = f"Known as {nickname}"

        # Disability, language, plan, looked-after status.
        disabled = rng.random() < 0.09
        description = ""
        language = Language.ENGLISH
        interpreter = False
        if disabled:
            if age < 2:
                description = rng.choice(INFANT_DISABILITIES)
            else:
                description = rng.choice((*CHILD_DISABILITIES, DEAF_BSL))
        if description == DEAF_BSL:
            language, interpreter = Language.BSL, True
        elif age < 3:
            language = mother["preferred_language"]
            if language == Language.BSL:
                language = Language.ENGLISH
        elif rng.random() < name_heritage.child_language_share:
            language = language_for(rng, name_heritage)
            interpreter = language != Language.ENGLISH and rng.random() < 0.3
        looked_after = rng.random() < scenario.looked_after
        plan = rng.choices(
            (Plan.CHILD_PROTECTION, Plan.CHILD_IN_NEED, Plan.NONE, Plan.NOT_KNOWN),
            weights=(15, 18, 52, 15),
        )[0]
        plan = scenario.plan or plan
        cross_boundary = ""
        child_address = home
        child_town = town
        has_partner = "partner" in scenario.needs or (not together and rng.random() < 0.3)
        if scenario.key == "mother_murdered":
            whereabouts = f"At home with {{his}} mother; now living with relatives in {town}"
        elif together and not has_partner:
            whereabouts = f"At home in {town} with both parents"
        elif has_partner:
            whereabouts = f"At home in {town} with {{his}} mother and her partner"
        elif rng.random() < 0.15:
            whereabouts = f"Staying with {{his}} maternal grandmother in {town}"
        else:
            whereabouts = f"At home in {town} with {{his}} mother"
        other = rng.choice(ctx.others) if ctx.others else None
        place_ctx = ctx
        if looked_after:
            plan = Plan.NONE
            placed_away = other is not None and rng.random() < 0.5
            place_ctx = other if placed_away else ctx
            child_town = rng.choice(place_ctx.towns)
            child_address = address(rng, place_ctx, child_town)
            if age >= 11 and rng.random() < 0.4 and "foster" not in scenario.needs:
                home_name = rng.choice(places.CHILDREN_HOME_NAMES)
                whereabouts = f"Living at {home_name}, a children's home in {child_town}"
                child_address = f"{home_name}\n{child_address}"
            else:
                whereabouts = f"Placed with foster carers in {child_town}"
                carer_h = pick_heritage(rng)
                carer = self._adult(
                    carer_h,
                    rng.choice((Sex.FEMALE, Sex.FEMALE, Sex.MALE)),
                    born - timedelta(days=rng.randint(30 * Y, 55 * Y)),
                    Relationship.FOSTER_CARER,
                    child_address,
                    disabled_rate=0.02,
                )
                family.append(carer)
            if placed_away:
                cross_boundary = (
                    f"{given.split()[0]} is looked after by {ctx.place} and placed in "
                    f"{child_town}, in the area of {other.board.name}. The responsible "
                    f"authority's board leads (London 19.1.6-7); {other.board.name} has been "
                    "informed and its agencies will be asked for their records."
                )
        school = school_for(rng, age, child_town)
        gp_practices = (place_ctx if looked_after else ctx).gp_practices
        if not looked_after and other is not None and rng.random() < 0.12:
            variants = ["moved"]
            if father and not together:
                variants.append("father")
            if school:
                variants.append("school")
            variant = rng.choice(variants)
            if variant == "moved":
                cross_boundary = (
                    f"The family moved to {town} from {other.place} four months before the "
                    f"incident. {other.board.name} has been told and has agreed to contribute "
                    f"agency reports; {ctx.board.name} leads because the child was living here."
                )
            elif variant == "father":
                father["address"] = address(rng, other)
                cross_boundary = (
                    f"The child's father lives in {other.place}, and agencies in that area knew "
                    f"the family. {other.board.name} has been informed and will be asked for "
                    "agency reports."
                )
            else:
                school = school_for(rng, age, rng.choice(other.towns))
                cross_boundary = (
                    f"The child attended school in {other.place}. {other.board.name} agreed on "
                    f"the telephone that {ctx.board.name} should lead."
                )
        child = {
            "given_names": given,
            "family_name": child_family,
            "aliases": aliases,
            "date_of_birth": born,
            "sex": sex,
            "ethnicity": ethnicity,
            "disabled": disabled,
            "disability_description": description,
            "address": child_address,
            "school": school,
            "gp_practice": rng.choice(gp_practices) if gp_practices else "",
            "looked_after": looked_after,
            "plan": plan,
            "preferred_language": language,
            "interpreter_needed": interpreter,
        }
        family.append(mother)
        if father:
            family.append(father)
        if has_partner:
            partner_h = h_mother if rng.random() < 0.8 else pick_heritage(rng)
            family.append(
                self._adult(
                    partner_h,
                    Sex.MALE,
                    mother_born - timedelta(days=rng.randint(-5 * Y, 12 * Y)),
                    Relationship.PARENTS_PARTNER,
                    home,
                )
            )
        if rng.random() < 0.2:
            family.append(
                self._adult(
                    h_mother,
                    Sex.FEMALE,
                    mother_born - timedelta(days=rng.randint(18 * Y, 30 * Y)),
                    Relationship.GRANDPARENT,
                    address(rng, ctx),
                    interest=True,
                    disabled_rate=0.1,
                )
            )
        siblings = rng.choices((0, 1, 2, 3), weights=(35, 35, 20, 10))[0]
        for _ in range(siblings):
            sib_sex = rng.choice((Sex.FEMALE, Sex.MALE))
            half = rng.random() < 0.3
            sib_h = h_mother if half else name_heritage
            sib_born = born + timedelta(days=rng.choice((-1, 1)) * rng.randint(300, 8 * Y))
            if sib_born > incident:
                sib_born = born - timedelta(days=rng.randint(300, 6 * Y))
            used = {given, *(p["given_names"] for p in family)}
            sib_given = given_name(rng, sib_h, sib_sex, adult=False)
            for _ in range(5):
                if sib_given not in used:
                    break
                sib_given = given_name(rng, sib_h, sib_sex, adult=False)
            family.append(
                {
                    "kind": PersonKind.OTHER_CHILD,
                    "given_names": sib_given,
                    "family_name": gendered(
                        mother["family_name"] if half else child_family, sib_h, sib_sex
                    ),
                    "aliases": "",
                    "date_of_birth": sib_born,
                    "sex": sib_sex,
                    "ethnicity": sib_h.ethnicity if half else ethnicity,
                    "disabled": rng.random() < 0.05,
                    "disability_description": "",
                    "address": home,
                    "relationship": Relationship.HALF_SIBLING if half else Relationship.SIBLING,
                    "parental_responsibility": False,
                    "legitimate_interest": False,
                    "preferred_language": Language.ENGLISH,
                    "interpreter_needed": False,
                    "contact_details": "",
                }
            )
            if family[-1]["disabled"]:
                family[-1]["disability_description"] = rng.choice(CHILD_DISABILITIES)
        return {
            "child": child,
            "family": family,
            "town": child_town,
            "whereabouts": whereabouts,
            "cross_boundary": cross_boundary,
            "siblings": siblings,
        }

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
            AgencyKind.POLICE: 0.95 if scenario.abuse != (N,) else 0.5,
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


# --------------------------------------------------------------------------------------
# Writing through the services (demo and board scales)
# --------------------------------------------------------------------------------------

TASK_NOTES_RECORDS = (
    "Records secured and copied to the review file; originals locked.",
    "Electronic record restricted and paper file placed in the safe.",
    "Records secured; access limited to the named safeguarding lead.",
)


def write_via_services(plan: CasePlan, rng: random.Random) -> Notification:
    ctx = plan.ctx
    notification = create_notification(
        None,
        board=ctx.board,
        actor=plan.creator,
        fields=plan.fields,
        child=plan.child,
        agencies=plan.agencies,
        key_dates=plan.key_dates,
    )
    for person in plan.family:
        save_person(
            None,
            Person(board=ctx.board, notification=notification, **person),
            actor=ctx.manager,
            created=True,
        )
    by_agency = {a.pk: id(a) for a in plan.agencies}
    completed: dict = {}
    for task in notification.tasks.all():
        if task.kind == TaskKind.OTHER_CHILDREN:
            when, note = plan.other_children_done, plan.other_children_note
            actor = ctx.manager
        else:
            key = by_agency[task.agency_id]
            when, note = plan.records_done[key], rng.choice(TASK_NOTES_RECORDS)
            actor = ctx.authors.get(key, ctx.manager)
        if when is None:
            continue
        complete_task(None, task, actor=actor, done_on=timezone.localdate(when), note=note)
        completed[task.pk] = when
    if plan.recommendation:
        recommendation, reasons, _ = plan.recommendation
        record_panel_recommendation(
            None,
            notification,
            actor=ctx.panel_chair,
            recommendation=recommendation,
            reasons=reasons,
        )
    if plan.decision:
        outcome, reasons, dissent, decided_on, _ = plan.decision
        record_decision(
            None,
            notification,
            actor=ctx.chair,
            outcome=outcome,
            reasons=reasons,
            dissent=dissent,
            decided_on=decided_on,
        )
    # Post-date the business timestamps the services stamped with now (audit events keep
    # theirs: they are append-only).
    Notification.objects.filter(pk=notification.pk).update(received_at=plan.received_at)
    Task.objects.filter(notification=notification).update(due_at=plan.received_at)
    for pk, when in completed.items():
        Task.objects.filter(pk=pk).update(completed_at=when)
    if plan.recommendation:
        PanelRecommendation.objects.filter(notification=notification).update(
            recorded_at=plan.recommendation[2]
        )
    if plan.decision:
        recorded = plan.decision[4]
        Decision.objects.filter(notification=notification).update(recorded_at=recorded)
        Review.objects.filter(notification=notification).update(opened_at=recorded)
        StatusChange.objects.filter(review__notification=notification).update(changed_at=recorded)
    return notification


def _renumber(ctx: BoardContext, pairs: list[tuple[Notification, str]]) -> None:
    """Give the notifications references of the year they were received (the service
    numbers them in the year of loading). Two passes keep the unique constraint happy."""
    for i, (notification, _) in enumerate(pairs):
        # Temporary references fit the 30-character column (PostgreSQL enforces it).
        Notification.objects.filter(pk=notification.pk).update(reference=f"~{i:06d}")
        Review.objects.filter(notification=notification).update(reference=f"~{i:06d}")
    for notification, ref in pairs:
        Notification.objects.filter(pk=notification.pk).update(reference=ref)
        Review.objects.filter(notification=notification).update(
            reference=ref.replace("-N", "-R", 1)
        )


# --------------------------------------------------------------------------------------
# Running the reviews (demo and board scales)
# --------------------------------------------------------------------------------------

RS = ReviewStatus
STAGE_ORDER = list(ReviewStatus.values)

# Parts a review plays in the demonstration.
ROLE_POLISH = "polish"  # told of the review in English, without the interpreter she needs
ROLE_CRIMINAL = "criminal"  # criminal proceedings hold publication; the clocks are paused
ROLE_SLOW_TERMS = "slow_terms"  # the terms of reference are still a draft after a month
ROLE_LATE_NOTICE = "late_notice"  # the Government Office was told late
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
# at its own pace (`_pace`), so that its stage fits how long ago it was decided.
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
# Scoping takes the month the regime gives it whatever the pace (`ReviewRunner.on`).
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


def _pace(rng: random.Random, stage: str, days: int) -> float:
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
        self.pace = _pace(rng, self.stage, (today - self.decided).days)
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
        when = _at(day, self.rng, 9, 17)
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
        age = _years_between(born, self.today)
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
            _renumber(
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
