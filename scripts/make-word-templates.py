"""Writes the service's default Word templates, casereview/documents/word_templates/*.docx.

The .docx files are committed beside this script; run it again after changing it:
    .venv/bin/python scripts/make-word-templates.py
A board may replace any of them with its own (docs/documents.md lists the fields a template
may use). Each is a docxtpl template: Jinja tags in ordinary Word paragraphs.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.shared import Pt

OUT = Path(__file__).resolve().parent.parent / "casereview" / "documents" / "word_templates"
KINDS = {
    "terms_of_reference": "Terms of reference",
    "family_letter": "Letter",
    "agency_report": "Agency report",
    "compliance_summary": "What the review owes",
}


def _letterhead(doc) -> None:
    doc.add_paragraph("{{ logo }}")
    name = doc.add_paragraph()
    name.add_run("{{ board.name }}").bold = True
    doc.add_paragraph("{%p for line in board.address_lines %}")
    doc.add_paragraph("{{ line }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p if board.phone %}")
    doc.add_paragraph("Telephone: {{ board.phone }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if board.email %}")
    doc.add_paragraph("Email: {{ board.email }}")
    doc.add_paragraph("{%p endif %}")


def _body(doc, letter: bool) -> None:
    if letter:
        doc.add_paragraph("{%p for line in recipient %}")
        doc.add_paragraph("{{ line }}")
        doc.add_paragraph("{%p endfor %}")
        doc.add_heading("{{ subject }}", level=1)
    else:
        doc.add_heading("{{ title }}", level=1)
        doc.add_paragraph("{{ subtitle }}")
        doc.add_paragraph("{%p for row in summary %}")
        doc.add_paragraph("{{ row.label }}: {{ row.value }}")
        doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p for section in sections %}")
    doc.add_paragraph("{%p if section.heading %}")
    doc.add_heading("{{ section.heading }}", level=2)
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p for paragraph in section.paragraphs %}")
    doc.add_paragraph("{{ paragraph }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p for item in section.entries %}")
    doc.add_paragraph("{{ item }}", style="List Number" if not letter else "List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")


def make(kind: str, title: str) -> Path:
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    _letterhead(doc)
    _body(doc, letter=kind == "family_letter")
    props = doc.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.title = title
    props.comments = "casereview default template"
    path = OUT / f"{kind}.docx"
    doc.save(path)
    return path


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for kind, title in KINDS.items():
        print(make(kind, title))
