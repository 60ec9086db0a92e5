"""Wording, ethnicity codes and name lists of the generated people."""

from __future__ import annotations

from casereview.cases.vocab import Ethnicity, Language
from casereview.demo.names import HERITAGES, mixed_ethnicity
from casereview.demo.people import age_phrase, ascii_fold


def test_helpers():
    assert age_phrase(20) == "a two-week-old"
    assert age_phrase(250) == "an eight-month-old"
    assert age_phrase(11 * 365 + 10) == "an eleven-year-old"
    assert mixed_ethnicity("W1", "B1") == "M1"
    assert mixed_ethnicity("B2", "W5") == "M2"
    assert mixed_ethnicity("W1", "A2") == "M3"
    assert mixed_ethnicity("A2", "B1") == "M4"
    assert mixed_ethnicity("W1", "W2") == "W1"
    assert ascii_fold("Łukasz Wiśniewski") == "Lukasz Wisniewski"
    for h in HERITAGES:
        assert h.ethnicity in Ethnicity.values
        assert all(code in Language.values for code, _ in h.languages)
    keys = {h.key for h in HERITAGES}
    assert {"polish", "somali", "roma", "traveller", "eritrean", "kurdish"} <= keys
