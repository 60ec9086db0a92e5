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


CHILD_OUTCOMES = ("death", "serious_harm")
ABUSE_ANSWERS = ("known", "suspected", "not")
# The three outcomes every regime's screening has unless its file lists its own.
OUTCOME_LEVELS = ("required", "consider", "not_met")
KIND_OUTCOMES = {"must_review": "review_required", "must_consider": "review_to_consider"}


@dataclass(frozen=True)
class Criterion:
    """One screening criterion. A criterion with a letter is a box on the notification form
    and is met when it is ticked and its conditions hold; one without a letter is met when
    its conditions hold. Conditions left empty do not restrict."""

    id: str
    kind: str  # must_review | must_consider
    letter: str
    citation: str
    text: str
    # The screening outcome it leads to (an [[outcome]] id); by default its kind's.
    leads_to: str = ""
    # Conditions: the child's outcome, the abuse answer, other letters also ticked, a death
    # in custody or detention, a looked-after child.
    outcomes: tuple[str, ...] = ()
    abuse: tuple[str, ...] = ()
    with_letters: tuple[str, ...] = ()
    custody: bool = False
    looked_after: bool = False
    # Refusals on the form: ticked with abuse "not known or suspected" (the criterion is
    # itself abuse or neglect), or with another outcome than this one.
    implies_abuse: bool = False
    only_with_outcome: str = ""

    @property
    def outcome_id(self) -> str:
        return self.leads_to or KIND_OUTCOMES[self.kind]


@dataclass(frozen=True)
class ScreeningOutcome:
    """A result screening can give: the regime's own (e.g. notify the national panel and
    hold a rapid review) or one of review_required, review_to_consider, criteria_not_met.
    `level` says how the rest of the service treats it; the not_met outcome carries the
    citation and text shown when no criterion is met."""

    id: str
    label: str
    level: str
    citation: str = ""
    text: str = ""


DEFAULT_OUTCOMES = (
    ScreeningOutcome("review_required", "A serious case review is required", "required"),
    ScreeningOutcome("review_to_consider", "A serious case review is to be considered", "consider"),
    ScreeningOutcome("criteria_not_met", "The criteria are not met", "not_met"),
)


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
    outcomes: tuple[ScreeningOutcome, ...] = DEFAULT_OUTCOMES
    # A short name for pages and tables ("Working Together 2018"); the title if none.
    name: str = ""
    digest: str = field(default="", compare=False)

    @property
    def display_name(self) -> str:
        return self.name or self.title

    def screening_outcome(self, outcome_id: str) -> ScreeningOutcome:
        return next(o for o in self.outcomes if o.id == outcome_id)

    @property
    def not_met(self) -> ScreeningOutcome:
        return next(o for o in self.outcomes if o.level == "not_met")

    @property
    def letters(self) -> dict[str, Criterion]:
        """The criteria a referrer ticks on the form, by letter."""
        return {c.letter: c for c in self.criteria if c.letter}

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
                _criterion_from_data({**c, "citation": provenance.governing(c["citation"])})
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
            outcomes=tuple(
                ScreeningOutcome(**{**o, "citation": provenance.governing(o.get("citation", ""))})
                for o in data["outcomes"]
            )
            if "outcomes" in data
            else _legacy_outcomes(data),
            name=data.get("name", ""),
            digest=digest_of(data),
        )


def _criterion_from_data(entry: dict) -> Criterion:
    entry = dict(entry)
    for key in ("outcomes", "abuse", "with_letters"):
        entry[key] = tuple(entry.get(key, ()))
    if "leads_to" not in entry and entry["kind"] == "must_review" and not entry["letter"]:
        # Versions stored before criteria carried conditions: the must-review criterion was
        # always a death with abuse or neglect known or suspected.
        entry["outcomes"] = entry["outcomes"] or ("death",)
        entry["abuse"] = entry["abuse"] or ("known", "suspected")
    return Criterion(**entry)


def _legacy_outcomes(data: dict) -> tuple[ScreeningOutcome, ...]:
    citation = next((c["citation"] for c in data["criteria"] if c["kind"] == "must_review"), "")
    required, consider, not_met = DEFAULT_OUTCOMES
    return (
        required,
        consider,
        ScreeningOutcome(
            not_met.id,
            not_met.label,
            not_met.level,
            citation.split(" (")[0],
            "No criterion for a review is met.",
        ),
    )


def digest_of(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def predicate_terms(applies: str) -> list[list[str]]:
    """`applies` as alternatives of predicates that must all hold: `a & b | c` is
    `(a and b) or c` ('&' binds tighter than '|'; there are no parentheses)."""
    return [[name.strip() for name in term.split("&")] for term in applies.split("|")]


def predicate_names(applies: str) -> list[str]:
    """Every predicate `applies` names, in order, each once."""
    return list(dict.fromkeys(n for term in predicate_terms(applies) for n in term))


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
    outcomes = _parse_outcomes(raw, name)
    criteria = _parse_criteria(raw, name, {o.id: o for o in outcomes})
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
        for predicate in (n for t in predicate_terms(entry["applies"]) for n in t):
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
        outcomes=outcomes,
        name=str(raw.get("name", "")).strip(),
    )
    return Regime.from_data(regime.to_data())


