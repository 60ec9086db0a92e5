"""Controlled vocabularies for the people register."""

from django.db import models


class Ethnicity(models.TextChoices):
    """England and Wales 2021 census (ONS) ethnic groups, plus not known."""

    INDIAN = "A1", "Asian or Asian British: Indian"
    PAKISTANI = "A2", "Asian or Asian British: Pakistani"
    BANGLADESHI = "A3", "Asian or Asian British: Bangladeshi"
    CHINESE = "A4", "Asian or Asian British: Chinese"
    OTHER_ASIAN = "A5", "Asian or Asian British: any other Asian background"
    CARIBBEAN = "B1", "Black, Black British, Caribbean or African: Caribbean"
    AFRICAN = "B2", "Black, Black British, Caribbean or African: African"
    OTHER_BLACK = "B3", "Black, Black British, Caribbean or African: any other background"
    WHITE_BLACK_CARIBBEAN = "M1", "Mixed or multiple: White and Black Caribbean"
    WHITE_BLACK_AFRICAN = "M2", "Mixed or multiple: White and Black African"
    WHITE_ASIAN = "M3", "Mixed or multiple: White and Asian"
    OTHER_MIXED = "M4", "Mixed or multiple: any other mixed or multiple background"
    WHITE_BRITISH = "W1", "White: English, Welsh, Scottish, Northern Irish or British"
    IRISH = "W2", "White: Irish"
    GYPSY_TRAVELLER = "W3", "White: Gypsy or Irish Traveller"
    ROMA = "W4", "White: Roma"
    OTHER_WHITE = "W5", "White: any other White background"
    ARAB = "O1", "Other ethnic group: Arab"
    OTHER = "O2", "Other ethnic group: any other ethnic group"
    NOT_KNOWN = "NK", "Not known or not stated"


# Every group but White British counts as minority ethnic (ONS usage); "not known" counts
# as neither, and the procedure engine asks for it to be recorded.
MINORITY_ETHNIC = frozenset(e.value for e in Ethnicity) - {"W1", "NK"}


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NOT_KNOWN = "not_known", "Not known"


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    WELSH = "cy", "Welsh"
    BSL = "bfi", "British Sign Language"
    ARABIC = "ar", "Arabic"
    BENGALI = "bn", "Bengali"
    CANTONESE = "yue", "Cantonese"
    MANDARIN = "zh", "Mandarin"
    CZECH = "cs", "Czech"
    FARSI = "fa", "Farsi"
    GUJARATI = "gu", "Gujarati"
    KURDISH = "ku", "Kurdish"
    LITHUANIAN = "lt", "Lithuanian"
    PASHTO = "ps", "Pashto"
    POLISH = "pl", "Polish"
    PORTUGUESE = "pt", "Portuguese"
    PUNJABI = "pa", "Punjabi"
    ROMANI = "rom", "Romani"
    ROMANIAN = "ro", "Romanian"
    SLOVAK = "sk", "Slovak"
    SOMALI = "so", "Somali"
    TIGRINYA = "ti", "Tigrinya"
    TURKISH = "tr", "Turkish"
    URDU = "ur", "Urdu"
    YORUBA = "yo", "Yoruba"
    OTHER = "other", "Other language"
    NOT_KNOWN = "nk", "Not known"


class Disability(models.TextChoices):
    """A three-way answer: "not known" is an answer of its own, never read as no (19.4)."""

    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_KNOWN = "not_known", "Not known"


class Plan(models.TextChoices):
    NONE = "none", "No plan"
    CHILD_IN_NEED = "cin", "Child in need plan"
    CHILD_PROTECTION = "cpp", "Child protection plan"
    NOT_KNOWN = "not_known", "Not known"


class PersonKind(models.TextChoices):
    CHILD = "child", "The child"
    FAMILY = "family", "Family or household member"
    OTHER_CHILD = "other_child", "Other child in the household or institution"


class Relationship(models.TextChoices):
    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    STEP_PARENT = "step_parent", "Step-parent"
    PARENTS_PARTNER = "partner", "Parent's partner"
    GRANDPARENT = "grandparent", "Grandparent"
    SIBLING = "sibling", "Sibling"
    HALF_SIBLING = "half_sibling", "Half-sibling"
    AUNT_UNCLE = "aunt_uncle", "Aunt or uncle"
    FOSTER_CARER = "foster_carer", "Foster carer"
    SPECIAL_GUARDIAN = "special_guardian", "Special guardian"
    OTHER_RELATIVE = "other_relative", "Other relative"
    HOUSEHOLD_MEMBER = "household", "Other household member"
    OTHER_CHILD_INSTITUTION = "institution_child", "Child in the same institution"


# The relationships that fit each kind of person in the register: another child can be a
# sibling or a child of the household or institution, never a parent or a carer.
RELATIONSHIPS_BY_KIND: dict[str, frozenset[str]] = {
    PersonKind.FAMILY: frozenset(Relationship.values) - {Relationship.OTHER_CHILD_INSTITUTION},
    PersonKind.OTHER_CHILD: frozenset(
        {
            Relationship.SIBLING,
            Relationship.HALF_SIBLING,
            Relationship.OTHER_RELATIVE,
            Relationship.HOUSEHOLD_MEMBER,
            Relationship.OTHER_CHILD_INSTITUTION,
        }
    ),
}


# The relationships that make someone a parent for Rotherham 19.4 ("children and/or parents
# with disabilities") whatever the parental-responsibility box says: a special guardian holds
# parental responsibility by the order. Anyone else counts as a parent only as a carer with
# parental responsibility (the box ticked).
PARENT_RELATIONSHIPS = frozenset(
    {
        Relationship.MOTHER,
        Relationship.FATHER,
        Relationship.STEP_PARENT,
        Relationship.SPECIAL_GUARDIAN,
    }
)


def counts_as_parent(kind: str, relationship: str, parental_responsibility: bool) -> bool:
    """A family member who is a parent, or a carer with parental responsibility (19.4)."""
    return kind == PersonKind.FAMILY and (
        relationship in PARENT_RELATIONSHIPS or parental_responsibility
    )
