"""The agency report's chronology of involvement: a link to the agency's chronology and its
entry count (issue 11), where the report once had a free-text summary.

The chronology app sits above reviews, so it registers its reader here in its `ready()`;
without a registered reader (the chronology app not installed) the report shows no link and
submitting it needs no chronology."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ChronologyLink:
    url: str
    entries: int
    status: str
    submitted: bool


# (report) -> the link to its agency's chronology for the report's review.
Reader = Callable[[Any], ChronologyLink]

_reader: Reader | None = None
NO_ENTRY = (
    "Add at least one entry to the agency's chronology before you submit the report: the "
    "report's chronology of involvement is that chronology"
)


def register_chronology_reader(reader: Reader | None) -> None:
    """Registering again replaces the reader (Django may run `ready()` more than once)."""
    global _reader
    _reader = reader


def chronology_of(report) -> ChronologyLink | None:
    return None if _reader is None else _reader(report)


def missing_chronology(report) -> str | None:
    """Why the report cannot go to the panel yet for want of a chronology, if it cannot: the
    agency's chronology needs at least one entry, unless the report was written with the
    free-text summary it had before."""
    link = chronology_of(report)
    if link is None or link.entries or (report.chronology_summary or "").strip():
        return None
    return NO_ENTRY
