from __future__ import annotations

import re
from datetime import date

from django import forms

from casereview.accounts.models import Agency, Board
from casereview.lib.date_rules import CaseDatesForm, clean_form_dates, date_problems
from casereview.lib.forms import GovukDateField, ModelMultipleChoiceField
from casereview.procedure import catalogue
from casereview.procedure.citations import Cite, joined
from casereview.procedure.regime import Regime

from . import nhs_number
from .child_dates import unborn_problems, under_18_problem
from .dates import (
    CHILD_DATES,
    CONSIDERED_DATES,
    DECISION_DATES,
    KEY_DATE,
    NOTIFICATION_DATES,
    PERSON_DATES,
    TASK_DATES,
    notification_bounds,
)
from .models import (
    AbuseNeglect,
    DecisionOutcome,
    Outcome,
    Person,
    Recommendation,
    RiskAssessment,
    SafeguardingAction,
)
from .screening import Facts, ScreeningResult, refusals, screen
from .vocab import (
    RELATIONSHIPS_BY_KIND,
    Disability,
    Ethnicity,
    Language,
    PersonKind,
    Plan,
    Relationship,
    Sex,
)

YES_NO = [("yes", "Yes"), ("no", "No")]
DISABILITY_CONTRADICTION = (
    "You described a disability but did not answer yes. Answer yes, or clear the description"
)


def _choose(prompt: str, choices) -> list[tuple[str, str]]:
    """A select list with nothing preselected: the first option asks for an answer."""
    return [("", prompt), *choices]


def ethnicity_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=_choose("Select an ethnic group, or not known", Ethnicity.choices),
        help_text="2021 census ethnic groups. Choose not known if nobody has said",
        error_messages={"required": "Select the ethnic group, or not known"},
    )


def disability_field(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=Disability.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes, no or not known for disability"},
    )


def religion_field() -> forms.CharField:
    return forms.CharField(
        label="Religion or belief",
        max_length=100,
        required=False,
        help_text="If known: the review considers whether services were sensitive to it. "
        "Leave empty if not known",
    )


def check_disability(form: forms.Form, subject: str) -> None:
    """A description goes with yes, and yes needs one (field-level messages)."""
    data = form.cleaned_data
    answer, described = data.get("disability"), data.get("disability_description")
    if answer == Disability.YES and not described:
        form.add_error("disability_description", f"Describe {subject} disability")
    if answer in (Disability.NO, Disability.NOT_KNOWN) and described:
        form.add_error("disability", DISABILITY_CONTRADICTION)


# A key date's day and month have 1 or 2 digits and its year 4 (longer numbers overflow).
_KEY_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


