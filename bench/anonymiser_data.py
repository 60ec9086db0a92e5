"""A generated 1 MB report and a 50-person register for the anonymiser benchmark
(made-up names, fixed seeds)."""

from __future__ import annotations

import random

from casereview.publication.anonymiser import Term

FIRST = (
    "Jayden Kayla Marcus Tyler Leah Ava Noah Ruby Liam Maya Ethan Zoë Callum Aisha Dylan Hope "
    "Kieran Chloe Reece Amira Owen Skye Jamal Freya Logan Imani Connor Niamh Harvey Tia "
    "Declan Jade Mason Layla Rhys Keira Riley Sienna Brandon Nadia Aaron Esme Jordan Leila "
    "Kai Poppy Ellis Summer Finley Rose"
)
FIRST = FIRST.split()
FAMILY = (
    "Smith Okafor Brown Field Hughes Patel Walsh Kowalski O'Neill Ahmed Murphy Clarke "
    "Nowak Begum Price Reid Evans Doyle Khan Mensah Lewis Barker Shaw Hussain Wood"
)
FAMILY = FAMILY.split()
ROLES = ("child", "mother", "father", "stepfather", "grandmother", "uncle", "aunt", "sibling")
SENTENCES = (
    "On 14 March 2021 the health visitor visited {a} at home and saw {b}.",
    "{a}'s school reported that attendance had fallen during the autumn term.",
    "The social worker discussed the plan with {a} and {b} on 03/05/2021.",
    "There is hope that the family will engage; the field of practice has moved on.",
    "The GP practice recorded that {a} did not attend the appointment.",
    "Police attended after a neighbour called; {b} was not at the address.",
    "The panel considered whether agencies shared information in a timely way.",
    "Mr {s} told the family support worker that he would call on 0113 496 0000.",
    "Ms {s} said that {a} had gone to stay with relatives for the weekend.",
    "The school nurse saw {a} twice in the spring and made a referral to children's social care.",
)


def register(people: int = 50) -> list[Term]:
    rng = random.Random(13)
    terms = []
    for i in range(people):
        given = FIRST[i % len(FIRST)]
        family = FAMILY[rng.randrange(len(FAMILY))]
        terms.append(Term("person", f"{given} {family}", ROLES[i % len(ROLES)]))
    return terms


def report(terms: list[Term], size: int = 1_000_000) -> str:
    rng = random.Random(7)
    names = [t.value for t in terms]
    parts, total = [], 0
    while total < size:
        a, b = rng.choice(names), rng.choice(names)
        line = rng.choice(SENTENCES).format(a=a, b=b.split()[0], s=b.split()[-1])
        parts.append(line)
        total += len(line) + 1
    return " ".join(parts)[:size]
