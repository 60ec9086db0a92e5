import datetime
import shutil

import pytest
from django.urls import reverse

from casereview.audit.models import AuditEvent
from casereview.reviews.family import letters
from casereview.reviews.models import FamilyContact
from conftest import review_of, verified_client

from .helpers import person


def _url(review, p, template="told_of_review"):
    return reverse("reviews:family_letter", args=[review.pk, p.pk, template])


@pytest.fixture
def manager(world):
    user = world.user("board_manager")
    user.email = "manager@eastbrook.example"
    user.job_title = "Board business manager"
    user.save()
    return user


def test_an_english_letter_is_produced_from_the_english_file(world, manager):
    review = review_of(world, given_names="Ada Mae")
    mother = person(review, given_names="Mona", family_name="Mother")
    page = verified_client(manager).get(_url(review, mother))
    assert page.status_code == 200
    text = page.text
    assert 'lang="en"' in text
    assert "Dear Mona Mother," in text
    assert "Serious Case Review about Ada" in text and "Ada Mae" not in text
    assert review.reference in text and "Eastbrook SCB" in text
    assert "manager@eastbrook.example" in text and "Board business manager" in text
    assert "Testchild" not in text  # not the child's family name


def test_a_welsh_letter_is_produced_for_a_welsh_speaker(world, manager):
    review = review_of(world)
    mother = person(review, given_names="Eleri", family_name="Jones", preferred_language="cy")
    for template in letters.TEMPLATES:
        text = verified_client(manager).get(_url(review, mother, template)).text
        assert 'lang="cy"' in text
        assert "Annwyl Eleri Jones," in text and "Yn gywir," in text
        assert "Dear " not in text and "Yours sincerely" not in text
    text = verified_client(manager).get(_url(review, mother, "process")).text
    assert "sut mae&#x27;r adolygiad yn gweithio" in text


def test_no_translation_is_flagged_and_no_english_letter_is_produced(world, manager):
    review = review_of(world)
    father = person(review, given_names="Piotr", relationship="father", preferred_language="pl")
    page = verified_client(manager).get(_url(review, father))
    text = page.text
    plain = (
        "There is no approved Polish letter yet. Download the English letter, have it "
        "translated, then upload the translation for approval"
    )
    assert plain in text
    assert ".toml" not in text  # no file names
    assert "Dear " not in text and 'id="letter"' not in text
    assert page.context["outcome"].letter is None
    family = verified_client(manager).get(reverse("reviews:family", args=[review.pk])).text
    assert plain in family


def test_adding_a_translation_file_adds_the_language(world, manager, tmp_path, monkeypatch):
    for code in ("en", "cy"):
        shutil.copy(letters.LETTERS_DIR / f"{code}.toml", tmp_path / f"{code}.toml")
    polish = (letters.LETTERS_DIR / "en.toml").read_text(encoding="utf-8")
    polish = polish.replace('name = "English"', 'name = "Polski"').replace("Dear ", "Szanowna ")
    (tmp_path / "pl.toml").write_text(polish, encoding="utf-8")
    monkeypatch.setattr(letters, "LETTERS_DIR", tmp_path)
    review = review_of(world)
    father = person(review, given_names="Piotr", relationship="father", preferred_language="pl")
    text = verified_client(manager).get(_url(review, father)).text
    assert 'lang="pl"' in text and "Szanowna Piotr Parent," in text
    assert "Polish (Polski)" in text
    assert "There is no approved Polish letter" not in text


def test_a_language_outside_the_register_list_works_from_its_file(tmp_path, monkeypatch):
    (tmp_path / "xx.toml").write_text(
        'name = "Xish"\n[told_of_review]\nsubject = "Xx {reference}"\n'
        'body = "Xx {addressee}\\n\\n{board}"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(letters, "LETTERS_DIR", tmp_path)
    letter = letters.render(
        "told_of_review",
        "xx",
        on=datetime.date(2026, 3, 1),
        addressee="A",
        board="B",
        reference="R",
    )
    assert letter.subject == "Xx R" and letter.paragraphs == ("Xx A", "B")
    assert letter.language_name == "Xish"
    with pytest.raises(letters.NoTranslation):
        letters.render("process", "xx", on=datetime.date(2026, 3, 1))


@pytest.mark.parametrize(
    "body",
    ["Dear {addressee}, {child_family_name}", "{addressee.__class__}", "{addressee!r}", "{0}"],
)
def test_a_translation_may_use_only_the_allowed_placeholders(tmp_path, monkeypatch, body):
    (tmp_path / "xx.toml").write_text(
        f'name = "Xish"\n[process]\nsubject = "S"\nbody = "{body}"\n', encoding="utf-8"
    )
    monkeypatch.setattr(letters, "LETTERS_DIR", tmp_path)
    with pytest.raises(letters.TranslationError):
        letters.translation("xx")


def test_the_shipped_files_are_valid_and_complete():
    found = letters.translations()
    assert {"en", "cy"} <= set(found)
    for code in ("en", "cy"):
        assert set(found[code].templates) == set(letters.TEMPLATES)


def test_producing_a_letter_is_one_export_event_and_records_no_contact(world, manager):
    review = review_of(world)
    mother = person(review)
    last = AuditEvent.objects.order_by("-id").first().pk
    verified_client(manager).get(_url(review, mother, "publication"))
    events = list(AuditEvent.objects.filter(pk__gt=last))
    assert [(e.action, e.object_type, e.object_id) for e in events] == [
        ("export", "cases.person", str(mother.pk))
    ]
    assert events[0].detail["template"] == "publication" and events[0].detail["language"] == "en"
    assert not FamilyContact.objects.exists()


def test_a_flagged_letter_is_a_read_not_an_export(world, manager):
    review = review_of(world)
    father = person(review, preferred_language="pl")
    last = AuditEvent.objects.order_by("-id").first().pk
    verified_client(manager).get(_url(review, father))
    assert [e.action for e in AuditEvent.objects.filter(pk__gt=last)] == ["read"]


def test_an_unknown_template_is_not_found(world, manager):
    review = review_of(world)
    mother = person(review)
    assert verified_client(manager).get(_url(review, mother, "anything")).status_code == 404


def test_only_those_who_manage_the_review_produce_letters(world):
    review = review_of(world)
    mother = person(review)
    for role in ("panel_member", "agency_author", "auditor"):
        assert verified_client(world.user(role)).get(_url(review, mother)).status_code == 403
    assert verified_client(world.outsider).get(_url(review, mother)).status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()
