"""Schemathesis over the OpenAPI schema, in-process against the Django application: no
server error, every answer as the schema says (status, content type, body, headers), and
anonymous calls get 401. Examples are bounded so that CI runs this in seconds."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from casereview.api.api import api
from conftest import make_notification, with_review

from .helpers import connections_kept, token_for

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
]
BOUNDED = settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def _connections_kept():
    with connections_kept():
        yield


# The schema as the application serves it (no database needed to build it).
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = WSGIHandler()


@pytest.fixture
def manager_token(world):
    # Some real data for the operations to find: a case with its review.
    with_review(
        make_notification(world.board, world.user("board_manager"), agencies=[world.police]),
        world.user("board_chair"),
    )
    return token_for(world.user("board_manager"))


@schema.parametrize()
@BOUNDED
def test_the_api_keeps_its_schema(case, manager_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {manager_token}"}, checks=CHECKS)


@schema.parametrize()
@BOUNDED
def test_anonymous_calls_get_401(case, world):
    (case.headers or {}).pop("Authorization", None)
    response = case.call()
    if case.method.upper() != case.operation.method.upper():
        # Schemathesis also tries methods the path does not have: refused before anything.
        assert response.status_code == 405
        return
    assert response.status_code == 401, f"{case.method} {case.path}: {response.status_code}"
    case.validate_response(response, checks=CHECKS[:-1])
