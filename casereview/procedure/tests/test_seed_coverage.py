"""Every "should" and "must" of the board's procedure (clauses 19.1 to 19.6) is enforced:
each such sentence of the seed text is quoted by an obligation or criterion citing its
clause, and the clause texts the pages show are the seed's own words."""

import re
from pathlib import Path

import pytest

from casereview.procedure import catalogue

SEED = (
    Path(__file__).resolve().parents[3].parent
    / "shared"
    / "seed"
    / "scr-procedure-rotherham-ch19.txt"
)


def normalise(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def clauses(text: str) -> dict[str, str]:
    parts = re.split(r"\n(?=19\.\d )", "\n" + text.strip())
    return {p.strip()[:4]: p.strip() for p in parts if re.match(r"19\.\d ", p.strip())}


def requirements(clause_text: str) -> list[str]:
    """The sentences of a clause that say should or must."""
    body = normalise(clause_text)
    sentences = re.split(r"(?<=[.:])\s+(?=[A-Z'-])", body)
    return [s for s in sentences if re.search(r"\b(should|must)\b", s)]


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.exists():
        pytest.fail(f"The seed procedure is missing: {SEED}")
    return SEED.read_text(encoding="utf-8")


def test_every_should_and_must_is_quoted_by_an_obligation_citing_its_clause(seed_text):
    regime = catalogue.current("rotherham_wt2006")
    quoted = [(o.clause, normalise(o.quote)) for o in regime.obligations if o.quote]
    missing = []
    for number, text in clauses(seed_text).items():
        for sentence in requirements(text):
            covered = any(quote in sentence for clause, quote in quoted if clause == number)
            if not covered:
                missing.append(f"{number}: {sentence}")
    assert not missing, "Requirements with no obligation:\n" + "\n".join(missing)


def test_there_are_requirements_in_every_clause_but_the_purpose(seed_text):
    found = {n: requirements(t) for n, t in clauses(seed_text).items()}
    assert set(found) == {"19.1", "19.2", "19.3", "19.4", "19.5", "19.6"}
    assert all(found[n] for n in ("19.1", "19.3", "19.4", "19.5", "19.6"))


def test_each_quote_is_the_seeds_own_words(seed_text):
    seed = normalise(seed_text)
    regime = catalogue.current("rotherham_wt2006")
    wrong = [o.id for o in regime.obligations if o.quote and normalise(o.quote) not in seed]
    assert not wrong


def test_the_clause_texts_shown_to_users_are_the_seeds(seed_text):
    regime = catalogue.current("rotherham_wt2006")
    for number, text in clauses(seed_text).items():
        assert normalise(regime.clauses[number]) == normalise(text)


def test_the_criteria_of_19_1_are_all_there():
    regime = catalogue.current("rotherham_wt2006")
    assert [c.letter for c in regime.criteria if c.kind == "must_consider"] == list("abcde")
    # The must: a death with abuse or neglect; and (d), a child killed by a parent, is both.
    assert [c.citation for c in regime.criteria if c.kind == "must_review"] == [
        "Rotherham 19.1",
        "Rotherham 19.1 (d)",
    ]


def test_the_obligations_the_issue_names_are_all_defined():
    ids = {o.id for o in catalogue.current("rotherham_wt2006").obligations}
    assert {
        "other_children_at_risk",
        "records_secured",
        "decision_made",
        "pct_informs_sha",
        "inspectorate_notified",
        "government_office_notified",
        "panel_appointed",
        "terms_of_reference_agreed",
        "independent_expert_race",
        "independent_expert_disability",
        "community_link_decided",
        "cultural_sensitivity_considered",
        "disability_judgement",
        "family_informed_of_review",
        "family_involvement_agreed",
        "family_involvement_reviewed",
        "child_involved",
        "family_informed_of_process",
        "family_informed_of_publication",
        "family_preferred_language",
        "staff_support",
        "staff_debriefed",
        "agency_reports_requested",
        "agency_reports_received",
        "agency_reports_accepted",
        "lessons_acted_upon",
        "review_completed",
        "executive_summary_published",
        "themes_submitted",
    } <= ids
