"""The places where the fast engine (docs/publication.md, "Performance") takes a path of
its own: each behaves as the one-search-at-a-time matcher did (no database)."""

from __future__ import annotations

from casereview.publication.anonymiser import Term, anonymise
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
