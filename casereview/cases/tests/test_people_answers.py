"""Issue 9 item 7: no answer is assumed on the people register. Ethnicity, language and
disability are chosen, "not known" is a real answer that leaves the 19.3 and 19.4 lines
undecided (never silently not applicable), religion is recorded, and parental disability
counts by relationship."""

import re

import pytest
from django.urls import reverse

from casereview.cases.models import Notification, Person
from casereview.procedure.engine import evaluate
from conftest import make_notification, review_of, status_of, verified_client

from .helpers import URL, valid_post


def _result(case, obligation_id):
    return next(r for r in evaluate(case) if r.obligation.id == obligation_id)


def _add_person(world, notification, **fields):
    data = {
        "kind": "family",
        "given_names": "Sam",
        "family_name": "Testparent",
        "relationship": "mother",
        "sex": "female",
        "ethnicity": "W1",
        "preferred_language": "en",
        "disability": "no",
        **fields,
    }
    return verified_client(world.user("board_manager")).post(
        reverse("cases:person_add", args=[notification.pk]), data
    )


def test_the_notify_form_preselects_no_ethnicity_or_disability(world):
    page = verified_client(world.user("board_manager")).get(URL).text
    ethnicity = re.search(r'<select name="ethnicity".*?</select>', page, re.S).group(0)
    assert "selected" not in ethnicity.split("</option>", 1)[1]
    assert re.search(r'name="disability"[^>]*checked', page) is None
    assert 'value="not_known"' in page


def test_the_notify_form_asks_for_ethnicity_and_disability(world):
    data = valid_post(world)
    del data["ethnicity"], data["disability"]
    response = verified_client(world.user("board_manager")).post(URL, data)
    errors = response.context["form"].errors
    assert "Select the ethnic group, or not known" in str(errors["ethnicity"])
    assert "Select yes, no or not known for disability" in str(errors["disability"])
    assert not Notification.objects.exists()


def test_the_notify_form_records_religion_and_a_not_known_disability(world):
    response = verified_client(world.user("board_manager")).post(
        URL, valid_post(world, religion="Muslim", disability="not_known")
    )
    assert response.status_code == 302
    child = Notification.objects.get().child
    assert (child.religion, child.disability, child.disabled) == ("Muslim", "not_known", False)
    page = verified_client(world.user("board_manager")).get(response["Location"]).text
    assert "Religion: Muslim" in page and "Disability not known" in page


def test_the_person_form_preselects_no_language_ethnicity_or_disability(world, notification):
    page = (
        verified_client(world.user("board_manager"))
        .get(reverse("cases:person_add", args=[notification.pk]))
        .text
    )
    for name in ("preferred_language", "ethnicity"):
        select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
        assert "selected" not in select.split("</option>", 1)[1], name
    assert re.search(r'name="disability"[^>]*checked', page) is None


def test_the_person_form_asks_for_each_answer(world, notification):
    response = _add_person(world, notification, preferred_language="", ethnicity="", disability="")
    errors = response.context["form"].errors
    assert set(errors) >= {"preferred_language", "ethnicity", "disability"}
    assert "or not known" in str(errors["preferred_language"])


def test_not_known_is_a_real_answer_for_language(world, notification):
    assert _add_person(world, notification, preferred_language="nk").status_code == 302
    person = notification.people.get(family_name="Testparent")
    assert person.get_preferred_language_display() == "Not known"


def test_a_not_known_ethnicity_keeps_the_recording_open_and_19_3_undecided(world):
    review = review_of(world, ethnicity="NK")
    assert status_of(review, "child_ethnicity_recorded") in ("due", "overdue")
    race = _result(review, "independent_expert_race")
    assert race.status == "undecided" and not race.is_open
    assert race.waiting_for == "the child's ethnicity is recorded"
    assert status_of(review, "community_link_decided") == "undecided"
    page = verified_client(world.user("board_manager")).get(
        reverse("reviews:compliance", args=[review.pk])
    )
    text = page.text
    assert "Cannot be decided yet" in text
    assert "cannot be decided until the child&#x27;s ethnicity is recorded" in text
    # Not in the list of obligations that do not apply.
    assert 'id="obligation-independent_expert_race"' in text.split("do not apply")[0]


@pytest.mark.parametrize(("ethnicity", "status"), [("B2", "due"), ("W1", "not_applicable")])
def test_recording_the_ethnicity_decides_19_3(world, ethnicity, status):
    review = review_of(world, ethnicity="NK")
    child = review.notification.child
    response = verified_client(world.user("board_manager")).post(
        reverse("cases:person_edit", args=[review.notification.pk, child.pk]),
        {
            "given_names": child.given_names,
            "family_name": child.family_name,
            "sex": "female",
            "ethnicity": ethnicity,
            "preferred_language": "en",
            "disability": "no",
            "plan": "none",
            "reason": "The ethnicity is now known",
        },
    )
    assert response.status_code == 302
    assert status_of(review, "child_ethnicity_recorded") == "met"
    assert status_of(review, "independent_expert_race") in (
        (status, "overdue") if status == "due" else (status,)
    )


