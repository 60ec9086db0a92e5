"""The review's lessons, recommendations and actions as CSV or XLSX (`?format=` on each list
page): the rows the page shows (withdrawn ones left out), recorded as the list's `list` audit
event with the format, as the other list downloads are (lib/tables.py)."""

from __future__ import annotations

from casereview.audit.context import context_of
from casereview.audit.services import record
from casereview.lib import tables

from . import vocabulary
from .models import Action, Lesson, Recommendation


def wanted(request) -> str | None:
    # Only a GET downloads: the forms that re-render the page after a POST never do.
    return tables.wanted_format(request) if request.method == "GET" else None


def _response(r):
    given = getattr(r, "response", None)
    return (given.get_kind_display(), given.responded_on) if given else ("", None)


LESSONS = tables.Table(
    ("Lesson", "Category", "Themes", "Recorded", "Agreed"),
    lambda lesson: (
        lesson.text,
        lesson.get_category_display(),
        "; ".join(sorted(vocabulary.label(t.code) for t in lesson.tags.all())),
        lesson.recorded_at,
        lesson.agreed_at,
    ),
)
RECOMMENDATIONS = tables.Table(
    ("Number", "Recommendation", "Level", "Kind", "Type", "Agency", "Made on", "Response", "On"),
    lambda r: (
        r.number,
        r.text,
        r.get_level_display(),
        r.get_kind_display(),
        "; ".join(r.type_labels),
        r.agency.name if r.agency else "",
        r.made_on,
        *_response(r),
    ),
)
ACTIONS = tables.Table(
    (
        "Recommendation",
        "Action",
        "Owner agency",
        "Owner",
        "Target date",
        "Status",
        "RAG",
        "Completed",
        "Verified",
    ),
    lambda a: (
        a.recommendation.number,
        a.description,
        a.owner_agency.name,
        a.owner,
        a.target_date,
        a.get_status_display(),
        a.get_rag_display(),
        a.completed_on,
        a.verified_on,
    ),
)
# The review-scoped lists' tables, by the file name's last part.
TABLES = {
    "lessons": (Lesson, LESSONS),
    "recommendations": (Recommendation, RECOMMENDATIONS),
    "actions": (Action, ACTIONS),
}


def _send(request, kind, review, name, rows):
    model, table = TABLES[name]
    record(
        "list",
        model,
        board_id=review.board_id,
        detail={"count": len(rows), "export": kind, "review": str(review.pk)},
        actor=request.user,
        context=context_of(request),
    )
    return table.download(kind, f"{review.reference}-{name}", rows)


def lessons(request, kind, review, rows):
    return _send(request, kind, review, "lessons", rows)


def recommendations(request, kind, review, rows):
    return _send(request, kind, review, "recommendations", rows)


def actions(request, kind, review, rows):
    return _send(request, kind, review, "actions", rows)
