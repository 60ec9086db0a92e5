"""What may be uploaded: decided by the content (magic bytes and structure), never by the
name a browser sends. Everything not recognised as one of the allowed kinds is refused.

`check_upload(name, data)` returns the sniffed kind or raises ValidationError with a message
fit to show beside the file field. PDFs are parsed for active content (pdf_content.py) and
every accepted file passes the malware check last (malware.py). See docs/uploads.md.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

from . import malware, pdf_content

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A zip archive (DOCX, XLSX) may inflate to at most this much in total ...
ZIP_MAX_TOTAL = 100 * 1024 * 1024
# ... and to at most this many times its own size, once past ZIP_RATIO_FLOOR (small office
# files with a few kilobytes of XML legitimately compress more than tenfold).
ZIP_MAX_RATIO = 10
ZIP_RATIO_FLOOR = 2 * 1024 * 1024
ZIP_MAX_ENTRIES = 1000
# Web content that a browser could run if it ever rendered the file.
ACTIVE_MARKERS = (b"<script", b"<html", b"<svg", b"<!doctype html", b"<iframe", b"<object")
# Extensions that must not appear inside a name ("report.pdf.exe", "minutes.exe.pdf").
KNOWN_EXTENSIONS = {
    "apk", "app", "bat", "bin", "cab", "cmd", "com", "cpl", "csv", "dll", "dmg", "doc",
    "docm", "docx", "exe", "gz", "hta", "htm", "html", "iso", "jar", "jpeg", "jpg", "js",
    "jse", "lnk", "msi", "odt", "pdf", "php", "pif", "png", "ps1", "py", "rar", "reg",
    "rtf", "scr", "sh", "svg", "sys", "tar", "tgz", "txt", "vb", "vbe", "vbs", "wsf",
    "xls", "xlsm", "xlsx", "xml", "zip", "7z",
}  # fmt: skip
ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"BZh")
ARCHIVE_NAMES = (".zip", ".gz", ".tgz", ".tar", ".7z", ".rar", ".jar", ".bz2", ".xz")
ARCHIVE_NAMES += (".docx", ".xlsx", ".pptx", ".docm", ".xlsm", ".odt", ".ods", ".cab")

ALLOWED = "a PDF, Word (DOCX), Excel (XLSX), PNG, JPEG, text or CSV file"


@dataclass(frozen=True)
class Kind:
    content_type: str
    extension: str
    label: str
    # Names a user's file may end with for this content.
    extensions: tuple[str, ...]


PDF = Kind("application/pdf", "pdf", "PDF", ("pdf",))
DOCX = Kind(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
    "Word document",
    ("docx",),
)
XLSX = Kind(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xlsx",
    "Excel spreadsheet",
    ("xlsx",),
)
PNG = Kind("image/png", "png", "PNG image", ("png",))
JPEG = Kind("image/jpeg", "jpg", "JPEG image", ("jpg", "jpeg"))
TEXT = Kind("text/plain; charset=utf-8", "txt", "Text", ("txt",))
CSV = Kind("text/csv; charset=utf-8", "csv", "CSV", ("csv",))

_OFFICE_MAIN = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": (
        DOCX,
        "word/document.xml",
    ),
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": (
        XLSX,
        "xl/workbook.xml",
    ),
}


def max_bytes() -> int:
    return int(getattr(settings, "DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def check_name(name: str) -> str:
    """The file's extension (lower case) if the name is acceptable."""
    if not name or not name.strip():
        raise _refuse("The selected file must have a name", "name_missing")
    if len(name) > 255:
        raise _refuse("The file name must be 255 characters or fewer", "name_long")
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name):
        raise _refuse("The file name must not contain control characters", "name_control")
    if "/" in name or "\\" in name or ".." in name or name.startswith("."):
        raise _refuse("The file name must not contain a folder path", "name_path")
    if name != name.strip() or name.endswith("."):
        raise _refuse("The file name must not start or end with a space or dot", "name_edge")
    parts = name.lower().split(".")
    if len(parts) < 2 or not parts[-1]:
        raise _refuse(f"The selected file must be {ALLOWED}", "name_extension")
    if any(p.strip() in KNOWN_EXTENSIONS for p in parts[1:-1]):
        raise _refuse(
            "The file name must have one extension only, such as report.pdf", "name_double"
        )
    return parts[-1]


