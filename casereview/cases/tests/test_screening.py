"""Screening reads each regime file's criteria and outcomes (cases/screening.py)."""

import pytest

from casereview.cases.screening import Facts, refusals, screen
from casereview.procedure import catalogue


def result(regime_id, outcome, abuse, letters="", **flags):
    regime = catalogue.current(regime_id)
    facts = Facts(outcome, abuse, frozenset(letters), **flags)
    assert not refusals(regime, facts)
    return screen(regime, facts)


@pytest.mark.parametrize("abuse", ["known", "suspected"])
def test_a_death_with_abuse_or_neglect_requires_a_review(abuse):
    r = result("rotherham_wt2006", "death", abuse)
    assert r.outcome_id == "review_required"
    assert r.citations == ["Rotherham 19.1"]


@pytest.mark.parametrize("letter", "abcde")
def test_each_consider_criterion_asks_the_board_to_consider(letter):
    outcome = "death" if letter == "d" else "serious_harm"
    abuse = "not" if letter in "ce" else "suspected"
    r = result("rotherham_wt2006", outcome, abuse, letter)
    if letter == "d":  # killed by a parent: a death through abuse, a must
        assert r.outcome_id == "review_required"
        assert r.citations == ["Rotherham 19.1", "Rotherham 19.1 (d)"]
    else:
        assert r.outcome_id == "review_to_consider"
        assert r.citations == [f"Rotherham 19.1 ({letter})"]


def test_a_death_without_abuse_or_neglect_but_with_concerns_is_to_be_considered():
    assert result("rotherham_wt2006", "death", "not", "e").outcome_id == "review_to_consider"


def test_nothing_met_says_so_and_cites_the_clause():
    r = result("rotherham_wt2006", "serious_harm", "suspected")
    assert r.outcome_id == "criteria_not_met"
    assert r.citations == ["Rotherham 19.1"]


@pytest.mark.parametrize("regime", ["rotherham_wt2006", "wt2010", "wt2013"])
@pytest.mark.parametrize("letter", "abd")
def test_abuse_criteria_with_no_abuse_are_refused_naming_the_criterion(regime, letter):
    facts = Facts("death", "not", frozenset(letter))
    message = refusals(catalogue.current(regime), facts)["considerations"]
    assert f"({letter})" in message and "not known or suspected" in message


def test_killed_by_a_parent_with_serious_harm_is_refused():
    facts = Facts("serious_harm", "known", frozenset("d"))
    assert "the child died" in refusals(catalogue.current("wt2013"), facts)["considerations"]


def test_wt2013_regulation_5_2_serious_harm_with_interagency_concerns_is_a_must():
    r = result("wt2013", "serious_harm", "suspected", "e")
    assert r.outcome_id == "review_required"
    assert "reg 5(2)(b)(ii)" in r.citations[0]
    # Without abuse or neglect it is only a case to consider; without (e) nothing is met.
    assert result("wt2013", "serious_harm", "not", "e").outcome_id == "review_to_consider"
    assert result("wt2013", "serious_harm", "known").outcome_id == "criteria_not_met"
    # The 2006 procedure has no such rule.
    assert result("rotherham_wt2006", "serious_harm", "known", "e").outcome_id == (
        "review_to_consider"
    )


def test_a_death_in_custody_is_a_must_under_wt2013_and_refused_without_a_death():
    r = result("wt2013", "death", "not", custody=True)
    assert r.outcome_id == "review_required" and r.citations == ["WT2013 chapter 4 para 18"]
    facts = Facts("serious_harm", "not", custody=True)
    assert "death_in_custody" in refusals(catalogue.current("wt2013"), facts)


@pytest.mark.parametrize("outcome", ["death", "serious_harm"])
def test_wt2018_a_serious_child_safeguarding_case_goes_to_the_panel_and_a_rapid_review(outcome):
    r = result("wt2018", outcome, "suspected")
    assert r.outcome_id == "notify_panel_and_rapid_review"
    assert r.citations == ["WT2018 chapter 4; Children Act 2004 s.16C"]
    assert result("wt2018", outcome, "not").outcome_id == "criteria_not_met"


def test_wt2018_has_no_lettered_criteria_to_tick():
    facts = Facts("death", "known", frozenset("e"))
    assert "has no criterion (e)" in refusals(catalogue.current("wt2018"), facts)["considerations"]
