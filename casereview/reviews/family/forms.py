"""Forms of the family pages: involvement (19.5), the child's involvement, contacts (19.3)."""

from __future__ import annotations

from django import forms

from casereview.cases.vocab import Language
from casereview.lib.date_rules import clean_form_dates
from casereview.lib.forms import GovukDateField, GovukForm

from ..dates import CHILD_INVOLVEMENT_DATES, CONTACT_DATES
from ..models import ContactMethod, ContactPurpose, InvolvementBasis

YES_NO = [("yes", "Yes"), ("no", "No")]


class InvolvementForm(GovukForm):
    basis = forms.ChoiceField(
        label="Why are they part of the family for this review?",
        choices=InvolvementBasis.choices,
        widget=forms.RadioSelect,
    )
    involved = forms.ChoiceField(
        label="Are they involved in the review?", choices=YES_NO, widget=forms.RadioSelect
    )
    extent = forms.CharField(
        label="The extent of their involvement",
        help_text="For example: interviewed by the overview author, shown the report before "
        "publication. Needed when they are involved.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    board_reason = forms.CharField(
        label="Why the board believes involving them is in the child's best interests",
        help_text="Needed for someone with a legitimate interest (Rotherham 19.5)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    views_of_parents = forms.CharField(
        label="The views of those with parental responsibility",
        help_text="Needed for someone with a legitimate interest (Rotherham 19.5)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def values(self) -> dict:
        d = self.cleaned_data
        return {
            "basis": d["basis"],
            "involved": d["involved"] == "yes",
            "extent": d["extent"].strip(),
            "board_reason": d["board_reason"].strip(),
            "views_of_parents": d["views_of_parents"].strip(),
        }


class ChildInvolvementForm(GovukForm):
    involved = forms.ChoiceField(
        label="Is the child involved in the review?",
        help_text="According to their age and development (Rotherham 19.5)",
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    how = forms.CharField(
        label="How the child is involved",
        help_text="Needed if the child is involved",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    reason_not = forms.CharField(
        label="Why the child is not involved",
        help_text="Needed if the child is not involved; for example, their age",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    recorded_on = GovukDateField(label="Date decided", help_text="For example, 27 3 2026")

    def clean(self):
        data = super().clean()
        clean_form_dates(self, CHILD_INVOLVEMENT_DATES)
        return data

    def values(self) -> dict:
        d = self.cleaned_data
        return {
            "involved": d["involved"] == "yes",
            "how": d["how"].strip(),
            "reason_not": d["reason_not"].strip(),
            "recorded_on": d["recorded_on"],
        }


class ContactForm(GovukForm):
    person = forms.ChoiceField(label="Family member")
    on = GovukDateField(label="Date of the contact", help_text="For example, 27 3 2026")
    method = forms.ChoiceField(label="How", choices=ContactMethod.choices, widget=forms.RadioSelect)
    language = forms.ChoiceField(
        label="Language used",
        choices=[("", "Choose the language used"), *Language.choices],
        help_text="The language the contact was in; if an interpreter was used, the "
        "family member's language",
    )
    interpreter = forms.ChoiceField(
        label="Was an interpreter used?", choices=YES_NO, widget=forms.RadioSelect
    )
    purposes = forms.MultipleChoiceField(
        label="What was the contact for?",
        help_text="Select all that apply",
        choices=ContactPurpose.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(
        label="Note", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(p.pk): p for p in people}
        self.fields["person"].choices = [("", "Choose a family member")] + [
            (str(p.pk), f"{p.full_name} ({p.get_relationship_display() or 'family'})")
            for p in people
        ]

    def clean(self):
        data = super().clean()
        clean_form_dates(self, CONTACT_DATES)
        return data

    def values(self) -> dict:
        d = self.cleaned_data
        return {
            "person": self.people[d["person"]],
            "on": d["on"],
            "method": d["method"],
            "language": d["language"],
            "interpreter": d["interpreter"] == "yes",
            "purposes": list(d["purposes"]),
            "note": d["note"].strip(),
        }
