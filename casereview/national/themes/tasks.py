"""Background tasks of the theme tagger (Django's tasks API; the database backend in
production, run by `python -m casereview db_worker`)."""

from __future__ import annotations

from django.db import transaction
from django.tasks import task

from . import classifier, model_store


@task()
def train_with_confirmed() -> str:
    """Train the model of the shipped set and the tags confirmed now, and store it, unless
    the store already has it (several web processes may ask for the same one)."""
    from casereview.learning.suggestions import confirmed_examples, confirmed_version

    with transaction.atomic():
        version, examples = confirmed_version(), confirmed_examples()
    key = classifier.key_of(version)
    if not model_store.has(key):
        model_store.save(key, classifier.train(extra=examples))
    return key
