"""A corpus of hostile uploads, made by code (no binary file is committed), and a multipart
encoder that sends each file's name exactly as a hostile client would.

`corpus()` returns the files; `write_corpus(folder)` writes them into a folder (names made
safe, with an index of the names as sent) for looking at them or feeding another tool.
`python -m tests.security.hostile FOLDER` does that from the command line.

Each file says whether its *content* is harmless (`content_ok`): a well-formed PDF sent
with a path-traversal name or a wrong content type may be stored, but only under a
server-made name with the type sniffed from its content. Every other file must be refused.
"""

from __future__ import annotations

import io
import json
import sys
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Dictionary, Name, String

from casereview.documents.malware import EICAR

OVERSIZE = 20 * 1024 * 1024 + 1  # the default limit (CASEREVIEW_DOCUMENT_MAX_BYTES) + 1


@dataclass(frozen=True)
class Hostile:
    name: str  # the file name the client sends, byte for byte (path parts, NUL, RLO ...)
    data: bytes
    content_type: str  # the type the client claims
    category: str
    content_ok: bool = False  # the content itself is a harmless, allowed kind


# ----------------------------------------------------------------------------- builders
def _zip(entries: dict[str, bytes], stored: bool = False) -> bytes:
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 3, 1, 12, 0, 0))
            info.compress_type = method
            archive.writestr(info, data)
    return out.getvalue()


_WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MACRO = "application/vnd.ms-word.document.macroEnabled.main+xml"


def _types(main_type: str = _WORD) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main_type}"/></Types>'
    ).encode()


def _docx(extra: dict[str, bytes] | None = None, main_type: str = _WORD, **kw) -> bytes:
    entries = {
        "[Content_Types].xml": _types(main_type),
        "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
        "word/document.xml": b'<?xml version="1.0"?><w:document><w:body>Text</w:body></w:document>',
    }
    entries.update(extra or {})
    return _zip(entries, **kw)


def _pdf(body: bytes = b"BT /F1 12 Tf (Agency report) Tj ET", catalog: bytes = b"") -> bytes:
    return (
        b"%PDF-1.7\n1 0 obj << /Type /Catalog " + catalog + b" /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n"
        b"4 0 obj << /Length " + str(len(body)).encode() + b" >> stream\n" + body + b"\n"
        b"endstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


def _made_pdf(open_action: Dictionary | None = None, scripts: bool = False) -> bytes:
    """A PDF written by qpdf with object streams, so no active name shows in its bytes."""
    document = pikepdf.new()
    document.add_blank_page()
    if open_action is not None:
        document.Root.OpenAction = document.make_indirect(open_action)
    if scripts:
        script = Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))
        document.Root.Names = Dictionary(
            JavaScript=Dictionary(Names=pikepdf.Array([String("a"), script]))
        )
    out = io.BytesIO()
    document.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)
    return out.getvalue()


def _png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


_SCRIPT = b"<script>alert(document.cookie)</script>"
_HTML = b"<!DOCTYPE html><html><body>" + _SCRIPT + b"</body></html>"
_SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">' + (
    _SCRIPT + b"</svg>"
)
_GIF_JS = b"GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=1;alert(document.cookie);/*;*/"
_ZEROS = b"\x00" * (40 * 1024 * 1024)


