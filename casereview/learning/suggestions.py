"""Theme suggestions for a lesson, from whatever tagger a higher layer registers (the
national tagger registers itself in casereview/national/apps.py: learning sits below
national and does not import it). With none registered, there are no suggestions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Suggested:
    code: str
    confidence: float
    span_start: int
    span_end: int
    via: str  # the tagger's name and version, stored as the tag's `assigned_via`


Suggester = Callable[[str], list[Suggested]]
_suggesters: list[Suggester] = []


def register_suggester(fn: Suggester) -> Suggester:
    if fn not in _suggesters:
        _suggesters.append(fn)
    return fn


def available() -> bool:
    return bool(_suggesters)


def suggest(text: str) -> list[Suggested]:
    """Every registered suggester's suggestions, the most confident first (one per code)."""
    best: dict[str, Suggested] = {}
    for fn in _suggesters:
        for s in fn(text):
            if s.code not in best or s.confidence > best[s.code].confidence:
                best[s.code] = s
    return sorted(best.values(), key=lambda s: (-s.confidence, s.code))


def confirmed_examples() -> list[tuple[str, list[str]]]:
    """(lesson text, confirmed theme codes) of every lesson not withdrawn with a confirmed
    tag: what a tagger trains on beside its shipped set. One query."""
    from .models import ThemeTag

    by_lesson: dict = {}
    for lesson_id, text, code in ThemeTag.objects.filter(
        confirmed=True, lesson__withdrawn_at__isnull=True
    ).values_list("lesson_id", "lesson__text", "code"):
        by_lesson.setdefault(lesson_id, (text, []))[1].append(code)
    return list(by_lesson.values())


def confirmed_version() -> tuple[int, int | None]:
    """Changes whenever a tag is confirmed (count and latest id): a tagger retrains only
    then."""
    from django.db.models import Count, Max

    from .models import ThemeTag

    got = ThemeTag.objects.filter(confirmed=True, lesson__withdrawn_at__isnull=True).aggregate(
        n=Count("pk"), last=Max("pk")
    )
    return got["n"], got["last"]
