"""One fictional person's particulars: background, names, language, address, school,
telephone numbers and age. Households are put together from these in `households`."""

from __future__ import annotations

import random
import unicodedata
from datetime import date
from typing import TYPE_CHECKING

from casereview.cases.vocab import Language, Sex

from . import names, places

if TYPE_CHECKING:
    from .boards import BoardContext

NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "twenty-one", "twenty-two", "twenty-three",
)  # fmt: skip

HERITAGE_WEIGHTS = [h.weight for h in names.HERITAGES]


def ascii_fold(text: str) -> str:
    text = text.translate(names.ASCII_FOLD)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isascii() and (c.isalnum() or c in " -"))


def slug_part(text: str) -> str:
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


def years_between(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def pick_heritage(rng: random.Random, *, exclude: names.Heritage | None = None) -> names.Heritage:
    while True:
        h = rng.choices(names.HERITAGES, weights=HERITAGE_WEIGHTS)[0]
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
