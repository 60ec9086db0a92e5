"""Recurring issues (issue 16, item 7): groups of lessons that say the same thing in three or
more distinct reviews, each occurrence with a verbatim quote of its lesson.

The rule, in full (docs/national.md, Recurring issues):
1. For each theme code, take the national lessons tagged with it.
2. Two of them are linked when the Jaccard similarity of their content words (lower case,
   stop words out, words cut to their first 6 letters) is at least SIMILARITY.
3. Each connected group of linked lessons is a candidate; it is a recurring issue when its
   lessons come from at least MIN_REVIEWS distinct reviews (national records).
4. A group is known by its theme code and its anchor, the first of its lessons in the order
   of the records' source keys and the lessons' positions; its members' digest changing sends
   it back to "needs review" for an analyst.
The quote of an occurrence is the sentence of the lesson holding the theme rule's evidence
(or the lesson's first sentence), checked to be text[start:end] of the lesson."""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict

from django.db import transaction
from django.utils import timezone

from casereview.audit.services import record as audit
from casereview.learning import vocabulary

from .models import IssueOccurrence, IssueStatus, NationalLesson, RecurringIssue
from .themes.rules import match

SIMILARITY = 0.12
MIN_REVIEWS = 3
STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "in",
        "into",
        "is",
        "it",
        "its",
        "not",
        "of",
        "on",
        "or",
        "she",
        "should",
        "that",
        "the",
        "their",
        "them",
        "there",
        "they",
        "this",
        "to",
        "was",
        "were",
        "which",
        "who",
        "with",
        "would",
        "when",
        "what",
        "all",
        "any",
        "more",
        "than",
        "also",
        "could",
        "other",
        "our",
        "we",
    ]
)
_WORD = re.compile(r"[a-z]+")
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


class QuoteNotFound(ValueError):
    pass


def words(text: str) -> frozenset[str]:
    return frozenset(w[:6] for w in _WORD.findall(text.lower()) if w not in STOP and len(w) > 2)


def jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def quote_of(text: str, code: str) -> tuple[int, int]:
    """The sentence holding the first evidence of `code`, else the first sentence."""
    spans = match(text).get(code, [])
    sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]
    if not sentences:
        return 0, len(text)
    at = spans[0].start if spans else sentences[0][0]
    start, end = next(((s, e) for s, e in sentences if s <= at < e), sentences[0])
    while start < end and text[start].isspace():
        start += 1
    return start, end


def check_quote(occurrence: IssueOccurrence) -> None:
    """The quote is the lesson's own text at its position, or QuoteNotFound."""
    text = occurrence.lesson.text
    if text[occurrence.start : occurrence.end] != occurrence.quote or not occurrence.quote:
        raise QuoteNotFound(f"occurrence {occurrence.pk}: quote not in its lesson")


def _components(lessons: list[NationalLesson]) -> list[list[NationalLesson]]:
    bags = [words(lesson.text) for lesson in lessons]
    parent = list(range(len(lessons)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(lessons)):
        for j in range(i + 1, len(lessons)):
            if jaccard(bags[i], bags[j]) >= SIMILARITY:
                parent[find(i)] = find(j)
    groups: dict[int, list[NationalLesson]] = defaultdict(list)
    for i, lesson in enumerate(lessons):
        groups[find(i)].append(lesson)
    return list(groups.values())


def _order(lesson: NationalLesson) -> tuple:
    return (lesson.record.source_key, lesson.position)


def candidates() -> dict[str, tuple[str, list[NationalLesson]]]:
    """key -> (theme code, member lessons in order) for every group of ≥ MIN_REVIEWS reviews."""
    by_code: dict[str, list[NationalLesson]] = defaultdict(list)
    for lesson in NationalLesson.objects.select_related("record").order_by(
        "record__source_key", "position"
    ):
        for code in lesson.themes:
            by_code[code].append(lesson)
    found = {}
    for code in sorted(by_code):
        for group in _components(by_code[code]):
            if len({lesson.record_id for lesson in group}) < MIN_REVIEWS:
                continue
            group.sort(key=_order)
            anchor = group[0]
            found[f"{code}:{anchor.record.source_key}#{anchor.position}"] = (code, group)
    return found


def _digest(group: list[NationalLesson]) -> str:
    return hashlib.sha256(",".join(str(lesson.pk) for lesson in group).encode()).hexdigest()


def _title(code: str, group: list[NationalLesson]) -> str:
    common = Counter(w for lesson in group for w in words(lesson.text))
    top = [w for w, n in common.most_common(4) if n > 1]
    label = vocabulary.label(code)
    return f"{label}: {', '.join(top)}" if top else label


@transaction.atomic
def propose(*, actor, context) -> dict[str, int]:
    """Bring the registry in step with the rule. New groups and groups whose members changed
    need review; a group that no longer meets the rule keeps its row, with no occurrences,
    and needs review too (an analyst rejects it)."""
    now = timezone.now()
    counts = Counter()
    found = candidates()
    for key, (code, group) in found.items():
        digest = _digest(group)
        issue = RecurringIssue.objects.filter(key=key).first()
        if issue is not None and issue.members_digest == digest:
            counts["unchanged"] += 1
            continue
        if issue is None:
            issue = RecurringIssue(key=key, themes=[code], proposed_at=now)
            counts["new"] += 1
        else:
            counts["changed"] += 1
        issue.title = _title(code, group)[:300]
        issue.members_digest = digest
        issue.review_count = len({lesson.record_id for lesson in group})
        issue.status = IssueStatus.NEEDS_REVIEW
        issue.proposed_at = now
        issue.lock_version += 1
        issue.save()
        issue.occurrences.all().delete()
        for lesson in group:
            start, end = quote_of(lesson.text, code)
            occurrence = IssueOccurrence(
                issue=issue,
                record=lesson.record,
                lesson=lesson,
                quote=lesson.text[start:end],
                start=start,
                end=end,
                similarity=0.0,
            )
            check_quote(occurrence)
            occurrence.save()
        audit(
            "recurring_issue.propose",
            issue,
            actor=actor,
            context=context,
            detail={"reviews": issue.review_count, "lessons": len(group)},
        )
    for issue in RecurringIssue.objects.exclude(key__in=found).exclude(members_digest=""):
        issue.occurrences.all().delete()
        issue.members_digest = ""
        issue.review_count = 0
        issue.status = IssueStatus.NEEDS_REVIEW
        issue.lock_version += 1
        issue.save()
        counts["dropped"] += 1
        audit("recurring_issue.drop", issue, actor=actor, context=context)
    return dict(counts)


class StaleIssue(Exception):
    """Someone else reviewed or the system re-proposed the group since the page was shown."""


@transaction.atomic
def review(issue_id, *, decision: str, note: str, lock_version: int, actor, context):
    issue = RecurringIssue.objects.select_for_update().get(pk=issue_id)
    if issue.lock_version != lock_version:
        raise StaleIssue
    if decision not in (IssueStatus.APPROVED, IssueStatus.REJECTED):
        raise ValueError(decision)
    issue.status = decision
    issue.note = note
    issue.reviewed_by = actor
    issue.reviewed_at = timezone.now()
    issue.lock_version += 1
    issue.save()
    audit(
        "recurring_issue.review", issue, actor=actor, context=context, detail={"status": decision}
    )
    return issue