def _key_date(text: str) -> date | None:
    match = _KEY_DATE.fullmatch(text)
    if match is None:
        return None
    day, month, year = (int(p) for p in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_key_dates(text: str) -> list[tuple[date, str]]:
    """One key date a line: `DD/MM/YYYY what happened`. Errors name the line."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        head, _, description = line.partition(" ")
        when = _key_date(head)
        if when is None:
            raise forms.ValidationError(
                f"Line {number}: start with a real date written as DD/MM/YYYY"
            )
        if not description.strip():
            raise forms.ValidationError(f"Line {number}: say what happened on {head}")
        if problem := date_problems({"key": when}, {"key": KEY_DATE}):
            raise forms.ValidationError(f"Line {number}: {problem['key']}")
        rows.append((when, description.strip()[:300]))
    return rows


def criteria_choices(regimes: list[Regime]) -> list[tuple[str, str]]:
    """The criteria a referrer ticks, by letter, from the regimes of the boards offered."""
    choices: dict[str, str] = {}
    for regime in regimes:
        for letter, criterion in regime.letters.items():
            choices.setdefault(letter, f"({letter}) {criterion.text}")
    return sorted(choices.items())


def referrer_initial(user, boards) -> dict:
    """The referrer's details prefilled from the signed-in user, who can change them."""
    initial = {
        "referrer_name": user.get_full_name(),
        "referrer_role": user.job_title,
        "referrer_contact": user.email,
    }
    agencies = {
        m.agency_id for m in user.memberships.filter(board__in=boards, agency__isnull=False)
    }
    if len(agencies) == 1:
        initial["referrer_agency"] = agencies.pop()
    return initial


class NotificationForm(forms.Form):
    """The referral form (WT2006 chapter 8; Solihull referral form fields)."""

    board = forms.ModelChoiceField(queryset=Board.objects.none(), empty_label=None)
    # Referrer
    referrer_name = forms.CharField(label="Your name", max_length=150)
    referrer_role = forms.CharField(label="Your role", max_length=150)
    referrer_agency = forms.ModelChoiceField(
        label="Your agency", queryset=Agency.objects.none(), required=False
    )
    referrer_contact = forms.CharField(
        label="How to contact you", max_length=200, help_text="Telephone or email"
    )
    # The child
    given_names = forms.CharField(label="Child's given names", max_length=150)
    family_name = forms.CharField(label="Child's family name", max_length=150)
    aliases = forms.CharField(
        label="Other names the child is known by", max_length=300, required=False
    )
    date_of_birth = GovukDateField(
        label="Date of birth",
        help_text="For example, 27 3 2019",
        required=False,
        error_messages={
            "required": "Enter the child's date of birth, or tick that the child was not yet born"
        },
    )
    unborn = forms.BooleanField(
        label="The child was not yet born at the time of the incident, and the date of birth "
        "is not known",
        required=False,
    )
    expected_date_of_birth = GovukDateField(
        label="Expected date of birth", required=False, help_text="If the child is unborn"
    )
    nhs_number = forms.CharField(
        label="NHS number",
        max_length=20,
        required=False,
        help_text="If known: 10 digits, for example 943 476 5919",
    )
    sex = forms.ChoiceField(
        choices=Sex.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the child's sex, or not known"},
    )
    ethnicity = ethnicity_field()
    religion = religion_field()
    disability = disability_field("Does the child have a disability?")
    disability_description = forms.CharField(
        label="Describe the disability", max_length=300, required=False
    )
    address = forms.CharField(label="Child's address", widget=forms.Textarea(attrs={"rows": 3}))
    school = forms.CharField(label="School or nursery", max_length=200, required=False)
    gp_practice = forms.CharField(label="GP practice", max_length=200, required=False)
    looked_after = forms.ChoiceField(
        label="Is the child looked after by a local authority?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the child is looked after"},
    )
    plan = forms.ChoiceField(
        label="Plan at the time of the incident",
        choices=Plan.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the child's plan, or not known"},
    )
    whereabouts_and_carer = forms.CharField(
        label="Where the child was, and who was caring for them, at the time",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    # The incident
    incident_date = GovukDateField(label="Date of the incident")
    outcome = forms.ChoiceField(
        label="What happened to the child?",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the child died or was seriously harmed"},
    )
    date_of_death = GovukDateField(
        label="Date of death", required=False, help_text="If the child died"
    )
    abuse_neglect = forms.ChoiceField(
        label="Was abuse or neglect a factor?",
        choices=AbuseNeglect.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether abuse or neglect was a factor"},
    )
    death_in_custody = forms.ChoiceField(
        label="Did the child die in custody or detention?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the child died in custody or detention"},
        help_text="Police custody, on remand or sentenced, a young offender institution, "
        "secure training centre or secure children's home, or detained under the Mental "
        "Health Act 1983",
    )
    considerations = forms.MultipleChoiceField(
        label="Which of these apply?",
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply",
    )
    circumstances = forms.CharField(
        label="What happened, and why the criteria apply",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    agencies = ModelMultipleChoiceField(
        label="Agencies involved with the child or family",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Each agency will be asked to secure its records at once",
    )
    different_incident = forms.BooleanField(
        label="I have checked: this is a different incident, and it needs its own notification",
        required=False,
    )
    key_dates = forms.CharField(
        label="Key dates",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One a line, for example: 14/02/2026 Seen by health visitor",
    )
    cross_boundary_note = forms.CharField(
        label="Other boards or areas involved",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, boards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = boards
        agencies = Agency.objects.filter(board__in=boards)
        self.fields["referrer_agency"].queryset = agencies
        self.fields["agencies"].queryset = agencies
        if len(boards) == 1:
            self.fields["board"].widget = forms.HiddenInput()
            self.fields["board"].initial = boards[0].pk
        regimes = [catalogue.current(b.default_regime) for b in boards]
        self.fields["considerations"].choices = criteria_choices(regimes)
        letters = sorted({c.citation.split(" (")[0] for r in regimes for c in r.letters.values()})
        if len(letters) == 1:
            self.fields["considerations"].label = f"Which of these apply? ({letters[0]})"
        # The first steps the form opens, cited in each board's regime.
        self.first_steps_citation = joined(sorted({Cite(r)["other_children"] for r in regimes}))
        # Required unless the posted answers make them not apply (an unborn child has no
        # date of birth; only a death can be in custody); shown as required on a new form.
        self.fields["date_of_birth"].required = not self.is_bound or not self.data.get("unborn")
        self.fields["death_in_custody"].required = (
            not self.is_bound or self.data.get("outcome") == Outcome.DEATH
        )

    def clean_key_dates(self):
        return parse_key_dates(self.cleaned_data["key_dates"])

    def clean_nhs_number(self):
        return nhs_number.cleaned(self.cleaned_data["nhs_number"])

    def regime(self) -> Regime | None:
        """The regime the new case will run under: the notified board's."""
        board = self.cleaned_data.get("board") if hasattr(self, "cleaned_data") else None
        return catalogue.current(board.default_regime) if board else None

    def facts(self) -> Facts:
        d = self.cleaned_data
        return Facts(
            outcome=d["outcome"],
            abuse_neglect=d["abuse_neglect"],
            letters=frozenset(d.get("considerations") or ()),
            custody=d.get("death_in_custody") == "yes",
            looked_after=d.get("looked_after") == "yes",
        )

    def screening(self) -> ScreeningResult:
        """What the regime's criteria say for the facts entered (after is_valid)."""
        return screen(self.regime(), self.facts())

    def _check_screening_facts(self, data: dict) -> None:
        regime = self.regime()
        if regime is None or not data.get("outcome") or not data.get("abuse_neglect"):
            return
        if data["outcome"] == Outcome.DEATH and not data.get("death_in_custody"):
            return  # the field's own message asks for the answer
        for name, message in refusals(regime, self.facts()).items():
            self.add_error(name, message)

    def _check_child_dates(self, data: dict) -> None:
        dob, unborn = data.get("date_of_birth"), data.get("unborn")
        if "date_of_birth" in self.errors or "expected_date_of_birth" in self.errors:
            return
        for name, message in unborn_problems(
            unborn=bool(unborn),
            date_of_birth=dob,
            expected=data.get("expected_date_of_birth"),
            incident=data.get("incident_date"),
        ).items():
            self.add_error(name, message)
        if "incident_date" not in self.errors and (
            problem := under_18_problem(dob, data.get("incident_date"))
        ):
            self.add_error("incident_date", problem)

    def clean(self):
        data = super().clean()
        self._check_screening_facts(data)
        bounds = notification_bounds(
            data.get("date_of_birth"), pre_birth_allowed=bool(data.get("unborn"))
        )
        clean_form_dates(self, CHILD_DATES | NOTIFICATION_DATES, bounds)
        death = data.get("date_of_death")
        if (
            data.get("outcome") == Outcome.DEATH
            and not death
            and "date_of_death" not in self.errors
        ):
            self.add_error("date_of_death", "Enter the date of death")
        if data.get("outcome") == Outcome.SERIOUS_HARM and death:
            self.add_error(
                "date_of_death", "Leave the date of death empty when the child did not die"
            )
        check_disability(self, "the child's")
        board = data.get("board")
        if board:
            for field in ("referrer_agency",):
                agency = data.get(field)
                if agency and agency.board_id != board.pk:
                    self.add_error(field, "Choose an agency of the board you are notifying")
            if any(a.board_id != board.pk for a in data.get("agencies") or []):
                self.add_error("agencies", "Choose agencies of the board you are notifying")
        self._check_child_dates(data)
        return data

    def notification_fields(self) -> dict:
        d = self.cleaned_data
        chosen = set(d.get("considerations") or [])
        return {
            "referrer_name": d["referrer_name"],
            "referrer_role": d["referrer_role"],
            "referrer_agency": d.get("referrer_agency"),
            "referrer_contact": d["referrer_contact"],
            "incident_date": d["incident_date"],
            "outcome": d["outcome"],
            "date_of_death": d.get("date_of_death"),
            "abuse_neglect": d["abuse_neglect"],
            "death_in_custody": d.get("death_in_custody") == "yes",
            "consider_life_threatening": "a" in chosen,
            "consider_sexual_abuse": "b" in chosen,
            "consider_parent_murdered": "c" in chosen,
            "consider_killed_by_mentally_ill_parent": "d" in chosen,
            "consider_interagency_concerns": "e" in chosen,
            "circumstances": d["circumstances"],
            "whereabouts_and_carer": d.get("whereabouts_and_carer", ""),
            "cross_boundary_note": d.get("cross_boundary_note", ""),
        }

    def child_fields(self) -> dict:
        d = self.cleaned_data
        return {
            "given_names": d["given_names"],
            "family_name": d["family_name"],
            "aliases": d.get("aliases", ""),
            "date_of_birth": d.get("date_of_birth"),
            "unborn": bool(d.get("unborn")),
            "expected_date_of_birth": d.get("expected_date_of_birth"),
            "nhs_number": d.get("nhs_number", ""),
            "sex": d["sex"],
            "ethnicity": d["ethnicity"],
            "religion": d.get("religion", ""),
            "disability": d["disability"],
            "disability_description": d.get("disability_description", ""),
            "address": d["address"],
            "school": d.get("school", ""),
            "gp_practice": d.get("gp_practice", ""),
            "looked_after": d["looked_after"] == "yes",
            "plan": d["plan"],
        }


class PersonForm(forms.ModelForm):
    """A family or household member, or another child, in the people register (19.5)."""

    date_of_birth = GovukDateField(label="Date of birth", required=False)
    kind = forms.ChoiceField(
        label="Who is this?",
        choices=[c for c in PersonKind.choices if c[0] != PersonKind.CHILD],
        widget=forms.RadioSelect,
    )
    relationship = forms.ChoiceField(
        label="Relationship to the child", choices=Relationship.choices
    )
    preferred_language = forms.ChoiceField(
        label="Preferred language",
        choices=_choose("Select a language, or not known", Language.choices),
        error_messages={"required": "Select the preferred language, or not known"},
    )
    ethnicity = ethnicity_field()
    religion = religion_field()
    disability = disability_field("Has a disability?")
    sex = forms.ChoiceField(choices=Sex.choices, widget=forms.RadioSelect, initial=Sex.NOT_KNOWN)
    # Typed with spaces or hyphens; stored as the ten digits (clean_nhs_number).
    nhs_number = forms.CharField(label="NHS number", max_length=20, required=False)

    class Meta:
        model = Person
        fields = [
            "kind",
            "given_names",
            "family_name",
            "aliases",
            "relationship",
            "date_of_birth",
            "nhs_number",
            "sex",
            "ethnicity",
            "religion",
            "parental_responsibility",
            "legitimate_interest",
            "preferred_language",
            "interpreter_needed",
            "disability",
            "disability_description",
            "address",
            "contact_details",
        ]
        labels = {
            "parental_responsibility": "Has parental responsibility",
            "legitimate_interest": "Has a legitimate interest in the child",
            "interpreter_needed": "Needs an interpreter",
        }
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "contact_details": forms.Textarea(attrs={"rows": 2}),
        }

    # Answers a new entry must give: the model's "not known" default is not offered as one.
    UNANSWERED = ("ethnicity", "preferred_language", "disability")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            for name in self.UNANSWERED:
                self.initial[name] = ""

    def clean_nhs_number(self):
        return nhs_number.cleaned(self.cleaned_data.get("nhs_number") or "")

    def clean(self):
        data = super().clean()
        clean_form_dates(self, PERSON_DATES if "kind" in self.fields else CHILD_DATES)
        check_disability(self, "the")
        kind, relationship = data.get("kind"), data.get("relationship")
        if kind in RELATIONSHIPS_BY_KIND and relationship:
            allowed = RELATIONSHIPS_BY_KIND[kind]
            if relationship not in allowed:
                fitting = [label for value, label in Relationship.choices if value in allowed]
                self.add_error(
                    "relationship",
                    f"{Relationship(relationship).label} does not fit "
                    f"{PersonKind(kind).label.lower()}: choose "
                    + ", ".join(fitting[:-1]).lower()
                    + f" or {fitting[-1].lower()}",
                )
        return data


class ChildForm(PersonForm):
    """The child's own entry: no relationship, but school, GP, care status and plan."""

    plan = forms.ChoiceField(
        label="Plan at the time of the incident", choices=Plan.choices, widget=forms.RadioSelect
    )
    expected_date_of_birth = GovukDateField(label="Expected date of birth", required=False)

    class Meta(PersonForm.Meta):
        fields = [f for f in PersonForm.Meta.fields if f not in {"kind", "relationship"}] + [
            "unborn",
            "expected_date_of_birth",
            "school",
            "gp_practice",
            "looked_after",
            "plan",
        ]
        labels = {
            **PersonForm.Meta.labels,
            "looked_after": "Looked after by a local authority",
            "unborn": "Not yet born, date of birth not known",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("kind", "relationship"):
            self.fields.pop(name)

    def clean(self):
        data = super().clean()
        if "date_of_birth" in self.errors or "expected_date_of_birth" in self.errors:
            return data
        incident = self.instance.notification.incident_date
        problems = unborn_problems(
            unborn=bool(data.get("unborn")),
            date_of_birth=data.get("date_of_birth"),
            expected=data.get("expected_date_of_birth"),
            incident=incident,
        )
        if problem := under_18_problem(data.get("date_of_birth"), incident):
            problems.setdefault("date_of_birth", problem)
        for name, message in problems.items():
            self.add_error(name, message)
        return data


class TaskForm(CaseDatesForm, forms.Form):
    done_on = GovukDateField(label="Date it was done")
    note = forms.CharField(
        label="What was done",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For other children at risk: how the children were identified and what "
        "was concluded",
    )

    def clean(self):
        data = super().clean()
        clean_form_dates(self, TASK_DATES)
        return data


NEW_CHILD = "new"


class ChildConsideredForm(CaseDatesForm, forms.Form):
    """One child considered under Rotherham 19.1: who, the assessment, and any referral or
    strategy discussion with its date. A child not yet in the register can be added."""

    person = forms.ChoiceField(
        label="Which child was considered?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the child considered, or add a child"},
    )
    given_names = forms.CharField(label="Given names", max_length=150, required=False)
    family_name = forms.CharField(label="Family name", max_length=150, required=False)
    relationship = forms.ChoiceField(
        label="Relationship to the child",
        choices=[
            ("", "Select the relationship"),
            *[
                c
                for c in Relationship.choices
                if c[0] in RELATIONSHIPS_BY_KIND[PersonKind.OTHER_CHILD]
            ],
        ],
        required=False,
    )
    assessment = forms.ChoiceField(
        label="Is this child at risk of harm?",
        choices=RiskAssessment.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the child is at risk, or not known yet"},
    )
    note = forms.CharField(
        label="The assessment",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Who assessed it and on what it rests",
        error_messages={"required": "Describe the assessment"},
    )
    action = forms.ChoiceField(
        label="Referral or strategy discussion",
        choices=SafeguardingAction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the referral or strategy discussion, or none yet"},
    )
    action_on = GovukDateField(label="Date of the referral or discussion", required=False)
    reason = forms.CharField(
        label="If this child was already considered: why is the assessment changing?",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Kept with the earlier assessment in the case's history",
    )

    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.children = {str(p.pk): p for p in children}
        self.fields["person"].choices = [
            *((pk, p.full_name) for pk, p in self.children.items()),
            (NEW_CHILD, "A child not yet in the people register"),
        ]

    def clean(self):
        data = super().clean()
        clean_form_dates(self, CONSIDERED_DATES)
        if data.get("person") == NEW_CHILD:
            for name, message in (
                ("given_names", "Enter the child's given names"),
                ("family_name", "Enter the child's family name"),
                ("relationship", "Select the relationship to the child"),
            ):
                if not data.get(name):
                    self.add_error(name, message)
        action, on = data.get("action"), data.get("action_on")
        if (
            action
            and action != SafeguardingAction.NONE
            and not on
            and "action_on" not in self.errors
        ):
            self.add_error("action_on", "Enter the date of the referral or discussion")
        if action == SafeguardingAction.NONE and on:
            self.add_error("action", "You gave a date: select the referral or strategy discussion")
        return data

    @property
    def chosen(self) -> Person | None:
        return self.children.get(self.cleaned_data["person"])

    def new_child(self) -> dict:
        d = self.cleaned_data
        return {
            "given_names": d["given_names"],
            "family_name": d["family_name"],
            "relationship": d["relationship"],
        }


class PanelRecommendationForm(forms.Form):
    recommendation = forms.ChoiceField(
        label="The panel recommends",
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the panel's recommendation"},
    )
    reasons = forms.CharField(label="Reasons", widget=forms.Textarea(attrs={"rows": 5}))


class DecisionForm(CaseDatesForm, forms.Form):
    outcome = forms.ChoiceField(
        label="The chair's decision",
        choices=DecisionOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the chair's decision"},
    )
    reasons = forms.CharField(
        label="Reasons for the decision",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the reasons for the decision"},
    )
    dissent = forms.CharField(
        label="Dissent recorded by panel or board members",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    confirm_departure = forms.BooleanField(
        label="I confirm that this decision departs from the criteria, which require a review",
        required=False,
    )
    decided_on = GovukDateField(label="Date of the decision")

    def __init__(self, *args, screening: ScreeningResult | None = None, **kwargs):
        """The confirmation is asked only where the criteria require a review; the service
        (record_decision, cases/decision_guard.py) checks it and the reasons."""
        super().__init__(*args, **kwargs)
        if screening is None or not screening.requires_review:
            self.fields.pop("confirm_departure")

    def clean(self):
        data = super().clean()
        clean_form_dates(self, DECISION_DATES)
        return data
