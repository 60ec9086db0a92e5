"""The upload check decides by content: every allowed kind passes, every hostile file in
the corpus is refused with a message that says why."""

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from pikepdf import Array, Dictionary, Name, String

from casereview.documents.malware import EICAR
from casereview.documents.validation import check_name, check_upload

from .corpus import GOOD, HOSTILE, HTML_AFTER_FIRST_KB, made_pdf, office


def _message(name, data) -> str:
    with pytest.raises(ValidationError) as caught:
        check_upload(name, data)
    return caught.value.messages[0]


@pytest.mark.parametrize(("name", "data", "content_type"), GOOD, ids=[g[0] for g in GOOD])
def test_it_accepts_each_allowed_kind_by_its_content(name, data, content_type):
    assert check_upload(name, data).content_type == content_type


def test_the_corpus_has_at_least_thirty_hostile_files():
    assert len(HOSTILE) >= 30


@pytest.mark.parametrize(("name", "data", "expected"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_it_refuses_each_hostile_file_with_a_clear_message(name, data, expected):
    message = _message(name, data)
    expected = (expected,) if isinstance(expected, str) else expected
    assert any(fragment in message for fragment in expected), message


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("../../etc/passwd", "folder path"),
        ("..\\..\\windows\\win.ini", "folder path"),
        ("/etc/passwd.txt", "folder path"),
        (".htaccess", "folder path"),
        ("report\x00.pdf", "control characters"),
        ("report\n.pdf", "control characters"),
        ("report\u202efdp.exe", "control characters"),
        ("a" * 300 + ".pdf", "255 characters"),
        ("", "must have a name"),
        ("README", "must be a PDF"),
        ("report.pdf.exe", "one extension"),
    ],
)
def test_it_refuses_unsafe_names(name, fragment):
    with pytest.raises(ValidationError) as caught:
        check_name(name)
    assert fragment in caught.value.messages[0]


def test_the_default_size_limit_is_twenty_megabytes():
    too_big = b"a" * (20 * 1024 * 1024 + 1)
    assert "smaller than 20 MB" in _message("big.txt", too_big)


def test_the_size_limit_is_a_setting(settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    assert "smaller than 1 KB" in _message("notes.txt", b"a" * 1025)
    assert check_upload("notes.txt", b"a" * 1024).extension == "txt"


def test_a_small_office_file_may_compress_well_but_a_large_one_may_not():
    # 1.5 MB of repetitive XML: under the 2 MB floor, so its high ratio is allowed.
    fine = office(extra={"word/styles.xml": b"<w:style/>" * 150_000})
    assert check_upload("styles.docx", fine).extension == "docx"
    bomb = office(extra={"word/styles.xml": b"<w:style/>" * 400_000})
    assert "too much data" in _message("styles.docx", bomb)


@pytest.mark.parametrize(
    ("name", "data", "content_type"), HTML_AFTER_FIRST_KB, ids=[h[0] for h in HTML_AFTER_FIRST_KB]
)
def test_web_content_after_the_first_kilobyte_is_kept(name, data, content_type):
    """The check reads the first kilobyte for web content; what comes later is kept, and
    made harmless by how it is served (tests/test_uploads_served_safely.py)."""
    assert data.index(b"<html") > 1024
    assert check_upload(name, data).content_type == content_type


def test_the_corpus_hides_active_pdf_names_from_a_byte_search():
    """The escaped and compressed PDFs would pass the old search for b"/JavaScript" etc."""
    hidden = [n for n, data, _ in HOSTILE if n.endswith(".pdf") and b"/JavaScript" not in data]
    assert {"escaped-js.pdf", "compressed-js.pdf", "named-scripts.pdf"} <= set(hidden)
    compressed = dict((n, d) for n, d, _ in HOSTILE)["compressed-js.pdf"]
    assert b"JavaScript" not in compressed and b"OpenAction" not in compressed


def test_a_pdf_with_links_and_an_empty_user_password_is_accepted():
    def link(document):
        action = Dictionary(S=Name.URI, URI=String("https://example.org/guidance"))
        annotation = Dictionary(Type=Name.Annot, Subtype=Name.Link, A=action)
        document.pages[0].Annots = Array([annotation])

    data = made_pdf(link, encryption=pikepdf.Encryption(user="", owner="owner"))
    assert check_upload("guidance.pdf", data).extension == "pdf"


def test_the_eicar_test_string_is_refused_anywhere_in_a_file():
    assert "virus" in _message("notes.txt", b"Notes\n" + EICAR + b"\n")


def test_a_pdf_with_too_many_parts_to_walk_is_refused(monkeypatch):
    from casereview.documents import pdf_content

    data = made_pdf()
    assert check_upload("report.pdf", data).extension == "pdf"
    monkeypatch.setattr(pdf_content, "MAX_ITEMS", 5)
    assert "too many parts" in _message("report.pdf", data)
