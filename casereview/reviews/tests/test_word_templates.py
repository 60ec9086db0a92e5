"""Word templates a board can replace (reviews/word_templates.py): downloaded, uploaded
through the upload checks and a trial fill, versions kept, put back in force or reverted to
the default; every Word download of the board uses the one in force, never another
board's; each change is audited; only the board's manager and administrator reach it."""

import io
from datetime import date

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from casereview.accounts.models import Role
from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.documents.models import Document
from casereview.documents.tests.corpus import office, pdf, with_parts, word
from casereview.reviews import word_templates
from casereview.reviews.family.tests.helpers import person
from casereview.reviews.models import TermsOfReference, WordTemplate
from conftest import review_of, verified_client

OWN = "{{ board.name }}: our own terms layout"


@pytest.fixture
def review(world):
    return review_of(world, given_names="Zadie", family_name="Quillchild")


@pytest.fixture
def terms(world, review):
    return TermsOfReference.objects.create(
        review=review,
        version=1,
        period_start=date(2024, 5, 17),
        period_end=date(2026, 3, 1),
        family_involvement="The parents are invited to meet the author.",
        created_by=world.user("board_manager"),
        created_at=timezone.now(),
    )


@pytest.fixture
def manager(world):
    return verified_client(world.user("board_manager"))


def _upload_url(world, kind="terms_of_reference"):
    return reverse("reviews:word_template_upload", args=[world.board.pk, kind])


def _upload(client, world, data: bytes, *, kind="terms_of_reference", name="terms.docx"):
    return client.post(_upload_url(world, kind), {"file": SimpleUploadedFile(name, data)})


def _word_text(client, url: str) -> str:
    response = client.get(url, {"format": "docx"})
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    return "\n".join(p.text for p in document.paragraphs)


def _terms_url(review, terms):
    return reverse("reviews:terms_download", args=[review.pk, terms.version])


def _events(since: int) -> list[tuple[str, dict]]:
    return [
        (e.action, e.detail)
        for e in AuditEvent.objects.filter(pk__gt=since, action__startswith="word_template.")
    ]


def _last_event() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_an_uploaded_template_is_used_by_every_word_download_of_its_kind(
    world, review, terms, manager
):
    since = _last_event()
    response = _upload(manager, world, word(OWN, "Period: {{ summary[0].value }}"))
    assert response.status_code == 302
    template = WordTemplate.objects.get()
    assert (template.kind, template.version, template.in_force) == ("terms_of_reference", 1, True)
    assert Document.objects.get().owner_type == "reviews.wordtemplate"
    assert _events(since) == [
        (
            "word_template.upload",
            {"kind": "terms_of_reference", "version": 1, "replaces": "default"},
        )
    ]
    text = _word_text(manager, _terms_url(review, terms))
    assert f"{world.board.name}: our own terms layout" in text
    assert "Period: 1" in text
    # The other kinds, and the PDF, are untouched.
    compliance = _word_text(manager, reverse("reviews:compliance_download", args=[review.pk]))
    assert "our own terms layout" not in compliance
    assert "What the review owes" in compliance


def test_each_family_letter_has_its_own_template(world, review, manager):
    mother = person(review, given_names="Mona", family_name="Marlowe")
    own = "{{ board.name }} writes: {{ subject }}"
    assert _upload(manager, world, word(own), kind="letter_process").status_code == 302
    process = reverse("reviews:family_letter_download", args=[review.pk, mother.pk, "process"])
    told = reverse("reviews:family_letter_download", args=[review.pk, mother.pk, "told_of_review"])
    assert f"{world.board.name} writes: " in _word_text(manager, process)
    assert " writes: " not in _word_text(manager, told)
    english = reverse("reviews:letter_english", args=[world.board.pk, "process"])
    assert f"{world.board.name} writes: " in _word_text(manager, english)


def test_another_boards_template_is_never_used(world, review, terms, manager):
    other = word_templates.upload(
        world.other_board,
        actor=world.outsider,
        context=SYSTEM,
        kind="terms_of_reference",
        upload=SimpleUploadedFile("theirs.docx", word("Westmoor layout {{ title }}")),
    )
    assert other.in_force
    assert "Westmoor layout" not in _word_text(manager, _terms_url(review, terms))
    # Nor can this board's manager see or use it.
    page = reverse("reviews:word_template_use", args=[world.board.pk, other.pk])
    assert manager.post(page).status_code == 404
    file = reverse("reviews:word_template_file", args=[world.other_board.pk, other.pk])
    assert manager.get(file).status_code == 404


def _nothing_kept(since: int) -> None:
    assert not WordTemplate.objects.exists()
    assert not Document.objects.exists()
    assert _events(since) == []


