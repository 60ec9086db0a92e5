"""Screening a notification against the criteria of its regime file.

The criteria, their conditions and the outcomes they lead to are data (`[[criterion]]` and
`[[outcome]]` in `procedure/regimes/*.toml`). One code path serves the notification form,
the screening page, the decision page and the `casereview screen` command:
`refusals(regime, facts)` says which facts contradict each other (the form's field
messages, the command's exit 2), `screen(regime, facts)` gives the outcome and citations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casereview.procedure import catalogue
from casereview.procedure.regime import Criterion, Regime, ScreeningOutcome

from .models import AbuseNeglect, Notification, Outcome, Recommendation

# How the rest of the service reads a regime's own outcome (the panel's choices, the
# decision guard): by its level.
RECOMMENDATION_BY_LEVEL = {
    "required": Recommendation.REVIEW_REQUIRED,
    "consider": Recommendation.REVIEW_TO_CONSIDER,
    "not_met": Recommendation.CRITERIA_NOT_MET,
}
# What happened to the child, as the refusals say it.
HAPPENED = {Outcome.DEATH: "died", Outcome.SERIOUS_HARM: "was seriously harmed"}
# The form field each refusal is shown on.
CRITERIA_FIELD = "considerations"
CUSTODY_FIELD = "death_in_custody"


@dataclass(frozen=True)
class Facts:
    """What screening reads: the child's outcome, the abuse answer, the letters ticked, a
    death in custody or detention, and whether the child was looked after."""

    outcome: str
    abuse_neglect: str
    letters: frozenset[str] = frozenset()
    custody: bool = False
    looked_after: bool = False


@dataclass(frozen=True)
class Reason:
    citation: str
    text: str
    # The screening outcome the criterion leads to (empty for the not_met reason).
    leads_to: str = ""


@dataclass(frozen=True)
class ScreeningResult:
    regime: Regime
    outcome: ScreeningOutcome
    reasons: list[Reason] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.outcome.label

    @property
    def outcome_id(self) -> str:
        return self.outcome.id

    @property
    def recommendation(self) -> Recommendation:
        return RECOMMENDATION_BY_LEVEL[self.outcome.level]

    @property
    def requires_review(self) -> bool:
        return self.outcome.level == "required"

    @property
    def required_citations(self) -> list[str]:
        """The clauses that make the result a required review."""
        if not self.requires_review:
            return []
        return list(
            dict.fromkeys(r.citation for r in self.reasons if r.leads_to == self.outcome.id)
        )

    @property
    def citations(self) -> list[str]:
        return list(dict.fromkeys(r.citation for r in self.reasons))

    def as_data(self) -> dict:
        """The command's JSON (documented in docs/procedure.md)."""
        return {
            "regime": self.regime.id,
            "regime_version": self.regime.version,
            "outcome": self.outcome.id,
            "label": self.outcome.label,
            "level": self.outcome.level,
            "citations": self.citations,
            "reasons": [{"citation": r.citation, "text": r.text} for r in self.reasons],
        }


def _criterion_label(criterion: Criterion) -> str:
    if criterion.citation.endswith(f"({criterion.letter})"):
        return criterion.citation
    return f"criterion ({criterion.letter}) of {criterion.citation}"


def refusals(regime: Regime, facts: Facts) -> dict[str, str]:
    """Facts that contradict each other or the regime, as {form field: message}."""
    errors: dict[str, list[str]] = {}
    letters = regime.letters
    unknown = sorted(facts.letters - set(letters))
    if unknown:
        errors.setdefault(CRITERIA_FIELD, []).append(
            f"{regime.title} has no criterion "
            + ", ".join(f"({u})" for u in unknown)
            + ": untick it"
        )
    for letter in sorted(facts.letters & set(letters)):
        criterion = letters[letter]
        if criterion.implies_abuse and facts.abuse_neglect == AbuseNeglect.NOT:
            errors.setdefault(CRITERIA_FIELD, []).append(
                f"You ticked {_criterion_label(criterion)}, which is abuse or neglect, but "
                "answered that abuse or neglect is not known or suspected. Change the "
                f"answer, or untick ({letter})"
            )
        if criterion.only_with_outcome and facts.outcome != criterion.only_with_outcome:
            errors.setdefault(CRITERIA_FIELD, []).append(
                f"You ticked {_criterion_label(criterion)}, which means the child "
                f"{HAPPENED[criterion.only_with_outcome]}, but answered that the child "
                f"{HAPPENED[facts.outcome]}. Change the answer, or untick ({letter})"
            )
    if facts.custody and facts.outcome != Outcome.DEATH:
        errors.setdefault(CUSTODY_FIELD, []).append(
            "A death in custody or detention is recorded only when the child died: select "
            "that the child died, or answer no"
        )
    return {name: ". ".join(messages) for name, messages in errors.items()}


def _met(criterion: Criterion, facts: Facts) -> bool:
    return (
        (not criterion.letter or criterion.letter in facts.letters)
        and (not criterion.outcomes or facts.outcome in criterion.outcomes)
        and (not criterion.abuse or facts.abuse_neglect in criterion.abuse)
        and all(letter in facts.letters for letter in criterion.with_letters)
        and (not criterion.custody or facts.custody)
        and (not criterion.looked_after or facts.looked_after)
    )


def _reason(criterion: Criterion) -> Reason:
    if criterion.letter and criterion.outcome_id == "review_to_consider":
        text = criterion.text[:1].lower() + criterion.text[1:]
        return Reason(
            criterion.citation,
            f"The board should consider a review where {text}.",
            criterion.outcome_id,
        )
    return Reason(criterion.citation, criterion.text.rstrip(".") + ".", criterion.outcome_id)


def screen(regime: Regime, facts: Facts) -> ScreeningResult:
    """The regime's outcome for these facts: the highest outcome any met criterion leads to,
    with the reasons of every met criterion (highest outcome first); the regime's not_met
    outcome, with its own citation, when none is met. Call `refusals` first: screening
    contradictory facts gives an answer nobody should act on."""
    met = [c for c in regime.criteria if _met(c, facts)]
    if not met:
        not_met = regime.not_met
        return ScreeningResult(regime, not_met, [Reason(not_met.citation, not_met.text)])
    order = [o.id for o in regime.outcomes]
    met.sort(key=lambda c: order.index(c.outcome_id))
    return ScreeningResult(
        regime, regime.screening_outcome(met[0].outcome_id), [_reason(c) for c in met]
    )


def facts_of(notification: Notification) -> Facts:
    child = notification.child
    return Facts(
        outcome=notification.outcome,
        abuse_neglect=notification.abuse_neglect,
        letters=frozenset(k for k, v in notification.considerations.items() if v),
        custody=notification.death_in_custody,
        looked_after=bool(child and child.looked_after),
    )


def regime_of(notification: Notification) -> Regime:
    """The regime exactly as the case started under it."""
    return catalogue.version_of(notification.regime, notification.regime_version)


def screen_notification(notification: Notification) -> ScreeningResult:
    return screen(regime_of(notification), facts_of(notification))
