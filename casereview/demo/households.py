"""The child's household and family for one notification: parents, carers, relatives and
brothers and sisters, with their languages, disabilities and where the child is living.

Each step draws from the one random stream in a fixed order, so the same seed gives the
same families."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from casereview.cases.vocab import Disability, Language, PersonKind, Plan, Relationship, Sex

from . import names, places
from .boards import BoardContext
from .people import (
    address,
    family_name,
    gendered,
    given_name,
    language_for,
    mobile,
    pick_heritage,
    school_for,
    years_between,
)
from .scenarios import Scenario, Y

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


# Religion or belief as families state it (19.3 names religion); most registers leave it
# empty (not known). Drawn from the person's name, not the story's generator, so that the
# households and the rest of the story stay as they were.
RELIGIONS = ("Christian", "Muslim", "No religion", "Hindu", "Sikh", "Jewish", "Buddhist")


def _side(key: str) -> random.Random:
    return random.Random(f"people-answers:{key}")


def disability_answer(disabled: bool, key: str, unknown_rate: float) -> str:
    """Yes, no, or (for some people nobody has asked) not known."""
    if disabled:
        return Disability.YES
    return Disability.NOT_KNOWN if _side(key).random() < unknown_rate else Disability.NO


def religion_for(key: str, rate: float = 0.35) -> str:
    side = _side(f"religion:{key}")
    return side.choice(RELIGIONS) if side.random() < rate else ""


def adult(
    rng: random.Random,
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
    language = language_for(rng, h)
    disabled = rng.random() < disabled_rate
    description = rng.choice(PARENT_DISABILITIES) if disabled else ""
    if description == DEAF_BSL:
        language = Language.BSL
    interpreter = language == Language.BSL or (
        language not in (Language.ENGLISH, Language.WELSH) and rng.random() < 0.6
    )
    contact = note or mobile(rng)
    given = given_name(rng, h, sex, adult=True)
    family = family or family_name(rng, h, sex)
    key = f"{given} {family} {born}"
    return {
        "kind": PersonKind.FAMILY,
        "given_names": given,
        "family_name": family,
        "aliases": "",
        "date_of_birth": born,
        "sex": sex,
        "ethnicity": h.ethnicity,
        "religion": religion_for(key),
        "disability": disability_answer(disabled, key, 0.06),
        "disability_description": description,
        "address": addr,
        "relationship": relationship,
        "parental_responsibility": pr,
        "legitimate_interest": interest,
        "preferred_language": language,
        "interpreter_needed": interpreter,
        "contact_details": contact,
    }


@dataclass
class Parents:
    mother: dict
    mother_heritage: names.Heritage
    mother_born: date
    father: dict | None  # None when the father is not known
    father_heritage: names.Heritage
    together: bool  # the father lives with the mother and the child
    town: str
    home: str


@dataclass
class Placement:
    """Where a looked-after child lives."""

    town: str
    address: str
    whereabouts: str
    cross_boundary: str
    board: BoardContext  # the board whose area the child lives in


def household(
    rng: random.Random,
    ctx: BoardContext,
    incident: date,
    age_days: int,
    sex: str,
    scenario: Scenario,
    heritage: names.Heritage | None = None,
) -> dict:
    """The child (a dict of Person fields), the family members in the people register,
    the child's town and whereabouts, any cross-boundary note and the number of other
    children in the household."""
    born = incident - timedelta(days=age_days)
    age = years_between(born, incident)
    parents = _parents(rng, ctx, born, scenario, heritage)
    name_heritage, identity = _child_identity(rng, parents, sex)
    needs = _child_needs(rng, age, parents.mother, name_heritage)
    looked_after = rng.random() < scenario.looked_after
    plan = rng.choices(
        (Plan.CHILD_PROTECTION, Plan.CHILD_IN_NEED, Plan.NONE, Plan.NOT_KNOWN),
        weights=(15, 18, 52, 15),
    )[0]
    plan = scenario.plan or plan
    has_partner = "partner" in scenario.needs or (not parents.together and rng.random() < 0.3)
    whereabouts = _whereabouts(rng, scenario, parents, has_partner)
    other = rng.choice(ctx.others) if ctx.others else None
    family: list[dict] = []
    placement = Placement(parents.town, parents.home, whereabouts, "", ctx)
    if looked_after:
        plan = Plan.NONE
        placement = _placement(rng, ctx, other, age, born, scenario, identity, family)
    school = school_for(rng, age, placement.town)
    cross_boundary = placement.cross_boundary
    if not looked_after and other is not None and rng.random() < 0.12:
        cross_boundary, school = _cross_boundary(rng, ctx, other, parents, age, school)
    gp_practices = placement.board.gp_practices
    child = {
        "given_names": identity["given_names"],
        "family_name": identity["family_name"],
        "aliases": identity["aliases"],
        "date_of_birth": born,
        "sex": sex,
        "ethnicity": identity["ethnicity"],
        # The child shares the mother's stated religion, when she stated one.
        "religion": parents.mother.get("religion", ""),
        "disability": disability_answer(
            needs["disabled"], f"{identity['given_names']} {born}", 0.02
        ),
        "disability_description": needs["disability_description"],
        "address": placement.address,
        "school": school,
        "gp_practice": rng.choice(gp_practices) if gp_practices else "",
        "looked_after": looked_after,
        "plan": plan,
        "preferred_language": needs["preferred_language"],
        "interpreter_needed": needs["interpreter_needed"],
    }
    family += _relatives(rng, ctx, parents, has_partner)
    siblings = _siblings(rng, incident, child, parents, name_heritage, family)
    return {
        "child": child,
        "family": family,
        "town": placement.town,
        "whereabouts": placement.whereabouts,
        "cross_boundary": cross_boundary,
        "siblings": siblings,
    }


def _parents(
    rng: random.Random,
    ctx: BoardContext,
    born: date,
    scenario: Scenario,
    heritage: names.Heritage | None,
) -> Parents:
    h_mother = heritage or pick_heritage(rng)
    h_father = h_mother if rng.random() < 0.92 else pick_heritage(rng, exclude=h_mother)
    father_known = rng.random() < 0.9 or "father" in scenario.needs
    town = rng.choice(ctx.towns)
    home = address(rng, ctx, town)
    mother_born = born - timedelta(days=rng.randint(17 * Y, 42 * Y))
    mother = adult(
        rng,
        h_mother,
        Sex.FEMALE,
        mother_born,
        Relationship.MOTHER,
        home,
        pr=True,
        note=scenario.mother_note,
    )
    father = None
    together = False
    if father_known:
        father_born = mother_born - timedelta(days=rng.randint(-3 * Y, 10 * Y))
        together = rng.random() < 0.55 and "partner" not in scenario.needs
        father_address = home if together else address(rng, ctx)
        father = adult(
            rng,
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
    return Parents(mother, h_mother, mother_born, father, h_father, together, town, home)


def _child_identity(rng: random.Random, parents: Parents, sex: str) -> tuple[names.Heritage, dict]:
    """The heritage the child's names come from, and the child's names and ethnicity."""
    mother, father = parents.mother, parents.father
    h_mother, h_father = parents.mother_heritage, parents.father_heritage
    name_heritage = h_father if (father and rng.random() < 0.5) else h_mother
    if father and h_father.patronymic:
        child_family = father["given_names"].split()[0]
    elif father and rng.random() < 0.6:
        child_family = gendered(father["family_name"], h_father, sex)
    else:
        child_family = gendered(mother["family_name"], h_mother, sex)
    ethnicity = names.mixed_ethnicity(h_mother.ethnicity, h_father.ethnicity)
    if father is None and h_father is not h_mother and rng.random() < 0.5:
        ethnicity = h_mother.ethnicity
    if rng.random() < 0.03:
        ethnicity = "NK"
    given = given_name(rng, name_heritage, sex, adult=False)
    aliases = ""
    nickname = names.NICKNAMES.get(given)
    if nickname and rng.random() < 0.5:
        aliases = f"Known as {nickname}"
    identity = {
        "given_names": given,
        "family_name": child_family,
        "aliases": aliases,
        "ethnicity": ethnicity,
    }
    return name_heritage, identity


def _child_needs(rng: random.Random, age: int, mother: dict, name_heritage: names.Heritage) -> dict:
    """The child's disability, language and need for an interpreter."""
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
    return {
        "disabled": disabled,
        "disability_description": description,
        "preferred_language": language,
        "interpreter_needed": interpreter,
    }