@pytest.mark.parametrize(
    "paragraphs, message",
    [
        (
            ("{{ board.name }}", "{% for line in board.address_lines %}{{ line }}"),
            "The template has a mistake in the paragraph \u201c{% for line in "
            "board.address_lines %}{{ line }}\u201d",
        ),
        (("Dear {{ title }",), "The template has a mistake in the paragraph \u201cDear {{ title }"),
        (("{{ child_name }}",), "The template uses \u201cchild_name\u201d, which this document"),
        (
            ("{%p for s in sections %}", "{{ s.headline }}", "{%p endfor %}"),
            "The template uses \u201cheadline\u201d",
        ),
        (("{{ board.fax }}",), "The template uses \u201cfax\u201d"),
    ],
)
def test_a_template_that_does_not_fill_in_is_refused_and_nothing_kept(
    world, manager, paragraphs, message
):
    since = _last_event()
    response = _upload(manager, world, word(*paragraphs))
    assert response.status_code == 200
    assert message in response.text
    assert "govuk-error-summary" in response.text
    _nothing_kept(since)


def test_a_letter_template_may_not_use_a_documents_values(world, manager):
    since = _last_event()
    response = _upload(manager, world, word("{{ title }}"), kind="letter_process")
    assert "The template uses \u201ctitle\u201d" in response.text
    _nothing_kept(since)


@pytest.mark.parametrize(
    "name, data, message",
    [
        (
            "terms.docx",
            with_parts(word("{{ title }}"), {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"}),
            "must not contain other files, archives or macros",
        ),
        ("terms.docm", word("{{ title }}"), "its name ends .docm"),
        ("terms.pdf", pdf(), "The selected file must be a Word document"),
        ("terms.xlsx", office("xlsx"), "The selected file must be a Word document"),
        ("terms.docx", office(), "not a Word document that can be read"),
    ],
)
def test_macros_and_files_that_are_not_word_documents_are_refused(
    world, manager, name, data, message
):
    since = _last_event()
    response = _upload(manager, world, data, name=name)
    assert response.status_code == 200
    assert message in response.text
    _nothing_kept(since)


def test_a_macro_enabled_document_is_refused(world, manager):
    data = word("{{ title }}")
    types = with_parts(data, {})  # a copy, to read its content types from
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(types)).read("[Content_Types].xml")
    macro = xml.replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
    )
    since = _last_event()
    response = _upload(manager, world, with_parts(data, {}, replace={"[Content_Types].xml": macro}))
    assert "must not contain other files, archives or macros" in response.text
    _nothing_kept(since)


def test_versions_are_kept_put_back_in_force_and_reverted(world, review, terms, manager):
    assert _upload(manager, world, word("First layout {{ title }}")).status_code == 302
    assert _upload(manager, world, word("Second layout {{ title }}")).status_code == 302
    first, second = WordTemplate.objects.order_by("version")
    first.refresh_from_db()
    assert (first.in_force, second.in_force) == (False, True)
    assert "Second layout" in _word_text(manager, _terms_url(review, terms))

    since = _last_event()
    use = reverse("reviews:word_template_use", args=[world.board.pk, first.pk])
    assert manager.post(use).status_code == 302
    assert "First layout" in _word_text(manager, _terms_url(review, terms))
    revert = reverse("reviews:word_template_revert", args=[world.board.pk, "terms_of_reference"])
    assert manager.post(revert).status_code == 302
    text = _word_text(manager, _terms_url(review, terms))
    assert "layout" not in text and "Terms of reference" in text
    assert WordTemplate.objects.count() == 2
    assert not WordTemplate.objects.filter(in_force=True).exists()
    assert _events(since) == [
        (
            "word_template.activate",
            {"kind": "terms_of_reference", "version": 1, "replaces": 2},
        ),
        ("word_template.revert", {"kind": "terms_of_reference", "replaces": 1}),
    ]
    # Every version can still be downloaded as uploaded (an audited export).
    file = reverse("reviews:word_template_file", args=[world.board.pk, second.pk])
    response = manager.get(file)
    assert response.status_code == 200
    kept = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    assert "Second layout {{ title }}" in [p.text for p in kept.paragraphs]
    assert AuditEvent.objects.filter(action="export", object_type="documents.document").exists()


def test_the_default_template_downloads_as_an_audited_export(world, manager):
    since = _last_event()
    url = reverse("reviews:word_template_default", args=[world.board.pk, "letter_publication"])
    response = manager.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    text = [
        p.text for p in docx.Document(io.BytesIO(b"".join(response.streaming_content))).paragraphs
    ]
    assert "{{ subject }}" in text
    assert _events(since) == [
        ("word_template.export", {"kind": "letter_publication", "version": "default"})
    ]
    unknown = reverse("reviews:word_template_default", args=[world.board.pk, "nonsense"])
    assert manager.get(unknown).status_code == 404


