"""Plain-language lines for audit events, built when they are shown.

"Joanne Pritchard opened review ESCB-R2026-0008": the actor's full name (staff, not case
subjects), what they did (from the action), and the case reference of the record (found by
following the record's model to its review or notification). Never a name of a child or
family member: a record is named by its case reference or by its kind only.

The audit app sits below the apps whose records it names, so it reaches their models
through the app registry, never by import.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast

from .models import AuditEvent, Outcome

# What each action did, in words, ending with the word that joins the record it acted on
# (dropped when there is none). Actions not listed read "<verb> a <noun> on": the action
# `family.contact.create` is "added a family contact on review ...".
PHRASES = {
    "read": "opened",
    "list": "listed",
    "export": "downloaded",
    "deny": "was refused access to",
    "terms_of_reference.export": "downloaded the terms of reference of",
    "family_letter.export": "downloaded a family letter for",
    "agency_report.export": "downloaded an agency report of",
    "compliance_summary.export": "downloaded what is owed by",
    "board.letterhead": "changed the board's letterhead",
    "board.retention": "changed how long the board keeps published reports public",
    "word_template.upload": "uploaded a Word template for the board's documents",
    "word_template.activate": "put an earlier Word template of the board back in force",
    "word_template.revert": "went back to a default Word template",
    "word_template.export": "downloaded a default Word template",
    "letter_translation.upload": "uploaded a translation of a family letter",
    "letter_translation.approve": "approved a translation of a family letter",
    "letter_translation.withdraw": "withdrew a translation of a family letter",
    "family.not_contacted.create": "recorded why a family member is not contacted on",
    "family.not_contacted.update": "changed why a family member is not contacted on",
    "family.not_contacted.withdraw": "withdrew a reason not to contact a family member on",
    "audit.read": "read the audit log",
    "audit.export": "downloaded the audit log",
    "audit.verify": "checked the audit chain",
    "sign_in.password": "entered their password",
    "sign_in.second_factor": "entered a security code",
    "sign_in.locked_out": "was locked out",
    "sign_out": "signed out",
    "two_factor.enrol": "set up two-factor sign-in",
    "two_factor.backup_codes": "made new backup codes",
    "notification.create": "notified",
    "notification.duplicate_flag": "was warned of a possible second notification for",
    "notification.outbound": "recorded a statutory notification on",
    "screening.recommend": "recorded the panel's recommendation on",
    "decision.record": "recorded the chair's decision on",
    "review.move": "changed the stage of",
    "review.plan": "recorded the timescale of",
    "rapid_review.record": "recorded the rapid review of",
    "review.appoint": "appointed someone to",
    "review.expert_not_appointed": "recorded why no expert is appointed to",
    "clock.pause": "paused the clocks of",
    "clock.restart": "restarted the clocks of",
    "task.complete": "completed a step of",
    "task.child_considered": "recorded a child considered at risk in",
    "report.request": "requested agency reports for",
    "panel.decision": "recorded a panel decision on",
    "panel.member_add": "added a panel member to",
    "panel.meeting_add": "added a panel meeting to",
    "terms.draft": "drafted the terms of reference of",
    "terms.agree": "agreed the terms of reference of",
    "expert.advise": "gave expert advice on",
    "expert.advice_considered": "considered expert advice on",
    "board.default_regime": "changed the board's procedure",
    "person.create": "added a person to the people register of",
    "person.update": "changed an entry in the people register of",
    "parallel.create": "added a parallel process to",
    "parallel.update": "changed a parallel process of",
    # Corrections with a reason (cases/amendments.py).
    "notification.amended": "corrected the facts of",
    "person.amended": "corrected an entry in the people register of",
    "person.removed": "removed an entry made in error from the people register of",
    "task.amended": "corrected a first step of",
    "child_considered.amended": "changed the assessment of a child considered in",
    "decision.redecided": "made the chair's decision again on",
    "terms.amended": "corrected the agreed terms of reference of",
    "family.contact.amended": "corrected a family contact on",
    "family.contact.withdrawn": "withdrew a family contact made in error on",
    "review.appointment.ended": "ended an appointment to",
    "review.partner.removed": "removed a partner board from",
    "document.withdrawn": "withdrew",
}
VERBS = {
    "create": "added",
    "update": "changed",
    "delete": "removed",
    "save": "saved",
    "submit": "submitted",
    "accept": "accepted",
    "return": "returned",
}
JOINERS = (" on", " of", " to", " for")
REFERENCE = "reference"
# Actions about the audit trail or the person's own sign-in: the record they name says
# nothing more.
NO_OBJECT = (
    "audit.",
    "sign_in.",
    "sign_out",
    "two_factor.",
    "board.",
    "letter_translation.",
    "word_template.",
)


def phrase(action: str) -> str:
    """What the action did, in words, ending with the joining word for its record."""
    if action in PHRASES:
        return PHRASES[action]
    *nouns, verb = action.split(".")
    noun = " ".join(n.replace("_", " ") for n in nouns)
    words = VERBS.get(verb, verb.replace("_", " "))
    joiner = "to" if verb == "create" else "on"
    return f"{words} a {noun} {joiner}" if noun else words


@cache
def reference_path(label: str) -> tuple[str, str] | None:
    """(the lookup from this model to a case reference, the kind of record that has it:
    review or notification), or None for a record that belongs to no case."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    return _path(model, depth=2)


