"""Documents to print and send: HTML templates rendered to PDF (WeasyPrint, PDF/UA-1) and
Word templates filled with docxtpl. Publication renders its reports through here too.

This app sits below cases and reviews, so callers pass a template name and a plain
context (strings, dates, lists of dicts), never review models. Metadata carries no person:
the author is empty, the creator and producer are the service's name, and the title is the
caller's (a document kind and a case reference, never a name). See docs/documents.md.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

from django.template.loader import render_to_string

SERVICE_NAME = "casereview"
LANGUAGE = "en-GB"
WORD_TEMPLATES = Path(__file__).resolve().parent / "word_templates"

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def logo_data_uri(data: bytes | None, content_type: str) -> str:
    """The board's logo inlined, so that rendering fetches nothing from anywhere."""
    if not data:
        return ""
    return f"data:{content_type};base64,{base64.b64encode(data).decode('ascii')}"


def render_pdf(template_name: str, context: dict, *, title: str) -> bytes:
    """The HTML template rendered as a tagged PDF/UA-1 document in British English."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(template_name, {**context, "document_title": title})
    # Documents are self-contained: only inlined data (the logo) may be read.
    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=fetcher, base_url=None).render(pdf_variant="pdf/ua-1")
    metadata = document.metadata
    metadata.title = title
    metadata.authors = []
    metadata.description = None
    metadata.keywords = []
    metadata.generator = SERVICE_NAME
    metadata.lang = context.get("language") or LANGUAGE
    metadata.attachments = []
    return _set_producer(document.write_pdf(pdf_variant="pdf/ua-1"))


def _set_producer(data: bytes) -> bytes:
    """WeasyPrint names itself as the producer; the document says it came from the service."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
            xmp["pdf:Producer"] = SERVICE_NAME
        pdf.docinfo["/Producer"] = SERVICE_NAME
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def word_template_path(kind: str) -> Path:
    """The service's default Word template of a document kind."""
    path = WORD_TEMPLATES / f"{kind}.docx"
    if not path.is_file():
        raise LookupError(kind)
    return path


def render_docx(template: Path | bytes, context: dict, *, title: str) -> bytes:
    """A Word template (a path, or the bytes of a board's own) filled with `context`.

    docxtpl's Jinja environment escapes the values, so text cannot inject Word markup."""
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    source = io.BytesIO(template) if isinstance(template, bytes) else template
    document = DocxTemplate(source)
    values = _with_line_breaks(dict(context))
    logo = values.pop("logo_bytes", None)
    values["logo"] = InlineImage(document, io.BytesIO(logo), height=Mm(18)) if logo else ""
    document.render(values, autoescape=True)
    _scrub(document.docx.core_properties, title)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _with_line_breaks(value):
    """Text with new lines becomes a docxtpl Listing, which keeps them as line breaks."""
    from docxtpl import Listing

    if isinstance(value, str):
        return Listing(value) if "\n" in value else value
    if isinstance(value, dict):
        return {k: _with_line_breaks(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_with_line_breaks(v) for v in value]
    return value


def _scrub(properties, title: str) -> None:
    """Core properties name no one: a board's template may carry its editor's name."""
    properties.author = ""
    properties.last_modified_by = SERVICE_NAME
    properties.comments = ""
    properties.category = ""
    properties.subject = ""
    properties.keywords = ""
    properties.content_status = ""
    properties.identifier = ""
    properties.title = title
    properties.language = LANGUAGE
