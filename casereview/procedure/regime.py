"""Regime files: the procedure as data (criteria, obligations, clocks, clause texts).

A regime file is TOML in `regimes/`. Loading it validates every entry against the
registry of named predicates, checks and anchors, and raises RegimeError naming the file
and the entry at fault, so that a bad file stops start-up instead of misleading users.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from casereview.accounts.models import Role

from . import provenance, registry
from .clocks import Duration

REGIME_DIR = Path(__file__).resolve().parent / "regimes"
STAGE_LABELS = {
    "notification": "When the board learns of the case",
    "decision": "The decision",
    "scoping": "Setting up the review",
    "family": "The family",
    "professionals": "Supporting professionals",
    "agency_reports": "Agency reports",
    "overview": "The overview",
    "learning": "Lessons and actions",
    "publication": "Publication",
    "national": "National learning",
}
STAGES = tuple(STAGE_LABELS)
SEVERITY_LABELS = {
    "statutory": "Required by the procedure",
    "expected": "Expected practice",
    "good_practice": "Good practice",
}
SEVERITIES = tuple(SEVERITY_LABELS)
OBLIGATION_ANCHOR = "obligation:"


class RegimeError(Exception):
    pass


@dataclass(frozen=True)
class Criterion:
    id: str
    kind: str  # must_review | must_consider
    letter: str
    citation: str
    text: str


@dataclass(frozen=True)
class Obligation:
    id: str
    stage: str
    text: str
    citation: str
    applies: str
    satisfied_by: str
    anchor: str
    due: str
    severity: str
    responsible: str
    # Each agency involved acts on it (secures its records, sends its report): the agency's
    # author reads the line on the compliance page beside the responsible role.
    agencies: bool = False
    why: str = ""
    quote: str = ""

    @property
    def clause(self) -> str:
        """The clause number cited first, e.g. "19.3" from "Rotherham 19.3"."""
        for token in self.citation.replace(",", " ").replace(";", " ").split():
            if token[:1].isdigit():
                return token.rstrip(".")
        return ""

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]

    @property
    def anchor_obligation(self) -> str | None:
        return (
            self.anchor.removeprefix(OBLIGATION_ANCHOR)
            if self.anchor.startswith(OBLIGATION_ANCHOR)
            else None
        )


@dataclass(frozen=True)
class Regime:
    id: str
    version: str
    title: str
    source: str
    settings: dict[str, str]
    clauses: dict[str, str]
    criteria: tuple[Criterion, ...]
    obligations: tuple[Obligation, ...]
    # A short name for pages and tables ("Working Together 2018"); the title if none.
    name: str = ""
    digest: str = field(default="", compare=False)

    @property
    def display_name(self) -> str:
        return self.name or self.title

    def duration(self, obligation: Obligation) -> Duration:
        text = obligation.due
        if text.startswith("setting:"):
            text = self.settings[text.removeprefix("setting:")]
        return Duration.parse(text)

    def obligation(self, obligation_id: str) -> Obligation:
        return next(o for o in self.obligations if o.id == obligation_id)

    def to_data(self) -> dict:
        data = asdict(self)
        data.pop("digest")
        return data

    @classmethod
    def from_data(cls, data: dict) -> Regime:
        """A regime from its stored form. Citations and reasons are read without notes on
        where their wording came from ("[unverified]", other boards' procedures), so that
        no version, however old, shows them to users (provenance.py)."""
        return cls(
            id=data["id"],
            version=data["version"],
            title=data["title"],
            source=data["source"],
            settings=dict(data["settings"]),
            clauses=dict(data["clauses"]),
            criteria=tuple(
                Criterion(**{**c, "citation": provenance.governing(c["citation"])})
                for c in data["criteria"]
            ),
            obligations=tuple(
                Obligation(
                    **{
                        **o,
                        "citation": provenance.governing(o["citation"]),
                        "why": provenance.user_why(o.get("why", "")),
                    }
                )
                for o in data["obligations"]
            ),
            name=data.get("name", ""),
            digest=digest_of(data),
        )


def digest_of(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def predicate_names(applies: str) -> list[str]:
    """`applies` names one predicate, or several joined by '&' that must all hold."""
    return [part.strip() for part in applies.split("&")]


def _require(entry: dict, keys: tuple[str, ...], where: str) -> None:
    for key in keys:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise RegimeError(f"{where}: '{key}' is missing or empty")


def parse(text: str, name: str) -> Regime:
    """Parse and validate a regime; `name` (the file) is named in every error."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RegimeError(f"{name}: not valid TOML: {error}") from None
    _require(raw, ("id", "version", "title", "source"), name)
    settings = {str(k): str(v) for k, v in raw.get("settings", {}).items()}
    for key, value in settings.items():
        try:
            Duration.parse(value)
        except ValueError as error:
            raise RegimeError(f"{name}: setting '{key}': {error}") from None
    clauses = {str(k): str(v).strip() for k, v in raw.get("clauses", {}).items()}
    criteria = []
    for i, entry in enumerate(raw.get("criterion", []), start=1):
        where = f"{name}: criterion {entry.get('id') or f'#{i}'}"
        _require(entry, ("id", "kind", "citation", "text"), where)
        if entry["kind"] not in ("must_review", "must_consider"):
            raise RegimeError(f"{where}: kind must be must_review or must_consider")
        criteria.append(
            Criterion(
                id=entry["id"],
                kind=entry["kind"],
                letter=entry.get("letter", ""),
                citation=entry["citation"],
                text=entry["text"].strip(),
            )
        )
    obligations = []
    seen: set[str] = set()
    for i, entry in enumerate(raw.get("obligation", []), start=1):
        where = f"{name}: obligation {entry.get('id') or f'#{i}'}"
        _require(
            entry,
            ("id", "stage", "text", "citation", "applies", "satisfied_by", "anchor", "due"),
            where,
        )
        if entry["id"] in seen:
            raise RegimeError(f"{where}: the id is used twice")
        seen.add(entry["id"])
        if entry["stage"] not in STAGES:
            raise RegimeError(f"{where}: unknown stage '{entry['stage']}' ({', '.join(STAGES)})")
        severity = entry.get("severity", "statutory")
        if severity not in SEVERITIES:
            raise RegimeError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
        responsible = entry.get("responsible", "board_manager")
        if responsible not in Role.values:
            raise RegimeError(f"{where}: unknown responsible role '{responsible}'")
        agencies = entry.get("agencies", False)
        if not isinstance(agencies, bool):
            raise RegimeError(f"{where}: agencies must be true or false")
        for predicate in predicate_names(entry["applies"]):
            if predicate not in registry.PREDICATES:
                raise RegimeError(f"{where}: unknown predicate '{predicate}'")
        if entry["satisfied_by"] not in registry.CHECKS:
            raise RegimeError(f"{where}: unknown check '{entry['satisfied_by']}'")
        anchor = entry["anchor"]
        if not anchor.startswith(OBLIGATION_ANCHOR) and anchor not in registry.ANCHORS:
            raise RegimeError(f"{where}: unknown anchor '{anchor}'")
        due = entry["due"]
        if due.startswith("setting:"):
            if due.removeprefix("setting:") not in settings:
                raise RegimeError(f"{where}: due refers to unknown setting '{due}'")
        else:
            try:
                Duration.parse(due)
            except ValueError as error:
                raise RegimeError(f"{where}: {error}") from None
        obligations.append(
            Obligation(
                id=entry["id"],
                stage=entry["stage"],
                text=entry["text"].strip(),
                citation=entry["citation"],
                applies=entry["applies"],
                satisfied_by=entry["satisfied_by"],
                anchor=anchor,
                due=due,
                severity=severity,
                responsible=responsible,
                agencies=agencies,
                why=entry.get("why", "").strip(),
                quote=" ".join(entry.get("quote", "").split()),
            )
        )
    _check_anchors(obligations, name)
    regime = Regime(
        id=raw["id"],
        version=str(raw["version"]),
        title=raw["title"],
        source=raw["source"],
        settings=settings,
        clauses=clauses,
        criteria=tuple(criteria),
        obligations=tuple(obligations),
        name=str(raw.get("name", "")).strip(),
    )
    return Regime.from_data(regime.to_data())


def _check_anchors(obligations: list[Obligation], name: str) -> None:
    by_id = {o.id: o for o in obligations}
    for o in obligations:
        target = o.anchor_obligation
        if target is not None and target not in by_id:
            raise RegimeError(
                f"{name}: obligation {o.id}: anchor names unknown obligation '{target}'"
            )
    for start in obligations:
        path = [start.id]
        current = start
        while (target := current.anchor_obligation) is not None:
            if target in path:
                cycle = " -> ".join([*path[path.index(target) :], target])
                raise RegimeError(f"{name}: obligation {start.id}: circular anchors: {cycle}")
            path.append(target)
            current = by_id[target]


def load_file(path: Path) -> Regime:
    return parse(path.read_text(encoding="utf-8"), path.name)


def load_all(directory: Path = REGIME_DIR) -> dict[str, Regime]:
    regimes: dict[str, Regime] = {}
    for path in sorted(directory.glob("*.toml")):
        regime = load_file(path)
        if regime.id != path.stem:
            raise RegimeError(f"{path.name}: id '{regime.id}' must match the file name")
        regimes[regime.id] = regime
    return regimes
