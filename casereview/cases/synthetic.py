"""Synthetic data for demonstrations, tests and benchmarks (`casereview seed`).

Three scales:

- ``demo``: the Eastbrook board (40 notifications, about 15 reviews) and the Westmoor board
  (10 notifications), with the documented demo logins. Written through the real services
  (`create_notification`, `save_person`, `complete_task`, `record_panel_recommendation`,
  `record_decision`), so every row has its audit event and every rule is applied.
- ``board``: one board (Eastbrook, with the demo logins) with 40 reviews out of about 120
  notifications, also through the services.
- ``national``: 150 boards, 600 agencies, 3,000 users, 20,000 notifications and 3,000
  reviews, written with ``bulk_create`` in batches (see `generate_national`).

Everything is deterministic for a given ``seed`` (one `random.Random`), apart from
primary keys, TOTP keys and the audit events' own timestamps. Names, places, postcodes
(``ZZ99``), telephone numbers (Ofcom drama ranges) and e-mail domains (``.example``) are
fictional: see `synthetic_names`.

Because the services stamp `timezone.now()`, the generator afterwards moves the business
timestamps (received, completed, recorded, opened) back to plausible dates with queryset
``.update()``. Audit events are append-only and are never touched: they keep the time the
data was loaded.
"""

from __future__ import annotations

import random
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import reset_queries, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts.models import Agency, AgencyKind, Board, Membership, Role, User
from casereview.audit.models import AuditEvent
from casereview.procedure import catalogue
from casereview.reviews.models import Review, ReviewStatus, StatusChange

from . import synthetic_names as names
from .models import (
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
from .screening import screen
from .services import (
    complete_task,
    create_notification,
    record_decision,
    record_panel_recommendation,
    save_person,
)
from .vocab import Language, PersonKind, Plan, Relationship, Sex

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
    letters = names.POSTCODE_LETTERS
    return f"{names.POSTCODE_OUTWARD} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"


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
        for p in names.PLACE_PREFIXES
        for s in names.PLACE_SUFFIXES
        if p[-1] != s[0] and p + s not in names.REAL_PLACES and p + s not in names.DEMO_PLACES
    ]
    rng.shuffle(combos)
    return combos


def board_specs(rng: random.Random, count: int) -> list[dict]:
    """Names, prefixes, regimes and towns of `count` boards; the demo boards come first."""
    specs = []
    for slug, place, prefix, regime, towns in names.DEMO_BOARDS[:count]:
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
        suffix = next(s for s in names.PLACE_SUFFIXES if place.endswith(s))
        specs.append(
            {
                "slug": place.lower(),
                "place": place,
                "prefix": f"{place[0]}{suffix[0].upper()}SCB",
                "regime": rng.choice(("rotherham_wt2006", "wt2010", "wt2013", "wt2018")),
                "towns": (place, *rng.sample(town_pool, 3)),
                "area": rng.choice(names.AREA_FORMS).format(place),
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
                region=names.REGIONS[i % len(names.REGIONS)],
            )
        )
    Board.objects.bulk_create(boards)
    agencies = []
    for ctx in contexts:
        fmt = {"area": ctx.place, "region": ctx.region}
        wanted = [(k, names.AGENCY_NAMES[k]) for k in kinds]
        if extra_agencies:
            wanted += list(names.EXTRA_AGENCIES)
        for kind, pattern in wanted:
            agency = Agency(board=ctx.board, name=pattern.format(**fmt), kind=kind)
            ctx.agencies.append(agency)
            agencies.append(agency)
        ctx.gp_practices = tuple(
            rng.choice(
                (
                    f"{rng.choice(names.STREET_STEMS)} Road Surgery",
                    f"{town} Medical Centre",
                    f"{town} Health Centre",
                    f"The {rng.choice(names.STREET_STEMS)} Practice",
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
            domain = f"{ctx.board.slug}-{names.AGENCY_DOMAINS[agency.kind]}.example"
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
            title = self.rng.choice(names.JOB_TITLES[role])
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


def language_for(rng: random.Random, h: names.Heritage) -> str:
    roll = rng.random()
    for code, share in h.languages:
        if roll < share:
            return code
        roll -= share
    return Language.ENGLISH


def address(rng: random.Random, ctx: BoardContext, town: str | None = None) -> str:
    town = town or rng.choice(ctx.towns)
    street = f"{rng.choice(names.STREET_STEMS)} {rng.choice(names.STREET_TYPES)}"
    if rng.random() < 0.2:
        first = rng.choice(names.FLAT_FORMS).format(
            n=rng.randint(1, 40), house=rng.choice(names.HOUSE_NAMES)
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
                f"{rng.choice(names.SCHOOL_PATRONS)} C of E Primary School, {town}",
                f"{rng.choice(names.STREET_STEMS)} Road Primary Academy",
                f"{town} Infant and Junior School",
            )
        )
    if age_years < 16:
        return rng.choice(
            (
                f"{town} High School",
                f"{town} Academy",
                f"{rng.choice(names.SCHOOL_PATRONS)} Catholic High School",
                f"{rng.choice(names.STREET_STEMS)} Park School",
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
    ) -> CasePlan:
        rng = self.rng
        scenario = scenario or pick_scenario(rng, kind)
        received = self._received(stage)
        incident_at = received - timedelta(minutes=rng.randint(2 * 60, 70 * 60))
        incident = timezone.localdate(incident_at)
        age_days = rng.randint(scenario.min_days, scenario.max_days)
        sex = rng.choice((Sex.FEMALE, Sex.MALE))
        household = self._household(ctx, incident, age_days, sex, scenario)
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
            "referrer_role": rng.choice(names.REFERRER_ROLES[referrer_agency.kind])
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
        self, ctx: BoardContext, incident: date, age_days: int, sex: str, scenario: Scenario
    ) -> dict:
        rng = self.rng
        born = incident - timedelta(days=age_days)
        age = _years_between(born, incident)
        h_mother = pick_heritage(rng)
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
                home_name = rng.choice(names.CHILDREN_HOME_NAMES)
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
        rng = self.rng
        h = pick_heritage(rng)
        sex = rng.choice((Sex.FEMALE, Sex.MALE))
        return f"{given_name(rng, h, sex, adult=True, middle=False)} {family_name(rng, h, sex)}"

    def _contact(self, ctx: BoardContext, agency: Agency | None) -> str:
        kind = agency.kind if agency else "other"
        domain = f"{ctx.board.slug}-{names.AGENCY_DOMAINS[kind]}.example"
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
        """The board's cases in order of receipt. `showcase` makes sure a demo board has a
        review of a looked-after child, which chance alone might leave out."""
        mix = _stage_mix(self.rng, n, reviews, undecided_share)
        forced: dict[int, Scenario] = {}
        if showcase:
            for i, (_stage, kind, outcome) in enumerate(mix):
                if kind == "consider" and outcome == DecisionOutcome.HOLD_REVIEW:
                    forced[i] = SCENARIO_BY_KEY["injured_in_placement"]
                    break
        plans = [
            self.plan(ctx, stage, kind, outcome, forced.get(i))
            for i, (stage, kind, outcome) in enumerate(mix)
        ]
        plans.sort(key=lambda p: p.received_at)
        return plans


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
