"""The eight columns of a chronology, matched by header name (case, spacing and punctuation
ignored, common synonyms accepted); extra columns are ignored, any order is fine."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    required: bool
    synonyms: tuple[str, ...]


COLUMNS = (
    Column("date", "Date", True, ("date", "dateofevent", "eventdate", "dateandtime", "datetime",
                                   "dateofcontact", "when")),
    Column("agency", "Agency", False, ("agency", "agencyname", "organisation", "organization")),
    Column("source_ref", "Source record reference", False,
           ("sourcerecordreference", "sourcereference", "sourceref", "recordreference",
            "recordref", "reference", "ref", "sourcerecord")),
    Column("practitioner_role", "Practitioner role", False,
           ("practitionerrole", "role", "practitioner", "staffrole", "professionalrole")),
    Column("event", "Event or contact", True,
           ("eventorcontact", "event", "contact", "eventcontact", "eventdetails",
            "description", "details")),
    Column("decision", "Decision or action", False,
           ("decisionoraction", "decision", "action", "decisionaction", "actiontaken",
            "decisionsoractions")),
    Column("child_seen", "Child seen", False,
           ("childseen", "wasthechildseen", "childseenyesnounknown", "seen")),
    Column("analysis", "Agency analysis", False,
           ("agencyanalysis", "analysis", "agencycomment", "comment", "comments")),
)  # fmt: skip
BY_KEY = {c.key: c for c in COLUMNS}


def normalise(header) -> str:
    return re.sub(r"[^a-z0-9]", "", str(header or "").casefold())


class HeaderProblem(ValueError):
    """The first row does not name the columns the import needs."""


def match_headers(headers) -> dict[str, int]:
    """Column key -> position in the row; HeaderProblem if a required column is missing or a
    column is given twice."""
    lookup = {synonym: c.key for c in COLUMNS for synonym in c.synonyms}
    found: dict[str, int] = {}
    for position, header in enumerate(headers):
        key = lookup.get(normalise(header))
        if key is None:
            continue
        if key in found:
            raise HeaderProblem(
                f"Two columns are headed as '{BY_KEY[key].title}': keep only one of them"
            )
        found[key] = position
    missing = [c.title for c in COLUMNS if c.required and c.key not in found]
    if missing:
        raise HeaderProblem(
            "The first row must name the columns; no column is headed "
            + " or ".join(f"'{m}'" for m in missing)
            + " (download the template to see the headings)"
        )
    return found