def _whereabouts(
    rng: random.Random, scenario: Scenario, parents: Parents, has_partner: bool
) -> str:
    """Where the child was and is ({his} is filled in with the child's pronoun)."""
    town = parents.town
    if scenario.key == "mother_murdered":
        return f"At home with {{his}} mother; now living with relatives in {town}"
    if parents.together and not has_partner:
        return f"At home in {town} with both parents"
    if has_partner:
        return f"At home in {town} with {{his}} mother and her partner"
    if rng.random() < 0.15:
        return f"Staying with {{his}} maternal grandmother in {town}"
    return f"At home in {town} with {{his}} mother"


def _placement(
    rng: random.Random,
    ctx: BoardContext,
    other: BoardContext | None,
    age: int,
    born: date,
    scenario: Scenario,
    identity: dict,
    family: list[dict],
) -> Placement:
    """A looked-after child's children's home or foster carers (added to `family`),
    perhaps in another board's area."""
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
        carer = adult(
            rng,
            carer_h,
            rng.choice((Sex.FEMALE, Sex.FEMALE, Sex.MALE)),
            born - timedelta(days=rng.randint(30 * Y, 55 * Y)),
            Relationship.FOSTER_CARER,
            child_address,
            disabled_rate=0.02,
        )
        family.append(carer)
    cross_boundary = ""
    if placed_away:
        cross_boundary = (
            f"{identity['given_names'].split()[0]} is looked after by {ctx.place} and placed "
            f"in {child_town}, in the area of {other.board.name}. The responsible "
            f"authority's board leads (London 19.1.6-7); {other.board.name} has been "
            "informed and its agencies will be asked for their records."
        )
    return Placement(child_town, child_address, whereabouts, cross_boundary, place_ctx)


