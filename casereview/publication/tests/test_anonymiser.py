"""The anonymiser's rules, one behaviour a test (no database)."""

from __future__ import annotations

import pytest

from casereview.publication.anonymiser import (
    Anonymiser,
    RegisterError,
    Term,
    anonymise,
    terms_from_json,
)

JAYDEN = Term("person", "Jayden Smith", "child", ("Jay",))
KELLY = Term("person", "Kelly Okafor", "mother")
HOPE = Term("person", "Hope Field", "sibling")
ZOE = Term("person", "Zoë Brown-Ellis", "grandmother")
ROSE = Term("person", "Rose Brown", "aunt")


def run(text: str, *terms: Term) -> str:
    return anonymise(text, list(terms)).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jayden went home.", "Child A went home."),
        ("JAYDEN went home.", "Child A went home."),
        ("seen: jayden smith.", "seen: Child A."),
        ("Jayden's cot.", "Child A's cot."),
        ("Jayden’s cot.", "Child A’s cot."),
        ("the Jaydens' cot.", "the Child A's cot."),
        ("J. Smith was seen.", "Child A was seen."),
        ("J Smith was seen.", "Child A was seen."),
        ("Jay was seen.", "Child A was seen."),
        ("Jay Smith was seen.", "Child A was seen."),
        ("Jayden\nSmith was seen.", "Child A was seen."),
        ("Jay-\nden was seen.", "Child A was seen."),
        ("Jay-\n  den’s cot.", "Child A’s cot."),
    ],
)
def test_a_childs_name_in_every_form_becomes_child_a(text, expected):
    assert run(text, JAYDEN) == expected


def test_roles_are_consistent_and_capitalised_at_a_sentence_start():
    text = "Kelly Okafor said that Jayden slept. Mrs Okafor left. Later Ms Okafor called."
    assert run(text, JAYDEN, KELLY) == (
        "The mother said that Child A slept. The mother left. Later the mother called."
    )


def test_diacritics_and_hyphenated_names_in_any_spelling():
    for text in (
        "Zoë Brown-Ellis came.",
        "Zoe Brown-Ellis came.",
        "zoe brown ellis came.",
        "ZOË BROWN–ELLIS came.",
        "Zoë Brown-\nEllis came.",
    ):
        assert run("x " + text, ZOE) == "x the grandmother came.", text


def test_decomposed_accents_are_matched():
    assert run("Zoe\u0308 Brown-Ellis came.", ZOE) == "The grandmother came."


def test_an_ordinary_word_stays_unless_used_as_a_name():
    text = "We hope Hope is well. Hope said so. Field Lane and the field. Rose's rose garden."
    assert run(text, HOPE, ROSE) == (
        "We hope Child A is well. Child A said so. Field Lane and the field. "
        "The aunt's rose garden."
    )


def test_a_title_makes_an_ordinary_surname_a_name():
    assert run("She met Mrs Brown and a brown dog.", ROSE) == "She met the aunt and a brown dog."


def test_a_shared_surname_alone_is_not_guessed():
    mother = Term("person", "Kelly Smith", "mother")
    assert run("Kelly Smith and Smith.", JAYDEN, mother) == "The mother and [name]."


def test_names_inside_other_words_stay():
    assert run("Jaydenson and Smithfield; Jays.", JAYDEN) == "Jaydenson and Smithfield; Jays."


def test_children_by_letter_and_places_numbered():
    terms = [
        JAYDEN,
        HOPE,
        Term("school", "Oakfield Primary School", aliases=("Oakfield Primary",)),
        Term("org", "Riverside Surgery"),
        Term("address", "12 Acacia Avenue, Leeds"),
    ]
    text = "Jayden and Hope at Oakfield Primary; Riverside Surgery; 12 Acacia Avenue."
    assert run(text, *terms) == "Child A and Child B at School 1; Organisation 1; [address]."


def test_roles_professions_and_public_bodies_stay():
    text = "The health visitor, the police and Leeds Teaching Hospitals saw Jayden."
    assert (
        run(text, JAYDEN)
        == "The health visitor, the police and Leeds Teaching Hospitals saw Child A."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on 14 March 2021.", "on March 2021."),
        ("on Tuesday 14th of March 2021.", "on March 2021."),
        ("on 14/03/2021.", "on March 2021."),
        ("on 4.3.21.", "on March 2021."),
        ("on March 14, 2021.", "on March 2021."),
        ("on 2021-03-14.", "on March 2021."),
        ("in March 2021.", "in March 2021."),
        ("born 2019-03-14 and 14/03/2019.", "born [date of birth] and [date of birth]."),
    ],
)
def test_exact_dates_are_coarsened_and_the_date_of_birth_removed(text, expected):
    assert run(text, Term("dob", "14/03/2019")) == expected


@pytest.mark.parametrize("number", ["943 476 5919", "9434765919", "943-476-5919", "94 34 76 59 19"])
def test_nhs_numbers_with_a_valid_check_digit_in_any_spacing(number):
    assert run(f"NHS number {number}.") == "NHS number [NHS number]."


def test_ten_digits_failing_the_checksum_are_not_an_nhs_number():
    assert run("Ref 943 476 5918.") == "Ref 943 476 5918."


def test_a_register_number_is_removed_even_with_a_wrong_check_digit():
    assert run("Ref 943 476 5918.", Term("nhs_number", "9434765918")) == "Ref [NHS number]."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NI AB 12 34 56 C.", "NI [National Insurance number]."),
        ("NI ab123456c.", "NI [National Insurance number]."),
        ("at LS1 4AB today", "at [postcode] today"),
        ("at ls14ab today", "at [postcode] today"),
        ("call 0113 496 0000 now", "call [phone number] now"),
        ("call 07700 900123 now", "call [phone number] now"),
        ("call +44 7700 900123 now", "call [phone number] now"),
        ("mail kelly.o+x@example.org now", "mail [email address] now"),
    ],
)
def test_identifiers_found_by_their_shape(text, expected):
    assert run(text) == expected


def test_ordinary_numbers_stay():
    text = "Of 12 visits, 3 were missed in 2021; paragraph 19.2 applies."
    assert run(text) == text


def test_each_replacement_is_reported_with_its_original():
    result = anonymise("Jay’s cot, 14 March 2021.", [JAYDEN])
    assert [(r.original, r.replacement, r.kind) for r in result.replacements] == [
        ("Jay’s", "Child A’s", "person"),
        ("14 March 2021", "March 2021", "date"),
    ]


def test_the_matcher_is_built_once_and_reused():
    anonymiser = Anonymiser([JAYDEN])
    assert anonymiser.run("Jayden.").text == "Child A."
    assert anonymiser.run("jayden.").text == "Child A."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], 'an object with a "register" list'),
        ({"register": [{"kind": "pet", "value": "Rex"}]}, "kind must be one of"),
        ({"register": [{"kind": "person", "value": " "}]}, "value must be a non-empty string"),
        (
            {"register": [{"kind": "person", "value": "A B", "aliases": "x"}]},
            "aliases must be a list",
        ),
        ({"register": [{"kind": "dob", "value": "yesterday"}]}, "is not a date"),
        ({"register": [{"kind": "person", "value": "A B", "age": 3}]}, "unknown field(s) age"),
    ],
)
def test_a_bad_register_is_refused_with_its_reason(data, message):
    with pytest.raises(RegisterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        terms_from_json(data)
