from __future__ import annotations

from django import forms
from django.utils import timezone

from casereview.accounts.models import Agency, Board
from casereview.accounts.permissions import ALWAYS_SHARED, SHAREABLE_SECTIONS
from casereview.lib.date_rules import clean_form_dates
from casereview.lib.forms import GovukDateField
from casereview.procedure.citations import Cite

from ..dates import (
    ADVICE_DATES,
    APPOINTMENT_DATES,
    CONSIDERED_DATES,
    NO_EXPERT_DATES,
    OUTBOUND_DATES,
    PROCESS_DATES,
    PROFESSIONAL_DATES,
)
from ..models import EXPERT_KIND_TOPICS, ExpertKind, ProcessKind, Recipient
from ..sections import SECTION_TITLES

YES_NO = [("yes", "Yes"), ("no", "No")]


def _person_label(user) -> str:
    return user.display_name()


class AppointForm(forms.Form):
    """Appoint an independent expert (with what they advise on) or the overview author."""

    user = forms.ModelChoiceField(
        label="Person",
        queryset=None,
        empty_label="Choose a person",
        error_messages={"required": "Select the person to appoint"},
    )
    kind = forms.ChoiceField(
        label="What the expert advises on",
        choices=ExpertKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the expert advises on"},
    )
    appointed_on = GovukDateField(label="Appointed on", help_text="For example, 27 3 2026")

    def __init__(self, *args, users, with_kind: bool, cite: Cite | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["user"].label_from_instance = _person_label
        if not with_kind:
            del self.fields["kind"]
        elif cite is not None:
            self.fields["kind"].choices = cite.choices(ExpertKind.choices, EXPERT_KIND_TOPICS)

    def clean(self):
        clean_form_dates(self, APPOINTMENT_DATES)
        return super().clean()


class NoExpertForm(forms.Form):
    """The panel records that no independent expert of one kind is appointed, and why
    (19.3 and 19.4 make an expert normal practice: comply, or explain)."""

    def __init__(self, *args, cite: Cite | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if cite is not None:
            self.fields["kind"].choices = cite.choices(ExpertKind.choices, EXPERT_KIND_TOPICS)

    kind = forms.ChoiceField(
        label="Which expert is not appointed",
        choices=ExpertKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which expert is not appointed"},
    )
    reasons = forms.CharField(
        label="Why no independent expert is appointed",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, who on the panel brings that expertise instead. Do not name "
        "the child or family",
        error_messages={"required": "Enter the panel's reasons for not appointing an expert"},
    )
    decided_on = GovukDateField(label="Date the panel decided", help_text="For example, 27 3 2026")

    def clean_reasons(self) -> str:
        reasons = self.cleaned_data["reasons"].strip()
        if len(reasons.split()) < 5:
            raise forms.ValidationError(
                "Explain the panel's reasons in a sentence or more, not a word or two"
            )
        return reasons

    def clean(self):
        data = super().clean()
        clean_form_dates(self, NO_EXPERT_DATES)
        return data


class AdviceForm(forms.Form):
    about = forms.CharField(
        label="What part of the review the advice is about",
        max_length=150,
        help_text="For example: the health agency report, the terms of reference, the family",
    )
    advice = forms.CharField(label="Your advice", widget=forms.Textarea(attrs={"rows": 8}))
    given_on = GovukDateField(label="Given on", help_text="For example, 27 3 2026")

    def clean(self):
        clean_form_dates(self, ADVICE_DATES)
        return super().clean()


class ConsideredForm(forms.Form):
    held_on = GovukDateField(label="Date of the panel meeting", help_text="For example, 27 3 2026")
    text = forms.CharField(
        label="What the panel decided about the advice",
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean(self):
        clean_form_dates(self, CONSIDERED_DATES)
        return super().clean()


class ProfessionalForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.none(), empty_label="Choose an agency"
    )
    role = forms.CharField(
        label="Role", max_length=150, help_text="For example: social worker, health visitor"
    )
    name = forms.CharField(label="Name", max_length=150, required=False)
    support_offered_on = GovukDateField(
        label="Support offered on", required=False, help_text="For example, 27 3 2026"
    )
    support_taken_up = forms.ChoiceField(
        label="Did they take up the support?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if they took up the support"},
    )
    debriefed_on = GovukDateField(label="Debriefed on", required=False)
    feedback_on = GovukDateField(
        label="Feedback on completion given on",
        required=False,
        help_text="When they were told the review's findings",
    )

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(board=board)

    def clean(self):
        clean_form_dates(self, PROFESSIONAL_DATES)
        return super().clean()

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["support_taken_up"] = data["support_taken_up"] == "yes"
        return data


class OutboundForm(forms.Form):
    recipient = forms.ChoiceField(
        label="Sent to",
        choices=Recipient.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who it was sent to"},
    )
    purpose = forms.CharField(
        label="Purpose",
        max_length=200,
        help_text="For example: decision to hold a serious case review",
    )
    sent_on = GovukDateField(label="Sent on", help_text="For example, 27 3 2026")
    method = forms.CharField(
        label="How it was sent", max_length=60, help_text="For example: secure email, letter"
    )
    copy = forms.CharField(
        label="A copy of what was sent",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Paste the text of the letter or email",
    )
    reviewers = forms.CharField(
        label="Reviewers named",
        max_length=300,
        required=False,
        help_text="For a notice of a decision to hold a review: the reviewers' names",
    )

    def clean(self):
        clean_form_dates(self, OUTBOUND_DATES)
        return super().clean()


def outbound_form(request) -> OutboundForm:
    """The notice form, dated today, with the recipient chosen when the page was opened
    from an obligation's "Record it" link (?recipient=...)."""
    initial = {"sent_on": timezone.localdate()}
    if request.GET.get("recipient") in Recipient.values:
        initial["recipient"] = request.GET["recipient"]
    return OutboundForm(request.POST or None, initial=initial)


class ProcessForm(forms.Form):
    kind = forms.ChoiceField(
        label="Process",
        choices=ProcessKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the process"},
    )
    started_on = GovukDateField(label="Started on", required=False)
    concluded_on = GovukDateField(label="Concluded on", required=False)
    status_note = forms.CharField(
        label="Where it has got to",
        max_length=300,
        required=False,
        help_text="For example: trial listed for October",
    )
    holds_publication = forms.ChoiceField(
        label="Must publication wait until it concludes?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text="Publication waits for criminal proceedings",
        error_messages={"required": "Select yes if publication must wait"},
    )

    def clean(self):
        clean_form_dates(self, PROCESS_DATES)
        return super().clean()

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["holds_publication"] = data["holds_publication"] == "yes"
        return data


class PartnerForm(forms.Form):
    board = forms.ModelChoiceField(
        label="Partner board", queryset=Board.objects.none(), empty_label="Choose a board"
    )
    reason = forms.CharField(
        label="Why the board is a partner",
        max_length=300,
        help_text="For example: the child lived in its area until 2025",
    )

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = Board.objects.exclude(pk=review.board_id).order_by("name")


class SharedSectionsForm(forms.Form):
    """The sections shared with an expert or a partner board (the stage always is)."""

    sections = forms.MultipleChoiceField(
        label="Sections they may read",
        help_text="They always see the review's stage",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(a, SECTION_TITLES[a]) for a in SHAREABLE_SECTIONS if a not in ALWAYS_SHARED],
    )
