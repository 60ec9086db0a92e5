from datetime import date

import pytest
from django.core.management import call_command

from casereview.national.models import NationalLesson, SearchEntry
from casereview.national.search import Filters, rebuild, search

from .search_helpers import make_record

pytestmark = pytest.mark.django_db


def _texts(hits):
    return [h.entry.text for h in hits]


def test_finds_lessons_by_stemmed_words_and_ranks_them():
    make_record(["Agencies did not share information about the father's violence."])
    make_record(["Information sharing between health visitors and police was poor."])
    make_record(["The baby's cries were not heard by professionals."])
    found = _texts(search("sharing information"))
    assert len(found) == 2
    assert all("nformation" in t for t in found)
    assert search("zebra") == []


def test_filters_by_theme_year_and_age_band():
    make_record(
        [("Neglect of the home was not assessed.", ["neglect"])],
        age_band="age_11_15",
        published_month=date(2024, 5, 1),
    )
    make_record([("Neglect was seen by the school.", ["neglect", "voice_of_child"])])
    assert len(search("neglect")) == 2
    assert _texts(search("neglect", Filters(year=2024))) == [
        "Neglect of the home was not assessed."
    ]
    assert _texts(search("neglect", Filters(age_band="under_1"))) == [
        "Neglect was seen by the school."
    ]
    assert _texts(search("neglect", Filters(theme="voice_of_child"))) == [
        "Neglect was seen by the school."
    ]


def test_query_syntax_is_never_passed_to_the_engine():
    make_record(["Supervision of social workers (and their managers) was rare."])
    assert len(search('supervision" OR "x* NEAR(')) == 0
    assert len(search("SUPERVISION, managers!")) == 1


def test_the_index_follows_edits_and_deletions_and_can_be_rebuilt():
    record = make_record(["Thresholds for help were too high."])
    lesson = NationalLesson.objects.get(record=record)
    lesson.text = "The family was referred again and again."
    lesson.save()
    assert search("thresholds") == []
    assert len(search("referred")) == 1
    lesson.delete()
    assert search("referred") == []
    make_record(["Recording was incomplete."])
    SearchEntry.objects.all().delete()
    assert search("recording") == []
    call_command("national-search", "rebuild")
    assert len(search("recording")) == 1
    assert rebuild() == 1
