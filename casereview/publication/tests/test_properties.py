"""Property tests: no register name survives any variant of letter case, possessive,
apostrophe or line break; roles, places and ordinary words are kept."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from casereview.publication.anonymiser import Term, anonymise
from casereview.publication.anonymiser.fold import fold
from casereview.publication.anonymiser.ordinary import ORDINARY_WORDS

SYLLABLES = [
    "ka",
    "ly",
    "jo",
    "mar",
    "den",
    "zo",
    "ë",
    "tre",
    "vor",
    "ny",
    "sha",
    "qui",
    "lo",
    "bé",
    "rix",
]
KEPT = (
    "The health visitor and the social worker met at Leeds General Infirmary; "
    "the police and the school nurse were told."
)
FILLER = ["was seen by", "told", "and", "visited", "with", "then"]
LABEL_WORDS = {"child", "the", "mother", "father", "name", "adult"}


def _word():
    return (
        st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=3)
        .map("".join)
        .map(str.capitalize)
        .filter(lambda w: fold(w) not in ORDINARY_WORDS | LABEL_WORDS)
    )


names = st.tuples(_word(), _word(), st.booleans(), _word()).filter(
    lambda n: len({fold(n[0]), fold(n[1]), fold(n[3])}) == 3
)


def _surname(name) -> str:
    _given_name, family, hyphenated, second = name
    return f"{family}-{second}" if hyphenated else family


def _variant(draw, name) -> str:
    given_name, *_ = name
    surname = _surname(name)
    form = draw(
        st.sampled_from(
            ["full", "given", "surname", "initial", "initial_dot", "broken", "hyphen_break"]
        )
    )
    gap = draw(st.sampled_from([" ", "\n", " \n  ", "  "]))
    text = {
        "full": f"{given_name}{gap}{surname}",
        "given": given_name,
        "surname": surname,
        "initial": f"{given_name[0]} {surname}",
        "initial_dot": f"{given_name[0]}.{gap}{surname}",
        "broken": f"{given_name}{gap}{surname.replace('-', '-' + gap.strip(' ') or '-')}",
        "hyphen_break": f"{given_name[:2]}-\n{given_name[2:]}",
    }[form]
    case = draw(st.sampled_from([str, str.upper, str.lower]))
    possessive = draw(st.sampled_from(["", "'s", "’s", "s'", "s’"]))
    return case(text) + possessive


@st.composite
def documents(draw):
    name = draw(names)
    parts = [KEPT]
    for _ in range(draw(st.integers(1, 5))):
        parts.append(_variant(draw, name))
        parts.append(draw(st.sampled_from(FILLER)))
    return name, " ".join(parts) + "."


@settings(max_examples=200, deadline=None)
@given(documents())
def test_no_register_name_survives_and_roles_and_places_stay(case):
    name, text = case
    given_name, family, hyphenated, second = name
    term = Term("person", f"{given_name} {_surname(name)}", "child")
    out = anonymise(text, [term]).text
    folded = fold(out)
    for word in {given_name, family, second if hyphenated else family}:
        assert not re.search(rf"(?<!\w){re.escape(fold(word))}(?!\w)", folded), (text, out)
    assert out.startswith(KEPT)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(ORDINARY_WORDS)), st.sampled_from(["", "s", " and more"]))
def test_an_ordinary_word_in_lower_case_stays_when_it_is_also_a_name(word, tail):
    term = Term("person", f"{word.capitalize()} Okonkwo", "child")
    text = f"the {word}{tail} was noted by the health visitor."
    assert anonymise(text, [term]).text == text
