"""Writing an agency report is safe: attaching a file saves the typed text in the same
request, the page saves the draft by itself (autosave endpoint), every section is needed to
submit but not to save, an attachment is withdrawn from the form, and the same file is not
attached twice."""

import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.urls import reverse

from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.documents.models import Document
from casereview.reviews.models import AgencyReport, ReportStatus
from casereview.reviews.reports.services import REQUIRED_TO_SUBMIT, attach_document
from casereview.reviews.reports.views import AUTOSAVE_CONFLICT
from conftest import make_notification, verified_client, with_review

from .helpers import SIGNED, form_data, report_of, url


@pytest.fixture(autouse=True)
def _documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


@pytest.fixture
def review(world):
    n = make_notification(
        world.board, world.user("board_manager"), agencies=[world.police, world.health]
    )
    return with_review(n, world.user("board_chair")).review


def a_file(name="chronology.txt", content=b"Police chronology, synthetic\n"):
    return SimpleUploadedFile(name, content, content_type="text/plain")


def actions_since(last: int) -> list[str]:
    return [e.action for e in AuditEvent.objects.filter(id__gt=last).order_by("id")]


def last_event_id() -> int:
    return AuditEvent.objects.latest("id").id


# --- Attaching keeps the text -----------------------------------------------------------


def test_attaching_a_file_saves_the_typed_text_first(world, review):
    report = report_of(review, world.police)
    author = verified_client(world.user("agency_author"))
    last = last_event_id()
    body = form_data(report, analysis="Typed just before attaching", file=a_file())
    response = author.post(url("report_upload", report), body)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.analysis == "Typed just before attaching"
    assert report.status == ReportStatus.DRAFT and report.lock_version == 1
    assert Document.objects.get().original_name == "chronology.txt"
    assert actions_since(last) == ["report.save", "document.upload"]
    page = author.get(url("report", report)).text
    assert "Your changes are saved. chronology.txt is attached" in page
    assert "Typed just before attaching" in page


def test_a_refused_file_does_not_cost_the_text(world, review):
    report = report_of(review, world.police)
    author = verified_client(world.user("agency_author"))
    body = form_data(report, analysis="Kept although the file is refused")
    body["file"] = a_file("empty.txt", b"")
    response = author.post(url("report_upload", report), body)
    assert response.status_code == 200
    text = response.text
    assert "There is a problem" in text and 'href="#id_file"' in text
    assert "Kept although the file is refused" in text
    report.refresh_from_db()
    assert report.analysis == "Kept although the file is refused"  # saved
    # The form carries the new version: the next save is not a conflict.
    assert f'name="lock_version" value="{report.lock_version}"' in text
    assert not Document.objects.exists()


def test_attach_without_a_file_still_saves_the_text(world, review):
    report = report_of(review, world.police)
    author = verified_client(world.user("agency_author"))
    response = author.post(url("report_upload", report), form_data(report, lessons="Saved"))
    assert response.status_code == 200 and "Select a file" in response.text
    report.refresh_from_db()
    assert report.lessons == "Saved"


def test_a_report_error_keeps_the_text_and_asks_for_the_file_again(world, review):
    report = report_of(review, world.police)
    author = verified_client(world.user("agency_author"))
    body = form_data(report, analysis="Not lost", records_secured_on_month="13", file=a_file())
    response = author.post(url("report_upload", report), body)
    assert response.status_code == 200
    assert "Not lost" in response.text
    assert "Select the file again once the report is corrected" in response.text
    report.refresh_from_db()
    assert report.analysis == "" and not Document.objects.exists()


def test_saving_the_draft_attaches_a_chosen_file_too(world, review):
    report = report_of(review, world.police)
    author = verified_client(world.user("agency_author"))
    author.post(url("report", report), form_data(report, file=a_file()))
    assert Document.objects.count() == 1
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_the_page_offers_one_form_for_text_and_file(world, review):
    report = report_of(review, world.police)
    page = verified_client(world.user("agency_author")).get(url("report", report)).text
    form = page[
        page.index('id="report-form"') - 200 : page.index("</form>", page.index('id="report-form"'))
    ]
    assert 'enctype="multipart/form-data"' in form and 'name="file"' in form
    assert f'formaction="{url("report_upload", report)}"' in form
    assert f'data-autosave-url="{url("report_autosave", report)}"' in form
    assert 'id="autosave-status" role="status" aria-live="polite"' in form
    # The first button is "Save the draft": Enter in a field saves, never withdraws.
    first = form.index("<button")
    assert form[first : form.index("</button>", first)].endswith("Save the draft")
    assert "(optional)" not in form.split("Attach a file")[0]


