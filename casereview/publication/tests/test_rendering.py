"""A report version rendered to PDF and Word for publication: anonymised with the review's
register, metadata scrubbed, checked again on the text read back out of the file."""

from __future__ import annotations

import io
import zipfile

import pikepdf
from docx import Document as WordDocument
from pypdf import PdfReader

from casereview.audit.context import SYSTEM
from casereview.documents.services import read_bytes
from casereview.publication import leaks, rendering
from casereview.publication.models import Rendering, RenderStatus
from casereview.publication.services import terms_of
from casereview.publication.tests.publication_helpers import ready_review, report_of

NAMES = ("Kai", "Nowak", "Paula", "Heron Primary")


def _rendered(world, fmt, **kw) -> Rendering:
    review = ready_review(world)
    version = report_of(world, review, **kw)
    row = rendering.request(version, fmt, actor=world.user("board_manager"), context=SYSTEM)
    return rendering.run(row)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_is_anonymised_tagged_and_names_no_one(world):
    row = _rendered(world, "pdf")
    assert row.status == RenderStatus.DONE, row.error
    data = read_bytes(row.document)
    text = _pdf_text(data)
    assert "Child A" in text
    assert "The mother told the health visitor" in text
    assert "School 1" in text
    for name in NAMES:
        assert name not in text
    assert row.leaks == []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert str(pdf.docinfo["/Title"]) == "Executive summary"
        assert "/Author" not in pdf.docinfo or str(pdf.docinfo["/Author"]) == ""
        assert str(pdf.docinfo["/Producer"]) == "casereview"
        assert pdf.Root.MarkInfo.Marked  # tagged
        assert "/StructTreeRoot" in pdf.Root
    assert row.document.original_name == "executive-summary-v1.pdf"


def test_the_word_file_is_anonymised_and_its_properties_scrubbed(world):
    row = _rendered(world, "docx", kind="overview")
    assert row.status == RenderStatus.DONE, row.error
    data = read_bytes(row.document)
    document = WordDocument(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Child A" in text
    for name in NAMES:
        assert name not in text
    assert document.core_properties.title == "Overview report"
    assert document.core_properties.author == ""
    assert row.leaks == []


def test_the_background_task_renders_and_the_page_shows_its_status(world, client_for):
    review = ready_review(world)
    version = report_of(world, review)
    client = client_for(world.user("board_manager"))
    response = client.post(
        f"/reviews/{review.pk}/publication/reports/{version.report.pk}/render/", {"format": "pdf"}
    )
    assert response.status_code == 302
    row = Rendering.objects.get(version=version)
    assert row.status == RenderStatus.DONE  # tasks run at once in tests
    page = client.get(f"/reviews/{review.pk}/publication/")
    assert "Nothing found" in page.content.decode()
    assert 'http-equiv="refresh"' not in page.content.decode()
    download = client.get(f"/reviews/{review.pk}/publication/files/{row.pk}/")
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_queued_rendering_makes_the_page_refresh(world, client_for):
    review = ready_review(world)
    version = report_of(world, review)
    rendering.request(version, "pdf", actor=world.user("board_manager"), context=SYSTEM)
    page = client_for(world.user("board_manager")).get(f"/reviews/{review.pk}/publication/")
    assert 'http-equiv="refresh"' in page.content.decode()
    assert "Waiting to start" in page.content.decode()


def test_a_panel_member_cannot_make_files(world, client_for):
    review = ready_review(world)
    version = report_of(world, review)
    client = client_for(world.user("panel_member"))
    response = client.post(
        f"/reviews/{review.pk}/publication/reports/{version.report.pk}/render/", {"format": "pdf"}
    )
    assert response.status_code == 403
    assert not Rendering.objects.exists()


# --- The leak check on what is read back out of the file ---------------------------------


def _planted_pdf(world, where: str) -> bytes:
    """A rendered PDF with the child's name planted in its title, an image's alternative
    text, or its subject."""
    row = _rendered(world, "pdf")
    data = read_bytes(row.document)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if where == "metadata":
            pdf.docinfo["/Subject"] = "About Kai-Leigh Nowak"
        else:
            element = pikepdf.Dictionary(
                Type=pikepdf.Name.StructElem, S=pikepdf.Name.Figure, Alt="Photo of Kai Nowak"
            )
            root = pdf.Root.StructTreeRoot
            kids = root.K if isinstance(root.K, pikepdf.Array) else pikepdf.Array([root.K])
            kids.append(pdf.make_indirect(element))
            root.K = kids
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def test_a_name_in_the_pdf_metadata_is_found(world):
    data = _planted_pdf(world, "metadata")
    review = Rendering.objects.get().version.report.review
    assert leaks.find(terms_of(review), leaks.pdf_parts(data)) == [
        {"kind": "person", "where": "metadata"}
    ]


def test_a_name_in_the_pdf_alternative_text_is_found(world):
    data = _planted_pdf(world, "alt")
    review = Rendering.objects.get().version.report.review
    assert {"kind": "person", "where": "alternative text"} in leaks.find(
        terms_of(review), leaks.pdf_parts(data)
    )


def _planted_docx(data: bytes, part: str, old: str, new: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == part:
                content = content.decode().replace(old, new, 1).encode()
            target.writestr(item, content)
    return out.getvalue()


def test_names_in_word_headers_properties_and_alt_text_are_found(world):
    row = _rendered(world, "docx")
    review = row.version.report.review
    data = read_bytes(row.document)
    terms = terms_of(review)
    planted = _planted_docx(data, "docProps/core.xml", "<dc:title>", "<dc:title>Kai-Leigh Nowak ")
    assert leaks.find(terms, leaks.docx_parts(planted)) == [{"kind": "person", "where": "metadata"}]
    # Every header part is read, used by a section or not (a board's template may carry one).
    planted = _add_part(data, "word/header9.xml", _paragraph("Paula Nowak"))
    assert {"kind": "person", "where": "headers"} in leaks.find(terms, leaks.docx_parts(planted))
    body = _planted_docx(
        data,
        "word/document.xml",
        "<w:body>",
        '<w:body><w:p><w:r><w:drawing><wp:inline><wp:docPr id="9" name="Picture 9" '
        'descr="Kai at Heron Primary School"/></wp:inline></w:drawing></w:r></w:p>',
    )
    found = leaks.find(terms, leaks.docx_parts(body))
    assert {"kind": "person", "where": "alternative text"} in found
    assert {"kind": "school", "where": "alternative text"} in found


def _paragraph(text: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:hdr>"
    )


def _add_part(data: bytes, name: str, xml: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != name:
                target.writestr(item, source.read(item.filename))
        target.writestr(name, xml)
    return out.getvalue()
