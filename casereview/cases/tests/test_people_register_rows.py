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


def test_the_counts_per_register_follow_each_row(world):
    """The register is counted per case in the database: a disabled child outweighs a parent
    not known; a person removed from the register counts for nothing; the looked-after child
    counts for 19.6 only when the child died."""
    from django.utils import timezone

    from casereview.cases.models import Notification

    disabled_child = _case(world, disability="yes")
    _person(world, disabled_child, relationship="father", disability="not_known")
    removed = _case(world)
    gone = _person(
        world, removed, legitimate_interest=True, disability="yes", relationship="mother"
    )
    Person.all_objects.filter(pk=gone.pk).update(removed_at=timezone.now())
    died, harmed = _case(world, looked_after=True), _case(world, looked_after=True)
    Notification.objects.filter(pk=harmed.pk).update(outcome="serious_harm")
    harmed.refresh_from_db()
    cases = [disabled_child, removed, died, harmed]

    assert _holds("child_or_parent_disabled", cases) == {disabled_child.pk}
    assert UNKNOWNS["child_or_parent_disabled"].fn(Batch(cases)) == set()
    assert _holds("legitimate_interest_involved", cases) == set()
    assert _holds("looked_after_child_died", cases) == {died.pk}
