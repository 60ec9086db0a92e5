"""The rules' evidence: every span is a quote of the text at the place it says."""

import re

from casereview.learning import vocabulary
from casereview.national.themes import dataset, rules, tagger

LESSON = (
    "Learning point: practitioners did not SEE THE CHILD ALONE. The mother's new partner was "
    "never checked, and the Police did not share information about domestic abuse with the GP."
)


def test_every_code_has_phrases_and_every_phrase_a_code():
    assert set(rules.PHRASES) == set(vocabulary.theme_codes())
    assert all(rules.PHRASES.values())


def test_matches_name_the_codes_with_spans_that_point_at_the_text():
    found = rules.match(LESSON)
    assert {
        "voice_of_child",
        "invisible_men_fathers",
        "information_sharing",
        "domestic_abuse",
        "health_agencies",
    } <= set(found)
    for spans in found.values():
        for span in spans:
            assert LESSON[span.start : span.end] == span.quote
            assert span.source == "rule"
    assert [s.quote for s in found["voice_of_child"]] == ["SEE THE CHILD ALONE"]
    assert [s.quote for s in found["domestic_abuse"]] == ["domestic abuse"]


def test_no_phrase_is_mostly_wrong_on_the_training_lessons():
    """The pruning rule of docs/national.md: a phrase matching five or more training lessons
    of which under 30 % carry its code is dropped (scripts/theme_phrases.py prints them all)."""
    lessons = dataset.training()
    wrong = []
    for code, phrases in rules.PHRASES.items():
        for phrase in phrases:
            pattern = re.compile(rf"\b(?:{phrase})\b", re.IGNORECASE)
            hits = [x for x in lessons if pattern.search(x.text)]
            if len(hits) >= 5 and sum(code in x.themes for x in hits) < 0.3 * len(hits):
                wrong.append((code, phrase))
    assert wrong == []


def test_every_name_is_almost_always_right_on_the_training_lessons():
    """A theme's name (rules.NAMES) suggests the theme on its own, so it must be the subject of
    the lessons it occurs in: at least 80 % of those it matches (two or more) carry its code."""
    lessons = dataset.training()
    assert set(rules.NAMES) == set(rules.PHRASES)
    loose = []
    for code, names in rules.NAMES.items():
        for name in names:
            pattern = re.compile(rf"\b(?:{name})\b", re.IGNORECASE)
            hits = [x for x in lessons if pattern.search(x.text)]
            if len(hits) >= 2 and sum(code in x.themes for x in hits) < 0.8 * len(hits):
                loose.append((code, name, len(hits)))
    assert loose == []


def test_a_named_theme_is_suggested_on_its_own_and_a_passing_word_is_not_a_name():
    named = "Key message: practitioners should recognise disguised compliance."
    assert "disguised_compliance" in rules.named(named)
    (result,) = tagger.tag([named], evidence=False)
    assert "disguised_compliance" in result.themes
    (ruled,) = tagger.tag([named], method="rules", evidence=False)
    assert "disguised_compliance" in ruled.themes  # a name is a phrase too
    # the stock words of a review's introduction do not name neglect
    assert "neglect" not in rules.named("Abuse or neglect of a child is known or suspected.")
    assert "neglect" not in rules.match("Abuse or neglect of a child is known or suspected.")


def test_words_in_another_sense_are_not_evidence():
    """This round's tightenings: a difficulty is not a challenge to a decision, children left
    without supervision are not about managers, a young man unknown to agencies is not a
    hidden father, and being involved with children's services is not an adult service."""
    found = rules.match(
        "It is a big challenge for schools. The children had a lack of supervision at night. "
        "He was not known to agencies. The family had been involved with children's services."
    )
    assert not {
        "professional_curiosity_challenge",
        "supervision_management",
        "invisible_men_fathers",
        "adult_services_child_focus",
    } & set(found)
    assert "assessment_quality" in rules.match("Workers were over optimistic about change.")


def test_phrases_match_whole_words_only():
    # "GP" in "GPS tracker" is not a general practitioner; "abuse" alone is not domestic abuse.
    assert rules.match("The GPS tracker was lost. There was abuse.") == {}


def test_suggestions_carry_evidence_from_rules_and_model_inside_the_text():
    (result,) = tagger.tag([LESSON])
    assert "domestic_abuse" in result.themes
    sources = set()
    for suggestion in result.suggestions:
        assert suggestion.code in result.themes
        assert suggestion.confidence == result.scores[suggestion.code]
        assert suggestion.evidence
        for span in suggestion.evidence:
            assert LESSON[span.start : span.end] == span.quote
            sources.add(span.source)
    assert sources == {"rule", "model"}


def test_without_evidence_the_scores_are_the_same():
    (full,) = tagger.tag([LESSON])
    (quick,) = tagger.tag([LESSON], evidence=False)
    assert quick.scores == full.scores and quick.themes == full.themes
    assert all(not s.evidence for s in quick.suggestions)


def test_the_fifth_rounds_words_in_another_sense_are_not_evidence():
    """A teenager's age of consent is not consent to share, a parent's capacity to care is not
    a service's capacity, "records show" is a source rather than poor recording, a sentence is
    not information sent on, good communication is not a failure to share, and keeping the
    child's needs in view is not about adult services."""
    found = rules.match(
        "She was below the age of consent and too young to consent to sex. The mother's capacity "
        "to care for the baby was assessed. The nursery's records show the policy was followed. "
        "His father was sent to prison. There was good communication between the agencies. "
        "Staff kept their focus on the welfare of the baby and put the safety of the baby first."
    )
    assert not {
        "information_sharing",
        "workload_resources",
        "recording",
        "adult_services_child_focus",
    } & set(found)
    # the same words in their own sense still count
    assert "information_sharing" in rules.match("They shared nothing without the parents' consent.")
    assert "workload_resources" in rules.match("Capacity in the health visiting team was low.")
    assert "recording" in rules.match("Case recording was poor.")


def test_the_fifth_rounds_phrases_and_names_match_their_theme():
    found = rules.match(
        "Practitioners should engage with the men living in the household. Services were not "
        "sceptical enough. The girl has learning difficulties. The family were recent migrants. "
        "There was no leadership. A request for a conference was turned down."
    )
    assert {
        "invisible_men_fathers",
        "professional_curiosity_challenge",
        "disability",
        "culture_ethnicity_faith_language",
        "supervision_management",
        "thresholds_start_again",
    } <= set(found)
    assert rules.named("The parents' apparent willingness to cooperate was taken as change.") == {
        "disguised_compliance"
    }
    assert "young_parents" in rules.named("They were young and isolated parents.")
    assert "young_parents" in rules.named("The parents were a young, homeless couple.")
