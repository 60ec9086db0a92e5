"""The loader validates the screening data of a regime file ([[criterion]], [[outcome]])."""

import pytest

from casereview.procedure import catalogue
from casereview.procedure.regime import Regime, RegimeError, parse

HEAD = 'id = "t"\nversion = "1"\ntitle = "T"\nsource = "S"\n'
OUTCOMES = """
[[outcome]]
id = "panel"
label = "Notify the panel"
level = "consider"

[[outcome]]
id = "criteria_not_met"
label = "Not met"
level = "not_met"
citation = "X 1"
text = "Nothing is met."
"""
CRITERION = """
[[criterion]]
id = "c"
kind = "must_consider"
letter = "a"
citation = "X 1 (a)"
text = "Something"
leads_to = "panel"
"""


def load(text: str) -> Regime:
    return parse(HEAD + text, "t.toml")


def test_a_good_screening_section_loads():
    regime = load(OUTCOMES + CRITERION + 'outcomes = ["death"]\nimplies_abuse = true\n')
    (criterion,) = regime.criteria
    assert criterion.outcome_id == "panel" and criterion.outcomes == ("death",)
    assert regime.not_met.citation == "X 1" and regime.letters == {"a": criterion}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (CRITERION, "its criteria need outcomes"),
        (OUTCOMES.replace('"consider"', '"maybe"') + CRITERION, "level must be one of"),
        (OUTCOMES.replace('citation = "X 1"\n', "") + CRITERION, "'citation' is missing"),
        (OUTCOMES.replace('level = "not_met"', 'level = "consider"'), "exactly one outcome"),
        (OUTCOMES + CRITERION.replace('"panel"', '"elsewhere"'), "unknown outcome 'elsewhere'"),
        (OUTCOMES + CRITERION.replace('"panel"', '"criteria_not_met"'), "cannot lead to"),
        (OUTCOMES + CRITERION + 'outcomes = ["injury"]\n', "outcomes: unknown 'injury'"),
        (OUTCOMES + CRITERION + 'abuse = "known"\n', "abuse must be a list"),
        (OUTCOMES + CRITERION + 'with_letters = ["z"]\n', "unknown letter 'z'"),
        (OUTCOMES + CRITERION + 'custody = "yes"\n', "custody must be true or false"),
        (OUTCOMES + CRITERION + 'only_with_outcome = "later"\n', "only_with_outcome must be"),
        (
            OUTCOMES + CRITERION.replace('letter = "a"\n', "") + "implies_abuse = true\n",
            "only a criterion with a letter can refuse",
        ),
        (OUTCOMES + CRITERION + CRITERION, "the id is used twice"),
    ],
)
def test_a_bad_screening_entry_is_named(text, message):
    with pytest.raises(RegimeError, match=message.replace("(", r"\(")):
        load(text)


def test_a_version_stored_before_screening_data_still_screens():
    """Cases that started under a version without [[outcome]] read it from the database."""
    data = catalogue.current("rotherham_wt2006").to_data()
    data.pop("outcomes")
    for criterion in data["criteria"]:
        for key in list(criterion):
            if key not in {"id", "kind", "letter", "citation", "text"}:
                criterion.pop(key)
    regime = Regime.from_data(data)
    assert [o.id for o in regime.outcomes] == [
        "review_required",
        "review_to_consider",
        "criteria_not_met",
    ]
    must = regime.criteria[0]
    assert must.outcomes == ("death",) and must.abuse == ("known", "suspected")
