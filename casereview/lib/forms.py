"""GOV.UK Frontend markup for Django forms.

`GovukFormRenderer` (settings.FORM_RENDERER) makes `{{ form }}` render every field as a
GOV.UK form group. The widget type decides the GOV.UK classes, so forms need no per-field
`attrs`. `GovukDateField` is the GOV.UK day/month/year date input.

    class NotificationForm(forms.Form):
        child_name = forms.CharField(label="Child's name")
        date_of_birth = GovukDateField(label="Date of birth", help_text="For example, 27 3 2012")

Model forms get GovukDateField for model DateFields by subclassing `GovukModelForm`, or
with `Meta.formfield_callback = govuk_formfield_callback`.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.boundfield import BoundField
from django.forms.models import ModelFormMetaclass
from django.forms.renderers import DjangoTemplates, TemplatesSetting
from django.forms.widgets import Input
from django.template import TemplateDoesNotExist

__all__ = [
    "DateParts",
    "GovukBoundField",
    "GovukDateField",
    "GovukDateInput",
    "GovukForm",
    "GovukFormMixin",
    "GovukFormRenderer",
    "GovukModelForm",
    "ModelMultipleChoiceField",
    "govuk_formfield_callback",
]


@functools.cache
def _django_form_templates() -> DjangoTemplates:
    return DjangoTemplates()


_DJANGO_REQUIRED = str(forms.Field.default_error_messages["required"])


class GovukBoundField(BoundField):
    """A BoundField that knows its GOV.UK kind, classes, hint/error ids and anchor."""

    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        # Bound fields exist before cleaning, and each form has its own copy of its fields.
        if str(field.error_messages.get("required", "")) == _DJANGO_REQUIRED:
            field.error_messages["required"] = self._govuk_required_message()

    def _govuk_required_message(self) -> str:
        """GOV.UK style instead of "This field is required.": "Enter full name", "Select agency";
        "Enter an answer" / "Select an answer" when the label is a question."""
        kind = self.govuk_kind
        if kind == "checkbox":
            return "Select the box to confirm"
        verb = "Select" if kind in ("select", "radios", "checkboxes", "file") else "Enter"
        label = str(self.label).strip()
        if not label or label.endswith("?"):
            return f"{verb} an answer"
        return f"{verb} {_lower_first(label)}"

    @property
    def govuk_kind(self) -> str:
        """What GOV.UK component this field renders as; field.html branches on it."""
        widget = self.field.widget
        if isinstance(widget, GovukDateInput):
            return "date"
        if widget.is_hidden:
            return "hidden"
        if isinstance(widget, forms.CheckboxSelectMultiple):
            return "checkboxes"
        if isinstance(widget, forms.RadioSelect):
            return "radios"
        if isinstance(widget, forms.CheckboxInput):
            return "checkbox"
        if isinstance(widget, forms.Select):
            return "select"
        if isinstance(widget, forms.Textarea):
            return "textarea"
        if isinstance(widget, forms.FileInput):
            return "file"
        if isinstance(widget, Input):
            return "input"
        return "other"

    @property
    def govuk_label(self) -> str:
        """The label, with " (optional)" if the field is optional (GOV.UK marks those instead
        of required ones). A field marked `needed_later` (optional now, required at a later
        step, such as a report's sections before submission) is not marked."""
        label = str(self.label)
        later = getattr(self.field, "needed_later", False)
        marked = label.endswith("(optional)")  # a label written with it is not marked twice
        if not self.field.required and not later and self.govuk_kind != "checkbox" and not marked:
            label = f"{label} (optional)"
        return label

    @property
    def govuk_hint_id(self) -> str:
        return f"{self.auto_id}-hint" if self.auto_id and self.help_text else ""

    @property
    def govuk_error_id(self) -> str:
        return f"{self.auto_id}-error" if self.auto_id and self.errors else ""

    @property
    def aria_describedby(self):
        # Django's own ids are "<id>_helptext"/"<id>_error"; GOV.UK's are "<id>-hint"/"<id>-error".
        if self.field.widget.attrs.get("aria-describedby") or self.is_hidden:
            return None
        return " ".join(i for i in (self.govuk_hint_id, self.govuk_error_id) if i)

    @property
    def govuk_anchor_id(self) -> str:
        """The id the error summary links to: the first input a user should correct."""
        if not self.auto_id:
            return ""
        kind = self.govuk_kind
        if kind == "date":
            return self.field.widget.anchor_id(self.auto_id, self.value())
        if kind in ("radios", "checkboxes"):
            subwidgets = self.subwidgets
            return subwidgets[0].id_for_label if subwidgets else self.auto_id
        return self.id_for_label or self.auto_id

    @property
    def is_page_heading(self) -> bool:
        """True for the field named by the form's `govuk_page_heading_field`: on a one-question
        page the label or legend is the page's <h1>."""
        return getattr(self.form, "govuk_page_heading_field", None) == self.name

    def _govuk_classes(self, widget) -> str:
        error = bool(self.errors)
        if isinstance(widget, GovukDateInput):
            return "govuk-input govuk-date-input__input"  # the widget adds width and error
        if widget.is_hidden:
            return ""
        if isinstance(widget, forms.RadioSelect) and not isinstance(
            widget, forms.CheckboxSelectMultiple
        ):
            return "govuk-radios__input"
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
            return "govuk-checkboxes__input"
        for widget_class, base in (
            (forms.Select, "govuk-select"),
            (forms.Textarea, "govuk-textarea"),
            (forms.FileInput, "govuk-file-upload"),
            (Input, "govuk-input"),
        ):
            if isinstance(widget, widget_class):
                return f"{base} {base}--error" if error else base
        return ""

    def build_widget_attrs(self, attrs, widget=None):
        widget = widget or self.field.widget
        attrs = super().build_widget_attrs(attrs, widget)
        # GOV.UK validates on the server and shows its own messages, not the browser's.
        attrs.pop("required", None)
        classes = " ".join(
            c for c in (self._govuk_classes(widget), widget.attrs.get("class", "")) if c
        )
        if classes:
            attrs["class"] = classes
        if isinstance(widget, forms.EmailInput):
            attrs.setdefault("spellcheck", "false")
        return attrs


class GovukFormRenderer(TemplatesSetting):
    """Renders forms and fields with the project's GOV.UK templates (components/).

    Django's own widget templates are found even when "django.forms" is not an installed app.
    """

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"
    bound_field_class = GovukBoundField

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            if not template_name.startswith("django/forms/"):
                raise
            return _django_form_templates().get_template(template_name)


_renderer = GovukFormRenderer()


class GovukFormMixin:
    """GOV.UK rendering for a form even where settings.FORM_RENDERER is something else."""

    default_renderer = _renderer
    bound_field_class = GovukBoundField
    use_required_attribute = False
    # Name of the field whose label is the page's <h1> on one-question pages.
    govuk_page_heading_field: str | None = None


class GovukForm(GovukFormMixin, forms.Form):
    pass


_DIGITS = re.compile(r"[0-9]+")
# How many digits each box may hold: a longer number is never a date (and would overflow).
_PART_DIGITS = {"day": (1, 2), "month": (1, 2), "year": (4, 4)}


class DateParts(str):
    """What a user typed into the day, month and year boxes.

    As a string it is the ISO date ("2024-03-07") when all three are numbers, so a DateField
    parses it; it also keeps the raw parts so an invalid date is shown again as typed.
    """

    day: str
    month: str
    year: str

    def __new__(cls, day: str, month: str, year: str):
        if all(_DIGITS.fullmatch(p) for p in (day, month, year)):
            text = f"{year:0>4}-{month:0>2}-{day:0>2}"
        else:
            text = f"{year}-{month}-{day}"
        obj = super().__new__(cls, text)
        obj.day, obj.month, obj.year = day, month, year
        return obj

    @property
    def missing(self) -> list[str]:
        return [n for n in ("day", "month", "year") if not getattr(self, n)]

    @property
    def too_long_or_short(self) -> list[str]:
        """The boxes whose number has too many (or, for the year, too few) digits."""
        return [
            n
            for n, (fewest, most) in _PART_DIGITS.items()
            if not fewest <= len(getattr(self, n)) <= most
        ]


class GovukDateInput(forms.MultiWidget):
    """GOV.UK date input: Day, Month and Year text boxes named <name>_day, _month, _year."""

    template_name = "components/widgets/date_input.html"
    parts = ("day", "month", "year")

    def __init__(self, attrs=None, autocomplete_prefix: str | None = None):
        # autocomplete_prefix="bday" gives autocomplete="bday-day" etc. for a date of birth.
        self.autocomplete_prefix = autocomplete_prefix
        super().__init__({part: forms.TextInput for part in self.parts}, attrs)

    def decompress(self, value):
        if isinstance(value, DateParts):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value:
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        raw = [data.get(f"{name}_{part}") for part in self.parts]
        if all(v is None for v in raw):
            return None
        day, month, year = ((v or "").strip() for v in raw)
        if not (day or month or year):
            return ""
        return DateParts(day, month, year)

    def value_omitted_from_data(self, data, files, name):
        return all(f"{name}_{part}" not in data for part in self.parts)

    def error_parts(self, value) -> tuple[str, ...]:
        """Which boxes to highlight when the field has an error: the missing ones if some were
        filled in, the year if only it is wrong, otherwise all three."""
        if isinstance(value, DateParts):
            if 0 < len(value.missing) < 3:
                return tuple(value.missing)
            parts = (value.day, value.month, value.year)
            if all(_DIGITS.fullmatch(p) for p in parts) and value.too_long_or_short:
                return tuple(value.too_long_or_short)
        return self.parts

    def anchor_id(self, id_: str, value) -> str:
        return f"{id_}_{self.error_parts(value)[0]}"

    def id_for_label(self, id_):
        return f"{id_}_day" if id_ else ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        has_error = widget["attrs"].pop("aria-invalid", None) == "true"
        error_parts = self.error_parts(value) if has_error else ()
        id_ = widget["attrs"].get("id")
        for part, sub in zip(self.parts, widget["subwidgets"], strict=True):
            sub_attrs = sub["attrs"]
            classes = [
                sub_attrs.get("class", ""),
                f"govuk-input--width-{4 if part == 'year' else 2}",
            ]
            if part in error_parts:
                classes.append("govuk-input--error")
                sub_attrs["aria-invalid"] = "true"
            else:
                sub_attrs.pop("aria-invalid", None)
            sub_attrs["class"] = " ".join(c for c in classes if c)
            sub_attrs["inputmode"] = "numeric"
            sub_attrs.pop("required", None)
            if id_:
                sub_attrs["id"] = f"{id_}_{part}"
            if self.autocomplete_prefix:
                sub_attrs["autocomplete"] = f"{self.autocomplete_prefix}-{part}"
            sub["label"] = part.capitalize()
        return context


def _lower_first(label: str) -> str:
    # "Date of birth" -> "date of birth", but "NHS number" keeps its capitals.
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


class GovukDateField(forms.DateField):
    """A date from three boxes, with the GOV.UK error messages.

    Messages use %(label)s and %(label_lower)s and may be overridden with error_messages.
    """

    widget = GovukDateInput
    default_error_messages = {
        "required": "Enter %(label_lower)s",
        "invalid": "%(label)s must be a real date",
        "incomplete": "%(label)s must include a %(missing)s",
        "day_digits": "Day must be 1 or 2 numbers",
        "month_digits": "Month must be 1 or 2 numbers",
        "year_digits": "Year must include 4 numbers",
    }

    def _params(self, **extra) -> dict[str, str]:
        label = str(self.label) if self.label else "The date"
        return {"label": label, "label_lower": _lower_first(label), **extra}

    def _error(self, code: str, **extra) -> ValidationError:
        return ValidationError(self.error_messages[code], code=code, params=self._params(**extra))

    def to_python(self, value):
        if isinstance(value, DateParts):
            if missing := value.missing:
                raise self._error("incomplete", missing=" and ".join(missing))
            if not all(_DIGITS.fullmatch(p) for p in (value.day, value.month, value.year)):
                raise self._error("invalid")
            if wrong := value.too_long_or_short:
                raise self._error(f"{wrong[0]}_digits")
            try:
                return datetime.date(int(value.year), int(value.month), int(value.day))
            except ValueError:
                raise self._error("invalid") from None
        try:
            return super().to_python(value)
        except ValidationError as error:
            raise self._error(error.code or "invalid") from None

    def validate(self, value):
        if value in self.empty_values and self.required:
            raise self._error("required")
        super().validate(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, except that an id too large for the database is an invalid choice: SQLite
    cannot bind it in the `__in` lookup Django makes and raised OverflowError."""

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": "That"},
            ) from None


def govuk_formfield_callback(model_field, **kwargs):
    """ModelForm Meta.formfield_callback: model DateFields become GovukDateFields."""
    if isinstance(model_field, models.DateField) and not isinstance(
        model_field, models.DateTimeField
    ):
        kwargs.setdefault("form_class", GovukDateField)
    return model_field.formfield(**kwargs)


class _GovukModelFormMetaclass(ModelFormMetaclass):
    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and getattr(meta, "formfield_callback", None) is None:
            meta.formfield_callback = staticmethod(govuk_formfield_callback)
        return super().__new__(mcs, name, bases, attrs)


class GovukModelForm(GovukFormMixin, forms.ModelForm, metaclass=_GovukModelFormMetaclass):
    """A ModelForm rendered the GOV.UK way whose model DateFields use GovukDateField."""


def apply_validation_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field where it names one of the
    form's fields, otherwise at the top of the error summary."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def submitted[T](request, form: forms.Form, save: Callable[[], T]) -> tuple[bool, T | None]:
    """Run `save()` when `form` was posted and is valid; a ValidationError the service raises
    becomes errors on the form. Returns (True, what save returned) once saved, otherwise
    (False, None) and the page is shown again with the form's errors."""
    if request.method != "POST" or not form.is_valid():
        return False, None
    try:
        return True, save()
    except ValidationError as error:
        apply_validation_error(form, error)
        return False, None
