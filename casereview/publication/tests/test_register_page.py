"""The review's identifier register: built from the people register, edited with reasons,
read by the board's readers only, and used by the anonymiser."""

from __future__ import annotations

from django.urls import reverse

from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.cases.models import Person
from casereview.publication import services
from casereview.publication.anonymiser import Anonymiser
from casereview.publication.models import RegisterTerm, TermStatus
from conftest import review_of


def _review(world):
    review = review_of(
        world,
        given_names="Kai-Leigh",
        family_name="Nowak",
        aliases="Kai, KL",
        school="Heron Primary School",
        gp_practice="Riverside Surgery",
        nhs_number="9434765919",
    )
    Person.objects.create(
        board=review.board,
        notification=review.notification,
        kind="family",
        relationship="mother",
        given_names="Paula",
        family_name="Nowak",
        address="14 Heron Close\nWakefield",
    )
    return review


def test_the_register_is_built_from_the_people_register_once(world, client_for):
    review = _review(world)
    client = client_for(world.user("board_manager"))
    response = client.post(reverse("publication:register_build", args=[review.pk]))
    assert response.status_code == 302
    rows = {(t.kind, t.value, t.role, t.aliases) for t in review.register_terms.all()}
    assert rows == {
        ("person", "Kai-Leigh Nowak", "child", "Kai\nKL"),
        ("dob", "2024-05-17", "child", ""),
        ("address", "1 Example Street, Eastbrook ZZ99 1AA", "child", ""),
        ("school", "Heron Primary School", "", ""),
        ("org", "Riverside Surgery", "", ""),
        ("nhs_number", "9434765919", "child", ""),
        ("person", "Paula Nowak", "mother", ""),
        ("address", "14 Heron Close, Wakefield", "mother", ""),
    }
    school = review.register_terms.get(kind="school")
    services.correct_term(
        school,
        actor=world.user("board_manager"),
        context=SYSTEM,
        value="Heron Primary",
        role="",
        aliases="Heron Primary School",
        reason="As the reports write it",
        lock_version=0,
    )
    client.post(reverse("publication:register_build", args=[review.pk]))
    assert review.register_terms.count() == 9  # the corrected entry is not added back
    assert AuditEvent.objects.filter(action="register.build").count() == 2
    page = client.get(reverse("publication:register", args=[review.pk]))
    assert "Kai-Leigh Nowak" in page.text and "From the people register" in page.text

    text = "Kai’s mother, Ms Nowak, took KL to Heron Primary School on 2 May 2025."
    out = Anonymiser(services.terms_of(review)).run(text).text
    assert out == "Child A’s mother, the mother, took Child A to School 1 on May 2025."


def test_an_entry_is_added_corrected_and_removed_with_reasons_kept(world, client_for):
    review = _review(world)
    client = client_for(world.user("panel_member"))
    response = client.post(
        reverse("publication:term_add", args=[review.pk]),
        {"kind": "person", "value": "Dean Prise", "role": "Mother's partner", "aliases": ""},
    )
    assert response.status_code == 302
    term = RegisterTerm.objects.get(value="Dean Prise")
    assert (term.role, term.source, term.added_by) == (
        "mother's partner",
        "hand",
        world.user("panel_member"),
    )

    url = reverse("publication:term_correct", args=[review.pk, term.pk])
    body = {"value": "Dean Price", "role": "mother's partner", "aliases": "", "lock_version": 0}
    page = client.post(url, body)
    assert "Enter the reason (it is kept with the entry)" in page.text
    assert client.post(url, {**body, "reason": "Misspelt"}).status_code == 302
    term.refresh_from_db()
    new = term.replaced_by
    assert (term.status, term.reason, new.value) == (TermStatus.CORRECTED, "Misspelt", "Dean Price")
    # A second correction of the old entry is refused: it is closed.
    again = client.post(url, {**body, "reason": "Again"})
    assert "already been corrected or removed" in again.text

    remove = reverse("publication:term_remove", args=[review.pk, new.pk])
    assert client.post(remove, {"reason": "Not involved", "lock_version": 0}).status_code == 302
    new.refresh_from_db()
    assert (new.status, new.reason) == (TermStatus.REMOVED, "Not involved")
    assert services.terms_of(review) == []
    actions = list(
        AuditEvent.objects.filter(action__startswith="register.").values_list("action", flat=True)
    )
    assert actions == ["register.add", "register.correct", "register.remove"]
    page = client.get(reverse("publication:register", args=[review.pk]))
    assert "Misspelt" in page.text and "Not involved" in page.text


def test_a_stale_form_is_refused(world, client_for):
    review = _review(world)
    term = services.add_term(
        review,
        actor=world.user("board_manager"),
        context=SYSTEM,
        kind="school",
        value="Heron Primary",
        role="",
        aliases="",
    )
    RegisterTerm.objects.filter(pk=term.pk).update(lock_version=1)
    client = client_for(world.user("board_manager"))
    page = client.post(
        reverse("publication:term_remove", args=[review.pk, term.pk]),
        {"reason": "Wrong", "lock_version": 0},
    )
    assert "Someone else changed this entry" in page.text


def test_a_date_of_birth_must_be_a_past_date(world, client_for):
    review = _review(world)
    client = client_for(world.user("board_manager"))
    url = reverse("publication:term_add", args=[review.pk])
    for value, message in (
        ("31/02/2020", "Enter the date like 2019-03-14 or 14/03/2019"),
        ("2099-01-01", "The date must be today or in the past"),
    ):
        page = client.post(url, {"kind": "dob", "value": value, "role": "child", "aliases": ""})
        assert message in page.text
    assert not review.register_terms.exists()


def test_who_reads_and_who_edits(world, client_for):
    review = _review(world)
    page = reverse("publication:register", args=[review.pk])
    add = reverse("publication:term_add", args=[review.pk])
    assert client_for(world.user("board_chair")).get(page).status_code == 200
    assert client_for(world.user("board_chair")).get(add).status_code == 403
    assert client_for(world.user("auditor")).get(add).status_code == 403
    assert client_for(world.user("agency_author")).get(page).status_code == 403
    detail = client_for(world.user("board_manager")).get(
        reverse("reviews:detail", args=[review.pk])
    )
    assert page in detail.text
