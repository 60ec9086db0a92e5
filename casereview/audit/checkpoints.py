"""Signed checkpoints of the audit chain's head, kept in a file outside the database.

One line per checkpoint: `<time> <events> <head hash> <signature>`, the signature an
HMAC-SHA256 under settings.AUDIT_HMAC_KEY of the other three. A checkpoint says "the chain
had this many events and the last one had this hash"; `casereview audit verify` checks
that it still does, so events removed or rewritten since (even by someone who holds the
key, if the file is out of their reach) are found.
"""

from __future__ import annotations

import hmac
import os
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from . import chain

HEX = frozenset("0123456789abcdef")


class CheckpointFileError(ValueError):
    pass


@dataclass(frozen=True)
class Checkpoint:
    at: str
    count: int
    head: str
    signature: str = ""
    line: int = 0

    def message(self) -> str:
        # The prefix keeps a checkpoint's signature from ever standing for an event's hash.
        return f"casereview-audit-checkpoint {self.at} {self.count} {self.head}"

    def is_signed(self) -> bool:
        return hmac.compare_digest(chain.sign(self.message()), self.signature)

    def describe(self) -> str:
        return f"the checkpoint on line {self.line} ({self.at}, {self.count} events)"


def make(count: int, head: str) -> Checkpoint:
    unsigned = Checkpoint(timezone.now().isoformat(timespec="seconds"), count, head)
    return Checkpoint(unsigned.at, count, head, chain.sign(unsigned.message()))


def _parse(number: int, text: str) -> Checkpoint:
    parts = text.split()
    if (
        len(parts) != 4
        or not parts[1].isdigit()
        or any(len(p) != 64 or not set(p) <= HEX for p in parts[2:])
    ):
        raise CheckpointFileError(f"line {number} is not a checkpoint: {text[:80]!r}")
    return Checkpoint(parts[0], int(parts[1]), parts[2], parts[3], number)


def read(path: Path) -> list[Checkpoint]:
    """Every checkpoint in the file, in order; blank lines are skipped."""
    with path.open(encoding="ascii", errors="replace") as lines:
        return [_parse(n, text) for n, text in enumerate(lines, 1) if text.strip()]


def append(path: Path, checkpoint: Checkpoint) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="ascii") as out:
        out.write(f"{checkpoint.at} {checkpoint.count} {checkpoint.head} {checkpoint.signature}\n")
        out.flush()
        os.fsync(out.fileno())
