"""Form groups written in Python (lib/field_html.py) are the form renderer's markup: the same
elements, attributes and text, field by field, bound or not; what it does not write (an
error, radios, a page heading) is the renderer's own output."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django import forms

from casereview.lib.field_html import _group, field_group, form_fields
from casereview.lib.forms import GovukDateField, GovukForm


class Tokens(HTMLParser):
    """An HTML fragment as its tags (with their attributes, in order) and texts, with the
    whitespace between them collapsed: what a browser and a screen reader get."""

    def __init__(self, html):
        super().__init__()
        self.tokens = []
        self.feed(str(html))

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("<", tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self.tokens.append(("/", tag))

    def handle_data(self, data):
        if text := " ".join(data.split()):
            self.tokens.append(("text", text))


def same_markup(written, rendered) -> bool:
    return Tokens(written).tokens == Tokens(rendered).tokens


class Everything(GovukForm):
    name = forms.CharField(label="Full name", max_length=80)
    nickname = forms.CharField(label="Known as", required=False, help_text="If <not> the name")
    email = forms.EmailField(label="Email address", required=False)
    days = forms.IntegerField(
        label="Days", min_value=1, max_value=30, help_text="Between 1 & 30", required=False
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(
        label="Kind",
        required=False,
        choices=[("", "Any"), ("a", "Tom & Jerry's"), ("b", '"Quoted" <b>')],
    )
    on = GovukDateField(label="Date of the visit", help_text="For example, 1 3 2025")
    until = GovukDateField(label="Until", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def _rendered_groups(form):
    return {name: form[name].as_field_group() for name in form.fields}


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"name": "Ann <Smith>", "nickname": "A&B", "days": "7", "notes": "Line 1\nLine 2 <i>"}
        | {"kind": "b", "on_day": "3", "on_month": "4", "on_year": "2025", "version": "2"},
        {"name": "Ann", "on_day": "1", "on_month": "2", "on_year": "2024", "kind": "a"},
    ],
    ids=["unbound", "bound-with-text-to-escape", "bound"],
)
def test_each_plain_field_is_written_as_the_renderer_renders_it(data):
    form = Everything(data, initial={"days": 3, "version": 1})
    if data is not None:
        assert form.is_valid(), form.errors
    for name in form.fields:
        assert _group(form[name]) is not None, f"{name} was not written in Python"
        assert same_markup(field_group(form[name]), form[name].as_field_group()), name
    assert same_markup(form_fields(form), str(form))


def test_the_fields_asked_for_come_in_that_order():
    form = Everything()
    rendered = form["on"].as_field_group() + form["name"].as_field_group()
    assert same_markup(form_fields(form, ("on", "name")), rendered)


def test_a_field_with_an_error_is_left_to_the_renderer():
    wrong = {"on_day": "31", "on_month": "2", "on_year": "2025"}
    form = Everything({"name": "", "days": "99", **wrong})
    assert not form.is_valid()
    for name in ("name", "on", "days"):
        assert form[name].errors
        assert _group(form[name]) is None
        assert field_group(form[name]) == form[name].as_field_group()
    assert "govuk-form-group--error" in form_fields(form)
    assert same_markup(form_fields(form), str(form))


class Others(GovukForm):
    govuk_page_heading_field = "question"

    question = forms.CharField(label="What happened?")
    colour = forms.ChoiceField(
        label="Colour", choices=[("r", "Red"), ("g", "Green")], widget=forms.RadioSelect
    )
    sure = forms.BooleanField(label="I am sure")
    grouped = forms.ChoiceField(label="Grouped", choices=[("Warm", [("r", "Red")])])


def test_what_it_does_not_write_is_the_renderers_own_markup():
    form = Others(initial={"colour": "g"})
    for name in form.fields:
        assert _group(form[name]) is None, name
        assert field_group(form[name]) == form[name].as_field_group()


def test_a_date_typed_wrong_is_shown_as_typed_by_the_renderer():
    form = Everything({"name": "Ann", "on_day": "x", "on_month": "13", "on_year": "25"})
    assert not form.is_valid()
    html = str(form_fields(form))
    assert re.search(r'name="on_day" value="x"', html)
    assert "Date of the visit must be a real date" in html


def test_a_date_given_as_initial_is_shown_in_its_boxes():
    form = Everything(initial={"on": datetime.date(2025, 3, 7)})
    written = str(field_group(form["on"]))
    assert 'name="on_day" value="7"' in written and 'name="on_year" value="2025"' in written
    assert same_markup(written, form["on"].as_field_group())
