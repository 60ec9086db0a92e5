"""The GOV.UK form renderer, date field, components and page template."""

import datetime
from html.parser import HTMLParser

import pytest
from django import forms
from django.contrib.messages.storage.base import Message
from django.db import models
from django.template import Context, Template, engines
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import isolate_apps

from casereview.lib.forms import (
    GovukDateField,
    GovukDateInput,
    GovukForm,
    GovukFormRenderer,
    GovukModelForm,
)


class Element:
    def __init__(self, tag, attrs):
        self.tag = tag
        self.attrs = {k: v or "" for k, v in attrs}
        self.text = ""

    @property
    def classes(self):
        return set(self.attrs.get("class", "").split())


class Page(HTMLParser):
    """Every element of an HTML fragment, with its attributes and direct text."""

    def __init__(self, html):
        super().__init__()
        self.elements = []
        self._open = []
        self.feed(str(html))

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs)
        self.elements.append(element)
        if tag not in ("input", "br", "meta", "link"):
            self._open.append(element)

    def handle_endtag(self, tag):
        if self._open and self._open[-1].tag == tag:
            self._open.pop()

    def handle_data(self, data):
        for element in self._open:
            element.text += data

    def by_id(self, id_):
        matches = [e for e in self.elements if e.attrs.get("id") == id_]
        assert len(matches) == 1, f"expected one element with id {id_!r}, found {len(matches)}"
        return matches[0]

    def ids(self):
        return [e.attrs["id"] for e in self.elements if "id" in e.attrs]

    def with_class(self, cls):
        return [e for e in self.elements if cls in e.classes]

    def named(self, name):
        return [e for e in self.elements if e.attrs.get("name") == name]


def text_of(element):
    return " ".join(element.text.split())


class EveryWidgetForm(GovukForm):
    name = forms.CharField(label="Full name", help_text="As on their birth certificate")
    email = forms.EmailField(label="Email address")
    age = forms.IntegerField(label="Age", required=False)
    password = forms.CharField(label="Password", widget=forms.PasswordInput)
    summary = forms.CharField(label="Summary", widget=forms.Textarea)
    agency = forms.ChoiceField(
        label="Agency", choices=[("", "Choose an agency"), ("police", "Police")]
    )
    decision = forms.ChoiceField(
        label="Does the case meet the criteria?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        help_text="Read the criteria first",
    )
    concerns = forms.MultipleChoiceField(
        label="Concerns",
        choices=[("neglect", "Neglect"), ("abuse", "Physical abuse")],
        widget=forms.CheckboxSelectMultiple,
    )
    confirm = forms.BooleanField(label="I have read the report", help_text="Tick to confirm")
    date_of_birth = GovukDateField(label="Date of birth", help_text="For example, 27 3 2012")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        super().clean()
        raise forms.ValidationError("The review is closed")


INVALID = {
    "name": "",
    "email": "not an email",
    "age": "",
    "password": "",
    "summary": "",
    "agency": "",
    "date_of_birth_day": "31",
    "date_of_birth_month": "2",
    "date_of_birth_year": "2020",
    "version": "1",
}


@pytest.fixture
def invalid_form():
    form = EveryWidgetForm(data=INVALID)
    assert not form.is_valid()
    return form


def page_with_summary(form):
    html = render_to_string("components/error_summary.html", {"form": form}) + str(form)
    return Page(html)


class DateForm(forms.Form):
    date_of_birth = GovukDateField(label="Date of birth")


def date_form(day, month, year):
    return DateForm(
        data={
            "date_of_birth_day": day,
            "date_of_birth_month": month,
            "date_of_birth_year": year,
        }
    )


def test_settings_use_the_govuk_renderer():
    form = DateForm()
    assert isinstance(form.renderer, GovukFormRenderer)


def test_it_marks_a_field_with_errors_as_an_error_group(invalid_form):
    page = Page(invalid_form)
    name = page.by_id("id_name")
    assert name.classes == {"govuk-input", "govuk-input--error"}
    assert name.attrs["aria-invalid"] == "true"
    error = page.by_id("id_name-error")
    assert "govuk-error-message" in error.classes
    assert text_of(error) == "Error: Enter full name"
    groups = page.with_class("govuk-form-group--error")
    assert len(groups) == len(invalid_form.errors) - 1  # less the non-field error


