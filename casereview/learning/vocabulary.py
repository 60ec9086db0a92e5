"""The national vocabulary of themes (DOMAIN.md §5): stable codes that lessons, reports and
national records are tagged with. Codes never change meaning; a new version may add codes
or retire them (a retired code stays readable in old records)."""

from __future__ import annotations

from dataclasses import dataclass

VERSION = "2026.1"


@dataclass(frozen=True)
class Theme:
    code: str
    label: str
    axis: str


PRACTICE = "practice_issue"
FAMILY_RISK = "family_risk"
VULNERABILITY = "vulnerability"

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

BY_CODE = {t.code: t for t in THEMES}


def is_code(code: str) -> bool:
    return code in BY_CODE


def label(code: str) -> str:
    return BY_CODE[code].label if code in BY_CODE else code
