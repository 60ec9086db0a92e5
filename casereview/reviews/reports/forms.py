"""Forms of the agency reports pages (individual management reviews)."""

from __future__ import annotations

from django import forms

from casereview.accounts.models import Agency
from casereview.lib.date_rules import clean_form_dates
from casereview.lib.forms import GovukDateField, GovukForm

from ..dates import REPORT_DATES, REQUEST_DATES

# The sections of the report (DOMAIN.md §3, IMR standard format 2010), in order.
SECTIONS: list[tuple[str, str, tuple[str, ...]]] = [
    (
        "header",
        "About the author",
        ("author_role", "author_independence", "records_secured_on"),
    ),
    ("context", "Context", ("context",)),
    ("methodology", "Methodology", ("methodology",)),
    # The agency's chronology, linked from the report (reports/chronology_link.py); a report
    # written before it keeps its free-text summary, shown read only.
    ("chronology", "Chronology of involvement", ()),
    ("analysis", "Analysis", ("analysis",)),
    ("lessons", "Lessons", ("lessons",)),
    ("recommendations", "Recommendations", ("recommendations",)),
    ("action-plan", "Agency action plan", ("action_plan",)),
    (
        "sign-off",
        "Senior sign-off",
        ("senior_sign_off_name", "senior_sign_off_role", "signed_off_on"),
    ),
]
REPORT_FIELDS = [name for _, _, names in SECTIONS for name in names]
SIGN_OFF_FIELDS = ("senior_sign_off_name", "senior_sign_off_role", "signed_off_on")
FILE_HINT = "PDF, Word (DOCX), Excel (XLSX), PNG, JPEG, text or CSV, smaller than 20 MB"


def _text(label: str, help_text: str = "", rows: int = 5) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class RequestReportForm(GovukForm):
    agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.none(), empty_label="Choose an agency"
    )
    due_on = GovukDateField(label="Due date", help_text="For example, 27 6 2026")

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies

    def clean(self):
        data = super().clean()
        clean_form_dates(self, REQUEST_DATES)
        return data


class ReportForm(GovukForm):
    """Every section of the report; all optional while drafting, all needed to submit (the
    service checks that). `file` is a file to attach, saved with the text in one request."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    author_role = forms.CharField(
        label="Author's role",
        max_length=150,
        required=False,
        help_text="The job title of the person writing this report",
    )
    author_independence = _text(
        "How the author is independent of the case",
        "The author must not have been directly involved with the child or family, nor "
        "have managed those who were",
        3,
    )
    records_secured_on = GovukDateField(
        label="Date the agency's records were secured",
        required=False,
        help_text="For example, 12 3 2026",
    )
    context = _text(
        "Context",
        "Workload, staffing, organisational change, supervision, services available, training",
    )
    methodology = _text("Methodology", "Documents read and people interviewed")
    analysis = _text("Analysis", "What was done well, what was not, and why", 8)
    lessons = _text("Lessons for the agency")
    recommendations = _text("Recommendations", "One a line")
    action_plan = _text("Action plan", "For each recommendation: what, who, by when")
    senior_sign_off_name = forms.CharField(
        label="Name of the senior officer who signs off", max_length=150, required=False
    )
    senior_sign_off_role = forms.CharField(label="Their role", max_length=150, required=False)
    signed_off_on = GovukDateField(
        label="Date signed off", required=False, help_text="For example, 2 6 2026"
    )

    file = forms.FileField(
        label="Attach a file",
        required=False,
        allow_empty_file=True,  # the documents app refuses it, with its own message
        help_text=f"{FILE_HINT}. Your text is saved when you attach it.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in REPORT_FIELDS:
            # Not marked "(optional)": a draft may leave it empty, a submission may not.
            self.fields[name].needed_later = True

    def clean(self):
        # A draft keeps the same date rules as a submission.
        data = super().clean()
        clean_form_dates(self, REPORT_DATES)
        return data

    def report_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in REPORT_FIELDS}

    def sections(self):
        return [(slug, title, [self[n] for n in names]) for slug, title, names in SECTIONS]


class DecideReportForm(GovukForm):
    decision = forms.ChoiceField(
        label="What does the panel decide?",
        choices=[
            ("accept", "Accept the report"),
            ("return", "Return it to the agency"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to accept or return the report"},
    )
    reasons = _text("Reasons", "Needed when the report is returned: what the agency must change", 4)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("reasons") or "").strip():
            self.add_error("reasons", "Enter the reasons for returning the report")
        return data


class UploadForm(GovukForm):
    file = forms.FileField(
        label="Upload a file",
        allow_empty_file=True,  # the documents app refuses it, with its own message
        help_text=FILE_HINT,
        error_messages={"required": "Select a file"},
    )