def test_it_gives_each_widget_its_govuk_class(invalid_form):
    page = Page(invalid_form)
    assert page.by_id("id_email").classes == {"govuk-input", "govuk-input--error"}
    assert page.by_id("id_age").classes == {"govuk-input"}
    assert page.by_id("id_password").classes == {"govuk-input", "govuk-input--error"}
    assert page.by_id("id_summary").classes == {"govuk-textarea", "govuk-textarea--error"}
    assert page.by_id("id_agency").classes == {"govuk-select", "govuk-select--error"}
    assert {e.attrs["id"] for e in page.with_class("govuk-radios__input")} == {
        "id_decision_0",
        "id_decision_1",
    }
    assert {e.attrs["id"] for e in page.with_class("govuk-checkboxes__input")} == {
        "id_concerns_0",
        "id_concerns_1",
        "id_confirm",
    }
    assert len(page.with_class("govuk-radios")) == 1
    assert len(page.with_class("govuk-checkboxes")) == 2
    assert page.by_id("id_date_of_birth").classes == {"govuk-date-input"}


def test_it_labels_each_radio_and_checkbox_option(invalid_form):
    page = Page(invalid_form)
    labels = {e.attrs["for"]: text_of(e) for e in page.elements if e.tag == "label"}
    assert labels["id_decision_0"] == "Yes"
    assert labels["id_concerns_1"] == "Physical abuse"
    assert labels["id_confirm"] == "I have read the report"
    assert labels["id_name"] == "Full name"


def test_it_groups_radios_checkboxes_and_dates_in_a_fieldset_with_a_legend(invalid_form):
    page = Page(invalid_form)
    legends = [text_of(e) for e in page.elements if e.tag == "legend"]
    assert legends == ["Does the case meet the criteria?", "Concerns", "Date of birth"]
    fieldsets = [e for e in page.elements if e.tag == "fieldset"]
    assert all("govuk-fieldset" in f.classes for f in fieldsets)
    assert fieldsets[0].attrs["aria-describedby"] == "id_decision-hint id_decision-error"
    assert fieldsets[2].attrs["role"] == "group"
    # The inputs inside a fieldset are described by the fieldset, not one by one.
    assert "aria-describedby" not in page.by_id("id_decision_0").attrs
    assert "aria-describedby" not in page.by_id("id_date_of_birth_day").attrs


def test_it_points_aria_describedby_only_at_elements_that_exist(invalid_form):
    page = Page(invalid_form)
    ids = set(page.ids())
    described = [e for e in page.elements if "aria-describedby" in e.attrs]
    assert len(described) >= 8
    for element in described:
        for id_ in element.attrs["aria-describedby"].split():
            assert id_ in ids, f"{element.tag} is described by missing #{id_}"


def test_it_describes_a_field_by_its_hint_and_error(invalid_form):
    page = Page(invalid_form)
    assert page.by_id("id_name").attrs["aria-describedby"] == "id_name-hint id_name-error"
    hint = page.by_id("id_name-hint")
    assert "govuk-hint" in hint.classes
    assert text_of(hint) == "As on their birth certificate"
    assert page.by_id("id_email").attrs["aria-describedby"] == "id_email-error"
    assert "aria-describedby" not in page.by_id("id_age").attrs


def test_it_keeps_the_hint_of_a_single_checkbox_inside_its_item(invalid_form):
    page = Page(invalid_form)
    assert page.by_id("id_confirm").attrs["aria-describedby"] == "id_confirm-hint id_confirm-error"
    assert page.by_id("id_confirm-hint").classes == {"govuk-hint", "govuk-checkboxes__hint"}


def test_it_words_required_messages_the_govuk_way(invalid_form):
    errors = invalid_form.errors
    assert errors["name"] == ["Enter full name"]
    assert errors["agency"] == ["Select agency"]
    assert errors["decision"] == ["Select an answer"]  # the label is a question
    assert errors["concerns"] == ["Select concerns"]
    assert errors["confirm"] == ["Select the box to confirm"]
    assert errors["date_of_birth"] == ["Date of birth must be a real date"]


