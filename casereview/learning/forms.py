"""Forms of the learning pages: each runs its date rules in clean(); the services run them
again against the case's bounds."""

from __future__ import annotations

from django import forms

from casereview.accounts.models import Agency
from casereview.chronology.models import ChronologyEntry, KeyPracticeEpisode
from casereview.lib.date_rules import clean_form_dates
from casereview.lib.forms import GovukDateField, GovukForm, ModelMultipleChoiceField
from casereview.procedure import citations

from . import vocabulary
from .dates import PROGRESS_DATES, RECOMMENDATION_DATES, VERIFIED_DATES
from .models import (
    HIGHLIGHTED,
    ActionStatus,
    EvidenceKind,
    Lesson,
    LessonCategory,
    Rag,
    RecommendationKind,
    RecommendationLevel,
    ResponseKind,
)
from .services import UPDATABLE

DATE_HINT = "For example, 27 6 2026"


def vocabulary_choices(axis: str) -> list[tuple[str, str]]:
    """The current codes of a national vocabulary axis with their labels."""
    return [(code, vocabulary.label(code, axis=axis)) for code in vocabulary.codes(axis)]


class LessonForm(GovukForm):
    text = forms.CharField(label="Finding and lesson", widget=forms.Textarea(attrs={"rows": 5}))
    category = forms.ChoiceField(
        label="Category",
        choices=LessonCategory.choices,
        widget=forms.RadioSelect,
        help_text=(
            "Lessons about working with particular communities and with disabled children "
            "and parents are highlighted, as the procedure asks."
        ),
    )
    episodes = ModelMultipleChoiceField(
        label="Key practice episodes it comes from",
        queryset=KeyPracticeEpisode.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    entries = ModelMultipleChoiceField(
        label="Chronology entries it comes from",
        queryset=ChronologyEntry.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    theme = forms.ChoiceField(
        label="National theme",
        choices=[("", "No theme")] + [(t.code, t.label) for t in vocabulary.THEMES],
        required=False,
        help_text="Tagged with the whole lesson as its evidence; add more on the lesson's page.",
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        if review is not None:
            self.fields["category"].choices = citations.for_case(review).choices(
                LessonCategory.choices, HIGHLIGHTED
            )
            self.fields["episodes"].queryset = KeyPracticeEpisode.objects.filter(
                review=review, withdrawn_at__isnull=True
            )
            self.fields["entries"].queryset = ChronologyEntry.objects.filter(
                review=review, withdrawn_at__isnull=True, significance="significant"
            )
        if not self.fields["episodes"].queryset.exists():
            del self.fields["episodes"]
        if not self.fields["entries"].queryset.exists():
            del self.fields["entries"]


class ReasonForm(GovukForm):
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}))