# --- Autosave ---------------------------------------------------------------------------


def test_autosave_saves_the_draft_and_answers_in_json(world, review):
    report = report_of(review, world.police)
    author = verified_client(world.user("agency_author"))
    last = last_event_id()
    response = author.post(url("report_autosave", report), form_data(report, context="Typing"))
    assert response.status_code == 200
    answer = response.json()
    assert answer["saved"] is True and answer["lock_version"] == 1
    assert answer["message"] == f"Saved at {answer['saved_at']}"
    report.refresh_from_db()
    assert report.context == "Typing" and report.lock_version == 1
    event = AuditEvent.objects.get(id__gt=last)
    assert event.action == "report.save" and event.detail.get("autosave") is True
    assert "Typing" not in str(event.detail)  # field names only, never the text


def test_autosave_refuses_another_agencys_author(world, review):
    health = report_of(review, world.health)
    police_author = verified_client(world.user("agency_author"))
    response = police_author.post(url("report_autosave", health), form_data(health))
    assert response.status_code == 404
    health.refresh_from_db()
    assert health.lock_version == 0
    assert AuditEvent.objects.latest("id").action == "deny"


def test_autosave_refuses_a_stale_version_plainly(world, review):
    report = report_of(review, world.police)
    author = verified_client(world.user("agency_author"))
    stale = form_data(report, analysis="The author's typing")
    verified_client(world.user("board_manager")).post(
        url("report", report), form_data(report, analysis="The manager's edit")
    )
    last = last_event_id()
    response = author.post(url("report_autosave", report), stale)
    assert response.status_code == 409
    assert response.json() == {"saved": False, "conflict": True, "message": AUTOSAVE_CONFLICT}
    report.refresh_from_db()
    assert report.analysis == "The manager's edit"
    assert not [a for a in actions_since(last) if a.startswith("report.")]


def test_autosave_needs_the_csrf_token_and_post(world, review):
    report = report_of(review, world.police)
    author = verified_client(world.user("agency_author"))
    assert author.get(url("report_autosave", report)).status_code == 405
    author.handler.enforce_csrf_checks = True
    response = author.post(url("report_autosave", report), form_data(report))
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.lock_version == 0


def test_autosave_reports_a_field_error_without_saving(world, review):
    report = report_of(review, world.police)
    author = verified_client(world.user("agency_author"))
    body = form_data(report, signed_off_on_day="31", signed_off_on_month="2")
    body["signed_off_on_year"] = "2026"
    response = author.post(url("report_autosave", report), body)
    assert response.status_code == 400
    answer = response.json()
    assert answer["saved"] is False and answer["message"].startswith("Not saved yet: ")
    assert "signed_off_on" in answer["errors"]
    report.refresh_from_db()
    assert report.lock_version == 0


def test_autosave_refuses_a_submitted_report(world, review):
    report = report_of(review, world.police, status=ReportStatus.SUBMITTED)
    author = verified_client(world.user("agency_author"))
    response = author.post(url("report_autosave", report), form_data(report))
    assert response.status_code == 400
    assert "cannot be changed now" in response.json()["message"]


# --- Required sections ------------------------------------------------------------------


def test_every_section_is_needed_to_submit_but_not_to_save(world, review):
    report = report_of(review, world.police)
    author = verified_client(world.user("agency_author"))
    empty = {name: "" for name in form_data(report)} | {"lock_version": 0}
    # A draft may be saved with everything empty.
    assert author.post(url("report", report), empty).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    # Submitting it is refused, with a field-level message for each required section.
    response = author.post(
        url("report_submit", report), empty | {"lock_version": report.lock_version}
    )
    assert response.status_code == 200
    text = response.text
    assert text.count("govuk-error-summary__list") == 1
    for message in REQUIRED_TO_SUBMIT.values():
        assert message.replace("'", "&#x27;") in text, message
    assert 'href="#id_analysis"' in text and 'href="#id_records_secured_on_day"' in text
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_one_missing_section_is_named_alone(world, review):
    report = report_of(review, world.police)
    author = verified_client(world.user("agency_author"))
    response = author.post(
        url("report_submit", report), form_data(report, **SIGNED, methodology="  ")
    )
    assert response.status_code == 200
    assert "Enter the methodology" in response.text
    assert "Enter the analysis" not in response.text
    report.refresh_from_db()
    assert report.status == ReportStatus.REQUESTED