def test_a_child_whose_disability_is_not_known_leaves_19_4_undecided(world):
    review = review_of(world, disability="not_known")
    result = _result(review, "independent_expert_disability")
    assert result.status == "undecided"
    assert "whether the child and each parent is disabled" in result.waiting_for


def test_a_parent_whose_disability_is_not_known_leaves_19_4_undecided(world):
    review = review_of(world)
    assert status_of(review, "independent_expert_disability") == "not_applicable"
    _add_person(world, review.notification, disability="not_known")
    assert status_of(review, "independent_expert_disability") == "undecided"
    # Someone known to be disabled decides it, whatever else is not known.
    _add_person(
        world,
        review.notification,
        given_names="Pat",
        relationship="father",
        disability="yes",
        disability_description="Uses a wheelchair",
    )
    assert status_of(review, "independent_expert_disability") in ("due", "overdue")


def test_an_uncle_without_parental_responsibility_does_not_decide_19_4(world):
    review = review_of(world)
    _add_person(world, review.notification, relationship="aunt_uncle", disability="not_known")
    _add_person(
        world,
        review.notification,
        given_names="Ray",
        relationship="aunt_uncle",
        disability="yes",
        disability_description="Deaf",
    )
    assert status_of(review, "independent_expert_disability") == "not_applicable"


@pytest.mark.parametrize(
    ("relationship", "responsibility", "applies"),
    [
        ("mother", False, True),
        ("father", False, True),
        ("step_parent", False, True),
        ("special_guardian", False, True),
        ("grandparent", True, True),
        ("foster_carer", True, True),
        ("grandparent", False, False),
        ("partner", False, False),
    ],
)
def test_parental_disability_counts_by_relationship(world, relationship, responsibility, applies):
    review = review_of(world)
    fields = {
        "relationship": relationship,
        "disability": "yes",
        "disability_description": "Learning disability",
    }
    if responsibility:
        fields["parental_responsibility"] = "on"
    assert _add_person(world, review.notification, **fields).status_code == 302
    status = status_of(review, "independent_expert_disability")
    assert (status != "not_applicable") == applies, status


def test_a_disability_answer_no_with_a_description_is_refused(world, notification):
    response = _add_person(
        world, notification, disability="not_known", disability_description="Wheelchair user"
    )
    assert "did not answer yes" in str(response.context["form"].errors["disability"])
    response = _add_person(world, notification, disability="yes")
    assert "Describe the disability" in str(
        response.context["form"].errors["disability_description"]
    )


def test_religion_is_shown_on_the_register(world, notification):
    _add_person(world, notification, religion="Sikh")
    assert notification.people.get(family_name="Testparent").religion == "Sikh"
    page = (
        verified_client(world.user("board_manager"))
        .get(reverse("cases:detail", args=[notification.pk]))
        .text
    )
    assert "Religion: Sikh" in page


def test_a_row_saved_without_answers_reads_not_known(world):
    n = make_notification(world.board, world.user("board_manager"))
    person = Person.objects.create(
        board=world.board, notification=n, kind="family", given_names="A", family_name="B"
    )
    assert (person.ethnicity, person.disability, person.preferred_language) == (
        "NK",
        "not_known",
        "nk",
    )


def test_an_undecided_line_sends_the_user_to_the_people_register(world):
    review = review_of(world, ethnicity="NK")
    text = (
        verified_client(world.user("board_manager"))
        .get(reverse("reviews:compliance", args=[review.pk]))
        .text
    )
    people = reverse("cases:detail", args=[review.notification.pk]) + "#people"
    assert f'href="{people}">Record it in the people register' in text


def test_a_line_whose_other_condition_fails_is_not_applicable_even_if_unknown(world):
    n = make_notification(world.board, world.user("board_manager"), child={"ethnicity": "NK"})
    # No review is held: whatever the ethnicity, 19.3's expert does not apply.
    assert _result(n, "independent_expert_race").status == "not_applicable"
    assert _result(n, "child_ethnicity_recorded").status in ("due", "overdue")


def test_evidence_recorded_while_undecided_meets_the_line(world):
    review = review_of(world, ethnicity="NK")
    verified_client(world.user("board_manager")).post(
        reverse("reviews:expert_not_appointed", args=[review.pk]),
        {
            "noexpert-kind": "race_culture",
            "noexpert-reasons": "The family's heritage is not yet known; the panel will revisit.",
            "noexpert-decided_on_day": "20",
            "noexpert-decided_on_month": "3",
            "noexpert-decided_on_year": "2026",
        },
    )
    assert status_of(review, "independent_expert_race") == "met"
