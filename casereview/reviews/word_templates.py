"""Word templates a board can replace (docs/documents.md, "A board's own Word templates").

Each document kind downloaded as Word (the terms of reference, each family letter, an
agency report, the compliance summary) is filled from the service's default template
(casereview/documents/word_templates/) unless the board has put its own in force. A board
manager or administrator (`board.configure`) uploads a .docx for a kind: it passes the
checks every upload passes (docs/uploads.md: type sniffing, size, no macros) and is then
filled once with synthetic values; a template that does not fill in is refused with a
plain message, and nothing is kept. Every upload is a new version, in force at once;
an earlier version can be put back in force, or the kind reverted to the default. Each
change writes one audit event. Only the board's own templates are ever used for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.documents import rendering
from casereview.documents.services import documents_of, read_bytes, store, vet
from casereview.documents.validation import DOCX

from .family import letters
from .models import WordTemplate


@dataclass(frozen=True)
class WordKind:
    """A document kind a board may give its own Word template: its key (in URLs and the
    audit log), what it is called, and its default template (documents/word_templates)."""

    key: str
    label: str
    default: str

    @property
    def letter(self) -> bool:
        return self.default == "family_letter"

    @property
    def values(self) -> dict[str, str]:
        return LETTER_VALUES if self.letter else DOCUMENT_VALUES


def _kinds() -> dict[str, WordKind]:
    kinds = [WordKind("terms_of_reference", "Terms of reference", "terms_of_reference")]
    kinds += [
        WordKind(f"letter_{key}", f"Family letter: {title.lower()}", "family_letter")
        for key, title in letters.TEMPLATES.items()
    ]
    kinds += [
        WordKind("agency_report", "Agency report", "agency_report"),
        WordKind(
            "compliance_summary", "What the review owes (compliance summary)", "compliance_summary"
        ),
        WordKind("integrated_chronology", "Integrated chronology", "integrated_chronology"),
        # The reports published on the board's public page (casereview/publication/rendering.py).
        WordKind("overview_report", "Overview report (published)", "published_report"),
        WordKind("executive_summary", "Executive summary (published)", "published_report"),
    ]
    return {k.key: k for k in kinds}


KINDS: dict[str, WordKind] = _kinds()

# The values a template may use, with what each is (shown on the kind's page, and in
# docs/documents.md). Anything else is refused when the template is uploaded.
LETTERHEAD_VALUES = {
    "board": "the board: board.name, board.address_lines (a list of lines), board.phone, "
    "board.email",
    "logo": "the board's logo, as an image (empty when there is none)",
}
DOCUMENT_VALUES = {
    **LETTERHEAD_VALUES,
    "title": "the document's heading",
    "subtitle": "\u201cSerious Case Review\u201d and the review's reference",
    "summary": "a list of rows, each with row.label and row.value (version, status, dates)",
    "sections": "a list of sections, each with section.heading, section.paragraphs (a list) "
    "and section.entries (a numbered list)",
}
LETTER_VALUES = {
    **LETTERHEAD_VALUES,
    "recipient": "the addressee's name and address, a list of lines",
    "subject": "the letter's subject",
    "sections": "a list of sections, each with section.heading, section.paragraphs (a list) "
    "and section.entries (a list)",
    "language": "the code of the letter's language, such as en or cy",
}

_SECTIONS = [
    {
        "heading": "1. A first heading",
        "paragraphs": ["A first paragraph.", "A second paragraph\nwith a line break."],
        "entries": ["A first entry", "A second entry"],
    },
    {"heading": "2. A second heading", "paragraphs": ["Another paragraph."], "entries": ["One"]},
]


def sample(kind: WordKind) -> dict:
    """Synthetic values to fill a template once before it is kept: every list has rows
    and every optional value is present, so that each loop and condition is tried."""
    values = {
        "board": {
            "name": "Fictional Safeguarding Children Board",
            "address_lines": ["1 Example Street", "Exampletown", "EX1 1EX"],
            "phone": "01632 960000",
            "email": "board@example.org",
        },
        "logo_bytes": b"",
        "sections": _SECTIONS,
    }
    if kind.letter:
        values |= {
            "recipient": ["A. Example", "2 Example Road", "Exampletown"],
            "subject": "An example letter",
            "language": "en",
        }
    else:
        values |= {
            "title": kind.label,
            "subtitle": "Serious Case Review EX-R2026-0001",
            "summary": [{"label": "Version", "value": "1"}, {"label": "Status", "value": "Draft"}],
        }
    return values


def kind_of(key: str) -> WordKind:
    try:
        return KINDS[key]
    except KeyError:
        raise LookupError(key) from None


def default_path(kind: WordKind) -> Path:
    return rendering.word_template_path(kind.default)


def versions(board, kind: WordKind):
    return WordTemplate.objects.filter(board=board, kind=kind.key).order_by("-version")


def in_force(board, kind: WordKind) -> WordTemplate | None:
    return WordTemplate.objects.filter(board=board, kind=kind.key, in_force=True).first()


def document_of(template: WordTemplate):
    return documents_of(template).order_by("-uploaded_at").first()


def template_for(board, key: str) -> Path | bytes:
    """The Word template every download of `key` for `board` is filled from: the board's
    version in force, or the service's default. Never another board's."""
    kind = kind_of(key)
    current = in_force(board, kind)
    document = document_of(current) if current else None
    return read_bytes(document) if document else default_path(kind)


def upload(board, *, actor, context: RequestContext, kind: str, upload) -> WordTemplate:
    """A new version of the board's template for `kind`, in force from now; ValidationError
    (nothing kept) if the file is not a Word document that passes the upload checks, or
    does not fill in with the kind's values."""
    if kind not in KINDS:
        raise ValidationError({"kind": "Choose the document the template is for"})
    word_kind = KINDS[kind]
    name, data, _ = vet(upload, (DOCX,))
    try:
        rendering.check_word_template(data, sample(word_kind), offered=set(word_kind.values))
    except rendering.TemplateFault as fault:
        raise ValidationError({"file": str(fault)}) from None
    with transaction.atomic():
        rows = WordTemplate.objects.select_for_update().filter(board=board, kind=kind)
        last = rows.aggregate(last=Max("version"))["last"] or 0
        previous = rows.filter(in_force=True).first()
        rows.filter(in_force=True).update(in_force=False)
        template = WordTemplate.objects.create(
            board=board,
            kind=kind,
            version=last + 1,
            in_force=True,
            uploaded_by=actor,
            uploaded_at=timezone.now(),
        )
        store(
            board=board,
            owner=template,
            upload=ContentFile(data, name=name),
            actor=actor,
            context=context,
            only=(DOCX,),
        )
        record(
            "word_template.upload",
            template,
            actor=actor,
            context=context,
            board_id=board.pk,
            detail={
                "kind": kind,
                "version": template.version,
                "replaces": previous.version if previous else "default",
            },
        )
    return template


