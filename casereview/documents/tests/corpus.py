"""Files made in the test: well-formed ones of every allowed kind, and a corpus of hostile
ones, each with (a fragment of) the message that must refuse it."""

from __future__ import annotations

import gzip
import io
import struct
import zipfile
import zlib
from collections.abc import Callable

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from casereview.documents.malware import EICAR

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "docm": "application/vnd.ms-word.document.macroEnabled.main+xml",
}
MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "docm": "word/document.xml"}


def content_types(kind: str, doctype: bool = False) -> bytes:
    part = MAIN_PART[kind]
    head = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' if doctype else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f"{head}"
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{CONTENT_TYPES[kind]}"/></Types>'
    ).encode()


def make_zip(entries: dict[str, bytes], encrypted: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 3, 1, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    data = bytearray(out.getvalue())
    if encrypted:
        # Mark every entry as encrypted (bit 0 of the flags) in both of its headers.
        for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            at = data.find(signature)
            while at != -1:
                data[at + offset] |= 0x1
                at = data.find(signature, at + 4)
    return bytes(data)


def office(kind: str = "docx", extra: dict[str, bytes] | None = None, **options) -> bytes:
    body = b'<?xml version="1.0"?><w:document><w:body>Report text</w:body></w:document>'
    entries = {
        "[Content_Types].xml": content_types(kind, **options),
        "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
        MAIN_PART[kind]: body,
    }
    entries.update(extra or {})
    return make_zip(entries)


def pdf(body: bytes = b"BT /F1 12 Tf (Agency report) Tj ET") -> bytes:
    return (
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n"
        b"4 0 obj << /Length " + str(len(body)).encode() + b" >> stream\n" + body + b"\n"
        b"endstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


def pdf_with_catalog(entries: bytes) -> bytes:
    """The small hand-written PDF with `entries` written into its catalog as they are."""
    return pdf(b"").replace(b"/Type /Catalog", b"/Type /Catalog " + entries)


def made_pdf(build: Callable[[pikepdf.Pdf], None] | None = None, **save) -> bytes:
    """A PDF written by qpdf, its objects compressed in object streams (so no name of them
    appears in the file's bytes), changed by `build` first."""
    document = pikepdf.new()
    document.add_blank_page()
    if build:
        build(document)
    out = io.BytesIO()
    document.save(
        out, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True, **save
    )
    return out.getvalue()


def _open_action(action: Dictionary) -> Callable[[pikepdf.Pdf], None]:
    def build(document: pikepdf.Pdf) -> None:
        document.Root.OpenAction = document.make_indirect(action)

    return build


def _page_annotation(annotation: Dictionary) -> Callable[[pikepdf.Pdf], None]:
    def build(document: pikepdf.Pdf) -> None:
        document.pages[0].Annots = Array([document.make_indirect(annotation)])

    return build


def _attach(document: pikepdf.Pdf) -> None:
    document.attachments["invoice.exe"] = pikepdf.AttachedFileSpec(document, b"MZ payload")


def _page_events(document: pikepdf.Pdf) -> None:
    document.pages[0].AA = Dictionary(O=Dictionary(S=Name.URI, URI=String("http://x.invalid")))


def _xfa_form(document: pikepdf.Pdf) -> None:
    document.Root.AcroForm = Dictionary(Fields=Array([]), XFA=String("<xdp:xdp/>"))


def _script_tree(document: pikepdf.Pdf) -> None:
    script = Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))
    document.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([String("a"), script])))


