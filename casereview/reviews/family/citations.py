"""Where each family duty comes from, in the review's own regime: the family pages cite the
clause of the obligation they serve (Rotherham 19.5 under the 2006 chapter, WT2018 chapter 4
under 2018), never one regime's paragraph for every review."""

from __future__ import annotations

from dataclasses import dataclass

from casereview.procedure import catalogue

# What a family page asks for -> the obligation of the regime files that asks it.
OBLIGATIONS = {
    "told": "family_informed_of_review",
    "involvement": "family_involvement_agreed",
    "interest": "legitimate_interest_views",
    "child": "child_involved",
    "publication": "family_informed_of_publication",
    "language": "family_preferred_language",
}
# A regime without one of them: the family duties' general citation.
FALLBACK = "family_involvement_agreed"


@dataclass(frozen=True)
class Citations:
    told: str
    involvement: str
    interest: str
    child: str
    publication: str
    language: str


def _of(regime) -> Citations:
    by_id = {o.id: o.citation for o in regime.obligations}
    general = by_id.get(FALLBACK, regime.display_name)
    return Citations(**{key: by_id.get(ob, general) for key, ob in OBLIGATIONS.items()})


def for_review(review) -> Citations:
    return _of(catalogue.version_of(review.regime, review.regime_version))


def for_board(board) -> Citations:
    """A board's pages (letters, translations) serve reviews of its default regime."""
    return _of(catalogue.current(board.default_regime))
