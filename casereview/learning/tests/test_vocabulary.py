"""The national vocabulary: the 23 theme codes exactly as issue 16 lists them, every axis of
DOMAIN.md §5, and codes that stay put from one version to the next."""

from casereview.cases.vocab import Ethnicity
from casereview.learning import vocabulary

ISSUE_16_THEMES = [
    "voice_of_child",
    "information_sharing",
    "assessment_quality",
    "thresholds_start_again",
    "professional_curiosity_challenge",
    "disguised_compliance",
    "invisible_men_fathers",
    "pre_birth_assessment",
    "culture_ethnicity_faith_language",
    "supervision_management",
    "workload_resources",
    "transitions_cross_boundary",
    "adult_services_child_focus",
    "recording",
    "domestic_abuse",
    "parental_mental_health",
    "parental_substance_misuse",
    "neglect",
    "vulnerability_of_babies",
    "adolescents_extra_familial_risk",
    "disability",
    "young_parents",
    "health_agencies",
]

# The codes of version 2026.1, frozen: a code may be retired in a later version, never
# removed, renamed or moved to another axis.
FROZEN = {
    "2026.1": {
        "incident_outcome": "death serious_harm other",
        "death_category": "infanticide_covert_homicide severe_physical_assault extreme_neglect "
        "overt_homicide sudden_unexpected_infant_death suicide accident not_known",
        "non_fatal_harm": "physical sexual neglect risk_taking other",
        "age_band": "unborn under_1 age_1_5 age_6_10 age_11_15 age_16_17",
        "sex": "female male not_known",
        "ethnicity": "A1 A2 A3 A4 A5 B1 B2 B3 M1 M2 M3 M4 W1 W2 W3 W4 W5 O1 O2 NK",
        "disability": "yes no not_known",
        "looked_after": "yes no not_known",
        "plan_status": "none child_in_need child_protection not_known",
        "known_to_agencies": "yes no not_known",
        "family_circumstance": "parental_learning_disability parent_adverse_childhood "
        "violent_offending new_multiple_partners acrimonious_separation isolation poverty_housing",
        "maltreatment": "physical sexual_intra_familial sexual_extra_familial emotional neglect "
        "exploitation fabricated_induced_illness online",
        "recommendation_type": "training policy_procedure practice_tool supervision "
        "commissioning_resources audit structural",
    }
}


def test_the_theme_codes_are_exactly_those_of_the_issue():
    assert sorted(t.code for t in vocabulary.THEMES) == sorted(ISSUE_16_THEMES)
    assert len(vocabulary.theme_codes()) == 23
    assert all(vocabulary.is_code(code) for code in ISSUE_16_THEMES)
    assert not vocabulary.is_code("voice_of_the_child")
    assert vocabulary.label("voice_of_child") == "Voice of the child"
    assert vocabulary.label("unknown_code") == "unknown_code"


def test_every_axis_of_domain_section_5_has_codes():
    for axis in (
        *vocabulary.THEME_AXES,
        *FROZEN["2026.1"],
    ):
        assert vocabulary.codes(axis), axis
    assert set(vocabulary.AXES) == set(vocabulary.THEME_AXES) | set(FROZEN["2026.1"])


def test_codes_of_every_version_stay_in_place():
    for version, axes in FROZEN.items():
        assert version in dict(vocabulary.HISTORY)
        for axis, codes in axes.items():
            kept = vocabulary.codes(axis, current=False)
            assert kept[: len(codes.split())] == tuple(codes.split()), (version, axis)


def test_the_current_version_is_frozen_here():
    """Changing a code without a new VERSION (and its entry in FROZEN) fails here."""
    assert vocabulary.HISTORY[-1][0] == vocabulary.VERSION
    assert vocabulary.VERSION in FROZEN
    for axis, codes in FROZEN[vocabulary.VERSION].items():
        assert vocabulary.codes(axis, current=False) == tuple(codes.split()), axis
    assert vocabulary.fingerprint() == "020d3d2a2cd4503f"


def test_codes_are_unique_within_an_axis_and_answered_by_axis():
    for axis in vocabulary.AXES:
        codes = vocabulary.codes(axis, current=False)
        assert len(codes) == len(set(codes)), axis
    assert vocabulary.is_code("neglect", axis=vocabulary.MALTREATMENT)
    assert vocabulary.is_code("neglect", axis=vocabulary.FAMILY_RISK)
    assert not vocabulary.is_code("neglect", axis=vocabulary.RECOMMENDATION_TYPE)
    assert vocabulary.label("age_1_5", axis=vocabulary.AGE_BAND) == "1 to 5"


def test_ethnicity_codes_are_those_of_the_people_register():
    assert set(vocabulary.codes(vocabulary.ETHNICITY)) == set(Ethnicity.values)
