"""The identifier register: the terms to take out of a text and what each becomes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

KINDS = ("person", "dob", "address", "school", "date", "org", "phone", "nhs_number")
# Roles of children: each gets a letter ("Child A", "Child B"), in register order.
CHILD_ROLES = {"child", "subject", "subject child", "sibling", "brother", "sister", "half-sibling"}


class RegisterError(ValueError):
    """A register that cannot be used, with a message for the person who wrote it."""


@dataclass(frozen=True)
class Term:
    kind: str
    value: str
    role: str = ""
    aliases: tuple[str, ...] = field(default_factory=tuple)


def parse_date(value: str) -> date | None:
    """A register date: ISO (2019-03-14) or day first (14/03/2019, 14.03.2019, 14-03-2019)."""
    value = value.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    for sep in "/.-":
        parts = value.split(sep)
        if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[2]) == 4:
            try:
                return date(int(parts[2]), int(parts[1]), int(parts[0]))
            except ValueError:
                return None
    return None


def terms_from_json(data: object) -> list[Term]:
    """The terms of {"register": [{"kind", "value", "role", "aliases"}]}, or RegisterError."""
    if not isinstance(data, dict) or not isinstance(data.get("register"), list):
        raise RegisterError('the register must be an object with a "register" list')
    terms = []
    for number, item in enumerate(data["register"], start=1):
        where = f"register entry {number}"
        if not isinstance(item, dict):
            raise RegisterError(f"{where}: must be an object")
        unknown = set(item) - {"kind", "value", "role", "aliases"}
        if unknown:
            raise RegisterError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        kind, value = item.get("kind"), item.get("value")
        if kind not in KINDS:
            raise RegisterError(f"{where}: kind must be one of {', '.join(KINDS)}")
        if not isinstance(value, str) or not value.strip():
            raise RegisterError(f"{where}: value must be a non-empty string")
        role = item.get("role", "")
        aliases = item.get("aliases", [])
        if not isinstance(role, str):
            raise RegisterError(f"{where}: role must be a string")
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise RegisterError(f"{where}: aliases must be a list of strings")
        if kind in ("dob", "date") and parse_date(value) is None:
            raise RegisterError(f"{where}: {value!r} is not a date (use 2019-03-14 or 14/03/2019)")
        terms.append(
            Term(
                kind,
                value.strip(),
                role.strip().lower(),
                tuple(a.strip() for a in aliases if a.strip()),
            )
        )
    return terms


def load(path: str) -> list[Term]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise RegisterError(f"cannot read the register {path}: {error.strerror}") from error
    except (ValueError, UnicodeDecodeError) as error:
        raise RegisterError(f"the register {path} is not valid JSON: {error}") from error
    return terms_from_json(data)


def labels(terms: list[Term]) -> dict[Term, str]:
    """Each term's consistent replacement: children by letter, adults by role, places numbered."""
    result: dict[Term, str] = {}
    letters = iter("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    adults = iter("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    roles_seen: dict[str, int] = {}
    counts: dict[str, int] = {}
    fixed = {
        "dob": "[date of birth]",
        "address": "[address]",
        "phone": "[phone number]",
        "nhs_number": "[NHS number]",
    }
    for term in terms:
        if term.kind == "person":
            if term.role in CHILD_ROLES:
                result[term] = f"Child {next(letters)}"
            elif term.role:
                roles_seen[term.role] = roles_seen.get(term.role, 0) + 1
                n = roles_seen[term.role]
                result[term] = f"the {term.role}" if n == 1 else f"the {term.role} ({n})"
            else:
                result[term] = f"Adult {next(adults)}"
        elif term.kind in ("school", "org"):
            counts[term.kind] = counts.get(term.kind, 0) + 1
            noun = "School" if term.kind == "school" else "Organisation"
            result[term] = f"{noun} {counts[term.kind]}"
        elif term.kind in fixed:
            result[term] = fixed[term.kind]
        # "date": coarsened to month and year where found (patterns.py), no fixed label.
    return result
