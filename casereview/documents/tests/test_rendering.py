"""The rendering module: PDF/UA from an HTML template, Word from a docxtpl template, with
metadata that names no one."""

import io

import docx
import pikepdf
import pytest

from casereview.documents import rendering

from .helpers import pdf_text

VALUES = {
    "board": {
        "name": "Eastbrook SCB",
        "address_lines": ["1 High Street", "Eastbrook EB1 1AA"],
        "phone": "01234 567890",
        "email": "board@eastbrook.example",
    },
    "title": "Terms of reference",
    "subtitle": "Serious Case Review ESCB-R2026-0001",
    "summary": [{"label": "Version", "value": "1"}],
    "sections": [
        {"heading": "1. Period", "paragraphs": ["From May to June.\nSecond line."]},
        {"heading": "2. Questions", "paragraphs": [], "entries": ["Was it <heard>?", "And & why?"]},
    ],
}


def test_a_pdf_is_tagged_pdf_ua_in_british_english_with_the_title_and_no_author():
    data = rendering.render_pdf(
        "documents/terms_of_reference.html", VALUES, title="Terms of reference, review X"
    )
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert "/StructTreeRoot" in pdf.Root
        info = {k: str(v) for k, v in pdf.docinfo.items()}
        assert info["/Title"] == "Terms of reference, review X"
        assert info.get("/Author", "") == ""
        assert info["/Creator"] == info["/Producer"] == "casereview"
        xmp = str(pdf.open_metadata())
        assert 'pdfuaid:part="1"' in xmp and "WeasyPrint" not in xmp
    text = pdf_text(data)
    assert "Eastbrook SCB" in text and "1 High Street" in text
    assert "Was it <heard>?" in text and "And & why?" in text


def test_a_pdf_fetches_nothing_from_outside():
    values = {**VALUES, "logo": "file:///etc/passwd"}
    data = rendering.render_pdf("documents/terms_of_reference.html", values, title="T")
    assert b"root:" not in data


def test_a_word_document_is_filled_escaped_and_names_no_one():
    data = rendering.render_docx(
        rendering.word_template_path("terms_of_reference"), VALUES, title="Terms, review X"
    )
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Eastbrook SCB" in text and "Eastbrook EB1 1AA" in text
    assert "Was it <heard>?" in text and "And & why?" in text
    assert "From May to June.\nSecond line." in text
    assert "{{" not in text and "{%" not in text
    props = document.core_properties
    assert props.title == "Terms, review X"
    assert props.author == "" and props.last_modified_by == "casereview"
    assert props.comments == ""


def test_a_board_template_given_as_bytes_is_used_and_its_author_removed():
    template = docx.Document()
    template.add_paragraph("Our own heading for {{ board.name }}")
    template.core_properties.author = "Jo Editor"
    out = io.BytesIO()
    template.save(out)
    data = rendering.render_docx(out.getvalue(), VALUES, title="T")
    document = docx.Document(io.BytesIO(data))
    assert document.paragraphs[0].text == "Our own heading for Eastbrook SCB"
    assert document.core_properties.author == ""


def test_an_unknown_kind_has_no_word_template():
    with pytest.raises(LookupError):
        rendering.word_template_path("../settings")
