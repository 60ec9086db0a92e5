"""Documents to print and send: the terms of reference, a family letter, an agency report
and the compliance summary, each as PDF and Word with the board's letterhead; each download
is one audited export, served as an attachment, with metadata that names no one."""

import io
from datetime import date

import docx
import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from casereview.audit.models import AuditEvent
from casereview.documents.models import Document
from casereview.documents.tests.corpus import pdf, png
from casereview.documents.tests.helpers import pdf_text
from casereview.reviews.family.tests.helpers import person
from casereview.reviews.models import AgencyReport, ReportStatus, TermsOfReference
from conftest import review_of, verified_client


@pytest.fixture
def review(world):
    board = world.board
    board.address = "1 High Street\nEastbrook EB1 1AA"
    board.phone = "01234 567890"
    board.email = "board@eastbrook.example"
    board.save()
    return review_of(world, given_names="Zadie", family_name="Quillchild")


@pytest.fixture
def mother(review):
    return person(review, given_names="Mona", family_name="Marlowe")


def _names(world, review, *people) -> list[str]:
    """Every personal name that must stay out of the documents' metadata."""
    child = review.notification.child
    names = [child.given_names, child.family_name]
    for p in people:
        names += [p.given_names, p.family_name]
    for user in world.users.values():
        names += [user.username, user.first_name, user.last_name]
    return [n for n in names if n]


def metadata_text(data: bytes, fmt: str) -> str:
    if fmt == "pdf":
        with pikepdf.open(io.BytesIO(data)) as document:
            return repr(dict(document.docinfo)) + str(document.open_metadata())
    props = docx.Document(io.BytesIO(data)).core_properties
    fields = ("author", "category", "comments", "content_status", "identifier", "keywords")
    fields += ("language", "last_modified_by", "subject", "title", "version")
    return "\n".join(str(getattr(props, f) or "") for f in fields)


def body_text(data: bytes, fmt: str) -> str:
    if fmt == "pdf":
        return pdf_text(data)
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def download(client, url: str, fmt: str, action: str, *, names=()):
    """The document, checked: an attachment of its type, one export event, no name in its
    metadata or its file name."""
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = client.get(url, {"format": fmt})
    assert response.status_code == 200, response.status_code
    data = b"".join(response.streaming_content)
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and disposition.endswith(f'.{fmt}"')
    events = list(AuditEvent.objects.filter(pk__gt=last))
    assert [(e.action, e.outcome, e.detail) for e in events] == [(action, "ok", {"format": fmt})]
    meta = metadata_text(data, fmt)
    for name in names:
        assert name not in meta, f"{name} in the {fmt} metadata"
        assert name.lower() not in disposition.lower()
    return body_text(data, fmt)


def _terms(review, world):
    terms = TermsOfReference.objects.create(
        review=review,
        version=1,
        period_start=date(2024, 5, 17),
        period_end=date(2026, 3, 1),
        family_involvement="The parents are invited to meet the author.",
        specific_questions="Was the health visitor's referral acted on?",
        created_by=world.user("board_manager"),
        created_at=timezone.now(),
    )
    terms.requested_reports.create(agency=world.police, due_on=date(2026, 5, 1))
    return terms


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_terms_of_reference_download_with_the_letterhead(world, review, fmt):
    terms = _terms(review, world)
    url = reverse("reviews:terms_download", args=[review.pk, terms.version])
    text = download(
        verified_client(world.user("panel_member")),
        url,
        fmt,
        "terms_of_reference.export",
        names=_names(world, review),
    )
    assert "Eastbrook SCB" in text and "Eastbrook EB1 1AA" in text and "01234 567890" in text
    assert "Terms of reference" in text and review.reference in text
    assert "Eastbrook Police: due by 1 May 2026" in text
    assert "Was the health visitor's referral acted on?" in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_family_letter_downloads_in_the_persons_language(world, review, mother, fmt):
    url = reverse("reviews:family_letter_download", args=[review.pk, mother.pk, "told_of_review"])
    text = download(
        verified_client(world.user("board_manager")),
        url,
        fmt,
        "family_letter.export",
        names=_names(world, review, mother),
    )
    assert "Dear Mona Marlowe," in text and review.reference in text
    assert "Eastbrook SCB" in text


def test_a_welsh_letter_is_in_welsh(world, review):
    mother = person(review, given_names="Mona", family_name="Marlowe", preferred_language="cy")
    url = reverse("reviews:family_letter_download", args=[review.pk, mother.pk, "process"])
    response = verified_client(world.user("board_manager")).get(url)
    data = b"".join(response.streaming_content)
    with pikepdf.open(io.BytesIO(data)) as document:
        assert str(document.Root.Lang) == "cy"
    assert "Annwyl" in pdf_text(data)


