import pytest

from casereview.cases.screening import screen

NONE = dict.fromkeys("abcde", False)


@pytest.mark.parametrize("abuse", ["known", "suspected"])
def test_a_death_with_abuse_or_neglect_requires_a_review(abuse):
    result = screen(outcome="death", abuse_neglect=abuse, considerations=NONE)
    assert result.recommendation == "review_required"
    assert [r.citation for r in result.reasons] == ["Rotherham 19.1"]


@pytest.mark.parametrize("letter", "abcde")
def test_each_consider_criterion_asks_the_board_to_consider(letter):
    result = screen(
        outcome="serious_harm", abuse_neglect="not", considerations={**NONE, letter: True}
    )
    assert result.recommendation == "review_to_consider"
    assert [r.citation for r in result.reasons] == [f"Rotherham 19.1 ({letter})"]


def test_a_death_without_abuse_or_neglect_but_with_concerns_is_to_be_considered():
    result = screen(outcome="death", abuse_neglect="not", considerations={**NONE, "e": True})
    assert result.recommendation == "review_to_consider"


def test_nothing_met_says_so_and_cites_the_clause():
    result = screen(outcome="serious_harm", abuse_neglect="suspected", considerations=NONE)
    assert result.recommendation == "criteria_not_met"
    assert result.reasons[0].citation == "Rotherham 19.1"