def _check_zip(data: bytes) -> Kind:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise _refuse("The selected file is damaged and cannot be read", "zip_bad") from None
    if len(entries) > ZIP_MAX_ENTRIES:
        raise _refuse("The selected file contains too many parts to check", "zip_entries")
    names = {e.filename for e in entries}
    if len(names) != len(entries):
        raise _refuse("The selected file is damaged and cannot be read", "zip_duplicate")
    budget = min(ZIP_MAX_TOTAL, max(ZIP_MAX_RATIO * len(data), ZIP_RATIO_FLOOR))
    total = 0
    for entry in entries:
        lower = entry.filename.lower()
        if entry.flag_bits & 0x1:
            raise _refuse("The selected file must not be password protected", "zip_encrypted")
        if lower.startswith(("/", "\\")) or ".." in lower or ":" in lower:
            raise _refuse("The selected file is damaged and cannot be read", "zip_path")
        if lower.endswith(ARCHIVE_NAMES) or lower.endswith("vbaproject.bin"):
            raise _refuse(
                "The selected file must not contain other files, archives or macros", "zip_nested"
            )
        # Inflate every part with a running budget: the sizes in the headers may lie.
        try:
            with archive.open(entry) as stream:
                head = stream.read(8)
                if head.startswith(ARCHIVE_MAGIC):
                    raise _refuse(
                        "The selected file must not contain other files, archives or macros",
                        "zip_nested",
                    )
                total += len(head)
                while chunk := stream.read(64 * 1024):
                    total += len(chunk)
                    if total > budget:
                        break
        except ValidationError:
            raise
        except Exception:
            raise _refuse("The selected file is damaged and cannot be read", "zip_bad") from None
        if total > budget:
            raise _refuse("The selected file expands to too much data when opened", "zip_bomb")
    if "[Content_Types].xml" not in names:
        raise _refuse(f"The selected file must be {ALLOWED}", "zip_not_office")
    types = archive.read("[Content_Types].xml")
    if b"<!doctype" in types.lower() or b"<!entity" in types.lower():
        raise _refuse(f"The selected file must be {ALLOWED}", "zip_not_office")
    if b"macroEnabled" in types:
        raise _refuse(
            "The selected file must not contain other files, archives or macros", "zip_nested"
        )
    for marker, (kind, main_part) in _OFFICE_MAIN.items():
        if marker in types and main_part in names:
            return kind
    raise _refuse(f"The selected file must be {ALLOWED}", "zip_not_office")


def _is_zip(data: bytes) -> bool:
    try:
        return zipfile.is_zipfile(io.BytesIO(data))
    except Exception:
        return False


def _check_text(data: bytes, extension: str, windows_text: bool = False) -> Kind:
    if b"\x00" in data:
        raise _refuse("The selected file must not contain NUL characters", "text_nul")
    body = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None and windows_text and not data.startswith(b"\xef\xbb\xbf"):
        try:
            # Excel's "CSV" on Windows: a chronology import reads it as Windows-1252.
            text = body.decode("cp1252")
        except UnicodeDecodeError:
            text = None
    if text is None:
        raise _refuse(
            f"The selected file must be {ALLOWED} (text must be saved as UTF-8)", "text_encoding"
        ) from None
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r\f" for c in text):
        raise _refuse("The selected file must not contain control characters", "text_control")
    return CSV if extension == "csv" else TEXT


def _check_pdf(data: bytes) -> None:
    try:
        found = pdf_content.active_content(data)
    except pdf_content.PasswordProtectedPdf:
        raise _refuse("The selected file must not be password protected", "pdf_encrypted") from None
    except pdf_content.UnreadablePdf:
        raise _refuse("The selected file is damaged and cannot be read", "pdf_bad") from None
    except pdf_content.TooComplexPdf:
        raise _refuse("The selected PDF contains too many parts to check", "pdf_complex") from None
    if found:
        raise _refuse(
            "The selected PDF must not contain scripts, actions that run by themselves, "
            "attached files or forms that send data",
            "pdf_active",
        )


def sniff(data: bytes, extension: str, windows_text: bool = False) -> Kind:
    """The kind of `data` by its content; raises ValidationError for anything else."""
    head = data[:1024].lower()
    if any(marker in head for marker in ACTIVE_MARKERS):
        raise _refuse(
            "The selected file must not contain web pages, images drawn in SVG or scripts",
            "active_content",
        )
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-2048:]:
            raise _refuse("The selected file is damaged and cannot be read", "pdf_bad")
        _check_pdf(data)
        kind = PDF
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        if data[12:16] != b"IHDR" or b"IEND" not in data[-12:]:
            raise _refuse("The selected file is damaged and cannot be read", "png_bad")
        kind = PNG
    elif data.startswith(b"\xff\xd8\xff"):
        if b"\xff\xd9" not in data[-1024:]:
            raise _refuse("The selected file is damaged and cannot be read", "jpeg_bad")
        kind = JPEG
    elif data.startswith(b"PK\x03\x04"):
        return _check_zip(data)
    elif data.startswith(ARCHIVE_MAGIC):
        raise _refuse(f"The selected file must be {ALLOWED}", "archive")
    elif extension in ("txt", "csv"):
        kind = _check_text(data, extension, windows_text)
    else:
        raise _refuse(f"The selected file must be {ALLOWED}", "unknown_type")
    # A file that is also a zip archive (a polyglot) is two things at once: refuse it.
    if _is_zip(data):
        raise _refuse(f"The selected file must be {ALLOWED}, and only one of them", "polyglot")
    return kind


def _size(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit / (1024 * 1024):g} MB"
    return f"{limit / 1024:g} KB"


def check_upload(name: str, data: bytes, windows_text: bool = False) -> Kind:
    """Check a whole upload (name and content); return what it is. `windows_text` also
    accepts text that is Windows-1252 rather than UTF-8 (a chronology file from Excel)."""
    extension = check_name(name)
    if not data:
        raise _refuse("The selected file is empty", "empty")
    limit = max_bytes()
    if len(data) > limit:
        raise _refuse(f"The selected file must be smaller than {_size(limit)}", "too_big")
    kind = sniff(data, extension, windows_text)
    if extension not in kind.extensions:
        raise _refuse(
            f"The selected file is a {kind.label} but its name ends .{extension}: "
            f"rename it to end .{kind.extension}",
            "extension_mismatch",
        )
    malware.check(data)
    return kind