def test_it_keeps_a_required_message_given_by_the_form():
    class Form(GovukForm):
        agency = forms.CharField(error_messages={"required": "Enter the agency's name"})

    assert Form(data={}).errors["agency"] == ["Enter the agency's name"]
    # Each form changes its own copy of its fields, never the class's.
    assert EveryWidgetForm.base_fields["name"].error_messages["required"] == (
        "This field is required."
    )


def test_it_appends_optional_to_the_labels_of_optional_fields_only():
    class Form(GovukForm):
        reference = forms.CharField(label="Reference", required=False)
        title = forms.CharField(label="Title")
        themes = forms.MultipleChoiceField(
            label="Themes",
            choices=[("a", "A")],
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        published = forms.BooleanField(label="Published", required=False)

    page = Page(Form())
    labels = [text_of(e) for e in page.elements if e.tag in ("label", "legend")]
    assert "Reference (optional)" in labels
    assert "Title" in labels
    assert "Themes (optional)" in labels
    assert "Published" in labels  # a single checkbox is optional by nature
    assert not any("*" in label for label in labels)


def test_it_leaves_validation_to_the_server():
    page = Page(EveryWidgetForm())
    assert not [e for e in page.elements if "required" in e.attrs]


def test_it_renders_hidden_fields_without_wrappers(invalid_form):
    html = str(invalid_form)
    assert html.lstrip().startswith('<input type="hidden" name="version"')
    version = Page(html).by_id("id_version")
    assert "class" not in version.attrs
    assert "aria-describedby" not in version.attrs


def test_it_shows_non_field_errors_in_the_summary_but_not_in_the_form(invalid_form):
    assert "The review is closed" not in str(invalid_form)
    summary = render_to_string("components/error_summary.html", {"form": invalid_form})
    assert "The review is closed" in summary


def test_it_links_every_error_summary_item_to_an_existing_element(invalid_form):
    page = page_with_summary(invalid_form)
    ids = set(page.ids())
    summary = page.with_class("govuk-error-summary__list")[0]
    links = [e for e in page.elements if e.tag == "a" and e.attrs.get("href", "").startswith("#")]
    assert len(links) == len(invalid_form.errors) - 1
    for link in links:
        assert link.attrs["href"][1:] in ids
    assert "There is a problem" in text_of(page.with_class("govuk-error-summary__title")[0])
    assert summary.tag == "ul"


def test_it_links_error_summary_to_first_date_box(invalid_form):
    page = page_with_summary(invalid_form)
    link = next(
        e
        for e in page.elements
        if e.tag == "a" and text_of(e) == "Date of birth must be a real date"
    )
    assert link.attrs["href"] == "#id_date_of_birth_day"
    assert page.by_id("id_date_of_birth_day").tag == "input"


def test_it_links_error_summary_to_first_radio(invalid_form):
    page = page_with_summary(invalid_form)
    links = {e.attrs["href"] for e in page.elements if e.tag == "a"}
    assert "#id_decision_0" in links
    assert "#id_concerns_0" in links
    assert "#id_name" in links


def test_it_orders_the_error_summary_like_the_form(invalid_form):
    page = page_with_summary(invalid_form)
    items = [text_of(e) for e in page.elements if e.tag == "li"]
    assert items[0] == "The review is closed"
    hrefs = [e.attrs["href"] for e in page.elements if e.tag == "a"]
    assert hrefs.index("#id_name") < hrefs.index("#id_decision_0")
    assert hrefs.index("#id_decision_0") < hrefs.index("#id_date_of_birth_day")


def test_it_renders_no_error_summary_for_a_valid_form():
    assert render_to_string("components/error_summary.html", {"form": DateForm()}).strip() == ""


def test_it_reads_three_boxes_as_an_iso_date():
    widget = GovukDateInput()
    data = {"d_day": "7", "d_month": "3", "d_year": "2024"}
    assert widget.value_from_datadict(data, {}, "d") == "2024-03-07"
    form = date_form(" 7 ", "03", "2024")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_birth"] == datetime.date(2024, 3, 7)


def test_it_reads_three_empty_boxes_as_no_date():
    widget = GovukDateInput()
    assert widget.value_from_datadict({"d_day": "", "d_month": "", "d_year": ""}, {}, "d") == ""
    optional = GovukDateField(required=False)
    assert optional.clean("") is None


def test_it_asks_for_a_missing_date():
    form = date_form("", "", "")
    assert form.errors["date_of_birth"] == ["Enter date of birth"]


def test_it_says_an_impossible_date_must_be_a_real_date():
    assert date_form("31", "2", "2020").errors["date_of_birth"] == [
        "Date of birth must be a real date"
    ]
    assert date_form("1", "13", "2020").errors["date_of_birth"] == [
        "Date of birth must be a real date"
    ]
    assert date_form("first", "May", "2020").errors["date_of_birth"] == [
        "Date of birth must be a real date"
    ]


def test_it_names_the_missing_parts_of_a_date():
    assert date_form("1", "", "2020").errors["date_of_birth"] == [
        "Date of birth must include a month"
    ]
    assert date_form("1", "", "").errors["date_of_birth"] == [
        "Date of birth must include a month and year"
    ]


def test_it_asks_for_a_four_digit_year():
    assert date_form("1", "2", "20").errors["date_of_birth"] == ["Year must include 4 numbers"]


HUGE = "99999999999999999999"


def test_numbers_too_large_for_a_date_get_a_message_not_an_overflow():
    """Python's date() raised OverflowError on these, a server error on every date form."""
    assert date_form(HUGE, "2", "2020").errors["date_of_birth"] == ["Day must be 1 or 2 numbers"]
    assert date_form("1", HUGE, "2020").errors["date_of_birth"] == ["Month must be 1 or 2 numbers"]
    assert date_form("1", "2", HUGE).errors["date_of_birth"] == ["Year must include 4 numbers"]
    assert date_form("001", "2", "2020").errors["date_of_birth"] == ["Day must be 1 or 2 numbers"]
    valid = date_form("01", "02", "2020")
    assert valid.is_valid() and valid.cleaned_data["date_of_birth"] == datetime.date(2020, 2, 1)


def test_it_highlights_the_boxes_with_too_many_digits():
    page = Page(date_form(HUGE, "2", HUGE))
    assert "govuk-input--error" in page.by_id("id_date_of_birth_day").classes
    assert "govuk-input--error" not in page.by_id("id_date_of_birth_month").classes
    assert "govuk-input--error" in page.by_id("id_date_of_birth_year").classes


def test_it_highlights_only_the_date_boxes_that_need_correcting():
    page = Page(date_form("1", "", "2020"))
    assert "govuk-input--error" not in page.by_id("id_date_of_birth_day").classes
    assert "govuk-input--error" in page.by_id("id_date_of_birth_month").classes
    assert "govuk-input--error" not in page.by_id("id_date_of_birth_year").classes
    summary = Page(
        render_to_string("components/error_summary.html", {"form": date_form("1", "", "2020")})
    )
    assert summary.elements[-1].attrs["href"] == "#id_date_of_birth_month"

    page = Page(date_form("31", "2", "2020"))
    for part in ("day", "month", "year"):
        assert "govuk-input--error" in page.by_id(f"id_date_of_birth_{part}").classes


def test_it_shows_what_was_typed_after_an_error():
    page = Page(date_form("31", "two", "2020"))
    assert [e.attrs.get("value") for e in page.with_class("govuk-date-input__input")] == [
        "31",
        "two",
        "2020",
    ]


def test_it_shows_an_initial_date_in_the_boxes():
    page = Page(DateForm(initial={"date_of_birth": datetime.date(2012, 3, 27)}))
    boxes = page.with_class("govuk-date-input__input")
    assert [b.attrs.get("value") for b in boxes] == ["27", "3", "2012"]
    assert [b.attrs["name"] for b in boxes] == [
        "date_of_birth_day",
        "date_of_birth_month",
        "date_of_birth_year",
    ]
    assert all(b.attrs["inputmode"] == "numeric" for b in boxes)
    assert [b.classes & {"govuk-input--width-2", "govuk-input--width-4"} for b in boxes] == [
        {"govuk-input--width-2"},
        {"govuk-input--width-2"},
        {"govuk-input--width-4"},
    ]
    labels = [text_of(e) for e in page.with_class("govuk-date-input__label")]
    assert labels == ["Day", "Month", "Year"]


def test_it_fills_in_date_of_birth_autocomplete_when_asked():
    class Form(forms.Form):
        born = GovukDateField(widget=GovukDateInput(autocomplete_prefix="bday"))

    boxes = Page(Form()).with_class("govuk-date-input__input")
    assert [b.attrs["autocomplete"] for b in boxes] == ["bday-day", "bday-month", "bday-year"]


def test_it_lets_a_form_override_date_messages():
    class Form(forms.Form):
        when = GovukDateField(
            label="When did the incident happen?",
            error_messages={"required": "Enter the date of the incident"},
        )

    assert Form(data={}).errors["when"] == ["Enter the date of the incident"]


@isolate_apps("casereview.lib")
def test_it_gives_model_forms_the_govuk_date_field():
    class Incident(models.Model):
        occurred_on = models.DateField("Date of the incident")
        summary = models.TextField(blank=True)

        def __str__(self):
            return str(self.occurred_on)

    class IncidentForm(GovukModelForm):
        class Meta:
            model = Incident
            fields = ["occurred_on", "summary"]

    form = IncidentForm(
        data={"occurred_on_day": "5", "occurred_on_month": "11", "occurred_on_year": "2023"}
    )
    assert isinstance(form.fields["occurred_on"], GovukDateField)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["occurred_on"] == datetime.date(2023, 11, 5)
    assert "Summary (optional)" in str(form)


def test_it_makes_a_field_the_page_heading_on_one_question_pages():
    class Form(GovukForm):
        govuk_page_heading_field = "decision"
        decision = forms.ChoiceField(
            label="Does the case meet the criteria?",
            choices=[("yes", "Yes"), ("no", "No")],
            widget=forms.RadioSelect,
        )

    page = Page(Form())
    h1 = next(e for e in page.elements if e.tag == "h1")
    assert text_of(h1) == "Does the case meet the criteria?"
    assert "govuk-fieldset__heading" in h1.classes


def test_it_keeps_a_widget_class_given_by_the_form():
    class Form(GovukForm):
        postcode = forms.CharField(widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}))

    field = Page(Form()).by_id("id_postcode")
    assert field.classes == {"govuk-input", "govuk-input--width-10"}


