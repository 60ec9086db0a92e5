"""The merge (issue 11 item 3): order, same-event groups, conflicts and gaps, as pure
functions (with property tests) and stored by rebuild()."""

from __future__ import annotations

from datetime import date, time, timedelta

from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casereview.audit.context import SYSTEM
from casereview.audit.models import AuditEvent
from casereview.chronology import merge
from casereview.chronology.merge import Fact
from casereview.chronology.merge import merge as merged_of
from casereview.chronology.models import ChronologyEntry, EventGroup
from casereview.chronology.services import integrated
from conftest import review_of

from .timeline_helpers import entries, entry

D = date(2025, 3, 12)


def fact(id, agency, on=D, event="Home visit to the family", **kw) -> Fact:
    return Fact(
        id=id,
        agency=agency,
        occurred_from=kw.pop("occurred_from", on),
        occurred_to=kw.pop("occurred_to", on),
        occurred_time=kw.pop("occurred_time", None),
        precision=kw.pop("precision", "day"),
        source_ref=kw.pop("source_ref", id),
        event=event,
        **kw,
    )


def test_the_order_puts_the_narrower_date_first_and_untimed_after_timed():
    month = fact(
        "m",
        "Health",
        occurred_from=date(2025, 3, 1),
        occurred_to=date(2025, 3, 31),
        precision="month",
    )
    day = fact("d", "Police", on=date(2025, 3, 1))
    timed = fact("t", "Police", on=date(2025, 3, 1), occurred_time=time(9), precision="datetime")
    other_agency = fact("a", "Education", on=date(2025, 3, 1))
    ordered = merged_of([month, day, timed, other_agency], 90).ordered
    assert [f.id for f in ordered] == ["t", "a", "d", "m"]


def test_the_same_event_from_two_agencies_is_grouped_and_a_conflict_is_summarised():
    police = fact("p", "Police", event="Joint home visit with social worker", child_seen="yes")
    health = fact("h", "Health", event="Joint home visit with the social worker", child_seen="no")
    unrelated = fact("u", "Education", event="Attendance letter sent to parents")
    result = merged_of([police, health, unrelated], 90)
    assert result.groups == [("h", "p")]
    assert result.conflicts[("h", "p")] == "Child seen: no (Health), yes (Police)"


def test_one_agency_twice_or_an_imprecise_date_is_not_the_same_event():
    twice = [fact("a", "Police"), fact("b", "Police")]
    assert merged_of(twice, 90).groups == []
    month = fact(
        "m",
        "Health",
        occurred_from=date(2025, 3, 1),
        occurred_to=date(2025, 3, 31),
        precision="month",
    )
    assert merged_of([fact("a", "Police"), month], 90).groups == []


def test_different_decisions_are_a_conflict():
    a = fact("a", "Police", decision="No further action")
    b = fact(
        "b", "Children's services", decision="Strategy discussion convened, section 47 enquiry"
    )
    summary = merged_of([a, b], 90).conflicts[("b", "a")]
    assert summary.startswith("Decision: ")
    assert "No further action" in summary and "section 47" in summary


def test_gaps_longer_than_the_period_are_found_and_shorter_are_not():
    found = merged_of(
        [
            fact("a", "Police", on=date(2025, 1, 1)),
            fact("b", "Police", on=date(2025, 1, 31)),
            fact("c", "Police", on=date(2025, 6, 1)),
        ],
        90,
    ).gaps
    assert [(g.starts_on, g.ends_on, g.days) for g in found] == [
        (date(2025, 2, 1), date(2025, 5, 31), 120)
    ]
    # A long imprecise entry covers the time it spans.
    season = fact(
        "s",
        "Health",
        occurred_from=date(2025, 2, 1),
        occurred_to=date(2025, 4, 30),
        precision="approximate",
    )
    assert (
        merged_of(
            [
                fact("a", "Police", on=date(2025, 1, 1)),
                season,
                fact("c", "Police", on=date(2025, 6, 1)),
            ],
            90,
        ).gaps
        == []
    )


AGENCIES = ["Police", "Health", "Education", "Children's services"]
EVENTS = [
    "Home visit to the family",
    "Home visit to the family with interpreter",
    "Attendance letter sent",
    "Strategy discussion held",
    "GP appointment missed",
]
facts = st.lists(
    st.builds(
        lambda n, agency, day, span, event, seen, timed: Fact(
            id=f"{n:05d}",
            agency=agency,
            occurred_from=D + timedelta(days=day),
            occurred_to=D + timedelta(days=day + span),
            occurred_time=time(timed) if timed is not None else None,
            precision="day" if span == 0 else "month",
            source_ref=f"R{n}",
            event=event,
            child_seen=seen,
        ),
        st.integers(0, 99999),
        st.sampled_from(AGENCIES),
        st.integers(0, 200),
        st.sampled_from([0, 0, 0, 30]),
        st.sampled_from(EVENTS),
        st.sampled_from(["yes", "no", "unknown"]),
        st.one_of(st.none(), st.integers(8, 17)),
    ),
    max_size=40,
    unique_by=lambda f: f.id,
)