def png(text: bytes = b"") -> bytes:
    """A one-pixel PNG; `text` goes into a tEXt chunk (any bytes) before the image data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    comment = chunk(b"tEXt", b"Comment\x00" + text) if text else b""
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + comment
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    return (
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        + (b"\x00" * 64)
        + b"\xff\xd9"
    )


# Web content after the first kilobyte, which the check does not read: such files are kept,
# and are only ever served as attachments that a browser will not render (docs/uploads.md).
_LATE_HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
HTML_AFTER_FIRST_KB = [
    (
        "late-html.txt",
        b"Meeting notes.\n" + b"x" * 1100 + b"\n" + _LATE_HTML,
        "text/plain; charset=utf-8",
    ),
    ("late-html.pdf", pdf(b"%" + b"x" * 1100 + b"\n" + _LATE_HTML), "application/pdf"),
    (
        "late-html.png",
        png(b"x" * 1100 + _LATE_HTML),
        "image/png",
    ),
]

GOOD = [
    ("police-imr.pdf", pdf(), "application/pdf"),
    (
        "chronology.docx",
        office("docx"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "chronology.xlsx",
        office("xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("genogram.png", png(), "image/png"),
    ("photo.JPEG", jpeg(), "image/jpeg"),
    ("notes.txt", "Meeting notes — naïve café\n".encode(), "text/plain; charset=utf-8"),
    ("contacts.csv", b"\xef\xbb\xbfdate,agency\n2026-03-01,Police\n", "text/csv; charset=utf-8"),
    ("Minutes v1.2.pdf", pdf(), "application/pdf"),
]

_BOMB = make_zip(
    {
        "[Content_Types].xml": content_types("docx"),
        "word/document.xml": b"<w:document/>" + b"\x00" * (40 * 1024 * 1024),
    }
)
_MANY = make_zip(
    {"[Content_Types].xml": content_types("docx"), "word/document.xml": b"<w/>"}
    | {f"word/part{i}.xml": b"" for i in range(1001)}
)
_PLAIN_ZIP = make_zip({"readme.txt": b"hello"})
_MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200

# (name the browser sends, content, a fragment of the message that refuses it)
HOSTILE = [
    ("bomb.docx", _BOMB, "too much data"),
    ("many.docx", _MANY, "too many parts"),
    ("nested.docx", office(extra={"word/inner.zip": _PLAIN_ZIP}), "must not contain other"),
    ("nested-magic.docx", office(extra={"word/media/a.png": _PLAIN_ZIP}), "must not contain"),
    ("gz-inside.docx", office(extra={"word/data.gz": gzip.compress(b"x")}), "must not contain"),
    ("embedded.docx", office(extra={"word/embeddings/sheet.xlsx": office("xlsx")}), "contain"),
    ("macro.docx", office(extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}), "macros"),
    ("macro-types.docx", office("docm"), "macros"),
    ("fake.docx", make_zip({"word/document.xml": b"<w/>"}), "must be a PDF"),
    ("archive.zip", _PLAIN_ZIP, "must be a PDF"),
    ("fake.xlsx", make_zip({"[Content_Types].xml": b"<Types/>"}), "must be a PDF"),
    ("xxe.docx", office(doctype=True), "must be a PDF"),
    ("locked.docx", office(), None),  # replaced below with an encrypted entry
    ("slip.docx", office(extra={"../../evil.xml": b"<x/>"}), "damaged"),
    ("truncated.docx", office()[:200], "damaged"),
    (
        "polyglot.pdf",
        b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n%%EOF\n",
        "web pages",
    ),
    ("page.pdf", b"<!DOCTYPE html><html><body>Hello</body></html>", "web pages"),
    (
        "drawing.png",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "web pages",
    ),
    ("drawing.svg", b'<?xml version="1.0"?><svg width="1" height="1"/>', "web pages"),
    ("notes.txt", b"Hello\n<SCRIPT src=//evil.example></SCRIPT>\n", "web pages"),
    ("table.csv", b"a,b\n<iframe src=x>,1\n", "web pages"),
    # The browser's name reaches the server as "passwd" (Django keeps the last part only).
    ("../../etc/passwd", b"root:x:0:0:root:/root:/bin/bash\n", ("folder path", "must be a PDF")),
    ("report.pdf.exe", pdf(), "one extension"),
    ("minutes.exe.pdf", pdf(), "one extension"),
    ("invoice.txt.js", b"alert(1)", "one extension"),
    ("nul.txt", b"Line one\x00Line two\n", "NUL"),
    ("escape.txt", b"Fine\x1b[31mred\n", "control characters"),
    ("latin1.txt", "café".encode("latin-1"), "UTF-8"),
    ("empty.pdf", b"", "empty"),
    ("program.pdf", _MZ, "must be a PDF"),
    ("program.exe", _MZ, "must be a PDF"),
    ("script.js", b"alert(document.cookie)", "must be a PDF"),
    ("active.pdf", pdf(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), "scripts"),
    ("launch.pdf", pdf(b"/OpenAction << /S /Launch /F (cmd.exe) >>"), "scripts"),
    ("cut.pdf", pdf()[:120], "damaged"),
    ("cut.png", png()[:30], "damaged"),
    ("pdf-named.png", pdf(), "rename it"),
    ("pdf-zip.pdf", pdf() + _PLAIN_ZIP, "only one"),
    ("jpeg-zip.jpg", jpeg() + _PLAIN_ZIP, "only one"),
    ("data.txt", gzip.compress(b"hello"), "must be a PDF"),
    ("rar.docx", b"Rar!\x1a\x07\x00" + b"\x00" * 50, "must be a PDF"),
    ("image.png", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "must be a PDF"),
    ("report.pdf ", pdf(), "space or dot"),
    ("report.", pdf(), "space or dot"),
    # Active PDF content with its names written with #xx escapes, which readers decode.
    (
        "escaped-js.pdf",
        pdf_with_catalog(b"/OpenAction << /S /Java#53cript /J#53 (app.alert(1)) >>"),
        "scripts",
    ),
    (
        "escaped-launch.pdf",
        pdf_with_catalog(b"/OpenAction << /S/L#61unch /F (cmd.exe) >>"),
        "scripts",
    ),
    ("escaped-key.pdf", pdf_with_catalog(b"/Op#65nAction << /S /URI /URI (x) >>"), "scripts"),
    # ... and inside compressed object streams, where the file's bytes show no name at all.
    (
        "compressed-js.pdf",
        made_pdf(_open_action(Dictionary(S=Name.JavaScript, JS=String("app.alert(1)")))),
        "scripts",
    ),
    ("named-scripts.pdf", made_pdf(_script_tree), "scripts"),
    ("compressed-launch.pdf", made_pdf(_open_action(Dictionary(S=Name.Launch))), "scripts"),
    ("page-events.pdf", made_pdf(_page_events), "scripts"),
    ("attached.pdf", made_pdf(_attach), "attached files"),
    (
        "submit.pdf",
        made_pdf(_open_action(Dictionary(S=Name.SubmitForm, F=String("http://x.invalid")))),
        "send data",
    ),
    (
        "import.pdf",
        made_pdf(_open_action(Dictionary(S=Name.ImportData, F=String("a.fdf")))),
        "scripts",
    ),
    (
        "remote.pdf",
        made_pdf(_open_action(Dictionary(S=Name.GoToR, F=String("\\\\host\\a.pdf")))),
        "scripts",
    ),
    ("xfa.pdf", made_pdf(_xfa_form), "scripts"),
    (
        "rich-media.pdf",
        made_pdf(_page_annotation(Dictionary(Type=Name.Annot, Subtype=Name.RichMedia))),
        "scripts",
    ),
    (
        "file-annotation.pdf",
        made_pdf(_page_annotation(Dictionary(Type=Name.Annot, Subtype=Name.FileAttachment))),
        "attached files",
    ),
    ("locked.pdf", made_pdf(encryption=pikepdf.Encryption(user="secret", owner="x")), "password"),
    ("garbled.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog \n%%EOF\n", "damaged"),
    # The EICAR anti-virus test file: refused by the built-in check without a scanner.
    ("eicar.txt", EICAR, "virus"),
    ("eicar.csv", EICAR + b"\r\n", "virus"),
    (
        "eicar.pdf",
        pdf(b"% " + EICAR),
        "virus",
    ),
]
HOSTILE[HOSTILE.index(next(h for h in HOSTILE if h[0] == "locked.docx"))] = (
    "locked.docx",
    make_zip(
        {"[Content_Types].xml": content_types("docx"), "word/document.xml": b"<w/>"},
        encrypted=True,
    ),
    "password",
)


def word(*paragraphs: str) -> bytes:
    """A real Word document (python-docx), one paragraph a string: a board's own template."""
    from docx import Document as WordDocument

    document = WordDocument()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_parts(
    data: bytes, extra: dict[str, bytes], replace: dict[str, bytes] | None = None
) -> bytes:
    """The Office file `data` with parts added (`extra`) or rewritten (`replace`)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry, (replace or {}).get(entry.filename, source.read(entry)))
        for name, content in extra.items():
            target.writestr(name, content)
    return out.getvalue()
