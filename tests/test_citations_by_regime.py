"""Every rule names the paragraph it comes from in the review's own regime: a Working
Together 2018 review's pages cite WT2018 and never a Rotherham paragraph ("19.x"); a
Rotherham review's pages cite Rotherham 19.x as they always did (procedure/citations.py)."""

import re

import pytest
from django.urls import reverse

from casereview.cases.models import Task, TaskKind
from casereview.reviews.models import PanelMeeting
from conftest import make_notification, review_of, verified_client

ROTHERHAM_PARAGRAPH = re.compile(r"(?<![\d.])19\.[1-6](?![\d])")


def _review(world, regime: str):
    world.board.default_regime = regime
    world.board.save(update_fields=["default_regime"])
    # A black or minority ethnic, disabled child: the race and disability duties apply.
    review = review_of(world, ethnicity="B2", disability="yes", disability_description="Deaf")
    assert review.regime == regime
    return review


def _pages(world, review) -> dict[str, str]:
    """The pages whose words cite a clause: the review's, its notification's, the board's."""
    meeting = PanelMeeting.objects.create(review=review, held_on=review.opened_at)
    n = review.notification
    task = Task.objects.get(notification=n, kind=TaskKind.OTHER_CHILDREN)
    undecided = make_notification(world.board, world.user("board_manager"))
    manager = verified_client(world.user("board_manager"))
    chair = verified_client(world.user("board_chair"))
    panel = verified_client(world.user("panel_member"))
    r = [review.pk]
    urls = {
        reverse("reviews:panel", args=r): manager,
        reverse("reviews:panel_decision_add", args=[review.pk, meeting.pk]): panel,
        reverse("reviews:terms", args=r): manager,
        reverse("reviews:terms_new", args=r): manager,
        reverse("reviews:experts", args=r): manager,
        reverse("reviews:professionals", args=r): manager,
        reverse("reviews:family", args=r): manager,
        reverse("learning:lessons", args=r): manager,
        reverse("learning:actions", args=r): manager,
        reverse("learning:coding", args=r): manager,
        reverse("chronology:agencies", kwargs={"review_id": review.pk}): manager,
        reverse("chronology:integrated", args=r): manager,
        reverse("publication:drafts", args=r): manager,
        reverse("publication:quality", args=r): manager,
        reverse("cases:detail", args=[n.pk]): manager,
        reverse("cases:person_add", args=[n.pk]): manager,
        reverse("cases:task", args=[n.pk, task.pk]): manager,
        reverse("cases:decision", args=[undecided.pk]): chair,
        reverse("cases:notify"): manager,
        reverse("reviews:board_settings", args=[world.board.pk]): manager,
    }
    pages = {}
    for url, client in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.text
    return pages


def test_a_wt2018_reviews_pages_cite_wt2018_and_no_rotherham_paragraph(world):
    review = _review(world, "wt2018")
    for url, text in _pages(world, review).items():
        found = ROTHERHAM_PARAGRAPH.search(text)
        assert found is None, f"{url}: …{text[max(0, found.start() - 80) : found.end()]}"
        if url != reverse("reviews:board_settings", args=[world.board.pk]):
            assert "Rotherham" not in text, url  # the settings offer every regime by name
    pages = _pages(world, review)
    r = [review.pk]
    for name in ("reviews:panel", "reviews:experts", "reviews:professionals", "learning:lessons"):
        assert "WT2018 chapter 4" in pages[reverse(name, args=r)], name
    terms = pages[reverse("reviews:terms_new", args=r)]
    assert "a black or minority ethnic child (WT2018 chapter 4)" in terms
    assert "did they disadvantage them? (WT2018 chapter 4)" in terms


@pytest.mark.parametrize(
    ("name", "wanted"),
    [
        ("reviews:panel", "the family's involvement (Rotherham 19.5)"),
        ("reviews:experts", "(Rotherham 19.3, 19.4)"),
        ("reviews:professionals", "(Rotherham 19.6)"),
        ("learning:lessons", "Rotherham 19.2: the review establishes"),
        ("reviews:terms_new", "a black or minority ethnic child (Rotherham 19.3)"),
        ("reviews:terms_new", "a disabled child or parent (Rotherham 19.4)"),
        ("chronology:integrated", "(Rotherham 19.2: the review establishes"),
    ],
)
def test_a_rotherham_reviews_pages_cite_its_paragraphs_as_before(world, name, wanted):
    review = _review(world, "rotherham_wt2006")
    text = verified_client(world.user("board_manager")).get(reverse(name, args=[review.pk])).text
    assert wanted in text


def test_a_rotherham_notification_cites_19_1_for_the_other_children(world):
    review = _review(world, "rotherham_wt2006")
    n = review.notification
    text = verified_client(world.user("board_manager")).get(reverse("cases:detail", args=[n.pk]))
    assert "Other children considered (Rotherham 19.1)" in text.text


def test_the_forms_label_each_duty_with_the_reviews_own_clause(world):
    rotherham = _review(world, "rotherham_wt2006")
    later = _review(world, "wt2018")
    panel = verified_client(world.user("panel_member"))
    for review, clause in ((rotherham, "Rotherham 19.5"), (later, "WT2018 chapter 4")):
        meeting = PanelMeeting.objects.create(review=review, held_on=review.opened_at)
        url = reverse("reviews:panel_decision_add", args=[review.pk, meeting.pk])
        assert f"Extent of family involvement agreed ({clause})" in panel.get(url).text
