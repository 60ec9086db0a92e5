"""The people predicates read only the register rows they can count (the child, family
members who are or may be disabled, those with a legitimate interest), through a plain
cursor: on registers built to hit the edges they hold for the same cases as before."""

import pytest

from casereview.cases.models import Person
from casereview.procedure.registry import PREDICATES, UNKNOWNS, Batch
from conftest import make_notification

pytestmark = pytest.mark.django_db


def _case(world, **child):
    return make_notification(world.board, world.user("board_manager"), child=child or None)


def _person(world, case, kind="family", relationship="aunt_uncle", **fields):
    return Person.objects.create(
        board=world.board,
        notification=case,
        kind=kind,
        given_names="Sam",
        family_name="Testperson",
        relationship=relationship,
        **fields,
    )


def _holds(name, cases) -> set:
    return PREDICATES[name].fn(Batch(cases))


def test_only_the_child_and_the_parents_count_for_disability(world):
    disabled_aunt = _case(world)
    _person(world, disabled_aunt, disability="yes")
    disabled_sibling = _case(world)
    _person(world, disabled_sibling, kind="other_child", relationship="sibling", disability="yes")
    disabled_carer = _case(world)
    _person(world, disabled_carer, disability="yes", parental_responsibility=True)
    disabled_mother = _case(world)
    _person(world, disabled_mother, relationship="mother", disability="yes")
    unknown_father = _case(world)
    _person(world, unknown_father, relationship="father", disability="not_known")
    interested = _case(world)
    _person(world, interested, legitimate_interest=True)
    cases = [
        disabled_aunt,
        disabled_sibling,
        disabled_carer,
        disabled_mother,
        unknown_father,
        interested,
    ]

    # The test children are recorded as not disabled.
    assert _holds("child_or_parent_disabled", cases) == {disabled_carer.pk, disabled_mother.pk}
    assert UNKNOWNS["child_or_parent_disabled"].fn(Batch(cases)) == {unknown_father.pk}
    assert _holds("legitimate_interest_involved", cases) == {interested.pk}


def test_the_childs_ethnicity_decides_19_3(world):
    cases = [_case(world) for _ in range(3)]
    for case, ethnicity in zip(cases, ["W1", "B1", "NK"], strict=True):
        Person.objects.filter(notification=case, kind="child").update(ethnicity=ethnicity)
    assert _holds("child_is_bme", cases) == {cases[1].pk}
    assert UNKNOWNS["child_is_bme"].fn(Batch(cases)) == {cases[2].pk}
