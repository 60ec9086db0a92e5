"""Precision, recall, F1 and Cohen's kappa of theme decisions.

Each lesson and theme code is one yes/no decision. Per code, the decisions of a tagger are
compared with the reference labels. Cohen's kappa is computed over every (lesson, code)
decision pooled, so it says how far two coders (or a coder and the model) agree beyond what
their own rates of saying yes would give by chance:

    kappa = (po - pe) / (1 - pe),  pe = pa·pb + (1 - pa)(1 - pb)

po is the share of decisions on which they agree, pa and pb the shares each says yes.
Kappa is undefined (None) when pe is 1 (both always say yes, or both always say no)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class CodeFigures:
    code: str
    support: int  # lessons the reference labels with the code
    predicted: int
    true_positives: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        wrong = self.predicted + self.support
        return 2 * self.true_positives / wrong if wrong else 0.0


def per_code(
    codes: Sequence[str], reference: Sequence[Iterable[str]], predicted: Sequence[Iterable[str]]
) -> list[CodeFigures]:
    reference = [set(r) for r in reference]
    predicted = [set(p) for p in predicted]
    return [
        CodeFigures(
            code,
            support=sum(code in r for r in reference),
            predicted=sum(code in p for p in predicted),
            true_positives=sum(
                code in r and code in p for r, p in zip(reference, predicted, strict=True)
            ),
        )
        for code in codes
    ]


def macro_f1(figures: Iterable[CodeFigures]) -> float:
    """The mean F1 of the codes that occur (in the reference or in the predictions): a code
    nobody used says nothing about the tagger."""
    used = [f.f1 for f in figures if f.support or f.predicted]
    return sum(used) / len(used) if used else 0.0


def kappa(
    codes: Sequence[str], a: Sequence[Iterable[str]], b: Sequence[Iterable[str]]
) -> float | None:
    """Cohen's kappa of two coders' yes/no decisions over every (lesson, code), pooled."""
    decisions = both = a_yes = b_yes = 0
    for first, second in zip(a, b, strict=True):
        first, second = set(first), set(second)
        for code in codes:
            x, y = code in first, code in second
            decisions += 1
            both += x == y
            a_yes += x
            b_yes += y
    if not decisions:
        return None
    po = both / decisions
    pa, pb = a_yes / decisions, b_yes / decisions
    pe = pa * pb + (1 - pa) * (1 - pb)
    if pe == 1:
        return None
    return (po - pe) / (1 - pe)
