"""The places where the fast engine (docs/publication.md, "Performance") takes a path of
its own: each behaves as the one-search-at-a-time matcher did (no database)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from casereview.publication.anonymiser import Anonymiser, Term, anonymise
from casereview.publication.anonymiser.fold import HIDDEN, fold

JAYDEN = Term("person", "Jayden Smith", "child")
MOTHER = Term("person", "Kelly Okafor", "mother")


def test_a_name_after_punctuation_beyond_ascii_is_found():
    text = "“Jayden Smith” said… «Kelly» •Okafor ‹Jayden›"
    assert anonymise(text, [JAYDEN, MOTHER]).text == (
        "“Child A” said… «the mother» •the mother ‹Child A›"
    )


def test_a_name_after_a_letter_beyond_ascii_is_not_a_name():
    # A Greek letter and "Jayden" make one word: the name does not start after a letter.
    assert anonymise("αJayden and ıSmith", [JAYDEN]).text == "αJayden and ıSmith"


def test_the_folded_copy_keeps_letters_and_hides_other_punctuation():
    assert fold("“Zoë” Ωmega £5 ½") == f"{HIDDEN}zoe{HIDDEN} ωmega {HIDDEN}5 ½"


def test_a_loose_match_does_not_hide_a_name_after_it():
    # "Jsmith" matches the initial-with-surname variant with no separator: not a name, and
    # the search goes on just after its start (the one-match-at-a-time path).
    result = anonymise("Jsmith met Jayden Smith, then Kelly.", [JAYDEN, MOTHER])
    assert result.text == "Jsmith met Child A, then the mother."
    assert [r.original for r in result.replacements] == ["Jayden Smith", "Kelly"]


def test_the_longer_of_two_hits_at_one_place_wins_whichever_was_found_first():
    # The register's "14 March" (found first, by the name matcher) and the date detector's
    # "14 March 2019" start together: the longer is kept.
    result = anonymise("Seen 14 March 2019 at home.", [Term("org", "14 March")])
    assert result.text == "Seen March 2019 at home."
    assert [(r.original, r.kind) for r in result.replacements] == [("14 March 2019", "date")]
    # Alone, the register's term is replaced.
    assert anonymise("Seen at 14 March.", [Term("org", "14 March")]).text == (
        "Seen at Organisation 1."
    )


def test_a_name_at_the_very_start_and_a_title_at_the_very_start():
    assert anonymise("Jayden slept.", [JAYDEN]).text == "Child A slept."
    assert anonymise("Ms Okafor rang.", [MOTHER]).text == "The mother rang."


def test_a_long_report_gives_the_same_replacement_for_every_occurrence():
    text = "Jayden Smith went to Ms Okafor's house on 14/03/2021. " * 2000
    result = anonymise(text, [JAYDEN, MOTHER])
    assert result.text == "Child A went to the mother's house on March 2021. " * 2000
    assert len(result.replacements) == 6000


# The fast name matcher against the straightforward one, on made-up texts: the look-behind
# pattern (Anonymiser.pattern) searched one match at a time over the folded text, a loose
# match (a separator where the variant has none) searched again from just after its start.


class _OneSearchAtATime(Anonymiser):
    def _term_hits(self, text: str, folded: str) -> list:
        hits = []
        pos = 0
        while match := self.pattern.search(folded, pos):
            info = self._hit_info(match.group())
            if info is None:
                pos = match.start() + 1
                continue
            if hit := self._hit(text, match.start(), match.end(), info):
                hits.append(hit)
            pos = match.end()
        return self._broken_hits(text, folded, hits)


_REGISTER = [
    JAYDEN,
    Term("person", "Kelly Smith", "mother", ("Kel",)),  # shares the child's surname
    Term("person", "Hope Field", "sibling"),  # two ordinary words
    Term("person", "Zoë Brown-Ellis", "grandmother"),
    Term("address", "12 Acacia Avenue, Leeds"),
    Term("school", "Oakwood Primary"),
    Term("org", "Barnardo's"),
]
_NAMES = ["Jayden", "Smith", "Kelly", "Kel", "Hope", "Field", "Zoë", "Brown", "Ellis"]
_PIECES = [
    *_NAMES,
    "Jayden Smith",
    "Kel Smith",
    "Brown-Ellis",
    "Brown–\nEllis",
    "Jay-\nden",
    "J.",
    "J",
    "K. ",
    "Jsmith",
    "Ksmith",
    "Mr",
    "Mrs ",
    "Dr ",
    "Ms. ",
    "master ",
    "12 Acacia Avenue",
    "Oakwood Primary",
    "Barnardo's",
    "Hope Street",
    "Field Lane",
    "hope",
    "field",
    "the",
    "smithy",
    "Jaydens'",
    "on 14/03/2021",
    "0113 496 0000",
]
_GLUE = [
    "",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    ", ",
    ". ",
    "-",
    "'s ",
    "’s ",
    "“",
    "”",
    "…",
    "_",
    "α",
    "\t",
]


@st.composite
def _texts(draw) -> str:
    pieces = draw(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=25))
    case = draw(st.lists(st.sampled_from([str, str, str.upper, str.lower]), min_size=25))
    glue = draw(st.lists(st.sampled_from(_GLUE), min_size=26, max_size=26))
    return glue[0] + "".join(c(p) + g for p, c, g in zip(pieces, case, glue[1:], strict=False))


@settings(max_examples=400, deadline=None)
@given(_texts())
def test_the_fast_name_matcher_finds_what_one_search_at_a_time_finds(text):
    fast, reference = Anonymiser(_REGISTER).run(text), _OneSearchAtATime(_REGISTER).run(text)
    assert fast.text == reference.text
    assert fast.replacements == reference.replacements


def test_the_reference_matcher_is_the_straightforward_one():
    # It finds the names of a text of every kind of hit, and `run` goes through the method
    # it replaces (else the comparison above would compare the fast matcher with itself).
    assert "_term_hits" in Anonymiser.run.__code__.co_names
    text = "Mrs Smith's son J. Smith and Kel met Hope at 12 Acacia Avenue; JSMITH; hope."
    result = _OneSearchAtATime(_REGISTER).run(text)
    assert [r.original for r in result.replacements] == [
        "Mrs Smith's",
        "J. Smith",
        "Kel",
        "Hope",
        "12 Acacia Avenue",
    ]
