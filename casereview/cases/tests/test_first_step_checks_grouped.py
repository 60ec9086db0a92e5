"""The 19.1 first-step checks count in the database, one row per case: on cases built to hit
each edge (a child in the register not considered, a child at risk without a dated referral,
a risk not known, a child considered and since removed from the register, an agency that has
not secured its records) they give the evidence the row-by-row reading gave, alone and in a
batch."""

from datetime import date

import pytest
from django.utils import timezone

from casereview.cases.models import ChildConsidered, Person, Task, TaskKind
from casereview.procedure.registry import CHECKS, Batch, Evidence, link
from conftest import make_notification

pytestmark = pytest.mark.django_db

DONE_ON = date(2026, 3, 3)
REFERRED_ON = date(2026, 3, 5)


def _case(world, agencies=()):
    return make_notification(world.board, world.user("board_manager"), agencies=list(agencies))


def _child(world, case, given, kind="other_child", relationship="sibling"):
    return Person.objects.create(
        board=world.board,
        notification=case,
        kind=kind,
        given_names=given,
        family_name="Testchild",
        relationship=relationship,
    )


def _consider(world, case, person, assessment="not_at_risk", action="none", action_on=None):
    return ChildConsidered.objects.create(
        board=world.board,
        notification=case,
        person=person,
        assessment=assessment,
        note="Seen at school with the designated safeguarding lead.",
        action=action,
        action_on=action_on,
        recorded_by=world.user("board_manager"),
        recorded_at=timezone.now(),
    )


def _step_recorded(case, on=DONE_ON):
    """The step recorded as done (the service would refuse it while a child is unsettled; a
    child added or reassessed later leaves it so)."""
    Task.objects.filter(notification=case, kind=TaskKind.OTHER_CHILDREN).update(
        completed_at=timezone.now(), done_on=on
    )


def _found(name, *cases) -> dict:
    return CHECKS[name].fn(Batch(cases))


def _evidence(case, on, label):
    return Evidence(on, label, link("cases:detail", case.pk))


def test_other_children_are_settled_child_by_child(world):
    none = _case(world)
    _step_recorded(none)
    settled = _case(world)
    _consider(world, settled, _child(world, settled, "Ben"))
    _consider(
        world,
        settled,
        _child(world, settled, "Cara", kind="family"),
        assessment="at_risk",
        action="referral",
        action_on=REFERRED_ON,
    )
    # Considered, then removed from the register: still counted as considered.
    gone = _child(world, settled, "Dan")
    _consider(world, settled, gone)
    Person.objects.filter(pk=gone.pk).update(removed_at=timezone.now())
    _step_recorded(settled)
    not_considered = _case(world)
    _consider(world, not_considered, _child(world, not_considered, "Ben"))
    _child(world, not_considered, "Eve", kind="family")  # a sibling entered as family
    _step_recorded(not_considered)
    undated = _case(world)
    _consider(
        world, undated, _child(world, undated, "Ben"), assessment="at_risk", action="strategy"
    )
    _step_recorded(undated)
    unknown = _case(world)
    _consider(world, unknown, _child(world, unknown, "Ben"), assessment="not_known")
    _step_recorded(unknown)
    not_recorded = _case(world)
    _consider(world, not_recorded, _child(world, not_recorded, "Ben"))

    cases = (none, settled, not_considered, undated, unknown, not_recorded)
    found = _found("other_children_considered", *cases)
    assert found == {
        none.pk: _evidence(none, DONE_ON, "Considered: no other children identified"),
        settled.pk: _evidence(
            settled, REFERRED_ON, "3 other children considered, 1 referred or discussed"
        ),
    }
    for case in cases:
        assert CHECKS["other_children_considered"].fn([case]) == (
            {case.pk: found[case.pk]} if case.pk in found else {}
        )


def test_records_are_secured_when_every_agency_has_a_date(world):
    both = _case(world, [world.police, world.health])
    Task.objects.filter(notification=both, agency=world.police).update(done_on=date(2026, 3, 4))
    Task.objects.filter(notification=both, agency=world.health).update(done_on=date(2026, 3, 2))
    half = _case(world, [world.police, world.health])
    Task.objects.filter(notification=half, agency=world.police).update(done_on=date(2026, 3, 4))
    nobody = _case(world)

    assert _found("records_secured", both, half, nobody) == {
        both.pk: _evidence(both, date(2026, 3, 4), "2 agencies secured their records")
    }