def corpus() -> list[Hostile]:
    """The hostile files: at least 30, each a different attack."""
    flat_bomb = _zip({"zeros.bin": _ZEROS})
    nested_bomb = _zip({f"layer{i}.zip": flat_bomb for i in range(10)})
    good_pdf = _pdf()
    files = [
        # Zip bombs: flat (one huge entry) and nested (archives of archives).
        Hostile("bomb-flat.zip", flat_bomb, "application/zip", "zip bomb"),
        Hostile(
            "bomb-flat.docx",
            _docx({"word/document.xml": b"<w:document/>" + _ZEROS}),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "zip bomb",
        ),
        Hostile("bomb-nested.zip", nested_bomb, "application/zip", "zip bomb"),
        Hostile(
            "bomb-nested.docx",
            _docx({"word/embeddings/bomb.zip": nested_bomb}),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "zip bomb",
        ),
        # Polyglots: one file that is two things.
        Hostile(
            "polyglot-pdf-html.pdf",
            b"%PDF-1.4\n" + _HTML + b"\n%%EOF\n",
            "application/pdf",
            "polyglot",
        ),
        Hostile("polyglot-html-pdf.pdf", _HTML + b"\n" + good_pdf, "application/pdf", "polyglot"),
        Hostile(
            "polyglot-pdf-zip.pdf",
            good_pdf + _zip({"a.txt": b"x"}),
            "application/pdf",
            "polyglot",
        ),
        Hostile("polyglot-gif-js.gif", _GIF_JS, "image/gif", "polyglot"),
        Hostile("polyglot-gif-js.png", _GIF_JS, "image/png", "polyglot"),
        Hostile("polyglot-png-zip.png", _png() + _zip({"a.txt": b"x"}), "image/png", "polyglot"),
        # Script-bearing SVG and HTML, under their own names and others.
        Hostile("drawing.svg", _SVG, "image/svg+xml", "script-bearing"),
        Hostile("drawing.png", _SVG, "image/png", "script-bearing"),
        Hostile("page.html", _HTML, "text/html", "script-bearing"),
        Hostile("page.txt", _HTML, "text/plain", "script-bearing"),
        Hostile("letter.pdf", _HTML, "application/pdf", "script-bearing"),
        # PDF active content.
        Hostile(
            "javascript.pdf",
            _pdf(catalog=b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
            "application/pdf",
            "active PDF",
        ),
        Hostile(
            "openaction.pdf",
            _pdf(catalog=b"/OpenAction << /S /URI /URI (https://evil.invalid/) >>"),
            "application/pdf",
            "active PDF",
        ),
        Hostile(
            "launch.pdf",
            _pdf(catalog=b"/OpenAction << /S /Launch /F (cmd.exe) >>"),
            "application/pdf",
            "active PDF",
        ),
        Hostile(
            "compressed-launch.pdf",
            _made_pdf(Dictionary(S=Name.Launch, F=String("cmd.exe"))),
            "application/pdf",
            "active PDF",
        ),
        Hostile("named-scripts.pdf", _made_pdf(scripts=True), "application/pdf", "active PDF"),
        # Word with macros.
        Hostile(
            "macros.docm",
            _docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"}, main_type=_MACRO),
            "application/vnd.ms-word.document.macroEnabled.12",
            "macros",
        ),
        Hostile(
            "macros.docx",
            _docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"}, main_type=_MACRO),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "macros",
        ),
        # Double extensions.
        Hostile("report.pdf.exe", good_pdf, "application/octet-stream", "double extension"),
        Hostile("report.docx.js", b"alert(1)", "application/javascript", "double extension"),
        Hostile("logo.png.html", _HTML, "image/png", "double extension"),
        # Names that try to leave the folder or fool the reader.
        Hostile("../../etc/passwd.pdf", good_pdf, "application/pdf", "name", content_ok=True),
        Hostile("/etc/passwd.pdf", good_pdf, "application/pdf", "name", content_ok=True),
        Hostile(
            "..\\..\\windows\\system32\\report.pdf",
            good_pdf,
            "application/pdf",
            "name",
            content_ok=True,
        ),
        Hostile("../../", good_pdf, "application/pdf", "name"),
        Hostile("report\x00.pdf", good_pdf, "application/pdf", "name", content_ok=True),
        Hostile("report.pdf\x00.exe", b"MZ\x90\x00" + b"\x00" * 60, "application/pdf", "name"),
        # Django cuts a name to 255 characters, keeping the extension.
        Hostile("a" * 300 + ".pdf", good_pdf, "application/pdf", "name", content_ok=True),
        Hostile("report\u202efdp.exe", b"MZ\x90\x00" + b"\x00" * 60, "application/pdf", "name"),
        Hostile("photo\u202egnp.js", b"alert(1)", "image/png", "name"),
        # Oversize.
        Hostile(
            "oversize.pdf",
            good_pdf[:-6] + b"%" + b"x" * (OVERSIZE - len(good_pdf)) + b"\n%%EOF\n",
            "application/pdf",
            "oversize",
        ),
        # The EICAR anti-virus test string: as it is, zipped, inside a PDF, inside a docx.
        Hostile("eicar.txt", EICAR, "text/plain", "EICAR"),
        Hostile("eicar.zip", _zip({"eicar.com": EICAR}), "application/zip", "EICAR"),
        Hostile("eicar.pdf", _pdf(b"% " + EICAR), "application/pdf", "EICAR"),
        Hostile(
            "eicar.docx",
            _docx({"word/eicar.txt": EICAR}, stored=True),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "EICAR",
        ),
        # Empty, and wrong content types.
        Hostile("empty.pdf", b"", "application/pdf", "empty"),
        Hostile("notes.txt", b"Meeting\n" + _SCRIPT, "text/plain", "wrong content type"),
        Hostile("report.pdf", good_pdf, "text/html", "wrong content type", content_ok=True),
        Hostile("logo.png", good_pdf, "image/png", "wrong content type"),
        Hostile("program.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf", "executable"),
    ]
    return files


# -------------------------------------------------------------------- sending and writing
def multipart(fields: dict[str, str], file_field: str, file: Hostile) -> tuple[bytes, str]:
    """A multipart/form-data body with the file's name and type exactly as given (Django's
    test client would strip the folder part of the name before sending it)."""
    boundary = f"hostile{uuid.uuid4().hex}"
    out = io.BytesIO()
    for key, value in fields.items():
        out.write(f"--{boundary}\r\n".encode())
        out.write(f'Content-Disposition: form-data; name="{key}"\r\n\r\n'.encode())
        out.write(value.encode() + b"\r\n")
    out.write(f"--{boundary}\r\n".encode())
    out.write(
        f'Content-Disposition: form-data; name="{file_field}"; filename="'.encode()
        + file.name.replace('"', "%22").encode("utf-8", "surrogateescape")
        + b'"\r\n'
    )
    out.write(f"Content-Type: {file.content_type}\r\n\r\n".encode())
    out.write(file.data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def write_corpus(folder: Path) -> list[Path]:
    """Write every file into `folder` under a safe numbered name (the hostile names could
    escape it) with `index.json` mapping them to the names as sent."""
    folder.mkdir(parents=True, exist_ok=True)
    index, written = [], []
    for number, file in enumerate(corpus(), 1):
        path = folder / f"{number:02d}.bin"
        path.write_bytes(file.data)
        written.append(path)
        index.append(
            {
                "file": path.name,
                "name_sent": file.name,
                "content_type_sent": file.content_type,
                "category": file.category,
                "size": len(file.data),
            }
        )
    (folder / "index.json").write_text(json.dumps(index, indent=2, ensure_ascii=True))
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m tests.security.hostile FOLDER")
    print(f"{len(write_corpus(Path(sys.argv[1])))} hostile files written to {sys.argv[1]}")
