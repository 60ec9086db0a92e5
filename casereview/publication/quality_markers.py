"""The review-quality markers the panel rates its review against before it signs off.

Our own wording of the themes of the published quality markers for case reviews (SCIE and
NSPCC, "Serious case review quality markers", 2016), grouped as that framework groups them:
setting the review up, running it, and its outputs. Each marker says where in the review
its evidence is usually found, so the rating points at the record rather than at memory."""

from __future__ import annotations

from dataclasses import dataclass

SOURCE = (
    "SCIE and NSPCC, Serious case review quality markers (2016): the themes, in our own "
    "words; the framework itself is the reference for what good looks like."
)


@dataclass(frozen=True)
class Marker:
    key: str
    group: str
    title: str
    asks: str
    evidence_in: str
    # The citation topic (procedure/citations.py) of the clause it comes from, if any.
    topic: str = ""

    def asks_in(self, cite) -> str:
        """What it asks, citing the clause of the review's own regime."""
        if not self.topic:
            return self.asks
        return f"{self.asks.removesuffix('.')} ({cite[self.topic]})."


SET_UP = "Setting up the review"
RUNNING = "Running the review"
OUTPUTS = "Outputs"

MARKERS: tuple[Marker, ...] = (
    Marker(
        "clear_purpose",
        SET_UP,
        "Clarity of purpose and scope",
        "The terms of reference say what the review is for, the period it covers and the "
        "questions it must answer.",
        "Terms of reference",
    ),
    Marker(
        "independence",
        SET_UP,
        "Independent leadership",
        "The chair and the overview author are independent of the services involved.",
        "Review panel; independent experts and the overview author",
    ),
    Marker(
        "right_people",
        SET_UP,
        "The right agencies and expertise",
        "Every agency involved takes part, and the panel has the expertise the case "
        "needs, including on race, culture and disability.",
        "Agency reports; independent experts",
        "race_and_disability",
    ),
    Marker(
        "family_involvement",
        RUNNING,
        "Family involvement",
        "The family is told of the review, invited to take part, and its views shape the findings.",
        "The family: involvement, contacts and letters",
    ),
    Marker(
        "practitioner_involvement",
        RUNNING,
        "Practitioners' involvement",
        "The practitioners who worked with the family contribute and are supported.",
        "Professionals: support, debriefing and feedback",
    ),
    Marker(
        "timeliness",
        RUNNING,
        "Timeliness and management of the review",
        "The review keeps to its timescale, or the reasons for delay are recorded.",
        "Compliance; the review plan and clock pauses",
    ),
    Marker(
        "analysis",
        OUTPUTS,
        "Analysis beyond description",
        "The report explains why things happened as they did, not only what happened, and "
        "looks at the system rather than at individuals.",
        "The overview report's analysis",
        "lessons",
    ),
    Marker(
        "diversity",
        OUTPUTS,
        "Race, language, culture, religion and disability",
        "The report considers the child's identity and needs and how services responded to them.",
        "The overview report; terms of reference",
        "race_and_disability",
    ),
    Marker(
        "smart_recommendations",
        OUTPUTS,
        "SMART recommendations",
        "Recommendations follow from the findings and are specific, measurable, achievable, "
        "relevant and timed, with an action plan.",
        "Recommendations and the action plan",
    ),
    Marker(
        "readable",
        OUTPUTS,
        "A clear report that can be published",
        "The report is readable by the public and does not identify the family.",
        "Report drafts; the identifier register",
        "family_publication",
    ),
    Marker(
        "board_response",
        OUTPUTS,
        "The board's written response",
        "The board responds in writing to the findings and says what it will do.",
        "The board's response to the report",
    ),
)

BY_KEY = {m.key: m for m in MARKERS}


class Rating:
    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not_met"
    NOT_YET = "not_yet"
    CHOICES = [
        (MET, "Met"),
        (PARTLY, "Partly met"),
        (NOT_MET, "Not met"),
        (NOT_YET, "Not yet possible to judge"),
    ]
    LABELS = dict(CHOICES)
