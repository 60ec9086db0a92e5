"""Named predicates, checks and anchors that regime files refer to.

Each domain app registers the ones over its own data in its `checks.py`; the engine
imports no domain app. Every function works on a batch of cases (notifications, each
possibly with a review) so that evaluating thousands of reviews costs a few queries:

- a predicate returns the set of case ids it holds for;
- a check returns {case id: Evidence} for the cases where the obligation is satisfied;
- an anchor returns {case id: date} for the cases where the event has happened (or a
  Clock, its own start and duration for that case);
- a pause source returns {case id: [Pause, ...]};
- an unknown (registered beside a predicate of the same name) returns the set of case ids
  for which the predicate cannot be decided yet, because a fact it reads is recorded as
  "not known": an obligation it governs is then shown as undecided, never as not applicable.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, NamedTuple

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models.expressions import RawSQL
from django.urls import reverse

from .clocks import Duration, Pause
from .rows import CaseKeys


class Evidence(NamedTuple):
    """What satisfied an obligation: when, in words, and where to see it (a tuple: an
    evaluation at national scale makes a hundred thousand)."""

    on: date | None
    label: str
    url: str = ""


@dataclass(frozen=True)
class Clock:
    """What an anchor may give for a case instead of a date: the clock's own start and
    duration for that case, e.g. the regime's default completion period from the decision
    while no agreed completion date is recorded (pauses then count from `start`)."""

    start: date
    duration: Duration


Cases = Sequence[Any]
_PLACEHOLDER = "00000000-0000-4000-8000-000000000000"


def ids_expression(pks: list) -> Any:
    """The cases' ids as one query parameter, for `field__in=`.

    A plain list makes Django prepare every id for every query: at national scale, thousands
    of ids times forty queries cost more than the queries. One JSON (SQLite) or array
    (PostgreSQL) parameter is unpacked by the database instead.
    """
    if not pks:
        return []
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::uuid[])", [[str(pk) for pk in pks]])
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps([pk.hex for pk in pks])])
    return pks


# A batch of at least this many ids is filtered through a temporary table on SQLite.
ID_TABLE_FROM = 1000
# The most id tables a connection keeps (the oldest is dropped first).
ID_TABLES_KEPT = 8


def batch_ids_expression(pks: list) -> Any:
    """`ids_expression(pks)` for the many reads of one evaluation batch.

    On SQLite, every read filtered through `json_each` parsed the whole list again and
    built a temporary index of it: at national scale, with some thirty reads of the same
    ten thousand case ids (and three thousand review ids), that was a fifth of the reading.
    A long list is put once into a temporary table (the connection's own, never written to
    the database file) keyed by the ids, which each read looks its rows up in. The table is
    named by a digest of the list, so that it only ever holds that list: building it again
    (after a rollback, or in a statement run twice) adds nothing, and two batches never share
    one. A connection keeps the last `ID_TABLES_KEPT`.
    """
    if connection.vendor != "sqlite" or len(pks) < ID_TABLE_FROM:
        return ids_expression(pks)
    values = json.dumps([pk.hex for pk in pks])
    # The table's name is a digest in hex: nothing from outside goes into the SQL text.
    name = "batch_ids_" + hashlib.blake2b(values.encode(), digest_size=10).hexdigest()
    database = connections[DEFAULT_DB_ALIAS]  # this thread's connection, not the proxy
    with database.cursor() as cursor:
        cursor.execute(
            f'CREATE TEMP TABLE IF NOT EXISTS "{name}" (id TEXT PRIMARY KEY) WITHOUT ROWID'
        )
        cursor.execute(
            f'INSERT OR IGNORE INTO temp."{name}" SELECT value FROM json_each(%s)',  # noqa: S608
            [values],
        )
        kept = database.__dict__.setdefault("_casereview_id_tables", [])
        if name in kept:
            kept.remove(name)
        kept.append(name)
        while len(kept) > ID_TABLES_KEPT:
            cursor.execute(f'DROP TABLE IF EXISTS temp."{kept.pop(0)}"')
    return RawSQL(f'SELECT id FROM temp."{name}"', [])  # noqa: S608, S611


class Batch(list):
    """The cases of one evaluation; `ids` is what predicates and checks filter on."""

    def __init__(self, cases: Iterable[Any]):
        super().__init__(cases)
        self.ids = batch_ids_expression([c.pk for c in self])
        self._memo: dict[str, Any] = {}

    def memo(self, key: str, load: Callable[[], Any]) -> Any:
        """Rows several predicates and checks read, loaded once per batch."""
        if key not in self._memo:
            self._memo[key] = load()
        return self._memo[key]


def shared(cases: Cases, key: str, load: Callable[[], Any]) -> Any:
    """`load()` once per batch when `cases` is a Batch; every time otherwise."""
    return cases.memo(key, load) if isinstance(cases, Batch) else load()


def case_ids(cases: Cases) -> Any:
    ids = getattr(cases, "ids", None)
    return ids if ids is not None else [c.pk for c in cases]


def case_keys(cases: Cases) -> CaseKeys:
    """The batch's case ids as the database driver returns them (rows.fetch), built once."""
    return shared(cases, "case_keys", lambda: CaseKeys(cases))


