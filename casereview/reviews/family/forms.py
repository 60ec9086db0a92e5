"""Forms of the family pages: involvement (19.5), the child's involvement, contacts (19.3)."""

from __future__ import annotations

from django import forms

from casereview.cases.vocab import Language
from casereview.lib.date_rules import CaseDatesForm, clean_form_dates
from casereview.lib.forms import GovukDateField, GovukForm
from casereview.procedure.citations import Cite

from ..dates import (
    APPROVAL_DATES,
    CHILD_INVOLVEMENT_DATES,
    CONTACT_DATES,
    NOT_CONTACTED_DATES,
)
from ..models import (
    CONTACT_PURPOSE_TOPICS,
    INVOLVEMENT_BASIS_TOPICS,
    ChildQuestion,
    ContactMethod,
    ContactPurpose,
    InvolvementBasis,
    NoContactReason,
)
from . import child, letters, translations

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
        help_text="Needed for someone with a legitimate interest",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    views_of_parents = forms.CharField(
        label="The views of those with parental responsibility",
        help_text="Needed for someone with a legitimate interest",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, cite: Cite | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if cite is not None:
            self.fields["basis"].choices = cite.choices(
                InvolvementBasis.choices, INVOLVEMENT_BASIS_TOPICS
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
    """The question depends on whether the child died and the child's age (child.py)."""

    involved = forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect)
    how = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reason_not = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    recorded_on = GovukDateField(label="Date decided", help_text="For example, 27 3 2026")

    def __init__(self, *args, question: str, child_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        words = child.wording(question, child_name)
        self.fields["how"].label, self.fields["how"].help_text = words.how, words.how_hint
        if question == ChildQuestion.REPRESENTED:
            # Nobody can ask a child who died: only how the child's voice is represented.
            del self.fields["involved"]
            del self.fields["reason_not"]
            self.fields["how"].required = True
            self.fields["how"].label = words.legend
            self.fields["how"].help_text = f"{words.hint} {words.how_hint}"
        else:
            self.fields["involved"].label = words.legend
            self.fields["involved"].help_text = words.hint
            self.fields["reason_not"].label = words.reason_not
            self.fields["reason_not"].help_text = words.reason_hint

    def clean(self):
        data = super().clean()
        clean_form_dates(self, CHILD_INVOLVEMENT_DATES)
        return data

    def values(self) -> dict:
        d = self.cleaned_data
        involved = self.question == ChildQuestion.REPRESENTED or d["involved"] == "yes"
        return {
            "involved": involved,
            "how": d["how"].strip(),
            "reason_not": d.get("reason_not", "").strip(),
            "recorded_on": d["recorded_on"],
            "question": self.question,
        }


class ContactForm(CaseDatesForm, GovukForm):
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

    def __init__(self, *args, people, cite: Cite | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(p.pk): p for p in people}
        if cite is not None:
            self.fields["purposes"].choices = cite.choices(
                ContactPurpose.choices, CONTACT_PURPOSE_TOPICS
            )
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


class NotContactedForm(GovukForm):
    reason = forms.ChoiceField(
        label="Why are they not to be contacted?",
        choices=NoContactReason.choices,
        widget=forms.RadioSelect,
    )
    detail = forms.CharField(
        label="The panel's explanation",
        help_text="What was tried or advised, and when the panel will look at it again. "
        "This explains why the family duties are not met for them.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    recorded_on = GovukDateField(label="Date recorded", help_text="For example, 27 3 2026")

    def clean(self):
        data = super().clean()
        clean_form_dates(self, NOT_CONTACTED_DATES)
        return data

    def values(self) -> dict:
        d = self.cleaned_data
        return {
            "reason": d["reason"],
            "detail": d["detail"].strip(),
            "recorded_on": d["recorded_on"],
        }


class TranslationUploadForm(GovukForm):
    language = forms.ChoiceField(label="Language of the translation")
    template = forms.ChoiceField(
        label="Which letter was translated?",
        choices=list(letters.TEMPLATES.items()),
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label="The translated letter",
        allow_empty_file=True,  # the documents app refuses it, with its own message
        help_text="A Word (DOCX) or PDF file, smaller than 20 MB",
        error_messages={"required": "Select the translated letter"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", "Choose a language"),
            *translations.addable_languages(),
        ]


class TranslationApprovalForm(GovukForm):
    approved_by_name = forms.CharField(
        label="Who checked and approved the translation?",
        help_text="Their name and role, for example: a registered interpreter, or a "
        "bilingual social worker who read it against the English letter",
        max_length=200,
    )
    approved_on = GovukDateField(label="Date approved", help_text="For example, 27 3 2026")

    def clean(self):
        data = super().clean()
        clean_form_dates(self, APPROVAL_DATES)
        return data

    def values(self) -> dict:
        d = self.cleaned_data
        return {"approved_by_name": d["approved_by_name"].strip(), "approved_on": d["approved_on"]}


class TranslationWithdrawalForm(GovukForm):
    reason = forms.CharField(
        label="Why is the translation withdrawn?",
        help_text="For example: a mistake found in the translation, or the English letter "
        "has changed. Kept with the translation in the board's list",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the translation is withdrawn"},
    )
