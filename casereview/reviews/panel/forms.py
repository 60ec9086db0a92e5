"""Forms of the panel pages: members, meetings, decisions, terms of reference, stages."""

from __future__ import annotations

from django import forms

from casereview.accounts.models import Agency, User
from casereview.lib.date_rules import clean_form_dates
from casereview.lib.forms import GovukDateField, GovukForm
from casereview.procedure.citations import Cite

from ..dates import AGREED_DATES, MEETING_DATES, MEMBER_DATES, TERMS_DATES
from ..models import PANEL_DECISION_TOPICS, PanelDecisionKind, PanelMember, ReviewStatus


class PanelMemberForm(GovukForm):
    name = forms.CharField(label="Full name", max_length=150)
    role_title = forms.CharField(
        label="Role title", max_length=150, help_text="For example: Head of safeguarding"
    )
    agency = forms.ModelChoiceField(
        label="Agency",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="Not from an agency of the board",
    )
    independent_chair = forms.BooleanField(
        label="This member is the independent chair of the panel",
        required=False,
        help_text="Independent of the agencies involved with the case",
    )
    joined_on = GovukDateField(label="Joined the panel on", help_text="For example, 27 3 2026")
    user = forms.ModelChoiceField(
        label="Their account in this service",
        queryset=User.objects.none(),
        required=False,
        empty_label="No account",
        help_text="Link the member to a user of the board, if they have one",
    )

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = board.agencies.all()
        self.fields["user"].queryset = (
            User.objects.filter(memberships__board=board, is_active=True)
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        self.fields["user"].label_from_instance = lambda u: u.display_name()

    def clean(self):
        data = super().clean()
        clean_form_dates(self, MEMBER_DATES)
        return data


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: PanelMember) -> str:
        return f"{obj.name}, {obj.role_title}"


class MeetingForm(GovukForm):
    held_on = GovukDateField(label="Date of the meeting", help_text="For example, 27 3 2026")
    attendees = MemberChoiceField(
        label="Who attended?",
        queryset=PanelMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply",
    )
    minutes = forms.CharField(
        label="Minutes", widget=forms.Textarea(attrs={"rows": 6}), required=False
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members

    def clean(self):
        data = super().clean()
        clean_form_dates(self, MEETING_DATES)
        return data


class PanelDecisionForm(GovukForm):
    kind = forms.ChoiceField(
        label="What did the panel decide?",
        choices=PanelDecisionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the panel decided"},
    )
    text = forms.CharField(
        label="The decision, as minuted",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For example: who will link in with the community organisations, and how",
    )

    def __init__(self, *args, cite: Cite | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if cite is not None:
            self.fields["kind"].choices = cite.choices(
                PanelDecisionKind.choices, PANEL_DECISION_TOPICS
            )


CORRECTION_REASON_REQUIRED = "Enter why the agreed terms of reference are being corrected"


class TermsForm(GovukForm):
    period_start = GovukDateField(
        label="Period under review: from", help_text="For example, the child's date of birth"
    )
    period_end = GovukDateField(
        label="Period under review: to", help_text="For example, the date of the incident"
    )
    family_involvement = forms.CharField(
        label="How the family will be involved",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Who, to what extent, and how they will be told of the review",
    )
    parallel_processes = forms.CharField(
        label="Parallel processes",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Criminal proceedings, inquest, other reviews; how the review works with them",
    )
    diversity_questions = forms.CharField(
        label="Race, language, culture, religion and disability",
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        help_text="The questions the review will answer, one a line",
    )
    specific_questions = forms.CharField(
        label="Specific questions for this review",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="One a line",
    )

    TEXT_FIELDS = (
        "family_involvement",
        "parallel_processes",
        "diversity_questions",
        "specific_questions",
    )

    def __init__(
        self, *args, agencies, involved=(), correcting=False, cite: Cite | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        if cite is not None:
            self.fields["family_involvement"].help_text = (
                "Who, to what extent, and how they will be told of the review "
                f"({cite['family_involvement']})"
            )
            self.fields[
                "diversity_questions"
            ].help_text = (
                f"The questions the review will answer ({cite['race_and_disability']}), one a line"
            )
        if correcting:
            # A new version after an agreed one corrects it: say why (kept in the history).
            self.fields["reason"] = forms.CharField(
                label="Why are the agreed terms being corrected?",
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text="Kept with the agreed version in the case's history",
                error_messages={"required": CORRECTION_REASON_REQUIRED},
            )
        self.involved = set(involved)
        # The agencies involved with the case first.
        self.agencies = sorted(agencies, key=lambda a: (a.pk not in self.involved, a.name))
        for agency in self.agencies:
            self.fields[f"report_{agency.pk}"] = forms.BooleanField(
                label=f"Ask {agency.name} for a report", required=False
            )
            self.fields[f"due_{agency.pk}"] = GovukDateField(
                label=f"{agency.name}: report due by",
                required=False,
                help_text="For example, 27 5 2026",
            )

    def report_rows(self):
        """(agency, its tick box, its due date, involved with the case?) for the template."""
        return [
            (a, self[f"report_{a.pk}"], self[f"due_{a.pk}"], a.pk in self.involved)
            for a in self.agencies
        ]

    def clean(self):
        data = super().clean()
        clean_form_dates(self, TERMS_DATES)
        for agency in self.agencies:
            due = f"due_{agency.pk}"
            if data.get(f"report_{agency.pk}") and not data.get(due) and due not in self.errors:
                self.add_error(due, f"Enter the date {agency.name}'s report is due")
        return data

    def terms_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("period_start", "period_end", *self.TEXT_FIELDS)
        }

    def requested_reports(self) -> list:
        return [
            (agency, self.cleaned_data[f"due_{agency.pk}"])
            for agency in self.agencies
            if self.cleaned_data.get(f"report_{agency.pk}")
        ]


class AgreeTermsForm(GovukForm):
    agreed_on = GovukDateField(
        label="Date the panel agreed this version", help_text="For example, 27 3 2026"
    )

    def clean(self):
        data = super().clean()
        clean_form_dates(self, AGREED_DATES)
        return data


class MoveForm(GovukForm):
    to = forms.ChoiceField(
        choices=ReviewStatus.choices,
        widget=forms.HiddenInput,
        error_messages={"required": "Choose the stage to move to"},
    )
    reason = forms.CharField(
        label="Reason", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