def test_the_settings_page_lists_each_kind_and_its_page_the_values(world, manager):
    word_templates.upload(
        world.board,
        actor=world.user("board_manager"),
        context=SYSTEM,
        kind="agency_report",
        upload=SimpleUploadedFile("report.docx", word("{{ title }}")),
    )
    page = manager.get(reverse("reviews:board_settings", args=[world.board.pk])).text
    for kind in word_templates.KINDS:
        assert reverse("reviews:word_template", args=[world.board.pk, kind]) in page
    assert "The board&#x27;s version 1" in page or "The board's version 1" in page
    kind_page = manager.get(
        reverse("reviews:word_template", args=[world.board.pk, "agency_report"])
    )
    assert kind_page.status_code == 200
    for value in word_templates.DOCUMENT_VALUES:
        assert f"<code>{value}</code>" in kind_page.text
    assert "Go back to the default template" in kind_page.text


def test_the_template_carries_no_editors_name_into_the_download(world, review, terms, manager):
    document = docx.Document(io.BytesIO(word("{{ title }}")))
    document.core_properties.author = "Jo Templatewriter"
    document.core_properties.last_modified_by = "Jo Templatewriter"
    out = io.BytesIO()
    document.save(out)
    assert _upload(manager, world, out.getvalue()).status_code == 302
    response = manager.get(_terms_url(review, terms), {"format": "docx"})
    props = docx.Document(io.BytesIO(b"".join(response.streaming_content))).core_properties
    assert "Jo" not in f"{props.author} {props.last_modified_by}"


def test_the_administrator_may_replace_a_template(world):
    client = verified_client(world.user("administrator"))
    assert _upload(client, world, word("{{ title }}")).status_code == 302
    assert WordTemplate.objects.get().uploaded_by == world.user("administrator")


@pytest.mark.parametrize(
    "role", [r for r in Role.values if r not in (Role.BOARD_MANAGER, Role.ADMINISTRATOR)]
)
def test_only_the_boards_manager_and_administrator_reach_the_templates(world, role):
    mine = word_templates.upload(
        world.board,
        actor=world.user("board_manager"),
        context=SYSTEM,
        kind="terms_of_reference",
        upload=SimpleUploadedFile("terms.docx", word("{{ title }}")),
    )
    client = verified_client(world.user(role))
    board = world.board.pk
    gets = [
        reverse("reviews:word_template", args=[board, "terms_of_reference"]),
        reverse("reviews:word_template_default", args=[board, "terms_of_reference"]),
        reverse("reviews:word_template_file", args=[board, mine.pk]),
    ]
    for url in gets:
        assert client.get(url).status_code in (403, 404), url
    assert _upload(client, world, word("Not theirs {{ title }}")).status_code in (403, 404)
    revert = reverse("reviews:word_template_revert", args=[board, "terms_of_reference"])
    assert client.post(revert).status_code in (403, 404)
    assert WordTemplate.objects.count() == 1
    assert WordTemplate.objects.get().in_force
    assert not AuditEvent.objects.filter(
        action__in=["word_template.upload", "word_template.revert", "word_template.export"],
        actor_id=world.user(role).pk,
    ).exists()


@pytest.mark.parametrize(
    "paragraph, message",
    [
        ("{{ board.__class__ }}", "does something a template may not"),
        ("{{ title.__class__.__mro__ }}", "does something a template may not"),
        ("{{ 'x' * 1000000000 }}", "the operator * is not allowed"),
        ("{{ board.name.center(100000000) }}", "calling center is not allowed"),
        ("{{ board.address_lines.append(1) }}", "does something a template may not"),
        ("{% for i in range(10) %}{{ i }}{% endfor %}", "The template uses \u201crange\u201d"),
        ("{{ subject|safe }}", "No filter named"),
    ],
)
def test_a_template_is_filled_in_a_sandbox(world, manager, paragraph, message):
    """A template is written by the board's staff: it cannot reach Python's internals,
    change the values, make a huge value or let text through unescaped."""
    since = _last_event()
    response = _upload(manager, world, word(paragraph))
    assert response.status_code == 200
    assert message in response.text.replace("&#x27;", "'").replace("&quot;", '"')
    _nothing_kept(since)


def test_a_template_may_use_plain_filters_and_methods(world, review, terms, manager):
    own = "{{ title|upper }} / {{ board.name.lower() }} / {{ board.address_lines|join(', ') }}"
    assert _upload(manager, world, word(own)).status_code == 302
    text = _word_text(manager, _terms_url(review, terms))
    assert f"TERMS OF REFERENCE / {world.board.name.lower()} / " in text


def test_the_audit_log_reads_the_changes_in_plain_words(world, manager):
    assert _upload(manager, world, word("{{ title }}")).status_code == 302
    revert = reverse("reviews:word_template_revert", args=[world.board.pk, "terms_of_reference"])
    assert manager.post(revert).status_code == 302
    log = verified_client(world.user("auditor")).get(reverse("audit:log")).text
    assert "uploaded a Word template for the board&#x27;s documents" in log
    assert "went back to a default Word template" in log
