"""Fictional agency chronologies: health visitor contacts, police call-outs, school
attendance, GP appointments and children's social care visits, dated as agencies date them
(mostly a day, sometimes a time, a month or a season). Some events are recorded by two
agencies on the same day with slightly different facts, and a few entries fall before the
period under review (history, antenatal contacts) and are marked as context.

The rows are built in memory and written with bulk_create: the demo board's reviews have
tens to a few hundred entries, the national scale about a million (national.py)."""

from __future__ import annotations

import calendar
import random
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta

from casereview.accounts.models import Agency, AgencyKind
from casereview.chronology.models import AgencyChronology, ChronologyEntry

# Per kind of agency: (practitioner role, event, decision or action, child seen weights
# (yes, no, unknown)). Roles only: a chronology names no practitioner.
EVENTS: dict[str, list[tuple[str, str, str, tuple[int, int, int]]]] = {
    AgencyKind.POLICE: [
        (
            "Response officer",
            "Call-out to the home after a neighbour reported shouting",
            "Domestic abuse risk assessment completed; notification to children's social care",
            (2, 5, 3),
        ),
        (
            "Response officer",
            "Mother reported the father for criminal damage at the home",
            "Father arrested and released on bail with conditions",
            (3, 4, 3),
        ),
        (
            "Neighbourhood officer",
            "Welfare check after a missed probation appointment",
            "No further action; information shared with probation",
            (1, 6, 3),
        ),
        (
            "Detective constable",
            "Strategy discussion attended",
            "Joint section 47 enquiry agreed with children's social care",
            (0, 8, 2),
        ),
    ],
    AgencyKind.CHILDRENS_SOCIAL_CARE: [
        (
            "Social worker",
            "Home visit as part of the assessment",
            "Assessment continues; school and health visitor to be contacted",
            (7, 2, 1),
        ),
        (
            "Social worker",
            "Unannounced visit; no answer at the door",
            "Card left; visit again within the week",
            (0, 9, 1),
        ),
        (
            "Team manager",
            "Police notification of domestic abuse received and screened",
            "Referral to early help",
            (0, 3, 7),
        ),
        (
            "Social worker",
            "Child in need meeting held with the mother and agencies",
            "Plan reviewed; next meeting in six weeks",
            (4, 4, 2),
        ),
    ],
    AgencyKind.HEALTH_PROVIDER: [
        (
            "Health visitor",
            "New birth visit at home",
            "Universal plus service; next contact at six weeks",
            (9, 0, 1),
        ),
        (
            "Health visitor",
            "Planned contact missed; family not at home",
            "Letter sent with a new appointment",
            (0, 9, 1),
        ),
        (
            "Emergency department nurse",
            "Attendance with a bruise to the forehead; account of a fall",
            "Discharged; safeguarding flag not checked",
            (9, 0, 1),
        ),
        (
            "Midwife",
            "Antenatal booking appointment",
            "Routine enquiry about domestic abuse not completed: partner present",
            (0, 0, 10),
        ),
    ],
    AgencyKind.PRIMARY_CARE_TRUST: [
        (
            "General practitioner",
            "Appointment for a chest infection",
            "Antibiotics prescribed",
            (9, 0, 1),
        ),
        (
            "Practice nurse",
            "Immunisations due; appointment not attended",
            "Second letter sent; not coded as a missed appointment for a child",
            (0, 9, 1),
        ),
        (
            "General practitioner",
            "Mother seen for low mood",
            "Referred to talking therapies",
            (3, 5, 2),
        ),
    ],
    AgencyKind.EDUCATION: [
        (
            "Attendance officer",
            "Attendance below 85 per cent this half term",
            "Letter to parents; attendance meeting offered",
            (6, 1, 3),
        ),
        (
            "Class teacher",
            "Arrived without breakfast and with a scratch to the arm",
            "Recorded on the school's safeguarding log; designated lead told",
            (10, 0, 0),
        ),
        (
            "Designated safeguarding lead",
            "Absent for three days without explanation",
            "Home visit by the family support worker",
            (0, 8, 2),
        ),
    ],
}
OTHER = [
    ("Caseworker", "Contact with the family", "Advice given; case kept open", (3, 3, 4)),
    ("Support worker", "Telephone call with the mother", "Referral discussed", (0, 6, 4)),
]
# Another agency recording the same event on the same day (kind -> kind).
ALSO_RECORDED_BY = {
    AgencyKind.POLICE: AgencyKind.CHILDRENS_SOCIAL_CARE,
    AgencyKind.HEALTH_PROVIDER: AgencyKind.PRIMARY_CARE_TRUST,
    AgencyKind.EDUCATION: AgencyKind.CHILDRENS_SOCIAL_CARE,
}
SEASONS = (("spring", 3, 5), ("summer", 6, 8), ("autumn", 9, 11))
CHILD_SEEN = ("yes", "no", "unknown")
REF_PREFIX = {
    AgencyKind.POLICE: "OCC",
    AgencyKind.CHILDRENS_SOCIAL_CARE: "CN",
    AgencyKind.HEALTH_PROVIDER: "HV",
    AgencyKind.PRIMARY_CARE_TRUST: "GP",
    AgencyKind.EDUCATION: "SCH",
}


