"""The API through real requests: tokens, scopes, problems, pages, ETags, limits, audit."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from casereview.api.models import ApiToken
from casereview.audit.models import AuditEvent
from conftest import make_notification, with_review

from .helpers import Api, api_for, new_notification, token_for

PROBLEM = "application/problem+json"


def _events(after: int):
    return list(
        AuditEvent.objects.filter(pk__gt=after).order_by("id").values_list("action", "outcome")
    )


def _last() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_anonymous_calls_get_401_as_a_problem(world, notification):
    response = Api(None).get(f"/notifications/{notification.pk}")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401


def test_unknown_revoked_and_expired_tokens_get_401(world, notification):
    user = world.user("board_manager")
    assert Api("crv_not-a-token").get("/notifications").status_code == 401
    secret = token_for(user)
    token = ApiToken.objects.get(user=user)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Api(secret).get("/notifications").status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() + timedelta(days=1), revoked_at=timezone.now()
    )
    assert Api(secret).get("/notifications").status_code == 401
    user.is_active = False
    user.save()
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=None)
    assert Api(secret).get("/notifications").status_code == 401


def test_tokens_are_kept_only_as_a_hash(world):
    secret = token_for(world.user("board_manager"))
    token = ApiToken.objects.get()
    assert secret not in (token.digest, token.prefix) and secret.startswith(token.prefix)
    assert len(token.prefix) < len(secret) // 3


def test_a_read_token_cannot_write_and_the_refusal_is_audited(world):
    api = api_for(world.user("board_manager"), scope="read")
    last = _last()
    response = api.call("post", "/notifications", new_notification(world))
    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM
    assert _events(last) == [("deny", "denied")]
    assert api.get("/notifications").status_code == 200


def test_the_list_holds_only_what_the_user_may_see_paged_and_filtered(world, notification):
    make_notification(world.board, world.user("board_manager"), agencies=[world.health])
    make_notification(world.other_board, world.outsider, agencies=[world.other_police])
    manager = api_for(world.user("board_manager"))
    last = _last()
    page = manager.get("/notifications", limit=1).json()
    assert (page["count"], page["limit"], page["offset"], page["next_offset"]) == (2, 1, 0, 1)
    second = manager.get("/notifications", limit=1, offset=1).json()
    assert second["next_offset"] is None
    assert {page["items"][0]["id"], second["items"][0]["id"]} == {
        str(n.pk) for n in type(notification).objects.filter(board=world.board)
    }
    assert _events(last) == [("list", "ok"), ("list", "ok")]
    # The police's author sees only the case that involves the police.
    police = api_for(world.user("agency_author")).get("/notifications").json()
    assert [i["id"] for i in police["items"]] == [str(notification.pk)]
    assert manager.get("/notifications", status="decided").json()["count"] == 0
    assert manager.get("/notifications", board="westmoor").json()["count"] == 0


def test_bad_query_parameters_are_a_422_problem_with_the_field(world):
    response = api_for(world.user("board_manager")).get("/notifications", limit=1000)
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    assert [e["pointer"] for e in response.json()["errors"]] == ["/query/limit"]


def test_a_read_has_an_etag_and_is_audited_once(world, notification):
    api = api_for(world.user("board_chair"))
    last = _last()
    response = api.get(f"/notifications/{notification.pk}")
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response.json()["reference"] == notification.reference
    assert _events(last) == [("read", "ok")]
    again = api.get(f"/notifications/{notification.pk}")
    assert again["ETag"] == response["ETag"]


def test_create_then_correct_with_if_match(world):
    api = api_for(world.user("board_manager"))
    created = api.call("post", "/notifications", new_notification(world))
    assert created.status_code == 201, created.content
    path = created["Location"].removeprefix("/api/v1")
    read = api.get(path)
    assert read.json()["child"]["family_name"] == "Apichild"
    change = {"reason": "The referrer gave the wrong day", "incident_date": "2026-02-28"}
    assert api.call("patch", path, change).status_code == 428
    stale = api.call("patch", path, change, headers={"If-Match": '"0123"'})
    assert stale.status_code == 412
    assert stale["Content-Type"] == PROBLEM
    last = _last()
    done = api.call("patch", path, change, headers={"If-Match": read["ETag"]})
    assert done.status_code == 200, done.content
    assert done.json()["incident_date"] == "2026-02-28"
    assert done["ETag"] != read["ETag"]
    assert ("notification.amended", "ok") in _events(last)
    # The ETag read before the correction is stale now.
    again = api.call("patch", path, change, headers={"If-Match": read["ETag"]})
    assert again.status_code == 412


def test_bad_input_is_a_422_with_field_level_messages(world):
    api = api_for(world.user("board_manager"))
    future = (timezone.localdate() + timedelta(days=5)).isoformat()
    response = api.call("post", "/notifications", new_notification(world, incident_date=future))
    assert response.status_code == 422
    pointers = [e["pointer"] for e in response.json()["errors"]]
    assert "/incident_date" in pointers
    missing = new_notification(world)
    del missing["child"]["family_name"]
    response = api.call("post", "/notifications", missing)
    assert response.status_code == 422
    assert [e["pointer"] for e in response.json()["errors"]] == ["/child/family_name"]
    response = api.call(
        "post", "/notifications", new_notification(world, board=world.other_board.pk)
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/board"
    garbage = api.client.post(
        "/api/v1/notifications", "{not json", content_type="application/json", headers=api.headers
    )
    assert 400 <= garbage.status_code < 500


def test_a_body_field_the_operation_does_not_take_is_refused_on_its_name(world, notification):
    api = api_for(world.user("board_manager"))
    misspelt = {**new_notification(world), "incident_dat": "2026-02-28"}
    response = api.call("post", "/notifications", misspelt)
    assert response.status_code == 422
    assert [e["pointer"] for e in response.json()["errors"]] == ["/incident_dat"]
    path = f"/notifications/{notification.pk}"
    etag = api.get(path)["ETag"]
    change = {"reasn": "The referrer gave the wrong day", "incident_date": "2026-02-28"}
    refused = api.call("patch", path, change, headers={"If-Match": etag})
    assert refused.status_code == 422
    assert "/reasn" in [e["pointer"] for e in refused.json()["errors"]]
    notification.refresh_from_db()
    assert notification.incident_date.isoformat() != "2026-02-28"


def test_the_same_child_again_is_a_409_until_confirmed(world):
    api = api_for(world.user("board_manager"))
    assert api.call("post", "/notifications", new_notification(world)).status_code == 201
    again = api.call("post", "/notifications", new_notification(world))
    assert again.status_code == 409
    confirmed = new_notification(world, different_incident=True)
    assert api.call("post", "/notifications", confirmed).status_code == 201


def test_screening_recommendation_and_decision(world, notification):
    path = f"/notifications/{notification.pk}"
    panel = api_for(world.user("panel_chair"))
    screening = panel.get(f"{path}/screening")
    assert screening.status_code == 200 and screening.json()["recommendation"] is None
    body = {"recommendation": "review_required", "reasons": "A death; neglect suspected."}
    assert panel.call("put", f"{path}/screening/recommendation", body).status_code == 200
    # Changing it needs the version read.
    assert panel.call("put", f"{path}/screening/recommendation", body).status_code == 428
    etag = panel.get(f"{path}/screening")["ETag"]
    changed = panel.call(
        "put", f"{path}/screening/recommendation", body, headers={"If-Match": etag}
    )
    assert changed.status_code == 200
    # Only the chair decides (the permission table): the panel chair is refused.
    decision = {"outcome": "hold_review", "reasons": "19.1 met", "decided_on": "2026-03-12"}
    assert panel.call("post", f"{path}/decision", decision).status_code == 403
    assert panel.get(f"{path}/decision").status_code == 404
    chair = api_for(world.user("board_chair"))
    recorded = chair.call("post", f"{path}/decision", decision)
    assert recorded.status_code == 201, recorded.content
    assert recorded.json()["review"]
    assert chair.call("post", f"{path}/decision", decision).status_code == 422


def test_reviews_compliance_and_agency_reports(world, notification):
    from casereview.reviews.models import AgencyReport

    review = with_review(notification, world.user("board_chair")).review
    AgencyReport.objects.create(
        review=review, agency=world.police, requested_on="2026-03-12", due_on="2026-04-12"
    )
    AgencyReport.objects.create(
        review=review, agency=world.health, requested_on="2026-03-12", due_on="2026-04-13"
    )
    manager = api_for(world.user("board_manager"))
    assert [r["id"] for r in manager.get("/reviews").json()["items"]] == [str(review.pk)]
    assert manager.get(f"/reviews/{review.pk}").json()["reference"] == review.reference
    compliance = manager.get(f"/reviews/{review.pk}/compliance").json()
    assert compliance["obligations"] and all(o["citation"] for o in compliance["obligations"])
    reports = manager.get(f"/reviews/{review.pk}/agency-reports").json()
    assert [r["agency"]["id"] for r in reports["items"]] == [world.police.pk, world.health.pk]
    # The police's author sees only the police report (the same section rules as the pages).
    police = api_for(world.user("agency_author"))
    mine = police.get(f"/reviews/{review.pk}/agency-reports").json()
    assert [r["agency"]["id"] for r in mine["items"]] == [world.police.pk]
    health_report = AgencyReport.objects.get(agency=world.health)
    refused = police.get(f"/reviews/{review.pk}/agency-reports/{health_report.pk}")
    assert refused.status_code == 404


def test_rate_limit_per_token(world, settings):
    settings.API_RATE_LIMIT = 2
    first = api_for(world.user("board_manager"))
    second = api_for(world.user("board_chair"))
    assert [first.get("/reviews").status_code for _ in range(2)] == [200, 200]
    limited = first.get("/reviews")
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) >= 1
    assert limited["Content-Type"] == PROBLEM
    assert second.get("/reviews").status_code == 200


def test_a_body_over_the_limit_is_413(world, settings):
    settings.API_MAX_BODY_BYTES = 100
    api = api_for(world.user("board_manager"))
    response = api.call("post", "/notifications", new_notification(world))
    assert response.status_code == 413
    assert response["Content-Type"] == PROBLEM
    # Without a token the same call is told to authenticate first (anonymous calls: 401).
    anonymous = Client().post(
        "/api/v1/notifications", data="x" * 200, content_type="application/json"
    )
    assert anonymous.status_code == 401 and anonymous["Content-Type"] == PROBLEM


def test_a_method_the_path_does_not_take_is_a_405_problem(world):
    response = api_for(world.user("board_manager")).call("delete", "/notifications")
    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM
    assert "GET" in response["Allow"]


def test_an_unknown_address_under_the_api_is_a_404_problem(world):
    for path in ("/", "/nothing/here"):
        response = api_for(world.user("board_manager")).get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM
