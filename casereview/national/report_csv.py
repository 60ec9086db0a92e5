"""The data behind every table of the overview report as CSV, suppressed as shown."""

from __future__ import annotations

import csv
import io
import zipfile

from .report import Overview, Table, shown


def table_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([shown(c) if isinstance(c, int) or c is None else c for c in row])
    return out.getvalue()


def all_tables_zip(overview: Overview) -> bytes:
    """Every table, one CSV each, in a zip with fixed timestamps (the same bytes each time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in overview.tables:
            info = zipfile.ZipInfo(f"{table.key}.csv", date_time=(2000, 1, 1, 0, 0, 0))
            archive.writestr(info, table_csv(table))
    return out.getvalue()
