"""While the database cannot be reached, every page is the styled 503 page, never a trace."""

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client


def cut_the_database(patch: pytest.MonkeyPatch, error: Exception) -> None:
    # Undone before the test database is torn down (the monkeypatch fixture would be too late).
    def refuse(*args, **kwargs):
        raise error

    patch.setattr(CursorWrapper, "execute", refuse)
    patch.setattr(CursorWrapper, "executemany", refuse)


def test_a_signed_in_page_answers_503_without_detail(world, client_for):
    client = client_for(world.user("board_manager"))
    client.raise_request_exception = False
    with pytest.MonkeyPatch.context() as patch:
        cut_the_database(patch, OperationalError("server at 127.0.0.1 closed the connection"))
        response = client.get("/notifications/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Sorry, the service is unavailable" in page
    assert "Traceback" not in page and "OperationalError" not in page
    assert "127.0.0.1" not in page
    # Service again as soon as the database answers.
    assert client.get("/notifications/").status_code == 200


@pytest.mark.django_db
def test_the_sign_in_form_answers_503_when_the_database_is_down():
    client = Client(raise_request_exception=False)
    with pytest.MonkeyPatch.context() as patch:
        cut_the_database(patch, OperationalError("Connection refused"))
        response = client.post("/sign-in/", {"username": "someone", "password": "x" * 12})
    assert response.status_code == 503
    assert "Connection refused" not in response.content.decode()


def test_a_lost_connection_is_a_503_too(world, client_for):
    client = client_for(world.user("board_manager"))
    client.raise_request_exception = False
    with pytest.MonkeyPatch.context() as patch:
        cut_the_database(patch, InterfaceError("connection already closed"))
        assert client.get("/").status_code == 503


def test_other_errors_are_still_a_500(monkeypatch, world, client_for):
    client = client_for(world.user("board_manager"))
    client.raise_request_exception = False

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("casereview.views.dashboard.build", broken)
    response = client.get("/dashboard/")
    assert response.status_code == 500
    assert "a bug" not in response.content.decode()
