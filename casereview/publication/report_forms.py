"""Forms of the report drafts, comments, sign-off and the quality self-assessment."""

from __future__ import annotations

from django import forms

from casereview.lib.date_rules import CaseDatesForm, clean_form_dates
from casereview.lib.forms import GovukDateField, GovukForm

from .models import ReportKind
from .quality_markers import MARKERS, Rating
from .report_assembly import sections_of
from .report_signoff import SIGNED_DATES


class StartForm(GovukForm):
    kind = forms.ChoiceField(
        label="Which report",
        choices=ReportKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the overview report or the executive summary"},
    )


class DraftForm(GovukForm):
    """One box per narrative section of the report's kind; the assembled sections are built
    from the review's data and are not typed here."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    note = forms.CharField(label="What changed in this version", max_length=300, required=False)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.narrative = [s for s in sections_of(kind) if not s.assembled]
        for section in self.narrative:
            self.fields[section.key] = forms.CharField(
                label=section.title,
                help_text=section.hint,
                required=False,
                widget=forms.Textarea(attrs={"rows": 8}),
            )
        # The note goes last, after the sections.
        self.order_fields([s.key for s in self.narrative] + ["note", "lock_version"])

    def texts(self) -> dict[str, str]:
        return {s.key: self.cleaned_data[s.key] for s in self.narrative}


class LockForm(GovukForm):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class CommentForm(GovukForm):
    section_key = forms.ChoiceField(
        label="Section", error_messages={"required": "Choose the section the comment is about"}
    )
    text = forms.CharField(
        label="Comment",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter your comment"},
    )

    def __init__(self, *args, sections: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section_key"].choices = [(s["key"], s["title"]) for s in sections]


class ResolveForm(GovukForm):
    comment = forms.UUIDField(widget=forms.HiddenInput)


class SignForm(CaseDatesForm, GovukForm):
    signed_on = GovukDateField(label="Date signed off", help_text="For example, 27 6 2026")
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean(self):
        data = super().clean()
        clean_form_dates(self, SIGNED_DATES)
        return data


class WithdrawForm(GovukForm):
    sign_off = forms.UUIDField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Why is the sign-off withdrawn?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the sign-off is withdrawn (it is kept)"},
    )


class QualityForm(GovukForm):
    """Per marker: a rating, the evidence in the review, and the lock version read."""

    def __init__(self, *args, lines, cite, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups: dict[str, list] = {}
        for line in lines:
            m = line.marker
            self.fields[f"{m.key}_rating"] = forms.ChoiceField(
                label=m.title,
                help_text=f"{m.asks_in(cite)} Evidence usually in: {m.evidence_in}.",
                choices=Rating.CHOICES,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"{m.key}_evidence"] = forms.CharField(
                label=f"Evidence for “{m.title}”",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"{m.key}_lock"] = forms.IntegerField(
                widget=forms.HiddenInput, min_value=0, required=False
            )
            if line.rating and not self.is_bound:
                self.initial[f"{m.key}_rating"] = line.rating.rating
                self.initial[f"{m.key}_evidence"] = line.rating.evidence
                self.initial[f"{m.key}_lock"] = line.rating.lock_version
            self.groups.setdefault(m.group, []).append(m.key)

    def ratings(self) -> dict[str, tuple[str, str, int]]:
        d = self.cleaned_data
        return {
            m.key: (d[f"{m.key}_rating"], d[f"{m.key}_evidence"], d[f"{m.key}_lock"] or 0)
            for m in MARKERS
        }

    def grouped(self):
        """(group, [(rating field, evidence field, lock field)]) for the template."""
        return [
            (group, [(self[f"{k}_rating"], self[f"{k}_evidence"], self[f"{k}_lock"]) for k in keys])
            for group, keys in self.groups.items()
        ]