def test_letters_follow_the_letter_pages_rule_and_need_a_translation(world, review, mother):
    url = reverse("reviews:family_letter_download", args=[review.pk, mother.pk, "process"])
    assert verified_client(world.user("panel_member")).get(url).status_code == 403
    nobody = person(review, given_names="Nia", preferred_language="pl")
    url = reverse("reviews:family_letter_download", args=[review.pk, nobody.pk, "process"])
    assert verified_client(world.user("board_manager")).get(url).status_code == 404


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_an_agency_report_downloads_for_its_readers(world, review, fmt):
    report = AgencyReport.objects.create(
        review=review,
        agency=world.police,
        requested_on=date(2026, 3, 12),
        due_on=date(2026, 5, 12),
        status=ReportStatus.SUBMITTED,
        analysis="The referral of 3 March was not followed up.",
        author_role="Detective inspector",
    )
    url = reverse("reviews:report_download", args=[review.pk, report.pk])
    text = download(
        verified_client(world.user("agency_author")),
        url,
        fmt,
        "agency_report.export",
        names=_names(world, review),
    )
    assert "Agency report: Eastbrook Police" in text
    assert "The referral of 3 March was not followed up." in text
    assert "Detective inspector" in text and "Eastbrook SCB" in text
    assert verified_client(world.health_author).get(url).status_code == 404


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_compliance_summary_lists_what_the_review_owes(world, review, fmt):
    url = reverse("reviews:compliance_download", args=[review.pk])
    text = download(
        verified_client(world.user("auditor")),
        url,
        fmt,
        "compliance_summary.export",
        names=_names(world, review),
    )
    assert "What the review owes" in text and "Eastbrook SCB" in text
    assert "Rotherham" in text  # the obligations' citations


def test_an_unknown_format_is_not_found(world, review):
    url = reverse("reviews:compliance_download", args=[review.pk])
    assert verified_client(world.user("auditor")).get(url, {"format": "rtf"}).status_code == 404


def test_the_pages_link_their_downloads(world, review, mother):
    client = verified_client(world.user("board_manager"))
    page = client.get(reverse("reviews:compliance", args=[review.pk])).text
    assert reverse("reviews:compliance_download", args=[review.pk]) + "?format=docx" in page
    page = client.get(reverse("reviews:family_letter", args=[review.pk, mother.pk, "process"])).text
    assert "Download as PDF" in page


# --- The letterhead on the board settings page ------------------------------------------


def test_the_board_sets_its_address_in_one_audited_change(world):
    client = verified_client(world.user("board_manager"))
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = client.post(
        reverse("reviews:board_letterhead", args=[world.board.pk]),
        {"address": "2 Low Road\nEastbrook", "phone": "0100", "email": "scb@eastbrook.example"},
    )
    assert response.status_code == 302
    world.board.refresh_from_db()
    assert world.board.address == "2 Low Road\nEastbrook"
    events = AuditEvent.objects.filter(pk__gt=last)
    assert [e.action for e in events] == ["board.letterhead"]


def test_a_bad_email_gets_a_field_message(world):
    client = verified_client(world.user("board_manager"))
    response = client.post(
        reverse("reviews:board_letterhead", args=[world.board.pk]), {"email": "not an email"}
    )
    assert response.status_code == 200
    assert "Enter an email address like name@example.org" in response.text


def test_the_logo_is_a_vetted_png_or_jpeg_and_goes_into_the_documents(world, review):
    client = verified_client(world.user("board_manager"))
    url = reverse("reviews:board_logo", args=[world.board.pk])
    refused = client.post(url, {"file": SimpleUploadedFile("logo.pdf", pdf())})
    assert "The selected file must be a PNG image or JPEG image" in refused.text
    assert not Document.objects.exists()
    assert client.post(url, {"file": SimpleUploadedFile("logo.png", png())}).status_code == 302
    assert Document.objects.get().owner_type == "accounts.board"
    assert (
        "The current logo was uploaded on"
        in client.get(reverse("reviews:board_settings", args=[world.board.pk])).text
    )
    compliance = reverse("reviews:compliance_download", args=[review.pk])
    data = b"".join(client.get(compliance, {"format": "pdf"}).streaming_content)
    with pikepdf.open(io.BytesIO(data)) as document:
        images = [
            o
            for o in document.objects
            if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"
        ]
        assert len(images) == 1
    data = b"".join(client.get(compliance, {"format": "docx"}).streaming_content)
    assert docx.Document(io.BytesIO(data)).inline_shapes


def test_only_those_who_configure_the_board_set_the_letterhead(world):
    response = verified_client(world.user("panel_chair")).post(
        reverse("reviews:board_letterhead", args=[world.board.pk]), {"address": "x"}
    )
    assert response.status_code == 403


# Valid in form, but longer than the column holds (254): PostgreSQL refused it with an error.
LONG_EMAIL = "a" * 64 + "@" + ".".join(["b" * 60] * 3) + ".example.org"


def test_an_email_longer_than_is_kept_gets_a_field_message(world):
    assert 254 < len(LONG_EMAIL) <= 320
    client = verified_client(world.user("board_manager"))
    response = client.post(
        reverse("reviews:board_letterhead", args=[world.board.pk]),
        {"address": "2 Low Road", "email": LONG_EMAIL},
    )
    assert response.status_code == 200
    assert "at most 254 characters" in response.text
    world.board.refresh_from_db()
    assert world.board.address == ""
