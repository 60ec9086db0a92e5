"""GOV.UK form groups written in Python, for the busiest pages: the markup of the form
renderer's templates (components/form.html, components/field.html,
components/widgets/date_input.html and Django's input, select and textarea widgets) from the
same bound field and widget context, without the template engine. Rendered by the template
engine, a page's dozen form fields cost more than the rest of the page (about 1 ms a field).

Only the plain case is written here: text-like inputs, textareas, selects without option
groups and GOV.UK dates, labelled (not the page's heading) and without errors. Any other
field, and any field with an error, goes through the form renderer as before, so that the
messages and their highlighting have one source. lib/tests/test_field_html.py holds both to
the same markup.

Every text is escaped as the templates' autoescaping does (conditional_escape()).
"""

from __future__ import annotations

import html

from django.forms import Form
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString, mark_safe

from .forms import GovukDateInput

_INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("input", "text", "number", "email", "url", "tel", "search", "password", "hidden")
)
_SELECT = "django/forms/widgets/select.html"
_OPTION = "django/forms/widgets/select_option.html"
_TEXTAREA = "django/forms/widgets/textarea.html"


def _e(value) -> str:
    """conditional_escape() without making a SafeString of each piece."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _attrs(attrs: dict) -> str:
    """Django's attrs.html: `name="value"`, a bare name for True, nothing for False."""
    return "".join(
        f" {_e(name)}" if value is True else f' {_e(name)}="{_e(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(w: dict) -> str:
    value = "" if w["value"] is None else f' value="{_e(w["value"])}"'
    return f'<input type="{_e(w["type"])}" name="{_e(w["name"])}"{value}{_attrs(w["attrs"])}>'


def _select(w: dict) -> str | None:
    options = []
    for group_name, choices, _ in w["optgroups"]:
        if group_name:
            return None
        for o in choices:
            if o["template_name"] != _OPTION:
                return None
            options.append(
                f'<option value="{_e(o["value"])}"{_attrs(o["attrs"])}>{_e(o["label"])}</option>'
            )
    return f'<select name="{_e(w["name"])}"{_attrs(w["attrs"])}>{"".join(options)}</select>'


def _textarea(w: dict) -> str:
    value = _e(w["value"]) if w["value"] else ""
    return f'<textarea name="{_e(w["name"])}"{_attrs(w["attrs"])}>\n{value}</textarea>'


def _date(w: dict) -> str:
    items = []
    for sub in w["subwidgets"]:
        target = f' for="{_e(sub["attrs"]["id"])}"' if sub["attrs"].get("id") else ""
        value = f' value="{_e(sub["value"])}"' if sub["value"] else ""
        items.append(
            '<div class="govuk-date-input__item"><div class="govuk-form-group">'
            f'<label class="govuk-label govuk-date-input__label"{target}>{_e(sub["label"])}'
            f'</label><input type="text" name="{_e(sub["name"])}"{value}{_attrs(sub["attrs"])}>'
            "</div></div>"
        )
    id_ = f' id="{_e(w["attrs"]["id"])}"' if w["attrs"].get("id") else ""
    return f'<div class="govuk-date-input"{id_}>{"".join(items)}</div>'


def _widget(field: BoundField) -> str | None:
    """The widget as BoundField.as_widget() renders it, or None when it is not a plain one."""
    widget = field.field.widget
    if field.field.localize:
        return None
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    w = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    if isinstance(widget, GovukDateInput):
        return _date(w)
    if widget.template_name in _INPUT_TEMPLATES:
        return _input(w)
    if widget.template_name == _SELECT and not widget.allow_multiple_selected:
        return _select(w)
    if widget.template_name == _TEXTAREA:
        return _textarea(w)
    return None


def _hint(field: BoundField) -> str:
    if not field.help_text:
        return ""
    return f'<div id="{_e(field.govuk_hint_id)}" class="govuk-hint">{_e(field.help_text)}</div>'


def _group(field: BoundField) -> str | None:
    """components/field.html for a plain field, or None."""
    if field.is_hidden:
        return None if field.field.show_hidden_initial else _widget(field)
    kind = field.govuk_kind
    if field.errors or field.is_page_heading or kind not in ("input", "textarea", "select", "date"):
        return None
    widget = _widget(field)
    if widget is None:
        return None
    label = _e(field.govuk_label)
    if kind == "date":
        described = field.aria_describedby
        described = f' aria-describedby="{_e(described)}"' if described else ""
        return (
            '<div class="govuk-form-group">'
            f'<fieldset class="govuk-fieldset" role="group"{described}>'
            f'<legend class="govuk-fieldset__legend">{label}</legend>'
            f"{_hint(field)}{widget}</fieldset></div>"
        )
    target = f' for="{_e(field.id_for_label)}"' if field.id_for_label else ""
    return (
        f'<div class="govuk-form-group"><label class="govuk-label"{target}>{label}</label>'
        f"{_hint(field)}{widget}</div>"
    )


def field_group(field: BoundField) -> SafeString:
    """`field.as_field_group()`: written here when plain, by the form renderer otherwise."""
    written = _group(field)
    if written is None:
        return field.as_field_group()
    return mark_safe(written)  # noqa: S308 - see the module's docstring


def form_fields(form: Form, names: tuple[str, ...] = ()) -> SafeString:
    """`{{ form }}` (components/form.html): the hidden fields, then a group per field; or
    only the fields `names`, in that order."""
    fields = [form[name] for name in names or form.fields]
    hidden = [field_group(f) for f in fields if f.is_hidden]
    shown = [field_group(f) for f in fields if not f.is_hidden]
    return mark_safe("".join(hidden) + "\n".join(shown))  # noqa: S308 - see the docstring