def test_submitting_attaches_a_chosen_file_first(world, review):
    report = report_of(review, world.police)
    author = verified_client(world.user("agency_author"))
    last = last_event_id()
    body = form_data(report, **SIGNED, file=a_file())
    assert author.post(url("report_submit", report), body).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert Document.objects.count() == 1
    assert actions_since(last) == ["document.upload", "report.submit"]


def test_a_refused_submission_keeps_the_file_it_carried(world, review):
    report = report_of(review, world.police)
    author = verified_client(world.user("agency_author"))
    body = form_data(report, analysis="", file=a_file())
    response = author.post(url("report_submit", report), body)
    assert response.status_code == 200
    assert "Enter the analysis" in response.text
    assert "chronology.txt is attached" in response.text
    assert Document.objects.count() == 1
    report.refresh_from_db()
    assert report.status == ReportStatus.REQUESTED


# --- Withdraw and the same file twice -----------------------------------------------------


def test_withdraw_from_the_form_saves_the_text_on_the_way(world, review):
    report = report_of(review, world.police)
    author = verified_client(world.user("agency_author"))
    author.post(url("report_upload", report), form_data(report, file=a_file()))
    document = Document.objects.get()
    report.refresh_from_db()
    body = form_data(report, lessons="Written before withdrawing", withdraw=str(document.pk))
    response = author.post(url("report", report), body)
    withdraw = reverse("reviews:report_document_withdraw", args=[review.pk, report.pk, document.pk])
    assert response.status_code == 302 and response.url == withdraw
    report.refresh_from_db()
    assert report.lessons == "Written before withdrawing"
    assert author.post(withdraw, {"reason": "Attached in error"}).status_code == 302
    document.refresh_from_db()
    assert document.withdrawn_at is not None
    page = author.get(url("report", report)).text
    assert f'value="{document.pk}"' not in page and "Withdrawn: chronology.txt" in page


def test_the_same_file_is_not_attached_twice(world, review):
    report = report_of(review, world.police)
    author = verified_client(world.user("agency_author"))
    author.post(url("report_upload", report), form_data(report, file=a_file()))
    report.refresh_from_db()
    again = form_data(report, analysis="Still saved", file=a_file("renamed copy.txt"))
    response = author.post(url("report_upload", report), again)
    assert response.status_code == 200
    assert (
        "chronology.txt is already attached to this report: the selected file is the same file"
        in response.text
    )
    assert Document.objects.count() == 1
    report.refresh_from_db()
    assert report.analysis == "Still saved"
    # A different file is attached; so is the same file once the first is withdrawn.
    author.post(url("report_upload", report), {"file": a_file("other.txt", b"Other\n")})
    assert Document.objects.count() == 2
    Document.objects.filter(original_name="chronology.txt").update(
        withdrawn_at="2026-03-20T10:00:00Z"
    )
    author.post(url("report_upload", report), {"file": a_file()})
    assert Document.objects.filter(withdrawn_at__isnull=True).count() == 2


def test_the_same_file_on_another_report_is_fine(world, review):
    police = report_of(review, world.police)
    health = report_of(review, world.health)
    verified_client(world.user("agency_author")).post(
        url("report_upload", police), {"file": a_file()}
    )
    verified_client(world.health_author).post(url("report_upload", health), {"file": a_file()})
    assert Document.objects.count() == 2
    assert AgencyReport.objects.count() == 2


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite runs one write transaction at a time (immediate "
    "transactions), so there is no concurrency to test; CI runs this on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_the_same_file_sent_twice_at_once_is_attached_once_on_postgresql(world, review):
    report = report_of(review, world.police)
    author = world.user("agency_author")
    senders = 6
    start = threading.Barrier(senders)
    refused: list[str] = []
    errors: list[BaseException] = []

    def attach():
        try:
            start.wait()
            attach_document(report, actor=author, context=SYSTEM, upload=a_file())
        except ValidationError as error:
            refused.extend(error.message_dict["file"])
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attach) for _ in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Document.objects.filter(owner_id=str(report.pk)).count() == 1
    assert len(refused) == senders - 1
    stored = list((settings.DOCUMENTS_ROOT / str(review.board_id)).iterdir())
    assert len(stored) == 1