def activate(template: WordTemplate, *, actor, context: RequestContext) -> WordTemplate:
    """Put an earlier version back in force (one event)."""
    with transaction.atomic():
        rows = WordTemplate.objects.select_for_update().filter(
            board_id=template.board_id, kind=template.kind
        )
        previous = rows.filter(in_force=True).first()
        rows.filter(in_force=True).update(in_force=False)
        template.in_force = True
        template.save(update_fields=["in_force"])
        record(
            "word_template.activate",
            template,
            actor=actor,
            context=context,
            board_id=template.board_id,
            detail={
                "kind": template.kind,
                "version": template.version,
                "replaces": previous.version if previous else "default",
            },
        )
    return template


def revert(board, *, actor, context: RequestContext, kind: str) -> None:
    """Go back to the service's default template for `kind` (one event); the board's
    versions are kept."""
    word_kind = kind_of(kind)
    with transaction.atomic():
        rows = WordTemplate.objects.select_for_update().filter(board=board, kind=word_kind.key)
        previous = rows.filter(in_force=True).first()
        rows.filter(in_force=True).update(in_force=False)
        record(
            "word_template.revert",
            board,
            actor=actor,
            context=context,
            board_id=board.pk,
            detail={"kind": word_kind.key, "replaces": previous.version if previous else "default"},
        )


@dataclass
class Row:
    """One kind as the board settings page lists it."""

    kind: WordKind
    current: WordTemplate | None
    count: int


def rows(board) -> list[Row]:
    templates = list(WordTemplate.objects.filter(board=board))
    return [
        Row(
            kind,
            next((t for t in templates if t.kind == key and t.in_force), None),
            sum(1 for t in templates if t.kind == key),
        )
        for key, kind in KINDS.items()
    ]
