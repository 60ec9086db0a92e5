"""Property: whatever sequence of corrections is made, no earlier version is lost; the
history reconstructs every version of the record, in order, ending with the record as it
stands."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casereview.audit.context import SYSTEM
from casereview.cases.amendments import snapshot, versions
from casereview.cases.corrections import correct_notification, correct_person, correct_task
from casereview.cases.models import Amendment, Notification
from casereview.cases.services import complete_task
from conftest import make_notification

FIELDS = ["incident_date", "circumstances", "abuse_neglect"]
# One correction: which record, and its new values.
CORRECTION = st.one_of(
    st.tuples(
        st.just("notification"),
        st.fixed_dictionaries(
            {
                "incident_date": st.dates(date(2024, 5, 17), date(2026, 3, 2)),
                "circumstances": st.sampled_from(["A", "B", "C"]),
                "abuse_neglect": st.sampled_from(["known", "suspected", "not"]),
            }
        ),
    ),
    st.tuples(
        st.just("child"),
        st.fixed_dictionaries(
            {
                "school": st.sampled_from(["", "Eastbrook Primary", "St Fictional's"]),
                "ethnicity": st.sampled_from(["W1", "B2", "M1"]),
            }
        ),
    ),
    st.tuples(
        st.just("task"),
        st.fixed_dictionaries(
            {
                "done_on": st.integers(0, 20).map(lambda n: date(2026, 3, 3) + timedelta(n)),
                "note": st.sampled_from(["Siblings seen", "Nursery told", "School told"]),
            }
        ),
    ),
)


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(CORRECTION, min_size=1, max_size=6))
def test_a_sequence_of_corrections_never_loses_a_version(world, corrections):
    manager = world.user("board_manager")
    n = make_notification(world.board, manager, agencies=[world.police])
    task = n.tasks.get(kind="other_children")
    complete_task(task, actor=manager, context=SYSTEM, done_on=date(2026, 3, 3), note="First")
    records = {"notification": n, "child": n.child, "task": task}
    fields = {"notification": FIELDS, "child": ["school", "ethnicity"], "task": ["done_on", "note"]}
    # Every version each record had, as the test saw it, oldest first.
    seen = {name: [snapshot(obj, fields[name])] for name, obj in records.items()}
    for number, (name, values) in enumerate(corrections):
        reason = f"Correction {number}"
        try:
            if name == "notification":
                n = Notification.objects.get(pk=n.pk)
                correct_notification(
                    n,
                    actor=manager,
                    context=SYSTEM,
                    fields=values,
                    agencies=[world.police],
                    reason=reason,
                )
            elif name == "child":
                correct_person(
                    records["child"], actor=manager, context=SYSTEM, values=values, reason=reason
                )
            else:
                correct_task(task, actor=manager, context=SYSTEM, reason=reason, **values)
        except ValidationError:
            continue  # nothing changed: refused, and nothing kept
        obj = type(records[name])._base_manager.get(pk=records[name].pk)
        seen[name].append(snapshot(obj, fields[name]))

    for name, obj in records.items():
        current = type(obj)._base_manager.get(pk=obj.pk)
        history = list(Amendment.objects.filter(record_id=str(obj.pk)).order_by("amended_at", "id"))
        rebuilt = versions(history, snapshot(current, fields[name]))
        assert [{k: v[k] for k in fields[name]} for v in rebuilt] == seen[name]
        # Each amendment's after is the next one's before: no gap, no version lost.
        for earlier, later in itertools.pairwise(history):
            assert earlier.after == later.before
        assert all(a.reason.startswith("Correction") for a in history)