@cache
def _template(name: str) -> str:
    return reverse(name, args=[_PLACEHOLDER])


def link(name: str, pk: Any) -> str:
    """reverse(name, args=[pk]) for a URL with one id, without resolving it every time."""
    return _template(name).replace(_PLACEHOLDER, str(pk))


PredicateFn = Callable[[Cases], set]
CheckFn = Callable[[Cases], dict]
AnchorFn = Callable[[Cases], dict]
PauseFn = Callable[[Cases], dict]


@dataclass(frozen=True)
class Named:
    name: str
    fn: Callable
    description: str
    # For checks: where a user goes to satisfy it, given the case.
    where: Callable[[Any], str] | None = None


PREDICATES: dict[str, Named] = {}
CHECKS: dict[str, Named] = {}
ANCHORS: dict[str, Named] = {}
PAUSE_SOURCES: list[PauseFn] = []
# Per predicate: the cases where it cannot be decided yet; the description says what is
# missing ("the child's ethnicity is recorded").
UNKNOWNS: dict[str, Named] = {}
# Checks whose data arrives with a later part of the product: they find no evidence yet,
# and say where it will be recorded.
AWAITING: dict[str, str] = {}


def _register(table: dict, name: str, description: str, where=None):
    def decorator(fn):
        if name in table and table[name].fn is not fn:
            raise ValueError(f"{name!r} is registered twice")
        table[name] = Named(name, fn, description or (fn.__doc__ or "").strip(), where)
        return fn

    return decorator


def predicate(name: str, description: str = ""):
    return _register(PREDICATES, name, description)


def check(name: str, description: str = "", where: Callable[[Any], str] | None = None):
    return _register(CHECKS, name, description, where)


def anchor(name: str, description: str = ""):
    return _register(ANCHORS, name, description)


def unknown(name: str, description: str):
    """The cases where predicate `name` cannot be decided yet; `description` completes
    "Cannot be decided until ..."."""
    return _register(UNKNOWNS, name, description)


def pause_source(fn: PauseFn) -> PauseFn:
    if fn not in PAUSE_SOURCES:
        PAUSE_SOURCES.append(fn)
    return fn


def awaiting(names: Iterable[str], where: str) -> None:
    """Register checks that have no data yet; `where` names the feature that will record it."""
    for name in names:
        if name in CHECKS:
            continue
        AWAITING[name] = where
        CHECKS[name] = Named(name, lambda cases: {}, f"Recorded in {where} (not built yet)")


def pauses_for(cases: Cases) -> dict[Any, list[Pause]]:
    """Every case's pauses, from every pause source: read once per batch (the engine and
    the checks that work out deadlines of their own all ask)."""
    return shared(cases, "pauses", lambda: _pauses_of(cases))


def _pauses_of(cases: Cases) -> dict[Any, list[Pause]]:
    merged: dict[Any, list[Pause]] = {}
    for source in PAUSE_SOURCES:
        for case_id, pauses in source(cases).items():
            merged.setdefault(case_id, []).extend(pauses)
    return merged


@predicate("always", "Applies to every case")
def _always(cases: Cases) -> set:
    return {c.pk for c in cases}