# Components and the page template.


def render_page(context=None, user=None, body="<h1>Reviews</h1>"):
    request = RequestFactory().get("/")
    if user is not None:
        request.user = user
    source = (
        '{% extends "base.html" %}{% block title %}Reviews{% endblock %}'
        "{% block content %}" + body + "{% endblock %}"
    )
    return engines["django"].from_string(source).render(context or {}, request)


def test_the_page_prefixes_the_title_with_error_when_the_form_has_errors():
    page = render_page({"form": date_form("", "", "")})
    assert "<title>Error: Reviews \N{EN DASH} Serious Case Reviews</title>" in page
    assert "govuk-error-summary" in page
    assert "<title>Reviews \N{EN DASH} Serious Case Reviews</title>" in render_page(
        {"form": DateForm()}
    )


def test_the_page_puts_the_csp_nonce_on_every_script():
    page = Page(render_page({"csp_nonce": "abc123"}))
    scripts = [e for e in page.elements if e.tag == "script"]
    assert len(scripts) == 2
    assert all(s.attrs.get("nonce") == "abc123" for s in scripts)
    assert scripts[-1].attrs["type"] == "module"
    assert not [e for e in page.elements if "style" in e.attrs or e.tag == "style"]


def test_the_page_has_one_header_main_and_footer_without_a_crown():
    html = render_page()
    page = Page(html)
    for tag in ("header", "main", "footer"):
        assert len([e for e in page.elements if e.tag == tag]) == 1
    assert page.by_id("main-content").tag == "main"
    assert page.elements[0].attrs == {"lang": "en-GB", "class": "govuk-template"}
    assert "crown" not in html.lower()
    assert "GDS Transport" not in html
    assert "Sign out" not in html
    assert "This is a new service. Demonstration data only in this environment." in html


