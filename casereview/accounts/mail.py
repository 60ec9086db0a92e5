"""E-mails at the moments that start someone's work: a report requested, submitted or
returned, a decision awaited, advice due. One plain-text template per kind of event in
`templates/mail/<kind>.txt`, sent to the people holding a role in the board (agency authors
only of the agency concerned) or to one named person, after the change commits, so a change
that is rolled back tells nobody. Each e-mail sent is an EmailSent row (never its body).

The callers pass case and review references and a link only: no e-mail names the child or
anyone in the family. Lower layers (cases) and higher ones (reviews) both call tell().
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import EmailSent, Membership
from .roles import Role

log = logging.getLogger("casereview.mail")
_silenced: ContextVar[bool] = ContextVar("casereview_mail_silenced", default=False)


@contextmanager
def silenced() -> Iterator[None]:
    """Tell nobody of what happens inside: the synthetic data generator runs the services
    for thousands of made-up events that are nobody's work."""
    token = _silenced.set(True)
    try:
        yield
    finally:
        _silenced.reset(token)


@dataclass(frozen=True)
class Kind:
    subject: str
    told: str  # who is told, in words, for the board's page
    when: str


KINDS: dict[str, Kind] = {
    "report_requested": Kind(
        "An agency report has been requested",
        f"{Role.AGENCY_AUTHOR.label}s of the agency asked",
        "an agency is asked for its report",
    ),
    "report_submitted": Kind(
        "An agency report is ready for the panel",
        f"{Role.PANEL_CHAIR.label}s",
        "an agency submits its report",
    ),
    "report_returned": Kind(
        "Your agency report has been returned",
        f"{Role.AGENCY_AUTHOR.label}s of the report's agency, with the reasons",
        "the panel returns a report",
    ),
    "decision_awaited": Kind(
        "A decision is awaited",
        f"{Role.BOARD_CHAIR.label}s",
        "the panel records its recommendation on a notification",
    ),
    "advice_due": Kind(
        "You have been appointed: your advice is due",
        "The independent expert appointed",
        "an independent expert is appointed to a review",
    ),
}


def tell(
    kind: str,
    *,
    board_id: int,
    obj,
    reference: str,
    link: str,
    role: str = "",
    agency_id: int | None = None,
    user=None,
    extra: dict | None = None,
) -> None:
    """E-mail, once the current transaction commits, the holders of `role` in the board (of
    `agency_id` when given) or the one `user`, about `obj` (named by `reference`)."""
    if kind not in KINDS:
        raise KeyError(f"unknown e-mail kind {kind!r}")
    if _silenced.get():
        return
    transaction.on_commit(
        partial(
            _send,
            kind,
            board_id=board_id,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            reference=reference,
            link=link,
            role=role,
            agency_id=agency_id,
            user_id=getattr(user, "pk", None),
            extra=extra or {},
        )
    )


def recipients(board_id: int, role: str, agency_id: int | None, user_id) -> list:
    people = Membership.objects.filter(board_id=board_id, user__is_active=True)
    if user_id is not None:
        people = people.filter(user_id=user_id)
    if role:
        people = people.filter(role=role)
    if agency_id is not None:
        people = people.filter(agency_id=agency_id)
    seen, out = set(), []
    for m in people.select_related("user").order_by("user_id"):
        if m.user_id not in seen and m.user.email:
            seen.add(m.user_id)
            out.append(m.user)
    return out


def _send(
    kind, *, board_id, object_type, object_id, reference, link, role, agency_id, user_id, extra
):
    subject = f"Serious case reviews: {KINDS[kind].subject} ({reference})"
    sent = []
    for person in recipients(board_id, role, agency_id, user_id):
        body = render_to_string(f"mail/{kind}.txt", {"reference": reference, "link": link, **extra})
        try:
            EmailMessage(subject, body, to=[person.email]).send()
        except Exception as error:  # a mail failure must not undo or break the change
            log.warning(
                "E-mail %s about %s %s to user %s failed: %s",
                kind,
                object_type,
                object_id,
                person.pk,
                type(error).__name__,
            )
            continue
        sent.append(
            EmailSent(
                board_id=board_id,
                kind=kind,
                recipient=person,
                object_type=object_type,
                object_id=object_id,
                reference=reference,
                sent_at=timezone.now(),
            )
        )
    EmailSent.objects.bulk_create(sent)
