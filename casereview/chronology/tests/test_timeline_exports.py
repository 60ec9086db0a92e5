"""The integrated chronology's downloads: XLSX with formulas neutralised, PDF and Word through
the documents module, family names replaced by roles beyond the board, each audited."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.cases.models import Person, PersonKind
from casereview.chronology import merge
from casereview.chronology.exports import neutralised
from conftest import review_of, verified_client

from .timeline_helpers import entry

D = date(2025, 3, 12)


@pytest.fixture
def review(world):
    review = review_of(world, agencies=[world.police, world.health])
    Person.objects.create(
        board=review.board,
        notification=review.notification,
        kind=PersonKind.FAMILY,
        given_names="Morwenna",
        family_name="Quillfeather",
        relationship="mother",
        preferred_language="en",
    )
    user = world.user("board_manager")
    entry(
        review,
        world.police,
        D,
        '=HYPERLINK("http://x","click")',
        user=user,
        decision="+1 follow up",
        source_ref="@ref",
        practitioner_role="-PC",
    )
    entry(
        review,
        world.police,
        D.replace(day=20),
        "Visited Morwenna Quillfeather and Ada Testchild at home",
        user=user,
        analysis="Ms Quillfeather was not asked about the bruise",
        source_ref="POL-2",
    )
    entry(review, world.health, D, "Health visitor call", user=user, source_ref="HEA-1")
    merge.rebuild(review, actor=user, context=SYSTEM)
    return review


def download(client, review, fmt):
    address = reverse("chronology:integrated_download", args=[review.pk])
    return client.get(f"{address}?format={fmt}")


def cells(response) -> list[list]:
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in book["Integrated chronology"].iter_rows(values_only=True)]


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_a_spreadsheet_would_read_as_a_formula_is_text(value):
    assert neutralised(value) == "'" + value
    assert neutralised("Visit") == "Visit" and neutralised(3) == 3


def test_the_xlsx_neutralises_formulas_and_names_the_family_for_the_board(world, review):
    response = download(verified_client(world.user("panel_chair")), review, "xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = cells(response)
    assert rows[0][:3] == ["Date", "Date as written", "Agency"]
    first = next(row for row in rows if row[3] == "'@ref")
    assert first[5] == '\'=HYPERLINK("http://x","click")'
    assert first[6] == "'+1 follow up" and first[3] == "'@ref" and first[4] == "'-PC"
    assert not any(isinstance(v, str) and v[:1] in "=+-@" for row in rows for v in row if v)
    text = " ".join(str(v) for row in rows for v in row if v)
    assert "Morwenna Quillfeather" in text  # the board reads names
    event = AuditEvent.objects.filter(action="integrated_chronology.export").get()
    assert event.detail["format"] == "xlsx" and event.actor_id == world.user("panel_chair").pk


def test_beyond_the_board_family_members_are_named_by_their_role(world, review):
    response = download(verified_client(world.user("agency_author")), review, "xlsx")
    rows = cells(response)
    text = " ".join(str(v) for row in rows for v in row if v)
    assert "Quillfeather" not in text and "Morwenna" not in text and "Testchild" not in text
    assert "Visited the mother and the child at home" in text
    assert "Ms the mother was not asked" in text
    # Only the agency's own entries until shared.
    assert "Eastbrook Health" not in text and "Health visitor call" not in text


def test_pdf_and_word_through_the_documents_module(world, review):
    client = verified_client(world.user("board_manager"))
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK")):
        response = download(client, review, fmt)
        data = b"".join(response.streaming_content)
        assert response.status_code == 200 and data.startswith(magic), fmt
    assert AuditEvent.objects.filter(action="integrated_chronology.export").count() == 2
    assert download(client, review, "odt").status_code == 404


def test_the_word_file_names_no_family_member_beyond_the_board(world, review):
    import docx

    response = download(verified_client(world.user("agency_author")), review, "docx")
    document = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Visited the mother and the child at home" in text
    assert "Quillfeather" not in text and "Testchild" not in text