def test_the_page_renders_service_navigation_only_when_there_are_items():
    assert "govuk-service-navigation" not in render_page()
    page = Page(
        render_page(
            {
                "nav_items": [
                    {"text": "Home", "url": "/", "active": False},
                    {"text": "Reviews", "url": "/reviews/", "active": True},
                ]
            }
        )
    )
    active = page.with_class("govuk-service-navigation__item--active")
    assert len(active) == 1
    link = next(e for e in page.elements if e.attrs.get("href") == "/reviews/")
    assert link.attrs["aria-current"] == "true"


def test_the_page_shows_messages_as_notification_banners():
    page = Page(
        render_page(
            {
                "messages": [
                    Message(25, "Review saved", extra_tags=""),
                    Message(20, "Deadline moved"),
                ]
            }
        )
    )
    banners = page.with_class("govuk-notification-banner")
    assert len(banners) == 2
    # Message.tags is computed from the level: 25 is "success", 20 is "info".
    assert banners[0].attrs["role"] == "alert"
    assert "govuk-notification-banner--success" in banners[0].classes
    assert banners[1].attrs["role"] == "region"
    for banner in banners:
        assert page.by_id(banner.attrs["aria-labelledby"]).tag == "h2"


def test_the_page_shows_the_signed_in_user_and_a_sign_out_button():
    class User:
        is_authenticated = True

        def get_full_name(self):
            return "Alex Chair"

        def get_username(self):
            return "alex"

        def is_verified(self):  # django-otp; False keeps the navigation out of this test
            return False

    html = render_page(user=User())
    page = Page(html)
    assert "Alex Chair" in html
    form = next(e for e in page.elements if e.tag == "form")
    assert form.attrs["method"] == "post"
    assert page.named("csrfmiddlewaretoken")


