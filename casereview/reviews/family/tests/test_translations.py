"""A board adds a language for its family letters: the English letter as a Word file for a
translator, the translation uploaded through the upload checks, who approved it and when;
then it is offered for that language. And what every letter carries: the board's contact
details and an opening fit for the child's outcome. Through the real pages."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from casereview.audit.models import AuditEvent
from casereview.documents.models import Document
from casereview.documents.tests.corpus import office, pdf, png
from casereview.reviews.models import LetterTranslation
from conftest import date_fields, make_notification, review_of, verified_client, with_review

from .helpers import person

POLISH_MISSING = "There is no approved Polish letter yet."


@pytest.fixture
def manager(world):
    return verified_client(world.user("board_manager"))


def _letters_url(world):
    return reverse("reviews:letter_translations", args=[world.board.pk])


def _letter_url(review, p, template="told_of_review"):
    return reverse("reviews:family_letter", args=[review.pk, p.pk, template])


def _download_url(review, p, template="told_of_review"):
    return reverse("reviews:family_letter_download", args=[review.pk, p.pk, template])


def _upload(client, world, data: bytes, name="list.docx", **overrides):
    body = {
        "language": "pl",
        "template": "told_of_review",
        "file": SimpleUploadedFile(name, data),
        **overrides,
    }
    return client.post(reverse("reviews:letter_translation_upload", args=[world.board.pk]), body)


def _approve(client, world, translation, **overrides):
    body = {
        "approved_by_name": "Ewa Nowak, registered interpreter",
        **date_fields("approved_on", timezone.localdate()),
        **overrides,
    }
    url = reverse("reviews:letter_translation", args=[world.board.pk, translation.pk])
    return client.post(url, body)


def _docx_text(data: bytes) -> str:
    from docx import Document as Docx

    return "\n".join(p.text for p in Docx(io.BytesIO(data)).paragraphs)


def test_the_english_letter_downloads_as_word_for_a_translator(world, manager):
    last = AuditEvent.objects.order_by("-id").values_list("pk", flat=True).first() or 0
    url = reverse("reviews:letter_english", args=[world.board.pk, "told_of_review"])
    response = manager.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = _docx_text(b"".join(response.streaming_content))
    assert "[the family member's name]" in text and "[the review's reference]" in text
    assert "[If the child died:] I am so sorry for the loss of" in text
    assert "[If the child was seriously harmed:]" in text
    assert "Keep the words in square brackets" in text
    assert "family_letter.export" in [e.action for e in AuditEvent.objects.filter(pk__gt=last)]
    missing = reverse("reviews:letter_english", args=[world.board.pk, "nonsense"])
    assert manager.get(missing).status_code == 404


def test_a_translation_is_offered_only_once_approved(world, manager):
    review = review_of(world)
    father = person(review, given_names="Piotr", relationship="father", preferred_language="pl")
    page = manager.get(_letter_url(review, father)).text
    assert POLISH_MISSING in page and "Go to the board's letter translations" in page
    assert manager.get(_download_url(review, father)).status_code == 404

    last = AuditEvent.objects.order_by("-id").first().pk
    data = office()
    response = _upload(manager, world, data)
    translation = LetterTranslation.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/letters/{translation.pk}/")
    actions = [e.action for e in AuditEvent.objects.filter(pk__gt=last)]
    assert actions == ["document.upload", "letter_translation.upload"]
    # Uploaded, not yet approved: still not offered.
    assert POLISH_MISSING in manager.get(_letter_url(review, father)).text
    listing = manager.get(_letters_url(world)).text
    assert "Waiting for approval" in listing and "Polish" in listing

    response = _approve(manager, world, translation)
    assert response.status_code == 302
    translation.refresh_from_db()
    assert translation.approved_by_name == "Ewa Nowak, registered interpreter"
    assert translation.approved_on == timezone.localdate()
    assert translation.approval_recorded_by == world.user("board_manager")
    assert AuditEvent.objects.filter(action="letter_translation.approve").count() == 1

    page = manager.get(_letter_url(review, father)).text
    assert POLISH_MISSING not in page
    assert "approved by Ewa Nowak, registered interpreter" in page
    assert "Download the Polish letter" in page
    response = manager.get(_download_url(review, father))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    # The other letters are not translated yet.
    assert POLISH_MISSING in manager.get(_letter_url(review, father, "process")).text
    # A Welsh speaker is not offered the Polish letter.
    mother = person(review, given_names="Eleri", preferred_language="cy")
    assert "Download the Polish letter" not in manager.get(_letter_url(review, mother)).text


def test_a_translation_of_another_board_is_not_offered(world, manager):
    review = review_of(world)
    father = person(review, given_names="Piotr", relationship="father", preferred_language="pl")
    other = LetterTranslation.objects.create(
        board=world.other_board,
        language="pl",
        template="told_of_review",
        uploaded_by=world.outsider,
        uploaded_at=timezone.now(),
        approved_by_name="Someone",
        approved_on=timezone.localdate(),
    )
    assert other.pk
    assert POLISH_MISSING in manager.get(_letter_url(review, father)).text


@pytest.mark.parametrize(
    ("name", "data"),
    [("logo.png", png()), ("list.docx", b"MZ\x90\x00 not a document"), ("list.docx", b"")],
)
def test_a_bad_file_is_refused_and_nothing_is_kept(world, manager, name, data):
    response = _upload(manager, world, data, name=name)
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not LetterTranslation.objects.exists()
    assert not Document.objects.exists()


def test_a_pdf_translation_is_accepted(world, manager):
    assert _upload(manager, world, pdf(), name="list.pdf").status_code == 302
    assert Document.objects.get().extension == "pdf"


def test_the_upload_needs_a_language_and_a_letter(world, manager):
    response = _upload(manager, world, office(), language="", template="nonsense")
    errors = response.context["form"].errors
    assert "language" in errors and "template" in errors
    # English is the letters' own language, Welsh the service's: not added by a board.
    response = _upload(manager, world, office(), language="cy")
    assert "language" in response.context["form"].errors
    assert not LetterTranslation.objects.exists()


def test_the_approval_needs_a_name_and_a_sane_date(world, manager):
    _upload(manager, world, office())
    translation = LetterTranslation.objects.get()
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = _approve(manager, world, translation, **date_fields("approved_on", tomorrow))
    assert "approved_on" in response.context["form"].errors
    yesterday = timezone.localdate() - timedelta(days=1)
    response = _approve(manager, world, translation, **date_fields("approved_on", yesterday))
    assert "approved_on" in response.context["form"].errors
    response = _approve(manager, world, translation, approved_by_name="")
    assert "approved_by_name" in response.context["form"].errors
    translation.refresh_from_db()
    assert translation.approved_on is None


@pytest.mark.parametrize("role", ["panel_chair", "administrator", "board_chair"])
def test_only_the_board_manager_manages_translations(world, role):
    client = verified_client(world.user(role))
    assert client.get(_letters_url(world)).status_code == 403
    assert _upload(client, world, office()).status_code == 403
    assert not LetterTranslation.objects.exists()


def test_someone_who_may_not_translate_is_told_to_ask_the_board_manager(world):
    review = review_of(world)
    father = person(review, given_names="Piotr", relationship="father", preferred_language="pl")
    page = verified_client(world.user("panel_chair")).get(_letter_url(review, father)).text
    assert POLISH_MISSING in page and "Ask the board manager" in page


# --- What every letter carries ------------------------------------------------------------


def _set_contact(board):
    board.address = "Fictional House\n1 Example Row\nEastbrook ZZ99 9ZZ"
    board.phone = "01632 960123"
    board.email = "scb@eastbrook.example"
    board.save()


def test_a_letter_carries_the_boards_contact_details(world, manager):
    review = review_of(world)
    mother = person(review, given_names="Mona")
    assert 'id="no-board-contact"' in manager.get(_letter_url(review, mother)).text
    _set_contact(world.board)
    for template in ("told_of_review", "process", "publication"):
        page = manager.get(_letter_url(review, mother, template))
        text = page.text
        assert 'id="no-board-contact"' not in text
        letter = page.context["outcome"].letter
        assert "1 Example Row" in letter.body and "01632 960123" in letter.body
        assert "scb@eastbrook.example" in letter.body


def test_the_opening_acknowledges_the_familys_loss_where_the_child_died(world, manager):
    review = review_of(world)  # Ada died
    mother = person(review, given_names="Mona")
    letter = manager.get(_letter_url(review, mother)).context["outcome"].letter
    assert letter.paragraphs[1] == "Dear Mona Parent,"
    assert letter.paragraphs[2].startswith("I am so sorry for the loss of Ada.")
    welsh = person(review, given_names="Eleri", preferred_language="cy")
    letter = manager.get(_letter_url(review, welsh)).context["outcome"].letter
    assert letter.paragraphs[2].startswith("Mae'n wir ddrwg gennyf am golli Ada.")


def test_the_opening_acknowledges_the_harm_where_the_child_lives(world, manager):
    n = make_notification(
        world.board,
        world.user("board_manager"),
        agencies=[world.police],
        outcome="serious_harm",
        date_of_death=None,
    )
    review = with_review(n, world.user("board_chair")).review
    mother = person(review, given_names="Mona")
    letter = manager.get(_letter_url(review, mother)).context["outcome"].letter
    assert "sorry for all that Ada has been through" in letter.paragraphs[2]
    assert "loss" not in letter.body


def test_the_board_settings_link_to_the_translations_for_the_board_manager(world, manager):
    url = reverse("reviews:board_settings", args=[world.board.pk])
    assert _letters_url(world) in manager.get(url).text
    admin = verified_client(world.user("administrator"))
    assert _letters_url(world) not in admin.get(url).text


# --- Withdrawing a translation ---------------------------------------------------------


def _withdraw(client, world, translation, reason="A mistake was found in the second paragraph."):
    url = reverse("reviews:letter_translation", args=[world.board.pk, translation.pk])
    return client.post(url, {"step": "withdraw", "reason": reason})


def _approved_upload(client, world, data):
    _upload(client, world, data)
    translation = LetterTranslation.objects.order_by("-uploaded_at").first()
    assert _approve(client, world, translation).status_code == 302
    return translation


def test_a_withdrawn_translation_is_kept_but_no_longer_offered(world, manager):
    review = review_of(world)
    father = person(review, given_names="Piotr", relationship="father", preferred_language="pl")
    first_data, second_data = office(), office()
    first = _approved_upload(manager, world, first_data)
    second = _approved_upload(manager, world, second_data)
    assert manager.get(_letter_url(review, father)).context["outcome"].translation == second

    # A reason is required; nothing changes without one.
    response = _withdraw(manager, world, second, reason=" ")
    assert response.status_code == 200
    assert "Enter why the translation is withdrawn" in str(
        response.context["withdraw_form"].errors["reason"]
    )
    second.refresh_from_db()
    assert not second.is_withdrawn

    last = AuditEvent.objects.order_by("-id").first().pk
    assert _withdraw(manager, world, second).status_code == 302
    second.refresh_from_db()
    assert second.is_withdrawn and second.withdrawn_by == world.user("board_manager")
    assert second.withdrawn_reason == "A mistake was found in the second paragraph."
    event = AuditEvent.objects.get(pk__gt=last)
    assert event.action == "letter_translation.withdraw"
    assert event.detail["was_offered"] is True and "mistake" not in str(event.detail)
    # The earlier approved translation is offered again.
    outcome = manager.get(_letter_url(review, father)).context["outcome"]
    assert outcome.translation == first
    assert b"".join(manager.get(_download_url(review, father)).streaming_content) == first_data
    # Kept in the board's list and in storage, marked withdrawn with the reason.
    listing = manager.get(_letters_url(world)).text
    assert "Withdrawn" in listing and "A mistake was found" in listing
    file_url = reverse("reviews:letter_translation_file", args=[world.board.pk, second.pk])
    assert b"".join(manager.get(file_url).streaming_content) == second_data
    assert Document.objects.count() == 2
    # Withdrawn once: not again, and not approved again.
    response = _withdraw(manager, world, second)
    assert response.status_code == 200 and "This translation was withdrawn" in response.text
    assert _approve(manager, world, second).status_code == 200

    # With no approved translation left, the page says what to do again.
    assert _withdraw(manager, world, first, reason="Outdated wording.").status_code == 302
    assert POLISH_MISSING in manager.get(_letter_url(review, father)).text
    assert manager.get(_download_url(review, father)).status_code == 404


def test_a_translation_waiting_for_approval_can_be_withdrawn(world, manager):
    _upload(manager, world, office())
    translation = LetterTranslation.objects.get()
    assert (
        _withdraw(manager, world, translation, reason="Wrong letter uploaded.").status_code == 302
    )
    translation.refresh_from_db()
    assert translation.is_withdrawn and translation.approved_on is None
    page = manager.get(
        reverse("reviews:letter_translation", args=[world.board.pk, translation.pk])
    ).text
    assert 'id="withdrawn"' in page and "Approve the translation</button>" not in page


@pytest.mark.parametrize("role", ["panel_chair", "administrator", "board_chair"])
def test_only_the_board_manager_withdraws_a_translation(world, manager, role):
    _upload(manager, world, office())
    translation = LetterTranslation.objects.get()
    response = _withdraw(verified_client(world.user(role)), world, translation)
    assert response.status_code in (403, 404)
    translation.refresh_from_db()
    assert not translation.is_withdrawn