class RecommendationForm(GovukForm):
    text = forms.CharField(label="Recommendation", widget=forms.Textarea(attrs={"rows": 4}))
    level = forms.ChoiceField(
        label="Level", choices=RecommendationLevel.choices, widget=forms.RadioSelect
    )
    agency = forms.ModelChoiceField(
        label="Agency (for an agency-level recommendation)",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="Choose an agency",
    )
    kind = forms.ChoiceField(
        label="Kind",
        choices=RecommendationKind.choices,
        widget=forms.RadioSelect,
        help_text=(
            "SMART: specific, measurable, achievable, realistic and timed. An issue for the "
            "board to consider need not be."
        ),
    )
    lessons = ModelMultipleChoiceField(
        label="Lessons it answers",
        queryset=Lesson.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    types = forms.MultipleChoiceField(
        label="Type of recommendation",
        choices=vocabulary_choices(vocabulary.RECOMMENDATION_TYPE),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply: the national record of the review carries them.",
    )
    made_on = GovukDateField(label="Date the recommendation was made", help_text=DATE_HINT)

    def __init__(self, *args, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        if review is not None:
            self.fields["agency"].queryset = Agency.objects.filter(board_id=review.board_id)
            self.fields["lessons"].queryset = Lesson.objects.filter(
                review=review, withdrawn_at__isnull=True
            )

    def clean(self):
        data = super().clean()
        clean_form_dates(self, RECOMMENDATION_DATES)
        return data


class IncidentCodingForm(GovukForm):
    """The review's incident coding for the national record (learning/coding.py)."""

    death_category = forms.ChoiceField(
        label="Death category",
        choices=[("", "Not recorded"), *vocabulary_choices(vocabulary.DEATH_CATEGORY)],
        required=False,
        help_text="Only when the child died (Sidebotham et al. 2011 categories).",
    )
    harm_types = forms.MultipleChoiceField(
        label="Non-fatal harm",
        choices=vocabulary_choices(vocabulary.NON_FATAL_HARM),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only when the child did not die. Select all that apply.",
    )
    maltreatment = forms.MultipleChoiceField(
        label="Maltreatment",
        choices=vocabulary_choices(vocabulary.MALTREATMENT),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
    )
    reason = forms.CharField(
        label="Reason for the correction",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed once the board has signed the review off; kept with the old values.",
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, signed_off: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not signed_off:
            del self.fields["reason"]


class ResponseForm(GovukForm):
    kind = forms.ChoiceField(
        label="The board's response", choices=ResponseKind.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label="Reasons",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when the board accepts it in part or does not accept it.",
    )
    responded_on = GovukDateField(label="Date of the board's response", help_text=DATE_HINT)


class ActionForm(GovukForm):
    recommendation = forms.ModelChoiceField(
        label="Recommendation", queryset=None, empty_label="Choose a recommendation"
    )
    owner_agency = forms.ModelChoiceField(
        label="Owner agency", queryset=Agency.objects.none(), empty_label="Choose an agency"
    )
    owner = forms.CharField(label="Owner (officer)", max_length=150)
    description = forms.CharField(label="Action", widget=forms.Textarea(attrs={"rows": 3}))
    expected_change = forms.CharField(
        label="What is expected to change", widget=forms.Textarea(attrs={"rows": 3})
    )
    measure = forms.CharField(
        label="How the change will be measured", widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence_required = forms.CharField(
        label="Evidence required", widget=forms.Textarea(attrs={"rows": 2})
    )
    target_date = GovukDateField(label="Target date", help_text=DATE_HINT)

    def __init__(self, *args, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        if review is not None:
            self.fields["recommendation"].queryset = review.recommendations.filter(
                withdrawn_at__isnull=True
            )
            self.fields["owner_agency"].queryset = Agency.objects.filter(board_id=review.board_id)


class ProgressForm(GovukForm):
    status = forms.ChoiceField(
        label="Status",
        choices=[(s, ActionStatus(s).label) for s in UPDATABLE],
        widget=forms.RadioSelect,
    )
    rag = forms.ChoiceField(
        label="RAG rating",
        choices=Rag.choices,
        widget=forms.RadioSelect,
        help_text="The rule's suggestion is shown above; you set the rating.",
    )
    text = forms.CharField(label="Progress", widget=forms.Textarea(attrs={"rows": 4}))
    on = GovukDateField(label="Date of the progress", help_text=DATE_HINT)
    file = forms.FileField(label="Evidence", required=False)
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        clean_form_dates(self, PROGRESS_DATES)
        return data


class VerifyForm(GovukForm):
    evidence_kind = forms.ChoiceField(
        label="Evidence of impact", choices=EvidenceKind.choices, widget=forms.RadioSelect
    )
    evidence = forms.CharField(
        label="What the evidence shows",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="A change cannot be verified without evidence of its impact.",
    )
    measure_before = forms.CharField(label="Measure before", required=False, max_length=100)
    measure_after = forms.CharField(label="Measure after", required=False, max_length=100)
    verified_on = GovukDateField(label="Date the change was verified", help_text=DATE_HINT)
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        clean_form_dates(self, VERIFIED_DATES)
        return data


CORRECTION_REASON = forms.CharField(
    label="Reason for the correction",
    widget=forms.Textarea(attrs={"rows": 2}),
    help_text="Kept with the old values in the record's history.",
)


class RecommendationCorrectForm(RecommendationForm):
    reason = CORRECTION_REASON
    lock_version = forms.IntegerField(widget=forms.HiddenInput)


class ActionCorrectForm(ActionForm):
    reason = CORRECTION_REASON
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The recommendation an action carries out is not corrected: withdraw and add anew.
        del self.fields["recommendation"]


class ResponseCorrectForm(ResponseForm):
    reason = CORRECTION_REASON


class ThemeTagForm(GovukForm):
    code = forms.ChoiceField(
        label="National theme",
        choices=[("", "Choose a theme")] + [(t.code, t.label) for t in vocabulary.THEMES],
    )
    evidence = forms.CharField(
        label="The words of the lesson that show it",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Copy them from the lesson exactly: they are kept as the tag's evidence.",
    )
