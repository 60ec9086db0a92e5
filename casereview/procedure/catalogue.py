"""The regimes this installation knows, and the versions cases started under."""

from __future__ import annotations

from functools import cache

from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils.module_loading import autodiscover_modules

from .models import RegimeVersion
from .regime import Regime, RegimeError, load_all

_current: dict[str, Regime] = {}


def load() -> None:
    """Read and validate every regime file (called once at start-up)."""
    autodiscover_modules("checks")
    try:
        regimes = load_all()
    except RegimeError as error:
        raise ImproperlyConfigured(f"Invalid regime file: {error}") from None
    _current.clear()
    _current.update(regimes)


def current(regime_id: str) -> Regime:
    try:
        return _current[regime_id]
    except KeyError:
        raise RegimeError(f"unknown regime '{regime_id}'") from None


def choices() -> list[tuple[str, str]]:
    return [(r.id, r.title) for r in sorted(_current.values(), key=lambda r: r.id)]


def start(regime_id: str) -> Regime:
    """The regime a new case starts under: its current version, recorded once."""
    regime = current(regime_id)
    stored = RegimeVersion.objects.filter(regime=regime.id, version=regime.version).first()
    if stored is None:
        try:
            with transaction.atomic():
                RegimeVersion.objects.create(
                    regime=regime.id,
                    version=regime.version,
                    digest=regime.digest,
                    content=regime.to_data(),
                )
        except IntegrityError:
            stored = RegimeVersion.objects.get(regime=regime.id, version=regime.version)
    if stored is not None and stored.digest != regime.digest:
        raise RegimeError(
            f"{regime.id}.toml: version {regime.version} was changed after cases started "
            "under it; give the edited file a new version"
        )
    return regime


def version_of(regime_id: str, version: str) -> Regime:
    """The regime exactly as a case started under it."""
    regime = _current.get(regime_id)
    if regime is not None and regime.version == version:
        return regime
    return _stored(regime_id, version)


@cache
def _stored(regime_id: str, version: str) -> Regime:
    row = RegimeVersion.objects.filter(regime=regime_id, version=version).first()
    if row is None:
        raise RegimeError(f"no record of regime '{regime_id}' version '{version}'")
    return Regime.from_data(row.content)


def display_name(regime_id: str, version: str = "") -> str:
    """The regime's name as users read it (never its file's name), for the version a case
    runs under, or the current one."""
    try:
        regime = version_of(regime_id, version) if version else current(regime_id)
    except RegimeError:
        regime = _current.get(regime_id)
    return regime.display_name if regime is not None else regime_id
