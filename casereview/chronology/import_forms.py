"""The form of the chronology upload page."""

from __future__ import annotations

from django import forms

from casereview.lib.forms import GovukForm


class ChronologyFileForm(GovukForm):
    file = forms.FileField(
        label="Upload the chronology file",
        allow_empty_file=True,  # the documents app refuses it, with its own message
        help_text="CSV or Excel (XLSX), smaller than 20 MB, with the template's column headings",
        error_messages={"required": "Select a chronology file"},
    )
