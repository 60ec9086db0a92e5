"""Screening a notification against the criteria of Rotherham 19.1."""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import AbuseNeglect, Notification, Outcome, Recommendation

CONSIDER_CRITERIA = {
    "a": "a child sustains a potentially life-threatening injury or serious and permanent "
    "impairment of health and development through abuse or neglect",
    "b": "a child has been subjected to particularly serious sexual abuse",
    "c": "a parent has been murdered and a homicide review is being initiated",
    "d": "the child has been killed by a parent with a mental illness",
    "e": "the case gives rise to concerns about inter-agency working to protect children from harm",
}
MUST_REVIEW_TEXT = (
    "When a child dies, and abuse or neglect are known or suspected to be a factor in the "
    "death, the board should always conduct a Serious Case Review."
)


@dataclass(frozen=True)
class Reason:
    citation: str
    text: str


@dataclass(frozen=True)
class ScreeningResult:
    recommendation: Recommendation
    reasons: list[Reason] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.recommendation.label


def screen(
    *,
    outcome: str,
    abuse_neglect: str,
    considerations: dict[str, bool],
) -> ScreeningResult:
    if outcome == Outcome.DEATH and abuse_neglect in (AbuseNeglect.KNOWN, AbuseNeglect.SUSPECTED):
        return ScreeningResult(
            Recommendation.REVIEW_REQUIRED, [Reason("Rotherham 19.1", MUST_REVIEW_TEXT)]
        )
    met = [
        Reason(f"Rotherham 19.1 ({letter})", f"The board should consider a review where {text}.")
        for letter, text in CONSIDER_CRITERIA.items()
        if considerations.get(letter)
    ]
    if met:
        return ScreeningResult(Recommendation.REVIEW_TO_CONSIDER, met)
    return ScreeningResult(
        Recommendation.CRITERIA_NOT_MET,
        [
            Reason(
                "Rotherham 19.1",
                "The child did not die with abuse or neglect known or suspected, and none of "
                "criteria (a) to (e) is met.",
            )
        ],
    )


def screen_notification(notification: Notification) -> ScreeningResult:
    return screen(
        outcome=notification.outcome,
        abuse_neglect=notification.abuse_neglect,
        considerations=notification.considerations,
    )