def _parse_outcomes(raw: dict, name: str) -> tuple[ScreeningOutcome, ...]:
    entries = raw.get("outcome")
    if not entries:
        if raw.get("criterion"):
            raise RegimeError(f"{name}: no [[outcome]] entries: its criteria need outcomes")
        return DEFAULT_OUTCOMES  # a regime without screening
    outcomes = []
    for i, entry in enumerate(entries, start=1):
        where = f"{name}: outcome {entry.get('id') or f'#{i}'}"
        _require(entry, ("id", "label", "level"), where)
        if entry["level"] not in OUTCOME_LEVELS:
            raise RegimeError(f"{where}: level must be one of {', '.join(OUTCOME_LEVELS)}")
        if entry["id"] in {o.id for o in outcomes}:
            raise RegimeError(f"{where}: the id is used twice")
        if entry["level"] == "not_met":
            _require(entry, ("citation", "text"), where)
        outcomes.append(
            ScreeningOutcome(
                id=entry["id"],
                label=entry["label"].strip(),
                level=entry["level"],
                citation=entry.get("citation", ""),
                text=" ".join(entry.get("text", "").split()),
            )
        )
    if [o.level for o in outcomes].count("not_met") != 1:
        raise RegimeError(f'{name}: exactly one outcome must have level = "not_met"')
    if outcomes[-1].level != "not_met":
        raise RegimeError(f"{name}: the not_met outcome comes last (outcomes are in priority)")
    return tuple(outcomes)


def _strings(entry: dict, key: str, allowed: tuple[str, ...] | None, where: str) -> tuple:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RegimeError(f"{where}: {key} must be a list of strings")
    if allowed is not None:
        for v in value:
            if v not in allowed:
                raise RegimeError(f"{where}: {key}: unknown '{v}' ({', '.join(allowed)})")
    return tuple(value)


def _parse_criteria(raw: dict, name: str, outcomes: dict) -> list[Criterion]:
    criteria: list[Criterion] = []
    entries = raw.get("criterion", [])
    letters = {e.get("letter") for e in entries if e.get("letter")}
    for i, entry in enumerate(entries, start=1):
        where = f"{name}: criterion {entry.get('id') or f'#{i}'}"
        _require(entry, ("id", "kind", "citation", "text"), where)
        if entry["kind"] not in KIND_OUTCOMES:
            raise RegimeError(f"{where}: kind must be must_review or must_consider")
        if entry["id"] in {c.id for c in criteria}:
            raise RegimeError(f"{where}: the id is used twice")
        letter = entry.get("letter", "")
        if letter and letter in {c.letter for c in criteria}:
            raise RegimeError(f"{where}: letter '{letter}' is used twice")
        leads_to = entry.get("leads_to", "")
        target = outcomes.get(leads_to or KIND_OUTCOMES[entry["kind"]])
        if target is None:
            raise RegimeError(
                f"{where}: leads to unknown outcome '{leads_to or KIND_OUTCOMES[entry['kind']]}'"
            )
        if target.level == "not_met":
            raise RegimeError(f"{where}: a criterion cannot lead to the not_met outcome")
        flags = {}
        for key in ("custody", "looked_after", "implies_abuse"):
            flags[key] = entry.get(key, False)
            if not isinstance(flags[key], bool):
                raise RegimeError(f"{where}: {key} must be true or false")
        only_with = entry.get("only_with_outcome", "")
        if only_with and only_with not in CHILD_OUTCOMES:
            raise RegimeError(f"{where}: only_with_outcome must be one of {CHILD_OUTCOMES}")
        if (flags["implies_abuse"] or only_with) and not letter:
            raise RegimeError(f"{where}: only a criterion with a letter can refuse answers")
        with_letters = _strings(entry, "with_letters", None, where)
        for other in with_letters:
            if other not in letters:
                raise RegimeError(f"{where}: with_letters names unknown letter '{other}'")
        criteria.append(
            Criterion(
                id=entry["id"],
                kind=entry["kind"],
                letter=letter,
                citation=entry["citation"],
                text=" ".join(entry["text"].split()),
                leads_to=leads_to,
                outcomes=_strings(entry, "outcomes", CHILD_OUTCOMES, where),
                abuse=_strings(entry, "abuse", ABUSE_ANSWERS, where),
                with_letters=with_letters,
                only_with_outcome=only_with,
                **flags,
            )
        )
    return criteria


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