def _path(model, depth: int) -> tuple[str, str] | None:
    if model._meta.label_lower in {"reviews.review", "cases.notification"}:
        return REFERENCE, str(model._meta.verbose_name)
    if depth == 0:
        return None
    fields = {f.name: f for f in model._meta.fields}
    # The case's own links first, then any other link (a terms item reaches its review).
    for name in sorted(fields, key=lambda n: n not in {"review", "notification"}):
        field = fields[name]
        if isinstance(field, models.ForeignKey | models.OneToOneField):
            found = _path(field.related_model, depth - 1)
            if found:
                return f"{name}__{found[0]}", found[1]
    return None


def _key(label: str, object_id) -> tuple[str, str] | None:
    """(type, id) as the audit trail writes it (`str(pk)`), from an id in any form (a UUID
    comes back from the database without dashes on SQLite)."""
    try:
        return label, str(apps.get_model(label)._meta.pk.to_python(object_id))
    except (ValidationError, ValueError, TypeError, AttributeError):
        return None


def _rows(queries: list) -> list[tuple[str, str, str]]:
    """(type, id, reference) rows of the queries, run as one."""
    if not queries:
        return []
    if len(queries) == 1:
        return list(queries[0])
    return list(queries[0].union(*queries[1:], all=True).order_by())


def _select(model, label: str, path: str, **where):
    return (
        model._base_manager.filter(**where)
        .order_by()
        .values_list(Value(label), Cast("pk", CharField()), F(path))
    )


def references(events: Iterable[AuditEvent]) -> dict[tuple[str, str], tuple[str, str]]:
    """{(object type, object id): (case reference, kind)} for the events, in one query."""
    wanted: dict[str, set] = {}
    for event in events:
        if event.object_id and reference_path(event.object_type):
            key = _key(event.object_type, event.object_id)
            if key:
                wanted.setdefault(event.object_type, set()).add(key[1])
    queries = [
        _select(apps.get_model(label), label, reference_path(label)[0], pk__in=ids)
        for label, ids in sorted(wanted.items())
    ]
    found = {}
    for label, pk, ref in _rows(queries):
        key = _key(label, pk)
        if key:
            found[key] = (ref, reference_path(label)[1])
    return found


def lookup(found: dict, event: AuditEvent) -> tuple[str, str] | None:
    key = _key(event.object_type, event.object_id) if reference_path(event.object_type) else None
    return found.get(key) if key else None


def reference_filter(reference: str) -> Q:
    """Events on any record of the case with this reference (review or notification): one
    query finds the records, whatever their kind."""
    queries = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if found := reference_path(label):
            queries.append(_select(model, label, found[0], **{f"{found[0]}__iexact": reference}))
    by_type: dict[str, list[str]] = {}
    for label, pk, _ in _rows(queries):
        if key := _key(label, pk):
            by_type.setdefault(label, []).append(key[1])
    condition = Q(pk__in=[])
    for label, ids in by_type.items():
        condition |= Q(object_type=label, object_id__in=ids)
    return condition


@dataclass(frozen=True)
class Line:
    event: AuditEvent
    who: str
    text: str
    reference: str


def _what(event: AuditEvent, found: tuple[str, str] | None) -> str:
    if event.action.startswith(NO_OBJECT):
        return ""
    if found:
        ref, kind = found
        what = f"{kind} {ref}"
    elif event.object_type == "audit.auditevent":
        return "the audit log"
    elif event.object_type:
        try:
            name = apps.get_model(event.object_type)._meta.verbose_name
        except (LookupError, ValueError):
            name = event.object_type
        what = f"a {name} record"
    else:
        return ""
    page = (event.detail or {}).get("page") if event.action == "read" else None
    return f"the {page} page of {what}" if page and found else what


def _sentence(who: str, did: str, what: str) -> str:
    if not what:
        for joiner in JOINERS:
            did = did.removesuffix(joiner)
    return f"{who} {did} {what}".strip()


def describe(events: Sequence[AuditEvent]) -> list[Line]:
    """A line for each event, in two queries whatever their number: the actors' names,
    and the case references."""
    actor_ids = {e.actor_id for e in events if e.actor_id}
    names = {
        pk: f"{first} {last}".strip()
        for pk, first, last in get_user_model()
        ._base_manager.filter(pk__in=actor_ids)
        .values_list("pk", "first_name", "last_name")
    }
    refs = references(e for e in events if not e.action.startswith(NO_OBJECT))
    lines = []
    for event in events:
        who = names.get(event.actor_id) or event.actor_label or "Someone not signed in"
        found = lookup(refs, event)
        text = _sentence(who, phrase(event.action), _what(event, found))
        if event.outcome != Outcome.OK and event.action != "deny":
            text += f" ({event.get_outcome_display().lower()})"
        lines.append(Line(event, who, text, found[0] if found else ""))
    return lines