def _cross_boundary(
    rng: random.Random,
    ctx: BoardContext,
    other: BoardContext,
    parents: Parents,
    age: int,
    school: str,
) -> tuple[str, str]:
    """A child living at home whose family has ties to another board's area: the note,
    and the school (which may be over the border)."""
    variants = ["moved"]
    if parents.father and not parents.together:
        variants.append("father")
    if school:
        variants.append("school")
    variant = rng.choice(variants)
    if variant == "moved":
        note = (
            f"The family moved to {parents.town} from {other.place} four months before the "
            f"incident. {other.board.name} has been told and has agreed to contribute "
            f"agency reports; {ctx.board.name} leads because the child was living here."
        )
    elif variant == "father":
        parents.father["address"] = address(rng, other)
        note = (
            f"The child's father lives in {other.place}, and agencies in that area knew "
            f"the family. {other.board.name} has been informed and will be asked for "
            "agency reports."
        )
    else:
        school = school_for(rng, age, rng.choice(other.towns))
        note = (
            f"The child attended school in {other.place}. {other.board.name} agreed on "
            f"the telephone that {ctx.board.name} should lead."
        )
    return note, school


def _relatives(
    rng: random.Random, ctx: BoardContext, parents: Parents, has_partner: bool
) -> list[dict]:
    """The parents, the mother's partner and perhaps a grandmother with an interest."""
    relatives = [parents.mother]
    if parents.father:
        relatives.append(parents.father)
    h_mother, mother_born = parents.mother_heritage, parents.mother_born
    if has_partner:
        partner_h = h_mother if rng.random() < 0.8 else pick_heritage(rng)
        relatives.append(
            adult(
                rng,
                partner_h,
                Sex.MALE,
                mother_born - timedelta(days=rng.randint(-5 * Y, 12 * Y)),
                Relationship.PARENTS_PARTNER,
                parents.home,
            )
        )
    if rng.random() < 0.2:
        relatives.append(
            adult(
                rng,
                h_mother,
                Sex.FEMALE,
                mother_born - timedelta(days=rng.randint(18 * Y, 30 * Y)),
                Relationship.GRANDPARENT,
                address(rng, ctx),
                interest=True,
                disabled_rate=0.1,
            )
        )
    return relatives


def _siblings(
    rng: random.Random,
    incident: date,
    child: dict,
    parents: Parents,
    name_heritage: names.Heritage,
    family: list[dict],
) -> int:
    """Add the child's brothers and sisters (some half-siblings) to `family`; how many."""
    born, given = child["date_of_birth"], child["given_names"]
    h_mother = parents.mother_heritage
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
                    parents.mother["family_name"] if half else child["family_name"],
                    sib_h,
                    sib_sex,
                ),
                "aliases": "",
                "date_of_birth": sib_born,
                "sex": sib_sex,
                "ethnicity": sib_h.ethnicity if half else child["ethnicity"],
                "religion": child["religion"],
                "disability": disability_answer(
                    rng.random() < 0.05, f"{sib_given} {sib_born}", 0.1
                ),
                "disability_description": "",
                "address": parents.home,
                "relationship": Relationship.HALF_SIBLING if half else Relationship.SIBLING,
                "parental_responsibility": False,
                "legitimate_interest": False,
                "preferred_language": Language.ENGLISH,
                "interpreter_needed": False,
                "contact_details": "",
            }
        )
        if family[-1]["disability"] == Disability.YES:
            family[-1]["disability_description"] = rng.choice(CHILD_DISABILITIES)
    return siblings
