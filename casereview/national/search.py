"""Search across published material (issue 16, item 8): national lessons and the summaries of
publications not withdrawn. SQLite: the FTS5 table national_search_fts (bm25 ranking);
PostgreSQL: to_tsvector/websearch_to_tsquery on the indexed expression (ts_rank ranking).
Filters by theme, year and age band. Only SearchEntry rows are searched, and only published
material is ever written to them (index_lesson, index_publication)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection, transaction

from .models import NationalLesson, SearchEntry, SearchKind

# The expression of the PostgreSQL GIN index (migration 0002_nsearch_...).
PG_VECTOR = "to_tsvector('english', title || ' ' || text)"
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Filters:
    theme: str = ""
    year: int | None = None
    age_band: str = ""


@dataclass(frozen=True)
class Hit:
    entry: SearchEntry
    rank: float


def _fts5_query(text: str) -> str:
    """Words as quoted FTS5 terms, all required: a user's query never reaches FTS5 syntax."""
    return " ".join(f'"{w}"' for w in _WORD.findall(text.lower()))


def _filtered(filters: Filters):
    qs = SearchEntry.objects.all()
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.age_band:
        qs = qs.filter(age_band=filters.age_band)
    if filters.theme:
        # JSON containment is not on SQLite; a quoted code in the JSON text is exact.
        qs = qs.filter(themes__icontains=f'"{filters.theme}"')
    return qs


def search(text: str, filters: Filters = Filters(), limit: int = 50) -> list[Hit]:
    """The best `limit` entries for `text` (every word must match, stemmed), best first."""
    qs = _filtered(filters)
    if not _WORD.search(text or ""):
        return [Hit(e, 0.0) for e in qs.order_by("-year", "kind", "id")[:limit]]
    # extra(): the engines' own match operators, with the user's text always a bound parameter
    # (the SQL around it is constant).
    if connection.vendor == "postgresql":
        ranked = qs.extra(  # noqa: S610
            select={"rank": f"ts_rank({PG_VECTOR}, websearch_to_tsquery('english', %s))"},
            select_params=[text],
            where=[f"{PG_VECTOR} @@ websearch_to_tsquery('english', %s)"],
            params=[text],
        ).order_by("-rank", "id")[:limit]
        return [Hit(e, float(e.rank)) for e in ranked]
    return _sqlite(text, filters, limit)


# Only the title and the text weigh in the ranking; the filter columns do not.
_SQLITE_RANKED = (
    "SELECT rowid, bm25(national_search_fts, 1.0, 1.0, 0.0, 0.0, 0.0) AS score "
    "FROM national_search_fts WHERE national_search_fts MATCH %s ORDER BY score LIMIT %s"
)


def _fts5_filters(text: str, filters: Filters) -> str:
    """One FTS5 expression: the words in the title or text, the filters in their columns."""
    parts = [f"{{title text}} : ({_fts5_query(text)})"]
    if filters.theme:
        parts.append(f'themes : "{_token(filters.theme)}"')
    if filters.year:
        parts.append(f'year : "{int(filters.year)}"')
    if filters.age_band:
        parts.append(f'age_band : "{_token(filters.age_band)}"')
    return " AND ".join(parts)


def _token(code: str) -> str:
    return "".join(c for c in code.lower() if c.isalnum() or c == "_")


def _sqlite(text: str, filters: Filters, limit: int) -> list[Hit]:
    """The ranking and the filters in the FTS5 table alone, then the best rows by key."""
    with connection.cursor() as cursor:
        cursor.execute(_SQLITE_RANKED, [_fts5_filters(text, filters), limit])
        ranked = cursor.fetchall()
    rows = SearchEntry.objects.in_bulk([pk for pk, _ in ranked])
    return [Hit(rows[pk], -score) for pk, score in ranked if pk in rows]


def snippet(entry: SearchEntry, text: str, width: int = 220) -> str:
    """The part of the entry's text around the first word of the query."""
    words = [w.lower() for w in _WORD.findall(text or "")]
    body = entry.text
    at = min((body.lower().find(w[:5]) for w in words if body.lower().find(w[:5]) >= 0), default=0)
    start = max(0, at - width // 3)
    piece = body[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(body) else "")


# --- Keeping the index current ---


def _year_of(record) -> int | None:
    month = record.published_month or record.completed_month or record.incident_month
    return month.year if month else None


def index_lesson(lesson: NationalLesson) -> SearchEntry:
    record = lesson.record
    entry, _ = SearchEntry.objects.update_or_create(
        kind=SearchKind.LESSON,
        source_id=lesson.pk,
        defaults={
            "title": f"Lesson {lesson.position} of a review in {record.region}",
            "text": lesson.text,
            "themes": sorted(lesson.themes),
            "year": _year_of(record),
            "age_band": record.age_band,
        },
    )
    return entry


def age_band(child, on) -> str:
    """The vocabulary's age band of the child on a day ("" when not known)."""
    if child is None:
        return ""
    if child.unborn:
        return "unborn"
    born = child.date_of_birth
    if born is None or on is None:
        return ""
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    if years < 1:
        return "under_1"
    for top, band in ((5, "age_1_5"), (10, "age_6_10"), (15, "age_11_15")):
        if years <= top:
            return band
    return "age_16_17"


def _age_band_of_review(review) -> str:
    notification = review.notification
    return age_band(getattr(notification, "child", None), notification.incident_date)


def index_publication(publication) -> SearchEntry | None:
    """A publication's summary, or nothing (and its entry removed) once it is withdrawn or
    has no summary: only published material is searchable."""
    if publication.withdrawn_at or not publication.summary.strip():
        SearchEntry.objects.filter(kind=SearchKind.SUMMARY, source_id=publication.pk).delete()
        return None
    from .themes.rules import match

    review = publication.report.review
    entry, _ = SearchEntry.objects.update_or_create(
        kind=SearchKind.SUMMARY,
        source_id=publication.pk,
        defaults={
            "title": publication.title,
            "text": publication.summary,
            "themes": sorted(match(publication.summary)),
            "year": publication.published_at.year,
            "age_band": _age_band_of_review(review),
        },
    )
    return entry


@transaction.atomic
def rebuild() -> int:
    """Every entry again from the published material (the `national-search rebuild` command)."""
    from casereview.publication.models import Publication

    SearchEntry.objects.all().delete()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO national_search_fts(national_search_fts) VALUES ('rebuild')"
            )
    count = 0
    for lesson in NationalLesson.objects.select_related("record").iterator():
        index_lesson(lesson)
        count += 1
    publications = Publication.objects.select_related("report__review__notification")
    for publication in publications.filter(withdrawn_at__isnull=True):
        count += index_publication(publication) is not None
    return count
