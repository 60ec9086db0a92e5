"""Tokens and calls for the API tests (not a test module)."""

from __future__ import annotations

import json
from contextlib import contextmanager

from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client

from casereview.api.tokens import issue
from casereview.audit.context import SYSTEM

BASE = "/api/v1"


def token_for(user, scope: str = "write", days: int = 30) -> str:
    _, secret = issue(user=user, actor=user, context=SYSTEM, name="test", scope=scope, days=days)
    return secret


class Api:
    """A client that sends the token's bearer header and JSON bodies."""

    def __init__(self, secret: str | None):
        self.client = Client()
        self.client.raise_request_exception = False
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def call(self, method: str, path: str, body=None, headers=None, files=None, **params):
        kwargs = {"headers": {**self.headers, **(headers or {})}}
        if files is not None:
            kwargs["data"] = files  # multipart/form-data, as the test client encodes a dict
        elif body is not None:
            kwargs["data"] = json.dumps(body)
            kwargs["content_type"] = "application/json"
        elif params:
            kwargs["data"] = params
        return getattr(self.client, method)(BASE + path, **kwargs)

    def get(self, path, **params):
        return self.call("get", path, **params)


def api_for(user, scope: str = "write") -> Api:
    return Api(token_for(user, scope))


def new_notification(world, **overrides) -> dict:
    body = {
        "board": world.board.pk,
        "referrer_name": "Dana Test",
        "referrer_role": "Team manager",
        "referrer_contact": "dana.test@example.invalid",
        "incident_date": "2026-03-01",
        "outcome": "death",
        "date_of_death": "2026-03-02",
        "abuse_neglect": "suspected",
        "circumstances": "Synthetic test circumstances.",
        "child": {
            "given_names": "Ada",
            "family_name": "Apichild",
            "date_of_birth": "2024-05-17",
            "sex": "female",
            "ethnicity": "W1",
            "disability": "no",
            "address": "1 Example Street, Eastbrook ZZ99 1AA",
        },
        "agencies": [world.police.pk],
    }
    body.update(overrides)
    return body


def national_record(**overrides) -> dict:
    """A valid national record of a signed-off review, as a board's own instance sends it."""
    body = {
        "board": "eastbrook",
        "reference": "EXT-2025-0007",
        "region": "north_west",
        "regime": "wt2018",
        "incident_month": "2025-01",
        "notified_month": "2025-01",
        "decided_month": "2025-02",
        "completed_month": "2025-09",
        "age_band": "under_1",
        "sex": "male",
        "ethnicity_group": "W1",
        "disability": "no",
        "looked_after": "no",
        "plan_status": "child_protection",
        "outcome": "death",
        "death_category": "severe_physical_assault",
        "family_risks": ["domestic_abuse", "parental_substance_misuse"],
        "maltreatment": ["physical"],
        "practice_issues": ["information_sharing"],
        "recommendation_types": ["training"],
        "timeliness": {"decision_in_time": True, "completed_in_time": False},
        "lessons": [
            {
                "text": "Child A's father was not seen by any agency.",
                "themes": ["invisible_men_fathers"],
            }
        ],
    }
    body.update(overrides)
    return body


@contextmanager
def connections_kept():
    """Calling the WSGI application in-process (Schemathesis, httpx) as Django's test client
    does: the end of a request must not close the test's database connection (PostgreSQL
    would lose the test's transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def acted(world, review, agency):
    """A lesson, a recommendation and an action for `agency` in the review (through the
    learning services)."""
    from casereview.learning.tests.helpers import action_of, lesson_of, recommendation_of

    lesson = lesson_of(world, review)
    rec = recommendation_of(world, review, lessons=[lesson])
    return lesson, rec, action_of(world, rec, agency=agency)
