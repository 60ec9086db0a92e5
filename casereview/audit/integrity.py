"""Checking the audit trail: the keyed chain, its head row, and the signed checkpoints."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from . import chain, checkpoints
from .checkpoints import Checkpoint
from .models import AuditEvent, AuditHead


class Verification(NamedTuple):
    checked: int  # events whose link and hash were checked, oldest first
    problem: str | None  # the first problem found, or None
    last_hash: str  # the hash of the last event checked


def verify_chain(checkpoints: Iterable[Checkpoint] = (), batch_size: int = 5000) -> Verification:
    """Walk the chain in order, checking each event's link and keyed hash, the head row, and
    that every checkpoint (signature valid) names the event at its position."""
    # The head is read first: events appended while the chain is walked come after it.
    head = AuditHead.objects.filter(pk=1).first()
    checkpoints = list(checkpoints)
    by_count: dict[int, list[Checkpoint]] = {}
    for checkpoint in checkpoints:
        if not checkpoint.is_signed():
            return Verification(0, f"{checkpoint.describe()} has a bad signature", chain.GENESIS)
        by_count.setdefault(checkpoint.count, []).append(checkpoint)
    for checkpoint in by_count.get(0, ()):
        if checkpoint.head != chain.GENESIS:
            return Verification(0, f"{checkpoint.describe()} does not match", chain.GENESIS)

    prev, checked = chain.GENESIS, 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=batch_size):
        if event.prev_hash != prev:
            problem = f"event {event.pk} does not follow the event before it"
            return Verification(checked, problem, prev)
        if event.compute_hash() != event.hash:
            return Verification(checked, f"event {event.pk} has been altered", prev)
        prev = event.hash
        checked += 1
        for checkpoint in by_count.get(checked, ()):
            if checkpoint.head != event.hash:
                problem = (
                    f"{checkpoint.describe()} does not match event {event.pk}: "
                    "events up to it have been removed, added or rewritten"
                )
                return Verification(checked, problem, prev)
        if head is not None and checked == head.count and head.last_hash != event.hash:
            return Verification(checked, f"the chain's head does not match event {event.pk}", prev)
    if head is not None and checked < head.count:
        missing = head.count - checked
        return Verification(
            checked, f"the chain ends early: {missing} newest event(s) missing", prev
        )
    for checkpoint in checkpoints:
        if checkpoint.count > checked:
            problem = (
                f"{checkpoint.describe()} counted more events than the chain now has "
                f"({checked}): events have been removed"
            )
            return Verification(checked, problem, prev)
    return Verification(checked, None, prev)


def verify_against_file(path: Path) -> tuple[Verification, int]:
    """The chain checked against every checkpoint in the file (the chain alone when there is
    no file), and how many checkpoints there were. OSError or CheckpointFileError when the
    file cannot be read."""
    known = checkpoints.read(path) if path.exists() else []
    return verify_chain(known), len(known)
