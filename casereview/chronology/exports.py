"""The integrated chronology out of the service: XLSX (openpyxl), and PDF and Word through
the documents module (reviews/printed.py). Every export is one audited event.

Beyond the board (agency authors, experts, the overview author, partner boards) the family is
never named: each name of the case's people register becomes the person's role ("the
mother", "the child"). A cell that a spreadsheet would read as a formula (=, +, -, @, a tab
or a carriage return first) is written with a leading apostrophe, as text."""

from __future__ import annotations

import io
import re
from collections import Counter

from django.http import FileResponse
from django.utils import timezone

from casereview.accounts.permissions import AGENCY_SCOPED, BOARD_READERS, grants_of
from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.cases.models import Person, PersonKind
from casereview.lib import tables
from casereview.reviews import printed

from . import timeline
from .merge import Gap

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADERS = (
    "Date",
    "Date as written",
    "Agency",
    "Source record reference",
    "Practitioner role",
    "Event or contact",
    "Decision or action",
    "Child seen",
    "Agency analysis",
    "Significance",
    "Outside the period under review",
    "Same event as",
    "Conflict",
)


def neutralised(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def sees_names(user, review) -> bool:
    """Members of the review's board in a board role read names; nobody else does."""
    return any(
        g.board_id == review.board_id and g.role in BOARD_READERS and g.case_id is None
        for g in grants_of(user)
    )


def _role_of(person: Person) -> str:
    if person.kind == PersonKind.CHILD:
        return "the child"
    if person.relationship:
        return f"the {person.get_relationship_display().lower()}"
    return "a family member" if person.kind == PersonKind.FAMILY else "another child"


def role_masker(review):
    """A function that replaces each name of the case's people with the person's role: a
    full name first, then each part; a part two people share becomes "a family member"."""
    people = list(Person.all_objects.filter(notification_id=review.notification_id))
    full: dict[str, str] = {}
    parts: dict[str, set[str]] = {}
    for person in people:
        role = _role_of(person)
        names = [person.given_names, person.family_name, *re.split(r"[,;]", person.aliases)]
        whole = f"{person.given_names} {person.family_name}".strip()
        if whole:
            full[whole.lower()] = role
        for name in names:
            for word in re.split(r"\s+", name.strip()):
                if len(word) > 1:
                    parts.setdefault(word.lower(), set()).add(role)
    replacements = dict(full)
    for word, roles in parts.items():
        replacements.setdefault(word, roles.pop() if len(roles) == 1 else "a family member")
    if not replacements:
        return lambda text: text
    pattern = re.compile(
        r"\b(?:"
        + "|".join(re.escape(w) for w in sorted(replacements, key=len, reverse=True))
        + r")\b",
        re.IGNORECASE,
    )

    def mask(text: str) -> str:
        return pattern.sub(lambda m: replacements[m.group(0).lower()], text) if text else text

    return mask


def _when(entry) -> str:
    if entry.precision == "datetime" and entry.occurred_time:
        return f"{entry.occurred_from:%d/%m/%Y} {entry.occurred_time:%H:%M}"
    if entry.precision in ("datetime", "day"):
        return f"{entry.occurred_from:%d/%m/%Y}"
    return f"{entry.occurred_from:%d/%m/%Y} to {entry.occurred_to:%d/%m/%Y}"


def rows_of(entries, same_as: dict, conflicts: dict, mask) -> list[tuple]:
    return [
        (
            _when(e),
            mask(e.date_as_written),
            e.agency.name,
            e.source_ref,
            mask(e.practitioner_role),
            mask(e.event),
            mask(e.decision),
            e.get_child_seen_display(),
            mask(e.analysis),
            e.get_significance_display(),
            "Yes" if e.is_context else "No",
            ", ".join(same_as.get(e.pk, [])),
            mask(conflicts.get(e.pk, "")),
        )
        for e in entries
    ]


def xlsx(review, rows: list[tuple], gaps: list[Gap]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Integrated chronology")
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append([neutralised(v) for v in row])
    if gaps:
        gap_sheet = book.create_sheet("Gaps")
        gap_sheet.append(["From", "To", "Days with no agency contact"])
        for gap in gaps:
            gap_sheet.append([gap.starts_on, gap.ends_on, gap.days])
    book.properties.creator = "casereview"
    book.properties.title = f"Integrated chronology, review {review.reference}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def printable(review, rows: list[tuple], gaps: list[Gap]) -> printed.Printed:
    """The rows as the documents module's plain values: one section a month."""
    sections: list[dict] = []
    by_month: Counter = Counter()
    for row in rows:
        when, _, agency, ref, role, event, decision, seen, analysis, *_ = row
        month = when[3:10]
        by_month[month] += 1
        if not sections or sections[-1]["key"] != month:
            sections.append({"key": month, "heading": month, "paragraphs": [], "entries": []})
        text = f"{when}, {agency}{f' ({ref})' if ref else ''}{f', {role}' if role else ''}: {event}"
        if decision:
            text += f" Decision or action: {decision}"
        text += f" Child seen: {seen.lower()}."
        if analysis:
            text += f" Agency analysis: {analysis}"
        sections[-1]["entries"].append(text)
    for section in sections:
        section["heading"] = f"{section['key']} ({by_month[section['key']]} entries)"
    if gaps:
        sections.append(
            {
                "heading": "Gaps with no agency contact",
                "paragraphs": [],
                "entries": [
                    f"{g.starts_on:%d/%m/%Y} to {g.ends_on:%d/%m/%Y} ({g.days} days)" for g in gaps
                ],
            }
        )
    return printed.Printed(
        "integrated_chronology",
        f"Integrated chronology, review {review.reference}",
        {
            "title": "Integrated chronology",
            "subtitle": f"Serious Case Review {review.reference}",
            "summary": [
                {"label": "Entries", "value": str(len(rows))},
                {"label": "Produced", "value": f"{timezone.localdate():%d/%m/%Y}"},
            ],
            "sections": sections,
        },
    )


def agency_scoped(user, review) -> bool:
    grants = [g for g in grants_of(user) if g.board_id == review.board_id]
    return bool(grants) and all(g.role in AGENCY_SCOPED for g in grants)


def full_view(user, review, chronology) -> bool:
    """Whether this user reads every agency's entries (then conflicts are shown)."""
    return chronology.shared_at is not None or not agency_scoped(user, review)


def groups_of(entries, visible, full: bool):
    """Each entry's "same event as" agencies, and (in the full view) its group's conflict."""
    names: dict = {}
    for group_id, pk, name in visible.filter(group__isnull=False).values_list(
        "group_id", "id", "agency__name"
    ):
        names.setdefault(group_id, []).append((pk, name))
    same_as, conflicts = {}, {}
    for e in entries:
        if e.group_id:
            same_as[e.pk] = sorted({n for pk, n in names.get(e.group_id, []) if pk != e.pk})
            if full and e.group.conflict:
                conflicts[e.pk] = e.group.conflict_summary
    return same_as, conflicts


def export(review, chronology, entries, visible, fmt: str, *, user, context: RequestContext):
    """The download of `entries` (the ones shown, in order) of the entries `visible` to
    `user`: names masked beyond the board, gaps of the whole visible timeline. The web's
    download and the API's export of the entries both come here."""
    entries = list(entries.select_related("agency", "group"))
    same_as, conflicts = groups_of(entries, visible, full_view(user, review, chronology))
    mask = (lambda t: t) if sees_names(user, review) else role_masker(review)
    rows = rows_of(entries, same_as, conflicts, mask)
    gaps = timeline.whole_gaps(visible, chronology.gap_days)
    return download(review, chronology, rows, gaps, fmt, actor=user, context=context)


def download(review, chronology, rows, gaps, fmt: str, *, actor, context: RequestContext):
    if fmt == "csv":
        # The entries only (a CSV has one table): the gaps are in the XLSX, PDF and Word.
        record(
            "integrated_chronology.export",
            chronology,
            actor=actor,
            context=context,
            board_id=review.board_id,
            detail={"format": "csv", "entries": len(rows)},
        )
        name = f"integrated-chronology-review-{review.reference}".lower()
        return tables.download("csv", name, HEADERS, rows)
    if fmt != "xlsx":
        return printed.download(
            printable(review, rows, gaps),
            fmt,
            chronology,
            board=review.board,
            actor=actor,
            context=context,
        )
    data = xlsx(review, rows, gaps)
    record(
        "integrated_chronology.export",
        chronology,
        actor=actor,
        context=context,
        board_id=review.board_id,
        detail={"format": "xlsx", "entries": len(rows)},
    )
    return FileResponse(
        io.BytesIO(data),
        as_attachment=True,
        filename=f"integrated-chronology-review-{review.reference}.xlsx".lower(),
        content_type=XLSX_TYPE,
    )
