"""The XLSX template an agency fills in: a "Chronology" sheet with the column headings, the
lists that Excel checks (child seen; agency) and text-formatted date cells, plus an "Example"
sheet with one filled-in row. The importer reads the "Chronology" sheet when there is one,
so the example is never imported."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from .columns import COLUMNS

ROWS = 2000
WIDTHS = {"date": 22, "agency": 28, "source_ref": 22, "practitioner_role": 24, "event": 50,
          "decision": 40, "child_seen": 14, "analysis": 50}  # fmt: skip


def _example(agency_name: str) -> dict:
    return {
        "date": "12/03/2019 14:30",
        "agency": agency_name,
        "source_ref": "REF-0001",
        "practitioner_role": "Health visitor",
        "event": "Home visit: the child was seen asleep; the mother said the baby fed well",
        "decision": "Next visit booked for four weeks",
        "child_seen": "yes",
        "analysis": "The visit followed the agency's procedure for new births",
    }


def _headed(sheet) -> None:
    for number, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=number, value=column.title)
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = WIDTHS[column.key]
    sheet.freeze_panes = "A2"


def _letter(key: str) -> str:
    return "ABCDEFGH"[[c.key for c in COLUMNS].index(key)]


def template_for(agency_name: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Chronology"
    _headed(sheet)
    # Dates as text: Excel on a US-configured machine would otherwise turn 03/04 into 4 March.
    for row in range(2, ROWS + 2):
        sheet[f"{_letter('date')}{row}"].number_format = "@"
    lists = workbook.create_sheet("Lists")
    lists.sheet_state = "hidden"
    for row, value in enumerate(("yes", "no", "unknown"), start=1):
        lists.cell(row=row, column=1, value=value)
    lists.cell(row=1, column=2, value=agency_name)
    for key, source, title in (
        ("child_seen", "Lists!$A$1:$A$3", "Child seen"),
        ("agency", "Lists!$B$1:$B$1", "Agency"),
    ):
        validation = DataValidation(
            type="list",
            formula1=f"={source}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=title,
            error=f"Choose the {title.lower()} from the list",
        )
        validation.add(f"{_letter(key)}2:{_letter(key)}{ROWS + 1}")
        sheet.add_data_validation(validation)
    example = workbook.create_sheet("Example")
    _headed(example)
    values = _example(agency_name)
    for number, column in enumerate(COLUMNS, start=1):
        example.cell(row=2, column=number, value=values[column.key])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