@pytest.mark.parametrize(
    ("template", "heading"),
    [
        ("errors/400.html", "Sorry, there is a problem with your request"),
        ("errors/403.html", "You do not have permission to do this"),
        ("errors/404.html", "Page not found"),
        ("errors/500.html", "Sorry, there is a problem with the service"),
        ("errors/503.html", "Sorry, the service is unavailable"),
    ],
)
def test_error_pages_render_with_one_heading(template, heading):
    html = render_to_string(template)  # no request: 500 and 503 must render without one
    page = Page(html)
    h1s = [text_of(e) for e in page.elements if e.tag == "h1"]
    assert h1s == [heading]


def test_the_summary_list_takes_pairs_or_dicts():
    html = render_to_string(
        "components/summary_list.html",
        {
            "rows": [
                ("Board", "Northshire"),
                {"key": "Chair", "value": "", "href": "/chair/"},
                {"key": "Agencies", "value": 0},
            ],
            "actions": True,
        },
    )
    page = Page(html)
    keys = [text_of(e) for e in page.with_class("govuk-summary-list__key")]
    values = [text_of(e) for e in page.with_class("govuk-summary-list__value")]
    assert keys == ["Board", "Chair", "Agencies"]
    assert values == ["Northshire", "Not provided", "0"]
    change = next(e for e in page.elements if e.tag == "a")
    assert text_of(change) == "Change chair"
    assert len(page.with_class("govuk-summary-list__row--no-actions")) == 2


def test_the_table_and_tag_components_render_their_context():
    table = Page(
        render_to_string(
            "components/table.html",
            {
                "caption": "Reviews",
                "head": ["Review", "Status"],
                "rows": [["SCR-1", "Open"]],
                "first_cell_is_header": True,
            },
        )
    )
    assert [text_of(e) for e in table.elements if e.tag == "th"] == ["Review", "Status", "SCR-1"]
    tag = Page(
        Template('{% include "components/tag.html" with text="Overdue" colour="red" %}').render(
            Context()
        )
    )
    assert tag.elements[0].classes == {"govuk-tag", "govuk-tag--red"}


def test_an_optional_field_is_marked_once_even_when_its_label_says_so():
    class Form(GovukForm):
        note = forms.CharField(label="Note (optional)", required=False)
        summary = forms.CharField(label="Summary", required=False)

    html = str(Form())
    assert "Note (optional)" in html and "(optional) (optional)" not in html
    assert "Summary (optional)" in html
