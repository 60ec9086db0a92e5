"""The leak check of a rendered report: the text read back out of the PDF or Word file,
part by part (text, metadata, headers, footers, alternative text, bookmarks), searched for
the review's register terms. A finding names the term's kind and where it was, never the
term (which is personal data)."""

from __future__ import annotations

import io
import re
import zipfile
from html import unescape

from .anonymiser import Anonymiser, Term

TEXT = "text"
METADATA = "metadata"
HEADERS = "headers"
FOOTERS = "footers"
ALT_TEXT = "alternative text"
BOOKMARKS = "bookmarks"
NOTES = "notes or comments"


def pdf_parts(data: bytes) -> list[tuple[str, str]]:
    """(where, text) of a PDF: the text of every page (pypdf), the document information and
    XMP metadata, the structure tree's alternative and actual text, and the bookmarks."""
    import pikepdf
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    parts = [(TEXT, page.extract_text() or "") for page in reader.pages]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        parts += [(METADATA, str(value)) for value in pdf.docinfo.values()]
        if "/Metadata" in pdf.Root:
            parts.append(
                (METADATA, _xml_text(pdf.Root.Metadata.read_bytes().decode("utf-8", "replace")))
            )
        if "/StructTreeRoot" in pdf.Root:
            parts += [(ALT_TEXT, text) for text in _structure_text(pdf.Root.StructTreeRoot)]
        with pdf.open_outline() as outline:
            parts += [(BOOKMARKS, title) for title in _outline_titles(outline.root)]
    return parts


def _structure_text(root) -> list[str]:
    import pikepdf

    found, stack, seen = [], [root], set()
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
            continue
        if not isinstance(node, pikepdf.Dictionary):
            continue
        key = node.objgen
        if key != (0, 0):
            if key in seen:
                continue
            seen.add(key)
        for name in ("/Alt", "/ActualText", "/E", "/T"):
            if name in node:
                found.append(str(node[name]))
        if "/K" in node:
            stack.append(node.K)
    return found


def _outline_titles(items) -> list[str]:
    titles = []
    for item in items:
        titles.append(item.title or "")
        titles += _outline_titles(item.children)
    return titles


_RUN_TEXT = re.compile(
    r"<w:(?:t|delText|instrText)(?:\s[^>]*)?>([^<]*)</w:(?:t|delText|instrText)>"
)
_PARAGRAPH_END = re.compile(r"</w:p>|<w:br/>|<w:tab/>")
_DESCRIBED = re.compile(r"<(?:wp|pic):cNvPr\b[^>]*|<wp:docPr\b[^>]*")
_ATTRIBUTE = re.compile(r'\b(?:descr|title|name)="([^"]*)"')


def docx_parts(data: bytes) -> list[tuple[str, str]]:
    """(where, text) of a Word file, read from its XML parts directly so that nothing is
    missed: the body, headers, footers, footnotes and comments, the alternative text of
    every picture and shape, and the core, app and custom properties."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not name.endswith(".xml"):
                continue
            xml = archive.read(name).decode("utf-8", "replace")
            if name.startswith("docProps/"):
                parts.append((METADATA, _xml_text(xml)))
                continue
            if not name.startswith("word/"):
                continue
            base = name.removeprefix("word/")
            where = (
                HEADERS
                if base.startswith("header")
                else FOOTERS
                if base.startswith("footer")
                else NOTES
                if base.startswith(("footnotes", "endnotes", "comments"))
                else TEXT
            )
            parts.append((where, _word_text(xml)))
            for tag in _DESCRIBED.findall(xml):
                parts += [(ALT_TEXT, unescape(v)) for v in _ATTRIBUTE.findall(tag) if v]
    return parts


def _word_text(xml: str) -> str:
    xml = _PARAGRAPH_END.sub(lambda m: "\n" if m.group() != "<w:tab/>" else "\t", xml)
    pieces = []
    for chunk in xml.split("\n"):
        pieces.append("".join(unescape(t) for t in _RUN_TEXT.findall(chunk)))
    return "\n".join(pieces)


def _xml_text(xml: str) -> str:
    """The text of an XML document, with its elements' ends as line breaks."""
    return unescape(re.sub(r"<[^>]+>", "\n", xml))


def find(terms: list[Term], parts: list[tuple[str, str]]) -> list[dict]:
    """Each register kind found, and where: [{"kind": "person", "where": "metadata"}]."""
    if not terms:
        return []
    anonymiser = Anonymiser(terms)
    found: list[dict] = []
    for where, text in parts:
        for _, _, kind in anonymiser.register_hits(text):
            leak = {"kind": kind, "where": where}
            if leak not in found:
                found.append(leak)
    return found
