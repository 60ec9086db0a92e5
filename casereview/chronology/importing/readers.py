"""Readers that stream a chronology file row by row, never holding the whole file: CSV
through the csv module on a text wrapper (UTF-8 with or without a byte-order mark, else
Windows-1252), XLSX through openpyxl in read-only mode. Each yields (row number as the
spreadsheet shows it, cell values); the header is row 1."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path

CHUNK = 64 * 1024
BOM = codecs.BOM_UTF8


def detect_encoding(path: Path) -> str:
    """utf-8-sig when the file starts with a byte-order mark, utf-8 when every byte decodes
    as UTF-8 (checked in chunks), else cp1252 (Excel's "CSV" on Windows)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        first = handle.read(CHUNK)
        if first.startswith(BOM):
            return "utf-8-sig"
        chunk = first
        try:
            while chunk:
                decoder.decode(chunk)
                chunk = handle.read(CHUNK)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def csv_rows(path: Path) -> Iterator[tuple[int, list]]:
    encoding = detect_encoding(path)
    with path.open("rb") as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")
        first_line = text.readline()
        text.seek(0)
        reader = csv.reader(text, delimiter=_delimiter(first_line))
        # A quoted cell may span lines: the spreadsheet's row is the record's number.
        yield from enumerate(reader, start=1)


def xlsx_rows(path: Path) -> Iterator[tuple[int, list]]:
    from openpyxl import load_workbook

    handle = path.open("rb")  # a stored document has no extension for openpyxl to check
    workbook = load_workbook(handle, read_only=True, data_only=True)
    try:
        sheet = workbook["Chronology"] if "Chronology" in workbook.sheetnames else workbook.active
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(values)
    finally:
        workbook.close()
        handle.close()


def rows_of(path: Path, extension: str) -> Iterator[tuple[int, list]]:
    return xlsx_rows(path) if extension == "xlsx" else csv_rows(path)


def is_blank(values) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)
