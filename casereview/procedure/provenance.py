"""What users read of a rule, and where its wording came from.

Users see the governing citation: the board's clause ("Rotherham 19.3") or the Working
Together paragraph ("WT2013 chapter 4"). Where the wording came from (other boards'
procedures consulted, the domain notes, "[unverified]") is for administrators: it sits in
the regime file's comments (`# Provenance: ...`), which `notes()` reads for the procedure
page. Pure Python, no Django.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

# Square brackets are always notes; a parenthesis after a space is a note unless it is a
# clause's letter or number: "Rotherham 19.1 (a)", "(2)", "(iv)".
_BRACKETS = re.compile(r"\s*\[[^\]]*\]")
_PARENS = re.compile(r"\s+\(([^()]*)\)")
_CLAUSE_PART = re.compile(r"[a-z]|[0-9]+|[ivx]+")
# Sources that are provenance wherever they appear in a `why`.
MARKERS = (
    "unverified",
    "DOMAIN.md",
    "Rotherham",
    "Oxfordshire",
    "Solihull",
    "London",
    "Knowsley",
    "Community Care",
    "Hansard",
)


def _has_marker(text: str) -> bool:
    return any(marker.lower() in text.lower() for marker in MARKERS)


def split_citation(citation: str) -> tuple[str, list[str]]:
    """(the governing citation, the provenance notes taken out of it)."""
    notes = [m.group(0).strip()[1:-1].strip() for m in _BRACKETS.finditer(citation)]
    text = _BRACKETS.sub("", citation)

    def keep_or_note(match: re.Match) -> str:
        inner = match.group(1).strip()
        if _CLAUSE_PART.fullmatch(inner):
            return match.group(0)
        notes.append(inner)
        return ""

    text = _PARENS.sub(keep_or_note, text)
    return " ".join(text.split()), notes


def split_why(why: str) -> tuple[str, list[str]]:
    """(the reason users read, the provenance notes taken out of it): bracketed notes,
    parentheses naming a source, and sentences or clauses about the domain notes."""
    notes = [m.group(0).strip()[1:-1].strip() for m in _BRACKETS.finditer(why)]
    text = _BRACKETS.sub("", why)

    def keep_or_note(match: re.Match) -> str:
        if _has_marker(match.group(1)):
            notes.append(match.group(1).strip())
            return ""
        return match.group(0)

    text = _PARENS.sub(keep_or_note, text)
    kept = []
    for clause in re.split(r"(?<=[;.])\s+", text):
        if "DOMAIN.md" in clause or "unverified" in clause.lower():
            notes.append(clause.strip().rstrip(";."))
        else:
            kept.append(clause)
    text = " ".join(" ".join(kept).split())
    if text.endswith(";"):
        text = text[:-1] + "."
    return text, notes


def governing(citation: str) -> str:
    return split_citation(citation)[0]


def user_why(why: str) -> str:
    return split_why(why)[0]


@dataclass
class Notes:
    """The comments of a regime file: its opening notes, and those of each entry (an
    obligation or criterion by id, a setting by name)."""

    header: list[str] = field(default_factory=list)
    entries: dict[str, list[str]] = field(default_factory=dict)
    settings: dict[str, list[str]] = field(default_factory=dict)


_HEADER = re.compile(r"\[\[?\s*([A-Za-z_]+)\s*\]\]?")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)")


def notes(path: Path) -> Notes:
    """Comments above an entry's header or among its keys belong to that entry; a comment
    above a setting belongs to that setting; a separator line ("# --- ...") to none."""
    found = Notes()
    pending: list[str] = []
    section: str | None = None
    entry: list[str] | None = None
    in_header = True
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#"):
            comment = line.lstrip("#").strip()
            if in_header:
                if comment:
                    found.header.append(comment)
            elif comment and not comment.startswith("---"):
                pending.append(comment)
            continue
        if in_header and not line:
            continue
        in_header = False
        if not line:
            continue
        if header := _HEADER.fullmatch(line):
            section = header.group(1)
            entry = list(pending) if line.startswith("[[") else None
            pending = []
            continue
        key = _KEY.match(line)
        if key is None:
            continue
        if section == "settings":
            found.settings[key.group(1)] = pending
        elif entry is not None:
            entry.extend(pending)
            if key.group(1) == "id":
                found.entries[key.group(2).strip().strip('"')] = entry
        pending = []
    return found


def file_notes(path: Path) -> Notes:
    """Everything an administrator should know of where a regime file's rules come from:
    its comments, and any notes still written inside a citation or a reason (a file edited
    since the notes were moved to comments)."""
    found = notes(path)
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    for entry in [*raw.get("criterion", []), *raw.get("obligation", [])]:
        inline = split_citation(entry.get("citation", ""))[1] + split_why(entry.get("why", ""))[1]
        if inline and entry.get("id"):
            found.entries.setdefault(entry["id"], []).extend(inline)
    return found
