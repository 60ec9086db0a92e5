"""What happened to the child: the incidents a notification describes, each with the
criteria of Rotherham 19.1 it meets, the child's possible ages and who the story needs in
the household. The texts are written for the demonstration and name no real case."""

from __future__ import annotations

import random
from dataclasses import dataclass

from casereview.cases.models import AbuseNeglect, Outcome
from casereview.cases.vocab import Plan


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

# Not drawn by chance: the demonstration's one notification about an unborn child
# (demo/showcase.py). The child's "age" is a day: the household is built as for a newborn,
# then the child is recorded as unborn with an expected date of birth.
PRE_BIRTH_ASSAULT = Scenario(
    "pre_birth_assault",
    "consider",
    HARM,
    (K,),
    "e",
    1,
    1,
    "While seven months pregnant, the mother was assaulted at home in {town} by her partner "
    "and admitted to {hospital}, where scans showed that the unborn baby had been harmed. "
    "The pregnancy continues under close monitoring. The midwife had raised concerns about "
    "domestic abuse and a pre-birth assessment had begun, but police call-outs to the "
    "address had not been shared with children's social care or the maternity service.",
    weight=0,
    mother_note="In a refuge since the assault; contact through its staff",
    needs="partner",
)


def pick_scenario(rng: random.Random, kind: str) -> Scenario:
    options = SCENARIOS_BY_KIND[kind]
    return rng.choices(options, weights=[s.weight for s in options])[0]
