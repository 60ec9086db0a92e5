"""The overview report as a PDF/UA-1 document, the same bytes for the same inputs and date.

WeasyPrint writes the wall clock into nothing when it is given the dates (the HTML's
dcterms.created/modified, set to the report's date), and a fixed file identifier when given
one (here a digest of the HTML); pikepdf then names the service as producer and saves with
a deterministic /ID. So only the report's date changes the file (tests/test_report.py)."""

from __future__ import annotations

import hashlib
import io
from datetime import date

from django.template.loader import render_to_string

from casereview.documents.rendering import LANGUAGE, SERVICE_NAME

from . import charts
from .report import Overview, shown

TITLE = "National overview of serious case reviews"


def report_html(overview: Overview, on: date) -> str:
    return render_to_string(
        "national/overview_report_pdf.html",
        {"overview": overview, "on": on, "title": TITLE, "tables": _cells(overview)},
    )


def _cells(overview: Overview) -> list:
    drawn = charts.overview(overview.tables)
    return [
        (
            table,
            [
                [shown(c) if isinstance(c, int) or c is None else c for c in row]
                for row in table.rows
            ],
            drawn.get(table.key),
        )
        for table in overview.tables
    ]


def render(overview: Overview, on: date) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = report_html(overview, on)
    document = HTML(
        string=html, url_fetcher=URLFetcher(allowed_protocols={"data"}), base_url=None
    ).render(pdf_variant="pdf/ua-1")
    metadata = document.metadata
    metadata.title = TITLE
    metadata.authors = []
    metadata.description = None
    metadata.keywords = []
    metadata.generator = SERVICE_NAME
    metadata.lang = LANGUAGE
    metadata.attachments = []
    stamp = f"{on.isoformat()}T00:00:00Z"
    metadata.created = stamp
    metadata.modified = stamp
    identifier = hashlib.sha256(html.encode()).hexdigest()[:32].encode()
    data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier)
    return _producer(data)


def _producer(data: bytes) -> bytes:
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
            xmp["pdf:Producer"] = SERVICE_NAME
        pdf.docinfo["/Producer"] = SERVICE_NAME
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()
