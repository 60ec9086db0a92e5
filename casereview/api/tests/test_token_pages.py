"""The account's API token pages: create (shown once), list, revoke."""

from __future__ import annotations

from django.urls import reverse

from casereview.api.models import ApiToken
from casereview.audit.models import AuditEvent
from conftest import verified_client

from .helpers import Api


def test_create_shows_the_token_once_then_lists_and_revokes_it(world, notification):
    user = world.user("board_manager")
    client = verified_client(user)
    page = client.get(reverse("api_tokens:new"))
    assert page.status_code == 200 and 'name="scope"' in page.text
    issued = client.post(
        reverse("api_tokens:new"), {"name": "Reporting tool", "scope": "read", "days": "30"}
    )
    assert issued.status_code == 200
    token = ApiToken.objects.get(user=user)
    secret = issued.text.split('id="api-token">')[1].split("<")[0]
    assert secret.startswith(token.prefix)
    assert Api(secret).get("/notifications").status_code == 200
    listing = client.get(reverse("api_tokens:list"))
    assert token.prefix in listing.text and secret not in listing.text
    assert "Reporting tool" in listing.text
    assert AuditEvent.objects.filter(action="api_token.issue", object_id=str(token.pk)).exists()
    assert client.post(reverse("api_tokens:list"), {"revoke": token.pk}).status_code == 302
    assert Api(secret).get("/notifications").status_code == 401
    assert AuditEvent.objects.filter(action="api_token.revoke").count() == 1


def test_the_form_shows_field_errors(world):
    client = verified_client(world.user("board_manager"))
    page = client.post(reverse("api_tokens:new"), {"name": "", "scope": "admin", "days": "0"})
    assert page.status_code == 200
    assert "govuk-error-summary" in page.text
    assert not ApiToken.objects.exists()


def test_no_one_revokes_anothers_token(world):
    from .helpers import token_for

    token_for(world.user("board_chair"))
    token = ApiToken.objects.get()
    client = verified_client(world.user("board_manager"))
    assert client.post(reverse("api_tokens:list"), {"revoke": token.pk}).status_code == 404
    assert client.post(reverse("api_tokens:list"), {"revoke": "x"}).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_docs_page_lists_every_operation_without_scripts(client):
    page = client.get(reverse("api_docs"))
    assert page.status_code == 200
    assert "/api/v1/notifications/{pk}/decision" in page.text
    assert "<script" not in page.text.split("</header>")[-1].split("<footer")[0]
    schema = client.get(reverse("api_openapi")).json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/reviews/{pk}/compliance" in schema["paths"]
