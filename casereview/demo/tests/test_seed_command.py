"""The `casereview seed` command."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from casereview.accounts.models import Agency, User
from casereview.cases.models import Notification, Person
from casereview.demo.boards import DEMO_PASSWORD
from casereview.reviews.models import Review


@pytest.mark.django_db
def test_seed_command_runs_once_and_prints_the_logins():
    out, err = StringIO(), StringIO()
    call_command("seed", scale="demo", stdout=out, stderr=err)
    text = out.getvalue()
    assert "police.author" in text and DEMO_PASSWORD in text
    assert "CASEREVIEW_DEMO=1" in text
    assert "100%" in err.getvalue()
    before = {m: m.objects.count() for m in (Notification, Person, User, Review, Agency)}

    out = StringIO()
    call_command("seed", scale="demo", stdout=out, stderr=StringIO())
    assert "demo data already loaded" in out.getvalue()
    assert {m: m.objects.count() for m in before} == before
