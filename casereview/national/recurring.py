"""Recurring issues (issue 16, item 7): groups of lessons that say the same thing in three or
more distinct reviews, each occurrence with a verbatim quote of its lesson.

The evidence comes from published text only: national lessons (their themes as tagged) and
the summaries of publications not withdrawn (their themes by the theme rules, as search
indexes them). Distinct reviews are counted by the review's key (NationalRecord.source_key).

The rule, in full (docs/national.md, Recurring issues):
1. For each theme code, take the published texts tagged with it.
2. Two of them are linked when the Jaccard similarity of their content words (lower case,
   stop words out, words cut to their first 6 letters) is at least SIMILARITY.
3. Each connected group of linked lessons is a candidate; it is a recurring issue when its
   lessons come from at least MIN_REVIEWS distinct reviews (national records).
4. A group is known by its theme code and its anchor, the first of its lessons in the order
   of the records' source keys and the lessons' positions; its members' digest changing sends
   it back to "needs review" for an analyst.
The quote of an occurrence is the sentence of the lesson holding the theme rule's evidence
(or the text's first sentence), checked to be text[start:end] of its source."""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from casereview.audit.services import record as audit
from casereview.learning import vocabulary
from casereview.publication.models import Publication

from .models import IssueOccurrence, IssueStatus, NationalLesson, NationalRecord, RecurringIssue
from .records import source_key
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
    """The quote is its source's own text at its position, or QuoteNotFound."""
    text = occurrence.source_text
    if text[occurrence.start : occurrence.end] != occurrence.quote or not occurrence.quote:
        raise QuoteNotFound(f"occurrence {occurrence.pk}: quote not in its source")


@dataclass(frozen=True)
class Evidence:
    """One published text: a national lesson or a publication's summary."""

    source_key: str  # the review's
    text: str
    themes: frozenset[str]
    lesson: NationalLesson | None = None
    publication: Publication | None = None

    @property
    def order(self) -> tuple:
        # A review's lessons before its summaries: groups anchored on lessons keep their keys.
        if self.lesson is not None:
            return (self.source_key, 0, self.lesson.position, "")
        return (
            self.source_key,
            1,
            self.publication.published_at.isoformat(),
            str(self.publication.pk),
        )

    @property
    def anchor(self) -> str:
        if self.lesson is not None:
            return f"{self.source_key}#{self.lesson.position}"
        return f"{self.source_key}#summary-{self.publication.pk}"

    @property
    def ident(self) -> str:
        return (
            str(self.lesson.pk) if self.lesson is not None else f"publication:{self.publication.pk}"
        )


def evidence() -> list[Evidence]:
    """Every published text with a theme, in order: national lessons, and the summaries of
    publications not withdrawn (only published material, as search)."""
    found = [
        Evidence(lesson.record.source_key, lesson.text, frozenset(lesson.themes), lesson=lesson)
        for lesson in NationalLesson.objects.select_related("record")
    ]
    publications = (
        Publication.objects.filter(withdrawn_at__isnull=True)
        .exclude(summary="")
        .select_related("report__review__board")
    )
    for publication in publications:
        review = publication.report.review
        themes = frozenset(match(publication.summary))
        if publication.summary.strip() and themes:
            key = source_key(review.board.slug, review.reference)
            found.append(Evidence(key, publication.summary, themes, publication=publication))
    return sorted(found, key=lambda e: e.order)


def _components(items: list[Evidence]) -> list[list[Evidence]]:
    bags = [words(item.text) for item in items]
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if jaccard(bags[i], bags[j]) >= SIMILARITY:
                parent[find(i)] = find(j)
    groups: dict[int, list[Evidence]] = defaultdict(list)
    for i, item in enumerate(items):
        groups[find(i)].append(item)
    return list(groups.values())


def candidates() -> dict[str, tuple[str, list[Evidence]]]:
    """key -> (theme code, member texts in order) for every group of ≥ MIN_REVIEWS reviews."""
    by_code: dict[str, list[Evidence]] = defaultdict(list)
    for item in evidence():
        for code in item.themes:
            by_code[code].append(item)
    found = {}
    for code in sorted(by_code):
        for group in _components(by_code[code]):
            if len({item.source_key for item in group}) < MIN_REVIEWS:
                continue
            group.sort(key=lambda item: item.order)
            found[f"{code}:{group[0].anchor}"] = (code, group)
    return found


def _digest(group: list[Evidence]) -> str:
    # A group of lessons only keeps the digest it had before summaries were a source.
    return hashlib.sha256(",".join(item.ident for item in group).encode()).hexdigest()


def _title(code: str, group: list[Evidence]) -> str:
    common = Counter(w for item in group for w in words(item.text))
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
        issue.review_count = len({item.source_key for item in group})
        issue.status = IssueStatus.NEEDS_REVIEW
        issue.proposed_at = now
        issue.lock_version += 1
        issue.save()
        issue.occurrences.all().delete()
        records = dict(
            NationalRecord.objects.filter(
                source_key__in={item.source_key for item in group}
            ).values_list("source_key", "pk")
        )
        for item in group:
            start, end = quote_of(item.text, code)
            occurrence = IssueOccurrence(
                issue=issue,
                record_id=records.get(item.source_key),
                lesson=item.lesson,
                publication=item.publication,
                source_key=item.source_key,
                quote=item.text[start:end],
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
            detail={
                "reviews": issue.review_count,
                "lessons": sum(1 for item in group if item.lesson is not None),
                "summaries": sum(1 for item in group if item.publication is not None),
            },
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
