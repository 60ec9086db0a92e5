"""Names not on the register are suggested, never replaced."""

from __future__ import annotations

from casereview.publication.anonymiser import Term, anonymise
from casereview.publication.anonymiser.suggest import HeuristicSuggester, SpacySuggester, suggest

TEXT = (
    "Jayden Smith was seen by the health visitor. His uncle Marcus Obi and Kayla Brooks "
    "were present; Mrs Patel called the police in Leeds."
)


def test_the_heuristic_suggests_unlisted_names_and_leaves_the_text_alone():
    result = anonymise(TEXT, [Term("person", "Jayden Smith", "child")])
    names = [s.name for s in suggest(result, HeuristicSuggester())]
    assert names == ["Marcus Obi", "Kayla Brooks", "Patel"]
    assert "Marcus Obi" in result.text


def test_the_model_package_is_installed_with_a_named_entity_recogniser():
    suggester = SpacySuggester()
    assert "ner" in suggester.nlp.pipe_names
    result = anonymise(TEXT, [Term("person", "Jayden Smith", "child")])
    names = {s.name for s in suggest(result, suggester)}
    assert "Kayla Brooks" in names
    assert "Jayden Smith" not in names  # on the register: replaced, not suggested


def test_a_replaced_name_is_not_suggested_again():
    result = anonymise("Kayla Brooks met Kayla Brooks.", [Term("person", "Kayla Brooks", "mother")])
    assert suggest(result, HeuristicSuggester()) == []
