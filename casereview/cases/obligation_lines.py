"""A case's obligation lines for the case page, as a fresh evaluation would give them today.

The reviews app keeps every case's lines current (reviews/kept.py) and sits above cases, so
it registers its reader here in its `ready()`; reading the kept lines costs a constant number
of queries, where evaluating the case runs every predicate, check and anchor of its regime
(about 35 queries and most of the case page's time, profile in bench/RESULTS.md). Without a
registered reader the case is evaluated."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from casereview.procedure.engine import Result, evaluate

# (cases) -> {case pk: [Result, ...]}, equal to engine.evaluate_many for today.
LinesReader = Callable[[Iterable[Any]], dict[Any, list[Result]]]

_reader: LinesReader | None = None


def register_lines_reader(reader: LinesReader | None) -> None:
    """Make `reader` the source of the case page's lines; registering again replaces it
    (Django may run `ready()` more than once); None goes back to evaluating."""
    global _reader
    _reader = reader


def lines_of(notification) -> list[Result]:
    if _reader is None:
        return evaluate(notification)
    return _reader([notification])[notification.pk]
