"""Panels that higher apps add to the review's compliance page (the publication app: the
panel's quality self-assessment), registered in their `ready()`; this app imports none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict


# (user, review) -> Panel or None (nothing to show this user).
PanelSource = Callable[[object, object], Panel | None]
_sources: dict[str, PanelSource] = {}


def register_panel(name: str, source: PanelSource) -> None:
    """Registering the same name again replaces it (Django may run `ready()` twice)."""
    _sources[name] = source


def panels_for(user, review) -> list[Panel]:
    return [p for source in _sources.values() if (p := source(user, review)) is not None]
