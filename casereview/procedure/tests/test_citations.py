"""A page's topic cites the clause of the case's own regime (procedure/citations.py)."""

import pytest

from casereview.procedure import catalogue, citations
from casereview.procedure.citations import TOPICS, Cite, joined

REGIMES = ("rotherham_wt2006", "wt2010", "wt2013", "wt2018")


def test_every_topic_names_obligations_that_a_regime_file_has():
    known = {o.id for r in REGIMES for o in catalogue.current(r).obligations}
    for topic, obligations in TOPICS.items():
        assert obligations, topic
        assert set(obligations) <= known, topic


@pytest.mark.parametrize("regime_id", REGIMES)
def test_each_topic_is_cited_as_its_obligations_are_in_that_regime(regime_id):
    regime = catalogue.current(regime_id)
    cite = Cite(regime)
    by_id = {o.id: o.citation for o in regime.obligations}
    for topic, obligations in TOPICS.items():
        found = [by_id[o] for o in obligations if o in by_id]
        assert cite[topic] == (joined(found) if found else regime.display_name), topic


def test_the_rotherham_regime_keeps_its_paragraphs():
    cite = Cite(catalogue.current("rotherham_wt2006"))
    assert cite["race"] == "Rotherham 19.3"
    assert cite["race_and_disability"] == "Rotherham 19.3, 19.4"
    assert cite["family_told"] == "Rotherham 19.5"
    assert cite["staff_support"] == "Rotherham 19.6"
    assert cite["lessons"] == "Rotherham 19.2"
    assert cite["other_children"] == "Rotherham 19.1"


def test_a_later_regime_cites_its_own_chapter_once_and_never_a_rotherham_paragraph():
    cite = Cite(catalogue.current("wt2018"))
    for topic in TOPICS:
        assert "19." not in cite[topic], topic
    assert cite["race_and_disability"] == "WT2018 chapter 4"
    # WT2018 has no panel recommendation before the decision: cited by the regime's name.
    assert cite["panel_recommendation"] == "Working Together 2018"
    assert not cite.has("panel_recommendation")


def test_citations_of_one_document_are_joined_and_of_several_kept_apart():
    assert joined(["Rotherham 19.3", "Rotherham 19.4", "Rotherham 19.3"]) == "Rotherham 19.3, 19.4"
    assert joined(["WT2013 chapter 4", "WT2013 chapter 4"]) == "WT2013 chapter 4"
    assert joined(["Rotherham 19.1", "WT2006 chapter 8"]) == "Rotherham 19.1; WT2006 chapter 8"


def test_an_unknown_topic_fails_loudly():
    with pytest.raises(KeyError):
        Cite(catalogue.current("wt2018"))["no_such_topic"]


def test_choices_are_labelled_only_where_the_regime_asks_for_them():
    choices = [("a", "Agreed"), ("b", "Recommended"), ("c", "Other")]
    topics = {"a": "family_involvement", "b": "panel_recommendation"}
    rotherham = Cite(catalogue.current("rotherham_wt2006")).choices(choices, topics)
    assert rotherham == [
        ("a", "Agreed (Rotherham 19.5)"),
        ("b", "Recommended (WT2006 chapter 8)"),
        ("c", "Other"),
    ]
    later = Cite(catalogue.current("wt2018")).choices(choices, topics)
    assert later == [("a", "Agreed (WT2018 chapter 4)"), ("b", "Recommended"), ("c", "Other")]


def test_a_board_is_cited_in_its_default_regime(world):
    world.board.default_regime = "wt2018"
    assert citations.of(world.board)["national"] == "WT2018 chapter 4"
