"""Where what a page asks for comes from, in the case's own regime.

A page names a topic ("race", "family_told"); the topic names the obligations of the
regime files that ask for it; the citation shown is those obligations' own, in the regime
the review (or notification) runs under, or in a board's default regime for a board's
pages. A Rotherham review reads "Rotherham 19.3", a Working Together 2018 review
"WT2018 chapter 4" for the same page: never one regime's paragraph on every review. A
regime with none of a topic's obligations is cited by its name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from . import catalogue
from .regime import Regime

# Topic -> the obligations whose citations it shows, in the order shown.
TOPICS: dict[str, tuple[str, ...]] = {
    "other_children": ("other_children_at_risk",),
    "records_secured": ("records_secured",),
    "panel_recommendation": ("panel_recommendation",),
    "lessons": ("lessons_acted_upon",),
    "race": ("independent_expert_race",),
    "community_link": ("community_link_decided",),
    "cultural_sensitivity": ("cultural_sensitivity_considered",),
    "preferred_language": ("family_preferred_language",),
    "disability": ("independent_expert_disability",),
    "disability_judgement": ("disability_judgement",),
    "race_and_disability": ("independent_expert_race", "independent_expert_disability"),
    "community_lessons": ("community_lessons_highlighted",),
    "disability_lessons": ("disability_lessons_highlighted",),
    "family_told": ("family_informed_of_review",),
    "family_involvement": ("family_involvement_agreed",),
    "family_involvement_reviewed": ("family_involvement_reviewed",),
    "legitimate_interest": ("legitimate_interest_views",),
    "child_involvement": ("child_involved",),
    "family_process": ("family_informed_of_process",),
    "family_publication": ("family_informed_of_publication",),
    "staff_support": ("staff_support", "staff_debriefed"),
    "national": ("themes_submitted",),
    "review_completed": ("review_completed",),
    "panel_told_before_publication": ("panel_told_before_publication",),
}


def joined(citations: Iterable[str]) -> str:
    """Several citations as one: repeats dropped, and one document's clauses together
    ("Rotherham 19.3, 19.4"; "WT2018 chapter 4" once)."""
    unique = list(dict.fromkeys(citations))
    heads = {c.split(" ", 1)[0] for c in unique}
    if len(unique) > 1 and len(heads) == 1 and all(" " in c for c in unique):
        head = heads.pop()
        return head + " " + ", ".join(c.split(" ", 1)[1] for c in unique)
    return "; ".join(unique)


class Cite(Mapping[str, str]):
    """One regime's citations by topic; a template reads `{{ cite.race }}`. An unknown
    topic is a KeyError, so that a misspelt topic fails its test rather than printing
    nothing."""

    def __init__(self, regime: Regime) -> None:
        self.regime = regime
        self._by_id = {o.id: o.citation for o in regime.obligations}

    def __getitem__(self, topic: str) -> str:
        found = [self._by_id[o] for o in TOPICS[topic] if o in self._by_id]
        return joined(found) if found else self.regime.display_name

    def __iter__(self):
        return iter(TOPICS)

    def __len__(self) -> int:
        return len(TOPICS)

    def has(self, topic: str) -> bool:
        """Whether the regime asks for the topic at all (choices of another regime's
        duties are shown without a citation)."""
        return any(o in self._by_id for o in TOPICS[topic])

    def label(self, text: str, topic: str) -> str:
        return f"{text} ({self[topic]})"

    def choices(
        self, choices: Iterable[tuple[str, str]], topics: Mapping[str, str]
    ) -> list[tuple[str, str]]:
        """A model's choices with the citation of each value that has a topic, where the
        regime asks for it; the others in plain words."""
        return [
            (value, self.label(text, topics[value]))
            if value in topics and self.has(topics[value])
            else (value, text)
            for value, text in choices
        ]


def for_case(case) -> Cite:
    """A review's or a notification's: the regime version the case runs under."""
    return Cite(catalogue.version_of(case.regime, case.regime_version))


def for_board(board) -> Cite:
    """A board's own pages (letters, translations, settings) serve reviews of its default
    regime."""
    return Cite(catalogue.current(board.default_regime))


def of(case_or_board) -> Cite:
    """A review's, a notification's or a board's: what a page has at hand."""
    if hasattr(case_or_board, "default_regime"):
        return for_board(case_or_board)
    return for_case(case_or_board)