def _dated(rng: random.Random, day: date) -> dict:
    """The date as the agency's record gives it: mostly a day, some with a time, some a
    month, a few a season."""
    roll = rng.random()
    if roll < 0.08:
        last = calendar.monthrange(day.year, day.month)[1]
        return {
            "precision": "month",
            "occurred_from": day.replace(day=1),
            "occurred_to": day.replace(day=last),
            "date_as_written": f"{day:%B %Y}",
        }
    if roll < 0.11 and day.month in range(3, 12):
        name, first, last = next(s for s in SEASONS if s[1] <= day.month <= s[2])
        return {
            "precision": "approximate",
            "occurred_from": date(day.year, first, 1),
            "occurred_to": date(day.year, last, calendar.monthrange(day.year, last)[1]),
            "date_as_written": f"approx. {name} {day.year}",
        }
    if roll < 0.30:
        return {
            "precision": "datetime",
            "occurred_from": day,
            "occurred_to": day,
            "occurred_time": time(rng.randint(7, 22), rng.choice((0, 15, 30, 45))),
        }
    return {"precision": "day", "occurred_from": day, "occurred_to": day}


def entries_for(
    rng: random.Random,
    chronologies: list[AgencyChronology],
    period: tuple[date, date],
    count: int,
    entered_by,
    entered_at: datetime,
    born: date | None = None,
) -> Iterator[ChronologyEntry]:
    """About `count` entries spread over the agencies' chronologies and the period, with
    about one in twenty before it (context) and one in eight recorded again by a second
    agency the same day with slightly different facts; none before `born` (the child's
    date of birth, when given) says the child was seen. Entries are unsaved."""
    if not chronologies:
        return
    start, end = period
    span = max((end - start).days, 1)
    by_kind = {c.agency.kind: c for c in chronologies}
    numbers = {c.pk: 0 for c in chronologies}

    def entry(chronology, day, role, event, decision, seen, analysis="") -> ChronologyEntry:
        numbers[chronology.pk] += 1
        prefix = REF_PREFIX.get(chronology.agency.kind, "REF")
        when = _dated(rng, day)
        if seen == "yes" and born is not None and when["occurred_to"] < born:
            seen = "no"  # an antenatal contact: the child was not yet born, nor seen
        return ChronologyEntry(
            review_id=chronology.review_id,
            chronology=chronology,
            agency_id=chronology.agency_id,
            source_ref=f"{prefix}-{numbers[chronology.pk]:05d}",
            practitioner_role=role,
            event=event,
            decision=decision,
            child_seen=seen,
            analysis=analysis,
            is_context=when["occurred_to"] < start or when["occurred_from"] > end,
            source="import",
            entered_by=entered_by,
            entered_at=entered_at,
            **when,
        )

    made = 0
    while made < count:
        chronology = rng.choice(chronologies)
        kind = chronology.agency.kind
        if rng.random() < 0.05:  # the family's history, or an antenatal contact
            day = start - timedelta(days=rng.randint(30, 900))
        else:
            day = start + timedelta(days=rng.randrange(span))
        role, event, decision, weights = rng.choice(EVENTS.get(kind, OTHER))
        seen = rng.choices(CHILD_SEEN, weights)[0]
        yield entry(chronology, day, role, event, decision, seen)
        made += 1
        other = by_kind.get(ALSO_RECORDED_BY.get(kind))
        if other is not None and rng.random() < 0.12:
            # The same event in the second agency's words; now and then its facts differ.
            differs = rng.random() < 0.4
            their_seen = rng.choice([s for s in CHILD_SEEN if s != seen]) if differs else seen
            their_role = rng.choice(EVENTS.get(other.agency.kind, OTHER))[0]
            yield entry(
                other,
                day,
                their_role,
                f"Told by {chronology.agency.name}: {event[0].lower()}{event[1:]}",
                "Information recorded; no further action by this agency" if differs else decision,
                their_seen,
            )
            made += 1


def chronologies_of(review, agencies: Iterable[Agency]) -> list[AgencyChronology]:
    made = AgencyChronology.objects.bulk_create(
        [AgencyChronology(review=review, agency=a) for a in agencies]
    )
    for chronology, agency in zip(made, agencies, strict=True):
        chronology.agency = agency
    return made


def write(entries: Iterable[ChronologyEntry], batch_size: int = 5000) -> int:
    """Write the entries in batches (memory stays bounded); the number written."""
    written, batch = 0, []
    for entry in entries:
        batch.append(entry)
        if len(batch) >= batch_size:
            ChronologyEntry.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    if batch:
        ChronologyEntry.objects.bulk_create(batch)
        written += len(batch)
    return written
