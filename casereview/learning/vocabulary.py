"""The national vocabulary (DOMAIN.md §5): stable codes for every axis a review, a lesson or
a national record is described by.

A code never changes meaning. A new VERSION may add codes or retire them; a retired code stays
here (``retired`` set) so old records stay readable, and is never reused. The codes of each
version are frozen in casereview/learning/tests/test_vocabulary.py: changing one without a new
version fails the suite.

Codes are unique within an axis (``neglect`` is both a family-risk theme and a maltreatment
type; ``disability`` both a vulnerability theme and the child's disability answer). The 23
theme codes (practice issues, family risks and vulnerabilities, issue 16 item 2) are exactly
those the issue lists; ``is_code`` and ``label`` answer for them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

VERSION = "2026.1"
# Every version and what it changed, oldest first (codes are added or retired, never edited).
HISTORY: tuple[tuple[str, str], ...] = (
    ("2026.1", "First national vocabulary: every axis of DOMAIN.md §5."),
)


@dataclass(frozen=True)
class Theme:
    """One code of one axis (the name is kept from the first version, which had only themes)."""

    code: str
    label: str
    axis: str
    since: str = "2026.1"
    retired: str | None = None  # the version that retired it; None while in use


Term = Theme

# The theme axes: what a lesson or a report is tagged with (casereview/national/themes).
PRACTICE = "practice_issue"
FAMILY_RISK = "family_risk"
VULNERABILITY = "vulnerability"
THEME_AXES = (PRACTICE, FAMILY_RISK, VULNERABILITY)

# The record axes: facts of the incident, the child and the review, recorded rather than tagged.
INCIDENT_OUTCOME = "incident_outcome"
DEATH_CATEGORY = "death_category"
NON_FATAL_HARM = "non_fatal_harm"
AGE_BAND = "age_band"
SEX = "sex"
ETHNICITY = "ethnicity"
DISABILITY = "disability"
LOOKED_AFTER = "looked_after"
PLAN_STATUS = "plan_status"
KNOWN_TO_AGENCIES = "known_to_agencies"
FAMILY_CIRCUMSTANCE = "family_circumstance"
MALTREATMENT = "maltreatment"
RECOMMENDATION_TYPE = "recommendation_type"

# The practice-issue, family-risk and vulnerability codes (issue 16: exactly these).
THEMES: tuple[Theme, ...] = (
    Theme("voice_of_child", "Voice of the child", PRACTICE),
    Theme("information_sharing", "Information sharing", PRACTICE),
    Theme("assessment_quality", "Assessment quality", PRACTICE),
    Theme("thresholds_start_again", "Thresholds and 'start again'", PRACTICE),
    Theme("professional_curiosity_challenge", "Professional curiosity and challenge", PRACTICE),
    Theme("disguised_compliance", "Disguised compliance", PRACTICE),
    Theme("invisible_men_fathers", "Invisible fathers and men", PRACTICE),
    Theme("pre_birth_assessment", "Pre-birth assessment", PRACTICE),
    Theme("culture_ethnicity_faith_language", "Culture, ethnicity, faith and language", PRACTICE),
    Theme("supervision_management", "Supervision and management oversight", PRACTICE),
    Theme("workload_resources", "Workload and resources", PRACTICE),
    Theme("transitions_cross_boundary", "Transitions and cross-boundary working", PRACTICE),
    Theme("adult_services_child_focus", "Adult services not seeing the child", PRACTICE),
    Theme("recording", "Recording", PRACTICE),
    Theme("domestic_abuse", "Domestic abuse", FAMILY_RISK),
    Theme("parental_mental_health", "Parental mental ill-health", FAMILY_RISK),
    Theme("parental_substance_misuse", "Parental alcohol or drug misuse", FAMILY_RISK),
    Theme("neglect", "Neglect", FAMILY_RISK),
    Theme("young_parents", "Young parents", FAMILY_RISK),
    Theme("vulnerability_of_babies", "Vulnerability of babies", VULNERABILITY),
    Theme("adolescents_extra_familial_risk", "Adolescents and extra-familial risk", VULNERABILITY),
    Theme("disability", "Disability", VULNERABILITY),
    Theme("health_agencies", "Health agencies", PRACTICE),
)


def _axis(axis: str, *pairs: tuple[str, str]) -> tuple[Theme, ...]:
    return tuple(Theme(code, text, axis) for code, text in pairs)


_YES_NO = (("yes", "Yes"), ("no", "No"), ("not_known", "Not known"))

RECORD_TERMS: tuple[Theme, ...] = (
    *_axis(
        INCIDENT_OUTCOME,
        ("death", "Death"),
        ("serious_harm", "Serious harm"),
        ("other", "Other"),
    ),
    # Sidebotham et al. 2011 categories; the three kinds of category 5 are kept apart.
    *_axis(
        DEATH_CATEGORY,
        ("infanticide_covert_homicide", "1. Infanticide and covert homicide"),
        ("severe_physical_assault", "2. Severe physical assault"),
        ("extreme_neglect", "3. Extreme neglect or deprivational abuse"),
        ("overt_homicide", "4. Deliberate or overt homicide"),
        (
            "sudden_unexpected_infant_death",
            "5. Related, not directly caused: sudden unexpected infant death",
        ),
        ("suicide", "5. Related, not directly caused: suicide"),
        ("accident", "5. Related, not directly caused: accident"),
        ("not_known", "Not known"),
    ),
    *_axis(
        NON_FATAL_HARM,
        ("physical", "Physical"),
        ("sexual", "Sexual"),
        ("neglect", "Neglect"),
        ("risk_taking", "Risk-taking"),
        ("other", "Other"),
    ),
    *_axis(
        AGE_BAND,
        ("unborn", "Unborn"),
        ("under_1", "Under 1"),
        ("age_1_5", "1 to 5"),
        ("age_6_10", "6 to 10"),
        ("age_11_15", "11 to 15"),
        ("age_16_17", "16 to 17"),
    ),
    *_axis(SEX, ("female", "Female"), ("male", "Male"), ("not_known", "Not known")),
    # England and Wales 2021 census (ONS) groups: the codes of the people register.
    *_axis(
        ETHNICITY,
        ("A1", "Asian or Asian British: Indian"),
        ("A2", "Asian or Asian British: Pakistani"),
        ("A3", "Asian or Asian British: Bangladeshi"),
        ("A4", "Asian or Asian British: Chinese"),
        ("A5", "Asian or Asian British: any other Asian background"),
        ("B1", "Black, Black British, Caribbean or African: Caribbean"),
        ("B2", "Black, Black British, Caribbean or African: African"),
        ("B3", "Black, Black British, Caribbean or African: any other background"),
        ("M1", "Mixed or multiple: White and Black Caribbean"),
        ("M2", "Mixed or multiple: White and Black African"),
        ("M3", "Mixed or multiple: White and Asian"),
        ("M4", "Mixed or multiple: any other mixed or multiple background"),
        ("W1", "White: English, Welsh, Scottish, Northern Irish or British"),
        ("W2", "White: Irish"),
        ("W3", "White: Gypsy or Irish Traveller"),
        ("W4", "White: Roma"),
        ("W5", "White: any other White background"),
        ("O1", "Other ethnic group: Arab"),
        ("O2", "Other ethnic group: any other ethnic group"),
        ("NK", "Not known or not stated"),
    ),
    *_axis(DISABILITY, *_YES_NO),
    *_axis(LOOKED_AFTER, *_YES_NO),
    *_axis(
        PLAN_STATUS,
        ("none", "No plan"),
        ("child_in_need", "Child in need plan"),
        ("child_protection", "Child protection plan"),
        ("not_known", "Not known"),
    ),
    *_axis(KNOWN_TO_AGENCIES, *_YES_NO),
    # The family risks of DOMAIN.md §5 that are not themes: recorded as facts of the family.
    # (Alcohol and drug misuse are the one theme parental_substance_misuse, as issue 16 lists.)
    *_axis(
        FAMILY_CIRCUMSTANCE,
        ("parental_learning_disability", "Parental learning disability"),
        ("parent_adverse_childhood", "Parent's own adverse childhood"),
        ("violent_offending", "Violent offending"),
        ("new_multiple_partners", "New or multiple partners"),
        ("acrimonious_separation", "Acrimonious separation"),
        ("isolation", "Isolation"),
        ("poverty_housing", "Poverty and housing"),
    ),
    *_axis(
        MALTREATMENT,
        ("physical", "Physical abuse"),
        ("sexual_intra_familial", "Sexual abuse within the family"),
        ("sexual_extra_familial", "Sexual abuse outside the family"),
        ("emotional", "Emotional abuse"),
        ("neglect", "Neglect"),
        ("exploitation", "Exploitation"),
        ("fabricated_induced_illness", "Fabricated or induced illness"),
        ("online", "Online abuse"),
    ),
    *_axis(
        RECOMMENDATION_TYPE,
        ("training", "Training"),
        ("policy_procedure", "Policy or procedure"),
        ("practice_tool", "Practice tool"),
        ("supervision", "Supervision"),
        ("commissioning_resources", "Commissioning or resources"),
        ("audit", "Audit"),
        ("structural", "Structural"),
    ),
)

TERMS: tuple[Theme, ...] = THEMES + RECORD_TERMS
AXES: tuple[str, ...] = tuple(dict.fromkeys(t.axis for t in TERMS))
BY_CODE = {t.code: t for t in THEMES}
BY_AXIS: dict[str, dict[str, Theme]] = {
    axis: {t.code: t for t in TERMS if t.axis == axis} for axis in AXES
}


def is_code(code: str, axis: str | None = None) -> bool:
    """Is ``code`` a theme code (or, with ``axis``, a code of that axis)?"""
    if axis is None:
        return code in BY_CODE
    return code in BY_AXIS.get(axis, {})


def label(code: str, axis: str | None = None) -> str:
    terms = BY_CODE if axis is None else BY_AXIS.get(axis, {})
    return terms[code].label if code in terms else code


def codes(axis: str, *, current: bool = True) -> tuple[str, ...]:
    """The codes of an axis in their order (without the retired ones unless current=False)."""
    return tuple(t.code for t in BY_AXIS[axis].values() if not (current and t.retired is not None))


def theme_codes(*axes: str) -> tuple[str, ...]:
    """The current theme codes of the given theme axes (all three when none are given)."""
    wanted = axes or THEME_AXES
    return tuple(t.code for t in THEMES if t.axis in wanted and t.retired is None)


def fingerprint() -> str:
    """A short digest of every (axis, code, retired) of this version: records carry it beside
    VERSION so a record can be checked against the vocabulary it was coded with."""
    text = "\n".join(f"{t.axis}:{t.code}:{t.retired or ''}" for t in TERMS)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
