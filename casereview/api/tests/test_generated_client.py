"""A Python client generated from the OpenAPI schema with openapi-python-client (at test
time, into a temporary folder) creates, reads and corrects a notification in-process."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import httpx
import pytest
from django.core.handlers.wsgi import WSGIHandler

from casereview.api.api import api

from .helpers import connections_kept, new_notification, token_for

PACKAGE = "casereview_generated_client"


@pytest.fixture(autouse=True)
def _connections_kept():
    with connections_kept():
        yield


@pytest.fixture
def generated(tmp_path):
    schema = tmp_path / "openapi.json"
    schema.write_text(json.dumps(api.get_openapi_schema()))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            schema,
            "--meta",
            "none",
            "--output-path",
            tmp_path / PACKAGE,
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m.startswith(PACKAGE)]:
            del sys.modules[name]


def test_a_generated_client_creates_reads_and_updates(world, generated):
    from casereview_generated_client.api.notifications import (
        notification_correct,
        notification_create,
        notification_detail,
    )
    from casereview_generated_client.models import NotificationCorrection, NotificationIn

    secret = token_for(world.user("board_manager"))
    client = generated.AuthenticatedClient(base_url="http://testserver", token=secret)
    client.set_httpx_client(
        httpx.Client(
            base_url="http://testserver",
            transport=httpx.WSGITransport(app=WSGIHandler()),
            headers={"Authorization": f"Bearer {secret}"},
        )
    )
    created = notification_create.sync_detailed(
        client=client, body=NotificationIn.from_dict(new_notification(world))
    )
    assert created.status_code == 201, created.content
    pk = created.parsed.id

    read = notification_detail.sync_detailed(pk, client=client)
    assert read.status_code == 200
    assert read.parsed.child.family_name == "Apichild"
    etag = read.headers["etag"]

    change = NotificationCorrection.from_dict(
        {"reason": "The referrer gave the wrong day", "incident_date": "2026-02-28"}
    )
    stale = notification_correct.sync_detailed(pk, client=client, body=change, if_match='"x"')
    assert stale.status_code == 412
    updated = notification_correct.sync_detailed(pk, client=client, body=change, if_match=etag)
    assert updated.status_code == 200, updated.content
    assert updated.parsed.incident_date.isoformat() == "2026-02-28"
    assert notification_detail.sync(pk, client=client).incident_date.isoformat() == "2026-02-28"
