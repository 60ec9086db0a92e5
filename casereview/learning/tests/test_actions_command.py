"""`casereview actions`: JSON with exactly the documented keys, filtered by board and
overdue; a table otherwise."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from casereview.learning.models import Action
from conftest import review_of

from .helpers import TODAY, action_of, lesson_of, recommendation_of

KEYS = {
    "review",
    "recommendation",
    "owner_agency",
    "owner",
    "expected_change",
    "measure",
    "target_date",
    "status",
    "rag",
    "verified_on",
}


def _run(*args) -> str:
    out = StringIO()
    call_command("actions", *args, stdout=out)
    return out.getvalue()


def test_json_has_exactly_the_documented_keys_and_filters(world):
    review = review_of(world)
    rec = recommendation_of(world, review, lessons=[lesson_of(world, review)])
    late = action_of(world, rec)
    action_of(world, rec)
    Action.objects.filter(pk=late.pk).update(target_date=TODAY - timedelta(days=1))
    every = json.loads(_run("--format", "json", "--board", "eastbrook"))
    assert len(every) == 2 and all(set(a) == KEYS for a in every)
    [overdue] = json.loads(_run("--format", "json", "--overdue"))
    assert overdue["review"] == review.reference
    assert overdue["target_date"] == (TODAY - timedelta(days=1)).isoformat()
    assert overdue["verified_on"] is None and overdue["status"] == "not_started"
    assert json.loads(_run("--format", "json", "--board", "westmoor")) == []
    table = _run()
    assert table.splitlines()[0].startswith("review") and "2 actions" in table
    with pytest.raises(CommandError):
        _run("--board", "nowhere")
