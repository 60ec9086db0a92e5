"""The national tagger registers with the learning app (which sits below it) and its
suggestions show on a lesson's themes page for a person to confirm."""

from __future__ import annotations

from django.urls import reverse

from casereview.learning import suggestions
from casereview.learning.tests.helpers import lesson_of
from casereview.national.themes.tagger import suggest_for_lesson
from conftest import review_of


def _url(lesson):
    return reverse("learning:lesson_themes", args=[lesson.review_id, lesson.pk])


def test_the_national_tagger_is_registered_and_suggests(world, client_for):
    assert suggest_for_lesson in suggestions._suggesters
    lesson = lesson_of(
        world, review_of(world), text="The mother misused alcohol and the child was not seen alone"
    )
    page = client_for(world.user("panel_chair")).get(_url(lesson)).text
    assert 'id="suggestion-parental_substance_misuse"' in page and "national tagger" in page
