"""Boards, their agencies, and the people who work for them: users with their memberships
and confirmed second factors, among them the documented demo logins."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts.models import Agency, AgencyKind, Board, Membership, Role, User
from casereview.cases.vocab import Sex

from . import places
from .people import family_name, given_name, pick_heritage, slug_part

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - the documented demo password
DEMO_BOARD = "eastbrook"
SECOND_BOARD = "westmoor"

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
    # Whether one review already shows a parent whose whereabouts are not known.
    whereabouts_unknown_shown: bool = False

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
            email=f"{slug_part(given)}.{slug_part(family)}@{domain}",
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

    def add_boards(
        self, contexts: list[BoardContext], per_board: int, *, analysts_every: int = 0
    ) -> None:
        """The demo logins on the first two boards, then every board padded to `per_board`
        users, with a national analyst on every `analysts_every`th board (none if 0)."""
        for i, ctx in enumerate(contexts):
            if i == 0:
                self.add_listed(ctx, DEMO_USERS)
            elif i == 1:
                self.add_listed(ctx, SECOND_BOARD_USERS)
            analyst = bool(analysts_every) and i % analysts_every == 0
            self.add_generated(ctx, per_board, analyst=analyst)

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
            base = f"{slug_part(given)}.{slug_part(family)}"
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
