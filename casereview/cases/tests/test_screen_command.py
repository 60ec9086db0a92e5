"""`casereview screen` and the notification form give the same answer for the same facts:
every combination of outcome, abuse answer, ticked criteria, custody and looked-after, for
every regime. Refused facts exit 2 with the form's own message."""

import json
import subprocess
import sys
from io import StringIO
from itertools import chain, combinations, product

import pytest
from django.core.management import CommandError, call_command

from casereview.accounts.models import Board
from casereview.cases.forms import NotificationForm
from casereview.procedure import catalogue

from .helpers import valid_post

REGIMES = ["rotherham_wt2006", "wt2010", "wt2013", "wt2018"]


def subsets(letters):
    return chain.from_iterable(combinations(letters, n) for n in range(len(letters) + 1))


def run(regime, outcome, abuse, letters, custody, looked_after):
    args = ["--regime", regime, "--outcome", outcome, "--abuse", abuse, "--format", "json"]
    if letters:
        args += ["--criteria", ",".join(letters)]
    if custody:
        args.append("--custody")
    if looked_after:
        args.append("--looked-after")
    out = StringIO()
    try:
        call_command("screen", *args, stdout=out)
    except CommandError as error:
        return error.returncode, str(error)
    return 0, json.loads(out.getvalue())


def form_for(world, outcome, abuse, letters, custody, looked_after):
    death = outcome == "death"
    data = valid_post(
        world,
        outcome=outcome,
        abuse_neglect=abuse,
        considerations=list(letters),
        death_in_custody="yes" if custody else "no",
        looked_after="yes" if looked_after else "no",
        date_of_death_day="2" if death else "",
        date_of_death_month="3" if death else "",
        date_of_death_year="2026" if death else "",
    )
    return NotificationForm(data, boards=Board.objects.filter(pk=world.board.pk))


@pytest.mark.parametrize("regime_id", REGIMES)
def test_the_command_and_the_form_agree_on_every_combination(world, regime_id):
    Board.objects.filter(pk=world.board.pk).update(default_regime=regime_id)
    world.board.refresh_from_db()
    regime = catalogue.current(regime_id)
    checked = refused = 0
    for outcome, abuse, letters, custody, looked_after in product(
        ["death", "serious_harm"],
        ["known", "suspected", "not"],
        list(subsets(sorted(regime.letters))),
        [False, True],
        [False, True],
    ):
        facts = (outcome, abuse, letters, custody, looked_after)
        status, answer = run(regime_id, *facts)
        form = form_for(world, *facts)
        valid = form.is_valid()
        if status:
            refused += 1
            assert status == 2 and not valid, facts
            shown = [
                str(m)
                for name in ("considerations", "death_in_custody")
                for m in form.errors.get(name, [])
            ]
            assert answer == "\n".join(shown), facts
        else:
            assert valid, (facts, form.errors)
            assert form.screening().as_data() == answer, facts
            assert answer["regime"] == regime_id and answer["citations"]
        checked += 1
    assert checked == 2 * 3 * 2 ** len(regime.letters) * 4
    assert refused  # custody with serious harm at least


def test_an_unknown_regime_exits_2():
    status, message = run("wt1999", "death", "known", (), False, False)
    assert status == 2 and "unknown regime 'wt1999'" in message


def test_the_command_line_prints_the_outcome_and_citations_and_exits_2_on_refusal():
    base = [sys.executable, "-m", "casereview", "screen", "--regime", "wt2013"]
    ok = subprocess.run(
        [*base, "--outcome", "serious_harm", "--abuse", "known", "--criteria", "e"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0
    assert ok.stdout.splitlines()[0] == "review_required"
    assert "citations:" in ok.stdout and "reg 5(2)(b)(ii)" in ok.stdout
    refused = subprocess.run(
        [*base, "--outcome", "serious_harm", "--abuse", "not", "--criteria", "a"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode == 2
    assert "abuse or neglect is not known or suspected" in refused.stderr
