"""Suggestions for a person to confirm: each theme code with its confidence and the evidence
for it (the phrases of the rules that matched and the words the model weighed most).

Confidence combines the two sources: the model's probability p, raised when a rule matched
to 1 - (1 - p)(1 - RULE_WEIGHT). A code is suggested when its confidence reaches THRESHOLD.
With these values a matched rule alone (0.4) is not enough: it needs some support from the
model (p of 0.09 or more), while the model alone needs 0.45. The five settings (C,
LESSON_WEIGHT and POOL in the classifier, RULE_WEIGHT, THRESHOLD) are the best macro F1 of a
grid under 5-fold cross-validation on the training lessons only, never on a test file:
``scripts/theme_tune.py`` runs it and docs/national.md gives the figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import classifier, rules
from .rules import Span

RULE_WEIGHT = 0.4
# A theme named as published learning names it ("disguised compliance"; rules.NAMES) raises
# the model's probability by this much instead: 0.5 is enough on its own (chosen by
# scripts/theme_tune.py, like the others).
NAME_WEIGHT = 0.5
THRESHOLD = 0.45
METHODS = ("combined", "model", "rules")


@dataclass(frozen=True)
class Suggestion:
    code: str
    confidence: float
    evidence: tuple[Span, ...]


@dataclass(frozen=True)
class Tagged:
    themes: tuple[str, ...]
    scores: dict[str, float]
    suggestions: tuple[Suggestion, ...]


def combine(probability: float, rule_matched: bool, named: bool = False) -> float:
    if named:
        return 1 - (1 - probability) * (1 - max(NAME_WEIGHT, RULE_WEIGHT))
    if not rule_matched:
        return probability
    return 1 - (1 - probability) * (1 - RULE_WEIGHT)


def tag(
    texts: Sequence[str],
    method: str = "combined",
    *,
    evidence: bool = True,
    model: classifier.Model | None = None,
) -> list[Tagged]:
    """Scores, themes and (unless evidence=False, which is quicker) the evidence of each;
    with the shipped set's model unless another is given."""
    if not texts:
        return []
    model = model or classifier.model()
    codes = model.codes
    probabilities = (
        model.probabilities(texts)
        if method != "rules"
        else [dict.fromkeys(codes, 0.0)] * len(texts)
    )
    results = []
    for text, probability in zip(texts, probabilities, strict=True):
        matched = rules.match(text) if method != "model" else {}
        names = rules.named(text) if method == "combined" else set()
        scores = {}
        for code in codes:
            if method == "rules":
                scores[code] = 1.0 if code in matched else 0.0
            else:
                scores[code] = round(combine(probability[code], code in matched, code in names), 4)
        themes = tuple(code for code in codes if scores[code] >= THRESHOLD)
        weighed = model.evidence(text, themes) if evidence and method != "rules" else {}
        suggestions = tuple(
            Suggestion(
                code,
                scores[code],
                tuple(matched.get(code, ()) if evidence else ()) + tuple(weighed.get(code, ())),
            )
            for code in sorted(themes, key=lambda c: (-scores[c], c))
        )
        results.append(Tagged(themes, scores, suggestions))
    return results


NAME = "national tagger"


def suggest_for_lesson(text: str):
    """The learning app's suggester (registered in casereview/national/apps.py): this
    tagger's suggestions with the first piece of evidence as the span, trained also on the
    themes people confirmed."""
    from casereview.learning.suggestions import Suggested

    result = tag([text], model=classifier.with_confirmed())[0]
    out = []
    for s in result.suggestions:
        span = s.evidence[0] if s.evidence else None
        out.append(
            Suggested(
                code=s.code,
                confidence=s.confidence,
                span_start=span.start if span else 0,
                span_end=span.end if span else len(text),
                via=NAME,
            )
        )
    return out
