"""A board adds a language for its family letters (Rotherham 19.3: the family's preferred
language) without changing the service:

1. the board manager downloads the English letter as a Word file, with the details the
   service fills in shown in square brackets, to give to a translator;
2. uploads the translation (a Word or PDF document, vetted like every upload);
3. records who approved the translation and when;
4. withdraws a translation that is wrong or out of date, with the reason: it is kept (with
   its file) in the board's list, and no longer offered or approved.

The newest approved translation of a letter (not withdrawn) is then offered, on the letter
page, for every family member whose preferred language it is; the sender fills in the
bracketed details. Until then the service says what to do, in plain words. Each step writes
one audit event; `letters.translate` (the board manager) guards them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.context import RequestContext
from casereview.audit.services import record
from casereview.cases.vocab import Language
from casereview.documents.services import documents_of, store
from casereview.documents.validation import DOCX, PDF
from casereview.lib.date_rules import NO_BOUNDS, check_dates

from .. import printed
from ..dates import APPROVAL_DATES
from ..models import LetterTranslation
from . import letters

KINDS = (DOCX, PDF)


def addable_languages() -> list[tuple[str, str]]:
    """Every language of the people register but those the service writes its letters in
    (English, Welsh: letters/*.toml) and "other language", which names none."""
    shipped = set(letters.translations())
    return [
        (code, label)
        for code, label in Language.choices
        if code not in shipped and code != Language.OTHER
    ]


def language_label(code: str) -> str:
    try:
        return Language(code).label
    except ValueError:
        return code


def for_translator(template: str) -> printed.Printed:
    """The English letter with each detail the service fills in shown as `[what it is]`,
    and both openings, for the sender to keep the one that fits (docs/review-workflow.md)."""
    english = letters.translation("en")
    subject, body = english.templates[template]
    values = {key: f"[{label}]" for key, label in letters.PLACEHOLDERS.items()}
    openings = [
        f"[If the child died:] {english.openings['death']}",
        f"[If the child was seriously harmed:] {english.openings['serious_harm']}",
    ]
    values["opening"] = "\n".join(o.format_map({**values, "opening": ""}) for o in openings)
    paragraphs = [
        "\n".join(line.strip() for line in p.splitlines() if line.strip())
        for p in body.format_map(values).split("\n\n")
        if p.strip()
    ]
    return printed.Printed(
        "family_letter",
        f"Letter for translation, {template.replace('_', ' ')}",
        {
            "language": "en",
            "recipient": ["[the family member's name]", "[their address]"],
            "subject": subject.format_map(values),
            "sections": [
                {
                    "heading": "",
                    "paragraphs": [
                        "Note for the translator: translate everything below. Keep the "
                        "words in square brackets in square brackets: the sender replaces "
                        "them with the family's details.",
                    ],
                },
                {"heading": "", "paragraphs": paragraphs},
            ],
        },
        word_kind=f"letter_{template}",
    )


def upload(
    board, *, actor, context: RequestContext, language: str, template: str, upload
) -> LetterTranslation:
    """A translation of one letter, waiting for approval; ValidationError on a bad language,
    letter or file (the file is checked as every upload is: docs/uploads.md)."""
    if language not in dict(addable_languages()):
        raise ValidationError({"language": "Choose the language of the translation"})
    if template not in letters.TEMPLATES:
        raise ValidationError({"template": "Choose the letter that was translated"})
    with transaction.atomic():
        translation = LetterTranslation.objects.create(
            board=board,
            language=language,
            template=template,
            uploaded_by=actor,
            uploaded_at=timezone.now(),
        )
        store(
            board=board,
            owner=translation,
            upload=upload,
            actor=actor,
            context=context,
            only=KINDS,
        )
        record(
            "letter_translation.upload",
            translation,
            actor=actor,
            context=context,
            board_id=board.pk,
            detail={"language": language, "template": template},
        )
    return translation


def approve(
    translation: LetterTranslation,
    *,
    actor,
    context: RequestContext,
    approved_by_name: str,
    approved_on: date,
) -> LetterTranslation:
    """Who checked and approved the translation, and when; from then it is offered."""
    if translation.is_withdrawn:
        raise ValidationError(WITHDRAWN)
    if translation.approved_on is not None:
        raise ValidationError({"approved_by_name": "This translation is already approved"})
    if not approved_by_name:
        raise ValidationError({"approved_by_name": "Enter who approved the translation"})
    check_dates({"approved_on": approved_on}, APPROVAL_DATES, NO_BOUNDS)
    if approved_on < timezone.localdate(translation.uploaded_at):
        raise ValidationError(
            {"approved_on": "Date approved must be on or after the day it was uploaded"}
        )
    with transaction.atomic():
        translation.approved_by_name = approved_by_name
        translation.approved_on = approved_on
        translation.approval_recorded_by = actor
        translation.save(update_fields=["approved_by_name", "approved_on", "approval_recorded_by"])
        record(
            "letter_translation.approve",
            translation,
            actor=actor,
            context=context,
            board_id=translation.board_id,
            detail={"language": translation.language, "template": translation.template},
        )
    return translation


WITHDRAWN = "This translation was withdrawn"
WITHDRAW_REASON = "Enter why the translation is withdrawn"


def withdraw(
    translation: LetterTranslation, *, actor, context: RequestContext, reason: str
) -> LetterTranslation:
    """Take a translation out of use with the reason. It stays in the board's list with its
    file; the previous approved translation of the letter, if any, is offered again."""
    if not (reason or "").strip():
        raise ValidationError({"reason": WITHDRAW_REASON})
    with transaction.atomic():
        row = LetterTranslation.objects.select_for_update().get(pk=translation.pk)
        if row.is_withdrawn:
            raise ValidationError(WITHDRAWN)
        was_offered = approved(row.board_id, row.language, row.template)
        row.withdrawn_at = timezone.now()
        row.withdrawn_by = actor
        row.withdrawn_reason = reason.strip()
        row.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
        record(
            "letter_translation.withdraw",
            row,
            actor=actor,
            context=context,
            board_id=row.board_id,
            # The reason is free text: kept on the row, not in the audit detail.
            detail={
                "language": row.language,
                "template": row.template,
                "was_approved": row.approved_on is not None,
                "was_offered": was_offered is not None and was_offered.pk == row.pk,
            },
        )
    return row


def approved(board_id: int, language: str, template: str) -> LetterTranslation | None:
    """The newest approved translation of the letter into the language not withdrawn."""
    return (
        LetterTranslation.objects.filter(
            board_id=board_id,
            language=language,
            template=template,
            approved_on__isnull=False,
            withdrawn_at__isnull=True,
        )
        .order_by("-approved_on", "-uploaded_at")
        .first()
    )


def approved_languages(board_id: int) -> set[tuple[str, str]]:
    """(language, template) of every approved translation of the board."""
    return set(
        LetterTranslation.objects.filter(
            board_id=board_id, approved_on__isnull=False, withdrawn_at__isnull=True
        )
        .values_list("language", "template")
        .distinct()
    )


def document_of(translation: LetterTranslation):
    return documents_of(translation).order_by("-uploaded_at").first()


@dataclass
class Row:
    """One translation as the translations page lists it."""

    translation: LetterTranslation
    language_name: str
    template_title: str
    document: object
    current: bool


def rows(board) -> list[Row]:
    found = list(LetterTranslation.objects.filter(board=board).select_related("uploaded_by"))
    offered = (approved(board.pk, t.language, t.template) for t in found)
    current = {t.pk for t in offered if t is not None}
    return [
        Row(
            t,
            language_label(t.language),
            letters.TEMPLATES.get(t.template, t.template),
            document_of(t),
            t.pk in current,
        )
        for t in sorted(found, key=lambda t: (language_label(t.language), t.template))
    ]
