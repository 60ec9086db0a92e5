"""Transparent rules: phrases per theme code. A match is evidence a person can check: the
code, the phrase that matched and where it is in the text (text[start:end] is the quote).

The phrases are the terms of published review lessons (serious case reviews, child
safeguarding practice reviews and the national panel's reports), written as regular
expressions, case-insensitive (acronyms such as GP and MARAC excepted), on word boundaries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    quote: str
    source: str  # "rule" or "model"


PHRASES: dict[str, tuple[str, ...]] = {
    "voice_of_child": (
        r"voice of the (?:child|young person)",
        r"child'?s (?:own )?(?:voice|views?|wishes)",
        r"wishes and feelings",
        r"lived experience",
        r"(?:see|seen|saw|speak(?:ing)? to|spoke to|spoken to) (?:the )?"
        r"(?:child(?:ren)?|young person) (?:alone|on (?:their|his|her) own)",
        r"direct work with the child",
        r"day in (?:the|their|his|her) life",
    ),
    "information_sharing": (
        r"information[- ]sharing",
        r"shar(?:e|ed|ing) (?:the )?information",
        r"information (?:was|were )?(?:not )?(?:shared|passed on|communicated)",
        r"not (?:shared|passed on)",
        r"(?:never|not) (?:told|informed)",
        r"pieces of the (?:jigsaw|picture)",
    ),
    "assessment_quality": (
        r"(?:single|core|initial|parenting|risk|quality of (?:the )?)\s*assessments?",
        r"assessments? (?:was|were) (?:superficial|poor|weak|incomplete)",
        r"analysis of (?:the )?(?:risk|evidence|information)",
        r"cumulative (?:harm|risk|impact)",
        r"(?:superficial|weak|poor) analysis",
    ),
    "thresholds_start_again": (
        r"thresholds?",
        r"start(?:ing|ed)? again",
        r"(?:closed|stepped down) (?:and|then) (?:re-?opened|stepped up)",
        r"no further action",
        r"stepped down",
        r"screened out",
        r"(?:each|every) (?:new )?referral (?:was )?(?:treated|seen) (?:as|in isolation)",
        r"in isolation",
    ),
    "professional_curiosity_challenge": (
        r"professional curiosity",
        r"(?:respectful|healthy) (?:uncertainty|scepticism)",
        r"at face value",
        r"curious",
        r"(?:did not|failed to|unable to|not) challenge",
        r"escalat(?:e|ion) (?:policy|procedure|process|concerns)",
        r"professional (?:challenge|disagreement)",
    ),
    "disguised_compliance": (
        r"disguised compliance",
        r"(?:apparent|superficial|false) (?:compliance|cooperation|co-operation|engagement)",
        r"appear(?:ed)? to (?:co-?operate|engage|comply)",
        r"engaged superficially",
        r"(?:cancelled|missed) (?:home )?visits",
        r"non-?engagement",
    ),
    "invisible_men_fathers": (
        r"invisible (?:men|fathers?|males?)",
        r"fathers?\b",
        r"(?:mother'?s |new )partner",
        r"step-?father",
        r"male (?:carers?|partners?|figures?)",
        r"men (?:in|around) (?:the|a) (?:household|home|child|family)",
        r"boyfriend",
    ),
    "pre_birth_assessment": (
        r"pre-?birth",
        r"unborn",
        r"antenatal|ante-natal",
        r"(?:in|during) (?:the )?pregnancy",
        r"before the (?:baby|child) was born",
        r"midwi(?:fe|ves|fery)",
    ),
    "culture_ethnicity_faith_language": (
        r"interpreters?",
        r"cultur(?:e|al)",
        r"ethnicity|ethnic",
        r"\bfaith\b|religio(?:n|us)",
        r"language barriers?",
        r"first language",
        r"\brace\b|racism|racial",
        r"immigration",
    ),
    "supervision_management": (
        r"supervision",
        r"management oversight",
        r"(?:line|team|senior) managers?",
        r"managers? (?:did not|failed to|should)",
        r"oversight",
        r"drift",
    ),
    "workload_resources": (
        r"caseloads?",
        r"workloads?",
        r"staff(?:ing)? shortages?",
        r"vacanc(?:y|ies)",
        r"(?:high|staff) turnover",
        r"agency staff",
        r"capacity",
        r"resources? (?:were|was) (?:stretched|limited)",
        r"waiting lists?",
    ),
    "transitions_cross_boundary": (
        r"cross[- ]boundary",
        r"(?:moved|move|moves) (?:between|across|out of|to another) "
        r"(?:areas?|local authorit(?:y|ies)|the area)",
        r"local authorities",
        r"out of (?:area|borough)",
        r"transitions?",
        r"(?:transfer|handover)s? (?:between|of)",
        r"handovers?",
        r"adult services",
    ),
    "adult_services_child_focus": (
        r"think family",
        r"adult (?:mental health|services?|social care)",
        r"(?:drug|substance) (?:and|&) alcohol (?:service|team)",
        r"probation",
        r"(?:did not|failed to) (?:consider|think about) the (?:child|children|baby)",
        r"whether (?:the patient|he|she|they) had children",
    ),
    "recording": (
        r"record(?:ing|s)\b",
        r"case notes?",
        r"chronolog(?:y|ies)",
        r"(?:not|never) (?:recorded|written down|documented)",
        r"rationale for (?:the )?decisions?",
    ),
    "domestic_abuse": (
        r"domestic (?:abuse|violence)",
        r"coercive (?:and )?control",
        r"(?-i:MARAC)",
        r"violen(?:t|ce) (?:to|towards|against) (?:previous |his )?partners?",
        r"violence between (?:the )?(?:adults|parents)",
        r"(?-i:DASH)",
    ),
    "parental_mental_health": (
        r"mental (?:ill[- ])?health",
        r"depress(?:ion|ed)",
        r"psychosis|psychotic",
        r"self-?harm",
        r"overdose",
        r"anxiety",
        r"postnatal depression|post-natal",
        r"sectioned",
    ),
    "parental_substance_misuse": (
        r"substance (?:mis)?use|substance misuse",
        r"(?:mis)?us(?:e|ed|ing) drugs|drug (?:use|misuse)",
        r"alcohol",
        r"heroin|methadone|cocaine|cannabis",
        r"(?:drank|drinking) heavily|heavy drinking",
        r"\bdrunk\b",
    ),
    "neglect": (
        r"neglect(?:ed|ful)?",
        r"(?:dirty|unkempt|cluttered|squalid)",
        r"hungry|no food",
        r"head lice|dental decay",
        r"basic needs",
    ),
    "young_parents": (
        r"young (?:parents?|mothers?|fathers?)",
        r"teenage (?:parents?|mothers?|fathers?|pregnancy)",
        r"care leavers?",
        r"(?:mother|father|parents?) (?:was|were) (?:a )?"
        r"(?:teenager|sixteen|fifteen|seventeen|16|15|17)",
        r"under eighteen|under 18",
    ),
    "vulnerability_of_babies": (
        r"bab(?:y|ies)",
        r"infants?",
        r"non-?mobile",
        r"safer sleep",
        r"(?:weeks?|months?)[- ]old",
        r"newborn",
    ),
    "adolescents_extra_familial_risk": (
        r"county lines",
        r"(?:criminal|sexual) exploitation",
        r"exploit(?:ed|ation)",
        r"went missing|missing episodes?",
        r"contextual safeguarding",
        r"extra-?familial",
        r"gangs?",
        r"groom(?:ed|ing)",
    ),
    "disability": (
        r"disab(?:led|ility|ilities)",
        r"autis(?:m|tic)",
        r"non-?verbal",
        r"wheelchair",
        r"complex (?:health )?needs",
        r"special educational needs|(?-i:SEND?)",
    ),
    "health_agencies": (
        r"(?-i:GPs?)",
        r"health visit(?:or|ing)",
        r"(?:emergency department|\bA&E\b|hospital)",
        r"school nurse",
        r"paediatrician",
        r"health (?:professionals?|agencies|services)",
        r"was not brought",
    ),
}


@cache
def _compiled() -> dict[str, re.Pattern]:
    return {
        code: re.compile("|".join(rf"\b(?:{p})\b" for p in phrases), re.IGNORECASE)
        for code, phrases in PHRASES.items()
    }


def match(text: str) -> dict[str, list[Span]]:
    """The codes whose phrases occur in ``text``, each with every span that matched."""
    found: dict[str, list[Span]] = {}
    for code, pattern in _compiled().items():
        spans = [Span(m.start(), m.end(), m.group(), "rule") for m in pattern.finditer(text)]
        if spans:
            found[code] = spans
    return found
