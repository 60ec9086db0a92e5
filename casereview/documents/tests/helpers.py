"""What the document tests share."""

import io


def pdf_text(data: bytes) -> str:
    """The text of every page, from the content streams (no extra tools)."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
