"""Wording checks: a review is not an inquiry into culpability (19.2). Blaming language is
flagged to the author with the clause and a neutral rewording; nothing is changed for them.
`check(text)` returns the findings with their spans, for report drafting to show."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The command line knows no review: it cites the board procedure's clause. A review's
# draft page cites its own regime's (citations topic "lessons").
CLAUSE = "19.2"


def why(clause: str = CLAUSE) -> str:
    return (
        f"A review is not an inquiry into culpability ({clause}): describe what happened and "
        "why, and what made it hard to act otherwise, not who is to blame."
    )


WHY = why()

# A named person: a title and a surname, two capitalised words, or a pseudonym.
_NAMED = (
    r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][\w'’-]+"
    r"|[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+"
    r"|(?:Child|Adult|Professional|Worker)\s+[A-Z0-9]\b)"
)

# (name, pattern, suggestion)
RULES: tuple[tuple[str, re.Pattern, str], ...] = (
    (
        "culpable",
        re.compile(r"\bculpab(?:le|ility)\b", re.I),
        "say what happened and in what circumstances: 'the plan was not followed because …'",
    ),
    (
        "at fault",
        re.compile(
            r"\b(?:(?:was|were|is|are|be|been)\s+)?at\s+fault\b|\bfault\s+(?:of|lies)\b", re.I
        ),
        "describe the practice and the system around it: 'the assessment did not consider …'",
    ),
    (
        "to blame",
        re.compile(r"\b(?:to\s+blame|blame(?:d|worthy|s)?)\b", re.I),
        "describe the contributing factors: 'several factors contributed, including …'",
    ),
    (
        "negligent",
        re.compile(r"\bnegligen(?:t|tly|ce)\b", re.I),
        "'did not meet the expected standard of practice (give the standard)'",
    ),
    (
        "failed to (a named individual)",
        re.compile(rf"{_NAMED}(?:['’]s)?\s+(?:had\s+|has\s+)?(?:failed|fails|neglected)\s+to\b"),
        "'X did not …' with the reason found, e.g. 'the visit did not take place because …'",
    ),
    (
        "a named individual's failings",
        re.compile(
            rf"{_NAMED}['’]s\s+(?:failure|failings|failures|mistakes?|errors?|incompetence)\b"
        ),
        "describe the practice episode and the conditions: 'the referral was not made; the "
        "panel found that …'",
    ),
    (
        "incompetent",
        re.compile(
            r"\b(?:incompeten(?:t|ce)|dereliction|reckless(?:ly|ness)?|careless(?:ly|ness)?)\b",
            re.I,
        ),
        "describe the practice against the expected standard and what shaped it",
    ),
    (
        "should have known",
        re.compile(r"\bshould\s+have\s+(?:known|realised|realized|seen\s+it)\b", re.I),
        "describe what was known at the time and what would have helped: 'the information "
        "available at the time was …' (hindsight bias)",
    ),
)


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    text: str
    rule: str
    clause: str
    why: str
    suggestion: str
    line: int


def check(text: str) -> list[Finding]:
    """Every blaming phrase in `text`, in order, overlaps kept to the first rule's."""
    found: list[Finding] = []
    for rule, pattern, suggestion in RULES:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(f.start < end and start < f.end for f in found):
                continue
            line = text.count("\n", 0, start) + 1
            found.append(
                Finding(
                    start, end, " ".join(match.group().split()), rule, CLAUSE, WHY, suggestion, line
                )
            )
    return sorted(found, key=lambda f: f.start)
