"""Documents to print and send: each review document as the plain context the rendering
module takes (casereview.documents.rendering), with the board's letterhead, and the one
way to download one (rendered, recorded as an export). See docs/documents.md.

Titles and file names carry the document kind and the case reference only: the PDF's and
the Word file's metadata name no child, family member or user."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.http import FileResponse, Http404
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.documents import rendering
from casereview.documents.services import latest_of, read_bytes
from casereview.documents.validation import JPEG, PNG

from . import word_templates

LOGO_KINDS = (PNG, JPEG)
FORMATS = ("pdf", "docx")


@dataclass(frozen=True)
class Printed:
    """One document ready to render: its kind (the template's name), its title for the
    metadata and the file name, and the plain values the templates use."""

    kind: str
    title: str
    values: dict
    # The Word template's kind (reviews/word_templates.py), where it is not `kind`: each
    # family letter has its own.
    word_kind: str = ""


def _date(day) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def letterhead(board) -> dict:
    """The board's name, address and contact details, and its logo when it has one."""
    logo = latest_of(board, LOGO_KINDS)
    data = read_bytes(logo) if logo else b""
    return {
        "board": {
            "name": board.name,
            "address_lines": [line.strip() for line in board.address.splitlines() if line.strip()],
            "phone": board.phone,
            "email": board.email,
        },
        "logo_bytes": data,
        "logo_type": logo.content_type if logo else "",
    }


def _text(value) -> str:
    return value if isinstance(value, str) else _date(value)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def terms_of_reference(review, terms, reports) -> Printed:
    status = (
        f"Agreed on {_date(terms.agreed_on)}" if terms.status == "agreed" else "Draft, not agreed"
    )
    return Printed(
        "terms_of_reference",
        f"Terms of reference, version {terms.version}, review {review.reference}",
        {
            "title": "Terms of reference",
            "subtitle": f"Serious Case Review {review.reference}",
            "summary": [
                {"label": "Version", "value": str(terms.version)},
                {"label": "Status", "value": status},
            ],
            "sections": [
                {
                    "heading": "1. Period under review",
                    "paragraphs": [
                        f"From {_date(terms.period_start)} to {_date(terms.period_end)}."
                    ],
                },
                {
                    "heading": "2. Agencies asked for a report",
                    "paragraphs": [] if reports else ["None yet."],
                    "entries": [f"{r.agency.name}: due by {_date(r.due_on)}" for r in reports],
                },
                {
                    "heading": "3. The family's involvement",
                    "paragraphs": [terms.family_involvement],
                },
                {
                    "heading": "4. Parallel processes",
                    "paragraphs": [terms.parallel_processes or "None known."],
                },
                {
                    "heading": "5. Race, language, culture, religion and disability",
                    "paragraphs": [] if terms.diversity_questions else ["No questions set."],
                    "entries": _lines(terms.diversity_questions),
                },
                {
                    "heading": "6. Specific questions",
                    "paragraphs": [] if terms.specific_questions else ["No questions set."],
                    "entries": _lines(terms.specific_questions),
                },
            ],
        },
    )


def family_letter(review, person, outcome) -> Printed:
    """The letter of the letter page (reviews/family/letters.py), in the person's language."""
    letter = outcome.letter
    return Printed(
        "family_letter",
        f"Letter, review {review.reference}",
        {
            "language": outcome.language,
            "recipient": [person.full_name, *_lines(person.address)],
            "subject": letter.subject,
            "sections": [{"heading": "", "paragraphs": list(letter.paragraphs)}],
        },
        word_kind=f"letter_{outcome.template}",
    )


def agency_report(review, report, sections) -> Printed:
    """`sections`: (title, [(label, value), ...]) in the report's standard order."""
    return Printed(
        "agency_report",
        f"Agency report, review {review.reference}",
        {
            "title": f"Agency report: {report.agency.name}",
            "subtitle": f"Serious Case Review {review.reference}",
            "summary": [
                {"label": "Status", "value": report.get_status_display()},
                {"label": "Due by", "value": _date(report.due_on)},
            ],
            "sections": [
                {
                    "heading": title,
                    "paragraphs": [
                        f"{label}: {_text(value)}" if len(fields) > 1 else _text(value)
                        for label, value in fields
                        if value
                    ]
                    or ["Not written yet."],
                }
                for title, fields in sections
            ],
        },
    )


def compliance_summary(review, regime, stages) -> Printed:
    """`stages`: (stage, [engine results]) for the obligations that apply."""
    counts = {}
    for _, results in stages:
        for result in results:
            counts[result.label] = counts.get(result.label, 0) + 1
    return Printed(
        "compliance_summary",
        f"What the review owes, review {review.reference}",
        {
            "title": "What the review owes",
            "subtitle": f"Serious Case Review {review.reference}",
            "summary": [
                {"label": "Procedure", "value": regime.display_name},
                {"label": "On", "value": _date(timezone.localdate())},
                *({"label": label, "value": str(n)} for label, n in counts.items()),
            ],
            "sections": [
                {
                    "heading": stage,
                    "entries": [_obligation_line(r) for r in results],
                }
                for stage, results in stages
                if results
            ],
        },
    )


def _obligation_line(result) -> str:
    due = f", due {_date(result.due)}" if result.due else ""
    return f"{result.obligation.text} ({result.obligation.citation}): {result.label}{due}"


def download(
    printed: Printed,
    fmt: str,
    obj,
    *,
    board,
    actor,
    context: RequestContext,
) -> FileResponse:
    """`printed` rendered as PDF or Word with the board's letterhead (in Word, from the
    board's own template of the kind when it has one in force), served as an attachment;
    one "<kind>.export" event. An unknown format is a 404."""
    if fmt not in FORMATS:
        raise Http404
    values = {**letterhead(board), **printed.values}
    if fmt == "pdf":
        values["logo"] = rendering.logo_data_uri(values.pop("logo_bytes"), values["logo_type"])
        data = rendering.render_pdf(f"documents/{printed.kind}.html", values, title=printed.title)
    else:
        template = word_templates.template_for(board, printed.word_kind or printed.kind)
        data = rendering.render_docx(template, values, title=printed.title)
    record(
        f"{printed.kind}.export",
        obj,
        actor=actor,
        context=context,
        board_id=board.pk,
        detail={"format": fmt},
    )
    name = printed.title.replace(",", "").replace(" ", "-").lower()
    return FileResponse(
        io.BytesIO(data),
        as_attachment=True,
        filename=f"{name}.{fmt}",
        content_type=rendering.CONTENT_TYPES[fmt],
    )