@given(facts, st.randoms())
def test_the_merge_does_not_depend_on_the_order_of_input(items, random):
    shuffled = list(items)
    random.shuffle(shuffled)
    a, b = merged_of(items, 30), merged_of(shuffled, 30)
    assert [f.id for f in a.ordered] == [f.id for f in b.ordered]
    assert a.groups == b.groups and a.conflicts == b.conflicts and a.gaps == b.gaps


@given(facts)
def test_no_entry_is_lost_and_each_is_in_one_group_at_most(items):
    result = merged_of(items, 30)
    assert sorted(f.id for f in result.ordered) == sorted(f.id for f in items)
    grouped = [i for g in result.groups for i in g]
    assert len(grouped) == len(set(grouped))
    by_id = {f.id: f for f in items}
    for group in result.groups:
        assert len({by_id[i].agency for i in group}) > 1


# --- Stored by rebuild() ------------------------------------------------------------------------


def _two_accounts(world, review):
    user = world.user("board_manager")
    police = entry(
        review, world.police, D, "Joint home visit with social worker", user=user, child_seen="yes"
    )
    health = entry(
        review,
        world.health,
        D,
        "Joint home visit with the social worker",
        user=user,
        child_seen="no",
    )
    return police, health


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.permutations(range(6)))
def test_rebuild_keeps_every_entry_and_its_provenance_whatever_the_order_of_creation(world, order):
    review = review_of(world)
    user = world.user("board_manager")
    rows = [
        (world.police, "Home visit to the family", "yes"),
        (world.health, "Home visit to the family", "no"),
        (world.police, "Strategy discussion held", "unknown"),
        (world.health, "GP appointment missed", "unknown"),
        (world.police, "Attendance letter sent", "unknown"),
        (world.health, "Attendance letter sent", "unknown"),
    ]
    for n in order:
        agency, event, seen = rows[n]
        entries(
            review,
            agency,
            [
                {
                    "on": D + timedelta(days=n // 2),
                    "event": event,
                    "child_seen": seen,
                    "source_ref": f"R{n}",
                    "source_row": n + 2,
                }
            ],
            user=user,
        )
    before = set(
        ChronologyEntry.objects.filter(review=review).values_list(
            "id", "agency_id", "imported_by_id", "source_row", "source_ref"
        )
    )
    result = merge.rebuild(review, actor=user, context=SYSTEM)
    after = set(
        ChronologyEntry.objects.filter(review=review).values_list(
            "id", "agency_id", "imported_by_id", "source_row", "source_ref"
        )
    )
    assert before == after
    assert len(result.groups) == 2 and len(result.conflicts) == 1
    assert EventGroup.objects.filter(review=review).count() == 2


def test_rebuild_is_idempotent_and_keeps_the_panels_view(world):
    review = review_of(world)
    user = world.user("panel_chair")
    police, health = _two_accounts(world, review)
    merge.rebuild(review, actor=user, context=SYSTEM)
    group = EventGroup.objects.get(review=review)
    assert group.conflict and group.conflict_summary == (
        "Child seen: no (Eastbrook Health), yes (Eastbrook Police)"
    )
    EventGroup.objects.filter(pk=group.pk).update(panel_note="Health's record is right")
    merge.rebuild(review, actor=user, context=SYSTEM)
    merge.rebuild(review, actor=user, context=SYSTEM)
    again = EventGroup.objects.get(review=review)
    assert again.pk == group.pk and again.panel_note == "Health's record is right"
    assert set(again.entries.values_list("pk", flat=True)) == {police.pk, health.pk}
    assert AuditEvent.objects.filter(action="chronology.merge").count() == 3
    assert integrated(review).merged_at is not None


def test_a_withdrawn_entry_leaves_its_group_and_the_group_goes_when_alone(world):
    review = review_of(world)
    user = world.user("board_manager")
    _police, health = _two_accounts(world, review)
    merge.rebuild(review, actor=user, context=SYSTEM)
    ChronologyEntry.objects.filter(pk=health.pk).update(
        withdrawn_at=timezone.now(), withdrawn_reason="Error"
    )
    merge.rebuild(review, actor=user, context=SYSTEM)
    assert not EventGroup.objects.filter(review=review).exists()
    assert ChronologyEntry.objects.filter(review=review).count() == 2
    assert not ChronologyEntry.objects.filter(review=review, group__isnull=False).exists()
