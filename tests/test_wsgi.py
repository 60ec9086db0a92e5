"""The WSGI module as gunicorn --preload runs it: imported once in the master, which forks."""

import importlib

import pytest
from django.db import connections

from casereview.audit import system_checks


@pytest.mark.django_db(transaction=True)
def test_importing_the_application_closes_the_connection_its_start_up_check_opened(
    monkeypatch,
):
    calls = []
    check, close_all = system_checks.refuse_to_serve_unprotected, connections.close_all
    monkeypatch.setattr(
        system_checks, "refuse_to_serve_unprotected", lambda: calls.append("check") or check()
    )
    monkeypatch.setattr(connections, "close_all", lambda: calls.append("close") or close_all())
    import casereview.wsgi  # the first import in this process runs the module too

    calls.clear()
    importlib.reload(casereview.wsgi)
    # Closed after the check's query, so the forked workers share no socket.
    assert calls == ["check", "close"]
    if connections["default"].vendor == "postgresql":
        assert connections["default"].connection is None
