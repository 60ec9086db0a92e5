"""Who opens the review when the chair decides to hold one.

The reviews app sits above cases and so cannot be imported here: it registers the function
that opens a review (in its `ready()`), and the decision service calls it directly, in the
decision's transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

ReviewOpener = Callable[..., Any]  # (decision, *, actor) -> the opened Review

_opener: ReviewOpener | None = None


def register_review_opener(opener: ReviewOpener) -> None:
    """Make `opener` the one function that opens a review; registering again replaces it
    (Django may run `ready()` more than once)."""
    global _opener
    _opener = opener


def open_review(decision, *, actor) -> Any:
    if _opener is None:
        raise ImproperlyConfigured(
            "No review opener is registered: is casereview.reviews in INSTALLED_APPS?"
        )
    return _opener(decision, actor=actor)
